"""Relation stage on sentences written for the test: other people, verbs and shapes."""

import pytest

from tests.conftest import relations

pytestmark = pytest.mark.slow


def test_active_reception_with_apposition_chain(analyse):
    doc = analyse("Le ministre de la Défense du Sénégal, le Général Birame Diop, a reçu le "
                  "colonel-major Issa Coulibaly, attaché de défense de la Côte d'Ivoire.")
    found = relations(doc)
    assert ("RECEIVED", "Birame Diop", "Issa Coulibaly") in found
    assert ("HAS_RANK", "Birame Diop", "Général") in found
    assert ("HAS_TITLE", "Birame Diop", "ministre de la Défense") in found
    assert ("AFFILIATED_WITH", "Birame Diop", "Sénégal") in found
    assert ("HAS_RANK", "Issa Coulibaly", "colonel-major") in found
    assert ("HAS_TITLE", "Issa Coulibaly", "attaché de défense") in found


def test_passive_reception_puts_the_agent_as_host(analyse):
    doc = analyse("L'ambassadrice d'Italie, Mme Laura Bianchi, a été reçue par le Général "
                  "Ahmed Al-Mansouri au siège de l'état-major.")
    found = relations(doc, "RECEIVED")
    assert found == {("RECEIVED", "Ahmed Al-Mansouri", "Laura Bianchi")}


def test_visit_puts_the_visitor_as_guest(analyse):
    doc = analyse("Le général de brigade Ousmane Sow rend visite au vice-amiral Karim Haddad.")
    assert ("RECEIVED", "Karim Haddad", "Ousmane Sow") in relations(doc, "RECEIVED")


def test_two_guests_joined_by_et_each_get_a_relation(analyse):
    doc = analyse("Le Secrétaire exécutif de la CEDEAO, M. Omar Touray, a accueilli le "
                  "Général Moussa Salaou Barmou et le Colonel Abdoulaye Maïga.")
    found = relations(doc, "RECEIVED")
    assert ("RECEIVED", "Omar Touray", "Moussa Salaou Barmou") in found
    assert ("RECEIVED", "Omar Touray", "Abdoulaye Maïga") in found


def test_organisation_host_when_no_person_hosts(analyse):
    doc = analyse("L'Union africaine a reçu, lundi, le ministre gambien des Affaires "
                  "étrangères, M. Mamadou Tangara.")
    assert relations(doc, "RECEIVED") == {("RECEIVED", "Union africaine", "Mamadou Tangara")}


def test_meeting_is_stored_once_with_the_first_written_as_head(analyse):
    doc = analyse("Le Général Tiani s'est entretenu avec le Colonel Goïta à Bamako.")
    assert relations(doc, "MET") == {("MET", "Tiani", "Goïta")}


def test_attendee_is_linked_to_the_host(analyse):
    doc = analyse("Le ministre Ali Diallo a reçu le Général Paul Ngono, en présence du "
                  "Colonel Jean Mba.")
    found = relations(doc)
    assert ("RECEIVED", "Ali Diallo", "Paul Ngono") in found
    assert ("ATTENDED", "Jean Mba", "Ali Diallo") in found


def test_unnamed_guest_gives_no_reception(analyse):
    doc = analyse("Le Général Karim Haddad a reçu le directeur du renseignement militaire "
                  "irakien et la délégation l'accompagnant.")
    assert relations(doc, "RECEIVED") == set()


def test_every_relation_end_is_a_named_span_of_a_sentence_it_cites(analyse):
    doc = analyse("Le Général Karim Haddad a reçu M. Paul Ngono. Il a ensuite rencontré le "
                  "Colonel Jean Mba.")
    assert ("MET", "Karim Haddad", "Jean Mba") in relations(doc, "MET")
    for relation in doc._.relations:
        for end_point in (relation["head"], relation["tail"]):
            assert any(start <= end_point["start"] < end_point["end"] <= end
                       for start, end in relation["sentences"])
            assert doc.text[end_point["start"]:end_point["end"]] == end_point["text"]
            assert end_point["label"] in ("PERSON", "ORG", "GPE", "RANK", "TITLE")


def test_interim_office_keeps_the_chain_and_the_reception(analyse):
    doc = analyse("Le Secrétaire Général par intérim de l'Union africaine, le Général Malick Ba, "
                  "a reçu, lundi, l'ambassadeur de la République du Tchad auprès de l'Union "
                  "africaine, Son Excellence M. Abakar Adam.")
    found = relations(doc)
    assert ("HAS_TITLE", "Malick Ba", "Secrétaire Général par intérim") in found
    assert ("RECEIVED", "Malick Ba", "Abakar Adam") in found
    assert ("AFFILIATED_WITH", "Abakar Adam", "République du Tchad") in found


def test_receiving_a_thing_is_not_a_reception(analyse):
    doc = analyse("Le colonel Issa Traoré a reçu le prix d'excellence des mains de M. Paul Mba.")
    assert relations(doc, "RECEIVED") == set()
