"""Stage 4, relations: a labelled `Doc` -> RECEIVED, MET, ATTENDED, HAS_RANK, HAS_TITLE and
AFFILIATED_WITH between its spans.

In:  a `Doc` from the NER stage (entities, honorifics, parse, lemmas).
Out: `doc._.relations`, a list of dicts `{relation, head, tail, sentence, sentences, trigger,
     confidence, frame, date, place}` where `head` and `tail` are `{start, end, label, text}`
     character spans (the named mentions the relation links), `sentence` the `[start, end]` of
     the sentence that states it (the trigger's, for events), `sentences` every sentence the
     event used, `frame` the event's number in the document (None for attributes), and
     `date` / `place` the DATE and LOC spans the event names (None when it names none).

The stage runs four small parts, one module each:

1. `chains.py` reads each sentence's apposition chains into participants (units) and their
   HAS_RANK, HAS_TITLE and AFFILIATED_WITH;
2. `references.py` indexes who holds which office in the document and what pronouns and
   anaphoric nouns stand for;
3. `triggers.py` finds the verbs and nouns that announce a reception or a meeting
   (`models/triggers.jsonl`);
4. `frames.py` fills one frame per trigger (host, guest, attendees, date, place) from the
   trigger's sentence, the resolved references and the neighbouring list lines; a frame gives
   one RECEIVED per (host, guest) pair, MET per pair of parties, ATTENDED per attendee.

Photo captions (`Photo : ...`, `(Photo DR)`, `©`) give no relation at all. Across the
document, a guest received by a named person is not also received by an organisation
(the person is the most specific host the text names), and a meeting between two
organisations counts only when the document names no person as a party of any event.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import chains
from .frames import Frame, FrameBuilder, caption_indices
from .guard import guarded
from .parse import SOURCE_TEXT
from .token_words import sentence_spans, word_arrays

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


def sentence_range(sentence: Span) -> list[int]:
    return [sentence.start_char, sentence.end_char]


def relation_record(
    relation: str,
    head: Span,
    tail: Span,
    sentences: list[list[int]],
    confidence: float,
    frame: Frame | None = None,
    number: int | None = None,
) -> dict:
    """One relation of `doc._.relations` (see the module docstring); `sentences[0]` is the
    sentence that states it, attributes have no frame."""

    def record_of(span: Span | None) -> dict | None:
        return chains.span_record(span) if span is not None else None

    return {
        "relation": relation,
        "head": chains.span_record(head),
        "tail": chains.span_record(tail),
        "sentence": sentences[0],
        "sentences": sorted(sentences),
        "trigger": frame.trigger.text if frame is not None else "",
        "confidence": confidence,
        "frame": number,
        "date": record_of(frame.date) if frame is not None else None,
        "date_shift": frame.date_shift if frame is not None else 0,
        "date_until": record_of(frame.date_until) if frame is not None else None,
        "place": record_of(frame.place) if frame is not None else None,
    }


def frame_relations(frame: Frame, number: int, sentences: list[Span]) -> list[dict]:
    starts = [sentence.start for sentence in sentences]
    trigger_sentence = sentence_range(sentences[bisect_right(starts, frame.trigger.start) - 1])
    evidence = [trigger_sentence] + [
        sentence_range(sentences[i])
        for i in sorted(frame.sentences)
        if sentence_range(sentences[i]) != trigger_sentence
    ]

    def record(relation: str, head: Span, tail: Span) -> dict:
        found = relation_record(relation, head, tail, evidence, frame.confidence, frame, number)
        if frame.body_host:
            found["body_host"] = True
        if frame.invitation:
            found["invitation"] = True
        return found

    records = []
    hosts = [u.participant for u in frame.hosts if u.participant is not None]
    guests = [u.participant for u in frame.guests if u.participant is not None]
    for host in hosts:
        for guest in guests:
            if host == guest or same_person_written(host, guest):
                continue
            if frame.relation == "RECEIVED" and (
                host.label_ == "PERSON" or guest.label_ in ("PERSON", "ORG", "GPE")
            ):
                records.append(record("RECEIVED", host, guest))
            elif frame.relation == "MET" and "GPE" not in (host.label_, guest.label_):
                first, second = sorted((host, guest), key=lambda s: s.start)  # no country meets
                records.append(record("MET", first, second))
    if frame.mutual:  # the guests met each other too
        for index, first in enumerate(guests):
            for second in guests[index + 1 :]:
                if "GPE" not in (first.label_, second.label_) and not (
                    first == second or same_person_written(first, second)
                ):
                    records.append(record("MET", *sorted((first, second), key=lambda s: s.start)))
    for attendee in frame.attendees:
        if (
            hosts
            and attendee.person is not None
            and chains.surname(attendee.person) != chains.surname(hosts[0])
        ):
            beside = frame.attended.get(attendee.start)
            party = beside.participant if beside is not None else None
            records.append(record("ATTENDED", attendee.person, party or hosts[0]))
    return records


def same_person_written(first: Span, second: Span) -> bool:
    """`Sherif Adel Radwan` and `Radwan`: one person's two mentions never meet or receive
    each other."""
    if "PERSON" not in (first.label_, second.label_) or first.label_ != second.label_:
        return False
    a, b = set(first.text.lower().split()), set(second.text.lower().split())
    return a <= b or b <= a


def institutions_only_when_nobody_is_named(relations: list[dict]) -> list[dict]:
    """A meeting between two organisations or countries (`entre le HCR et l'ONPRA`) counts
    only in a document that names no person as a party of any event."""
    events = [r for r in relations if r["relation"] in ("RECEIVED", "MET")]
    if not any(r["head"]["label"] == "PERSON" or r["tail"]["label"] == "PERSON" for r in events):
        return relations
    return [
        r
        for r in relations
        if not (
            r["relation"] == "MET"
            and r["head"]["label"] != "PERSON"
            and r["tail"]["label"] != "PERSON"
        )
    ]


def last_word(span: dict) -> str:
    """A span record's last word, lowercased: the family name of a person written whole."""
    return span["text"].split()[-1].lower()


