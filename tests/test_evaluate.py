"""The scorer, on cases computed by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.brat import GoldDocument, Relation, Span
from pipeline.evaluate import (
    Edge,
    Mention,
    baseline_mentions,
    country_names,
    evaluate,
    evaluate_command,
    map_baseline_label,
    prf,
    score_entities,
    score_relations,
    sentence_around,
    update_readme_summary,
)


def M(label: str, start: int, end: int, doc: str = "d") -> Mention:
    return Mention(doc, start, end, label)


def E(relation: str, head: tuple[int, int], tail: tuple[int, int], doc: str = "d") -> Edge:
    return Edge(doc, relation, *head, *tail)


def pick(rows: list[dict], label: str, kind: str = "strict", system: str = "pipeline") -> tuple:
    """(tp, fp, fn, precision, recall, f1) of one row, the ratios rounded to 4 decimals."""
    [row] = [r for r in rows if (r["label"], r["kind"], r["system"]) == (label, kind, system)]
    return (row["tp"], row["fp"], row["fn"],
            round(row["precision"], 4), round(row["recall"], 4), round(row["f1"], 4))


# --------------------------------------------------------------------------- entities


def test_missed_span():
    gold = [M("PERSON", 0, 5), M("LOC", 10, 15)]
    rows = score_entities(gold, [M("PERSON", 0, 5)])
    # PERSON: tp 1 of 1 predicted, 1 gold -> P = R = F1 = 1
    assert pick(rows, "PERSON") == (1, 0, 0, 1.0, 1.0, 1.0)
    # LOC: nothing predicted -> P = 0 (undefined, defined as 0), R = 0/1 = 0, F1 = 0
    assert pick(rows, "LOC") == (0, 0, 1, 0.0, 0.0, 0.0)
    # micro: tp 1, predicted 1, gold 2 -> P = 1/1 = 1, R = 1/2 = 0.5,
    #        F1 = 2 * 1 * 0.5 / (1 + 0.5) = 0.6667
    assert pick(rows, "micro") == (1, 0, 1, 1.0, 0.5, 0.6667)
    # macro: P = (1 + 0)/2 = 0.5, R = (1 + 0)/2 = 0.5, F1 = (1 + 0)/2 = 0.5
    assert pick(rows, "macro")[3:] == (0.5, 0.5, 0.5)


def test_partial_overlap_strict_versus_partial():
    # gold: "Al-Moghidi" 0-10 and "Zaid Hoshi Khalaf Wadi" 20-42; predicted: 0-10 exact and
    # "Khalaf Wadi" 31-42 (overlaps the second gold span, same label).
    gold = [M("PERSON", 0, 10), M("PERSON", 20, 42)]
    predicted = [M("PERSON", 0, 10), M("PERSON", 31, 42)]
    rows = score_entities(gold, predicted)
    # strict: COR 1 -> tp 1, fp 2 - 1 = 1, fn 2 - 1 = 1, P = R = 1/2, F1 = 0.5
    assert pick(rows, "PERSON", "strict") == (1, 1, 1, 0.5, 0.5, 0.5)
    # partial: COR 1, PAR 1 -> tp = 1 + 0.5 * 1 = 1.5, P = 1.5/2 = 0.75, R = 1.5/2 = 0.75,
    #          F1 = 0.75; fp = 2 - 1.5 = 0.5, fn = 2 - 1.5 = 0.5
    assert pick(rows, "PERSON", "partial") == (1.5, 0.5, 0.5, 0.75, 0.75, 0.75)


def test_a_gold_span_is_matched_once_in_partial():
    # gold 0-10; two predictions 0-4 and 5-10 overlap it: one PAR, the other spurious.
    rows = score_entities([M("ORG", 0, 10)], [M("ORG", 0, 4), M("ORG", 5, 10)])
    # tp = 0.5 * 1 = 0.5; P = 0.5/2 = 0.25; R = 0.5/1 = 0.5;
    # F1 = 2 * 0.25 * 0.5 / 0.75 = 0.3333
    assert pick(rows, "ORG", "partial") == (0.5, 1.5, 0.5, 0.25, 0.5, 0.3333)
    assert pick(rows, "ORG", "strict") == (0, 2, 1, 0.0, 0.0, 0.0)


def test_wrong_label():
    # Same offsets, GPE predicted for a gold ORG: a miss for ORG and a false positive for GPE,
    # in strict and in partial (partial requires the same label).
    rows = score_entities([M("ORG", 0, 5)], [M("GPE", 0, 5)])
    for kind in ("strict", "partial"):
        assert pick(rows, "ORG", kind) == (0, 0, 1, 0.0, 0.0, 0.0)
        assert pick(rows, "GPE", kind) == (0, 1, 0, 0.0, 0.0, 0.0)
        # micro: tp 0 -> P = 0/1 = 0, R = 0/1 = 0
        assert pick(rows, "micro", kind) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_empty_prediction():
    rows = score_entities([M("PERSON", 0, 5), M("PERSON", 6, 9)], [])
    # predicted 0: P = 0/0, defined as 0 (no ZeroDivisionError); R = 0/2 = 0; F1 = 0
    assert pick(rows, "PERSON") == (0, 0, 2, 0.0, 0.0, 0.0)
    assert pick(rows, "micro", "partial") == (0, 0, 2, 0.0, 0.0, 0.0)


def test_empty_gold():
    rows = score_entities([], [M("DATE", 0, 5)])
    # gold 0: R = 0/0 defined as 0; P = 0/1 = 0; F1 = 0
    assert pick(rows, "DATE") == (0, 1, 0, 0.0, 0.0, 0.0)
    # nothing at all: only micro and macro rows, everything 0
    rows = score_entities([], [])
    assert sorted({row["label"] for row in rows}) == ["macro", "micro"]
    assert pick(rows, "micro") == (0, 0, 0, 0.0, 0.0, 0.0)
    assert pick(rows, "macro") == (0, 0, 0, 0.0, 0.0, 0.0)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_micro_versus_macro_on_two_labels():
    gold = [M("PERSON", 0, 5), M("PERSON", 10, 15), M("PERSON", 20, 25), M("PERSON", 30, 35),
            M("LOC", 40, 45)]
    predicted = gold[:4] + [M("LOC", 50, 55)]  # the LOC prediction is elsewhere
    rows = score_entities(gold, predicted)
    # PERSON: tp 4/4 -> 1, 1, 1; LOC: tp 0 -> 0, 0, 0
    assert pick(rows, "PERSON") == (4, 0, 0, 1.0, 1.0, 1.0)
    assert pick(rows, "LOC") == (0, 1, 1, 0.0, 0.0, 0.0)
    # micro: tp 4, predicted 5, gold 5 -> P = R = F1 = 4/5 = 0.8
    assert pick(rows, "micro") == (4, 1, 1, 0.8, 0.8, 0.8)
    # macro: (1 + 0)/2 = 0.5 for P, R and F1
    assert pick(rows, "macro")[3:] == (0.5, 0.5, 0.5)


def test_predictions_are_matched_within_their_document():
    rows = score_entities([M("LOC", 0, 5, "a")], [M("LOC", 0, 5, "b")])
    assert pick(rows, "LOC") == (0, 1, 1, 0.0, 0.0, 0.0)


# --------------------------------------------------------------------------- relations


def test_relation_with_one_wrong_end():
    gold = [E("RECEIVED", (0, 5), (10, 15)), E("HAS_RANK", (0, 5), (20, 25))]
    predicted = [E("RECEIVED", (0, 5), (10, 14)), E("HAS_RANK", (0, 5), (20, 25))]
    rows = score_relations(gold, predicted)
    # RECEIVED: the tail ends at 14, not 15 -> tp 0, fp 1, fn 1
    assert pick(rows, "RECEIVED") == (0, 1, 1, 0.0, 0.0, 0.0)
    assert pick(rows, "HAS_RANK") == (1, 0, 0, 1.0, 1.0, 1.0)
    # micro: tp 1, predicted 2, gold 2 -> 0.5; macro: (0 + 1)/2 = 0.5
    assert pick(rows, "micro") == (1, 1, 1, 0.5, 0.5, 0.5)
    assert pick(rows, "macro")[3:] == (0.5, 0.5, 0.5)


def test_met_is_symmetric_but_received_is_not():
    gold = [E("MET", (0, 5), (10, 15)), E("RECEIVED", (20, 25), (30, 35))]
    predicted = [E("MET", (10, 15), (0, 5)), E("RECEIVED", (30, 35), (20, 25))]
    rows = score_relations(gold, predicted)
    # MET stored in the reverse direction still matches: tp 1 -> 1, 1, 1
    assert pick(rows, "MET") == (1, 0, 0, 1.0, 1.0, 1.0)
    # RECEIVED reversed (guest -> host) does not: tp 0
    assert pick(rows, "RECEIVED") == (0, 1, 1, 0.0, 0.0, 0.0)


def test_duplicate_relation_prediction_is_a_false_positive():
    gold = [E("MET", (0, 5), (10, 15))]
    rows = score_relations(gold, [E("MET", (0, 5), (10, 15)), E("MET", (10, 15), (0, 5))])
    # tp 1, predicted 2 -> P = 1/2 = 0.5, R = 1/1 = 1, F1 = 2 * 0.5 / 1.5 = 0.6667
    assert pick(rows, "MET") == (1, 1, 0, 0.5, 1.0, 0.6667)


def test_relations_empty_on_both_sides():
    rows = score_relations([], [])
    assert pick(rows, "micro") == (0, 0, 0, 0.0, 0.0, 0.0)


# --------------------------------------------------------------------------- evaluation


TEXT = "Riyad, 24-03-2022\n\nLe Général Amadou Diallo a reçu Zaid Wadi. Ils ont parlé."
# offsets: Riyad 0-5, 24-03-2022 7-17, Général 22-29, Amadou Diallo 30-43 (Diallo 37-43),
# Zaid Wadi 51-60 (Wadi 56-60)


def gold_document(doc_id: str = "doc") -> GoldDocument:
    return GoldDocument(doc_id, TEXT, [
        Span("T1", "LOC", 0, 5, "Riyad"), Span("T2", "DATE", 7, 17, "24-03-2022"),
        Span("T3", "RANK", 22, 29, "Général"), Span("T4", "PERSON", 30, 43, "Amadou Diallo"),
        Span("T5", "PERSON", 51, 60, "Zaid Wadi"),
    ], [Relation("R1", "HAS_RANK", "T4", "T3"), Relation("R2", "RECEIVED", "T4", "T5")])


def test_sentence_around():
    assert sentence_around(TEXT, 30, 43) == "Le Général Amadou Diallo a reçu Zaid Wadi."
    assert sentence_around(TEXT, 0, 5) == "Riyad, 24-03-2022"
    assert sentence_around(TEXT, 66, 69) == "Ils ont parlé."


def test_evaluate_errors_and_documents_without_predictions():
    predicted = [M("LOC", 0, 5, "doc"), M("PERSON", 37, 43, "doc"), M("GPE", 51, 60, "doc"),
                 M("PERSON", 0, 4, "other")]  # "other" is not in the gold: ignored
    relations = [E("RECEIVED", (51, 60), (30, 43), "doc")]
    evaluation = evaluate([gold_document("doc"), gold_document("empty")], predicted, relations)
    scores = evaluation.scores
    micro = scores[(scores.system == "pipeline") & (scores.scope == "entity")
                   & (scores.kind == "strict") & (scores.label == "micro")].iloc[0]
    # gold 5 + 5 = 10 spans ("empty" has no predictions: its 5 spans are misses);
    # predicted 3 in gold documents, tp 1 (Riyad) -> P = 1/3 = 0.3333, R = 1/10 = 0.1
    assert (micro.gold, micro.predicted, micro.tp) == (10, 3, 1)
    assert (round(micro.precision, 4), round(micro.recall, 4)) == (0.3333, 0.1)
    assert (evaluation.n_predicted_documents, evaluation.n_ignored_documents) == (1, 1)
    errors = evaluation.errors
    # 9 spans, 4 relations, 4 facts (HAS_RANK and RECEIVED of each document: the reversed
    # RECEIVED matches no gold fact)
    assert len(errors[errors.error == "missed"]) == 9 + 4 + 4
    false_positives = errors[errors.error == "false_positive"].to_dict("records")
    assert [(row["scope"], row["label"], row["text"], row["hint"]) for row in false_positives] == [
        ("entity", "PERSON", "Diallo", "boundary: gold 'Amadou Diallo'"),
        ("entity", "GPE", "Zaid Wadi", "label: gold PERSON"),
        ("fact", "RECEIVED", "Zaid Wadi -> Amadou Diallo",
         "direction: gold in the other direction"),
        ("relation", "RECEIVED", "Zaid Wadi -> Amadou Diallo",
         "direction: gold in the other direction"),
    ]
    assert {row["sentence"] for row in false_positives} == {
        "Le Général Amadou Diallo a reçu Zaid Wadi."}


def write_folder(gold: Path, pred: Path, mentions: list[list], relations: list[list]) -> None:
    gold.mkdir()
    (gold / "doc.txt").write_text(TEXT, encoding="utf-8")
    document = gold_document()
    lines = [f"{s.id}\t{s.label} {s.start} {s.end}\t{s.text}" for s in document.spans]
    lines += [f"{r.id}\t{r.type} Arg1:{r.head_id} Arg2:{r.tail_id}" for r in document.relations]
    (gold / "doc.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pred.mkdir()
    with (pred / "mentions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "start", "end", "text", "label", "entity_id"])
        writer.writerows(mentions)
    with (pred / "relations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "relation", "head_id", "head", "tail_id", "tail",
                         "head_start", "head_end", "tail_start", "tail_end", "evidence"])
        writer.writerows(relations)


def test_evaluate_command_writes_deterministic_outputs(tmp_path, capsys):
    gold, pred, output = tmp_path / "gold", tmp_path / "pred", tmp_path / "eval"
    write_folder(gold, pred, [
        ["doc", 0, 5, "Riyad", "LOC", "E1"], ["doc", 7, 17, "24-03-2022", "DATE", "E2"],
        ["doc", 22, 29, "Général", "RANK", "E3"], ["doc", 30, 43, "Amadou Diallo", "PERSON", "E4"],
        ["doc", 56, 60, "Wadi", "PERSON", "E5"],
    ], [
        ["doc", "HAS_RANK", "E4", "Amadou Diallo", "E3", "Général", 30, 43, 22, 29, "x"],
        ["doc", "RECEIVED", "E4", "Amadou Diallo", "E5", "Wadi", 30, 43, 56, 60, "x"],
    ])
    assert evaluate_command(gold, pred, output, baseline=False, name="test") == 0
    printed = capsys.readouterr().out
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert printed == summary
    # PERSON: strict tp 1 of 2 -> P = R = F1 = 0.5; partial tp = 1 + 0.5 = 1.5 -> F1 = 0.75
    assert "| PERSON | 2 | 0.500 | 0.500 | 0.500 | 0.750 |" in summary
    # micro: strict tp 4 of 5 predicted, 5 gold -> 0.8; partial 4.5/5 = 0.9
    assert "| **micro** | 5 | 0.800 | 0.800 | 0.800 | 0.900 |" in summary
    # macro strict F1 = (1 + 1 + 1 + 0.5)/4 = 0.875; partial (1 + 1 + 1 + 0.75)/4 = 0.9375
    assert "| **macro** | 5 | 0.875 | 0.875 | 0.875 | 0.938 |" in summary
    # relations: HAS_RANK right, RECEIVED tail 56-60 instead of 51-60 -> micro 1/2 = 0.5
    assert "| RECEIVED | 1 | 1 | 0.000 | 0.000 | 0.000 |" in summary
    assert "| **micro** | 2 | 2 | 0.500 | 0.500 | 0.500 |" in summary
    with (output / "scores.csv").open(encoding="utf-8") as handle:
        scores = list(csv.DictReader(handle))
    partial_person = [row for row in scores if (row["kind"], row["label"]) ==
                      ("partial", "PERSON")][0]
    assert (partial_person["tp"], partial_person["fp"], partial_person["fn"],
            partial_person["f1"]) == ("1.5", "0.5", "0.5", "0.7500")
    with (output / "errors.csv").open(encoding="utf-8") as handle:
        errors = list(csv.DictReader(handle))
    # facts: E5 ("Wadi" 56-60) has no mention at the offsets of a gold span, so the
    # predicted RECEIVED fact matches no gold entity: one spurious and one missed fact too.
    assert [(row["scope"], row["error"], row["label"], row["text"]) for row in errors] == [
        ("entity", "missed", "PERSON", "Zaid Wadi"),
        ("entity", "false_positive", "PERSON", "Wadi"),
        ("fact", "false_positive", "RECEIVED", "Amadou Diallo -> Wadi"),
        ("fact", "missed", "RECEIVED", "Amadou Diallo -> Zaid Wadi"),
        ("relation", "false_positive", "RECEIVED", "Amadou Diallo -> Wadi"),
        ("relation", "missed", "RECEIVED", "Amadou Diallo -> Zaid Wadi"),
    ]
    # facts: HAS_RANK (Amadou Diallo, "general") found, RECEIVED not -> micro 1/2 = 0.5;
    # relations.csv has no date / confidence column: dates are not scored
    facts = summary.split("Facts (per document")[1]
    assert "| **micro** | 2 | 2 | 0.500 | 0.500 | 0.500 |" in facts
    assert "Event dates: not scored" in facts
    first = {path.name: path.read_bytes() for path in output.iterdir()}
    assert evaluate_command(gold, pred, output, baseline=False, name="test") == 0
    assert first == {path.name: path.read_bytes() for path in output.iterdir()}


def test_evaluate_command_invalid_gold_returns_2_without_traceback(tmp_path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write_folder(gold, pred, [], [])
    (gold / "doc.ann").write_text("T1\tPLACE 0 5\tRiyad\n", encoding="utf-8")
    assert evaluate_command(gold, pred, tmp_path / "eval", baseline=False) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: {gold / 'doc.ann'}:1: unknown entity label 'PLACE'")
    assert "Traceback" not in captured.err
    assert not (tmp_path / "eval").exists()


def test_evaluate_command_missing_predictions_returns_2(tmp_path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write_folder(gold, pred, [], [])
    (pred / "mentions.csv").unlink()
    assert evaluate_command(gold, pred, tmp_path / "eval", baseline=False) == 2
    assert "mentions.csv: not found" in capsys.readouterr().err


def test_evaluate_command_bad_offset_in_predictions(tmp_path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write_folder(gold, pred, [["doc", "x", 5, "Riyad", "LOC", "E1"]], [])
    assert evaluate_command(gold, pred, tmp_path / "eval", baseline=False) == 2
    assert "row 1: start 'x' is not an integer" in capsys.readouterr().err


def test_update_readme_summary(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n<!-- eval:seeds:start -->\nold\n<!-- eval:seeds:end -->\nend\n",
                      encoding="utf-8")
    assert update_readme_summary(readme, "seeds", "| a | b |\n") is True
    assert readme.read_text(encoding="utf-8") == (
        "# Title\n<!-- eval:seeds:start -->\n| a | b |\n<!-- eval:seeds:end -->\nend\n")
    assert update_readme_summary(readme, "seeds", "| a | b |\n") is False  # unchanged
    before = readme.read_text(encoding="utf-8")
    assert update_readme_summary(readme, "dev", "| c |") is False  # markers absent
    assert readme.read_text(encoding="utf-8") == before
    assert update_readme_summary(tmp_path / "missing.md", "seeds", "x") is False


# --------------------------------------------------------------------------- baseline


def test_baseline_label_mapping(tmp_path):
    extra = tmp_path / "countries.jsonl"
    extra.write_text('{"code": "XK", "names": ["Kosovo", "République du Kosovo"], '
                     '"demonyms": ["kosovar"]}\n', encoding="utf-8")
    countries = country_names(extra)
    assert map_baseline_label("PER", "Zaid Wadi", countries) == "PERSON"
    assert map_baseline_label("ORG", "CIMCT", countries) == "ORG"
    assert map_baseline_label("LOC", "Riyad", countries) == "LOC"
    assert map_baseline_label("LOC", "République d'Iraq", countries) == "GPE"
    assert map_baseline_label("LOC", "l'État du Koweït", countries) == "GPE"
    assert map_baseline_label("LOC", "République du Kosovo", countries) == "GPE"
    assert map_baseline_label("MISC", "CIMCT", countries) is None


@pytest.mark.slow
def test_baseline_on_one_text():
    text = "Emmanuel Macron a reçu Olaf Scholz à Paris, en Allemagne et au Niger."
    document = GoldDocument("t", text, [
        Span("T1", "PERSON", 0, 15, "Emmanuel Macron"), Span("T2", "PERSON", 23, 34, "Olaf Scholz"),
        Span("T3", "LOC", 37, 42, "Paris"), Span("T4", "GPE", 47, 56, "Allemagne"),
        Span("T5", "DATE", 63, 68, "Niger"),  # deliberately mislabelled: a GPE for spaCy
    ], [])
    predicted = baseline_mentions([document])
    assert predicted == [M("PERSON", 0, 15, "t"), M("PERSON", 23, 34, "t"), M("LOC", 37, 42, "t"),
                         M("GPE", 47, 56, "t"), M("GPE", 63, 68, "t")]
    evaluation = evaluate([document], [], [], predicted)
    baseline = evaluation.scores[(evaluation.scores.system == "baseline")
                                 & (evaluation.scores.kind == "strict")]
    micro = baseline[baseline.label == "micro"].iloc[0]
    # tp 4 of 5 predicted, 5 gold -> P = R = F1 = 0.8
    assert (micro.tp, round(micro.f1, 4)) == (4, 0.8)
