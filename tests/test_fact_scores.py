"""Fact-level scores (per document, one fact once) and the gold `date` notes they use.

Every case is a small invented gold folder and prediction folder written to tmp_path and
read back by the real readers; the expected numbers are worked out in the comments.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.brat import GoldError, Relation, load_document
from pipeline.evaluate import (
    Evaluation,
    evaluate,
    evaluate_command,
    gold_entities,
    read_predictions,
    render_tables,
)

RELATION_CSV = ["doc_id", "relation", "head_id", "tail_id", "head_start", "head_end",
                "tail_start", "tail_end", "date", "confidence"]
OLD_RELATION_CSV = ["doc_id", "relation", "head_start", "head_end", "tail_start", "tail_end"]


def at(text: str, piece: str, nth: int = 1) -> tuple[int, int]:
    """Offsets of the nth occurrence of `piece` in `text`."""
    start = -1
    for _ in range(nth):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


class Case:
    """Gold documents and predictions, written as files and scored."""

    def __init__(self, tmp_path: Path):
        self.gold_dir, self.pred_dir = tmp_path / "gold", tmp_path / "pred"
        self.texts: dict[str, str] = {}
        self.ann: dict[str, list[str]] = {}
        self.mentions: list[list] = []
        self.rows: list[dict] = []

    def doc(self, doc_id: str, text: str) -> None:
        self.texts[doc_id], self.ann[doc_id] = text, []

    def span(self, doc_id: str, span_id: str, label: str, piece: str, nth: int = 1) -> None:
        start, end = at(self.texts[doc_id], piece, nth)
        self.ann[doc_id].append(f"{span_id}\t{label} {start} {end}\t{piece}")

    def relation(self, doc_id: str, relation_id: str, kind: str, head: str, tail: str,
                 note: str = "") -> None:
        self.ann[doc_id].append(f"{relation_id}\t{kind} Arg1:{head} Arg2:{tail}")
        if note:
            number = sum(line.startswith("#") for line in self.ann[doc_id]) + 1
            self.ann[doc_id].append(f"#{number}\tAnnotatorNotes {relation_id}\t{note}")

    def mention(self, doc_id: str, piece: str, label: str, entity_id: str, nth: int = 1):
        self.mentions.append([doc_id, *at(self.texts[doc_id], piece, nth), piece, label,
                              entity_id])

    def predict(self, doc_id: str, kind: str, head: tuple, tail: tuple, date: str = "",
                confidence: float = 0.9) -> None:
        """head / tail: (piece, nth, entity_id)."""
        text = self.texts[doc_id]
        (head_start, head_end), (tail_start, tail_end) = at(text, *head[:2]), at(text, *tail[:2])
        self.rows.append({"doc_id": doc_id, "relation": kind, "head_id": head[2],
                          "tail_id": tail[2], "head_start": head_start, "head_end": head_end,
                          "tail_start": tail_start, "tail_end": tail_end, "date": date,
                          "confidence": confidence})

    def write(self, columns: list[str] = RELATION_CSV) -> None:
        self.gold_dir.mkdir()
        self.pred_dir.mkdir()
        for doc_id, text in self.texts.items():
            (self.gold_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            (self.gold_dir / f"{doc_id}.ann").write_text("\n".join(self.ann[doc_id]) + "\n",
                                                         encoding="utf-8")
        mention_columns = ["doc_id", "start", "end", "text", "label"]
        if columns == RELATION_CSV:
            mention_columns.append("entity_id")
        with (self.pred_dir / "mentions.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(mention_columns)
            writer.writerows(row[:len(mention_columns)] for row in self.mentions)
        with (self.pred_dir / "relations.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(self.rows)

    def evaluate(self, columns: list[str] = RELATION_CSV) -> Evaluation:
        self.write(columns)
        from pipeline.brat import load_corpus

        return evaluate(load_corpus(self.gold_dir), *read_predictions(self.pred_dir))


def facts(evaluation: Evaluation, label: str, scope: str = "fact") -> tuple:
    """(gold, predicted, tp, precision, recall, f1) of one strict row, ratios to 4 decimals."""
    scores = evaluation.scores
    [row] = scores[(scores.system == "pipeline") & (scores.scope == scope)
                   & (scores.kind == "strict") & (scores.label == label)].to_dict("records")
    return (row["gold"], row["predicted"], row["tp"], round(row["precision"], 4),
            round(row["recall"], 4), round(row["f1"], 4))


def fact_errors(evaluation: Evaluation) -> list[tuple]:
    errors = evaluation.errors
    return [(row["error"], row["doc_id"], row["label"], row["text"], row["hint"])
            for row in errors[errors.scope == "fact"].to_dict("records")]


# --------------------------------------------------------------------------- facts


def test_a_fact_found_twice_through_two_mentions_counts_once(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Amadou Diallo a reçu Zaid Wadi, chef d'état-major. "
                  "Diallo a salué le Chef d’état major Wadi.")
    for span_id, label, piece in (("T1", "PERSON", "Amadou Diallo"),
                                  ("T2", "PERSON", "Zaid Wadi"),
                                  ("T3", "TITLE", "chef d'état-major"),
                                  ("T4", "PERSON", "Diallo"),  # 1st "Diallo" is in T1
                                  ("T5", "TITLE", "Chef d’état major")):
        case.span("d", span_id, label, piece, 2 if piece == "Diallo" else 1)
    case.span("d", "T6", "PERSON", "Wadi", 2)
    case.relation("d", "R1", "RECEIVED", "T1", "T2")
    case.relation("d", "R2", "HAS_TITLE", "T2", "T3")
    case.relation("d", "R3", "HAS_TITLE", "T6", "T5")
    for piece, nth, entity_id in (("Amadou Diallo", 1, "E1"), ("Diallo", 2, "E1"),
                                  ("Zaid Wadi", 1, "E2"), ("Wadi", 2, "E2")):
        case.mention("d", piece, "PERSON", entity_id, nth)
    case.predict("d", "RECEIVED", ("Amadou Diallo", 1, "E1"), ("Zaid Wadi", 1, "E2"))
    case.predict("d", "RECEIVED", ("Diallo", 2, "E1"), ("Wadi", 2, "E2"))
    case.predict("d", "HAS_TITLE", ("Zaid Wadi", 1, "E2"), ("chef d'état-major", 1, ""))
    case.predict("d", "HAS_TITLE", ("Wadi", 2, "E2"), ("Chef d’état major", 1, ""))
    evaluation = case.evaluate()
    # relations (per mention): RECEIVED gold 1, predicted 2, tp 1 -> P 0.5, R 1, F1 0.6667
    assert facts(evaluation, "RECEIVED", "relation") == (1, 2, 1, 0.5, 1.0, 0.6667)
    # facts: both RECEIVED rows are (E1, E2): one predicted fact = the gold fact (Amadou
    # Diallo, Zaid Wadi) -> 1, 1, 1 -> P = R = F1 = 1
    assert facts(evaluation, "RECEIVED") == (1, 1, 1, 1.0, 1.0, 1.0)
    # HAS_TITLE: gold R2 and R3 are one fact ("Wadi" joins "Zaid Wadi"; both titles read
    # "chef d etat major"); the two predicted rows are one fact -> 1, 1, 1
    assert facts(evaluation, "HAS_TITLE") == (1, 1, 1, 1.0, 1.0, 1.0)
    # micro: gold 2, predicted 2, tp 2 -> 1.0
    assert facts(evaluation, "micro") == (2, 2, 2, 1.0, 1.0, 1.0)
    assert fact_errors(evaluation) == []


def test_a_fact_through_a_surname_only_mention_is_a_true_positive(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Le Major Général Mohammed bin Saeed Al-Moghidi a reçu Zaid Wadi. "
                  "Al-Moghidi a remercié Wadi.")
    case.span("d", "T1", "RANK", "Major Général")
    case.span("d", "T2", "PERSON", "Mohammed bin Saeed Al-Moghidi")
    case.span("d", "T3", "PERSON", "Zaid Wadi")
    case.span("d", "T4", "PERSON", "Al-Moghidi", 2)
    case.span("d", "T5", "PERSON", "Wadi", 2)
    case.relation("d", "R1", "HAS_RANK", "T2", "T1")
    case.relation("d", "R2", "RECEIVED", "T2", "T3")
    # predicted at the surnames of the second sentence, without entity ids (own spans only)
    case.predict("d", "RECEIVED", ("Al-Moghidi", 2, ""), ("Wadi", 2, ""))
    evaluation = case.evaluate()
    # relations: the offsets differ from R2's -> tp 0
    assert facts(evaluation, "RECEIVED", "relation") == (1, 1, 0, 0.0, 0.0, 0.0)
    # facts: words {al, moghidi} are all in {mohammed, bin, saeed, al, moghidi} only, {wadi}
    # in {zaid, wadi} only: the fact is (Mohammed bin Saeed Al-Moghidi, Zaid Wadi) -> tp 1
    assert facts(evaluation, "RECEIVED") == (1, 1, 1, 1.0, 1.0, 1.0)
    # micro: gold 2 (HAS_RANK not predicted), predicted 1, tp 1 -> P 1, R 0.5,
    # F1 = 2 * 1 * 0.5 / 1.5 = 0.6667
    assert facts(evaluation, "micro") == (2, 1, 1, 1.0, 0.5, 0.6667)


def test_an_end_matches_through_another_mention_of_its_predicted_entity(tmp_path):
    case = Case(tmp_path)
    text = "Amadou Diallo a reçu Zaid Wadi. M. Wadi a remercié Diallo."
    for doc_id in ("a", "b"):
        case.doc(doc_id, text)
        case.span(doc_id, "T1", "PERSON", "Amadou Diallo")
        case.span(doc_id, "T2", "PERSON", "Zaid Wadi")
        case.relation(doc_id, "R1", "RECEIVED", "T1", "T2")
        case.mention(doc_id, "Amadou Diallo", "PERSON", "E1")
        case.mention(doc_id, "Zaid Wadi", "PERSON", "E2")
        case.mention(doc_id, "M. Wadi", "PERSON", "E2")  # a boundary error
    # a: the tail "M. Wadi" is no gold span, but E2 has a mention at "Zaid Wadi" -> match;
    # b: the same row without a tail id stands for its own span only -> no gold entity
    case.predict("a", "RECEIVED", ("Amadou Diallo", 1, "E1"), ("M. Wadi", 1, "E2"))
    case.predict("b", "RECEIVED", ("Amadou Diallo", 1, "E1"), ("M. Wadi", 1, ""))
    evaluation = case.evaluate()
    # gold 2 (one per document), predicted 2, tp 1 (a) -> P = R = F1 = 0.5
    assert facts(evaluation, "RECEIVED") == (2, 2, 1, 0.5, 0.5, 0.5)
    # errors sorted by offsets: the missed fact ends at "Zaid Wadi" (30), before "M. Wadi" (39)
    assert fact_errors(evaluation) == [
        ("missed", "b", "RECEIVED", "Amadou Diallo -> Zaid Wadi", ""),
        ("false_positive", "b", "RECEIVED", "Amadou Diallo -> M. Wadi", "tail is no gold entity"),
    ]


def test_met_matches_either_direction_received_does_not(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Awa Ba a rencontré Omar Sy. Awa Ba a reçu Lina Ka.")
    case.span("d", "T1", "PERSON", "Awa Ba")
    case.span("d", "T2", "PERSON", "Omar Sy")
    case.span("d", "T3", "PERSON", "Awa Ba", 2)
    case.span("d", "T4", "PERSON", "Lina Ka")
    case.relation("d", "R1", "MET", "T1", "T2")
    case.relation("d", "R2", "RECEIVED", "T3", "T4")
    case.predict("d", "MET", ("Omar Sy", 1, "P2"), ("Awa Ba", 1, "P1"))
    case.predict("d", "RECEIVED", ("Lina Ka", 1, "P3"), ("Awa Ba", 2, "P1"))
    evaluation = case.evaluate()
    # MET (Omar Sy, Awa Ba) is the gold (Awa Ba, Omar Sy) -> 1, 1, 1
    assert facts(evaluation, "MET") == (1, 1, 1, 1.0, 1.0, 1.0)
    # RECEIVED guest -> host is not host -> guest -> tp 0
    assert facts(evaluation, "RECEIVED") == (1, 1, 0, 0.0, 0.0, 0.0)
    # micro: tp 1 of 2 predicted, 2 gold -> 0.5
    assert facts(evaluation, "micro") == (2, 2, 1, 0.5, 0.5, 0.5)
    assert [row[0] + ": " + row[4] for row in fact_errors(evaluation)] == [
        "false_positive: direction: gold in the other direction",
        "missed: direction: predicted in the other direction",
    ]


def test_a_short_name_that_fits_two_gold_people_matches_neither(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Jehangir Khan et Imran Ahmed Khan ont été reçus par Awa Ba. Ba a salué Khan.")
    case.span("d", "T1", "PERSON", "Jehangir Khan")
    case.span("d", "T2", "PERSON", "Imran Ahmed Khan")
    case.span("d", "T3", "PERSON", "Awa Ba")
    case.span("d", "T4", "PERSON", "Ba", 2)    # 1st "Ba" is in "Awa Ba"
    case.span("d", "T5", "PERSON", "Khan", 3)  # 1st and 2nd are in the full names
    case.relation("d", "R1", "RECEIVED", "T3", "T1")
    case.relation("d", "R2", "RECEIVED", "T3", "T2")
    case.predict("d", "RECEIVED", ("Ba", 2, ""), ("Khan", 3, ""))
    evaluation = case.evaluate()
    # gold entities: {ba} fits only {awa, ba}; {khan} fits {jehangir, khan} and
    # {imran, ahmed, khan}: two people (neither name contains the other), so "Khan" stays
    # an entity of its own, although "Imran Ahmed Khan" has more words
    entities = gold_entities(load_document(case.gold_dir / "d.ann"))
    assert (entities["T4"], entities["T5"]) == (("PERSON", "awa ba"), ("PERSON", "khan"))
    # the predicted (Ba, Khan) stands for (Awa Ba, Khan), which is no gold fact:
    # gold 2, predicted 1, tp 0 (1 if "Khan" were given to either Khan)
    assert facts(evaluation, "RECEIVED") == (2, 1, 0, 0.0, 0.0, 0.0)


def test_a_spurious_fact_in_the_outputs(tmp_path, capsys):
    case = Case(tmp_path)
    case.doc("d", "Awa Ba a reçu Omar Sy en présence de Lina Ka.")
    case.span("d", "T1", "PERSON", "Awa Ba")
    case.span("d", "T2", "PERSON", "Omar Sy")
    case.span("d", "T3", "PERSON", "Lina Ka")
    case.relation("d", "R1", "RECEIVED", "T1", "T2", "date=none")
    case.relation("d", "R2", "ATTENDED", "T3", "T1")
    case.predict("d", "RECEIVED", ("Awa Ba", 1, "P1"), ("Omar Sy", 1, "P2"))
    case.predict("d", "RECEIVED", ("Awa Ba", 1, "P1"), ("Lina Ka", 1, "P3"))  # spurious
    case.predict("d", "ATTENDED", ("Lina Ka", 1, "P3"), ("Awa Ba", 1, "P1"))
    case.write()
    output = tmp_path / "eval"
    assert evaluate_command(case.gold_dir, case.pred_dir, output, baseline=False) == 0
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out == summary
    table = summary.split("Facts (per document, one fact once: the distinct entity pairs an "
                          "analyst reads in events.csv):\n\n")[1]
    # RECEIVED: gold 1, predicted 2, tp 1 -> P 0.5, R 1, F1 = 2 * 0.5 / 1.5 = 0.667;
    # ATTENDED 1, 1, 1 -> 1; micro: tp 2 of 3 predicted, 2 gold -> P 0.667, R 1, F1 0.8;
    # macro: P (0.5 + 1)/2 = 0.75, R 1, F1 (0.6667 + 1)/2 = 0.833
    assert table.startswith("| relation | gold | predicted | P | R | F1 |\n"
                            "|---|---:|---:|---:|---:|---:|\n"
                            "| ATTENDED | 1 | 1 | 1.000 | 1.000 | 1.000 |\n"
                            "| RECEIVED | 1 | 2 | 0.500 | 1.000 | 0.667 |\n"
                            "| **micro** | 2 | 3 | 0.667 | 1.000 | 0.800 |\n"
                            "| **macro** | 2 | 3 | 0.750 | 1.000 | 0.833 |\n\n")
    # the RECEIVED fact matched has gold date none and predicted date '' -> 1 of 1 right
    assert table.endswith("Event dates: 1 of 1 matched receptions and meetings have the gold "
                          "date (100.0 %).\n")
    with (output / "scores.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["scope"] == "fact"]
    assert [(row["kind"], row["label"], row["gold"], row["predicted"], row["tp"], row["f1"])
            for row in rows] == [("strict", "ATTENDED", "1", "1", "1", "1.0000"),
                                 ("strict", "RECEIVED", "1", "2", "1", "0.6667"),
                                 ("strict", "micro", "2", "3", "2", "0.8000"),
                                 ("strict", "macro", "2", "3", "2", "0.8333")]
    with (output / "errors.csv").open(encoding="utf-8") as handle:
        errors = [row for row in csv.DictReader(handle) if row["scope"] == "fact"]
    assert [(row["error"], row["doc_id"], row["label"], row["text"], row["sentence"])
            for row in errors] == [("false_positive", "d", "RECEIVED", "Awa Ba -> Lina Ka",
                                    "Awa Ba a reçu Omar Sy en présence de Lina Ka.")]


def test_older_outputs_without_ids_dates_and_confidence(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Amadou Diallo a reçu Zaid Wadi. Diallo a reçu Wadi.")
    case.span("d", "T1", "PERSON", "Amadou Diallo")
    case.span("d", "T2", "PERSON", "Zaid Wadi")
    case.span("d", "T3", "PERSON", "Diallo", 2)
    case.span("d", "T4", "PERSON", "Wadi", 2)
    case.relation("d", "R1", "RECEIVED", "T1", "T2", "date=2024-05-03")
    case.predict("d", "RECEIVED", ("Amadou Diallo", 1, "E1"), ("Zaid Wadi", 1, "E2"))
    case.predict("d", "RECEIVED", ("Diallo", 2, "E1"), ("Wadi", 2, "E2"))
    evaluation = case.evaluate(OLD_RELATION_CSV)
    # without ids each row's spans are its entities: two predicted facts, both standing for
    # the gold (Amadou Diallo, Zaid Wadi); the first (sorted by offsets) takes it, the
    # second is spurious -> gold 1, predicted 2, tp 1 -> P 0.5, R 1, F1 0.6667
    assert facts(evaluation, "RECEIVED") == (1, 2, 1, 0.5, 1.0, 0.6667)
    assert fact_errors(evaluation) == [
        ("false_positive", "d", "RECEIVED", "Diallo -> Wadi",
         "gold fact already matched by another predicted fact")]
    # no date / confidence column: dates are not scored
    assert evaluation.dates is None
    assert "Event dates: not scored" in render_tables(evaluation)


# --------------------------------------------------------------------------- dates


DATES_TEXT = ("Awa Ba a reçu Omar Sy. Awa Ba a reçu Lina Ka. Ba a reçu Ka. "
              "Awa Ba a reçu Ali Fall. Jean Diop a rencontré Paul Ndiaye. "
              "Ndiaye a rencontré Diop. Awa Ba a reçu Moussa Sow. Ba a reçu Sow. "
              "Awa Ba a reçu Ibou Gaye. Awa Ba a reçu Aly Ndao.")


def test_event_dates_right_wrong_and_none(tmp_path):
    case = Case(tmp_path)
    case.doc("d", DATES_TEXT)
    case.span("d", "T1", "PERSON", "Awa Ba")
    names = ["Omar Sy", "Lina Ka", "Ali Fall", "Moussa Sow", "Ibou Gaye", "Aly Ndao"]
    notes = ["date=2024-05-03", "date=2024-05-04", "date=none", "date=2024-05-08", "",
             "date=2024-05-10"]
    for number, (name, note) in enumerate(zip(names, notes, strict=True), 2):
        case.span("d", f"T{number}", "PERSON", name)
        case.relation("d", f"R{number}", "RECEIVED", "T1", f"T{number}", note)
    case.span("d", "T20", "PERSON", "Jean Diop")
    case.span("d", "T21", "PERSON", "Paul Ndiaye")
    case.relation("d", "R20", "MET", "T20", "T21", "date=2024-05-06")
    for piece, entity_id in (("Awa Ba", "P1"), ("Omar Sy", "P2"), ("Lina Ka", "P3"),
                             ("Ali Fall", "P4"), ("Moussa Sow", "P5"), ("Ibou Gaye", "P6"),
                             ("Jean Diop", "P7"), ("Paul Ndiaye", "P8")):
        case.mention("d", piece, "PERSON", entity_id)
    host = ("Awa Ba", 1, "P1")
    # F1 (Omar Sy, gold 2024-05-03): one row, right
    case.predict("d", "RECEIVED", host, ("Omar Sy", 1, "P2"), "2024-05-03", 0.9)
    # F2 (Lina Ka, gold 2024-05-04): the row with the highest confidence (0.9, written
    # second) says 2024-05-05 -> wrong
    case.predict("d", "RECEIVED", host, ("Lina Ka", 1, "P3"), "2024-05-04", 0.6)
    case.predict("d", "RECEIVED", ("Ba", 3, "P1"), ("Ka", 2, "P3"), "2024-05-05", 0.9)
    # F3 (Ali Fall, gold none): empty predicted date -> right
    case.predict("d", "RECEIVED", host, ("Ali Fall", 1, "P4"), "", 0.9)
    # F4 (MET, gold 2024-05-06): equal confidence, the smallest head_start (Jean Diop,
    # written second) says 2024-05-06 -> right
    case.predict("d", "MET", ("Ndiaye", 2, "P8"), ("Diop", 2, "P7"), "2024-05-07", 0.8)
    case.predict("d", "MET", ("Jean Diop", 1, "P7"), ("Paul Ndiaye", 1, "P8"), "2024-05-06",
                 0.8)
    # F5 (Moussa Sow, gold 2024-05-08): confidence 0.7 (written second) beats 0.5 -> right
    case.predict("d", "RECEIVED", ("Ba", 6, "P1"), ("Sow", 2, "P5"), "2024-05-09", 0.5)
    case.predict("d", "RECEIVED", host, ("Moussa Sow", 1, "P5"), "2024-05-08", 0.7)
    # F6 (Ibou Gaye): no gold date note -> not counted; Aly Ndao: not predicted -> not counted
    case.predict("d", "RECEIVED", host, ("Ibou Gaye", 1, "P6"), "2024-01-01", 0.9)
    evaluation = case.evaluate()
    # facts: RECEIVED gold 6, predicted 5 (the two rows of F2 and of F5 are one fact each),
    # tp 5; MET 1, 1, 1
    assert facts(evaluation, "RECEIVED")[:3] == (6, 5, 5)
    assert facts(evaluation, "MET")[:3] == (1, 1, 1)
    # dates: F1 right, F2 wrong, F3 right, F4 right, F5 right -> 4 of 5 = 80.0 %
    # (first row written: F2 right, F4 and F5 wrong -> 3 of 5; 'none' != '': F3 wrong)
    assert evaluation.dates == (4, 5)
    assert ("Event dates: 4 of 5 matched receptions and meetings have the gold date "
            "(80.0 %).") in render_tables(evaluation)
    errors = evaluation.errors
    wrong = errors[errors.error == "wrong_date"].to_dict("records")
    assert [(row["scope"], row["label"], row["text"], row["hint"]) for row in wrong] == [
        ("fact", "RECEIVED", "Awa Ba -> Lina Ka",
         "predicted date 2024-05-05, gold date 2024-05-04")]


def test_no_gold_event_dates(tmp_path):
    case = Case(tmp_path)
    case.doc("d", "Awa Ba a reçu Omar Sy.")
    case.span("d", "T1", "PERSON", "Awa Ba")
    case.span("d", "T2", "PERSON", "Omar Sy")
    case.relation("d", "R1", "RECEIVED", "T1", "T2")
    case.predict("d", "RECEIVED", ("Awa Ba", 1, ""), ("Omar Sy", 1, ""), "2024-05-03")
    evaluation = case.evaluate()
    # one matched reception, no date note -> M = 0
    assert evaluation.dates == (0, 0)
    assert "Event dates: no gold event dates" in render_tables(evaluation)


# --------------------------------------------------------------------------- notes


NOTES_TEXT = "Awa Ba a reçu Omar Sy à Riyad."
# offsets: Awa Ba 0-6, Omar Sy 14-21, Riyad 24-29


def write_ann(tmp_path: Path, ann: str) -> Path:
    (tmp_path / "d.txt").write_text(NOTES_TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    return tmp_path / "d.ann"


def test_annotator_notes_on_relations_are_read(tmp_path):
    ann = ("T1\tPERSON 0 6\tAwa Ba\nT2\tPERSON 14 21\tOmar Sy\nT3\tLOC 24 29\tRiyad\n"
           "#1\tAnnotatorNotes R1\tdate=2024-05-03 place=Riyad\n"  # before its relation
           "R1\tRECEIVED Arg1:T1 Arg2:T2\nR2\tMET Arg1:T1 Arg2:T2\nR3\tMET Arg1:T2 Arg2:T1\n"
           "#2\tAnnotatorNotes T1\tla cheffe\n"           # on a span: ignored
           "#3\tAnnotatorNotes R2\tdate=none\n"
           "#4\tAnnotatorNotes R2\tà revoir, voir page 2\n"  # free text: ignored
           "#5\tAnnotatorNotes R1\tdate=2024-05-03\n")     # the same value again: accepted
    document = load_document(write_ann(tmp_path, ann))
    assert document.relations == [
        Relation("R1", "RECEIVED", "T1", "T2", {"date": "2024-05-03", "place": "Riyad"}),
        Relation("R2", "MET", "T1", "T2", {"date": "none"}),
        Relation("R3", "MET", "T2", "T1", {}),
    ]


@pytest.mark.parametrize(("note", "reason"), [
    ("#1\tAnnotatorNotes R9\tdate=2024-05-03", "note refers to missing relation id 'R9'"),
    ("#1\tAnnotatorNotes R1\tdate=3-mai", "malformed date note '3-mai' (expected YYYY-MM-DD "
                                          "or none)"),
    ("#1\tAnnotatorNotes R1\tdate=2024-05-03\n#2\tAnnotatorNotes R1\tdate=none",
     "relation R1 has two date notes: '2024-05-03' and 'none'"),
])
def test_annotator_note_errors(tmp_path, note, reason):
    ann = ("T1\tPERSON 0 6\tAwa Ba\nT2\tPERSON 14 21\tOmar Sy\nR1\tRECEIVED Arg1:T1 Arg2:T2\n"
           + note + "\n")
    path = write_ann(tmp_path, ann)
    with pytest.raises(GoldError) as caught:
        load_document(path)
    line = ann.splitlines().index(note.splitlines()[-1]) + 1  # 4, or 5 for the second note
    assert str(caught.value) == f"{path}:{line}: {reason}"
