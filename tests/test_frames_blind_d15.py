"""Constructions of the dev half's remaining misses, on invented texts: navy grades written as
abbreviations (`le CV X`), an office covering countries joined by `et`, a complement
coordinated with its own article (`pour la planification et l'organisation`), an acronym with
an apostrophe in brackets, a person's second office after an office that introduces him, a
pronoun whose antecedent is a subject written as an office, and a plural office that covers
several countries."""

import pytest

from tests.conftest import ents, events, meetings, relations

pytestmark = pytest.mark.slow


def test_navy_grade_abbreviations_are_ranks(analyse):
    doc = analyse("L'amiral était accompagné de l'attaché naval, le CV Arjun Menon, et du CF "
                  "Paul Leroux.")
    assert ("HAS_RANK", "Arjun Menon", "CV") in relations(doc)
    assert ("HAS_RANK", "Paul Leroux", "CF") in relations(doc)


def test_an_office_covering_countries_joined_by_et_keeps_its_holder(analyse):
    doc = analyse("L'entretien s'est déroulé en présence de l'attaché de défense de Suisse pour "
                  "la Tunisie et l'Algérie, le colonel Urs Brändli.")
    assert ("HAS_TITLE", "Urs Brändli", "attaché de défense") in relations(doc)
    assert ("HAS_RANK", "Urs Brändli", "colonel") in relations(doc)


def test_a_complement_coordinated_with_its_article_belongs_to_the_office(analyse):
    doc = analyse("Elle a été accueillie par le chef d'état-major adjoint pour la planification "
                  "et l'organisation, le général Sami Al-Rousan.")
    office = "chef d'état-major adjoint pour la planification et l'organisation"
    assert (office, "TITLE") in ents(doc)
    assert ("HAS_TITLE", "Sami Al-Rousan", office) in relations(doc)


def test_et_before_another_office_is_not_a_coordinated_complement(analyse):
    doc = analyse("Le chef de la coopération et les attachés de défense ont été reçus.")
    assert ("chef de la coopération", "TITLE") in ents(doc)
    assert ("attachés de défense", "TITLE") in ents(doc)


def test_an_acronym_with_an_apostrophe_in_brackets_is_an_organisation(analyse):
    doc = analyse("Ont pris part à la rencontre le commandant en chef des Forces armées "
                  "d'Haïti (FAd'H), le général Wilner Altidor.")
    assert ("FAd'H", "ORG") in ents(doc)
    assert ("HAS_TITLE", "Wilner Altidor", "commandant en chef") in relations(doc)


def test_a_second_office_after_an_introducing_office_is_the_next_persons(analyse):
    doc = analyse("La réunion rassemble le ministre de la Défense du Bénin, M. Fortuné Agbo, le "
                  "ministre d'État, ministre de la Défense et des Anciens combattants du Burkina "
                  "Faso, le général Issiaka Sawadogo, et le ministre de la Défense du Ghana.")
    titles = {(h, t) for r, h, t in relations(doc, "HAS_TITLE")}
    assert ("Issiaka Sawadogo", "ministre de la Défense et des Anciens combattants") in titles
    assert ("Fortuné Agbo", "ministre de la Défense et des Anciens combattants") not in titles


def test_a_pronoun_stands_for_the_holder_of_an_office_written_as_the_subject(analyse):
    doc = analyse("Le Premier ministre, M. Koffi Adjovi, a reçu jeudi les ministres de la "
                  "Défense du Bénin et du Ghana. La réunion rassemble le ministre de la Défense "
                  "du Bénin, M. Fortuné Agbo, et le ministre de la Défense du Ghana, Dr Kwabena "
                  "Owusu. Le Premier ministre a exhorté ses hôtes à coopérer. Il s'est ensuite "
                  "entretenu en tête-à-tête avec le ministre ghanéen.")
    assert meetings(doc) == {frozenset({"Koffi Adjovi", "Kwabena Owusu"})}


