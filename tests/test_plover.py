"""`events.jsonl` (issue 11): one PLOVER record per reception or meeting, valid against the
schema shipped in the repository, on the mapping the README documents."""

import json
import shutil
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from pipeline import artefacts
from pipeline.plover import SCHEMA_PATH, plover_events, read_events
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
DEV = ("a_04", "a_08", "a_12", "b_03", "b_12", "r_01", "r_02", "r_03")


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def output(tmp_path_factory, nlp):
    inputs = tmp_path_factory.mktemp("plover_in")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(path, inputs / path.name)
    for name in DEV:
        shutil.copyfile(ROOT / "corpus" / "dev" / f"{name}.txt", inputs / f"{name}.txt")
    folder = tmp_path_factory.mktemp("plover_out")
    run(inputs, folder, progress=False, report=False, nlp=nlp)
    return folder


def lines(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "events.jsonl").read_text("utf-8").splitlines()]


def ids(entities: list[dict]) -> list[str]:
    return [e["identifier_id"] for e in entities]


@pytest.mark.slow
def test_every_event_of_a_run_is_valid_against_the_schema(output):
    records = lines(output)
    check = validator()
    for record in records:
        errors = sorted(check.iter_errors(record), key=str)
        assert not errors, (record["id"], [e.message for e in errors])
    events = artefacts.read_table(output, "events")
    assert [r["id"] for r in records] == list(events["event_id"])
    assert {"RECEIVED", "MET"} <= set(events["type"])
    assert any(r["attendees"] for r in records)


@pytest.mark.slow
def test_receptions_are_visits_and_meetings_have_only_actors(output):
    events = artefacts.read_table(output, "events").to_dict("records")
    for record, row in zip(lines(output), events, strict=True):
        hosts, guests = row["host_ids"].split("|"), row["guest_ids"].split("|")
        assert record["event"] == ["CONSULT"] and record["quad_code"] == 1
        if row["type"] == "RECEIVED":
            assert record["mode"] == ["visit"] and record["event_scale"] == 4.0
            assert ids(record["actor"]) == guests  # the visitor is the actor
            assert ids(record["recipient"]) == hosts  # the host is the recipient
        else:
            assert record["mode"] == [] and record["recipient"] == []
            assert ids(record["actor"]) == list(dict.fromkeys(hosts + guests))
        attendees = row["attendee_ids"].split("|") if row["attendee_ids"] else []
        assert ids(record["attendees"]) == attendees
        assert record["date"] == (row["date"] or None)
        assert (record["event_loc"] or {}).get("extracted_place") == (row["place"] or None)
        assert record["confidence"] == float(row["confidence"])
        assert record["source"] == {"doc_id": row["doc_id"], "event_id": row["event_id"],
                                    "relation": row["type"]}
        assert record["event_text"] == [row["evidence"]]


@pytest.mark.slow
def test_countries_names_and_written_forms(output):
    records = {r["id"]: r for r in lines(output)}
    wadi = records["000_f959a5a2a4a8e7e5#1"]["actor"][0]
    assert (wadi["identifier_text"], wadi["code"], wadi["country_alpha2"]) == (
        "Zaid Hoshi Khalaf Wadi", "IRQ", "IQ")
    assert wadi["country_name"] == "Irak" and wadi["rank"] == "Major Général"
    assert records["000_f959a5a2a4a8e7e5#1"]["event_loc"]["country_code"] == "SAU"  # Riyad
    written = {e["entity_text"] for r in records.values() for e in r["actor"] + r["recipient"]}
    assert written - {e["identifier_text"] for r in records.values()
                      for e in r["actor"] + r["recipient"]}  # some forms differ from the name
    assert read_events(output) == list(records.values())  # from the CSV tables, the same


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=artefacts.TABLE_COLUMNS[name])


def test_mapping_on_small_tables():
    entities = table("entities", [
        {"entity_id": "person:a", "label": "PERSON", "name": "Amadou Sy", "ranks": "Général",
         "titles": "chef d'état-major", "nationality": "Sénégal"},
        {"entity_id": "gpe:xk", "label": "GPE", "name": "Kosovo", "nationality": "Kosovo"},
        {"entity_id": "org:b", "label": "ORG", "name": "Union africaine"},
    ])
    relations = table("relations", [
        {"doc_id": "d", "relation": "RECEIVED", "head_id": "person:a", "tail_id": "gpe:xk",
         "head_start": 10, "tail_start": 40, "head_text": "Sy", "tail_text": "Kosovo"},
    ])
    events = table("events", [
        {"event_id": "d#1", "doc_id": "d", "type": "RECEIVED", "date": "", "place": "Dakar",
         "hosts": "Amadou Sy", "guests": "Kosovo", "attendees": "Union africaine",
         "evidence": "Sy a reçu le Kosovo.", "host_ids": "person:a", "guest_ids": "gpe:xk",
         "attendee_ids": "org:b", "confidence": 0.75},
    ])
    [record] = plover_events({"entities": entities, "relations": relations, "events": events})
    assert validator().is_valid(record)
    assert record["date"] is None
    assert record["actor"][0]["code"] == "KOS"  # PLOVER's code for Kosovo
    host = record["recipient"][0]
    assert (host["entity_text"], host["identifier_text"], host["code"]) == ("Sy", "Amadou Sy",
                                                                           "SEN")
    assert record["attendees"][0]["code"] is None
    assert record["event_loc"] == {"extracted_place": "Dakar", "country_code": "SEN",
                                   "country_alpha2": "SN"}
    swapped = dict(record, recipient=[])
    assert not validator().is_valid(swapped)  # a visit needs its host
