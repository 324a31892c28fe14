"""Constructions met in the blind dev batch r_221-r_232, on invented texts: an office's
acronym standing for its holder, `il` after a passive reception or a meeting, `l'hôte du
Burkina` as the guest, a passive light verb (`une audience a été accordée par X à Y`), `où
elle a été accueillie par`, a meeting noun as the subject (`un tête-à-tête a réuni X et Y`),
a sub-heading above the event it titles, a counterpart named in the next sentence, a
headline's undated copy of a dated event, and names written `al-X`."""

import pytest

from tests.conftest import ents, events, meetings

pytestmark = pytest.mark.slow


def dates(doc, kind):
    return {(r["head"]["text"], r["tail"]["text"]): (r["date"] or {}).get("text")
            for r in doc._.relations if r["relation"] == kind}


def test_an_acronym_of_an_office_stands_for_its_holder_not_for_his_counterpart(analyse):
    doc = analyse("Le Chef d'état-major des armées (CEMA), le général Oumar Traoré, a entamé "
                  "lundi une visite à Bamako. L'entretien entre le CEMA et son homologue malien, "
                  "le général Sidiki Coulibaly, a eu lieu mardi. Mercredi, le CEMA a été reçu par "
                  "le ministre de la Défense, M. Bakary Keita.")
    assert ("Bakary Keita", "Oumar Traoré") in events(doc)
    assert ("Bakary Keita", "Sidiki Coulibaly") not in events(doc)
    assert frozenset(("Oumar Traoré", "Sidiki Coulibaly")) in meetings(doc)


def test_il_after_a_passive_reception_is_the_guest(analyse):
    doc = analyse("Le général Omar Benali a été reçu jeudi par le ministre de la Défense, M. "
                  "Karim Haddad. Il était accompagné de l'attaché de défense, le colonel Samir "
                  "Talbi.")
    assert events(doc) == {("Karim Haddad", "Omar Benali"), ("Karim Haddad", "Samir Talbi")}


def test_il_after_a_meeting_is_its_subject_whose_companions_meet_the_other_party(analyse):
    doc = analyse("Le chef d'état-major, le général Youssef Amrani, s'est entretenu mardi avec "
                  "le ministre de la Défense, M. Tarek Nassar. Il était accompagné du colonel "
                  "Nabil Farhat.")
    assert meetings(doc) == {frozenset(("Youssef Amrani", "Tarek Nassar")),
                             frozenset(("Tarek Nassar", "Nabil Farhat"))}


def test_the_host_of_a_country_is_its_guest_even_before_any_event(analyse):
    doc = analyse("Le chef d'état-major du Burkina Faso, le général Issa Ouédraogo, séjourne "
                  "depuis lundi à Niamey. Mardi, l'hôte du Niger a eu un tête-à-tête avec le "
                  "chef d'état-major des armées, le général Moussa Salaou.")
    assert meetings(doc) == {frozenset(("Issa Ouédraogo", "Moussa Salaou"))}


def test_a_passive_light_verb_takes_its_guest_from_the_dative(analyse):
    doc = analyse("Une audience a été accordée hier par le ministre de l'Intérieur, le général "
                  "Ali Zongo, au directeur de la police du Ghana, M. Kofi Mensah.")
    assert events(doc) == {("Ali Zongo", "Kofi Mensah")}


def test_a_delegation_welcomed_where_it_visited_is_received_by_the_person(analyse):
    doc = analyse("Une délégation de l'École de guerre du Sénégal, conduite par son directeur, "
                  "le général Cheikh Fall, a effectué une visite de travail auprès du "
                  "Commandement des forces, où elle a été accueillie par le chef d'état-major "
                  "adjoint, le général Paul Mbida.")
    assert events(doc) == {("Paul Mbida", "Cheikh Fall")}


def test_a_meeting_noun_as_subject_makes_its_objects_meet_with_companions(analyse):
    doc = analyse("Le mardi 4 mars, un tête-à-tête a réuni M. Jean Kaboré et la ministre de la "
                  "Défense du Togo, Mme Afi Lawson, accompagnée du chef d'état-major, le général "
                  "Kossi Agbo.")
    assert meetings(doc) == {frozenset(("Jean Kaboré", "Afi Lawson")),
                             frozenset(("Jean Kaboré", "Kossi Agbo"))}