def test_a_plural_office_of_two_countries_stands_for_both_holders(analyse):
    doc = analyse("Le vice-ministre de la Défense, le général Lê Huy Thanh, a reçu jeudi les "
                  "attachés de défense du Cambodge et du Laos au Vietnam. L'attaché de défense "
                  "du Cambodge, le général Chhim Sovann, a salué ce soutien. L'attaché de "
                  "défense du Laos, le colonel Khamsing Phomma, a annoncé une exposition.")
    assert events(doc) == {("Lê Huy Thanh", "Chhim Sovann"), ("Lê Huy Thanh", "Khamsing Phomma")}


def test_etaient_presents_beside_the_host_attend_the_audience(analyse):
    doc = analyse("Le préfet du Borgou, M. Amidou Gounou, a reçu en audience mardi une mission "
                  "du CICR conduite par M. Lukas Brand. Étaient présents aux côtés du préfet le "
                  "commissaire Roméo Atchadé et le secrétaire général, M. Ignace Sanni.")
    assert events(doc) == {("Amidou Gounou", "Lukas Brand")}
    assert events(doc, "ATTENDED") == {("Roméo Atchadé", "Amidou Gounou"),
                                       ("Ignace Sanni", "Amidou Gounou")}


def test_a_dash_between_two_names_splits_them(analyse):
    doc = analyse("Mercredi 8 octobre 2025, la rencontre Pierre Louis–Lapointe-Morrison, au siège "
                  "du ministère à Ottawa, a duré plus d'une heure.")
    assert ("Lapointe-Morrison", "PERSON") in ents(doc)
    assert meetings(doc) == {frozenset({"Pierre Louis", "Lapointe-Morrison"})}


def test_an_acronym_in_capitals_after_an_article_is_an_organisation(analyse):
    doc = analyse("Il a eu des discussions avec le chef d'état-major de l'ANP, le général "
                  "d'armée Noureddine Benkhelifa.")
    assert ("ANP", "ORG") in ents(doc)
    assert ("HAS_TITLE", "Noureddine Benkhelifa", "chef d'état-major") in relations(doc)


def test_an_anaphoric_office_noun_as_subject_stands_for_the_visitor(analyse):
    doc = analyse("Le ministre de la Défense, le colonel-général Elchin Mammadli, a achevé hier "
                  "une visite officielle en Algérie. Dès son premier jour à Alger, l'émissaire "
                  "de Bakou a eu des discussions avec le chef d'état-major de l'armée, le "
                  "général Noureddine Benkhelifa.")
    assert meetings(doc) == {frozenset({"Elchin Mammadli", "Noureddine Benkhelifa"})}


def test_lui_in_a_passive_audience_is_the_person_the_story_is_about(analyse):
    doc = analyse("Le ministre azerbaïdjanais, M. Elchin Mammadli, est arrivé lundi à Alger. "
                  "Mardi, une audience lui a été accordée par le président de la République, "
                  "M. Larbi Hamdani.")
    assert events(doc) == {("Larbi Hamdani", "Elchin Mammadli")}


def test_an_inverted_subject_after_a_clitic_object_is_the_host(analyse):
    doc = analyse("Jeudi, le général Hamad Al-Kuwari a visité l'École de l'Air de Thiès, où "
                  "l'a accueilli son commandant, le colonel Ousseynou Badji.")
    assert events(doc) == {("Ousseynou Badji", "Hamad Al-Kuwari")}


def test_a_party_of_the_event_before_written_as_an_anaphoric_object(analyse):
    doc = analyse("Le Président de la République, M. Konan Kouassi, a reçu jeudi les lettres de "
                  "créance de l'ambassadeur de la République italienne, M. Paolo Di Stefano. À "
                  "l'issue de la cérémonie, le Chef de l'État a eu un tête-à-tête avec le "
                  "diplomate italien.")
    assert meetings(doc) == {frozenset({"Konan Kouassi", "Paolo Di Stefano"})}


