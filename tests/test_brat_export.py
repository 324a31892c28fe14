"""`export-brat` (issue 11): a run's predictions as BRAT gold that `eval` reads; the round
trip scores 1.0 for spans, relations and facts and gets every event date right."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.brat import load_corpus, load_document
from pipeline.brat_export import ExportSummary, document_ann, export_brat
from pipeline.cli import main
from pipeline.evaluate import evaluate, read_predictions
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
GOOD = ("Le ministre reçoit le général\n\nThiès, 12-05-2023\n\nLe ministre de la Défense, "
        "M. Sidiki Kaba, a reçu le Général Mbaye Cissé, chef d'état-major général des armées.\n")

@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("brat")
    inputs = folder / "in"
    inputs.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(path, inputs / path.name)
    (inputs / "latin.txt").write_bytes(GOOD.encode("cp1252"))  # offsets of the decoded text
    (inputs / "crlf.txt").write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8"))
    output, gold = folder / "out", folder / "gold"
    run(inputs, output, progress=False, report=False, nlp=nlp)
    assert main(["export-brat", "--pred", str(output), "--output", str(gold)]) == 0
    docs = load_corpus(gold)  # validates every span text against the .txt
    mentions, relations = read_predictions(output)
    return output, gold, docs, evaluate(docs, mentions, relations)


@pytest.mark.slow
def test_spans_relations_and_event_dates_round_trip_exactly(round_trip):
    output, gold, docs, evaluation = round_trip
    assert {d.doc_id for d in docs} == {p.stem for p in (output / "stages" / "clean").iterdir()}
    scores = evaluation.scores
    exact = scores[scores["scope"].isin(["entity", "relation"])]
    assert len(exact) > 10 and set(exact["f1"]) == {1.0}, exact[exact["f1"] != 1.0]
    assert set(exact["precision"]) == {1.0} and set(exact["recall"]) == {1.0}
    relations = scores[scores["scope"] == "relation"]
    assert set(relations["label"]) >= {"RECEIVED", "HAS_RANK", "HAS_TITLE", "AFFILIATED_WITH"}
    right, total = evaluation.dates
    assert total >= 4 and right == total
    assert evaluation.n_gold_spans == len(pd.read_csv(output / "mentions.csv"))
    assert (gold / "latin.txt").read_text(encoding="utf-8").count("Thiès") == 1
    assert "\r\n" in (gold / "crlf.txt").read_bytes().decode("utf-8")


@pytest.mark.slow
def test_facts_round_trip_exactly_through_equiv_lines(round_trip):
    """The run groups a document's names by entity id (an acronym with its full name); the
    export writes those groups as brat `Equiv` lines, which the scorer reads, so facts are
    1.0 too, and the export does carry such groups."""
    _, gold, docs, evaluation = round_trip
    facts = evaluation.scores[evaluation.scores["scope"] == "fact"]
    assert len(facts) > 4 and set(facts["f1"]) == {1.0}, facts[facts["f1"] != 1.0]
    assert any(doc.equivalences for doc in docs)
    assert evaluation.errors[evaluation.errors["scope"] == "fact"].empty


@pytest.mark.slow
def test_relations_carry_the_date_notes_the_gold_uses(round_trip):
    _, gold, _, _ = round_trip
    doc = load_document(gold / "latin.ann")
    received = [r for r in doc.relations if r.type == "RECEIVED"]
    assert [r.notes for r in received] == [{"date": "2023-05-12"}]
    assert all(not r.notes for r in doc.relations if r.type not in ("RECEIVED", "MET"))
    conf = (gold / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]" in conf and "RECEIVED Arg1:<ENTITY>, Arg2:<ENTITY>" in conf


def test_a_span_across_a_line_break_is_left_out_with_its_relations():
    text = "Le Général\nAmadou Diallo a reçu le colonel Sy.\n"
    mentions = [
        {"start": 3, "end": 10, "label": "RANK"},
        {"start": 11, "end": 24, "label": "PERSON"},
        {"start": 3, "end": 24, "label": "PERSON"},  # crosses the line break
        {"start": 43, "end": 45, "label": "PERSON"},
    ]
    relation = {"head_start": 11, "head_end": 24, "tail_start": 3, "tail_end": 10, "date": ""}
    relations = [
        {**relation, "relation": "HAS_RANK"},
        {**relation, "relation": "RECEIVED", "tail_start": 43, "tail_end": 45},
        {**relation, "relation": "MET", "head_start": 3, "head_end": 24},
    ]
    summary = ExportSummary()
    ann = document_ann(text, mentions, relations, summary)
    assert ann.splitlines() == [
        "T1\tRANK 3 10\tGénéral",
        "T2\tPERSON 11 24\tAmadou Diallo",
        "T3\tPERSON 43 45\tSy",
        "R1\tHAS_RANK Arg1:T2 Arg2:T1",
        "R2\tRECEIVED Arg1:T2 Arg2:T3",
        "#1\tAnnotatorNotes R2\tdate=none",
    ]
    assert (summary.spans, summary.relations) == (3, 2)
    assert (summary.spans_left_out, summary.relations_left_out) == (1, 1)


def test_export_of_a_folder_that_is_not_a_run_is_a_clear_error(tmp_path, capsys):
    assert export_brat is not None
    assert main(["export-brat", "--pred", str(tmp_path), "--output", str(tmp_path / "g")]) == 2
    assert "mentions.csv" in capsys.readouterr().err
