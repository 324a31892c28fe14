"""Aggregation on hand-made per-document results (no model)."""

from pipeline.aggregate import DocumentResult, build_tables
from pipeline.identity import name_key, person_compatible


def entity(start, text, label, key=""):
    return {"start": start, "end": start + len(text), "text": text, "label": label, "key": key}


def relation(kind, head, tail, sentence):
    return {"relation": kind, "head": head, "tail": tail, "sentence": sentence,
            "confidence": 0.9, "trigger": ""}


def test_transliteration_variants_share_a_key():
    assert name_key("Mohammed bin Saeed Al-Moghidi") == name_key("Muhammed bin Saeed Al-Moghidi")
    assert name_key("Mohamed bin Saeed Al-Moghidi") == name_key("Muhammad ibn Saeed Al-Moghidi")
    assert name_key("Al-Moghidi") == name_key("Al-Moghedi")
    assert name_key("Abdallah Ould Sidi") != name_key("Ahmed Ould Sidi")


def test_short_name_fits_a_fuller_one_with_the_same_last_word():
    assert person_compatible(name_key("Zaid Wadi"), name_key("Zaid Hoshi Khalaf Wadi"))
    assert person_compatible(name_key("Al-Moghidi"), name_key("Mohammed bin Saeed Al-Moghidi"))
    assert not person_compatible(name_key("Zaid Khalaf"), name_key("Zaid Hoshi Khalaf Wadi"))


def make_corpus():
    sentence_a = {"start": 0, "end": 80, "text": "s"}
    host = entity(10, "Mohammed bin Saeed Al-Moghidi", "PERSON")
    guest = entity(50, "Amadou Diallo", "PERSON")
    rank = entity(0, "Général", "RANK")
    org = entity(60, "Coalition Islamique Militaire Contre le Terrorisme", "ORG", "CIMCT")
    doc_a = DocumentResult(
        "a", [rank, host, guest, entity(0, "Riyad", "LOC", "Riyad")],
        [relation("RECEIVED", host, guest, [0, 80]), relation("HAS_RANK", host, rank, [0, 80])],
        [sentence_a], {"place": "Riyad", "date": "2022-03-24"}, None)
    short = entity(5, "Al-Moghedi", "PERSON")
    acronym = entity(30, "CIMCT", "ORG", "CIMCT")
    gpe = entity(40, "République du Sénégal", "GPE", "SN")
    doc_b = DocumentResult("b", [short, acronym, gpe, org],
                           [relation("AFFILIATED_WITH", short, gpe, [0, 120])],
                           [{"start": 0, "end": 120, "text": "t"}], None, None)
    spelled = entity(3, "Muhammed bin Saeed Al-Moghidi", "PERSON")
    doc_c = DocumentResult("c", [spelled], [], [{"start": 0, "end": 50, "text": "u"}],
                           None, "2021-08-03")
    return [doc_c, doc_a, doc_b]


def test_one_person_across_spellings_and_documents():
    tables = build_tables(make_corpus(), [])
    people = tables["entities"][tables["entities"]["label"] == "PERSON"]
    moghidi = people[people["name"] == "Mohammed bin Saeed Al-Moghidi"]
    assert len(moghidi) == 1
    row = moghidi.iloc[0]
    assert row["n_docs"] == 3 and row["doc_ids"] == "a|b|c"
    assert set(row["aliases"].split("|")) == {"Al-Moghedi", "Muhammed bin Saeed Al-Moghidi"}
    assert row["ranks"] == "Général"
    assert row["nationality"] == "Sénégal"


def test_acronym_and_full_name_are_one_organisation():
    tables = build_tables(make_corpus(), [])
    orgs = tables["entities"][tables["entities"]["label"] == "ORG"]
    assert len(orgs) == 1
    assert orgs.iloc[0]["name"] == "Coalition Islamique Militaire Contre le Terrorisme"
    assert orgs.iloc[0]["n_mentions"] == 2


def test_relation_rows_carry_names_date_place_and_offsets():
    tables = build_tables(make_corpus(), [])
    received = tables["relations"][tables["relations"]["relation"] == "RECEIVED"].iloc[0]
    assert received["head"] == "Mohammed bin Saeed Al-Moghidi"
    assert received["tail"] == "Amadou Diallo"
    assert received["date"] == "2022-03-24" and received["place"] == "Riyad"
    assert (received["tail_start"], received["tail_end"]) == (50, 63)
    events = tables["events"]
    assert list(events["guests"]) == ["Amadou Diallo"]
    assert list(events["event_id"]) == ["a#1"]


def test_mentions_of_rank_title_date_have_no_entity_id():
    tables = build_tables(make_corpus(), [])
    mentions = tables["mentions"]
    assert set(mentions.loc[mentions["label"] == "RANK", "entity_id"]) == {""}
    assert (mentions.loc[mentions["label"] == "PERSON", "entity_id"] != "").all()


def test_errors_table_has_its_columns_even_when_empty():
    tables = build_tables([], [])
    assert list(tables["errors"].columns) == ["path", "stage", "reason"]
    assert tables["mentions"].empty and tables["events"].empty


def _event_row(frame, relation, head_id, tail_id, date, start):
    return {"doc_id": "d", "relation": relation, "head_id": head_id, "head": head_id,
            "tail_id": tail_id, "tail": tail_id, "date": date, "place": "", "evidence": "e",
            "head_start": start, "tail_start": start + 5, "confidence": 0.9, "frame": frame}


