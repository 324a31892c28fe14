"""Event constructions met in the blind dev batch r_257-r_268, on invented texts: `où il a
été accueilli`, a guest written `un hôte de marque` and named in the next sentence, members of
a delegation its leader `conduisait`, a cleft `C'est au général X qu'est revenu l'honneur de
recevoir`, a rank alone as the subject, a host office named in the next sentence, plural
pronouns, a delegation `conduite par X et par Y` named after the reception, and dates told
in the pluperfect."""

import pytest

from tests.conftest import ents, events, meetings, relations

pytestmark = pytest.mark.slow


def records_by(doc, kind: str, end: str) -> dict:
    """The relation records of one kind by the text of their `head` or `tail`."""
    return {r[end]["text"]: r for r in doc._.relations if r["relation"] == kind}


def test_il_after_ou_is_the_subject_of_the_passive_reception(analyse):
    doc = analyse("Le lundi 3 mars, le général Oumar Sangaré s'est rendu à Kati, où il a été "
                  "accueilli par le commandant de l'école, le colonel Issa Diarra.")
    assert events(doc) == {("Issa Diarra", "Oumar Sangaré")}


def test_a_guest_written_as_a_noun_is_named_in_the_next_sentence(analyse):
    doc = analyse("Le ministre de la Défense, M. Paul Mba Obiang, a accordé une audience ce "
                  "mardi à un hôte de marque venu de Malabo. L'hôte du jour, le chef "
                  "d'état-major de la Guinée équatoriale, le général Teodoro Nsue Mba, effectue "
                  "une visite de travail de trois jours.")
    assert events(doc) == {("Paul Mba Obiang", "Teodoro Nsue Mba")}


def test_the_members_of_a_delegation_its_leader_conducted_are_guests(analyse):
    doc = analyse("Le chef d'état-major, le général Idriss Mahamat Ali, a été reçu lundi par le "
                  "ministre Pierre Ondo Nzé. Le général conduisait une délégation de trois "
                  "officiers, au nombre desquels le colonel Abakar Saleh Youssouf et le "
                  "commandant Hassan Djibrine Bichara.")
    assert events(doc) == {
        ("Pierre Ondo Nzé", "Idriss Mahamat Ali"),
        ("Pierre Ondo Nzé", "Abakar Saleh Youssouf"),
        ("Pierre Ondo Nzé", "Hassan Djibrine Bichara"),
    }


def test_the_focus_of_a_cleft_is_the_host(analyse):
    doc = analyse("C'est au chef d'état-major des armées, le général Blaise Mbarga Nguele, "
                  "qu'est revenu l'honneur de recevoir le chef d'état-major de l'armée "
                  "centrafricaine, le général Zéphirin Mamadou Gbaya.")
    assert events(doc) == {("Blaise Mbarga Nguele", "Zéphirin Mamadou Gbaya")}


def test_the_guest_of_a_city_is_the_guest_of_the_last_reception(analyse):
    doc = analyse("Le ministre Karim Benslimane a reçu mardi le général Tomás Ibáñez Ruiz. "
                  "Mercredi, l'hôte de Rabat a été accueilli à Kénitra par le commandant de la "
                  "base, le colonel Youssef Amrani.")
    assert ("Youssef Amrani", "Tomás Ibáñez Ruiz") in events(doc)
    assert not any(guest == "Karim Benslimane" for _, guest in events(doc))


def test_compound_initials_do_not_end_the_sentence(analyse):
    doc = analyse("La séance s'est tenue en présence du ministre délégué, J.-P. Mvogo Atangana, "
                  "qui a ouvert les travaux.")
    assert len(list(doc.sents)) == 1
    assert ("J.-P. Mvogo Atangana", "PERSON") in ents(doc)


def test_a_one_word_place_after_an_institution_is_a_place(analyse):
    doc = analyse("Le général a visité l'École supérieure navale de Tazerbouht.")
    assert not ents(doc, "PERSON")
    assert any("Tazerbouht" in text and label in ("ORG", "LOC") for text, label in ents(doc))


def test_an_institution_whose_head_receives_the_visitor_is_no_host(analyse):
    doc = analyse("Jeudi, l'amiral Paolo Vettori a honoré de sa visite l'École supérieure "
                  "navale de Tazerbouht, où il a été accueilli par son commandant, le général "
                  "Nabil Ould Messaoud.")
    assert events(doc) == {("Nabil Ould Messaoud", "Paolo Vettori")}


