"""Dated histories of ranks and titles (pipeline/history.py) and where the report shows them."""

from __future__ import annotations

import pandas as pd

from pipeline.aggregate import DocumentResult, build_tables
from pipeline.artefacts import TABLE_COLUMNS, table_frame
from pipeline.history import person_history
from pipeline.report import ReportData, entity_rows, held_on, timeline


def row(doc_id: str, kind: str, head_id: str, value: str, date: str) -> dict:
    return {"doc_id": doc_id, "relation": kind, "head_id": head_id, "head": "Ali Traoré",
            "tail_id": "", "tail": value, "tail_text": value, "date": date}


ENTITIES = table_frame("entities", [
    {"entity_id": "person:ali-traore", "label": "PERSON", "name": "Ali Traoré"},
    {"entity_id": "org:etat-major", "label": "ORG", "name": "État-major"},
])

RELATIONS = [
    # written in the documents out of order; two spellings of one rank (the commoner shown)
    row("d2023", "HAS_RANK", "person:ali-traore", "général de corps d'armée", "2023-01-15"),
    row("d2021", "HAS_RANK", "person:ali-traore", "Général de division", "2021-03-02"),
    row("d2022", "HAS_RANK", "person:ali-traore", "général de division", "2022-05-10"),
    row("d2022b", "HAS_RANK", "person:ali-traore", "Général de division", "2022-05-11"),
    row("d2024", "HAS_RANK", "person:ali-traore", "général de corps d'armée", "2024-02-01"),
    row("d2021", "HAS_TITLE", "person:ali-traore", "chef d'état-major", "2021-03-02"),
    row("dx", "HAS_TITLE", "person:ali-traore", "ministre", ""),
    row("d2021", "HAS_RANK", "org:etat-major", "général", "2021-03-02"),  # not a person
    row("d2021", "AFFILIATED_WITH", "person:ali-traore", "État-major", "2021-03-02"),
]


def test_a_promotion_reads_as_a_sequence():
    history = person_history(RELATIONS, ENTITIES)
    assert list(history.columns) == TABLE_COLUMNS["person_history"]
    assert [tuple(r) for r in history[["kind", "value", "first_date", "last_date", "n_docs",
                                       "doc_ids"]].itertuples(index=False)] == [
        ("rank", "Général de division", "2021-03-02", "2022-05-11", 3, "d2021|d2022|d2022b"),
        ("title", "chef d'état-major", "2021-03-02", "2021-03-02", 1, "d2021"),
        ("rank", "général de corps d'armée", "2023-01-15", "2024-02-01", 2, "d2023|d2024"),
        ("title", "ministre", "", "", 1, "dx"),  # never dated: last
    ]
    assert set(history["entity_id"]) == {"person:ali-traore"}
    assert set(history["name"]) == {"Ali Traoré"}


def test_history_does_not_depend_on_the_order_of_relations():
    forward = person_history(RELATIONS, ENTITIES)
    backward = person_history(list(reversed(RELATIONS)), ENTITIES)
    pd.testing.assert_frame_equal(forward, backward)


def test_empty_history():
    history = person_history([], ENTITIES)
    assert history.empty and list(history.columns) == TABLE_COLUMNS["person_history"]


def test_rank_held_on_a_day():
    history = person_history(RELATIONS, ENTITIES).to_dict("records")
    assert held_on(history, "rank", "2022-12-31") == ["Général de division"]
    assert held_on(history, "rank", "2023-06-01") == ["général de corps d'armée"]
    assert held_on(history, "rank", "2019-01-01") == ["Général de division"]  # earliest
    assert held_on(history, "rank", "") == ["Général de division"]


def test_build_tables_dates_ranks_by_their_documents():
    def document(doc_id: str, day: str, rank: str) -> DocumentResult:
        written = {"start": 0, "end": len(rank), "text": rank, "label": "RANK", "key": ""}
        name = {"start": len(rank) + 1, "end": len(rank) + 11, "text": "Ali Traoré",
                "label": "PERSON", "key": ""}
        has_rank = {"relation": "HAS_RANK", "head": name, "tail": written, "confidence": 0.95,
                    "trigger": ""}
        return DocumentResult(doc_id, [written, name], [has_rank],
                              [{"start": 0, "end": 60, "text": "s"}],
                              {"place": "Bamako", "date": day}, None)

    tables = build_tables([document("new", "2024-05-02", "général de corps d'armée"),
                           document("old", "2021-04-01", "général de division")], [])
    history = tables["person_history"]
    assert history["value"].tolist() == ["général de division", "général de corps d'armée"]
    assert history["first_date"].tolist() == ["2021-04-01", "2024-05-02"]
    # entities.csv keeps the undated list
    [ranks] = tables["entities"].loc[tables["entities"]["label"] == "PERSON", "ranks"]
    assert ranks == "général de corps d'armée|général de division"


