"""Relation stage, part 4: event frames, one per reception or meeting trigger.

In:  a parsed `Doc`, its sentences, their `Unit`s (chains.py), `References` (references.py)
     and each sentence's triggers (triggers.py).
Out: `Frame`s: relation (RECEIVED or MET), trigger, host side, guest side (for MET: the two
     parties), attendees, the sentences used, the event's date and place spans, a confidence.

How a frame is built from a trigger:

1. *Sides in the trigger's sentence.* The subject side is the unit that holds the verb's
   subject in the parse, else the nearest participant before the verb; the object side is the
   participants after the trigger (or after its required noun) up to the next verb, clause
   break or `en présence de`. Passive RECEIVED verbs take the host after `par`. Noun triggers
   give each participant after them the role of its preposition (`visite de Y auprès de X`,
   `audience accordée par X à Y`, `conduite par Y` for the leader of a delegation); their
   first participant must follow them closely and their guests must be named persons. A
   subject that is a delegation is its leader (`conduite par X`) or the members its clause
   names (`la délégation, qui comprenait X, Y et Z, a été reçue`).
2. *Sides that are not names.* A title-only side resolves to the holders of that office in
   the document (plural titles to all of them); a subject pronoun or anaphoric noun to the
   person it stands for (references.py). An object side left empty by a sentence that
   announces a list (it ends with `:` or the next lines are dash, bullet or numbered lines)
   and names nobody takes every person named on those lines (they replace a group such as
   `les ambassadeurs suivants`).
3. *Named parties win.* On a side that names a person, organisations and countries are
   dropped; an organisation is a party only when its side names no person. A side that
   cannot be named leaves the frame without relations.
4. *When and where.* The date is the DATE nearest the trigger in its sentence, else in the
   frame's list lines or joined sentences, never in a sentence used only to name a party;
   an event without one continues the story: it takes the date of the last dated event
   before it (else, later, the dateline's); the place is a city or site
   introduced by `à`, `au`, `en`, `dans` or a seat noun (`au palais de X`), chosen the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from . import triggers as trigger_rules
from .chains import DETERMINERS, Unit, preceded_by, word_before
from .references import References, fold_word, office_heads, plural_groups
from .triggers import Trigger

LOCATIVE = frozenset(["à", "au", "aux", "en", "dans", "chez", "sur", "vers"])
CLAUSE_BREAKS = frozenset([";", "qui", "où", "afin", "lors", "lorsque", "quand", "dont"])
LEADER_LEMMAS = frozenset(["conduire", "diriger", "mener", "présider"])
LEADER_WORDS = frozenset(
    ["conduite", "conduit", "dirigée", "dirigé", "menée", "mené", "présidée", "présidé"]
)
SEAT_NOUNS = frozenset(
    "palais siège bureau bureaux résidence cabinet hôtel base camp quartier salle "
    "état-major ministère primature présidence".split()
)
ATTENDANCE_VERBS = frozenset(["prendre", "participer", "assister"])
LIST_LINE = re.compile(r"^\s*(?:[-–—•*·▪►➢]|\d{1,2}[.)]|[a-z][.)])(?:\s|$)")
LIST_MARKER_ONLY = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s*$")
CAPTION_START = re.compile(r"^\s*\(?\s*(?:photo|ph\.|légende|crédit|©)", re.IGNORECASE)
ARTICLES = frozenset(["le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur"])
NOUN_REACH = 8  # tokens from a noun trigger to its first participant (`visite de travail de X`)


@dataclass
class Frame:
    relation: str
    trigger: Span
    hosts: list[Unit] = field(default_factory=list)
    guests: list[Unit] = field(default_factory=list)
    attendees: list[Unit] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    context: set[int] = field(default_factory=set)  # where its date and place are read
    from_list: bool = False  # guests read from list lines or a delegation's next sentence
    date: Span | None = None
    place: Span | None = None
    confidence: float = 0.75


class FrameBuilder:
    def __init__(self, doc: Doc, sentences: list[Span], units: list[list[Unit]]):
        self.doc = doc
        self.sentences = sentences
        self.references = References(doc, units, sentences)
        self.units = [
            sorted(
                [as_office(u) for u in sentence_units] + plural_groups(sentence),
                key=lambda u: u.start,
            )
            for sentence, sentence_units in zip(sentences, units, strict=True)
        ]
        self.frames: list[Frame] = []
        self.partial: list[Frame] = []

    # ------------------------------------------------------------------ the document

    def build(self) -> list[Frame]:
        for index, sentence in enumerate(self.sentences):
            if CAPTION_START.match(sentence.text):
                continue
            found = trigger_rules.verb_triggers(sentence)
            for trigger in found:
                self.add(self.verb_frame(index, trigger, found))
            if not found:
                for trigger in trigger_rules.noun_triggers(sentence):
                    if self.add(self.noun_frame(index, trigger)):
                        break
                self.add(self.delegation_leader(index))
        self.join_partial_frames()
        self.frames.sort(key=lambda f: f.trigger.start)
        for index, sentence in enumerate(self.sentences):
            if not CAPTION_START.match(sentence.text):
                self.companions(index)
                self.attendance(index)
        self.frames.sort(key=lambda f: f.trigger.start)
        for frame in self.frames:
            parties = frame.hosts + frame.guests + frame.attendees
            frame.context |= {self.sentence_index(frame.trigger.start)}
            frame.sentences |= frame.context | {self.sentence_index(u.start) for u in parties}
            self.date_and_place(frame)
        self.carry_dates()
        return self.frames

    def carry_dates(self) -> None:
        """An event that names no date of its own continues the story told before it
        (`Il a ensuite reçu ...`): it takes the date of the last dated event before it."""
        last_date = None
        for frame in self.frames:
            if frame.date is None:
                frame.date = last_date
            elif frame.relation != "ATTENDANCE":
                last_date = frame.date

    def add(self, frame: Frame | None) -> bool:
        if frame is None:
            return False
        if not frame.hosts or not frame.guests:
            if frame.hosts or frame.guests:
                self.partial.append(frame)
            return False
        self.frames.append(frame)
        return True

    def delegation_leader(self, index: int) -> Frame | None:
        """`La délégation était conduite par X, accompagné de Y.`: X (and Y) are the guests of
        the reception of a delegation told just before without them."""
        sentence = self.sentences[index]
        verb = next(
            (
                t
                for t in sentence
                if t.lemma_ in LEADER_LEMMAS
                and any(c.lemma_ == "délégation" for c in t.children if c.dep_.startswith("nsubj"))
            ),
            None,
        )
        if verb is None:
            return None
        guests = [u for u in self.units[index] if u.person is not None and u.start > verb.i]
        if not guests:
            return None
        frame = Frame("RECEIVED", self.doc[verb.i : verb.i + 1], guests=guests, sentences={index})
        frame.confidence, frame.from_list = 0.7, True
        return frame

    def join_partial_frames(self) -> None:
        """`X a tenu une série d'audiences.` ... `Ont été reçus :` + list lines: a frame with
        only a host and the next one (within three sentences) with only guests, read from list
        lines, are one."""
        for index, hosted in enumerate(self.partial):
            if hosted.guests:
                continue
            start = min(hosted.sentences)
            for other in self.partial[index + 1 :]:
                if other.hosts or not other.from_list or other.relation != hosted.relation:
                    continue
                if 0 < min(other.sentences) - start <= 3:
                    hosted.guests = other.guests
                    hosted.sentences |= other.sentences
                    hosted.context |= other.context | {min(other.sentences)}
                    hosted.confidence = min(hosted.confidence, other.confidence, 0.7)
                    self.frames.append(hosted)
                    break
        self.frames.sort(key=lambda f: f.trigger.start)

    # ------------------------------------------------------------------ verb triggers

    def verb_frame(self, index: int, trigger: Trigger, found: list[Trigger]) -> Frame | None:
        sentence = self.sentences[index]
        token = trigger.token
        units = [u for u in self.units[index] if is_party(u)]
        left = [u for u in units if u.end <= token.i]
        right_end = self.object_region_end(sentence, trigger.object_start, found)
        right = [u for u in units if trigger.object_start <= u.start < right_end]
        frame = Frame(trigger.relation, self.doc[token.i : token.i + 1], sentences={index})
        subject = self.subject_side(index, token, left)
        parse_confirmed = trigger_rules.parse_subject(token) is not None and bool(subject)
        frame.confidence = 0.9 if parse_confirmed else 0.75
        if trigger.passive and trigger.relation == "RECEIVED":
            agent = [u for u in right if preceded_by(u, ("par",))][:1]
            sides = {"host": agent, "guest": subject}
        else:
            objects = self.object_side(right, trigger.rule)
            sides = {trigger.rule["subject"]: subject, trigger.rule["object"]: objects}
        first, second = ("host", "guest") if trigger.relation == "RECEIVED" else ("head", "tail")
        frame.hosts = self.resolve(sides.get(first, []), frame)
        frame.guests = self.resolve(sides.get(second, []), frame)
        if not frame.guests and len(sides.get(second, [])) == 1 and sides[second][0].title_only:
            frame.guests = self.introduced_next(index, sides[second][0], frame)
        if sentence_announces_list(sentence, self.doc) and not any(
            u.person is not None for u in sides.get(second, [])
        ):
            frame.guests = self.list_guests(index, frame) or frame.guests
        if trigger.relation == "MET" and not frame.guests and len(frame.hosts) > 1:
            frame.hosts, frame.guests = frame.hosts[:1], frame.hosts[1:]
        return frame

    def subject_side(self, index: int, token, left: list[Unit]) -> list[Unit]:
        subject = trigger_rules.parse_subject(token)
        previous = self.frames[-1] if self.frames else None
        if subject is not None and (
            subject.pos_ == "PRON" or subject.lower_ in ("dernier", "dernière")
        ):
            person = self.references.pronoun(subject, index, previous)
            return [person] if person is not None else []
        if subject is not None and subject.pos_ == "NOUN" and not subject.ent_type_:
            named = [u for u in left if u.start > subject.i and u.person is not None]
            if named:  # `La délégation, qui comprenait X, Y et Z, a été reçue`
                return self.series(named[0], left)
            person = self.references.pronoun(subject, index, previous)
            if person is not None:
                return [person]
        if not left:
            return []
        chosen = None
        if subject is not None:
            chosen = next((u for u in left if u.start <= subject.i < u.end), None)
            if chosen is None:
                following = [u for u in left if u.start > subject.i]
                chosen = following[0] if following else None
        if chosen is None:
            candidates = [
                u for u in left if not preceded_by(u, LOCATIVE | {"avec", "de", "du", "des", "par"})
            ]
            if not candidates:
                return []
            persons = [u for u in candidates if u.person is not None]
            chosen = persons[0] if persons else candidates[0]
        chosen = self.named_in_apposition(chosen, left)
        if chosen.person is None:
            leader = next(
                (
                    u
                    for u in left
                    if u.start > chosen.start
                    and u.person is not None
                    and marker(self.doc, u.start) == "led_by"
                ),
                None,
            )
            chosen = leader or chosen
        return self.series(chosen, left)

    def series(self, first: Unit, left: list[Unit], dashes: bool = False) -> list[Unit]:
        """`X, Y et Z` (or `X–Y` in a headline): the units after `first` joined by commas and
        a final `et`."""
        joiners = {"et", ",", "le", "la", "les", "l'"} | ({"–", "-", "—", "/"} if dashes else set())
        group, joined = [first], False
        for unit in left:
            if unit.start <= group[-1].start:
                continue
            gap = [t for t in self.doc[group[-1].end : unit.start] if not t.is_space]
            if not all(t.lower_ in joiners for t in gap):
                break
            group.append(unit)
            joined = joined or any(
                t.lower_ in joiners - {",", "le", "la", "les", "l'"} for t in gap
            )
        return group if joined else group[:1]

    def named_in_apposition(self, chosen: Unit, left: list[Unit]) -> Unit:
        """`Le ministre ... et Anciens combattants, M. X, a reçu`: a title whose chain was cut
        before the name still introduces the person named next, before any verb."""
        if not chosen.title_only:
            return chosen
        following = [u for u in left if u.start >= chosen.end and u.person is not None]
        if following and not any(
            t.pos_ in ("VERB", "AUX") for t in self.doc[chosen.end : following[0].start]
        ):
            return following[0]
        return chosen

    @staticmethod
    def object_side(right: list[Unit], rule: dict) -> list[Unit]:
        role = rule["object"]
        named = [
            u
            for u in right
            if (u.person is not None or u.title_only) and not preceded_by(u, ("siège",))
        ]
        if named:
            return named
        if role in ("host", "tail"):
            return right[:1]
        return [
            u for u in right if not preceded_by(u, LOCATIVE | {"siège", "de", "du", "délégation"})
        ][:1]

    def object_region_end(self, sentence: Span, start: int, found: list[Trigger]) -> int:
        end = sentence.end
        presence = presence_start(sentence)
        if presence is not None and presence > start:
            end = min(end, presence - 2)
        sides = alongside_start(sentence)
        if sides is not None and sides > start:
            end = min(end, sides - 1)
        for other in found:
            if other.token.i >= start:
                end = min(end, other.token.i)
        for token in self.doc[start:end]:
            if token.lower_ in CLAUSE_BREAKS:
                return token.i
            if (
                token.pos_ in ("VERB", "AUX")
                and token.ent_type_ == ""
                and token.lower_ not in LEADER_WORDS
                and "Part" not in token.morph.get("VerbForm")
                or (token.pos_ == "VERB" and token.lower_.endswith("ant"))
            ):
                return token.i
        return end

    # ------------------------------------------------------------------ sides

    def resolve(self, side: list[Unit], frame: Frame) -> list[Unit]:
        """Named persons for titles and groups; organisations only where no person is named."""
        resolved: list[Unit] = []
        for unit in side:
            if unit.person is not None or (unit.organisation is not None and not unit.title_only):
                resolved.append(unit)
            elif unit.title_only:
                holders = self.references.office_holders(unit)
                if holders:
                    frame.confidence = min(frame.confidence, 0.7)
                    frame.sentences |= {self.sentence_index(h.start) for h in holders}
                resolved += holders
        persons = [u for u in resolved if u.person is not None]
        chosen = persons or resolved
        unique: dict[int, Unit] = {}
        for unit in chosen:
            unique.setdefault(unit.start, unit)
        return list(unique.values())

    def introduced_next(self, index: int, office: Unit, frame: Frame) -> list[Unit]:
        """`... a reçu le chef d'état-major de l'armée pakistanaise. Le général Tariq Awan,
        qui effectue ...`: a guest written as an office that nobody holds is the person whom
        the next sentence introduces as its subject, named there for the first time."""
        if index + 1 >= len(self.sentences) or self.references.office_holders(office):
            return []
        for unit in self.units[index + 1]:
            if unit.person is None:
                continue
            subject = any(
                t.dep_ in ("nsubj", "nsubj:pass") for t in self.doc[unit.start : unit.end]
            )
            surname = plain_name(unit)
            first_time = not any(
                plain_name(u) == surname for u in self.references.named if u.start < unit.start
            )
            if subject and first_time:
                frame.confidence = min(frame.confidence, 0.65)
                return [unit]
            return []
        return []

    def sentence_index(self, token_index: int) -> int:
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= token_index < sentence.end:
                return index
        return 0

    def list_guests(self, index: int, frame: Frame) -> list[Unit]:
        guests: list[Unit] = []
        position = index + 1
        if position < len(self.sentences) and is_heading(self.sentences[position]):
            position += 1
        while position < len(self.sentences) and (
            LIST_LINE.match(self.sentences[position].text)
            or LIST_MARKER_ONLY.match(self.sentences[position - 1].text)
        ):
            line_persons = [u for u in self.units[position] if u.person is not None]
            if line_persons:
                frame.context.add(position)
            guests += line_persons
            position += 1
        if guests:
            frame.confidence = min(frame.confidence, 0.7)
            frame.from_list = True
        return guests

    # ------------------------------------------------------------------ noun triggers

    def noun_frame(self, index: int, trigger: Trigger) -> Frame | None:
        sentence = self.sentences[index]
        token = trigger.token
        after = [u for u in self.units[index] if u.start > token.i and is_party(u)]
        frame = Frame(
            trigger.relation, self.doc[token.i : token.i + 1], sentences={index}, confidence=0.7
        )
        if trigger.rule.get("between"):
            window = self.doc[token.i + 1 : min(token.i + 5, sentence.end)]
            dashed = len(after) >= 2 and any(
                t.text in ("–", "-", "—", "/") for t in self.doc[after[0].end : after[1].start]
            )
            if not (any(t.lower_ == "entre" for t in window) or dashed):
                return None
            parties = self.resolve(self.series(after[0], after, dashes=True), frame)
            if len([u for u in parties if u.person is not None]) < 2 and any(
                u.person is not None for u in self.units[index]
            ):
                return None
            frame.hosts, frame.guests = parties[:1], parties[1:]
            return frame
        roles = trigger.rule.get("roles", {})
        sides: dict[str, list[Unit]] = {"host": [], "guest": []}
        if not after or after[0].start - token.i > NOUN_REACH:
            return None
        for unit in after:
            role = roles.get(marker(self.doc, unit.start))
            if role:
                sides[role].append(unit)
        frame.hosts = self.resolve(sides["host"][:1], frame)
        frame.guests = [u for u in self.resolve(sides["guest"], frame) if u.person is not None]
        return frame

    # ------------------------------------------------------------------ attendance

    def companions(self, index: int) -> None:
        """`Le général X était accompagné du colonel Y`, `La délégation comprenait Y et Z`: who
        accompanies a party of the event just told (within two sentences), or belongs to its
        delegation, is on that party's side."""
        sentence = self.sentences[index]
        verb = next((t for t in sentence if is_companion_verb(t)), None)
        events = [
            f
            for f in self.frames
            if f.relation != "ATTENDANCE" and f.guests and max(self.told_in(f)) < index
        ]
        if verb is None or not events or index - max(self.told_in(events[-1])) > 2:
            return
        frame = events[-1]
        persons = [u for u in self.units[index] if u.person is not None]
        principal = self.principal(index, verb, persons)
        added = [u for u in persons if u.start > verb.i]
        if principal == "guest" or principal in {plain_name(u) for u in frame.guests if u.person}:
            frame.guests += added
        elif frame.relation == "MET" and principal in {
            plain_name(u) for u in frame.hosts if u.person
        }:
            frame.hosts += added
        else:
            return
        frame.sentences.add(index)

    def principal(self, index: int, verb, persons: list[Unit]) -> str | None:
        """Whom a companion sentence is about: a surname, or `guest` for `la délégation`."""
        before = [u for u in persons if u.end <= verb.i]
        if before:
            return plain_name(before[0])
        subject = trigger_rules.parse_subject(verb)
        if subject is None:
            return None
        if subject.lemma_ == "délégation":
            return "guest"
        person = self.references.pronoun(subject, index, self.frames[-1] if self.frames else None)
        return plain_name(person) if person is not None else None

    def attendance(self, index: int) -> None:
        """Attendees of the event of this sentence, else of the event told just before (within
        two sentences, or any distance when the sentence names it: `l'audience`): `en
        présence de X`, `Ont pris part à l'audience X et Y`, `X et Y ont
        assisté à ...`, `Aux côtés du ministre se trouvaient X`, `..., aux côtés de X`."""
        events = [f for f in self.frames if f.relation != "ATTENDANCE"]
        here = [f for f in events if index in self.told_in(f)]
        reach = len(self.sentences) if names_the_event(self.sentences[index]) else 2
        before = [f for f in events if 0 < index - max(self.told_in(f)) <= reach]
        frame = (here or before or [None])[-1]
        if frame is None:
            self.alongside(index)
            return
        parties = {u.start for u in frame.hosts + frame.guests}
        frame.attendees += [u for u in self.attendees(index, bool(here)) if u.start not in parties]

    def told_in(self, frame: Frame) -> set[int]:
        """The sentences that tell an event: its trigger's and its list lines."""
        return frame.context | {self.sentence_index(frame.trigger.start)}

    def attendees(self, index: int, has_event: bool) -> list[Unit]:
        sentence = self.sentences[index]
        persons = [u for u in self.units[index] if u.person is not None]
        presence = presence_start(sentence)
        if presence is not None:
            end = attendance_end(sentence, presence)
            return [u for u in persons if presence <= u.start and u.end <= end]
        sides = alongside_start(sentence)
        if sides is not None and has_event:
            return [u for u in persons if u.start > sides]
        if has_event:
            return []
        verb = next(
            (
                t
                for t in sentence
                if t.lemma_ in ATTENDANCE_VERBS or (t.lemma_ == "trouver" and sides is not None)
            ),
            None,
        )
        if verb is None:
            return []
        subjects = [u for u in persons if u.end <= verb.i]
        return subjects or [u for u in persons if u.start > verb.i]

    def alongside(self, index: int) -> None:
        """`X et Y ont pris part à la rencontre aux côtés du Général Z`: X and Y ATTENDED Z."""
        sentence = self.sentences[index]
        for token in sentence:
            if not (
                token.lower_ == "côtés"
                and token.i > 0
                and self.doc[token.i - 1].lower_ == "aux"
                and token.i + 1 < sentence.end
                and self.doc[token.i + 1].lower_ in ("de", "du", "des", "d'")
            ):
                continue
            verb = next(
                (t for t in self.doc[sentence.start : token.i] if t.lemma_ in ATTENDANCE_VERBS),
                None,
            )
            persons = [u for u in self.units[index] if u.person is not None]
            host = next((u for u in persons if u.start > token.i), None)
            if verb is None or host is None:
                return
            frame = Frame(
                "ATTENDANCE",
                self.doc[token.i : token.i + 1],
                hosts=[host],
                sentences={index},
                confidence=0.7,
            )
            frame.attendees = [u for u in persons if u.end <= verb.i]
            self.frames.append(frame)
            return

    # ------------------------------------------------------------------ date and place

    def date_and_place(self, frame: Frame) -> None:
        trigger = frame.trigger.start
        ordered = sorted(frame.context, key=lambda i: (i != self.sentence_index(trigger), i))
        for index in ordered:
            sentence = self.sentences[index]
            ents = [e for e in self.doc.ents if sentence.start <= e.start and e.end <= sentence.end]
            dates = [e for e in ents if e.label_ == "DATE"]
            places = [e for e in ents if e.label_ == "LOC" and is_place_of_event(e)]
            if frame.date is None and dates:
                frame.date = min(dates, key=lambda e: abs(e.start - trigger))
            if frame.place is None and places:
                frame.place = min(places, key=lambda e: abs(e.start - trigger))


