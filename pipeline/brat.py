"""Gold files: BRAT standoff (`NAME.ann` beside `NAME.txt`) -> validated `GoldDocument`s.

In:  a `.ann` file (or a folder of them) and the `.txt` it annotates.
Out: `GoldDocument(doc_id, text, spans, relations)`; any problem raises `GoldError` whose
     message is `file:line: reason` (`file: reason` when it concerns the whole file).

Accepted lines (see `docs/annotation.md`):

    T1<TAB>LABEL START END<TAB>span text
    R1<TAB>TYPE Arg1:T1 Arg2:T2
    #1<TAB>AnnotatorNotes R1<TAB>date=2024-05-03        (relation notes: read)
    #2<TAB>AnnotatorNotes T1<TAB>free text              (other notes: accepted, ignored)
    *<TAB>Equiv T1 T4 T9                                (one entity: read)

Relation notes: the `key=value` words of an `AnnotatorNotes` line on an `R` id (words
separated by spaces, key made of letters, digits and `_`, value without spaces) become that
relation's `notes` dict (`{"date": "2024-05-03"}`); other words of the note are ignored, and
a relation may have several notes. `date` must be `YYYY-MM-DD` or `none` (the gold says the
text gives no date). Notes on `T` spans, notes of another kind than `AnnotatorNotes`, and
free text are accepted and ignored.

Blank lines are ignored; a trailing `\\r` on a line of the `.ann` is dropped. Everything
else is an error: an unknown entity label or relation type, a malformed line, offsets
outside the text or with START >= END, a discontinuous span (`0 5;7 9`, not supported),
span text that differs from the `.txt` at those offsets, a relation to a missing span id,
a note on a missing relation id, a malformed `date` note or two different values of one key
for one relation, an id used twice, a `.ann` without its `.txt`.

Text decoding is the pipeline's (`pipeline.clean.decode`) for UTF-8 files: the bytes are
decoded as strict UTF-8 and a leading byte-order mark (U+FEFF) is dropped, so offsets count
the characters a person sees. Line ends are kept as they are (`\\r\\n` stays two characters;
no universal-newline translation). A `.txt` that is not valid UTF-8 is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

ENTITY_LABELS = ("PERSON", "RANK", "TITLE", "ORG", "GPE", "LOC", "DATE")
RELATION_TYPES = ("RECEIVED", "MET", "ATTENDED", "HAS_RANK", "HAS_TITLE", "AFFILIATED_WITH")

BOM = "\ufeff"
SPAN_ID = re.compile(r"T\d+")
RELATION_ID = re.compile(r"R\d+")
NOTE_ID = re.compile(r"#\d*")
OFFSETS = re.compile(r"(-?\d+) (-?\d+)")
RELATION_BODY = re.compile(r"(\S+) Arg1:(\S+) Arg2:(\S+)")
NOTE_WORD = re.compile(r"(\w+)=(\S+)")
NOTE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|none")


class GoldError(ValueError):
    """An invalid gold file. `str(error)` is `file:line: reason`."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Span:
    id: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    head_id: str
    tail_id: str
    notes: dict[str, str] = field(default_factory=dict, hash=False)  # {"date": "2024-05-03"}


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    equivalences: list[tuple[str, ...]] = field(default_factory=list)  # `Equiv` span groups

    def span(self, span_id: str) -> Span:
        """The span with this id (KeyError when absent)."""
        for span in self.spans:
            if span.id == span_id:
                return span
        raise KeyError(span_id)


