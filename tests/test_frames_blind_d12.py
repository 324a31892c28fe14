"""Constructions met in the blind dev batch r_233-r_244, on invented texts: a Gulf style
before a name with `bin`, a name the model reads as an organisation after an office, the
members of a meeting counted after the office (`les ministres de la Défense des trois
pays`), an office of a meeting's members before the host's own, `reçue par son commandant`,
and a delegation's counted members."""

import pytest

from tests.conftest import ents, events

pytestmark = pytest.mark.slow


def test_cheikh_is_a_style_before_a_name_with_bin_and_a_first_name_otherwise(analyse):
    doc = analyse("Le ministre a reçu Cheikh Hamad bin Khalifa Al-Sabah. Il a ensuite reçu "
                  "M. Cheikh Tidiane Sarr.")
    persons = [text for text, _ in ents(doc, "PERSON")]
    assert "Hamad bin Khalifa Al-Sabah" in persons
    assert "Cheikh Tidiane Sarr" in persons


def test_a_name_set_off_after_an_office_is_a_person(analyse):
    doc = analyse("Le chef d'état-major, le général Omar Al-Fadhli, a reçu mardi le secrétaire "
                  "général adjoint de l'Organisation du Traité de l'Atlantique Nord (OTAN), "
                  "Tomash Wierzbicki, en visite dans le pays.")
    assert ("Tomash Wierzbicki", "PERSON") in ents(doc)
    assert events(doc) == {("Omar Al-Fadhli", "Tomash Wierzbicki")}


def test_ministers_of_three_countries_named_in_the_next_paragraph_without_the_host(analyse):
    doc = analyse("En marge de la réunion des ministres de la Défense de l'ASEAN, le ministre "
                  "de la Défense nationale, le général Tea Vanna, a reçu mardi les ministres de "
                  "la Défense des trois pays voisins.\n\n"
                  "La Thaïlande était représentée par son ministre de la Défense, M. Anan Sukjai, "
                  "le Laos par le ministre de la Défense nationale, le général Bounmy Chanthala, "
                  "et le Viet Nam par le général Tran Quoc Bao, ministre de la Défense "
                  "nationale.")
    assert events(doc) == {("Tea Vanna", "Anan Sukjai"), ("Tea Vanna", "Bounmy Chanthala"),
                           ("Tea Vanna", "Tran Quoc Bao")}


def test_received_by_his_commander_and_a_delegation_s_counted_members(analyse):
    doc = analyse("La cheffe d'état-major, la générale Anne Roy, a accueilli mardi le général "
                  "Pedro Soto, venu à la tête d'une délégation de six officiers. Mercredi, la "
                  "délégation dirigée par le général Soto a effectué une visite au Commandement "
                  "des opérations, où elle a été reçue par son commandant, le général Marc "
                  "Lévesque.")
    received = events(doc)
    assert {("Anne Roy", "Pedro Soto"), ("Marc Lévesque", "Soto")} <= received
    assert not any(host == "Anne Roy" and guest != "Pedro Soto" for host, guest in received)


def test_a_visit_to_a_place_then_welcomed_there_by_a_person(analyse):
    doc = analyse("Le mardi 11 mars, Mme Ana Lukas a honoré de sa visite le camp de Marche, où "
                  "elle a été accueillie par le chef de la Défense, le général Luc Peeters.")
    assert events(doc) == {("Luc Peeters", "Ana Lukas")}
