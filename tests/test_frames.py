"""Event frames across sentences, on invented texts: one test per construction of
`../shared/spec/REAL_TEXT.md` (references, light verbs, lists, delegations, negatives)."""

import pytest

from tests.conftest import events, meetings, relations

pytestmark = pytest.mark.slow


def test_guest_named_in_the_next_sentence_through_an_anaphoric_noun(analyse):
    doc = analyse("Le ministre de la Défense, M. Paul Atangana, a reçu en audience, dans son "
                  "bureau le 3 mai, l'ambassadeur de Suède. Le diplomate, M. Erik Lund, était "
                  "accompagné de son épouse.")
    assert events(doc) == {("Paul Atangana", "Erik Lund")}
    [reception] = [r for r in doc._.relations if r["relation"] == "RECEIVED"]
    assert len(reception["sentences"]) == 2
    assert reception["date"]["text"] == "3 mai"


def test_a_title_stands_for_its_holder_named_elsewhere(analyse):
    doc = analyse("Le directeur général de l'Agence a reçu ce matin le général Omar Diallo.\n\n"
                  "Le directeur général, M. Amadou Sy, a présenté les missions de l'Agence.")
    assert events(doc) == {("Amadou Sy", "Omar Diallo")}


def test_a_title_held_by_two_people_resolves_to_nobody(analyse):
    doc = analyse("Le conseiller spécial, M. Jean Abega, et le conseiller spécial, M. Luc "
                  "Ndong, étaient présents.\n\nLe conseiller spécial a reçu le général Omar "
                  "Diallo.")
    assert events(doc) == set()


def test_plural_title_stands_for_every_holder(analyse):
    doc = analyse("Le ministre de la Défense du Mali, le général Sadio Camara, et le ministre "
                  "de la Défense du Niger, le général Salifou Mody, sont arrivés à Lomé.\n\n"
                  "En marge de la réunion, le Président Faure Gnassingbé a reçu les ministres "
                  "de la Défense des deux pays.")
    assert events(doc) == {("Faure Gnassingbé", "Sadio Camara"),
                           ("Faure Gnassingbé", "Salifou Mody")}


def test_chef_de_l_etat_is_the_president_named_elsewhere(analyse):
    doc = analyse("Le Président de la République, M. Paul Kagamé, a ouvert la session.\n\n"
                  "L'ambassadeur de Suède, M. Erik Lund, a présenté ses lettres de créance au "
                  "chef de l'État.")
    assert events(doc) == {("Paul Kagamé", "Erik Lund")}


def test_subject_pronoun_is_the_previous_subject(analyse):
    doc = analyse("Le chef d'état-major, le général Moussa Diallo, a présidé la cérémonie. Il a "
                  "ensuite reçu son homologue malien, le général Oumar Keita.")
    assert events(doc) == {("Moussa Diallo", "Oumar Keita")}


def test_delegation_led_by_a_named_head_gives_the_head(analyse):
    doc = analyse("Le ministre des Armées, M. Karim Benali, a reçu la visite d'une délégation "
                  "de l'Union africaine conduite par son commissaire, M. Jean Obiang.")
    assert events(doc) == {("Karim Benali", "Jean Obiang")}


@pytest.mark.parametrize("sentence, host, guest", [
    ("Le Premier ministre, M. Joseph Ngute, a accordé une audience à l'ambassadeur du Japon, "
     "M. Takeshi Osuga.", "Joseph Ngute", "Takeshi Osuga"),
    ("Le Président Macky Sall a reçu les lettres de créance de M. Hans Becker, ambassadeur "
     "d'Allemagne.", "Macky Sall", "Hans Becker"),
    ("M. Hans Becker a présenté ses lettres de créance au Président Macky Sall.",
     "Macky Sall", "Hans Becker"),
    ("Audience accordée par le Premier ministre Amadou Ba au représentant de l'UNICEF, "
     "M. Silvio Danailov.", "Amadou Ba", "Silvio Danailov"),
    ("Le général Ali Kone a été accueilli par le colonel Moussa Traoré à l'aéroport.",
     "Moussa Traoré", "Ali Kone"),
    ("Le colonel Jan Novak a effectué une visite de courtoisie auprès du général Ali Kone.",
     "Ali Kone", "Jan Novak"),
])
def test_light_verbs_and_nouns_give_host_and_guest(analyse, sentence, host, guest):
    assert events(analyse(sentence)) == {(host, guest)}


