"""The model's French lemmas, read and written as arrays: component `communique_lemmatizer`.

In:  a `Doc` whose tokens carry their POS (the model's `morphologizer`), and the model's own
     lemmatizer component (`fr_core_news_md`'s `lemmatizer`, a `FrenchLemmatizer` in rule
     mode), which it replaces in the pipeline.
Out: the same `Doc` with the lemma that the model's lemmatizer would give each token.

spaCy's lemmatizer makes a `Token` object of every word, asks for `token.orth`, `token.pos`,
`token.text` and `token.pos_`, looks its cache up and sets `token.lemma_`: about 1.5 µs a
token once the cache holds the word. `FrenchLemmatizer`'s rule mode reads nothing of a token
but its text and its POS, so that pair fixes the lemma. Here the ORTH, POS and LEMMA columns
are read in one array, each token costs one dict lookup keyed by `(orth, pos)`, and the
lemmas go back in one `Doc.from_array` (0.3 µs a token). A pair seen for the first time is
lemmatized by the model's component itself (`lemmatize(token)[0]`), so every lemma is its
own; like it, a token that already has a lemma keeps it unless the component overwrites. A
lemmatizer of another class or mode (whose lemmas may read more of the token) runs unchanged.
`tests/test_lemmas.py` checks the two give the same lemmas.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

STOCK = "lemmatizer"


def supported(lemmatizer) -> bool:
    """Whether the model's lemmatizer reads only a token's text and POS."""
    return type(lemmatizer) is FrenchLemmatizer and lemmatizer.mode == "rule"


class ArrayLemmatizer:
    """The lemmas of `lemmatizer` (a `FrenchLemmatizer` in rule mode), cached by `(orth, pos)`."""

    def __init__(self, lemmatizer: FrenchLemmatizer):
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int], int] = {}  # (orth, pos) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths, poses, current = doc.to_array([ORTH, POS, LEMMA]).T.tolist()
        lemmas = list(map(self.lemmas.get, zip(orths, poses, strict=True)))
        if None in lemmas:
            for i, lemma in enumerate(lemmas):
                if lemma is None:
                    lemmas[i] = self.lemma_of(doc, i)
        if not self.lemmatizer.overwrite and any(current):
            lemmas = [old or new for old, new in zip(current, lemmas, strict=True)]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc

    def lemma_of(self, doc: Doc, i: int) -> int:
        token = doc[i]
        lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
        self.lemmas[token.orth, token.pos] = lemma
        return lemma


@Language.factory("communique_lemmatizer", default_config={"stock": STOCK})
def make_array_lemmatizer(nlp: Language, name: str, stock: str):
    """The lemmas of the pipeline's component `stock`, which must already be loaded."""
    return ArrayLemmatizer(nlp.get_pipe(stock))


def install(nlp: Language, stock: str = STOCK) -> bool:
    """Put `communique_lemmatizer` in the place of the model's lemmatizer; False (and nothing
    changed) when that one is missing or not of the supported kind."""
    if stock not in nlp.pipe_names or not supported(nlp.get_pipe(stock)):
        return False
    nlp.add_pipe("communique_lemmatizer", after=stock, config={"stock": stock})
    nlp.remove_pipe(stock)
    return True