def is_party(unit: Unit) -> bool:
    """A participant an event can have: not a trigger noun read as an organisation
    (`Audience : le ministre ...`)."""
    org = unit.organisation
    if (
        unit.person is None
        and org is not None
        and not unit.titles
        and org.text.lower() in trigger_rules.rules()[1]
    ):
        return False
    return unit.participant is not None or unit.title_only


def as_office(unit: Unit) -> Unit:
    """An organisation span that begins with a lowercase office noun (`ministres de la
    Défense` read as ORG) is an office written without a name, not a party."""
    org = unit.organisation
    if unit.person is not None or org is None or unit.titles or not org[0].is_lower:
        return unit
    if fold_word(org[0].lower_) not in office_heads():
        return unit
    title = Span(org.doc, org.start, org.end, label="TITLE")
    return Unit(unit.start, unit.end, titles=[title], led_by_title=True)


def is_companion_verb(token) -> bool:
    """`accompagné(e)(s) de`, `entouré de`; a delegation that `comprend`, `compte`, `inclut`."""
    if token.pos_ not in ("VERB", "ADJ", "AUX"):
        return False
    if token.lower_.startswith(("accompagn", "entour")):
        return True
    return token.lemma_ in ("comprendre", "compter", "inclure", "composer") and any(
        t.lemma_ == "délégation" for t in token.children if t.dep_.startswith("nsubj")
    )


