"""Person identity across documents (pipeline/identity.py), on invented names."""

from pipeline.identity import name_rule, ordered_words, resolve_people


def mention(doc_id: str, text: str, start: int = 0) -> dict:
    return {"doc_id": doc_id, "start": start, "end": start + len(text), "text": text}


def people_of(mentions: list[dict], countries=None) -> tuple[dict, list[dict]]:
    assignment, audit = resolve_people(mentions, countries or {})
    by_text = {m["text"] + "@" + m["doc_id"]: assignment[(m["doc_id"], m["start"], m["end"])]
               for m in mentions}
    return by_text, audit


def rule(first: str, second: str):
    return name_rule(ordered_words(first), ordered_words(second))


def test_spellings_of_one_person_across_documents_match_with_a_named_rule():
    assert rule("Domingos Kiala Ventura NZAU", "NZAU Domingos Kiala Ventura") == "same name"
    assert rule("Januário Semedo TAVARES", "J. S. Tavares") == "same name"
    assert rule("Mohamed Lamine Sarr", "Muhammad Lamine Sarr") == "same name"
    assert rule("Yerlan Qasymuly Joldasbekov", "Erlan Kassymouly Zholdasbekov") == (
        "spelling variant")
    assert rule("Idalina Pontes Quaresma", "Idalina Pontes Quaresma Vaz") == "extra family name"
    assert rule("Domingos Kiala Ventura NZAU", "D. Kyala Nzau") == "shorter form"


def test_names_that_only_share_a_loose_key_are_not_one_person():
    assert rule("Moussa Traoré", "Moussa Touré") is None  # same consonant key `tr`
    assert rule("Luis Alberto Peña Ortiz", "Luis Alberto Peña Ruiz") is None
    assert rule("Salif Keita", "Salif Kaba") is None


def test_near_names_of_two_countries_stay_two_and_the_refusal_is_audited():
    first, second = mention("d1", "Chikonde PHIRI"), mention("d2", "Chikondi Phiri")
    people, audit = people_of(
        [first, second],
        {("d1", 0, len("Chikonde PHIRI")): {"ZM"}, ("d2", 0, len("Chikondi Phiri")): {"MW"}},
    )
    assert people["Chikonde PHIRI@d1"] != people["Chikondi Phiri@d2"]
    assert [(row["decision"], row["reason"]) for row in audit] == [
        ("refused", "different countries")]


def test_the_same_near_names_without_conflicting_countries_merge_with_their_rule():
    people, audit = people_of([mention("d1", "Chikonde PHIRI"), mention("d2", "Chikondi Phiri")])
    assert people["Chikonde PHIRI@d1"] == people["Chikondi Phiri@d2"]
    assert [(row["decision"], row["rule"], row["doc_ids"], row["joined_doc_ids"])
            for row in audit] == [("merged", "same name", ["d2"], ["d1"])]


def test_a_surname_shared_across_documents_does_not_join_two_people():
    people, _ = people_of([
        mention("d1", "Ismaël Moussa Dabaleh"), mention("d1", "Dabaleh", 40),
        mention("d2", "Abdourahman Houmed Dabaleh"),
    ])
    assert people["Ismaël Moussa Dabaleh@d1"] == people["Dabaleh@d1"]
    assert people["Ismaël Moussa Dabaleh@d1"] != people["Abdourahman Houmed Dabaleh@d2"]


def test_a_short_name_that_fits_two_people_joins_neither():
    people, audit = people_of([
        mention("d1", "Awa Diop Ndiaye"), mention("d2", "Fatou Diop Ndiaye"),
        mention("d3", "Ndiaye"),
    ])
    assert people["Ndiaye@d3"] not in (people["Awa Diop Ndiaye@d1"],
                                       people["Fatou Diop Ndiaye@d2"])
    assert {row["reason"] for row in audit} == {"the name fits several people"}


def test_two_people_who_share_only_a_family_name_stay_two_across_documents():
    people, _ = people_of([
        mention("d1", "Fahad bin Nasser Al-Kuwari"), mention("d1", "Al-Kuwari", 40),
        mention("d2", "Khalid bin Jassim Al-Kuwari"), mention("d2", "Al-Kuwari", 40),
    ])
    assert people["Fahad bin Nasser Al-Kuwari@d1"] != people["Khalid bin Jassim Al-Kuwari@d2"]


def test_transliterations_the_web_mixes_are_one_name():
    # Polish sz / sh, y / i between vowels, a hyphenated family name written joined,
    # letters Unicode does not decompose (Vietnamese Đ)
    assert rule("Łukasz Kowalczyk", "Lukash Kowalchyk") == "same name"
    assert rule("Nayef Rashed Al-Zoubi", "Naif Rashed Al-Zubi") == "same name"
    assert rule("Issoufou Maman Dan-Kassoua", "Issoufou Maman Dankassoua") is None  # forms
    people, _ = people_of([mention("d1", "Issoufou Maman Dan-Kassoua"),
                           mention("d2", "Issoufou Maman Dankassoua"),
                           mention("d3", "Đặng Văn Lực"), mention("d4", "Dang Van Luc")])
    assert people["Issoufou Maman Dan-Kassoua@d1"] == people["Issoufou Maman Dankassoua@d2"]
    assert people["Đặng Văn Lực@d3"] == people["Dang Van Luc@d4"]


def test_three_words_in_another_order_are_one_name_but_two_swapped_words_are_not():
    assert rule("Yapo Kouamé Célestin", "Célestin Kouamé Yapo") == "name order"
    assert rule("PHAM Duc Long", "Phạm Đức Long") in ("same name", "name order")
    assert rule("Hassan Idriss", "Idriss Hassan") is None
    assert rule("Yapo Kouamé Célestin", "Célestin Kouassi Yapo") is None  # one word differs


def test_names_in_another_order_from_two_countries_stay_two():
    first, second = mention("d1", "Yapo Kouamé Célestin"), mention("d2", "Célestin Kouamé Yapo")
    people, audit = people_of(
        [first, second],
        {("d1", 0, len(first["text"])): {"CI"}, ("d2", 0, len(second["text"])): {"BF"}},
    )
    assert people["Yapo Kouamé Célestin@d1"] != people["Célestin Kouamé Yapo@d2"]
    assert [(row["rule"], row["decision"]) for row in audit] == [("name order", "refused")]