def test_guests_on_list_lines(analyse):
    doc = analyse("Le ministre des Affaires étrangères, M. Karim Benali, a reçu en audience, "
                  "mardi 14 janvier 2025, les personnalités suivantes :\n\n"
                  "- l'Ambassadeur du Brésil, M. Paulo Mendes, accompagné de son attaché de "
                  "défense, le colonel Rui Costa ;\n\n"
                  "- la Représentante du PNUD, Mme Ana Lopez.\n\n"
                  "Le ministre a ensuite présidé le conseil de cabinet avec M. Yves Tano.")
    assert events(doc) == {("Karim Benali", "Paulo Mendes"), ("Karim Benali", "Rui Costa"),
                           ("Karim Benali", "Ana Lopez")}


def test_meetings_with_pronoun_subject_and_ainsi_que(analyse):
    doc = analyse("Le général Salif Traoré s'est entretenu avec le colonel Abdoulaye Maïga. Il "
                  "a ensuite échangé avec le ministre Choguel Kokalla ainsi qu'avec le ministre "
                  "Abdoulaye Diop.")
    assert events(doc, "MET") == {("Salif Traoré", "Abdoulaye Maïga"),
                                  ("Salif Traoré", "Choguel Kokalla"),
                                  ("Salif Traoré", "Abdoulaye Diop")}


@pytest.mark.parametrize("text", [
    "Le ministre, M. Yves Tano, a reçu un don de matériel médical de l'ambassade de Chine.",
    "Le général Ali Kone a reçu une délégation de parlementaires.",
    "Le directeur de cabinet a reçu le représentant de l'OMS.",
    "Photo : le ministre Yves Tano recevant le général Ali Kone.",
])
def test_no_reception_without_a_named_guest_or_from_a_caption(analyse, text):
    doc = analyse(text)
    assert events(doc) == set()
    if text.startswith("Photo"):
        assert doc._.relations == []


def test_companion_of_a_guest_in_the_next_sentence_is_a_guest(analyse):
    doc = analyse("Le général Ali Kone a reçu mardi l'amiral Pedro Alves. L'amiral Alves était "
                  "accompagné de son aide de camp, le capitaine Rui Santos.")
    assert events(doc) == {("Ali Kone", "Pedro Alves"), ("Ali Kone", "Rui Santos")}


def test_members_named_in_the_delegation_clause_are_guests(analyse):
    doc = analyse("La délégation, qui comprenait le colonel Jan Novak, le commandant Eva Dvorak "
                  "et le capitaine Petr Cerny, a été reçue par le général Ali Kone.")
    assert events(doc) == {("Ali Kone", "Jan Novak"), ("Ali Kone", "Eva Dvorak"),
                           ("Ali Kone", "Petr Cerny")}


def test_news_agency_tag_of_the_dateline_is_never_a_host(analyse):
    doc = analyse("BAMAKO, 3 mars 2025 (AMAP) – Le chef d'état-major des armées, le général "
                  "Omar Diarra, a reçu le colonel Jan Novak.")
    assert events(doc) == {("Omar Diarra", "Jan Novak")}


def test_two_offices_joined_by_a_bare_et_belong_to_the_person_named_after(analyse):
    doc = analyse("Le secrétaire général adjoint et chef du département politique, "
                  "l'ambassadeur Karim Haddad, a ouvert la session.\n\nLundi, le chef du "
                  "département politique avait reçu le général Omar Diarra.")
    assert events(doc) == {("Karim Haddad", "Omar Diarra")}


