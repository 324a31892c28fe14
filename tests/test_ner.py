"""NER stage on short texts written for the test (not the seeds)."""

import pytest

from tests.conftest import ents

pytestmark = pytest.mark.slow


def test_tokenizer_keeps_hyphenated_ranks_names_and_dates(nlp):
    words = [t.text for t in nlp.make_doc("le Lieutenant-Général Al-Sabah, chef d'état-major, "
                                          "le 24-03-2022")]
    assert "Lieutenant-Général" in words and "Al-Sabah" in words
    assert "état-major" in words and "24-03-2022" in words


def test_without_the_attribute_ruler_pos_and_lemmas_are_still_there(nlp, analyse):
    assert "attribute_ruler" not in nlp.component_names
    doc = analyse("Le ministre a reçu les délégations et les a accueillies à Dakar.")
    by_text = {t.text: t for t in doc}
    assert by_text["reçu"].lemma_ == "recevoir" and by_text["reçu"].pos_ == "VERB"
    assert by_text["accueillies"].lemma_ == "accueillir"
    assert by_text["délégations"].pos_ == "NOUN"


def test_dates_from_the_token_patterns(analyse):
    doc = analyse("Le lundi 3 mars 2024, puis le 12/03/24, le 2024-03-15 et le 1er avril.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == [
        "lundi 3 mars 2024", "12/03/24", "2024-03-15", "1er avril"
    ]


def test_rank_and_person_after_it_with_a_comma(analyse):
    doc = analyse("Le ministre a reçu le général de division, Amadou Bello Ould Cheikh, "
                  "à Dakar.")
    assert ("général de division", "RANK") in ents(doc)
    assert ("Amadou Bello Ould Cheikh", "PERSON") in ents(doc)
    assert ("Dakar", "LOC") in ents(doc)


def test_honorific_is_never_part_of_a_person_nor_an_entity(analyse):
    doc = analyse("Son Excellence M. Ibrahim Traoré a salué les efforts. "
                  "Dr. Aminata Touré a pris la parole.")
    people = ents(doc, "PERSON")
    assert ("Ibrahim Traoré", "PERSON") in people
    assert ("Aminata Touré", "PERSON") in people
    honorifics = [h.text for h in doc.spans["honorifics"]]
    assert "Son Excellence" in honorifics and "Dr." in honorifics
    assert not any(text in ("Son Excellence", "M.", "Dr.") for text, _ in ents(doc))


def test_arabic_particles_stay_inside_the_name(analyse):
    doc = analyse("Le colonel-major Abdallah ibn Khalid Al-Harbi a rencontré le "
                  "Brigadier Général Saad bin Fahd El-Otaibi.")
    people = [t for t, label in ents(doc) if label == "PERSON"]
    assert "Abdallah ibn Khalid Al-Harbi" in people
    assert "Saad bin Fahd El-Otaibi" in people


def test_title_stops_before_a_named_country_and_keeps_its_demonym(analyse):
    doc = analyse("Le chef d'état-major de l'armée malienne et le ministre de la Défense de la "
                  "République du Niger ont été reçus par l'ambassadeur de France.")
    titles = [t for t, label in ents(doc) if label == "TITLE"]
    assert "chef d'état-major de l'armée malienne" in titles
    assert "ministre de la Défense" in titles
    assert "ambassadeur" in titles
    assert ("République du Niger", "GPE") in ents(doc)
    assert ("France", "GPE") in ents(doc)


def test_country_names_and_dates(analyse):
    doc = analyse("Le Royaume hachémite de Jordanie et l'État du Qatar ont signé, jeudi "
                  "24/3/2022, un accord. La réunion a eu lieu le 5 mai 2024 à Amman.")
    assert ("Royaume hachémite de Jordanie", "GPE") in ents(doc)
    assert ("État du Qatar", "GPE") in ents(doc)
    assert ("jeudi 24/3/2022", "DATE") in ents(doc)
    assert ("5 mai 2024", "DATE") in ents(doc)


def test_no_rank_title_or_honorific_becomes_person_loc_or_org(analyse):
    doc = analyse("SE, le Major Général Hamad Al-Kuwari, Commandant de la Garde nationale, "
                  "et le vice-amiral Pierre Martin ont visité le siège.")
    for text, label in ents(doc):
        if label in ("PERSON", "LOC", "ORG"):
            lowered = text.lower()
            assert "général" not in lowered and "amiral" not in lowered
            assert text not in ("SE", "Commandant")
    assert ("vice-amiral", "RANK") in ents(doc)
    assert ("Pierre Martin", "PERSON") in ents(doc)


def test_demonyms_are_spans_with_their_country_code(analyse):
    doc = analyse("Le directeur du renseignement militaire sénégalais a été reçu.")
    demonyms = {(s.text, s.id_) for s in doc.spans["demonyms"]}
    assert ("sénégalais", "SN") in demonyms


def test_organisation_with_acronym_in_parentheses(analyse):
    doc = analyse("Le directeur de l'Office des Nations Unies contre la drogue et le crime "
                  "(ONUDC) a été reçu par le commandant de la Force conjointe du G5 Sahel.")
    orgs = [t for t, label in ents(doc) if label == "ORG"]
    assert "ONUDC" in orgs
    assert any(t.startswith("Office des Nations Unies") for t in orgs)


def test_feminine_grades_are_derived_from_the_list(analyse):
    doc = analyse("La Générale de brigade Awa Ndiaye et la lieutenante-colonelle Marie Kaboré "
                  "ont été reçues.")
    assert ("Générale de brigade", "RANK") in ents(doc)
    assert ("lieutenante-colonelle", "RANK") in ents(doc)
    assert ("Awa Ndiaye", "PERSON") in ents(doc)


def test_geographic_feature_with_a_lowercase_head_is_one_place(analyse):
    doc = analyse("Les patrouilles couvrent le golfe de Guinée et le canal du Mozambique.")
    assert ("golfe de Guinée", "LOC") in ents(doc)
    assert ("canal du Mozambique", "LOC") in ents(doc)


def test_dateline_city_named_like_its_country_is_a_place(nlp):
    doc = nlp.make_doc("Titre\n\nDjibouti, 24-11-2022\n\nLe ministre a reçu l'ambassadeur.")
    doc._.sentence_starts = [0, 7, 29]
    doc.user_data["dateline_place"] = [7, 15]
    doc = nlp(doc)
    assert ("Djibouti", "LOC") in ents(doc)