def plain_name(unit: Unit) -> str:
    """A person's surname, for `le général Guidi` = `Paolo Ferrante Guidi`."""
    return unit.person.text.split()[-1].lower()


def marker(doc: Doc, start: int) -> str:
    """The preposition that introduces a participant: `de`, `à`, `par`, `auprès`, `siège`, or
    `led_by` for the leader of a delegation (`conduite par X`)."""
    word, position = word_before(doc, start, ARTICLES)
    if word in ("de", "du", "des", "d'"):
        before, _ = word_before(doc, position, ARTICLES)
        if before in ("auprès", "siège", "part"):
            return before
        return "de"
    if word == "par":
        before, _ = word_before(doc, position, ARTICLES)
        return "led_by" if before in LEADER_WORDS else "par"
    if word in ("au", "aux"):
        return "à"
    return word


def is_place_of_event(place: Span) -> bool:
    word, position = word_before(place.doc, place.start, DETERMINERS - {"de", "du", "des", "d'"})
    if word in LOCATIVE:
        return True
    if word in ("de", "du", "des", "d'"):
        before, _ = word_before(place.doc, position, DETERMINERS)
        return before in SEAT_NOUNS
    return False


EVENT_NOUNS = frozenset(
    "audience audiences cérémonie entretien entretiens rencontre réunion séance visite "
    "tête-à-tête échanges".split()
)