def test_a_stated_number_caps_a_plural_office(analyse):
    doc = analyse("Le ministre Yves Tano reçoit deux ambassadeurs\n\n"
                  "L'ambassadeur du Chili, M. Luis Rojas, et l'ambassadeur du Pérou, M. Ana "
                  "Quispe, ont été reçus ce lundi.\n\n"
                  "Le mois dernier, l'ambassadeur du Brésil, M. Paulo Mendes, avait quitté le "
                  "pays.")
    assert events(doc) == {("Yves Tano", "Luis Rojas"), ("Yves Tano", "Ana Quispe")}


def test_numbered_list_lines_split_from_their_number_are_still_guests(analyse):
    doc = analyse("Le ministre, M. Yves Tano, a reçu les copies des lettres de créance des "
                  "ambassadeurs suivants :\n\n1. M. Luis Rojas, ambassadeur du Chili ;\n\n"
                  "2. M. Paulo Mendes, ambassadeur du Brésil.")
    assert events(doc) == {("Yves Tano", "Luis Rojas"), ("Yves Tano", "Paulo Mendes")}


def test_meeting_between_two_organisations_counts_only_when_nobody_is_named(analyse):
    assert events(analyse("Une réunion entre la CEDEAO et l'Union africaine s'est tenue à "
                          "Abuja."), "MET") == {("CEDEAO", "Union africaine")}
    doc = analyse("Le général Ali Kone a reçu le colonel Jan Novak.\n\nUne réunion entre la "
                  "CEDEAO et l'Union africaine s'est tenue à Abuja.")
    assert events(doc, "MET") == set()


def test_attendees_named_in_a_later_sentence_attend_the_host(analyse):
    doc = analyse("Le ministre, M. Yves Tano, a reçu le colonel Jan Novak.\n\n"
                  "Les deux hommes ont évoqué la formation.\n\n"
                  "Ont pris part à l'audience le chef d'état-major, le général Ali Kone, et le "
                  "directeur de cabinet, M. Paul Mba.")
    assert events(doc, "ATTENDED") == {("Ali Kone", "Yves Tano"), ("Paul Mba", "Yves Tano")}


def test_aux_cotes_de_after_a_reception_is_attendance_not_a_guest(analyse):
    doc = analyse("Le ministre, M. Yves Tano, a reçu ce jeudi le colonel Jan Novak, aux côtés "
                  "du chef d'état-major, le général Ali Kone.")
    assert events(doc) == {("Yves Tano", "Jan Novak")}
    assert events(doc, "ATTENDED") == {("Ali Kone", "Yves Tano")}


def test_guest_office_introduced_by_the_next_sentence(analyse):
    doc = analyse("Le ministre de la Défense, le général Omar Diarra, a reçu le chef "
                  "d'état-major de l'armée tchèque. Le général Jan Novak, qui effectue une visite "
                  "de trois jours, a présenté les priorités de son armée.")
    assert events(doc) == {("Omar Diarra", "Jan Novak")}


def test_delegation_leader_in_the_next_sentence_completes_the_reception(analyse):
    doc = analyse("L'Union africaine a accueilli mardi une délégation tchèque.\n\n"
                  "La délégation était conduite par le général Jan Novak, accompagné du colonel "
                  "Petr Cerny.")
    assert events(doc) == {("Union africaine", "Jan Novak"), ("Union africaine", "Petr Cerny")}


def test_members_of_the_delegation_listed_after_the_reception(analyse):
    doc = analyse("Le général Ali Kone a reçu lundi le colonel Jan Novak.\n\n"
                  "La délégation tchèque comprenait également le commandant Eva Dvorak.")
    assert events(doc) == {("Ali Kone", "Jan Novak"), ("Ali Kone", "Eva Dvorak")}