def test_a_sub_heading_does_not_take_the_date_of_the_event_before_it(analyse):
    doc = analyse("Lundi 3 mars, le ministre Jean Kaboré s'est entretenu avec M. Paul Diouf.\n\n"
                  "Rencontre Kaboré–Lawson\n\n"
                  "Le mardi 4 mars, un tête-à-tête a réuni M. Kaboré et Mme Afi Lawson.")
    met = dates(doc, "MET")
    assert {pair: day for pair, day in met.items() if "Lawson" in pair[1]} == {
        ("Kaboré", "Afi Lawson"): "mardi 4 mars"}


def test_a_counterpart_named_at_the_start_of_the_next_sentence(analyse):
    doc = analyse("Le ministre de la Défense, M. Jean Kaboré, a eu un tête-à-tête avec son "
                  "homologue mauritanien. Ce dernier, M. Sidi Ould Ahmed, a plaidé pour une "
                  "coopération plus étroite.")
    assert meetings(doc) == {frozenset(("Jean Kaboré", "Sidi Ould Ahmed"))}


def test_the_dated_body_wins_over_the_undated_headline_of_one_meeting(analyse):
    doc = analyse("Le chef d'état-major s'entretient avec le ministre jordanien\n\n"
                  "Amman, 19 septembre 2024 – Le chef d'état-major, le général Hamid Kazem, "
                  "s'est entretenu hier avec le ministre de la Défense jordanien, M. Nasser Odeh.")
    met = [r for r in doc._.relations if r["relation"] == "MET"]
    assert [(r["date"]["text"], r["date_shift"]) for r in met] == [("hier", 0)]


def test_a_name_written_with_a_lowercase_article_after_a_rank(analyse):
    doc = analyse("Le général d'armée al-Khafaji avait été reçu la veille par le président.")
    assert ("al-Khafaji", "PERSON") in ents(doc)


def test_conferer_avec_is_a_meeting(analyse):
    doc = analyse("Le ministre de la Défense, M. Ahmed Ould Sidi, a conféré lundi avec le "
                  "ministre des Armées du Tchad, M. Daoud Yaya.")
    assert meetings(doc) == {frozenset(("Ahmed Ould Sidi", "Daoud Yaya"))}


def test_a_bare_office_among_several_holders_is_the_story_s_protagonist(analyse):
    doc = analyse("Le ministre de la Défense, M. Ahmed Ould Sidi, a conféré lundi avec le "
                  "ministre d'État, ministre de la Défense du Togo, M. Kodjo Agbéyomé. Dans la "
                  "matinée, le ministre s'était entretenu avec l'ambassadeur du Japon, M. Kenji "
                  "Sato.")
    assert frozenset(("Ahmed Ould Sidi", "Kenji Sato")) in meetings(doc)
    assert frozenset(("Kodjo Agbéyomé", "Kenji Sato")) not in meetings(doc)


def test_the_name_right_before_a_passive_verb_is_its_subject(analyse):
    doc = analyse("Arrivé la veille à la tête d'une délégation du Ministère de la Défense du "
                  "Cambodge, le général Sok Vanna avait été accueilli à l'aéroport par le "
                  "directeur des relations extérieures, le général Le Van Hoa.")
    assert events(doc) == {("Le Van Hoa", "Sok Vanna")}


def test_a_companion_in_a_relative_clause_meets_the_other_party(analyse):
    doc = analyse("Le ministre de la Défense, le général Tran Quang Vinh, a eu des discussions "
                  "avec le général Somsak Inthavong, qui était accompagné de l'attaché de défense "
                  "du Laos, le colonel Vongsa Keomany.")
    assert meetings(doc) == {frozenset(("Tran Quang Vinh", "Somsak Inthavong")),
                             frozenset(("Tran Quang Vinh", "Vongsa Keomany"))}


def test_a_fronted_led_by_names_the_delegation_s_leader_and_the_members_after(analyse):
    doc = analyse("Le commandant de la Gendarmerie, le général Koffi Yao, a reçu ce jeudi la "
                  "visite d'une délégation de la Garde civile espagnole. Conduite par le général "
                  "Pedro Ruiz, cette délégation séjourne du 1er au 5 avril à Abidjan.\n\n"
                  "Le général Ruiz était accompagné du colonel Luis Gómez. La délégation "
                  "comprenait également le commandant Jorge Vidal.")
    assert events(doc) == {("Koffi Yao", "Pedro Ruiz"), ("Koffi Yao", "Luis Gómez"),
                           ("Koffi Yao", "Jorge Vidal")}
    assert {r["date"]["text"] for r in doc._.relations if r["relation"] == "RECEIVED"} == {
        "jeudi"}


