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
lemmatized by the model's own code (`FrenchLemmatizer.rule_lemmatize`), so every lemma is its
own; like it, a token that already has a lemma keeps it unless the component overwrites. A
lemmatizer of another class or mode (whose lemmas may read more of the token) runs unchanged.

The first sight of a pair is what cost most: the model's `lemma_index` table holds, for each
of four parts of speech, a Python list of up to 66,000 words, and `rule_lemmatize` asks
whether the word, then each form its suffix rules make, is `in` that list: a scan of the
whole list for every word it does not hold, about 0.1 ms a new pair, 2.3 s per 1,000
documents. The pairs are lemmatized by a `FrenchLemmatizer` of the model's settings whose
`lemma_index` lists are frozensets of the same words (every entry is a string: `in` gives the
same answers) and whose other tables are the model's own. `tests/test_lemmas.py` checks the
two give the same lemmas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc

if TYPE_CHECKING:  # importing spacy.lang.fr here would come before french_tokenizer.install()
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer

STOCK = "lemmatizer"


def supported(lemmatizer) -> bool:
    """Whether the model's lemmatizer reads only a token's text and POS."""
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer  # the model loaded: spacy.lang.fr too

    return type(lemmatizer) is FrenchLemmatizer and lemmatizer.mode == "rule"


def indexed(lemmatizer: FrenchLemmatizer) -> FrenchLemmatizer:
    """A lemmatizer of the same class and settings, its tables the same but `lemma_index`,
    whose word lists become frozensets of the same words."""
    copy = type(lemmatizer)(
        lemmatizer.vocab,
        lemmatizer.model,
        lemmatizer.name,
        mode=lemmatizer.mode,
        overwrite=lemmatizer.overwrite,
    )
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index" and all(
            isinstance(word, str) for words in table.values() for word in words
        ):
            table = Table(name, {key: frozenset(words) for key, words in table.items()})
        lookups.set_table(name, table)
    copy.lookups = lookups
    return copy


class ArrayLemmatizer:
    """The lemmas of `lemmatizer` (a `FrenchLemmatizer` in rule mode), cached by `(orth, pos)`."""

    def __init__(self, lemmatizer: FrenchLemmatizer):
        self.lemmatizer = lemmatizer  # the model's component, as loaded
        self.rules = indexed(lemmatizer)  # its code, on indexed tables
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
        lemma = doc.vocab.strings.add(self.rules.lemmatize(token)[0])
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