def test_a_host_written_as_an_office_is_named_in_the_next_sentence(analyse):
    doc = analyse("Le chef d'état-major de la Marine grecque, l'amiral Nikos Andreou, a été reçu "
                  "mercredi par le chef d'état-major des Forces armées. Le général Samir "
                  "Haddadi a tenu avec son hôte une séance de travail.")
    assert ("Samir Haddadi", "Nikos Andreou") in events(doc)


def test_a_rank_alone_stands_for_the_person_named_first_with_it(analyse):
    doc = analyse("Le chef de la Marine, l'amiral Pierre Lagarde, s'est entretenu avec l'amiral "
                  "Sunil Varma. Le même jour, l'amiral a eu des discussions avec le secrétaire "
                  "à la Défense, M. Rakesh Gupta.")
    assert frozenset(("Pierre Lagarde", "Rakesh Gupta")) in meetings(doc)
    assert frozenset(("Sunil Varma", "Rakesh Gupta")) not in meetings(doc)


def test_a_plural_office_named_after_il_s_agit_de_is_those_persons(analyse):
    doc = analyse("Le maréchal Hamad Al-Fahim a reçu le 3 mai l'amiral Paul Grant. Le maréchal a "
                  "ensuite reçu les commandants des deux forces navales. Il s'agit du commandant "
                  "de la force européenne, le contre-amiral Luca Ferraro, et du commandant de la "
                  "force combinée, le vice-amiral John Keller.")
    received = events(doc)
    assert ("Hamad Al-Fahim", "Luca Ferraro") in received
    assert ("Hamad Al-Fahim", "John Keller") in received
    assert ("Hamad Al-Fahim", "Hamad Al-Fahim") not in received


def test_a_mission_conducted_by_two_named_persons_gives_two_guests(analyse):
    doc = analyse("Le ministre de la Défense, Carlos Mejía Rojas, a reçu mardi la visite d'une "
                  "délégation de l'Union africaine. La mission, conduite conjointement par "
                  "l'ambassadrice Amina Diallo et par l'ambassadeur Peter Mwangi, compte douze "
                  "diplomates. Les visiteurs étaient accompagnés du représentant spécial, M. "
                  "Jonas Berg.")
    assert events(doc) == {
        ("Carlos Mejía Rojas", "Amina Diallo"),
        ("Carlos Mejía Rojas", "Peter Mwangi"),
        ("Carlos Mejía Rojas", "Jonas Berg"),
    }


def test_ils_are_the_guests_of_the_event_told_just_before_and_keep_its_day(analyse):
    doc = analyse("Bogota, le 16 octobre 2025 – Mercredi, le ministre Luis Pardo a reçu "
                  "l'ambassadrice Ana Ruiz et l'ambassadeur Omar Kane. Jeudi, les deux "
                  "ambassadeurs ont honoré de leur visite Popayán. Ils y ont été accueillis par "
                  "le gouverneur, M. Julio Vélez.")
    received = {(r["head"]["text"], r["tail"]["text"]): r["date"] for r in doc._.relations
                if r["relation"] == "RECEIVED"}
    assert received.get(("Julio Vélez", "Ana Ruiz")) is not None
    assert ("Julio Vélez", "Omar Kane") in received
    assert received[("Julio Vélez", "Ana Ruiz")]["text"] == "Jeudi"


def test_a_place_after_a_mutual_meeting_is_not_a_party(analyse):
    doc = analyse("Le ministre Jean Weber et le ministre Tomasz Nowak se sont entretenus jeudi "
                  "à Luxembourg.")
    assert meetings(doc) == {frozenset(("Jean Weber", "Tomasz Nowak"))}
    assert not any("Luxembourg" in pair for pair in meetings(doc))


def test_la_veille_in_the_pluperfect_counts_from_the_lead_event(analyse):
    doc = analyse("N'Djamena, 14 mai 2025 – Le général Adoum Hassan a été reçu le 13 mai par le "
                  "ministre Paul Atangana. Le 14 mai, il a visité l'École de guerre. Avant de "
                  "partir, le général avait eu la veille un entretien avec l'ambassadeur, M. "
                  "Joseph Ndongo.")
    dated = records_by(doc, "MET", "tail")
    assert "Joseph Ndongo" in dated
    assert dated["Joseph Ndongo"]["date"]["text"] == "13 mai"
    assert dated["Joseph Ndongo"].get("date_shift") == -1
    assert relations(doc, "RECEIVED")