def read_text(path: Path) -> str:
    """Decode a file as the pipeline does for UTF-8: strict UTF-8, a leading BOM dropped."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GoldError(path, None, f"not valid UTF-8 (byte {error.start})") from error
    return text[1:] if text.startswith(BOM) else text


def _parse_span(path: Path, number: int, fields: list[str], text: str) -> Span:
    span_id = fields[0]
    if not SPAN_ID.fullmatch(span_id):
        raise GoldError(path, number, f"malformed span id {span_id!r} (expected T<number>)")
    if len(fields) != 3:
        raise GoldError(path, number, "malformed span line: expected 'ID<TAB>LABEL START END"
                                      "<TAB>TEXT'")
    label, _, offsets = fields[1].partition(" ")
    if label not in ENTITY_LABELS:
        raise GoldError(path, number, f"unknown entity label {label!r} "
                                      f"(allowed: {' '.join(ENTITY_LABELS)})")
    if ";" in offsets:
        raise GoldError(path, number, f"discontinuous span {offsets!r} is not supported")
    match = OFFSETS.fullmatch(offsets)
    if match is None:
        raise GoldError(path, number, f"malformed offsets {offsets!r} (expected 'START END')")
    start, end = int(match.group(1)), int(match.group(2))
    if start >= end:
        raise GoldError(path, number, f"span start {start} is not before its end {end}")
    if start < 0 or end > len(text):
        raise GoldError(path, number, f"offsets {start}-{end} are outside the text "
                                      f"(length {len(text)})")
    if text[start:end] != fields[2]:
        raise GoldError(path, number, f"span text {fields[2]!r} does not match the text at "
                                      f"{start}-{end}: {text[start:end]!r}")
    return Span(span_id, label, start, end, fields[2])


def _parse_relation(path: Path, number: int, fields: list[str]) -> Relation:
    relation_id = fields[0]
    if not RELATION_ID.fullmatch(relation_id):
        raise GoldError(path, number, f"malformed relation id {relation_id!r} "
                                      "(expected R<number>)")
    body = fields[1].strip() if len(fields) >= 2 else ""
    if len(fields) not in (2, 3) or (len(fields) == 3 and fields[2].strip()):
        raise GoldError(path, number, "malformed relation line: expected "
                                      "'ID<TAB>TYPE Arg1:ID Arg2:ID'")
    match = RELATION_BODY.fullmatch(body)
    if match is None:
        raise GoldError(path, number, f"malformed relation {body!r} "
                                      "(expected 'TYPE Arg1:ID Arg2:ID')")
    relation_type, head, tail = match.groups()
    if relation_type not in RELATION_TYPES:
        raise GoldError(path, number, f"unknown relation {relation_type!r} "
                                      f"(allowed: {' '.join(RELATION_TYPES)})")
    return Relation(relation_id, relation_type, head, tail)


def _parse_note(path: Path, number: int, line: str, fields: list[str]) -> tuple | None:
    """(line number, relation id, {key: value}) for a note on an `R` id, else None."""
    if not NOTE_ID.fullmatch(fields[0]) or len(fields) < 2:
        raise GoldError(path, number, f"malformed note line {line!r}")
    kind_target = fields[1].split()
    if len(kind_target) != 2 or kind_target[0] != "AnnotatorNotes":
        return None
    if not RELATION_ID.fullmatch(kind_target[1]):
        return None
    words = " ".join(fields[2:]).split()
    notes = dict(match.groups() for match in map(NOTE_WORD.fullmatch, words) if match)
    date = notes.get("date")
    if date is not None and not NOTE_DATE.fullmatch(date):
        raise GoldError(path, number, f"malformed date note {date!r} (expected YYYY-MM-DD "
                                      "or none)")
    return number, kind_target[1], notes


def _attach_notes(path: Path, relations: list[tuple[int, Relation]],
                  notes: list[tuple[int, str, dict[str, str]]]) -> list[tuple[int, Relation]]:
    """The relations with their notes; a note on a missing relation id is an error."""
    collected: dict[str, dict[str, str]] = {relation.id: {} for _, relation in relations}
    for number, relation_id, words in notes:
        if relation_id not in collected:
            raise GoldError(path, number, f"note refers to missing relation id "
                                          f"{relation_id!r}")
        for key, value in words.items():
            if collected[relation_id].get(key, value) != value:
                raise GoldError(path, number, f"relation {relation_id} has two {key} notes: "
                                              f"{collected[relation_id][key]!r} and {value!r}")
            collected[relation_id][key] = value
    return [(number, replace(relation, notes=collected[relation.id]))
            for number, relation in relations]


def _equivalence(path: Path, number: int, fields: list[str]) -> tuple[str, ...]:
    """The span ids of a `*<TAB>Equiv T1 T2 ...` line (brat's mark for one entity)."""
    words = fields[1].split() if len(fields) == 2 else []
    if len(words) < 3 or words[0] != "Equiv" or not all(SPAN_ID.fullmatch(w) for w in words[1:]):
        raise GoldError(path, number, "malformed equivalence line (expected "
                                      "'*<TAB>Equiv T1 T2 ...')")
    return tuple(words[1:])


def parse_equivalences(ann: str, path: Path | str = "<ann>") -> list[tuple[str, ...]]:
    """The `Equiv` groups of a `.ann`: span ids that name one entity."""
    return [_equivalence(Path(path), number, line.removesuffix("\r").split("\t"))
            for number, line in enumerate(ann.split("\n"), 1) if line.startswith("*\t")]


def parse_ann(ann: str, text: str, path: Path | str = "<ann>") -> tuple[list[Span],
                                                                          list[Relation]]:
    """Parse and validate the content of a `.ann` against its text."""
    path = Path(path)
    spans: list[Span] = []
    relations: list[tuple[int, Relation]] = []
    notes: list[tuple[int, str, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(ann.split("\n"), 1):
        line = line.removesuffix("\r")
        if number == 1:
            line = line.removeprefix(BOM)
        if not line.strip():
            continue
        fields = line.split("\t")
        identifier = fields[0]
        if identifier.startswith("#"):
            note = _parse_note(path, number, line, fields)
            if note is not None:
                notes.append(note)
            continue
        if identifier == "*":
            _equivalence(path, number, fields)
            continue
        if identifier in seen:
            raise GoldError(path, number, f"duplicate id {identifier} "
                                          f"(first used on line {seen[identifier]})")
        if identifier.startswith("T"):
            spans.append(_parse_span(path, number, fields, text))
        elif identifier.startswith("R"):
            relations.append((number, _parse_relation(path, number, fields)))
        else:
            raise GoldError(path, number, f"malformed line {line!r} (expected a T span or "
                                          "an R relation)")
        seen[identifier] = number
    span_ids = {span.id for span in spans}
    for number, relation in relations:
        for role, target in (("Arg1", relation.head_id), ("Arg2", relation.tail_id)):
            if target not in span_ids:
                raise GoldError(path, number, f"relation {relation.id} {role} refers to "
                                              f"missing span id {target!r}")
    return spans, [relation for _, relation in _attach_notes(path, relations, notes)]


def load_document(ann_path: Path | str) -> GoldDocument:
    """Load and validate one `.ann` file and the `.txt` beside it."""
    ann_path = Path(ann_path)
    txt_path = ann_path.with_suffix(".txt")
    if not ann_path.is_file():
        raise GoldError(ann_path, None, "annotation file not found")
    if not txt_path.is_file():
        raise GoldError(ann_path, None, f"missing text file {txt_path.name}")
    text = read_text(txt_path)
    ann = read_text(ann_path)
    spans, relations = parse_ann(ann, text, ann_path)
    equivalences = parse_equivalences(ann, ann_path)
    known = {span.id for span in spans}
    for group in equivalences:
        if not set(group) <= known:
            raise GoldError(ann_path, None, f"equivalence refers to a missing span id: {group}")
    return GoldDocument(ann_path.stem, text, spans, relations, equivalences)


def load_corpus(directory: Path | str) -> list[GoldDocument]:
    """Every `*.ann` directly in `directory`, sorted by file name (`.txt` alone are ignored)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldError(directory, None, "gold folder not found")
    return [load_document(path) for path in sorted(directory.glob("*.ann"),
                                                   key=lambda path: path.name)]