def names_the_event(sentence: Span) -> bool:
    """`Ont pris part à l'audience ...`, `La cérémonie s'est déroulée ...`: the sentence points
    back at an event with a definite noun."""
    return any(
        t.lower_ in EVENT_NOUNS and t.i > 0 and t.doc[t.i - 1].lower_ in ("l'", "la", "le", "cette")
        for t in sentence
    )


def alongside_start(sentence: Span) -> int | None:
    """Where `aux côtés de` begins in the sentence, or None."""
    for token in sentence:
        if token.lower_ == "côtés" and token.i > 0 and token.doc[token.i - 1].lower_ == "aux":
            return token.i
    return None


def presence_start(sentence: Span) -> int | None:
    for token in sentence:
        if (
            token.lower_ == "présence"
            and token.i + 1 < sentence.end
            and token.doc[token.i + 1].lower_ in ("de", "du", "des", "d'")
        ):
            return token.i + 1
    return None


def attendance_end(sentence: Span, presence: int) -> int:
    for token in sentence.doc[presence : sentence.end]:
        finite = token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm")
        if finite and token.ent_type_ == "" or token.text in (";",):
            return token.i
    return sentence.end


def sentence_announces_list(sentence: Span, doc: Doc) -> bool:
    text = sentence.text.rstrip()
    if text.endswith(":"):
        return True
    following = doc[sentence.end : min(sentence.end + 3, len(doc))].text
    return bool(LIST_LINE.match(following.lstrip()))


def is_heading(sentence: Span) -> bool:
    """A short line without a verb between a list's announcement and its lines."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    return (
        len(words) <= 6
        and not any(t.pos_ in ("VERB", "AUX") for t in words)
        and not (LIST_LINE.match(sentence.text))
    )