def report_tables() -> dict:
    entities = table_frame("entities", [
        {"entity_id": "person:ali-traore", "label": "PERSON", "name": "Ali Traoré",
         "ranks": "général de corps d'armée|Général de division", "titles": "", "aliases": "",
         "affiliations": "", "nationality": "Mali", "n_mentions": 3, "n_docs": 3,
         "doc_ids": "d2021|d2023|e"},
        {"entity_id": "person:guest", "label": "PERSON", "name": "Jean Visiteur"},
    ])
    event = {"event_id": "e#1", "doc_id": "e", "type": "RECEIVED", "date": "2022-01-10",
             "place": "Bamako", "hosts": "Ali Traoré", "guests": "Jean Visiteur",
             "attendees": "", "evidence": "Ali Traoré a reçu Jean Visiteur.",
             "host_ids": "person:ali-traore", "guest_ids": "person:guest", "attendee_ids": "",
             "confidence": 0.9, "visit_id": "visit:0001"}
    visit = {"visit_id": "visit:0001", "type": "RECEIVED", "first_date": "2022-01-10",
             "last_date": "2022-01-10", "place": "Bamako", "hosts": "Ali Traoré",
             "guests": "Jean Visiteur", "attendees": "", "host_ids": "person:ali-traore",
             "guest_ids": "person:guest", "attendee_ids": "", "n_events": 1, "n_docs": 1,
             "doc_ids": "e", "event_ids": "e#1", "rule": "one event", "confidence": 0.9}
    return {
        "entities": entities,
        "events": table_frame("events", [event]),
        "visits": table_frame("visits", [visit]),
        "person_history": person_history(RELATIONS, ENTITIES),
    }


def test_report_shows_the_history_in_the_entity_table_and_the_rank_of_the_day():
    data = ReportData(report_tables(), {"e": "Ali Traoré a reçu Jean Visiteur."})
    [person] = [r for r in entity_rows(data) if r["id"] == "person:ali-traore"]
    assert person["dated"]
    assert person["ranks"] == ["Général de division (2021-03-02 – 2022-05-11)",
                               "général de corps d'armée (2023-01-15 – 2024-02-01)"]
    [row] = timeline(data)
    # the source writes no rank: the one his history gives on the visit's day, not both
    assert row["hosts"][0]["rank"] == "Général de division"


def test_abbreviations_plurals_and_bare_grades_are_not_promotions():
    person = "person:ali-traore"
    relations = [
        row("a", "HAS_RANK", person, "général d'armée", "2024-03-12"),
        row("a", "HAS_RANK", person, "général", "2024-03-12"),  # bare, in the same document
        row("b", "HAS_RANK", person, "Général d'Armées", "2024-03-13"),  # web plural
        row("c", "HAS_RANK", person, "Gal", "2024-03-13"),  # abbreviation of a bare grade
        row("d", "HAS_RANK", person, "Gal de division", "2022-01-05"),
        row("e", "HAS_RANK", person, "GDI", "2022-02-01"),
        row("f", "HAS_RANK", person, "Lcl", "2019-06-01"),
        row("g", "HAS_RANK", person, "lieutenant-colonel", "2019-07-01"),
        row("h", "HAS_RANK", person, "lieutenant général", "2025-05-02"),
        row("h", "HAS_RANK", person, "Gal", "2025-05-02"),  # the bare grade of that document
    ]
    history = person_history(relations, ENTITIES)
    assert [tuple(r) for r in history[["value", "first_date", "last_date", "doc_ids"]]
            .itertuples(index=False)] == [
        ("lieutenant-colonel", "2019-06-01", "2019-07-01", "f|g"),
        ("Gal de division", "2022-01-05", "2022-02-01", "d|e"),  # no spelled-out form written
        ("général d'armée", "2024-03-12", "2024-03-13", "a|b"),
        ("Gal", "2024-03-13", "2024-03-13", "c"),  # alone in its document: a bare grade
        ("lieutenant général", "2025-05-02", "2025-05-02", "h"),
    ]


def test_titles_held_at_once_are_all_shown_on_a_day():
    history = [
        {"kind": "title", "value": "ministre de la Défense", "first_date": "2021-01-01",
         "last_date": "2024-06-01"},
        {"kind": "title", "value": "vice-Premier ministre", "first_date": "2023-01-01",
         "last_date": "2024-06-01"},
        {"kind": "title", "value": "ambassadeur", "first_date": "2025-01-01",
         "last_date": "2025-02-01"},
    ]
    assert held_on(history, "title", "2024-01-10") == ["ministre de la Défense",
                                                       "vice-Premier ministre"]
    # after both were last written: the latest begun before the day
    assert held_on(history, "title", "2024-12-01") == ["vice-Premier ministre"]
    assert held_on(history, "title", "2025-01-15") == ["ambassadeur"]