def test_a_street_named_after_a_person_is_a_place_not_a_host(analyse):
    doc = analyse("Trois ambassadeurs ont présenté hier leurs lettres de créance au président de "
                  "la Commission, M. Kofi Mensah, au siège de l'institution, Nnamdi Azikiwe "
                  "Crescent, à Abuja. Le colonel Kevin Lane et M. Tom Street assistaient.")
    assert ("Nnamdi Azikiwe Crescent", "LOC") in ents(doc)
    assert ("Kevin Lane", "PERSON") in ents(doc)
    assert ("Tom Street", "PERSON") in ents(doc)
    assert not any("Azikiwe" in host for host, _ in events(doc))


def test_an_office_acronym_in_brackets_stands_for_its_holder(analyse):
    doc = analyse("Un tête-à-tête a réuni le ministre Jean Weber et le commandant suprême "
                  "adjoint des forces alliées en Europe (DSACEUR), le général Sir Alan Pryce. "
                  "Le DSACEUR a également échangé avec le directeur de la Défense, M. Marc "
                  "Reuter.")
    assert frozenset(("Alan Pryce", "Marc Reuter")) in meetings(doc)
    assert not any("DSACEUR" in pair for pair in meetings(doc))


def test_the_companion_of_one_of_two_parties_meets_only_the_other(analyse):
    doc = analyse("Le ministre Jean Weber et le ministre polonais de la Défense, Tomasz Nowak, "
                  "se sont entretenus jeudi. Le ministre polonais était accompagné de "
                  "l'ambassadrice de Pologne, Mme Anna Zielińska.")
    assert meetings(doc) == {frozenset(("Jean Weber", "Tomasz Nowak")),
                             frozenset(("Jean Weber", "Anna Zielińska"))}


def test_il_in_a_relative_clause_is_the_main_clause_s_subject(analyse):
    doc = analyse("Un tête-à-tête a réuni lundi le ministre Jean Weber et le général Alan Pryce. "
                  "L'après-midi, l'officier britannique a visité la caserne de Diekirch, où il "
                  "a été accueilli par le chef d'état-major, le général Marc Thill.")
    assert ("Marc Thill", "Alan Pryce") in events(doc)
    assert ("Marc Thill", "Jean Weber") not in events(doc)


def test_le_lendemain_after_a_look_back_counts_from_the_story_s_day(analyse):
    doc = analyse("Le 5 juin 2025, le général Paul Mercier a accueilli à Paris son homologue "
                  "indien, le général Arjun Rao. La veille, le général Rao avait été reçu par "
                  "le ministre Luc Aubert. Le lendemain, le général Rao a été reçu à Toulon par "
                  "l'amiral Yves Le Goff.")
    dated = records_by(doc, "RECEIVED", "head")
    assert dated["Luc Aubert"]["date"]["text"] == "5 juin 2025"
    assert dated["Luc Aubert"]["date_shift"] == -1
    assert dated["Yves Le Goff"]["date"]["text"] == "5 juin 2025"
    assert dated["Yves Le Goff"]["date_shift"] == 1


def test_a_span_of_days_dates_the_event_from_its_first_day(analyse):
    doc = analyse("Au cours de sa visite, du lundi 10 au mercredi 12 février, le général Omar "
                  "Haddad a été reçu par le ministre Paul Girard.")
    dated = records_by(doc, "RECEIVED", "head")
    assert dated["Paul Girard"]["date"]["text"] == "lundi"  # its number is read with it
    assert dated["Paul Girard"]["date_until"]["text"] == "mercredi 12 février"


def test_le_lendemain_counts_from_the_last_day_the_story_names(analyse):
    doc = analyse("Le lundi 10 février, le général Omar Haddad a été reçu par le ministre Paul "
                  "Girard. Mardi, Mme Anne Roy a présenté à son visiteur les priorités de la "
                  "France. Le lendemain, le général Haddad a été accueilli à Brest par l'amiral "
                  "Luc Morvan.")
    dated = records_by(doc, "RECEIVED", "head")
    assert dated["Luc Morvan"]["date"]["text"] == "Mardi"
    assert dated["Luc Morvan"]["date_shift"] == 1


