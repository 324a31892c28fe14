"""Shared fixtures: one spaCy pipeline per test session (loading it takes seconds)."""

from __future__ import annotations

import pytest

from pipeline import french_tokenizer

french_tokenizer.install()  # before any test imports spacy.lang.fr (tests in any order)


@pytest.fixture(scope="session")
def nlp():
    from pipeline.ner import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Run the NLP stage on a small text the way the runner does; return the Doc."""
    from pipeline.parse import attach_segments
    from pipeline.segment import segment

    def run(text: str):
        return nlp(attach_segments(nlp.make_doc(text), segment(text)))

    return run


def ents(doc, label=None):
    return [(e.text, e.label_) for e in doc.ents if label is None or e.label_ == label]


def relations(doc, kind=None):
    return {(r["relation"], r["head"]["text"], r["tail"]["text"]) for r in doc._.relations
            if kind is None or r["relation"] == kind}


def events(doc, kind="RECEIVED"):
    """(head, tail) pairs of one relation."""
    return {(h, t) for _, h, t in relations(doc, kind)}


def meetings(doc):
    """MET pairs, unordered (the head is whichever mention the text writes first)."""
    return {frozenset(pair) for pair in events(doc, "MET")}


def names(doc, label):
    """The texts of one label's entities."""
    return {text for text, _ in ents(doc, label)}


def received_dates(text: str) -> dict[str, str]:
    """host mention -> ISO date of each RECEIVED row of `text` run through the API (the
    dates of a run, with the dateline and aggregation's fallbacks)."""
    from pipeline import api

    received = api.extract({"d": text})["relations"].query("relation == 'RECEIVED'")
    return dict(zip(received.head_text, received.date, strict=True))
