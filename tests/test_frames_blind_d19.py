"""Constructions of the blind dev batch r_401-r_412, on invented texts."""

import pytest

from tests.conftest import ents, events, meetings

pytestmark = pytest.mark.slow


def test_a_site_named_after_a_person_with_an_adjective_after_its_head(analyse):
    doc = analyse("Le ministre, M. Sheku Bangura, séjourne depuis lundi en Guinée. À sa descente "
                  "d'avion à l'aéroport international Ahmed Sékou Touré, le visiteur a été "
                  "accueilli par le général Fodé Camara.")
    assert not any(label == "PERSON" and "Touré" in text for text, label in ents(doc))
    assert events(doc) == {("Fodé Camara", "Sheku Bangura")}


def test_a_noun_after_a_preposition_is_no_subject_and_l_hote_de_la_guinee_is_the_guest(analyse):
    doc = analyse("Le ministre de la Défense de la Sierra Leone, M. Sheku Bangura, séjourne depuis "
                  "lundi en Guinée. À sa descente d'avion à l'aéroport international Ahmed Sékou "
                  "Touré, l'hôte de la Guinée a été "
                  "accueilli par le ministre de la Défense nationale, le général Fodé Camara.")
    assert events(doc) == {("Fodé Camara", "Sheku Bangura")}


def test_a_meeting_of_the_two_ministers_later_that_day_is_an_event_of_its_own(analyse):
    doc = analyse("Le ministre sierra-léonais, M. Sheku Bangura, a été accueilli lundi à "
                  "l'aéroport par le ministre de la Défense, le général Fodé Camara. Dans "
                  "l'après-midi, au camp Samory, les deux ministres ont eu une séance de travail.")
    assert events(doc) == {("Fodé Camara", "Sheku Bangura")}
    assert meetings(doc) == {frozenset({"Fodé Camara", "Sheku Bangura"})}
