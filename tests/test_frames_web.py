"""Event constructions of web communiqués met in the blind dev batches r_137-r_172, on
invented texts: list lines that run over several sentences, offices held exactly, `Il s'y
est entretenu`, visits to an institution, `l'hôte du jour`, members named after `Parmi eux`,
streets named after people, fronted `Avec X,` and the meeting that restates a reception."""

import pytest

from tests.conftest import ents, events, meetings

pytestmark = pytest.mark.slow


def test_list_lines_that_run_over_two_sentences_keep_every_guest(analyse):
    doc = analyse("Lomé, le 3 mai 2024 – Le ministre de la Défense, M. Kodjo Adzomada, a reçu "
                  "successivement :\n\n"
                  "– l'ambassadeur du Japon, M. Kenji Sato. L'entretien a porté sur le déminage ;"
                  "\n\n"
                  "– le représentant de l'Unicef, M. Paul Nkoulou.")
    assert events(doc) == {("Kodjo Adzomada", "Kenji Sato"), ("Kodjo Adzomada", "Paul Nkoulou")}


def test_an_office_names_its_exact_holder_not_another_commander(analyse):
    doc = analyse("Le commandant en chef de l'armée, le général Antoine Karam, a reçu le "
                  "commandant de la FINUL, le général Diego Ruiz. Dans l'après-midi, visite de "
                  "courtoisie du colonel Luca Bruni, commandant du secteur Ouest, au commandant en "
                  "chef de l'armée.")
    assert ("Antoine Karam", "Luca Bruni") in events(doc)
    assert not any(host == "Diego Ruiz" for host, _ in events(doc))


def test_il_before_a_reflexive_meeting_verb_is_its_subject(analyse):
    doc = analyse("Jeudi, le chef de la Défense, l'amiral Koen Peeters, a présidé à Evere la "
                  "réunion des chefs de la Défense. Il s'y est entretenu avec ses homologues, le "
                  "général Onno Smit et le général Paul Weber.")
    assert meetings(doc) == {frozenset(("Koen Peeters", "Onno Smit")),
                             frozenset(("Koen Peeters", "Paul Weber"))}


def test_an_unresolved_singular_subject_does_not_make_the_guests_meet(analyse):
    doc = analyse("Le chef de l'Armée, le général Laurent Favre, a reçu les attachés de défense, "
                  "parmi lesquels :\n\n"
                  "– le colonel Andreas Huber, attaché de défense de l'Autriche ;\n\n"
                  "– le colonel Piotr Nowak, attaché de défense de la Pologne.\n\n"
                  "En marge de la rencontre, le CdA s'est entretenu avec les attachés de défense.")
    assert frozenset(("Andreas Huber", "Piotr Nowak")) not in meetings(doc)


def test_a_visit_to_an_institution_is_a_reception_by_it_but_a_base_is_not(analyse):
    doc = analyse("Le général Amadou Sy a été reçu lundi par le ministre Paul Kaboré. Mardi, "
                  "le général Sy a visité l'École nationale des officiers d'active, puis il a "
                  "visité la base aérienne de Bobo.")
    received = events(doc)
    assert ("Paul Kaboré", "Amadou Sy") in received
    assert ("École nationale des officiers d'active", "Sy") in received
    assert not any("base" in host for host, _ in received)


def test_the_host_of_the_day_is_the_guest(analyse):
    doc = analyse("Le général Hilal Al-Rawahi a reçu lundi le général Kamal Al-Shraideh. "
                  "L'hôte du jour a ensuite visité le Collège de défense nationale.")
    assert ("Collège de défense nationale", "Kamal Al-Shraideh") in events(doc)


def test_members_named_after_parmi_eux_are_the_guests_of_a_plural_office(analyse):
    doc = analyse("Le chef d'état-major, le général Hilal Al-Rawahi, a reçu lundi les attachés "
                  "militaires accrédités à Mascate. Parmi eux figuraient le brigadier Tariq "
                  "Qureshi et le colonel Park Ji-hoon.")
    assert events(doc) == {("Hilal Al-Rawahi", "Tariq Qureshi"),
                           ("Hilal Al-Rawahi", "Park Ji-hoon")}


def test_a_street_named_after_an_officer_is_a_place_not_a_host(analyse):
    doc = analyse("Le directeur général, M. Jean Saint-Fort, a reçu mardi, au quartier général, "
                  "avenue Commissaire Théodat Lhérisson, le colonel Rafael Peña.")
    assert ("Théodat Lhérisson", "PERSON") not in ents(doc)
    assert events(doc) == {("Jean Saint-Fort", "Rafael Peña")}


