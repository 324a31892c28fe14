"""`communique_lemmatizer` (`lemmas.py`) gives every token the lemma of the model's own
`FrenchLemmatizer`, on texts written for the test: the same words under different parts of
speech, made-up words whose lemmas the vocabulary has never seen, lemmas already set."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import LEMMA
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.tokens import Doc

pytestmark = pytest.mark.slow

TEXTS = [
    "Il est parti vers l'est cet été, après avoir été reçu par le ministre.",
    "Je suis le délégué qui le suit ; nous sommes venus, une somme a été versée.",
    "Le parti du président livre un livre ; nous avions pris deux avions.",
    "Son Excellence M. Zorglub a zorglubé les Zorglubiens, qui zorglubaient à Paris.",
    "Les délégations ont été accueillies à Dakar le 24 mars 2024.\n\nReçu au Palais, "
    "le Lieutenant-Général Al-Sabah s'est entretenu avec ses homologues.",
    "",
]


@pytest.fixture(scope="module")
def component(nlp):
    return nlp.get_pipe("communique_lemmatizer")


@pytest.fixture()
def stock(nlp, component):
    """A lemmatizer of the model's own class, with the model's tables and an empty cache."""
    lemmatizer = FrenchLemmatizer(nlp.vocab, None, mode="rule")
    lemmatizer.lookups = component.lemmatizer.lookups
    return lemmatizer


def stock_lemmas(stock, doc: Doc) -> list[str]:
    kept = doc.to_array([LEMMA])
    doc.from_array([LEMMA], numpy.zeros(len(doc), dtype=numpy.uint64))
    stock(doc)
    lemmas = [t.lemma_ for t in doc]
    doc.from_array([LEMMA], kept)
    return lemmas


def test_the_component_replaces_the_models_lemmatizer(nlp):
    assert "communique_lemmatizer" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("communique_lemmatizer") > nlp.pipe_names.index("morphologizer")


def test_same_lemmas_as_the_models_lemmatizer_in_the_pipeline(nlp, stock):
    for _ in range(2):  # the second time, every (orth, pos) is in the cache
        for doc in nlp.pipe(TEXTS):
            assert [t.lemma_ for t in doc] == stock_lemmas(stock, doc)
    by_text: dict[str, set[str]] = {}
    for doc in nlp.pipe(TEXTS):
        for token in doc:
            by_text.setdefault(token.text, set()).add(token.lemma_)
    # the texts give one word two parts of speech and two lemmas
    assert by_text["été"] == {"être", "été"} and by_text["parti"] == {"partir", "parti"}


def test_the_lemma_depends_on_the_part_of_speech(nlp, component, stock):
    words = ["est", "est", "été", "été", "parti", "parti", "avions", "avions", "Paris", "\n\n"]
    pos = ["AUX", "NOUN", "AUX", "NOUN", "VERB", "NOUN", "AUX", "NOUN", "PROPN", "SPACE"]
    doc = component(Doc(nlp.vocab, words=words, pos=pos))
    lemmas = [t.lemma_ for t in doc]
    assert lemmas == stock_lemmas(stock, doc)
    assert lemmas[:8] == ["être", "est", "être", "été", "partir", "parti", "avoir", "avion"]


def test_the_lemma_depends_on_the_written_form_not_only_its_lowercase(nlp, component, stock):
    words = ["Paris", "PARIS", "paris", "Dakar", "DAKAR"]  # proper nouns: looked up as written
    doc = component(Doc(nlp.vocab, words=words, pos=["PROPN"] * len(words)))
    lemmas = [t.lemma_ for t in doc]
    assert lemmas == stock_lemmas(stock, doc)
    assert lemmas[3:] == ["Dakar", "DAKAR"]


def test_new_lemmas_are_in_the_vocabulary(nlp, component, stock):
    words = ["Ils", "flurbaquaient", "les", "grimbolettes", "qwzxv"]
    doc = component(Doc(nlp.vocab, words=words, pos=["PRON", "VERB", "DET", "NOUN", "X"]))
    lemmas = [t.lemma_ for t in doc]  # a lemma missing from the string store would raise
    assert lemmas == stock_lemmas(stock, doc)
    assert lemmas[1] != "flurbaquaient" and lemmas[3] != "grimbolettes"


def test_a_lemma_already_set_is_kept_as_the_models_lemmatizer_does(nlp, component, stock):
    doc = Doc(nlp.vocab, words=["Il", "est", "parti"], pos=["PRON", "AUX", "VERB"])
    doc[1].lemma_ = "déjà-là"
    component(doc)
    assert [t.lemma_ for t in doc] == ["il", "déjà-là", "partir"]
    reference = Doc(nlp.vocab, words=["Il", "est", "parti"], pos=["PRON", "AUX", "VERB"])
    reference[1].lemma_ = "déjà-là"
    stock(reference)
    assert [t.lemma_ for t in reference] == ["il", "déjà-là", "partir"]


def test_an_empty_document(nlp, component):
    assert len(component(Doc(nlp.vocab, words=[]))) == 0


def test_the_indexed_tables_hold_the_models_words_and_the_model_keeps_its_own(component):
    model = component.lemmatizer.lookups
    indexed = component.rules.lookups
    assert model.tables == indexed.tables
    for name in model.tables:
        if name != "lemma_index":
            assert indexed.get_table(name) is model.get_table(name)
    original, copy = model.get_table("lemma_index"), indexed.get_table("lemma_index")
    assert list(original.keys()) == list(copy.keys())
    for key, words in original.items():
        assert isinstance(words, list) and frozenset(words) == copy[key]
