"""Relation stage, part 4b: what the sentences after a trigger add to its event.

In:  the `FrameBuilder` of frames.py (document, sentences, units, references, frames so far).
Out: more guests and attendees on the frames, and frames completed across sentences:

- *List lines*: a sentence that announces a list (it ends with `:` or dash, bullet or numbered
  lines follow, perhaps after a short heading) takes every person named on those lines as a
  guest.
- *Partial frames*: a frame with only a host (`X a tenu une série d'audiences`) and the next
  one within three sentences with only guests read from list lines or a delegation's leader
  (`Ont été reçus :`, `La délégation était conduite par Y`) are one event.
- *A guest written as an office nobody holds* is the person the next sentence opens with or
  introduces as its subject, named there for the first time (`... a reçu le chef d'état-major
  de l'armée tchèque. Le général Jan Novak, qui ...`).
- *Companions*: who accompanies a party of the event just told (`était accompagné de`,
  `entouré de`), or belongs to its delegation (`La délégation comprenait X`), joins that
  party's side.
- *Attendance*: `en présence de X`, `Ont pris part à l'audience X et Y`, `X et Y ont assisté`,
  `Étaient présents (aux côtés du préfet) X et Y`,
  `Aux côtés du ministre se trouvaient X`, `..., aux côtés de X`: attendees of the event of
  that sentence, else of the event told just before (within two sentences, or any distance
  when the sentence names it, `l'audience`, or stands beside its host, `Aux côtés du
  gouverneur se trouvaient`). They attend its host.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from . import triggers as trigger_rules
from .chains import Unit, sentence_text, surname
from .event import Frame
from .references import anaphors, country_after, fold_word, is_plural, office_key

LEADER_LEMMAS = frozenset(["conduire", "diriger", "mener", "présider"])
ATTENDANCE_VERBS = frozenset(["prendre", "participer", "assister"])
# `l'audience`, `les audiences`, `ces entretiens`: a definite noun points back at an event
POINTING_BACK = frozenset(["l'", "la", "le", "les", "cette", "ces"])
# `conduite par X`: the participles that introduce a delegation's leader (frames.py too)
LEADER_WORDS = frozenset(
    f"{stem}{ending}"
    for stem in ("conduit", "dirigé", "mené")
    for ending in ("", "e", "s", "es")
) | frozenset(["présidée", "présidé"])
COMPANION_WORDS = re.compile(
    r"accompagn|entour|compren|compt|inclu|compos|côté|condui|dirige", re.IGNORECASE
)
LIST_LINE = re.compile(r"^\s*(?:[-–—•*·▪►➢]|\d{1,2}[.)]|[a-z][.)])(?:\s|$)")
LIST_MARKER_ONLY = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s*$")


DELEGATION_NOUNS = frozenset(["délégation", "mission"])
PRESENT_WORDS = frozenset(["présent", "présente", "présents", "présentes"])


def opens_with_attendance(token) -> bool:
    """`Assistait également à la rencontre X`: a capitalised verb opening an inverted
    sentence, which the model reads as a name (lemma unknown)."""
    return (
        token.is_sent_start
        and token.pos_ == "PROPN"
        and token.lower_.startswith(("assist", "particip"))
        and not token.lower_.endswith(("ant", "ants"))
    )


def is_present(token) -> bool:
    """`Étaient présents à l'audience X et Y`, `Était également présente Z`: `présent` said
    of the attendees (the model lemmatises its feminine as itself)."""
    return token.lower_ in PRESENT_WORDS and token.pos_ in ("ADJ", "NOUN", "VERB")


def is_leader_lemma(lemma: str) -> bool:
    return lemma in LEADER_LEMMAS


EVENT_NOUNS = frozenset(
    "audience audiences cérémonie entretien entretiens rencontre réunion séance visite "
    "tête-à-tête échanges".split()
)


class FollowUps:
    """Methods of `FrameBuilder` (frames.py) for the sentences after a trigger."""

    def delegation_leader(self, index: int) -> Frame | None:
        """`La délégation était conduite par X, accompagné de Y.`: X (and Y) are the guests of
        the reception of a delegation told just before without them."""
        sentence = self.sentences[index]
        verb = next(
            (t for t in sentence if is_leader_word(t) and leads_a_delegation(t)), None
        )  # (`conduite` may be parsed as a noun)
        if verb is None and fronts_a_leader(sentence) and any(
            t.lower_ == "délégation" for t in sentence
        ):  # `Conduite par X, cette délégation séjourne ...` (the parser reads a noun)
            verb = sentence[0]
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
            if hosted.guests or all(
                u.participant is not None and u.participant.label_ == "GPE" for u in hosted.hosts
            ):  # `de retour d'une visite au Sultanat d'Oman`: a country is where, not who
                continue
            start = min(hosted.sentences)
            for other in self.partial[index + 1 :]:
                if other.hosts or not other.from_list or other.relation != hosted.relation:
                    continue
                if 0 < min(other.sentences) - start <= 3:
                    hosted.guests = other.guests
                    hosted.sentences |= other.sentences
                    if is_leader_word(other.trigger[0]):
                        # `Conduite par X, cette délégation séjourne du 1er au 5 avril` dates
                        # the stay, not the event; list lines may date it
                        hosted.continued |= other.sentences
                    else:
                        hosted.context |= other.context | {min(other.sentences)}
                    hosted.confidence = min(hosted.confidence, other.confidence, 0.7)
                    self.frames.append(hosted)
                    break
        self.frames.sort(key=lambda f: f.trigger.start)

    def list_guests(self, index: int, frame: Frame) -> list[Unit]:
        guests: list[Unit] = []
        position = index + 1
        if position < len(self.sentences) and is_heading(self.sentences[position]):
            position += 1
        while position < len(self.sentences) and (
            LIST_LINE.match(self.texts[position])
            or LIST_MARKER_ONLY.match(self.texts[position - 1])
            or (guests and not self.starts_line(position))
        ):
            if LIST_LINE.match(self.texts[position]) or LIST_MARKER_ONLY.match(
                self.texts[position - 1]
            ):  # a line's next sentences (`L'entretien a porté sur ...`) name no guest
                line_persons = [u for u in self.units[position] if u.person is not None]
                if line_persons:
                    frame.context.add(position)
                guests += line_persons
            position += 1
        if guests:
            frame.confidence = min(frame.confidence, 0.7)
            frame.from_list = True
        return guests

    def starts_line(self, index: int) -> bool:
        """Whether a sentence opens a line of the text (the one before it ends one)."""
        return index == 0 or self.sentences[index - 1].text.rstrip(" ").endswith("\n")

    def introduced_next(
        self, index: int, office: Unit | None, frame: Frame, host: bool = False
    ) -> list[Unit]:
        """`... a reçu le chef d'état-major de l'armée pakistanaise. Le général Tariq Awan,
        qui effectue ...`: a guest written as an office that nobody holds (before the next
        sentence's end), or as a counterpart nobody named (`office` None), is the person
        whom the next sentence introduces as its subject, named there for the first time.
        With `host`, the same for a host written as an office (`X a été reçu par le chef
        d'état-major. Le général Y a tenu avec son hôte ...`)."""
        others = frame.guests if host else frame.hosts
        if index + 1 >= len(self.sentences):
            return []
        # a holder named further on (`l'audience s'est déroulée en présence du chef
        # d'état-major général des armées, le général Y`) is another person
        holders = [
            h
            for h in (self.references.office_holders(office) if office is not None else [])
            if not self.among(h, others) and h.start < self.sentences[index + 1].end
        ]
        if holders:
            return []
        for unit in self.units[index + 1]:
            if unit.person is None:
                continue
            if self.among(unit, others):
                continue  # `Au cours de l'audience, le Dr X (the host) et le général Y ont`
            opening = [t.lower_ for t in self.sentences[index + 1][:3]]
            opens_sentence = (
                unit.start - self.sentences[index + 1].start <= 1
                or bool(self.references.introduced_offices(unit))
                or opening == ["il", "s'", "agit"]  # `Il s'agit du général X, ...`
            )
            # `Porteur d'un message ..., le général X était accompagné de ...`: the name
            # right before the verb is its subject, whatever the parse says
            end = max(unit.end, unit.person.end)
            before_verb = end < len(self.doc) and self.doc[end].pos_ in ("AUX", "VERB")
            subject = (
                opens_sentence
                or before_verb
                or self.references.introduced_as_guest(unit)
                or any(t.dep_ in ("nsubj", "nsubj:pass") for t in self.doc[unit.start : unit.end])
            )
            name = surname(unit.person)
            first_time = not any(  # (a heading's mention is no earlier naming)
                surname(u.person) == name
                for u in self.references.named
                if u.start < unit.start
                and not is_title_line(self.sentences[self.sentence_index(u.start)])
            )
            if subject and first_time and not self.among(unit, others):
                frame.confidence = min(frame.confidence, 0.65)
                if office is not None:  # `le chef de la délégation française` again later
                    self.references.add_holder(office, unit)
                return [unit]
            return []
        return []

    def members_named_next(self, index: int, office: Unit, frame: Frame) -> list[Unit]:
        """`... a reçu les attachés militaires accrédités à Mascate. Parmi eux figuraient le
        brigadier X, ... et le colonel Y`: a plural office that nobody holds stands for the
        persons that the next sentence names as its members."""
        if index + 1 >= len(self.sentences) or not is_plural(office.titles[0]):
            return []
        opening = [t.lower_ for t in self.sentences[index + 1][:3]]
        if not (opening[:1] == ["parmi"] or opening[:3] == ["il", "s'", "agit"]):
            return []
        members = [u for u in self.units[index + 1] if u.person is not None]
        if members:
            frame.confidence = min(frame.confidence, 0.65)
            frame.context.add(index + 1)
        return members

    def companions(self, index: int) -> None:
        """`Le général X était accompagné du colonel Y`, `La délégation comprenait Y et Z`: who
        accompanies a party of the event just told (within two sentences; four when the
        text names the party: `Le général X était accompagné de`), or belongs to its
        delegation, is on that party's side."""
        sentence = self.sentences[index]
        if not COMPANION_WORDS.search(self.texts[index]):
            return
        verb = next((t for t in sentence if is_companion_verb(t)), None)
        events = [
            f
            for f in self.frames
            if f.relation != "ATTENDANCE" and f.guests and max(self.told_in(f)) < index
        ]
        kind = named_event_kind(sentence)  # `Lors de la séance de travail, X avait à ses côtés`
        if kind is not None:
            events = [f for f in events if f.relation == kind]
        else:
            told_again = self.told_again_before(index, events)
            events = [told_again] if told_again is not None else events
        reach = len(self.sentences) if kind is not None else 4

        def last_told(frame: Frame) -> int:
            return max(i for i in frame.continued | self.told_in(frame) if i < index)

        if verb is None or not events or index - last_told(events[-1]) > reach:
            return
        if any(
            self.sentence_index(f.trigger.start) == index and f.trigger.start < verb.i
            for f in self.frames
        ):
            return  # `Un tête-à-tête a réuni X et Y, accompagnée de Z`: its own event's
        told = last_told(events[-1])
        persons = [u for u in self.units[index] if u.person is not None]
        principal = self.principal(index, verb, persons, events[-1])
        if index - told > 2 and principal in (None, "guest") and not (
            events[-1].relation == "MET"
            and self.delegation_side_of(sentence, events[-1]) is not None
        ):
            return  # far from the event, only a companion of a named party counts (or a
            # delegation named by its party's country: `La délégation thaïlandaise comprenait`)
        # `La délégation, qui comprenait X et Y, a été reçue par Z`: not past the event's
        # own trigger
        stop = min(
            (
                f.trigger.start
                for f in self.frames + self.partial
                if self.sentence_index(f.trigger.start) == index
                and f.trigger.start > verb.i
                and f.trigger[0].pos_ in ("VERB", "AUX")  # not `lors de cette audience`
            ),
            default=len(self.doc),
        )
        added = [u for u in persons if verb.i < u.start < stop]
        accompanied = self.accompanied_by_subject(index, verb, persons)
        if accompanied is not None:
            # `L'ambassadrice, Mme X, qui accompagnait l'amiral, a confirmé`: the subject
            # is the companion, the object the party
            principal, added = accompanied
        # every event of the last sentence: `X s'est entretenu avec Y et a été reçu par Z.
        # La délégation comprenait ...`
        group = [f for f in events if last_told(f) == told]
        visitors = {
            surname(u.person)
            for f in group
            if f.relation == "RECEIVED"
            for u in f.guests
            if u.person is not None
        }
        for frame in group:
            if principal == "guest" and frame.relation == "MET":  # the visitors' delegation
                side = next(
                    (s for s in (frame.hosts, frame.guests)
                     if visitors & {surname(u.person) for u in s if u.person}),
                    None,
                )
                if side is None and not visitors:
                    side = self.delegation_side_of(sentence, frame)
                if side is not None:
                    side += added
                    frame.sentences.add(index)
                    frame.continued.add(index)
                continue
            if principal == "guest" or principal in {
                surname(u.person) for u in frame.guests if u.person
            }:
                frame.guests += added
            elif frame.relation == "MET" and principal in {
                surname(u.person) for u in frame.hosts if u.person
            }:
                frame.hosts += added
            else:
                continue
            frame.sentences.add(index)
            frame.continued.add(index)

    def told_again_before(self, index: int, events: list[Frame]) -> Frame | None:
        """`Un tête-à-tête a réuni X et Y. [...] Le tête-à-tête a été suivi d'une séance de
        travail. Le ministre y était accompagné de Z`: the sentence before, with no event of
        its own, names an event again by the very noun of its trigger after a definite
        article; that event is the one continued (not the reception told in between)."""
        if index == 0 or any(index - 1 in self.told_in(f) for f in self.frames):
            return None
        before = self.sentences[index - 1]
        nouns = {
            t.lower_
            for t in before
            if t.i > 0 and t.doc[t.i - 1].lower_ in POINTING_BACK
            and trigger_rules.has_noun_rule(t.lower_)
        }

        def written_with(frame: Frame) -> bool:  # `Un tête-à-tête a réuni`, `l'audience`
            told = self.sentences[self.sentence_index(frame.trigger.start)]
            return any(t.lower_ in nouns for t in told)

        named = [f for f in events if written_with(f)]
        if not named:
            return None
        named[-1].continued.add(index - 1)
        named[-1].sentences.add(index - 1)
        return named[-1]

    def delegation_side_of(self, sentence: Span, frame: Frame) -> list[Unit] | None:
        """`La délégation ghanéenne comprenait ...` after a meeting: the side of that country
        (none when the text names no country: either party may have a delegation)."""
        noun = next((t for t in sentence if t.lemma_ in DELEGATION_NOUNS), None)
        country = country_after(sentence.doc, noun.i + 1) if noun is not None else None
        if country is None:
            return None
        for side in (frame.hosts, frame.guests):
            if any(u.person is not None and self.references.is_of(u, country) for u in side):
                return side
        # (else the side of whom the document gives no other country: `La délégation
        # tchadienne` beside `son homologue nigérien`)
        open_sides = [
            side
            for side in (frame.hosts, frame.guests)
            if not any(
                u.person is not None and self.references.person_countries(u) - {country}
                for u in side
            )
        ]
        return open_sides[0] if len(open_sides) == 1 else None

    def accompanied_by_subject(
        self, index: int, verb, persons: list[Unit]
    ) -> tuple[str, list[Unit]] | None:
        """(the accompanied party's surname, the companions) of an active `accompagner`
        (`X, qui accompagnait l'amiral`), else None (`accompagné de X`)."""
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if (
            not verb.lower_.startswith("accompagn")
            or verb.pos_ != "VERB"
            or following is None
            or following.lower_ in ("de", "du", "des", "d'", "par")
            or "Part" in verb.morph.get("VerbForm")
        ):
            return None
        companions = [u for u in persons if u.end <= verb.i]
        objects = [u for u in self.units[index] if u.start > verb.i][:1]
        if not companions or not objects:
            return None
        party = objects[0]
        if party.person is None and party.rank_only:
            holders = self.references.distinct(self.references.rank_holders(party))
            party = holders[0] if len(holders) == 1 else party
        if party.person is None:
            return None
        return surname(party.person), companions[-1:]

    def principal(self, index: int, verb, persons: list[Unit], frame) -> str | None:
        """Whom a companion sentence is about: a surname, or `guest` for `la délégation`.
        `Il était accompagné de ...` is about the party named last in the event's sentence
        (`... une délégation conduite par X. Il était accompagné de Y`)."""
        before = [u for u in persons if u.end <= verb.i]
        if before:
            return surname(before[0].person)
        subject = trigger_rules.parse_subject(verb)
        if subject is not None and subject.lower_ == "qui" and verb.dep_ == "acl:relcl":
            subject = verb.head  # `L'officier général portugais, qui était accompagné de`
        if subject is None:
            return None
        row = anaphors().get(fold_word(subject.lower_))
        if subject.lemma_ in DELEGATION_NOUNS or (
            row is not None and row["kind"] in ("guest", "guests") and "Plur" in subject.morph.get(
                "Number"
            )
        ):  # `La délégation était accompagnée de`, `Les visiteurs étaient accompagnés de`
            return "guest"
        office = next(
            (u for u in self.units[index] if u.title_only and u.start <= subject.i < u.end), None
        )
        if office is not None:  # `Le Commandant Général était accompagné de ...`
            holders = self.references.distinct(self.references.office_holders(office))
            if len(holders) != 1:  # `Le ministre était accompagné de`: the minister of the
                # event just told, when the document names several
                head = office_key(office.titles[0].text)[0]
                holders = self.references.distinct(
                    [h for _, h in self.references.holders.get(head, [])
                     if self.among(h, frame.hosts + frame.guests)])
            return surname(holders[0].person) if len(holders) == 1 else None
        if subject.pos_ == "PRON" and subject.lower_ in ("il", "elle"):
            guests = [u for u in frame.guests if u.person is not None]
            if frame.relation == "RECEIVED" and len(guests) == 1 and guest_is_subject(frame):
                # `Le CEMGA a été reçu par le ministre, le général Y. Il était accompagné de`:
                # the pronoun goes on with the subject, the guest
                return surname(guests[0].person)
            hosts = [u for u in frame.hosts if u.person is not None]
            if frame.relation == "MET" and not frame.mutual and len(hosts) == 1:
                # `X s'est entretenu avec Y. Il était accompagné de Z`: the meeting's subject
                return surname(hosts[0].person)
            parties = [u for u in frame.hosts + frame.guests if u.person is not None]
            if parties:
                return surname(max(parties, key=lambda u: u.start).person)
        rank = next(
            (u for u in self.units[index] if u.rank_only and u.start <= subject.i < u.end),
            None,
        )
        if rank is not None:  # `Le général conduisait une délégation ..., dont X`
            holders = self.references.rank_holders(rank)
            return surname(holders[0].person) if holders else None
        person = self.references.pronoun(subject, index, frame)
        return surname(person.person) if person is not None else None

    def attendance(self, index: int) -> None:
        """Attendees of the event of this sentence, else of the event told just before (within
        two sentences, or any distance when the sentence names it: `l'audience`): `en
        présence de X`, `Ont pris part à l'audience X et Y`, `X et Y ont
        assisté à ...`, `Aux côtés du ministre se trouvaient X`, `..., aux côtés de X`."""
        events = [f for f in self.frames if f.relation != "ATTENDANCE"]
        here = [f for f in events if index in self.told_in(f)]
        sentence = self.sentences[index]
        beside_host = alongside_start(sentence) is not None and any(
            t.lemma_ == "trouver" or is_present(t) for t in sentence
        )
        reach = len(self.sentences) if names_the_event(sentence) or beside_host else 2
        before = [f for f in events if 0 < index - max(self.told_in(f)) <= reach]
        kind = named_event_kind(sentence)  # `L'audience s'est déroulée en présence de X`
        before = [f for f in before if f.relation == kind] or before
        candidates = here or before
        # (`... en visite de travail au siège de la Commission`: a body's frame inside a
        # list line of a person's audiences is not whom the attendees attend)
        with_person = [f for f in candidates if any(u.person for u in f.hosts)]
        frame = (with_person or candidates or [None])[-1]
        if frame is None:
            self.alongside(index)
            return
        parties = {u.start for u in frame.hosts + frame.guests}
        found = [u for u in self.attendees(index, bool(here)) if u.start not in parties]
        frame.attendees += found
        if frame.relation == "MET":
            for attendee in found:
                party = self.party_beside(frame, attendee, sentence)
                if party is not None:
                    frame.attended[attendee.start] = party

    def party_beside(self, frame: Frame, attendee: Unit, sentence: Span) -> Unit | None:
        """The party of a meeting whom an attendee attends: the home party, the one who is
        no guest of a reception the document tells (`X a été accueilli à l'aéroport par Y.
        L'hôte ghanéen s'est entretenu avec Z ... en présence du général W`: Z); None when
        unsure."""
        parties = frame.principal_parties()
        visitors = {
            surname(u.person)
            for f in self.frames
            if f.relation == "RECEIVED"
            for u in f.guests
            if u.person is not None
        }
        home = [u for u in parties if u is not None and surname(u.person) not in visitors]
        return home[0] if len(home) == 1 else None

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
                if t.lemma_ in ATTENDANCE_VERBS
                or opens_with_attendance(t)
                or is_present(t)
                or (t.lemma_ == "trouver" and sides is not None)
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
        if "côtés" not in self.texts[index].lower():
            return
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


def guest_is_subject(frame: Frame) -> bool:
    """`X a été reçu par Y`, `X a rendu visite à Y`: the guest is the trigger's subject."""
    verb = frame.trigger.root
    if trigger_rules.is_passive(verb):
        return True
    rules = trigger_rules.rules()[0].get(verb.lemma_.lower().removeprefix("s'"), [])
    return bool(rules) and all(rule["subject"] == "guest" for rule in rules)


def is_leader_word(token) -> bool:
    return is_leader_lemma(token.lemma_) or token.lower_ in LEADER_WORDS


def fronts_a_leader(sentence: Span) -> bool:
    """`Conduite par X, ...`: a sentence that opens with a leader's participle and `par`."""
    words = [t for t in sentence if not t.is_space][:2]
    return (
        len(words) == 2
        and words[0].lower_ in LEADER_WORDS - {"présidée", "présidé"}
        and words[1].lower_ == "par"
    )


def leads_a_delegation(verb) -> bool:
    """`La délégation était conduite par X`, `Conduite par X, la délégation a visité`, `La
    mission, conduite par X, ...`."""

    def has_delegation_subject(token) -> bool:
        return any(
            c.lemma_ in DELEGATION_NOUNS for c in token.children if c.dep_.startswith("nsubj")
        )

    return (
        has_delegation_subject(verb)
        or (verb.dep_ == "acl" and verb.head.lemma_ in DELEGATION_NOUNS)  # `La mission,
        # conduite par X, compte ...`
        or (
            verb.dep_ in ("advcl", "acl")
            and verb.i < verb.head.i
            and has_delegation_subject(verb.head)
        )
    )


def is_companion_verb(token) -> bool:
    """`accompagné(e)(s) de`, `entouré de`, `avait à ses côtés`; a delegation that
    `comprend`, `compte`, `inclut` (`une délégation qui comprend`)."""
    if token.pos_ not in ("VERB", "ADJ", "AUX"):
        return False
    if token.lower_.startswith(("accompagn", "entour")):
        return True
    if token.lemma_ == "avoir":
        words = [t.lower_ for t in token.doc[token.i + 1 : token.i + 4]]
        return words[:1] == ["à"] and words[2:3] in (["côtés"], ["côté"])
    if is_leader_lemma(token.lemma_):
        # `Le CEMGA conduisait une délégation de quatre officiers, au nombre desquels X et Y`
        return any(c.lemma_ == "délégation" and c.dep_ == "obj" for c in token.children)
    if token.lemma_ not in ("comprendre", "compter", "inclure", "composer"):
        return False
    # `une délégation qui comprend ...`
    return (token.dep_ == "acl:relcl" and token.head.lemma_ == "délégation") or any(
        t.lemma_ == "délégation" for t in token.children if t.dep_.startswith("nsubj")
    )


def names_the_event(sentence: Span) -> bool:
    """`Ont pris part à l'audience ...`, `La cérémonie s'est déroulée ...`: the sentence points
    back at an event with a definite noun."""
    text = sentence_text(sentence).lower()
    if not any(noun in text for noun in EVENT_NOUNS):
        return False
    return any(
        t.lower_ in EVENT_NOUNS and t.i > 0 and t.doc[t.i - 1].lower_ in POINTING_BACK
        for t in sentence
    )


def named_event_kind(sentence: Span) -> str | None:
    """The relation of the event a sentence points back at with a definite trigger noun
    (`l'audience`: RECEIVED, `la séance de travail`: MET), from the noun rules of
    `models/triggers.jsonl`; None when it names none."""
    if not names_the_event(sentence):
        return None
    nouns = trigger_rules.rules()[1]
    for token in sentence:
        noun = token.lower_ if token.lower_ in nouns else token.lower_.removesuffix("s")
        if noun in nouns and token.i > 0 and token.doc[token.i - 1].lower_ in POINTING_BACK:
            return nouns[noun]["relation"]
    return None


def alongside_start(sentence: Span) -> int | None:
    """Where `aux côtés de` begins in the sentence, or None."""
    if "côtés" not in sentence_text(sentence):
        return None
    for token in sentence:
        if token.lower_ == "côtés" and token.i > 0 and token.doc[token.i - 1].lower_ == "aux":
            return token.i
    return None


def presence_start(sentence: Span) -> int | None:
    if "présence" not in sentence_text(sentence).lower():
        return None
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
    text = sentence_text(sentence).rstrip()
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
        and not (LIST_LINE.match(sentence_text(sentence)))
    )


def is_title_line(sentence: Span) -> bool:
    """A heading or a page title: a paragraph of its own, without a verb, of a few words,
    with no full stop (`Rencontre Karam–Rivera Olmedo au ministère de la Défense`)."""
    return is_heading(sentence) or (
        is_headline(sentence, most_words=15)
        and not any(t.pos_ in ("VERB", "AUX") for t in sentence)
    )


def is_headline(sentence: Span, most_words: int = 25) -> bool:
    """A paragraph of its own with no full stop, of a headline's length, verb or not
    (`Gambie : le nouveau commandant de l'ECOMIG reçu par le chef d'état-major`)."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    return (
        len(words) <= most_words
        and not sentence.text.rstrip().endswith(".")
        and sentence.text_with_ws.endswith("\n\n")
    )