def test_son_homologue_with_a_demonym_is_the_named_person_of_that_country(analyse):
    doc = analyse("Le ministre malien de la Défense, le général Sadio Camara, et le chef "
                  "d'état-major de l'armée malienne, le général Omar Diarra, sont arrivés.\n\n"
                  "Le ministre de la Défense, M. Yves Tano, s'est entretenu avec son homologue "
                  "malien.")
    assert meetings(doc) == {frozenset({"Yves Tano", "Sadio Camara"})}


def test_entre_takes_the_parties_up_to_the_verb(analyse):
    doc = analyse("Un entretien entre le ministre Yves Tano et le général Ali Kone a permis "
                  "d'évoquer le centre de Paul Mba.")
    assert meetings(doc) == {frozenset({"Yves Tano", "Ali Kone"})}


def test_the_delegation_received_is_its_leader_and_its_named_members(analyse):
    doc = analyse("Une délégation tchèque, conduite par le général Jan Novak, a effectué une "
                  "visite au siège de l'Union africaine.\n\n"
                  "La délégation, qui comprenait également le colonel Petr Cerny, a été reçue "
                  "par le commissaire Jean Obiang.")
    assert events(doc) == {("Jean Obiang", "Jan Novak"), ("Jean Obiang", "Petr Cerny")}


def test_participial_opening_puts_the_main_subject_as_guest(analyse):
    doc = analyse("Reçu en audience mardi par le ministre de la Défense, M. Yves Tano, "
                  "l'ambassadeur de Belgique, M. Jan Peeters, a salué la coopération.")
    assert events(doc) == {("Yves Tano", "Jan Peeters")}


def test_participial_opening_with_a_pronoun_subject(analyse):
    doc = analyse("Le colonel Jan Novak est arrivé lundi.\n\nAccueilli au perron par le "
                  "général Ali Kone, il a présenté sa mission.")
    assert events(doc) == {("Ali Kone", "Jan Novak")}


def test_cleft_subject_qui_is_the_unit_before_it(analyse):
    doc = analyse("Mardi, c'est le colonel Jan Novak qui a rendu une visite de courtoisie au "
                  "général Ali Kone.")
    assert events(doc) == {("Ali Kone", "Jan Novak")}


def test_plural_guests_noun_stands_for_the_previous_guests(analyse):
    doc = analyse("Le président Yves Tano a reçu lundi le député Jan Novak et la députée Eva "
                  "Dvorak.\n\nMardi, les parlementaires tchèques ont été accueillis par le maire, "
                  "M. Paul Mba.")
    assert ("Paul Mba", "Jan Novak") in events(doc)
    assert ("Paul Mba", "Eva Dvorak") in events(doc)


def test_a_country_after_dans_is_where_not_who_received(analyse):
    doc = analyse("L'amiral Jan Novak, qui effectue une visite officielle dans le Sultanat "
                  "d'Oman, a été reçu par le général Ali Kone.")
    assert events(doc) == {("Ali Kone", "Jan Novak")}


def test_companions_of_il_go_to_the_delegation_leader_named_last(analyse):
    doc = analyse("Le général Omar Kane a accordé une audience à une délégation conduite par "
                  "le colonel Yao Brou. Il était accompagné du commandant Ali Touré et du "
                  "capitaine Jean Sess.")
    assert events(doc) == {("Omar Kane", "Yao Brou"), ("Omar Kane", "Ali Touré"),
                           ("Omar Kane", "Jean Sess")}


def test_companions_of_an_office_go_to_its_holder(analyse):
    doc = analyse("Le ministre, M. Paul Ndour, a reçu le chef d'état-major de l'armée malienne, "
                  "le général Moussa Diarra. Le chef d'état-major était accompagné du colonel "
                  "Ali Touré.")
    assert events(doc) == {("Paul Ndour", "Moussa Diarra"), ("Paul Ndour", "Ali Touré")}


