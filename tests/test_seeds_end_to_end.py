"""End to end on seeds/: facts a reader checks by hand in the three communiqués."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runner import run

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000, SEED_002, SEED_004 = ("000_f959a5a2a4a8e7e5", "002_a875796d40434589",
                                "004_2bfa130a28a89d74")


@pytest.fixture(scope="module")
def tables(tmp_path_factory, nlp):
    inputs = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, inputs / path.name)
    output = tmp_path_factory.mktemp("out")
    run(inputs, output, progress=False, report=False, nlp=nlp)
    return {name: pd.read_csv(output / f"{name}.csv", keep_default_na=False)
            for name in ("mentions", "entities", "relations", "events", "errors")}


def entity(tables, name):
    rows = tables["entities"][tables["entities"]["name"] == name]
    assert len(rows) == 1, f"{name!r} not exactly once in entities.csv"
    return rows.iloc[0]


def facts(tables, doc_id, relation):
    rows = tables["relations"]
    rows = rows[(rows["doc_id"] == doc_id) & (rows["relation"] == relation)]
    return set(zip(rows["head"], rows["tail"], rows["date"], rows["place"], strict=False))


def test_seed_000_moghidi_received_wadi_in_riyad(tables):
    received = facts(tables, SEED_000, "RECEIVED")
    assert ("Mohammed bin Saeed Al-Moghidi", "Zaid Hoshi Khalaf Wadi", "", "Riyad") in received
    moghidi = entity(tables, "Mohammed bin Saeed Al-Moghidi")
    assert "Major Général" in moghidi["ranks"].split("|")
    assert "Secrétaire Général" in moghidi["titles"].split("|")
    assert "Coalition Islamique Militaire Contre le Terrorisme" in moghidi["affiliations"]
    wadi = entity(tables, "Zaid Hoshi Khalaf Wadi")
    assert "Major Général" in wadi["ranks"].split("|")
    assert "Directeur du renseignement militaire" in wadi["titles"].split("|")
    assert wadi["nationality"] == "Irak"


def test_seed_002_the_coalition_received_two_guests_and_moghidi_attended(tables):
    received = facts(tables, SEED_002, "RECEIVED")
    host = "Coalition Islamique Militaire Contre le Terrorisme"
    assert (host, "Fayad bin Hamed Al-Ruwaili", "2022-03-24", "Riyad") in received
    assert (host, "Khaled bin Saleh Al-Sabah", "2022-03-24", "Riyad") in received
    attended = facts(tables, SEED_002, "ATTENDED")
    assert ("Mohammed bin Saeed Al-Moghidi", host, "2022-03-24", "Riyad") in attended
    assert entity(tables, "Khaled bin Saleh Al-Sabah")["nationality"] == "Koweït"


def test_seed_004_date_and_guest(tables):
    received = facts(tables, SEED_004, "RECEIVED")
    assert ("Mohammed bin Saeed Al-Moghidi", "Jehangir Khan", "2021-08-03", "Riyad") in received


def test_three_spellings_of_al_moghidi_are_one_entity_in_three_documents(tables):
    moghidi = entity(tables, "Mohammed bin Saeed Al-Moghidi")
    assert moghidi["n_docs"] == 3
    aliases = set(moghidi["aliases"].split("|"))
    assert {"Mohamed bin Saeed Al-Moghidi", "Muhammed bin Saeed Al-Moghidi",
            "Al-Moghidi"} <= aliases


def test_no_rank_title_or_honorific_is_a_person_place_or_organisation(tables):
    mentions = tables["mentions"]
    named = mentions[mentions["label"].isin(["PERSON", "LOC", "ORG", "GPE"])]
    forbidden = ("général", "lieutenant", "secrétaire", "directeur", "chef", "excellence", "dr.")
    for text in named["text"]:
        assert not any(word in text.lower() for word in forbidden), text
        assert text not in ("SE", "S.E.")


def test_no_errors_on_the_seeds(tables):
    assert tables["errors"].empty
