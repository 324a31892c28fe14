"""Constructions of the blind dev batch r_329-r_340, on invented texts: `à l'invitation de X`
(X invited, no reception), `les deux chefs` as a meeting's object, a delegation fronted with
its leader before `elle`, a leader's companions told before `X et sa délégation`, a dative
`à la délégation`, `en charge de` in an office, two `le lendemain` frames of one sentence, a
promotion's date that is no event's, and a clause that is no dateline's place."""

import pytest

from tests.conftest import ents, events, meetings, received_dates

pytestmark = pytest.mark.slow


def test_who_invited_is_not_who_received(analyse):
    doc = analyse("Le Commandant de l'armée, le général Fady Rahmé, a effectué les 18 et 19 mai "
                  "2025 une visite officielle en Jordanie, à l'invitation du président de "
                  "l'état-major interarmées, le général Fawwaz Al-Shurman. Dès son arrivée à "
                  "Amman, dimanche, un tête-à-tête a réuni les deux chefs militaires.")
    assert events(doc) == set()
    assert meetings(doc) == {frozenset({"Fady Rahmé", "Fawwaz Al-Shurman"})}
    dates = {r["date"]["text"] for r in doc._.relations if r["relation"] == "MET"}
    assert dates == {"dimanche"}


def test_a_delegation_fronted_with_its_leader_is_the_pronoun_subject(analyse):
    doc = analyse("Le Quartier général de l'armée de l'Air a reçu la visite, le mardi 14 "
                  "octobre 2025, d'une délégation gabonaise. Conduite par son chef d'état-major, "
                  "le général Landry Oyono, elle a été accueillie par le chef d'état-major de "
                  "l'armée de l'Air, le général Serge Mengue.")
    assert ("Serge Mengue", "Landry Oyono") in events(doc)


def test_companions_told_before_join_the_leader_and_his_delegation(analyse):
    doc = analyse("Le Commissaire en charge des Affaires politiques, de la Paix et de la "
                  "Sécurité, M. Jean Mboukou, a effectué du 10 au 12 juin 2025 une mission à "
                  "N'Djamena. Le Commissaire était accompagné du général Désiré Luboya. Le "
                  "mardi 10 juin, le Commissaire et sa délégation ont été accueillis par le "
                  "ministre des Armées, le général Ahmat Gafar. Le mercredi 11 juin, audience a "
                  "été accordée par le Premier ministre, M. Rimtébaye Kodingar, à la délégation "
                  "de la CEEAC.")
    assert ("Commissaire en charge des Affaires politiques, de la Paix et de la Sécurité",
            "TITLE") in ents(doc)
    assert events(doc) == {
        ("Ahmat Gafar", "Jean Mboukou"), ("Ahmat Gafar", "Désiré Luboya"),
        ("Rimtébaye Kodingar", "Jean Mboukou"), ("Rimtébaye Kodingar", "Désiré Luboya"),
    }


def test_two_frames_of_one_le_lendemain_sentence_are_one_day_after_the_story(analyse):
    doc = analyse("Le mardi 14 octobre 2025, le général Serge Mengue a reçu le général Landry "
                  "Oyono. Élevé au rang de général de division le 1er août 2025, le général "
                  "Mengue a présenté son armée. Le lendemain, le général Oyono a honoré de sa "
                  "visite la base aérienne de Garoua, où il a été accueilli par le commandant "
                  "de la base, le colonel Théophile Ngono.")
    dates = received_dates(doc.text)
    assert dates["Théophile Ngono"] == "2025-10-15"


def test_a_clause_is_no_dateline_place():
    from pipeline.segment import segment

    text = ("Coopération aérienne\n\nLe Quartier Général de l'Armée de l'Air a reçu la visite, "
            "le mardi 14 octobre 2025, d'une délégation.\n\nElle a été accueillie.")
    assert segment(text).dateline is None
    assert segment("Titre\n\nLe Caire, 3 mai 2025 – Le ministre a reçu X.").dateline.place == (
        "Le Caire")


def test_a_heading_pair_names_the_host_an_office_stands_for(analyse):
    doc = analyse("Rencontre Karam–Rivera Olmedo au ministère de la Défense\n\nLe ministre sortant "
                  "de la Défense nationale a reçu hier à Yarzé le commandant de la Finul, le "
                  "général Santiago Rivera Olmedo.")
    assert events(doc) == {("Karam", "Santiago Rivera Olmedo")}
    assert meetings(doc) == set()


def test_a_surname_in_capitals_recurs_in_title_case_in_the_heading(analyse):
    doc = analyse("Rencontre Lafontant–Brassard-Vachon à la Villa d'Accueil\n\nLe Premier "
                  "ministre, M. Fritz-Gérald LAFONTANT, et la ministre de la Défense du Canada, "
                  "l'honorable Geneviève Brassard-Vachon, se sont entretenus le 12 septembre 2025.")
    assert ("Lafontant", "PERSON") in ents(doc)
    assert ("HAS_TITLE", "Geneviève Brassard-Vachon", "ministre de la Défense") in {
        (r["relation"], r["head"]["text"], r["tail"]["text"]) for r in doc._.relations}
    assert meetings(doc) == {frozenset({"Fritz-Gérald LAFONTANT", "Geneviève Brassard-Vachon"})}


def test_a_nationality_before_a_name_is_not_part_of_it(analyse):
    doc = analyse("Le Président a reçu le Secrétaire général de la COI, le Seychellois Dominique "
                  "Bertrand Labiche.")
    assert ("Dominique Bertrand Labiche", "PERSON") in ents(doc)


def test_a_day_the_sentence_before_set_dates_the_event(analyse):
    doc = analyse("Le lundi 3 mars 2025, l'amiral Harish Kurup a été reçu par le ministre, le "
                  "général Andry Ratsimbazafy. Le mercredi 5 mars, l'amiral Kurup s'est rendu à "
                  "Antsiranana. Il y a été accueilli par le commandant de la base, le capitaine "
                  "de vaisseau Rindra Andriamasy.")
    dates = {r["head"]["text"]: r["date"]["text"] for r in doc._.relations
             if r["relation"] == "RECEIVED"}
    assert dates["Rindra Andriamasy"] == "mercredi 5 mars"


def test_a_cleft_host_with_a_clitic_object_receives_the_story_s_person(analyse):
    doc = analyse("Le mercredi 5 mars, l'amiral Harish Kurup était à Antsiranana. C'est le "
                  "commandant de la base navale, le capitaine de vaisseau Rindra Andriamasy, qui "
                  "l'a accueilli sur le quai.")
    assert events(doc) == {("Rindra Andriamasy", "Harish Kurup")}


def test_a_grade_alone_as_subject_stands_for_its_one_holder(analyse):
    doc = analyse("Le lundi 3 mars, l'amiral Harish Kurup a été reçu par le ministre, le général "
                  "Andry Ratsimbazafy. Dans l'après-midi, l'amiral a rencontré le général Fidy "
                  "Rakoto. Il a ensuite été reçu par le Président, M. Rivo Razaka.")
    assert ("Rivo Razaka", "Harish Kurup") in events(doc)


def test_ils_in_a_relative_clause_are_the_main_clause_s_subjects(analyse):
    doc = analyse("Le lendemain, M. Marc Reuter et le Gen Steve Meyers ont visité la base aérienne "
                  "de Beauvechain, où ils ont été accueillis par le commandant de la Composante "
                  "Air, le général-major Luc Van den Bossche.")
    assert events(doc) == {("Luc Van den Bossche", "Marc Reuter"),
                           ("Luc Van den Bossche", "Steve Meyers")}
