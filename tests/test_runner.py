"""The main job on small folders: bad input, long documents, atomic tables, determinism."""

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import artefacts
from pipeline.runner import pieces, run

pytestmark = pytest.mark.slow

GOOD = ("Le ministre reçoit le général\n\nDakar, 12-05-2023\n\nLe ministre de la Défense, "
        "M. Sidiki Kaba, a reçu le Général Mbaye Cissé, chef d'état-major général des armées.\n")


def test_bad_files_are_reported_and_the_rest_is_processed(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 20)
    (inputs / "latin.txt").write_bytes(GOOD.replace("Dakar", "Thiès").encode("cp1252"))
    (inputs / "notes.md").write_text("ignored", encoding="utf-8")
    unreadable = inputs / "locked.txt"
    unreadable.write_text(GOOD, encoding="utf-8")
    unreadable.chmod(0)
    summary = run(inputs, tmp_path / "out", progress=False, report=False, nlp=nlp)
    unreadable.chmod(0o644)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv", keep_default_na=False)
    by_file = {Path(p).name: (stage, reason) for p, stage, reason in errors.itertuples(index=False)}
    assert by_file["empty.txt"] == ("clean", "empty file")
    assert by_file["binary.txt"][0] == "clean" and "binary" in by_file["binary.txt"][1]
    if os.geteuid() != 0:  # root reads any file
        assert by_file["locked.txt"][0] == "read"
    assert "good.txt" not in by_file and "latin.txt" not in by_file
    assert summary.ignored == 1
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv", keep_default_na=False)
    assert {"good", "latin"} <= set(mentions["doc_id"])
    assert "Thiès" in set(mentions["text"])


def test_offsets_point_into_the_original_text_whatever_cleaning_changed(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    original = ("\n\nConnexion\n\nLe  ministre\u00a0reçoit  le   général\n\n" + GOOD.replace(
        "a reçu le", "a reçu\nle"))
    (inputs / "doc.txt").write_text(original, encoding="utf-8")
    run(inputs, tmp_path / "out", progress=False, report=False, nlp=nlp)
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv", keep_default_na=False)
    assert len(mentions) > 3
    for row in mentions.itertuples():
        assert " ".join(original[row.start:row.end].split()) == row.text


def test_a_document_longer_than_max_length_is_processed_in_pieces(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = "\n\n".join([GOOD.strip()] * 30)
    (inputs / "long.txt").write_text(body, encoding="utf-8")
    saved = nlp.max_length
    nlp.max_length = 2000
    try:
        run(inputs, tmp_path / "out", progress=False, report=False, nlp=nlp)
    finally:
        nlp.max_length = saved
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv", keep_default_na=False)
    assert (mentions["text"] == "Mbaye Cissé").sum() == 30
    for row in mentions.itertuples():
        assert " ".join(body[row.start:row.end].split()) == row.text


def test_pieces_cut_at_paragraphs_and_cover_the_text():
    text = "a" * 50 + "\n\n" + "b" * 50 + "\n\n" + "c" * 50
    parts = pieces(text, 60)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 60 for _, p in parts)
    assert [offset for offset, _ in parts] == [0, 52, 104]


def test_atomic_write_keeps_the_previous_file_when_writing_fails(tmp_path):
    target = tmp_path / "table.csv"
    artefacts.atomic_write_text(target, "old\n")

    class Boom(Exception):
        pass

    class Exploding:
        def encode(self, _encoding):
            raise Boom

    with pytest.raises(Boom):
        artefacts.atomic_write_text(target, Exploding())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_missing_input_folder_is_a_clear_error(tmp_path):
    with pytest.raises(NotADirectoryError, match="input folder not found"):
        run(tmp_path / "nope", tmp_path / "out", progress=False, report=False)
