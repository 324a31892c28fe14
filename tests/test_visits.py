"""Visits across outlets (pipeline/visits.py) on invented events tables built by hand.

Each case names the rule it guards: a clustering without the date window, without the
span cap, or with a looser or stricter host rule fails one of them.
"""

from __future__ import annotations

import random

import pandas as pd

from pipeline.aggregate import DocumentResult, build_tables
from pipeline.artefacts import TABLE_COLUMNS, table_frame
from pipeline.resources import countries_named_in
from pipeline.visits import cluster_events, with_visits

# entity_id, label, name, affiliations, nationality
ENTITIES = [
    ("person:guest", "PERSON", "Jean Visiteur", "", "France"),
    ("person:other-guest", "PERSON", "Paul Autre", "", "Belgique"),
    ("person:chief", "PERSON", "Amadou Chef", "Forces armées sénégalaises", "Sénégal"),
    ("person:minister", "PERSON", "Awa Ministre", "Sénégal", "Sénégal"),
    ("person:malian", "PERSON", "Moussa Malien", "", "Mali"),
    ("person:nobody", "PERSON", "Inconnu Sans Pays", "", ""),
    ("org:forces-armees-senegalaises", "ORG", "Forces armées sénégalaises", "", ""),
    ("gpe:sn", "GPE", "République du Sénégal", "", "Sénégal"),
    ("gpe:ml", "GPE", "Mali", "", "Mali"),
]


def entities() -> pd.DataFrame:
    rows = [
        {"entity_id": i, "label": label, "name": name, "aliases": "", "ranks": "",
         "titles": "", "affiliations": aff, "nationality": nat, "n_mentions": 1, "n_docs": 1,
         "doc_ids": ""}
        for i, label, name, aff, nat in ENTITIES
    ]
    return table_frame("entities", rows)


NAMES = {row[0]: row[2] for row in ENTITIES}


def event(event_id: str, date: str, hosts: list[str], guests: list[str], kind: str = "RECEIVED",
          attendees: list[str] = (), place: str = "") -> dict:
    return {
        "event_id": event_id, "doc_id": event_id.split("#")[0], "type": kind, "date": date,
        "place": place, "hosts": "|".join(NAMES[h] for h in hosts),
        "guests": "|".join(NAMES[g] for g in guests),
        "attendees": "|".join(NAMES[a] for a in attendees), "evidence": "…",
        "host_ids": "|".join(hosts), "guest_ids": "|".join(guests),
        "attendee_ids": "|".join(attendees), "confidence": 0.9,
    }


def visits_table(rows: list[dict]) -> pd.DataFrame:
    return cluster_events(table_frame("events", rows), entities())[1]


def visits_of(rows: list[dict], dates: dict[str, str] | None = None) -> dict[str, str]:
    visit_of, _ = cluster_events(table_frame("events", rows), entities(), dates)
    return visit_of


def same(visit_of: dict[str, str], *event_ids: str) -> bool:
    return len({visit_of[e] for e in event_ids}) == 1