def prefer_person_guests(relations: list[dict], text: str) -> list[dict]:
    """`Le préfet reçoit une mission du CICR` (headline), `a reçu une mission du CICR conduite
    par M. X` (body): the organisation a received person came for is no second guest of
    the same host (an organisation is a party only when no person is named on that side)."""
    people = [
        r
        for r in relations
        if r["relation"] == "RECEIVED" and r["tail"]["label"] == "PERSON"
    ]

    def came_for(record: dict) -> bool:
        return any(
            last_word(p["head"]) == last_word(record["head"])
            and any(record["tail"]["text"] in text[start:end] for start, end in p["sentences"])
            for p in people
        )

    return [
        r
        for r in relations
        if not (
            r["relation"] == "RECEIVED"
            and r["tail"]["label"] in ("ORG", "GPE")
            and came_for(r)
        )
    ]


def prefer_person_hosts(relations: list[dict]) -> list[dict]:
    """A guest received by a named person is not also received by an organisation (unless
    he visited it: `body_host`); the
    companions that the organisation's frame received go to that person (`Une délégation
    conduite par X, comprenant Y, ... à l'invitation de l'État-major. X a été reçu par Z`).
    Who invited (`à l'invitation de X`) received nobody: his records only carry their
    companions over to a named host, like an organisation's."""

    def by_proxy(r: dict) -> bool:
        return r["head"]["label"] != "PERSON" or bool(r.get("invitation"))

    hosts_of: dict[str, list[dict]] = {}
    for r in relations:
        if r["relation"] == "RECEIVED" and not by_proxy(r):
            hosts_of.setdefault(last_word(r["tail"]), []).append(r)
    moved: dict[object, list[dict]] = {}  # organisation frame -> the person receptions
    for r in relations:
        if r["relation"] == "RECEIVED" and by_proxy(r) and last_word(r["tail"]) in hosts_of:
            moved.setdefault(r.get("frame"), hosts_of[last_word(r["tail"])])
    result = []
    for r in relations:
        if r["relation"] != "RECEIVED" or not by_proxy(r) or r.get("body_host"):
            result.append(r)
        elif last_word(r["tail"]) in hosts_of:
            continue
        elif r.get("frame") in moved:
            person = moved[r.get("frame")][0]
            result.append(
                dict(r, head=person["head"], frame=person.get("frame"),
                     date=person.get("date"), date_shift=person.get("date_shift", 0),
                     place=person.get("place"))
            )
        elif not r.get("invitation"):
            result.append(r)
    return result


def strength(relation: dict) -> tuple[float, bool]:
    """Which of two records of one fact to keep: the dated one (a headline tells the event
    the body dates), then the surer."""
    return relation.get("date") is not None, relation["confidence"]


class RelationExtractor:
    @guarded("relations")
    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.get(SOURCE_TEXT) or doc.text  # (rebuilt from every token)
        doc.user_data[chains.TEXT_KEY] = text
        try:
            with word_arrays(doc):
                self.extract(doc, text)
        finally:
            del doc.user_data[chains.TEXT_KEY]
        return doc

    def extract(self, doc: Doc, text: str) -> None:
        honorifics = list(doc.spans.get("honorifics", []))
        sentences = [s for s in sentence_spans(doc) if chains.sentence_text(s).strip()]
        entities = list(doc.ents)
        units = [
            chains.sentence_units(doc, sentence, honorifics, entities) for sentence in sentences
        ]
        relations: list[dict] = []
        captions = caption_indices(sentences)
        for index, (sentence, sentence_units) in enumerate(zip(sentences, units, strict=True)):
            if index in captions:
                continue
            for unit in sentence_units:
                for relation, head, tail, confidence in chains.attribute_facts(unit):
                    relations.append(
                        relation_record(
                            relation, head, tail, [sentence_range(sentence)], confidence
                        )
                    )
        frames = FrameBuilder(doc, sentences, units, entities).build()
        for number, frame in enumerate(frames, 1):
            relations += frame_relations(frame, number, sentences)
        unique: dict[tuple, dict] = {}
        relations = prefer_person_guests(prefer_person_hosts(relations), text)
        for relation in institutions_only_when_nobody_is_named(relations):
            key = (relation["relation"], relation["head"]["start"], relation["tail"]["start"])
            if key not in unique or strength(unique[key]) < strength(relation):
                unique[key] = relation
        doc._.relations = sorted(
            unique.values(),
            key=lambda r: (r["sentence"][0], r["head"]["start"], r["tail"]["start"], r["relation"]),
        )


@Language.factory("communique_relations")
def make_relation_extractor(nlp: Language, name: str):
    return RelationExtractor()
