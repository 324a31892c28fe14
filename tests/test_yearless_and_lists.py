"""A dateline without a year takes the year of another outlet's report of the same visit;
guests listed one per line are one audience each (invented texts through the API)."""

import pytest

from pipeline import api

pytestmark = pytest.mark.slow

DATED = ("Nouakchott, le 15 octobre 2025 – Le ministre de la Défense, M. Cheikh Ould Eyih, a "
         "reçu mardi 14 octobre 2025 le chef d'état-major des armées du Sénégal, le général "
         "Babacar Ndiaye Faye.")
YEARLESS = ("NOUAKCHOTT, 15 oct. (AMI) – Ont été reçus en audience hier, mardi, par le ministre "
            "de la Défense, M. Cheikh Ould Eyih :\n\n"
            "- le chef d'état-major des armées du Sénégal, le général Babacar Ndiaye Faye ;\n\n"
            "- l'ambassadeur d'Allemagne, M. Karl-Heinz Obermann.\n")


def test_a_yearless_dateline_takes_the_year_of_another_report_of_the_visit():
    relations = api.extract({"a": DATED, "b": YEARLESS})["relations"]
    received = relations.query("relation == 'RECEIVED' and doc_id == 'b'")
    assert set(received.date) == {"2025-10-14"}


def test_a_yearless_dateline_alone_gives_no_date():
    relations = api.extract({"b": YEARLESS})["relations"]
    received = relations.query("relation == 'RECEIVED'")
    assert len(received) == 2 and set(received.date) == {""}


def test_guests_listed_one_per_line_are_one_audience_each():
    events = api.extract({"a": DATED, "b": YEARLESS})["events"]
    listed = events[events.doc_id == "b"]
    assert sorted(listed.guests) == ["Babacar Ndiaye Faye", "Karl-Heinz Obermann"]
    visits = dict(zip(events.guests, events.visit_id, strict=True))
    assert len(set(events[events.guests == "Babacar Ndiaye Faye"].visit_id)) == 1
    assert visits["Karl-Heinz Obermann"] != visits["Babacar Ndiaye Faye"]