def test_three_outlets_one_visit_with_person_organisation_and_country_hosts():
    rows = [
        # the chief of staff received him on the first day (the army's site) ...
        event("army#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        # ... the armed forces received him on the last day (a newspaper) ...
        event("paper#1", "2025-03-12", ["org:forces-armees-senegalaises"], ["person:guest"]),
        # ... Senegal received him, dated by the publication only (the coalition's site)
        event("coalition#1", "", ["gpe:sn"], ["person:guest"]),
    ]
    dates = {"coalition": "2025-03-14"}
    visit_of, visits = cluster_events(table_frame("events", rows), entities(), dates)
    assert same(visit_of, "army#1", "paper#1", "coalition#1")
    [visit] = visits.to_dict("records")
    assert visit["visit_id"] == "visit:0001"
    assert (visit["first_date"], visit["last_date"]) == ("2025-03-10", "2025-03-12")
    assert visit["doc_ids"] == "army|coalition|paper" and visit["n_docs"] == 3
    assert visit["event_ids"] == "army#1|paper#1|coalition#1"
    # the organisation and the country the chief belongs to give way to him
    assert visit["host_ids"] == "person:chief" and visit["guest_ids"] == "person:guest"
    assert "hosts affiliated" in visit["rule"] and "no date, document date" in visit["rule"]
    assert list(visits.columns) == TABLE_COLUMNS["visits"]


def test_two_visits_of_one_guest_months_apart_never_merge():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-11", ["person:chief"], ["person:guest"]),
        event("c#1", "2025-09-02", ["person:chief"], ["person:guest"]),
        event("d#1", "2025-09-03", ["person:chief"], ["person:guest"]),
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1") and same(visit_of, "c#1", "d#1")
    assert visit_of["a#1"] != visit_of["c#1"]
    assert (visit_of["a#1"], visit_of["c#1"]) == ("visit:0001", "visit:0002")


def test_date_window_three_days_around_the_span():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-13", ["person:chief"], ["person:guest"]),  # 3 days: joins
        event("c#1", "2025-03-17", ["person:chief"], ["person:guest"]),  # 4 days after: apart
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1")
    assert visit_of["c#1"] != visit_of["a#1"]


def test_a_chain_of_close_dates_stops_at_the_span_cap():
    days = ["2025-03-01", "2025-03-04", "2025-03-07", "2025-03-10", "2025-03-13"]
    rows = [event(f"d{i}#1", day, ["person:chief"], ["person:guest"])
            for i, day in enumerate(days)]
    visit_of = visits_of(rows)
    assert same(visit_of, "d0#1", "d1#1", "d2#1", "d3#1")  # 9 days
    assert visit_of["d4#1"] != visit_of["d0#1"]  # 12 days would exceed the cap of 10


def test_host_in_another_country_is_another_visit():
    rows = [
        event("dakar#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("bamako#1", "2025-03-11", ["person:malian"], ["person:guest"]),
        event("bamako#2", "2025-03-11", ["gpe:ml"], ["person:guest"]),
    ]
    visit_of = visits_of(rows)
    assert visit_of["dakar#1"] != visit_of["bamako#1"]
    assert same(visit_of, "bamako#1", "bamako#2")  # the Malian host and his country


def test_two_officials_of_one_state_receive_one_visit():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-11", ["person:minister"], ["person:guest"]),  # both Senegalese
        event("c#1", "2025-03-11", ["person:malian"], ["person:guest"]),
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1")
    assert visit_of["c#1"] != visit_of["a#1"]
    assert "hosts colleagues" in visits_table(rows).set_index("visit_id").loc[
        visit_of["a#1"], "rule"]


def test_a_guest_received_again_within_days_by_a_host_of_no_known_country_is_on_one_trip():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-12", ["person:nobody"], ["person:guest"]),  # nothing known
        event("c#1", "2025-03-25", ["person:nobody"], ["person:guest"]),  # weeks later
        event("d#1", "2025-03-11", ["person:nobody"], ["person:other-guest"]),  # another guest
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1")
    assert len({visit_of["a#1"], visit_of["c#1"], visit_of["d#1"]}) == 3
    assert "same guest on one trip" in visits_table(rows).set_index("visit_id").loc[
        visit_of["a#1"], "rule"]


def test_a_trip_does_not_cross_a_border():
    """Dakar on Monday, Bamako on Tuesday: an audience of no known country on Tuesday joins
    the Malian leg (the nearer day), and never joins the two legs into one."""
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"], place="Dakar"),
        event("b#1", "2025-03-11", ["person:malian"], ["person:guest"]),
        event("c#1", "2025-03-11", ["person:nobody"], ["person:guest"]),
        event("d#1", "2025-03-11", ["person:nobody"], ["person:guest"], place="Bamako"),
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "b#1", "c#1", "d#1")
    assert visit_of["a#1"] != visit_of["b#1"]


def test_one_guest_in_one_city_or_country_is_one_trip_whoever_receives_him():
    rows = [
        event("a#1", "2025-03-10", ["person:nobody"], ["person:guest"], place="Dakar"),
        event("b#1", "2025-03-11", ["person:minister"], ["person:guest"], place="Thiès"),
        event("c#1", "2025-03-11", ["person:malian"], ["person:guest"], place="Bamako"),
        # an outlet's own dateline city does not separate what the hosts join
        event("d#1", "2025-03-11", ["person:chief"], ["person:guest"], place="Paris"),
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1", "d#1")
    assert visit_of["c#1"] != visit_of["a#1"]


def test_two_meetings_of_a_resident_in_his_city_are_two_events():
    rows = [
        event("a#1", "2025-03-10", ["person:minister"], ["person:guest"], kind="MET",
              place="Dakar"),
        event("b#1", "2025-03-11", ["person:minister"], ["person:other-guest"], kind="MET",
              place="Dakar"),
    ]
    visit_of = visits_of(rows)
    assert visit_of["a#1"] != visit_of["b#1"]


def test_a_missing_host_side_is_compatible():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-10", [], ["person:guest"]),
    ]
    assert same(visits_of(rows), "a#1", "b#1")


def test_another_guest_of_the_same_host_is_another_visit():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-10", ["person:chief"], ["person:other-guest"]),
    ]
    visit_of = visits_of(rows)
    assert visit_of["a#1"] != visit_of["b#1"]