def test_a_name_fronted_by_avec_is_not_the_office_after_the_comma(analyse):
    doc = analyse("Le directeur général, M. Jean Saint-Fort, a reçu mardi le commissaire Wilfrid "
                  "Dorsainvil et le colonel Rafael Peña. Avec le commissaire Dorsainvil, le "
                  "directeur général a arrêté les modalités du déploiement. Le directeur général a "
                  "ensuite reçu M. Paul Gagnon.")
    received = events(doc)
    assert ("Jean Saint-Fort", "Paul Gagnon") in received
    assert not any(host == "Dorsainvil" for host, _ in received)


def test_the_two_chiefs_meeting_after_a_reception_is_that_reception(analyse):
    doc = analyse("Le chef d'état-major, le général Ahmed Taleb, a accueilli mardi le général "
                  "Babacar Faye. Les deux hommes ont ensuite tenu une séance de travail.")
    assert events(doc) == {("Ahmed Taleb", "Babacar Faye")}
    assert meetings(doc) == set()


def test_a_chiefly_style_stays_outside_the_name(analyse):
    doc = analyse("Samdech Pichey Sena Sao Vanna, ministre de la Défense, a reçu lundi "
                  "l'ambassadeur de Thaïlande, M. Anurak Chaiyasit.")
    assert events(doc) == {("Sao Vanna", "Anurak Chaiyasit")}


def test_an_undated_story_takes_its_leads_weekday(analyse):
    doc = analyse("Publié le 17/03/2025\n\n"
                  "Jeudi dernier, le chef de la Défense, l'amiral Koen Peeters, a présidé la "
                  "réunion. Il s'y est entretenu avec le général Onno Smit.")
    dates = {(r["date"] or {}).get("text") for r in doc._.relations if r["relation"] == "MET"}
    assert dates == {"Jeudi"}



def test_an_office_the_other_party_holds_too_is_the_person_named_next(analyse):
    doc = analyse("Le ministre de la Défense, le général Arnaud Keller, a eu lundi un entretien "
                  "avec le ministre de la Défense du Ghana, en visite de deux jours. Le général "
                  "Kwame Boateng conduit une délégation de dix officiers.")
    assert meetings(doc) == {frozenset(("Arnaud Keller", "Kwame Boateng"))}


def test_a_plural_office_host_leaves_out_the_named_guest_who_holds_it_too(analyse):
    doc = analyse("Le chef d'état-major de la Lituanie, le général Jonas Petraitis, et le chef "
                  "d'état-major de la Lettonie, le général Ivars Ozols, étaient réunis à Riga. "
                  "Le chef d'état-major de la Géorgie, le général Giorgi Beridze, a été reçu "
                  "par les chefs d'état-major des deux pays.")
    assert events(doc) == {("Jonas Petraitis", "Giorgi Beridze"),
                           ("Ivars Ozols", "Giorgi Beridze")}


def test_chairs_of_a_session_met_each_other(analyse):
    doc = analyse("La séance d'ouverture, mardi matin, était co-présidée par les commandants des "
                  "deux marines, le contre-amiral Ian Grey et le contre-amiral Ali Rahman. "
                  "Le commandant adjoint de la Marine indienne, le contre-amiral Raj Nair, "
                  "était présent.")
    assert meetings(doc) == {frozenset(("Ian Grey", "Ali Rahman"))}
    doc = analyse("Le général Paul Dubois et le colonel Ali Sow ont coprésidé la réunion.")
    assert meetings(doc) == {frozenset(("Paul Dubois", "Ali Sow"))}


def test_retrouver_ses_homologues_is_a_meeting_but_not_retrouver_a_thing(analyse):
    doc = analyse("Le général Paul Dubois y a retrouvé ses homologues, le général Jan Smit et "
                  "le colonel Ali Sow. Le général Dubois a retrouvé la sérénité.")
    assert meetings(doc) == {frozenset(("Paul Dubois", "Jan Smit")),
                             frozenset(("Paul Dubois", "Ali Sow"))}


def test_a_rubric_before_a_colon_is_no_party(analyse):
    doc = analyse("Coopération militaire : le ministre de la Défense, le général Paul Sawadogo, "
                  "reçoit le colonel Idrissa Maïga.")
    assert events(doc) == {("Paul Sawadogo", "Idrissa Maïga")}
    doc = analyse("Audience : le ministre reçoit le colonel Idrissa Maïga.")
    assert events(doc) == set()


def test_members_of_the_delegation_the_guest_leads_are_guests(analyse):
    doc = analyse("Le ministre de la Défense, le général Paul Sawadogo, a reçu lundi le chef "
                  "d'état-major des armées du Niger. Le général Moussa Zakari conduit une "
                  "délégation qui comprend également le colonel Ibrahim Issa et le capitaine "
                  "Awa Diallo.")
    assert events(doc) == {("Paul Sawadogo", "Moussa Zakari"), ("Paul Sawadogo", "Ibrahim Issa"),
                           ("Paul Sawadogo", "Awa Diallo")}


