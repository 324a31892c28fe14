"""Constructions of the blind dev batch r_401-r_412, on invented texts."""

import pytest

from tests.conftest import ents, events, meetings, names, received_dates

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


def test_le_ministre_accompanied_is_the_minister_of_the_event_just_told(analyse):
    doc = analyse("Le ministre de la Défense nationale, le général Fodé Camara, a présidé lundi la "
                  "cérémonie. Mardi, le chef d'état-major, le général Ousmane Yansane, a reçu M. "
                  "Sheku Bangura, ministre de la Défense de la Sierra Leone. Le ministre était "
                  "accompagné de l'ambassadrice de son pays, Mme Mariama Sannoh.")
    assert ("Ousmane Yansane", "Mariama Sannoh") in events(doc)


def test_ce_dernier_after_an_office_stands_for_its_holder(analyse):
    doc = analyse("Le ministre sierra-léonais, M. Sheku Bangura, est arrivé lundi. Mercredi, le "
                  "Premier ministre, Lansana Cissé, a accordé une audience au ministre "
                  "sierra-léonais. Ce dernier était accompagné du général Foday Turay.")
    assert events(doc) == {("Lansana Cissé", "Sheku Bangura"), ("Lansana Cissé", "Foday Turay")}


def test_devait_etre_recu_is_no_event(analyse):
    doc = analyse("Le général Bandar Al-Fadhli devait être reçu dans la soirée par le président du "
                  "Conseil, M. Samir Doueihy.")
    assert events(doc) == set()


def test_an_anaphoric_noun_with_a_demonym_is_the_party_of_that_country(analyse):
    doc = analyse("Un entretien entre le chef d'état-major de l'armée koweïtienne, le général "
                  "Bandar Al-Fadhli, et le ministre libanais, M. Khalil Chahine, s'est tenu mardi. "
                  "Lundi, le responsable koweïtien avait été reçu par le commandant en chef de "
                  "l'armée libanaise, le général Georges Habshi.")
    assert events(doc) == {("Georges Habshi", "Bandar Al-Fadhli")}


def test_a_name_in_quotes_after_a_body_is_its_name(analyse):
    doc = analyse("La délégation a visité l'École militaire de sous-officiers de gendarmerie "
                  "« Grigore Alexandru Ghica », puis le lycée militaire « Mohammed Ali ». Le "
                  "ministre a dit « Paul Biya » hier.")
    assert ("École militaire de sous-officiers de gendarmerie « Grigore Alexandru Ghica »",
            "ORG") in ents(doc)
    people = names(doc, "PERSON")
    assert people == {"Paul Biya"}


def test_a_plural_office_with_coordinated_demonyms_stands_for_each_holder(analyse):
    doc = analyse("Le ministre polonais de la Défense, M. Jan Sobczak, a rencontré son homologue "
                  "roumain, le ministre Radu Popa, puis le ministre ukrainien Oleksandr Hnatenko. "
                  "Plus tôt, les ministres polonais, roumain et ukrainien avaient été reçus par la "
                  "Secrétaire générale adjointe de l'OTAN, Mme Ingrid Aas.")
    received = {guest for host, guest in events(doc) if host == "Ingrid Aas"}
    assert received == {"Jan Sobczak", "Radu Popa", "Oleksandr Hnatenko"}


def test_a_promotion_day_in_the_trigger_sentence_is_not_the_event_day():
    text = ("Monrovia, 26 novembre 2025 – Le général de brigade Ousman Manneh a effectué mardi "
            "une visite de travail au quartier général. L'officier gambien, élevé au grade de "
            "général de brigade le 14 août 2025, y a été reçu par le général Joseph Kpadeh. Le "
            "général Paul Ndiaye, nommé chef d'état-major en 2023, a reçu le 24 novembre 2025 le "
            "colonel Ali Salah.")
    dates = received_dates(text)
    assert dates["Joseph Kpadeh"] == "2025-11-25"
    assert dates["Paul Ndiaye"] == "2025-11-24"


def test_les_deux_officiers_after_a_headline_are_the_two_the_sentence_before_names(analyse):
    doc = analyse("Gambie : le nouveau commandant de la force de l'ECOMIG reçu par le chef "
                  "d'état-major\n\nBanjul, 19 fév. 2025 (APS) – Le commandant de la force, le "
                  "général Kwabena Boateng, et son adjoint, le colonel Mame Ndour, ont pris leurs "
                  "fonctions le 17/2. Les deux officiers ont été reçus hier par le chef "
                  "d'état-major, le lieutenant-général Modou Njie.")
    assert ("ECOMIG", "ORG") in ents(doc)
    assert events(doc) == {("Modou Njie", "Kwabena Boateng"), ("Modou Njie", "Mame Ndour")}


def test_a_coordinated_subject_with_appositions_before_et(analyse):
    doc = analyse("Le général Sok Chhun, ministre de la Défense, et le ministre thaïlandais de la "
                  "Défense, M. Prasert Wongsakul, ont eu un tête-à-tête lundi.")
    assert meetings(doc) == {frozenset({"Sok Chhun", "Prasert Wongsakul"})}


def test_a_national_delegation_three_sentences_after_its_meeting(analyse):
    doc = analyse("La réunion s'est ouverte lundi sous la coprésidence du ministre de la Défense, "
                  "le général Sok Chhun, et du ministre thaïlandais de la Défense, M. Prasert "
                  "Wongsa. Les travaux ont été précédés d'un tête-à-tête entre les deux hommes. "
                  "Les deux ministres ont ensuite passé en revue la démarcation. La délégation "
                  "thaïlandaise comprenait notamment le général Thanakorn Srisa.")
    assert frozenset({"Sok Chhun", "Thanakorn Srisa"}) in meetings(doc)


def test_a_capitalised_body_after_a_plural_grade_is_no_person(analyse):
    doc = analyse("La délégation malienne comprenait deux colonels FAMa. Le général Ali Koné a "
                  "reçu le colonel Sékou DIARRA.")
    assert names(doc, "PERSON") == {"Ali Koné", "Sékou DIARRA"}
