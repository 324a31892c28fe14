"""The grouped French `TOKEN_MATCH` matches what spaCy's own expression matches, and the
pipeline's tokenizer cuts every corpus text as the model's tokenizer file does."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from pipeline import french_tokenizer
from pipeline.ner import without_dashes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def alternatives(nlp):
    module = sys.modules[french_tokenizer.MODULE]
    if not getattr(module, "GROUPED", False):
        pytest.fail("spacy.lang.fr was imported before pipeline.french_tokenizer.install()")
    return module._regular_exp


@pytest.fixture(scope="module")
def original(alternatives):
    return re.compile(french_tokenizer.original_pattern(alternatives))  # ~3 s


def corpus_words() -> set[str]:
    words: set[str] = set()
    for path in sorted(ROOT.glob("corpus/*/*.txt")) + sorted(ROOT.glob("seeds/*.txt")):
        words.update(path.read_text(encoding="utf-8", errors="replace").split())
    return words


def test_grouping_keeps_every_tail_and_shrinks_the_expression(alternatives):
    grouped = french_tokenizer.grouped_pattern(alternatives)
    assert len(grouped) * 10 < len(french_tokenizer.original_pattern(alternatives))
    for alternative in alternatives:
        head, tail = french_tokenizer.split_tail(alternative)
        assert head + tail == alternative
        assert tail in grouped


def test_grouped_expression_matches_exactly_what_spacy_matches(nlp, alternatives, original):
    grouped = nlp.tokenizer.token_match
    # (keep_hyphenated_words adds one condition: no en or em dash inside a word)
    expected = re.compile(french_tokenizer.grouped_pattern(alternatives), original.flags)
    assert grouped.__self__.pattern == without_dashes(expected).pattern
    assert grouped("Louis–Lapointe-Morrison") is None and original.match("Louis–Lapointe")
    generated = []
    for alternative in alternatives:
        head, _ = french_tokenizer.split_tail(alternative)
        stem = re.sub(r"\[[^\]]*\]", "-", head).strip("^").replace("?", "")
        for end in ("", "a", "é", "x-y", "l'homme", "É", "'a", "-", "–z", "1"):
            generated += [stem + end, stem.upper() + end, f"{stem}-{end}", f"{stem}’{end}"]
    for link in "le la les lès en de des du sur sous au aux à et près saint".split():
        generated += [f"pot-{link}-vin", f"Pet-{link}-l'air", f"pot-{link}vin"]
    candidates = sorted(corpus_words()) + generated
    matched = [text for text in candidates if original.match(text)]
    assert len(matched) > 1000  # the sample exercises the expression, not only its misses
    plain = [text for text in candidates if "–" not in text and "—" not in text]
    assert [text for text in plain if bool(grouped(text)) != bool(original.match(text))] == []
    assert [text for text in candidates if text not in plain and grouped(text)] == []


def test_tokens_are_those_of_the_models_own_tokenizer(nlp, original):
    from spacy.tokenizer import Tokenizer

    from pipeline.ner import keep_hyphenated_words

    stock = Tokenizer(nlp.vocab)
    stock.from_disk(Path(nlp.path) / "tokenizer", exclude=["vocab"])
    assert stock.token_match.__self__.pattern == original.pattern

    class Holder:  # keep_hyphenated_words edits `nlp.tokenizer` and reads `nlp.Defaults`
        tokenizer = stock
        Defaults = nlp.Defaults

    keep_hyphenated_words(Holder)
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpus/*/*.txt"))]
    assert len(texts) >= 40
    for text in texts + ["L'anti-terrorisme, saut-de-ski et prud'homme aux États-Unis."]:
        assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in stock(text)]


def test_no_module_of_the_package_imports_spacys_french_language_data():
    """`install()` must come before `spacy.lang.fr` is imported: a module that imports it (a
    `from spacy.lang.fr... import`) would bring back the 3-second compile at every run."""
    import subprocess

    code = (
        "import importlib, pkgutil, sys, pipeline\n"
        "for m in pkgutil.iter_modules(pipeline.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('pipeline.' + m.name)\n"
        "        assert 'spacy.lang.fr' not in sys.modules, m.name\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