def test_frames_sharing_a_guest_are_one_event_only_on_the_same_day_and_host():
    from pipeline.aggregate import event_table

    rows = [
        # the headline and the body tell one reception (frames 1 and 2)
        _event_row(1, "RECEIVED", "person:a", "person:g", "2025-01-06", 0),
        _event_row(2, "RECEIVED", "person:a", "person:g", "", 50),
        # the guest then visits another host on another day (frame 3): another event
        _event_row(3, "RECEIVED", "person:b", "person:g", "2025-01-07", 100),
        # same day, another named host (frame 4): another event too
        _event_row(4, "RECEIVED", "person:c", "person:g", "2025-01-06", 150),
        # two meetings of one day with different parties (frames 5 and 6)
        _event_row(5, "MET", "person:a", "person:g", "2025-01-06", 200),
        _event_row(6, "MET", "person:g", "person:b", "2025-01-06", 250),
    ]
    events = event_table(rows)
    assert list(events["hosts"]) == ["person:a", "person:b", "person:c", "person:a", "person:g"]
    assert list(events["type"]) == ["RECEIVED"] * 3 + ["MET"] * 2


def test_a_shifted_frame_date_moves_from_its_anchor_or_the_dateline():
    from pipeline.aggregate import frame_date_place

    result = DocumentResult("a", [], [], [], {"place": "Niamey", "date": "2025-03-14"},
                            "2025-03-20")
    anchored = {"frame": 1, "date": entity(0, "jeudi 13 mars", "DATE"), "date_shift": -1}
    assert frame_date_place(result, anchored) == ("2025-03-12", "Niamey")
    unanchored = {"frame": 1, "date": None, "date_shift": 1}
    assert frame_date_place(result, unanchored) == ("2025-03-15", "Niamey")
    assert frame_date_place(result, {"frame": 1, "date": None}) == ("2025-03-14", "Niamey")


def test_a_frame_dated_by_a_span_takes_the_day_its_host_received_within_it():
    from pipeline.aggregate import dates_and_places

    host, guest, aide = (entity(10, "Ould Cheikh", "PERSON"), entity(40, "Gueye", "PERSON"),
                         entity(60, "Sall", "PERSON"))
    span_start, span_end = entity(0, "lundi", "DATE"), entity(5, "mercredi 15 novembre", "DATE")
    visit = [{**relation("RECEIVED", host, guest, [0, 80]), "frame": 1, "date": span_start,
              "date_until": span_end},
             {**relation("RECEIVED", host, aide, [0, 80]), "frame": 1, "date": span_start,
              "date_until": span_end}]
    reception = {**relation("RECEIVED", host, guest, [90, 160]), "frame": 2,
                 "date": entity(90, "mardi 14 novembre", "DATE")}
    result = DocumentResult("a", [host, guest, aide], [*visit, reception], [],
                            {"place": "Dakar", "date": "2023-11-17"}, None)
    same_name = {"Ould Cheikh": "p1", "Gueye": "p2", "Sall": "p3"}

    def entity_of(span):
        return same_name[span["text"]]

    dates = [date for date, _ in dates_and_places(result, entity_of)]
    assert dates == ["2023-11-14", "2023-11-14", "2023-11-14"]
    # without the span's end, the first day stays
    for row in visit:
        row["date_until"] = None
    assert [date for date, _ in dates_and_places(result, entity_of)][:2] == [
        "2023-11-13", "2023-11-13"]
    # another host's reception within the span says nothing about this host's day
    for row in visit:
        row["date_until"] = span_end
    same_name["Ould Cheikh"] = "p9"
    reception["head"] = entity(90, "Ould Cheikh", "PERSON")
    assert [date for date, _ in dates_and_places(result, lambda s: same_name[s["text"]]
                                                 if s is not reception["head"] else "p8")][
        :2] == ["2023-11-13", "2023-11-13"]


def test_general_staffs_of_two_countries_stay_two_bodies_and_a_bare_name_joins_its_own():
    """An organisation name without a country (`État-major général des armées`) resembles
    every country's general staff: it joins the one written in its own document only."""
    def doc(doc_id, *names):
        entities, start = [], 0
        for name in names:
            entities.append(entity(start, name, "ORG"))
            start += len(name) + 2
        return DocumentResult(doc_id, entities, [], [{"start": 0, "end": start, "text": "s"}],
                              None, None)

    tables = build_tables([
        doc("benin", "État-major général des Forces armées béninoises",
            "État-major général des armées"),
        doc("morocco", "État-major général des Forces Armées Royales"),
        doc("togo", "État-major général des Forces armées togolaises",
            "État-major général des armées"),
        doc("niger", "État-major général des armées"),
    ], [])
    orgs = tables["entities"][tables["entities"]["label"] == "ORG"]
    docs_of = {row["name"]: set(row["doc_ids"].split("|")) for _, row in orgs.iterrows()}
    assert docs_of["État-major général des Forces armées béninoises"] == {"benin"}
    assert docs_of["État-major général des Forces armées togolaises"] == {"togo"}
    assert {"morocco", "niger"}.isdisjoint(
        docs_of["État-major général des Forces armées béninoises"]
        | docs_of["État-major général des Forces armées togolaises"])
