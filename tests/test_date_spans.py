"""`date_spans.py` finds exactly the spans spaCy's span ruler finds with the date patterns:
on made-up dates with and without their optional words, and on every corpus and seed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.date_spans import DateSpans, date_patterns, token_pattern, token_spec

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reference(nlp):
    """A span ruler that holds the date patterns, as the pipeline's ruler once did."""
    from spacy.pipeline import SpanRuler

    ruler = SpanRuler(nlp, name="dates_reference", spans_key="reference", validate=False)
    ruler.add_patterns(date_patterns())
    return ruler


@pytest.fixture(scope="module")
def dates():
    return DateSpans([token_pattern(row) for row in date_patterns()], "communique_ruler")


def found(spans) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.id_) for s in spans]


def test_every_match_with_and_without_the_optional_words(nlp, dates):
    doc = nlp.make_doc("Reçu le jeudi 24/3/2022, puis lundi 5 mai 2024 et le 1er juin.")
    texts = {doc[start:end].text for start, end, _, _ in found(dates.spans(doc))}
    assert {"jeudi 24/3/2022", "24/3/2022", "lundi 5 mai 2024", "5 mai 2024", "lundi 5 mai",
            "5 mai", "1er juin", "jeudi", "lundi"} <= texts


def test_same_spans_as_the_span_ruler_on_every_text(nlp, reference, dates):
    paths = sorted(ROOT.glob("corpus/*/*.txt")) + sorted(ROOT.glob("seeds/*.txt"))
    assert paths
    for path in paths:
        doc = nlp.make_doc(path.read_text(encoding="utf-8", errors="replace"))
        assert found(sorted(set(dates.spans(doc)))) == found(reference.match(doc)), path.name


def test_only_the_matchers_simple_specs_are_read():
    with pytest.raises(ValueError):
        token_spec({"LOWER": {"REGEX": "^\\d+$"}})
    with pytest.raises(ValueError):
        token_spec({"LOWER": "mai", "OP": "+"})
