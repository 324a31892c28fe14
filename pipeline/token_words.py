"""The tokens of a document or sentence whose word passes a test, read from one array.

In:  a `Doc` or `Span`, a token attribute holding a string hash (ORTH, LOWER, LEMMA) and a
     test on that string (a module-level function, so that its verdicts can be kept) or a
     set of wanted hashes (`hashes_of`).
Out: the tokens whose string passes the test (`tokens_where`), the indices of the tokens
     whose string is wanted (`positions_of`), in order; a document's sentences read from its
     SENT_START column (`sentence_spans`, as `doc.sents` gives them without building a Token
     per word).

Passes that look for a few words (organisation heads, trigger verbs, plural offices) would
otherwise create a Token object and decode its string for every word of every sentence. The
test's verdict is kept per string hash: hashes do not depend on the vocabulary. Inside
`word_arrays(doc)` the document's arrays are read once for all its sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

ATTRIBUTES = (ORTH, LOWER, LEMMA)
ARRAYS_KEY = "token_word_arrays"
_VERDICTS: dict[Callable[[str], bool], dict[int, bool]] = {}


@contextmanager
def word_arrays(doc: Doc) -> Iterator[None]:
    doc.user_data[ARRAYS_KEY] = {
        attribute: column.tolist()
        for attribute, column in zip(ATTRIBUTES, doc.to_array(list(ATTRIBUTES)).T, strict=True)
    }
    try:
        yield
    finally:
        del doc.user_data[ARRAYS_KEY]


def values_of(words: Doc | Span, attribute: int) -> list[int]:
    doc = words if isinstance(words, Doc) else words.doc
    start, end = (0, len(doc)) if isinstance(words, Doc) else (words.start, words.end)
    arrays = doc.user_data.get(ARRAYS_KEY)
    if arrays is not None:
        return arrays[attribute][start:end]
    return doc.to_array(attribute)[start:end].tolist()


def tokens_where(
    words: Doc | Span, attribute: int, test: Callable[[str], bool]
) -> list[Token]:
    doc = words if isinstance(words, Doc) else words.doc
    start = 0 if isinstance(words, Doc) else words.start
    strings = doc.vocab.strings
    verdicts = _VERDICTS.setdefault(test, {})
    found = []
    for offset, value in enumerate(values_of(words, attribute)):
        verdict = verdicts.get(value)
        if verdict is None:
            verdict = verdicts[value] = bool(test(strings[value]))
        if verdict:
            found.append(doc[start + offset])
    return found


def hashes_of(words) -> frozenset[int]:
    return frozenset(hash_string(word) for word in words)


def positions_of(doc: Doc, attribute: int, hashes: frozenset[int]) -> list[int]:
    return [i for i, value in enumerate(values_of(doc, attribute)) if value in hashes]


def sentence_spans(doc: Doc) -> list[Span]:
    """`list(doc.sents)` for a document whose sentence starts are all set."""
    if not len(doc):
        return []
    starts = numpy.flatnonzero(doc.to_array(SENT_START).astype("int64") == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0] + starts
    bounds = starts + [len(doc)]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