def test_the_story_s_date_is_not_looked_for_in_a_site_name_above_it(analyse):
    doc = analyse("Armée luxembourgeoise – Lëtzebuerger Arméi\n\n"
                  "Le chef de la Défense, le général Paul Weber, a participé ce jeudi 13 mars à "
                  "la réunion des chefs de la Défense, à Evere. Il y a retrouvé ses homologues, "
                  "l'amiral Koen Peeters et le général Onno Smit.")
    dated = records_by(doc, "MET", "tail")
    assert dated["Koen Peeters"]["date"]["text"] == "jeudi 13 mars"


# constructions of the blind dev batch r_281-r_292


def test_a_guest_noun_in_the_object_is_the_person_the_next_sentence_names(analyse):
    doc = analyse("Le ministre de la Défense, M. Paul Houngbo, a reçu en audience le mardi 18 "
                  "mars un hôte venu d'Accra. Il s'agit du chef d'état-major de l'armée "
                  "ghanéenne, le général Kwame Mensah, arrivé la veille.")
    assert events(doc) == {("Paul Houngbo", "Kwame Mensah")}


def test_a_counterpart_agent_is_the_person_of_that_country(analyse):
    doc = analyse("Le ministre Paul Houngbo a reçu mardi le chef d'état-major des Forces armées "
                  "ghanéennes, le général Kwame Mensah, en présence du chef d'état-major général "
                  "des Forces armées béninoises, le général Luc Dossou. Mercredi, le général "
                  "Mensah s'est rendu au camp Guézo, où il a été accueilli par son homologue "
                  "béninois.")
    assert ("Luc Dossou", "Mensah") in events(doc)  # the guest's mention nearest the trigger


def test_the_boss_of_an_army_is_the_chief_of_staff_the_story_opened_with(analyse):
    doc = analyse("Le chef d'état-major des Forces armées togolaises, le général Komla Adjo, a "
                  "regagné Lomé jeudi. À Cotonou, le patron de l'armée togolaise a été reçu en "
                  "audience mardi par le ministre Paul Houngbo.")
    assert events(doc) == {("Paul Houngbo", "Komla Adjo")}


def test_two_chiefs_of_staff_are_the_two_closest_offices_not_a_division_chief(analyse):
    doc = analyse("Le chef d'état-major général des armées togolaises, le général Komla Adjo, a "
                  "été reçu mardi par le ministre Paul Houngbo. Il était accompagné du colonel "
                  "Yao Amegbo, chef de la division des relations extérieures de l'état-major "
                  "général. Mercredi, les deux chefs d'état-major se sont retrouvés au camp "
                  "Guézo. Côté béninois, le chef d'état-major général des armées béninoises, le "
                  "général Luc Dossou, a plaidé pour une réponse commune.")
    assert frozenset(("Komla Adjo", "Luc Dossou")) in meetings(doc)
    assert frozenset(("Yao Amegbo", "Luc Dossou")) not in meetings(doc)


def test_an_anaphoric_noun_right_before_the_verb_is_its_subject(analyse):
    doc = analyse("Le chef d'état-major togolais, le général Komla Adjo, a été reçu mardi par "
                  "le ministre béninois Paul Houngbo. Dans l'après-midi, avant de quitter la "
                  "ville, l'officier général togolais a rendu une visite de courtoisie au "
                  "commandant de la Garde nationale, le général Eugène Tokpa.")
    assert ("Eugène Tokpa", "Komla Adjo") in events(doc)


def test_a_place_after_a_preposition_is_no_dateline(analyse):
    from pipeline.segment import segment

    text = ("Le secrétaire général adjoint, M. Tomasz Nowak, s'est rendu au Qatar.\n\n"
            "À Doha, lundi 2 juin, il a été accueilli par le ministre Fahad Al-Thani.")
    assert segment(text).dateline is None
    assert segment("Doha, lundi 2 juin 2025 – Le ministre a reçu M. Paul Sy.").dateline


def test_a_place_in_a_meeting_noun_s_object_is_not_a_party(analyse):
    doc = analyse("Un tête-à-tête a réuni hier au cabinet du ministre, à Cotonou, le ministre de "
                  "la Défense, Paul Houngbo, et le chef d'état-major togolais, le général Komla "
                  "Adjo.")
    assert meetings(doc) == {frozenset(("Paul Houngbo", "Komla Adjo"))}


def test_a_meeting_noun_after_pour_is_the_verb_s_subject_meeting_its_object(analyse):
    doc = analyse("Le général Souleymane Konaté a reçu jeudi le général Idrissa Sawadogo, en "
                  "présence de l'attaché de défense du Burkina Faso, le colonel Adama Bamogo. À "
                  "l'issue de l'audience, le général Konaté a retenu le colonel Bamogo pour un "
                  "bref tête-à-tête.")
    assert frozenset(("Konaté", "Bamogo")) in meetings(doc)