def test_a_delegation_joins_every_event_of_the_sentence_before_on_the_visitors_side(analyse):
    doc = analyse("À Bamako, le général Moussa Diarra s'est entretenu avec le général Ali "
                  "Coulibaly et a été reçu par la ministre, Mme Awa Keita. La délégation "
                  "comprenait également le colonel Yao Brou.")
    assert events(doc) == {("Awa Keita", "Moussa Diarra"), ("Awa Keita", "Yao Brou")}
    assert meetings(doc) == {frozenset({"Moussa Diarra", "Ali Coulibaly"}),
                             frozenset({"Ali Coulibaly", "Yao Brou"})}


def test_a_dateline_place_is_not_the_subject_of_a_passive_reception(analyse):
    doc = analyse("ALGER, 5 mars 2025 (APS) – Au cours de sa visite en Algérie, le général Nasser "
                  "Al-Hajri a été reçu par le ministre, le général Saïd Kaci.")
    assert events(doc) == {("Saïd Kaci", "Nasser Al-Hajri")}


def test_people_nouns_before_named_appositions_are_received(analyse):
    doc = analyse("L'amiral Emil Petrov a reçu les médaillés des championnats militaires, le "
                  "sergent-chef Ivan Dimov et le caporal Maria Ruseva.")
    assert events(doc) == {("Emil Petrov", "Ivan Dimov"), ("Emil Petrov", "Maria Ruseva")}


def test_en_visite_is_the_guests_errand_not_a_light_verb(analyse):
    doc = analyse("Le chef de la Défense, l'amiral Emil Petrov, a reçu mardi le général Ion "
                  "Popa, en visite de travail en Bulgarie.")
    assert events(doc) == {("Emil Petrov", "Ion Popa")}


def test_people_listed_after_a_plural_office_hold_it_and_receive_as_a_group(analyse):
    doc = analyse("À Riga se sont réunis mercredi les chefs de la défense des deux pays : le "
                  "général Ivars Ozols pour la Lettonie et le général Priit Tamm pour "
                  "l'Estonie.\n\n"
                  "Le général Giorgi Beridze a été reçu dans l'après-midi par les chefs de la "
                  "défense des deux pays.")
    assert {("Ivars Ozols", "chefs de la défense"), ("Priit Tamm", "chefs de la défense")} <= {
        (h, t) for _, h, t in relations(doc, "HAS_TITLE")}
    assert events(doc) == {("Ivars Ozols", "Giorgi Beridze"), ("Priit Tamm", "Giorgi Beridze")}


def test_a_country_never_meets(analyse):
    doc = analyse("Les chefs militaires réunis à Vilnius, la Géorgie invitée\n\nLe général Giorgi "
                  "Beridze s'est entretenu avec la Géorgie.")
    assert meetings(doc) == set()


def test_companions_of_an_organisations_frame_go_to_the_person_who_received_their_leader(
    analyse,
):
    doc = analyse("Une délégation conduite par le colonel Ruslan Abdyrov a effectué une visite à "
                  "Oulan-Bator, à l'invitation de l'État-major général des forces armées de "
                  "Mongolie. La délégation comprenait également le lieutenant-colonel Aïbek "
                  "Sarybaev.\n\n"
                  "Le mardi 21 mai, les officiers kirghizes ont été reçus par le chef d'état-major "
                  "général, le général-major Dorj Ganbold.")
    assert events(doc) == {("Dorj Ganbold", "Ruslan Abdyrov"), ("Dorj Ganbold", "Aïbek Sarybaev")}


def test_three_people_who_met_each_other_give_every_pair(analyse):
    doc = analyse("Le général Ivars Ozols, le général Priit Tamm et le général Jonas Petraitis "
                  "se sont réunis mardi à Riga.")
    assert meetings(doc) == {frozenset({"Ivars Ozols", "Priit Tamm"}),
                             frozenset({"Ivars Ozols", "Jonas Petraitis"}),
                             frozenset({"Priit Tamm", "Jonas Petraitis"})}
