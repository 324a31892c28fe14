"""The date patterns of `models/date_patterns.jsonl`, matched on the document's word arrays.

In:  a `Doc` after the `communique_ruler` (the span ruler of the phrase patterns).
Out: the same `doc.spans["communique_ruler"]` with the DATE spans of the token patterns added,
     exactly as a span ruler holding those patterns too would leave it (no duplicates, sorted).

spaCy's `Matcher` calls a Python predicate for every `IN` list at every token: for these five
patterns, about 0.6 s of CPU per 1,000 documents. Here each word list becomes a set of string
hashes tested once per token, and only the tokens that can open a date are followed. The
patterns use a small part of the Matcher's language, which is all this module reads: token
specs on `LOWER`, `ORTH` or `SHAPE`, each a string or `{"IN": [...]}`, optionally with
`"OP": "?"`. Like the Matcher it returns every match, with and without each optional token.
`tests/test_date_spans.py` checks it against the Matcher.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from . import resources
from .guard import guarded

ATTRIBUTES = {"LOWER": LOWER, "ORTH": ORTH, "SHAPE": SHAPE}


@dataclass(frozen=True)
class TokenSpec:
    attribute: str
    hashes: frozenset[int]
    optional: bool


@dataclass(frozen=True)
class TokenPattern:
    label: str
    pattern_id: str
    specs: tuple[TokenSpec, ...]


def token_spec(spec: dict) -> TokenSpec:
    options = {key: value for key, value in spec.items() if key != "OP"}
    (attribute, value), *others = options.items()
    in_list = isinstance(value, dict) and list(value) == ["IN"]
    if others or attribute not in ATTRIBUTES or spec.get("OP", "?") != "?" or not (
        in_list or isinstance(value, str)
    ):
        raise ValueError(f"unsupported token spec: {spec}")
    words = value["IN"] if in_list else [value]
    return TokenSpec(attribute, frozenset(hash_string(w) for w in words), "OP" in spec)


def token_pattern(row: dict) -> TokenPattern:
    specs = tuple(token_spec(spec) for spec in row["pattern"])
    return TokenPattern(row["label"], row.get("id", ""), specs)


class DateSpans:
    def __init__(self, patterns: list[TokenPattern], spans_key: str):
        self.patterns = patterns
        self.spans_key = spans_key
        self.specs = {spec for pattern in patterns for spec in pattern.specs}
        self.wanted = {  # every hash a spec looks for, by attribute
            name: frozenset().union(*(s.hashes for s in self.specs if s.attribute == name))
            for name in ATTRIBUTES
        }

    @guarded("ner")
    def __call__(self, doc: Doc) -> Doc:
        found = set(self.spans(doc))
        if found:
            found.update(doc.spans.get(self.spans_key, []))
            doc.spans[self.spans_key] = sorted(found)
        return doc

    def spans(self, doc: Doc) -> Iterator[Span]:
        positions = self.positions(doc)
        for pattern in self.patterns:
            for start in opening_tokens(pattern.specs, positions):
                for end in match_ends(pattern.specs, positions, 0, start):
                    if end > start:
                        yield Span(
                            doc, start, end, label=pattern.label, span_id=pattern.pattern_id
                        )

    def positions(self, doc: Doc) -> dict[TokenSpec, set[int]]:
        """The tokens that pass each spec."""
        columns = doc.to_array(list(ATTRIBUTES.values())).T.tolist()
        candidates = {  # (position, hash) of the tokens that some spec may want
            attribute: [(i, value) for i, value in enumerate(column) if value in wanted]
            for (attribute, wanted), column in zip(self.wanted.items(), columns, strict=True)
        }
        return {
            spec: {i for i, value in candidates[spec.attribute] if value in spec.hashes}
            for spec in self.specs
        }


def opening_tokens(specs: tuple[TokenSpec, ...], positions: dict) -> list[int]:
    """The tokens where a match can start: those of the first spec, and of the specs after
    it as long as the ones before are optional."""
    starts: set[int] = set()
    for spec in specs:
        starts |= positions[spec]
        if not spec.optional:
            break
    return sorted(starts)


def match_ends(
    specs: tuple[TokenSpec, ...], positions: dict, index: int, position: int
) -> Iterator[int]:
    """Where a match of `specs[index:]` starting at token `position` can end."""
    if index == len(specs):
        yield position
        return
    spec = specs[index]
    if spec.optional:
        yield from match_ends(specs, positions, index + 1, position)
    if position in positions[spec]:
        yield from match_ends(specs, positions, index + 1, position + 1)


def date_patterns() -> list[dict]:
    return [dict(row) for row in resources.load("date_patterns.jsonl")]


@Language.factory("communique_dates")
def make_date_spans(nlp: Language, name: str, spans_key: str = "communique_ruler"):
    return DateSpans([token_pattern(row) for row in date_patterns()], spans_key)