def test_one_proper_noun_after_an_office_is_its_holder(analyse):
    doc = analyse("La veille, les diplomates avaient remis les copies figurées de leurs lettres de "
                  "créance au ministre Ondongo-Mbouma. Le ministre Délégué a parlé.")
    assert ("Ondongo-Mbouma", "PERSON") in ents(doc)
    assert not any(text == "Délégué" for text, _ in ents(doc, "PERSON"))


def test_a_diplomat_received_is_the_ambassador_the_next_sentence_names(analyse):
    doc = analyse("Le ministre des Affaires étrangères, M. Karim Ben Salah, a reçu lundi le "
                  "diplomate norvégien venu prendre congé. S.E.M. Lars Eriksen, ambassadeur de "
                  "Norvège, a dressé un bilan de sa mission.")
    assert events(doc) == {("Karim Ben Salah", "Lars Eriksen")}


def test_copies_of_credentials_a_few_words_after_the_verb(analyse):
    doc = analyse("Le ministre Karim Ben Salah a reçu la copie figurée des lettres de créance de "
                  "la nouvelle ambassadrice d'Irlande, Mme Siobhan Kelly.")
    assert events(doc) == {("Karim Ben Salah", "Siobhan Kelly")}


def test_the_head_of_diplomacy_is_the_foreign_minister(analyse):
    doc = analyse("Le ministre des Affaires étrangères, M. Karim Ben Salah, a reçu lundi "
                  "l'ambassadeur Paul Weber. Plus tard, le chef de la diplomatie tunisienne a "
                  "accordé une audience à l'ambassadeur Ahmed Fathi, porteur d'un message.")
    assert ("Karim Ben Salah", "Ahmed Fathi") in events(doc)


def test_sayyid_is_an_honorific(analyse):
    doc = analyse("Le ministre a reçu l'ambassadeur d'Oman, Sayyid Hamad bin Saif Al Busaidi.")
    assert ("Hamad bin Saif Al Busaidi", "PERSON") in ents(doc)


def test_the_guest_named_beside_the_host_in_the_next_sentence(analyse):
    doc = analyse("Le vice-ministre de la Défense, le Dr Saud Al-Shahrani, a reçu hier le chef "
                  "d'état-major de l'armée du Bangladesh. Au cours de l'audience, le Dr "
                  "Al-Shahrani et le général Rafiqul Islam ont passé en revue les relations.")
    assert events(doc) == {("Saud Al-Shahrani", "Rafiqul Islam")}


def test_of_two_records_of_one_fact_the_dated_one_is_kept():
    from pipeline.relations import strength

    headline = {"date": None, "confidence": 0.9}
    body = {"date": {"text": "lundi"}, "confidence": 0.65}
    assert strength(body) > strength(headline)
    assert strength({"date": None, "confidence": 0.9}) > strength({"date": None, "confidence": 0.6})


def test_the_guest_of_the_kingdom_and_a_companion_in_a_relative_clause(analyse):
    doc = analyse("Le ministre délégué, Abdelhak Bennani, s'est entretenu mardi avec le chef "
                  "d'état-major portugais, l'amiral António Nogueira. L'officier général "
                  "portugais, qui était accompagné de l'ambassadeur du Portugal, Rui Almeida, a "
                  "fait le point avec son hôte. Ce mercredi, l'hôte du Royaume a été reçu par le "
                  "général Mohammed Berrada.")
    assert frozenset(("Abdelhak Bennani", "Rui Almeida")) in meetings(doc)
    assert ("Mohammed Berrada", "António Nogueira") in events(doc)
    assert not any(guest == "Abdelhak Bennani" for _, guest in events(doc))


def test_an_interim_office_does_not_end_the_sentence(analyse):
    doc = analyse("Mercredi, une rencontre entre le DG a.i. Dorsainvil et l'ambassadeur du "
                  "Mexique, S.E.M. Alejandro Iturbide, a permis de faire le point.")
    assert len(list(doc.sents)) == 1
    assert meetings(doc) == {frozenset(("Dorsainvil", "Alejandro Iturbide"))}