def test_an_acronym_never_spelt_out_stands_for_the_office_with_those_initials(analyse):
    doc = analyse("Le Chef d'état-major général des armées, le général Famara Diallo, séjourne à "
                  "Dakar. Mardi, le CEMGA a eu une séance de travail avec son homologue "
                  "sénégalais, le général Mbaye Cissé.")
    assert meetings(doc) == {frozenset(("Famara Diallo", "Mbaye Cissé"))}


def test_a_look_back_does_not_move_the_story_s_day(analyse):
    doc = analyse("Hanoï, 20 août 2025 – Le vice-ministre, le général Trinh Van Khoa, s'est "
                  "entretenu mercredi avec le général Somsak Inthavong. Arrivé la veille, le "
                  "général Somsak Inthavong avait été accueilli à l'aéroport par le général Le Van "
                  "Hoa. Dans l'après-midi, le ministre, le général Phan Duc Minh, a reçu le "
                  "général Somsak Inthavong.")
    received = {r["head"]["text"]: (r["date"]["text"], r["date_shift"])
                for r in doc._.relations if r["relation"] == "RECEIVED"}
    assert received == {"Le Van Hoa": ("mercredi", -1), "Phan Duc Minh": ("mercredi", 0)}


def test_attendees_of_audiences_named_in_the_plural_far_after_the_list(analyse):
    doc = analyse("Le ministre, M. Jean Essomba, a reçu en audience ce jeudi :\n\n"
                  "- l'ambassadeur du Japon, M. Kenji Sato ;\n\n"
                  "- le colonel Rajesh Menon, attaché de défense de l'Inde.\n\n"
                  "L'entretien avec le diplomate a porté sur la formation.\n\n"
                  "Les audiences se sont déroulées en présence du secrétaire général, M. Paul "
                  "Owona.")
    assert events(doc, "ATTENDED") == {("Paul Owona", "Jean Essomba")}


def test_il_after_a_courtesy_visit_is_the_visitor(analyse):
    doc = analyse("Mercredi, le ministre Hassane Ag Alhamdou a rendu une visite de courtoisie au "
                  "chef d'état-major, le général Ousmane Tidjani. Il y était accompagné du "
                  "colonel Ibrahim Djibrilla.")
    assert events(doc) == {("Ousmane Tidjani", "Hassane Ag Alhamdou"),
                           ("Ousmane Tidjani", "Ibrahim Djibrilla")}


def test_ig_before_a_name_is_a_police_rank(analyse):
    doc = analyse("Dans l'après-midi, l'IG Mérisier a eu une séance de travail avec la ministre "
                  "de la Justice, Me Guerline Pierre-Louis.")
    assert ("IG", "RANK") in ents(doc)
    assert meetings(doc) == {frozenset(("Mérisier", "Guerline Pierre-Louis"))}


def test_the_organisation_a_received_person_came_for_is_no_second_guest(analyse):
    doc = analyse("Kara : le préfet de la Kozah reçoit une mission du HCR\n\n"
                  "KARA, 6 mai (ATOP) – Le préfet de la Kozah, M. Komlan Adjé, a reçu ce mardi "
                  "une mission du Haut-Commissariat des Nations unies pour les réfugiés (HCR) "
                  "conduite par le chef du bureau de Kara, M. Stefan Berg.")
    assert events(doc) == {("Komlan Adjé", "Stefan Berg")}


def test_a_bare_office_with_a_body_is_not_the_protagonist(analyse):
    doc = analyse("Le ministre de la Défense, M. Jean Valcourt, avait accordé une audience au "
                  "commandant de la FRG. L'officier guatémaltèque, le général Édgar Castaño, a "
                  "présenté le concept d'opérations. Ont pris part à la rencontre le commandant "
                  "en chef des Forces armées, le général Wilner Altidor.")
    assert events(doc) == {("Jean Valcourt", "Édgar Castaño")}