def test_an_undated_event_joins_by_its_document_date_or_stays_alone():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("near#1", "", ["person:chief"], ["person:guest"]),
        event("late#1", "", ["person:chief"], ["person:guest"]),
        event("nodate#1", "", ["person:chief"], ["person:guest"]),
    ]
    dates = {"near": "2025-03-12", "late": "2025-04-20"}
    visit_of = visits_of(rows, dates)
    assert same(visit_of, "a#1", "near#1")
    assert len({visit_of["a#1"], visit_of["late#1"], visit_of["nodate#1"]}) == 3


def test_a_meeting_and_a_reception_of_the_same_people_are_one_event():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("b#1", "2025-03-10", ["person:guest"], ["person:chief"], kind="MET"),
    ]
    visit_of, visits = cluster_events(table_frame("events", rows), entities())
    assert same(visit_of, "a#1", "b#1")
    [visit] = visits.to_dict("records")
    assert (visit["type"], visit["host_ids"], visit["guest_ids"]) == (
        "RECEIVED", "person:chief", "person:guest")


def test_meetings_sharing_one_party_need_the_other_party_linked():
    rows = [
        event("a#1", "2025-03-10", ["person:chief"], ["person:guest"], kind="MET"),
        event("b#1", "2025-03-11", ["person:guest"], ["org:forces-armees-senegalaises"],
              kind="MET"),
        # the chief's colleague is not the chief: two meetings, whoever travelled
        event("c#1", "2025-03-11", ["person:minister"], ["person:guest"], kind="MET"),
    ]
    visit_of = visits_of(rows)
    assert same(visit_of, "a#1", "b#1")
    assert visit_of["c#1"] != visit_of["a#1"]


def test_order_of_rows_does_not_change_the_visits():
    rows = [
        event("army#1", "2025-03-10", ["person:chief"], ["person:guest"]),
        event("paper#1", "2025-03-12", ["org:forces-armees-senegalaises"], ["person:guest"]),
        event("other#1", "2025-03-12", ["person:chief"], ["person:other-guest"]),
        event("later#1", "2025-06-01", ["person:minister"], ["person:guest"]),
        event("bamako#1", "2025-03-11", ["person:malian"], ["person:guest"]),
    ]
    first = cluster_events(table_frame("events", rows), entities())
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    second = cluster_events(table_frame("events", shuffled), entities())
    assert first[0] == second[0]
    pd.testing.assert_frame_equal(first[1], second[1])
    assert sorted(set(first[0].values())) == [f"visit:{n:04d}" for n in range(1, 5)]


def test_with_visits_adds_the_visit_id_as_the_last_column():
    rows = [event("a#1", "2025-03-10", ["person:chief"], ["person:guest"])]
    events, visits = with_visits(table_frame("events", rows), entities())
    assert list(events.columns) == TABLE_COLUMNS["events"]
    assert TABLE_COLUMNS["events"][-1] == "visit_id"
    assert events["visit_id"].tolist() == ["visit:0001"] and len(visits) == 1


def test_empty_events_give_an_empty_visits_table():
    events, visits = with_visits(table_frame("events", []), entities())
    assert events.empty and visits.empty
    assert list(visits.columns) == TABLE_COLUMNS["visits"]


def test_countries_named_in_an_organisation():
    assert countries_named_in("Forces armées sénégalaises") == {"SN"}
    assert countries_named_in("Armée de terre du Mali") == {"ML"}
    assert countries_named_in("Coalition Islamique Militaire Contre le Terrorisme") == set()


def entity(start, text, label):
    return {"start": start, "end": start + len(text), "text": text, "label": label, "key": ""}


def test_build_tables_clusters_the_same_reception_in_two_documents():
    def document(doc_id: str, day: str) -> DocumentResult:
        host = entity(0, "Amadou Diallo", "PERSON")
        guest = entity(20, "Zaid Hoshi Khalaf Wadi", "PERSON")
        received = {"relation": "RECEIVED", "head": host, "tail": guest, "frame": 1,
                    "confidence": 0.9, "trigger": ""}
        return DocumentResult(doc_id, [host, guest], [received],
                              [{"start": 0, "end": 60, "text": "s"}],
                              {"place": "Dakar", "date": day}, None)

    tables = build_tables(
        [document("a", "2025-03-10"), document("b", "2025-03-11"),
         document("c", "2025-08-01")], [])
    assert tables["events"]["visit_id"].tolist() == ["visit:0001", "visit:0001", "visit:0002"]
    visits = tables["visits"]
    assert visits["doc_ids"].tolist() == ["a|b", "c"]
    assert list(tables["person_history"].columns) == TABLE_COLUMNS["person_history"]
