"""Constructions of the blind dev batch r_353-r_364, on invented texts: a delegation named by
its country after a meeting whose other party is of another country, the subject of a
relative `où` clause with a companion, and initials that do not end a sentence."""

import pytest

from tests.conftest import events, meetings

pytestmark = pytest.mark.slow


def test_a_national_delegation_joins_the_party_of_no_other_country(analyse):
    doc = analyse("Le ministre des Armées, le général Haroun Kachallah, a séjourné à Niamey à "
                  "l'invitation de son homologue nigérien, le général Boubacar Zakou. Le mardi 14 "
                  "octobre, les deux ministres ont tenu une séance de travail. La délégation "
                  "tchadienne comprenait le général Moussa Tchéré.")
    assert meetings(doc) == {frozenset({"Haroun Kachallah", "Boubacar Zakou"}),
                             frozenset({"Boubacar Zakou", "Moussa Tchéré"})}


def test_the_subject_of_a_relative_ou_clause_with_a_companion(analyse):
    doc = analyse("Le ministre des Armées, le général Haroun Kachallah, a séjourné à Niamey. La "
                  "visite s'est achevée jeudi à l'état-major des armées, où le ministre, "
                  "accompagné du général Moussa Tchéré, a été accueilli par le chef d'état-major, "
                  "le général Ousseini Bawa.")
    assert events(doc) == {("Ousseini Bawa", "Haroun Kachallah"),
                           ("Ousseini Bawa", "Moussa Tchéré")}


def test_initials_do_not_end_a_sentence(analyse):
    doc = analyse("L'amiral Khurram Mirza s'est entretenu mardi à Colombo avec le commandant de "
                  "la Marine, le vice-amiral K.D.P. Senarathne, au premier jour de sa visite.")
    assert meetings(doc) == {frozenset({"Khurram Mirza", "K.D.P. Senarathne"})}


def test_a_plural_office_with_demonyms_stands_for_the_holder_of_each_country(analyse):
    doc = analyse("Le ministre, le général Abdel-Moneim El-Gendy, a reçu mardi les chefs "
                  "d'état-major des armées irakienne et jordanienne. Avec le chef d'état-major de "
                  "l'armée irakienne, le général Haider Al-Zubaidi, il a évoqué la formation. Le "
                  "chef d'état-major interarmées jordanien, le général Nayef Al-Hammouri, a "
                  "évoqué un exercice conjoint.")
    assert events(doc) == {("Abdel-Moneim El-Gendy", "Haider Al-Zubaidi"),
                           ("Abdel-Moneim El-Gendy", "Nayef Al-Hammouri")}


def test_a_companion_in_an_active_relative_clause_is_a_guest(analyse):
    doc = analyse("Mardi, l'amiral Harish Kurup a été reçu par le chef de l'État, Rivo Razaka. "
                  "L'ambassadrice de l'Inde, Sunita Bhandari, qui accompagnait l'amiral, a "
                  "confirmé la livraison de deux vedettes.")
    assert events(doc) == {("Rivo Razaka", "Harish Kurup"), ("Rivo Razaka", "Sunita Bhandari")}
