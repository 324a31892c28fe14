from datetime import date

import pytest

from pipeline.dates import parse_date
from pipeline.segment import segment


@pytest.mark.parametrize("text, expected", [
    ("jeudi 24/3/2022", "2022-03-24"),
    ("03/8/2021", "2021-08-03"),
    ("03/08/2021", "2021-08-03"),
    ("24-03-2022", "2022-03-24"),
    ("le 5 mai 2024", "2024-05-05"),
    ("1er juin 2023", "2023-06-01"),
    ("mardi 12 novembre 2019", "2019-11-12"),
    ("14 août 2020", "2020-08-14"),
    ("2022-03-24", "2022-03-24"),
])
def test_dates_are_day_first_iso(text, expected):
    assert parse_date(text) == expected


def test_bare_weekday_needs_a_reference_and_looks_back():
    assert parse_date("lundi") is None
    # 2022-03-24 is a Thursday: the Monday before is the 21st, Thursday itself is the 24th.
    assert parse_date("lundi", date(2022, 3, 24)) == "2022-03-21"
    assert parse_date("jeudi", date(2022, 3, 24)) == "2022-03-24"


def test_impossible_date_is_none():
    assert parse_date("31/02/2022") is None


@pytest.mark.parametrize("dateline, place, iso", [
    ("Riyad, 24-03-2022", "Riyad", "2022-03-24"),
    ("Riyad – 03/8/2021", "Riyad", "2021-08-03"),
    ("Nouakchott (Mauritanie), le 2 février 2022", "Nouakchott", "2022-02-02"),
    ("Abidjan, le 9 septembre 2023", "Abidjan", "2023-09-09"),
    ("Addis-Abeba, 1er juin 2023", "Addis-Abeba", "2023-06-01"),
    ("Tunis, le 13 mai 2025 (TAP) –", "Tunis", "2025-05-13"),
    ("LE CAIRE, 9 mars 2025 (MENA) :", "LE CAIRE", "2025-03-09"),
    ("Port-au-Prince, le 15/11/2022.- Le directeur a reçu", "Port-au-Prince", "2022-11-15"),
])
def test_dateline_place_and_date(dateline, place, iso):
    segments = segment(f"Le ministre reçoit l'ambassadeur\n\n{dateline}\n\nLe ministre a reçu.")
    assert segments.headline == (0, len("Le ministre reçoit l'ambassadeur"))
    assert segments.dateline.place == place
    assert segments.dateline.date == iso


def test_dateline_opening_a_paragraph_is_its_own_sentence_boundary():
    text = "Titre\n\nDakar, 12 mai 2023 – Le ministre a reçu le général."
    segments = segment(text)
    assert segments.dateline.date == "2023-05-12"
    assert segments.dateline.end in segments.boundaries


def test_no_headline_for_a_single_paragraph_and_no_dateline_without_date():
    segments = segment("Le ministre a reçu le général à Dakar.")
    assert segments.headline is None and segments.dateline is None
    assert segments.paragraphs == [(0, len("Le ministre a reçu le général à Dakar."))]


def test_publication_date_is_read():
    segments = segment("Titre\n\nPublié le 24/03/2022\n\nTexte.")
    assert segments.publication_date == "2022-03-24"


@pytest.mark.parametrize("paragraph, place, iso", [
    ("PANAMA, 12 juin 2024 (Prensa Latina) Le directeur a reçu le colonel.", "PANAMA",
     "2024-06-12"),
    ("Chisinau, 16 oct. 2024 (MOLDPRES) – Le général a été reçu.", "Chisinau", "2024-10-16"),
])
def test_datelines_of_agencies_without_a_dash_or_with_an_abbreviated_month(paragraph, place,
                                                                         iso):
    segments = segment(f"Le ministre reçoit l'ambassadeur\n\n{paragraph}")
    assert (segments.dateline.place, segments.dateline.date) == (place, iso)


@pytest.mark.parametrize("page_date, iso", [
    ("12.09.2023 [16:20]", "2023-09-12"),
    ("08.04.2025 17:42 | Défense", "2025-04-08"),
])
def test_page_dates_with_a_bracketed_clock_or_a_rubric_give_the_year(page_date, iso):
    segments = segment(f"{page_date}\n\nTitre de l'article\n\nBakou, 12 septembre, AGENCE. Le "
                       "ministre a reçu mardi le général.")
    assert segments.publication_date == iso
    assert segments.dateline.date == iso[:4] + "-09-12"


def test_hier_and_avant_hier_count_back_from_the_reference_date():
    assert parse_date("hier", date(2025, 3, 5)) == "2025-03-04"
    assert parse_date("avant-hier", date(2025, 3, 5)) == "2025-03-03"
    assert parse_date("hier") is None


@pytest.mark.parametrize("story, place, iso", [
    ("Gaborone, Botswana, le 25 février 2025 – Le ministre a reçu X.", "Gaborone", "2025-02-25"),
    ("DAKAR (Sénégal), 12 janvier 2024 – Le chef a reçu Y.", "DAKAR", "2024-01-12"),
    ("Le Caire, 3 mai 2024 - Le ministre a reçu Z.", "Le Caire", "2024-05-03"),
])
def test_datelines_with_a_region_or_an_article(story, place, iso):
    dateline = segment("Titre du jour\n\n" + story).dateline
    assert (dateline.place, dateline.date) == (place, iso)


def test_an_office_opening_the_story_is_not_a_dateline_place():
    assert segment("Titre\n\nLe Président, le 3 mai 2024, a reçu M. Paul Biya.").dateline is None
