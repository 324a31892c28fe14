"""Offices from a grammar, ranks and names as the web writes them (issue 10), on sentences
written for the test with invented people."""

import pytest

from tests.conftest import ents

pytestmark = pytest.mark.slow


def labelled(analyse, text: str, label: str) -> list[str]:
    return [t for t, lab in ents(analyse(text)) if lab == label]


def test_a_list_of_portfolios_closed_by_et_is_one_office(analyse):
    text = ("Le ministre des Armées, des Anciens combattants et des Victimes de guerre, "
            "M. Paul Ndour, a reçu le président de la commission des affaires étrangères, "
            "de la défense et des forces armées.")
    assert labelled(analyse, text, "TITLE") == [
        "ministre des Armées, des Anciens combattants et des Victimes de guerre",
        "président de la commission des affaires étrangères, de la défense et des forces armées",
    ]


def test_a_comma_without_a_closing_et_ends_the_office(analyse):
    text = "Le ministre de la Défense, de passage à Kayes, a reçu le général Ali Sanou."
    assert labelled(analyse, text, "TITLE") == ["ministre de la Défense"]


def test_prefixes_ordinals_modifiers_and_complements_of_offices(analyse):
    text = ("Le vice-chef d'état-major général, le premier vice-président du Sénat, le "
            "conseiller au cabinet royal, la chargée d'affaires a.i. et le sous-chef de "
            "l'état-major général chargé des opérations étaient présents.")
    assert labelled(analyse, text, "TITLE") == [
        "vice-chef d'état-major général", "premier vice-président", "conseiller au cabinet royal",
        "chargée d'affaires a.i.", "sous-chef de l'état-major général chargé des opérations",
    ]


def test_an_office_that_serves_another_is_one_span_and_an_office_stops_at_an_anaphor(analyse):
    text = ("Le Représentant spécial du Secrétaire général a rencontré le maire de la ville "
            "et le ministre qui l'a remercié pour le soutien de la France.")
    assert labelled(analyse, text, "TITLE") == [
        "Représentant spécial du Secrétaire général", "maire", "ministre"]


def test_plural_offices_and_a_bare_chef_before_a_named_body(analyse):
    text = ("Le chef de la Cour royale a reçu les ambassadeurs extraordinaires et "
            "plénipotentiaires et les attachés de défense.")
    assert labelled(analyse, text, "TITLE") == [
        "chef", "ambassadeurs extraordinaires et plénipotentiaires", "attachés de défense"]


def test_acronym_offices_are_titles_not_organisations(analyse):
    assert labelled(analyse, "Le CEMA a reçu le DGPN.", "TITLE") == ["CEMA", "DGPN"]


def test_ranks_abbreviated_plural_and_in_web_spellings(analyse):
    text = ("Le Lt-Col Jean Kaboré, le Cne Ali Sow, le Gal Yao Koné, les Généraux, le colonel "
            "EMG Beat Imhof, le général de corps d'armées Musa Bello et le commissaire "
            "supérieur principal Sani Abdou.")
    assert labelled(analyse, text, "RANK") == [
        "Lt-Col", "Cne", "Gal", "Généraux", "colonel EMG", "général de corps d'armées",
        "commissaire supérieur principal"]
    assert "Généraux" not in labelled(analyse, text, "PERSON")


def test_names_in_capitals_with_particles_and_apostrophes(analyse):
    text = ("Mme KOFFI Yao Jeanne, l'ambassadeur van der Pluijm, M. Rafael Montenegro Iriarte, "
            "le général Ramil Isgandar oglu Bagirzade et M. Peter Wang'ombe Kariuki.")
    assert labelled(analyse, text, "PERSON") == [
        "KOFFI Yao Jeanne", "van der Pluijm", "Rafael Montenegro Iriarte",
        "Ramil Isgandar oglu Bagirzade", "Peter Wang'ombe Kariuki"]


def test_a_name_in_capitals_the_model_calls_an_organisation_is_the_person(analyse):
    text = ("Le ministre, M. Guy-Hervé MBUYI KASONGO, a reçu le général. À l'issue, "
            "MBUYI KASONGO a déclaré.")
    assert labelled(analyse, text, "PERSON") == ["Guy-Hervé MBUYI KASONGO", "MBUYI KASONGO"]


def test_a_camp_named_after_a_person_is_a_place(analyse):
    doc = analyse("Il a été reçu au camp Kouyaté puis à Bamako.")
    assert ("camp Kouyaté", "LOC") in ents(doc)
    assert "Kouyaté" not in [t for t, lab in ents(doc) if lab == "PERSON"]


def test_a_name_right_after_an_office_is_its_holder_but_not_a_body_or_an_acronym(analyse):
    text = ("La délégation comprenait le sénateur Jean-Marc Delvaux-Orban et la directrice "
            "générale du CHEDS, ainsi que le conseiller de Sa Majesté.")
    assert labelled(analyse, text, "PERSON") == ["Jean-Marc Delvaux-Orban"]