def test_plural_modifiers_stay_in_the_office(analyse):
    doc = analyse("L'audience s'est tenue en présence des chefs d'état-major adjoints, le "
                  "colonel Adama Zongo et le colonel Aïcha Kaboré.")
    assert ("chefs d'état-major adjoints", "TITLE") in ents(doc)


def test_no_sentence_starts_inside_the_dateline(analyse):
    doc = analyse("Le ministre reçoit le chef d'état-major\n\nOuagadougou, 5 déc. 2024 (AIB) - "
                  "Le ministre, le général Paul Sawadogo, a reçu le colonel Idrissa Maïga.")
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts == ["Le", "Ouagadougou,"]


def test_a_guest_office_named_next_beats_a_holder_named_further_on(analyse):
    doc = analyse("Le ministre de la Défense, M. Yahya Ebnou, a reçu mercredi le chef d'état-major "
                  "général des armées maliennes. Le général Famoussa Keïta était accompagné du "
                  "colonel Cheick Sogoba. L'audience s'est déroulée en présence du chef "
                  "d'état-major général des armées, le général Ahmed Mbareck.")
    assert events(doc) == {("Yahya Ebnou", "Famoussa Keïta"), ("Yahya Ebnou", "Cheick Sogoba")}


def test_an_office_of_a_named_body_is_not_a_more_precise_office_of_none(analyse):
    doc = analyse("Le général Abdou Seck a reçu mardi une délégation de la Guardia Civil conduite "
                  "par le chef du Commandement des opérations de ce corps. Le général Javier "
                  "Morales était accompagné du colonel Luis Pérez. Ont pris part à l'audience "
                  "le chef de la division de la coopération, le colonel Malick Fall.")
    assert events(doc) == {("Abdou Seck", "Javier Morales"), ("Abdou Seck", "Luis Pérez")}


def test_the_host_of_the_day_named_next_is_the_guest_an_office_stands_for(analyse):
    doc = analyse("Le ministre, M. Saeed Al Dhaheri, a reçu ce mardi au siège du Ministère de la "
                  "Défense le président du comité des chefs d'état-major de la République de "
                  "Corée. Au début de l'audience, le ministre a souhaité la bienvenue à l'hôte "
                  "du jour, le général Kim Dong-jin.")
    assert events(doc) == {("Saeed Al Dhaheri", "Kim Dong-jin")}


def test_a_headline_guest_office_is_not_an_attendee_of_the_hosts_audience(analyse):
    doc = analyse("Le ministre reçoit le chef d'état-major général des armées maliennes\n\n"
                  "Le ministre de la Défense, M. Yahya Ebnou, a reçu mercredi le général "
                  "Famoussa Keïta. L'audience s'est déroulée en présence du chef d'état-major "
                  "général des armées, le général Ahmed Mbareck.")
    assert events(doc) == {("Yahya Ebnou", "Famoussa Keïta")}


def test_the_two_chairs_named_after_coprésidence_met(analyse):
    doc = analyse("Les travaux se sont ouverts ce lundi à Phnom Penh, sous la coprésidence du "
                  "ministre de la Défense, le général Sok Chhun, et du ministre thaïlandais de "
                  "la Défense, M. Prasert Wong. Le budget de la présidence a été voté.")
    assert meetings(doc) == {frozenset(("Sok Chhun", "Prasert Wong"))}


def test_an_office_naming_a_country_resolves_to_that_countrys_counterpart(analyse):
    doc = analyse("Le 5 juin 2025, l'amiral Hervé Kerlan, chef d'état-major de la Marine, a "
                  "accueilli son homologue indien, l'amiral Rajesh Venkat. La veille, le chef "
                  "d'état-major de la marine indienne avait effectué une visite de courtoisie "
                  "auprès du major général des armées, le général Frédéric Lenoir. Le chef "
                  "d'état-major de la Marine était accompagné du colonel Paul Morel.")
    assert ("Frédéric Lenoir", "Rajesh Venkat") in events(doc)
    assert ("Frédéric Lenoir", "Hervé Kerlan") not in events(doc)


def test_an_office_of_a_country_resolves_to_the_holder_written_with_its_demonym(analyse):
    doc = analyse("Le chef d'état-major de l'armée de l'État du Koweït rend visite à la CIMCT\n\n"
                  "Riyad, 24-03-2022\n\n"
                  "La CIMCT a reçu jeudi le chef d'état-major, le général Fayad Ruwaili, et le "
                  "chef d'état-major de l'armée koweïtienne, le général Khaled Sabah.")
    from_headline = {r["tail"]["text"] for r in doc._.relations
                     if r["relation"] == "RECEIVED" and r["sentence"][0] == 0}
    assert "Fayad Ruwaili" not in from_headline  # his office names no country
    assert {tail for _, tail in events(doc)} == {"Fayad Ruwaili", "Khaled Sabah"}
