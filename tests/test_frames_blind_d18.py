"""Constructions of the blind dev batch r_377-r_388, on invented texts."""

import pytest

from tests.conftest import events, meetings

pytestmark = pytest.mark.slow


def test_companions_of_a_meeting_told_again_just_before_join_that_meeting(analyse):
    """`Le tête-à-tête a été suivi d'une séance de travail. Le ministre y était accompagné
    de X`: `y` is the meeting the sentence before tells again, not the reception told in
    between."""
    doc = analyse("Un tête-à-tête a réuni mardi à Maputo le ministre de la Défense, le général "
                  "Tomás Langa, et son homologue zambien, M. Peter Mwansa. La veille, le visiteur "
                  "avait été accueilli à l'aéroport par le général Joaquim Sitoe. Le tête-à-tête "
                  "a été suivi d'une séance de travail. Le ministre zambien y était accompagné "
                  "du général Bwalya Chanda.")
    assert meetings(doc) == {frozenset({"Tomás Langa", "Peter Mwansa"}),
                             frozenset({"Tomás Langa", "Bwalya Chanda"})}
    assert ("Joaquim Sitoe", "Bwalya Chanda") not in events(doc)


def test_a_reception_or_meeting_announced_for_later_is_no_event(analyse):
    doc = analyse("Le ministre de la Défense, le général Tomás Langa, recevra jeudi son homologue "
                  "zambien, M. Peter Mwansa. Il rencontrera aussi le général Bwalya Chanda. Le "
                  "général Joaquim Sitoe doit être reçu mercredi par le président Hakainde Moyo. "
                  "La délégation est attendue à Nampula, où elle visitera l'École navale. Le "
                  "général John Mbewe va s'entretenir avec M. Joseph Lungu.")
    assert events(doc) == set() and meetings(doc) == set()


def test_a_reception_or_meeting_told_in_a_past_tense_is_an_event(analyse):
    doc = analyse("Le général Ali Phiri a rencontré M. Tom Zulu. Le général John Mbewe est allé "
                  "rencontrer M. Joseph Lungu. Le général Kalaba Sata recevait alors M. Henri "
                  "Mulenga.")
    assert meetings(doc) == {frozenset({"Ali Phiri", "Tom Zulu"}),
                             frozenset({"John Mbewe", "Joseph Lungu"})}
    assert events(doc) == {("Kalaba Sata", "Henri Mulenga")}
