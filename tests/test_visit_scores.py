"""Pairwise scores of the visit clustering (evaluate.score_visits) on invented gold and
prediction folders; the expected numbers are worked out in the comments."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.evaluate import evaluate_command

TEXT = "{host} a reçu {guest}."
RELATIONS = ["doc_id", "relation", "head_id", "tail_id", "head_start", "head_end",
             "tail_start", "tail_end", "date", "confidence"]
EVENTS = ["event_id", "doc_id", "type", "date", "place", "hosts", "guests", "attendees",
          "evidence", "host_ids", "guest_ids", "attendee_ids", "confidence", "visit_id"]


def slug(name: str) -> str:
    return "person:" + name.lower().replace(" ", "-")


def write(tmp_path: Path, docs: list[tuple], events: bool = True,
          with_visit_id: bool = True) -> tuple[Path, Path]:
    """docs: (doc_id, host, guest, gold visit note or "", predicted visit_id or None for no
    prediction)."""
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    mentions, relations, rows = [], [], []
    for doc_id, host, guest, note, visit_id in docs:
        text = TEXT.format(host=host, guest=guest)
        hs, gs = text.index(host), text.index(guest)
        (gold / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        ann = [f"T1\tPERSON {hs} {hs + len(host)}\t{host}",
               f"T2\tPERSON {gs} {gs + len(guest)}\t{guest}",
               "R1\tRECEIVED Arg1:T1 Arg2:T2",
               "#1\tAnnotatorNotes R1\tdate=2025-03-12" + (f" visit={note}" if note else "")]
        (gold / f"{doc_id}.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
        if visit_id is None:
            continue
        mentions += [[doc_id, hs, hs + len(host), host, "PERSON", slug(host)],
                     [doc_id, gs, gs + len(guest), guest, "PERSON", slug(guest)]]
        relations.append([doc_id, "RECEIVED", slug(host), slug(guest), hs, hs + len(host), gs,
                          gs + len(guest), "2025-03-12", 0.9])
        rows.append([f"{doc_id}#1", doc_id, "RECEIVED", "2025-03-12", "", host, guest, "",
                     text, slug(host), slug(guest), "", 0.9, visit_id])
    for name, header, table in (("mentions", ["doc_id", "start", "end", "text", "label",
                                              "entity_id"], mentions),
                                ("relations", RELATIONS, relations),
                                ("events", EVENTS if with_visit_id else EVENTS[:-1],
                                 rows if with_visit_id else [r[:-1] for r in rows])):
        if name == "events" and not events:
            continue
        with (pred / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(table)
    return gold, pred


DOCS = [
    ("a", "Ali Ba", "Omar Sy", "V1", "visit:0001"),
    ("b", "Ali Ba", "Omar Sy", "V1", "visit:0001"),
    ("c", "Ali Ba", "Omar Sy", "V2", "visit:0001"),  # another visit, wrongly merged
    ("d", "Awa Ka", "Lina Ka", "", "visit:0002"),  # no visit note: its own event
    ("e", "Ali Ba", "Omar Sy", "V1", None),  # a report of V1 the run did not read
]


def visit_rows(output: Path) -> tuple[list[dict], list[dict]]:
    with (output / "scores.csv").open(encoding="utf-8") as handle:
        scores = [r for r in csv.DictReader(handle) if r["scope"] == "visit"]
    with (output / "errors.csv").open(encoding="utf-8") as handle:
        errors = [r for r in csv.DictReader(handle) if r["scope"] == "visit"]
    return scores, errors


def test_pairwise_precision_recall_and_false_merges(tmp_path, capsys):
    gold, pred = write(tmp_path, DOCS)
    output = tmp_path / "eval"
    assert evaluate_command(gold, pred, output, baseline=False) == 0
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out == summary
    # pairs of different documents: a-b, a-e, b-e gold same (3); a-b, a-c, b-c predicted
    # same (3), of which a-b only is right: P 1/3, R 1/3; a-c and b-c are false merges.
    # Among gold events both found (a, b, c, d): one gold-same pair, a-b: R 1/1.
    assert "pairwise" in summary and "4 of 5 gold events found in events.csv" in summary
    assert "| all | 3 | 3 | 0.333 | 0.333 | 0.333 | 2 |" in summary
    assert "| both found in events.csv | 1 | 3 | 0.333 | 1.000 | 0.500 | 2 |" in summary
    scores, errors = visit_rows(output)
    assert [(r["kind"], r["label"], r["gold"], r["predicted"], r["tp"], r["fp"])
            for r in scores] == [("pairwise", "pairs", "3", "3", "1", "2")]
    assert sorted((r["error"], r["text"]) for r in errors) == [
        ("false_merge", "a [V1] ~ c [V2]"),
        ("false_merge", "b [V1] ~ c [V2]"),
        ("missed_merge", "a [V1] ~ e [V1]"),
        ("missed_merge", "b [V1] ~ e [V1]"),
    ]


def test_a_perfect_clustering_scores_one(tmp_path):
    docs = [("a", "Ali Ba", "Omar Sy", "V1", "visit:0001"),
            ("b", "Ali Ba", "Omar Sy", "V1", "visit:0001"),
            ("c", "Ali Ba", "Omar Sy", "V2", "visit:0002"),
            ("d", "Awa Ka", "Lina Ka", "", "visit:0003")]
    gold, pred = write(tmp_path, docs)
    output = tmp_path / "eval"
    assert evaluate_command(gold, pred, output, baseline=False) == 0
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert "| all | 1 | 1 | 1.000 | 1.000 | 1.000 | 0 |" in summary
    assert visit_rows(output)[1] == []


def test_events_without_visit_id_are_not_scored(tmp_path):
    gold, pred = write(tmp_path, DOCS, with_visit_id=False)
    output = tmp_path / "eval"
    assert evaluate_command(gold, pred, output, baseline=False) == 0
    summary = (output / "summary.md").read_text(encoding="utf-8")
    assert "Visits across documents: not scored (events.csv has no visit_id column)." in summary
    assert visit_rows(output) == ([], [])


def test_older_outputs_without_events_say_nothing_of_visits(tmp_path):
    gold, pred = write(tmp_path, DOCS, events=False)
    output = tmp_path / "eval"
    assert evaluate_command(gold, pred, output, baseline=False) == 0
    assert "Visits" not in (output / "summary.md").read_text(encoding="utf-8")