def test_members_a_delegation_comprised_are_not_its_host(analyse):
    doc = analyse("Une délégation conduite par le général Mohd Hafiz a visité le siège de la "
                  "Coalition. La délégation, qui comprenait également le colonel Azman Yusof, a "
                  "été reçue par le Secrétaire général, le général Saeed Al-Moghidi.")
    received = events(doc)
    assert ("Saeed Al-Moghidi", "Azman Yusof") in received
    assert not any(guest == "Saeed Al-Moghidi" for _, guest in received)


def test_a_fronted_companion_is_a_guest_and_the_rank_after_him_the_subject(analyse):
    doc = analyse("L'amiral João Ferreira est arrivé lundi au Maroc. Accompagné de l'ambassadeur "
                  "du Portugal, M. Rui Almeida, l'amiral a été reçu le 14 octobre par le ministre "
                  "Abdelhak Bennani.")
    assert events(doc) == {("Abdelhak Bennani", "João Ferreira"),
                           ("Abdelhak Bennani", "Rui Almeida")}
    assert ("HAS_RANK", "Rui Almeida", "amiral") not in relations(doc)


def test_an_institution_visited_then_its_head_receiving_in_the_next_sentence(analyse):
    doc = analyse("Rabat, le 17 octobre 2025 – Le 16 octobre, l'amiral João Ferreira a visité "
                  "l'École royale navale. Il y a été accueilli par son commandant, le capitaine "
                  "de vaisseau Youssef Amrani.")
    dated = records_by(doc, "RECEIVED", "head")
    assert set(dated) == {"Youssef Amrani"}
    assert dated["Youssef Amrani"]["date"]["text"] == "16 octobre"


def test_a_counterpart_of_a_country_named_after_du_holds_the_same_office(analyse):
    doc = analyse("Ont pris part à l'audience l'attaché de défense du Burkina Faso, le colonel "
                  "Adama Bamogo, et son homologue du Niger, le commandant Issoufou Almoustapha. "
                  "À l'issue de l'audience, le général Souleymane Konaté a retenu les deux "
                  "attachés de défense pour un bref tête-à-tête.")
    assert {frozenset(("Souleymane Konaté", "Adama Bamogo")),
            frozenset(("Souleymane Konaté", "Issoufou Almoustapha"))} <= meetings(doc)


def test_a_town_s_name_inside_a_person_s_name(analyse):
    doc = analyse("Il était accompagné de son adjoint, le colonel-major Ibrah Djibo Bakary.")
    assert ("Ibrah Djibo Bakary", "PERSON") in ents(doc)


def test_guests_written_as_offices_are_not_the_attendee_of_the_same_sentence(analyse):
    doc = analyse("Le général Qassim Al-Fahdawi, chef d'état-major irakien, s'est entretenu avec "
                  "le général Ahmad Khasawneh, chef d'état-major jordanien, et le général Hisham "
                  "Soliman, chef d'état-major égyptien. Le ministre Ali Al-Lami a reçu les deux "
                  "chefs d'état-major invités, en présence du général Al-Fahdawi.")
    received = {guest for host, guest in events(doc) if host == "Ali Al-Lami"}
    assert received == {"Ahmad Khasawneh", "Hisham Soliman"}


def test_an_organisation_a_meeting_is_about_is_not_its_party(analyse):
    doc = analyse("Le général Qassim Al-Fahdawi a tenu lundi une réunion consacrée à la lutte "
                  "contre Daech.")
    assert not meetings(doc)


def test_a_delegation_named_by_its_country_after_a_meeting_meets_the_other_side(analyse):
    doc = analyse("Le ministre Siaka Fofana a eu un tête-à-tête jeudi avec le ministre de la "
                  "Défense du Ghana, M. Kofi Agyemang. La délégation ghanéenne comprenait "
                  "notamment le général Emmanuel Ansah, chef d'état-major des Forces armées du "
                  "Ghana.")
    assert meetings(doc) == {frozenset(("Siaka Fofana", "Kofi Agyemang")),
                             frozenset(("Siaka Fofana", "Emmanuel Ansah"))}


def test_a_name_set_off_after_an_office_and_its_countries_is_a_person(analyse):
    doc = analyse("Il était accompagné de l'ambassadrice du Togo au Bénin, Akossiwa Dogbé Kpogo. "
                  "Il a visité le siège de l'Union africaine, à Addis Abeba.")
    assert ("Akossiwa Dogbé Kpogo", "PERSON") in ents(doc)
    assert ("Addis Abeba", "PERSON") not in ents(doc)