def test_a_meeting_told_again_by_a_definite_noun_is_the_reception(analyse):
    doc = analyse("La ministre, Mme Samira Ben Slimane, a reçu jeudi le ministre grec, M. "
                  "Konstantinos Vlachopoulos. La rencontre Ben Slimane–Vlachopoulos a permis de "
                  "passer en revue les relations bilatérales. L'entretien s'est déroulé en "
                  "présence du ministre, M. Mohamed Ben Amor.")
    assert events(doc) == {("Samira Ben Slimane", "Konstantinos Vlachopoulos")}
    assert meetings(doc) == set()
    assert events(doc, "ATTENDED") == {("Mohamed Ben Amor", "Samira Ben Slimane")}


def test_a_series_of_talks_after_an_insert_announces_a_list_of_parties(analyse):
    doc = analyse("Le ministre, S.E. Saif Al Ketbi, a eu mardi, en marge du salon qui se tient "
                  "à Dubaï, une série d'entretiens avec des responsables étrangers :\n\n"
                  "• le vice-ministre de la Défense de la Grèce, M. Dimitrios Alexandropoulos ;"
                  "\n\n• le chef d'état-major de l'armée de l'Air du Mali, le général Souleymane "
                  "Doumbia.")
    assert meetings(doc) == {frozenset({"Saif Al Ketbi", "Dimitrios Alexandropoulos"}),
                             frozenset({"Saif Al Ketbi", "Souleymane Doumbia"})}


def test_two_officers_of_one_country_are_the_guest_and_his_companion(analyse):
    doc = analyse("Le général Pape Diop a reçu mardi le général Hamad Al-Kuwari et le général "
                  "Nasser Al-Marri. Le lendemain, les deux officiers généraux qataris ont été "
                  "reçus en audience par le général Malick Thiaw.")
    assert ("Malick Thiaw", "Hamad Al-Kuwari") in events(doc)
    assert ("Malick Thiaw", "Nasser Al-Marri") in events(doc)
    assert ("Malick Thiaw", "Pape Diop") not in events(doc)


def test_an_institution_that_received_a_visit_is_the_host_when_no_person_is_named(analyse):
    doc = analyse("Le chef d'état-major, le général Jassim Al-Mannai, a reçu hier le général "
                  "Pape Diop. Ce mercredi, le Collège de commandement a reçu la visite de "
                  "l'officier général sénégalais.")
    assert ("Collège de commandement", "Pape Diop") in events(doc)


def test_a_title_holds_a_feminine_form():
    from pipeline.ner import feminine_office

    assert [feminine_office(w) for w in ("directeur", "ambassadeur", "chef", "préfet",
                                         "chargé", "gouverneur", "ministre")] == [
        "directrice", "ambassadrice", "cheffe", "préfète", "chargée", "gouverneure", "ministre"]


def test_a_date_first_dateline_of_its_own_paragraph():
    from pipeline.segment import segment

    found = segment("Communiqué\n\nLe 8 octobre 2025 – Ottawa (Ontario) – Affaires mondiales "
                    "Canada\n\nLa ministre a rencontré aujourd'hui M. X.").dateline
    assert (found.place, found.date) == ("Ottawa", "2025-10-08")


def test_dates_of_two_days_and_weekdays_near_a_story_date():
    from datetime import date

    from pipeline.dates import parse_date, parse_date_near

    assert parse_date("25 et 26 septembre 2025") == "2025-09-25"
    assert parse_date_near("Jeudi", date(2025, 3, 11)) == "2025-03-13"
    assert parse_date_near("lundi", date(2025, 3, 11)) == "2025-03-10"


def test_hote_with_a_demonym_is_the_party_of_that_country_and_attendees_attend_home(analyse):
    doc = analyse("Le ministre de la Défense du Ghana, Kofi Agyemang, séjourne depuis mercredi à "
                  "Abidjan. Arrivé mercredi soir, M. Agyemang a été accueilli à l'aéroport par "
                  "le directeur de cabinet, le colonel-major Mamadou Sanogo. Ce jeudi, l'hôte "
                  "ghanéen s'est entretenu avec le ministre d'État, Siaka Fofana. Côté "
                  "ivoirien, l'entretien s'est tenu en présence du général Yao Kouamé.")
    assert meetings(doc) == {frozenset({"Agyemang", "Siaka Fofana"})}
    assert events(doc, "ATTENDED") == {("Yao Kouamé", "Siaka Fofana")}
