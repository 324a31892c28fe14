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
4. *After the trigger's sentence* (follow_ups.py): list lines, partial frames joined,
   companions, delegation members and attendees told in the next sentences.
5. *When and where* (when_where.py): the event's own date and place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from . import resources
from . import triggers as trigger_rules
from .chains import LOCATIVE, Unit, preceded_by, sentence_text, surname, word_before
from .event import Frame
from .follow_ups import (
    LEADER_WORDS,
    FollowUps,
    alongside_start,
    is_companion_verb,
    is_headline,
    is_title_line,
    presence_start,
    sentence_announces_list,
)
from .references import (
    DEFINITE,
    NUMBER_WORDS,
    References,
    anaphors,
    fold_word,
    is_plural,
    office_heads,
    office_key,
    plural_groups,
    plural_office_word,
)
from .triggers import Trigger
from .when_where import WhenWhere, is_place_of_event

ABOUT_WORDS = frozenset(["contre", "sur", "de", "du", "des", "d'", "pour", "par", "envers"])
# a sentence with one of these tells a later event, not the one told before
LATER_WORDS = frozenset(["après-midi", "soirée", "lendemain"])  # (`ensuite`: the same audience)
CLAUSE_BREAKS = frozenset([";", "qui", "où", "afin", "lors", "lorsque", "quand", "dont"])
CAPTION_START = re.compile(r"^\s*\(?\s*(?:photo|ph\.|légende|crédit|©)", re.IGNORECASE)
CAPTION_END = re.compile(r"(?:©|\(c\)|crédits? photos?\s*:|photo\s*:)[^.!?]{0,60}$",
                         re.IGNORECASE)
ARTICLES = frozenset(["le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur"])
COUNTERPART_WORDS = frozenset(["son", "sa", "leur", "homologue", "homologues"])
NOUN_REACH = 8  # tokens from a noun trigger to its first participant (`visite de travail de X`)


NAMES_GAP = 6  # words between a plural office and the comma before the names it introduces


class FrameBuilder(FollowUps, WhenWhere):
    def __init__(
        self,
        doc: Doc,
        sentences: list[Span],
        units: list[list[Unit]],
        entities: list[Span] | None = None,
    ):
        self.doc = doc
        self.sentences = sentences
        self.entities = list(doc.ents) if entities is None else entities
        self.texts = [sentence_text(sentence) for sentence in sentences]
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
        # the leader whose delegation the frame being read receives, set while its subject
        # side is read (`la délégation`, `X et sa délégation`), moved onto the frame after
        self.delegation: Unit | None = None

    # ------------------------------------------------------------------ the document

    def build(self) -> list[Frame]:
        """Frames of the trigger sentences, then what the next sentences add, then the
        parties' sentences, dates and places."""
        self.read_triggers()
        self.hosts_from_heading()
        self.join_partial_frames()  # sorts the frames by trigger
        for index in self.story_sentences():
            self.companions(index)
            self.attendance(index)
        for frame in self.frames:
            if frame.delegation is not None:
                frame.guests += self.delegation_members(frame)
        self.frames = [f for f in self.frames if self.without_attendees_as_guests(f)]
        self.frames.sort(key=lambda f: f.trigger.start)
        self.frames = [f for f in self.frames if not self.meeting_of_a_reception(f)]
        for frame in list(self.frames):
            received = self.visit_received_in_person(frame)
            if received is not None:  # (the visit's sentence may date it: `Le 16, il a visité`)
                received.context.add(self.sentence_index(frame.trigger.start))
                self.frames.remove(frame)
        self.frames = [f for f in self.frames if not self.heading_of_a_told_event(f)]
        self.frames = [piece for frame in self.frames for piece in self.dated_lines(frame)]
        for frame in self.frames:
            parties = frame.hosts + frame.guests + frame.attendees
            frame.context |= {self.sentence_index(frame.trigger.start)}
            frame.sentences |= frame.context | {self.sentence_index(u.start) for u in parties}
            self.date_and_place(frame)
        self.carry_dates()
        return self.frames

    def without_attendees_as_guests(self, frame: Frame) -> bool:
        """`Le ministre reçoit le chef d'état-major malien` (headline) ... `en présence du
        chef d'état-major général des armées, le général Y`: an office guest that resolved
        to someone who attends another event of the same host is not that person; whether
        the frame keeps a guest."""
        if not frame.guests_from_office:
            return True
        attending = [
            u
            for other in self.frames
            if other is not frame and any(self.among(h, frame.hosts) for h in other.hosts)
            for u in other.attendees
        ]
        frame.guests = [g for g in frame.guests if not self.among(g, attending)]
        return bool(frame.guests)

    def visit_received_in_person(self, frame: Frame) -> Frame | None:
        """`X a visité l'École navale, où il a été accueilli par son commandant, le général
        Y` (or `Il y a été accueilli par` in the next sentence): the visit's host is the
        person named, not the institution."""
        if not frame.body_host:
            return None
        index = self.sentence_index(frame.trigger.start)
        guests = {surname(u.person) for u in frame.guests if u.person is not None}
        return next(
            (
                other
                for other in self.frames
                if guests
                and other.relation == "RECEIVED"
                and not other.body_host
                and self.sentence_index(other.trigger.start) in (index, index + 1)
                and other.trigger.start > frame.trigger.start
                and any(u.person is not None for u in other.hosts)
                and guests <= {surname(u.person) for u in other.guests if u.person is not None}
            ),
            None,
        )

    def hosts_from_heading(self) -> None:
        """`Rencontre Karam–Rivera Olmedo` above `Le ministre sortant a reçu hier le général
        Santiago Rivera Olmedo`: a reception whose host is an office nobody holds here is
        given by the heading's other party."""
        headings = [
            f
            for f in self.frames
            if f.relation == "MET"
            and is_title_line(self.sentences[self.sentence_index(f.trigger.start)])
        ]
        for frame in list(self.partial):
            if frame.relation != "RECEIVED" or frame.hosts or not frame.guests:
                continue
            guests = {surname(u.person) for u in frame.guests if u.person is not None}
            for heading in headings:
                parties = [u for u in heading.hosts + heading.guests if u.person is not None]
                others = [u for u in parties if surname(u.person) not in guests]
                if len(parties) == 2 and len(others) == 1:
                    frame.hosts = others
                    frame.sentences.add(self.sentence_index(heading.trigger.start))
                    self.partial.remove(frame)
                    self.frames.append(frame)
                    break

    def heading_of_a_told_event(self, frame: Frame) -> bool:
        """`Rencontre Aka–Owusu-Mensah` above `Le mardi 26 novembre, un tête-à-tête a réuni M.
        Aka et ...` (or above `X a été reçue hier par Y`): a heading whose parties an event of
        the story names is that event's title, not an event of its own (it would take another
        event's date, or call a reception a meeting)."""
        index = self.sentence_index(frame.trigger.start)
        if not is_title_line(self.sentences[index]):
            return False
        parties = {surname(u.person) for u in frame.hosts + frame.guests if u.person}
        return any(
            other is not frame
            and index < self.sentence_index(other.trigger.start)
            and parties <= {surname(u.person) for u in other.hosts + other.guests if u.person}
            for other in self.frames
        )

    def meeting_of_a_reception(self, frame: Frame) -> bool:
        """`X a accueilli Y. Les deux chefs ont ensuite tenu une séance de travail`, `La
        rencontre X–Y a permis ...`: a meeting of `les deux ...`, or told again by a definite
        noun, between the host and guest of a reception told before is that reception (one
        fact once)."""
        if frame.relation != "MET":
            return False
        trigger = frame.trigger[0]
        subject = trigger_rules.parse_subject(trigger)
        told_again = trigger.pos_ == "NOUN" and self.doc[trigger.i - 1].lower_ in DEFINITE
        if not told_again and (
            subject is None or subject.i == 0 or self.doc[subject.i - 1].lower_ not in NUMBER_WORDS
        ):
            return False  # not `les deux chefs`, `La rencontre A–B`: a meeting told on its own
        sentence = self.sentences[self.sentence_index(frame.trigger.start)]
        if any(t.ent_type_ == "DATE" for t in sentence):
            return False  # `les deux hommes s'étaient rencontrés le 14 février`: another day
        if any(t.lower_ in LATER_WORDS for t in sentence):
            return False  # `Dans l'après-midi, les deux ministres ont eu une séance de travail`
        parties = {surname(u.person) if u.person else u.start for u in frame.hosts + frame.guests}
        reception = next(
            (
                f
                for f in self.frames
                if f.relation == "RECEIVED"
                and parties
                <= {surname(u.person) if u.person else u.start for u in f.hosts + f.guests}
                and f.trigger.start < frame.trigger.start
            ),
            None,
        )
        if len(parties) != 2 or reception is None:
            return False
        reception.attendees += [u for u in frame.attendees if u not in reception.attendees]
        return True

    def dated_lines(self, frame: Frame) -> list[Frame]:
        """`Ont été reçus en audience : – l'ambassadeur X ; – le général Y, accompagné de Z`:
        guests listed on lines are as many audiences, one per line (with the companions of
        its line), each dated by the date its line opens with (`– Mardi 10 juin : ...`), else
        by the frame's."""
        if not frame.from_list:
            return [frame]
        lines: dict[int, list[Unit]] = {}
        for guest in frame.guests:
            lines.setdefault(self.sentence_index(guest.start), []).append(guest)
        if len(lines) < 2:
            return [frame]
        dates = {}
        for index in lines:
            sentence = self.sentences[index]
            opening = [
                e for e in self.entities
                if e.label_ == "DATE" and sentence.start <= e.start < sentence.start + 4
            ]
            dates[index] = opening[0] if opening else frame.date
        return [
            replace(frame, guests=guests, context={index}, date=dates[index],
                    sentences=set(frame.sentences), attendees=list(frame.attendees))
            for index, guests in lines.items()
        ]

    def story_sentences(self) -> list[int]:
        """The sentences that may tell an event: not photo captions."""
        captions = caption_indices(self.sentences)
        return [i for i in range(len(self.sentences)) if i not in captions]

    def read_triggers(self) -> None:
        for index in self.story_sentences():
            sentence = self.sentences[index]
            found = trigger_rules.verb_triggers(sentence)
            for trigger in found:
                self.add(self.verb_frame(index, trigger, found))
            if not found:
                for trigger in trigger_rules.noun_triggers(sentence):
                    if self.add(self.noun_frame(index, trigger)):
                        break
                else:
                    self.add(self.counterparts_together(index))
                self.add(self.delegation_leader(index))

    def add(self, frame: Frame | None) -> bool:
        if frame is None:
            return False
        if not frame.hosts or not frame.guests:
            if frame.hosts or frame.guests:
                self.partial.append(frame)
            return False
        self.frames.append(frame)
        return True

    # ------------------------------------------------------------------ verb triggers

    def verb_frame(self, index: int, trigger: Trigger, found: list[Trigger]) -> Frame | None:
        sentence = self.sentences[index]
        token = trigger.token
        units = [u for u in self.units[index] if is_party(u)]
        left = [u for u in units if u.end <= token.i]
        right_end = self.object_region_end(sentence, trigger.object_start, found)
        right = [u for u in units if trigger.object_start <= u.start < right_end]
        frame = Frame(trigger.relation, self.doc[token.i : token.i + 1], sentences={index})
        frame.body_host = bool(trigger.rule.get("object_label"))
        subject = self.subject_side(index, token, left)
        parsed = trigger_rules.parse_subject(token)
        if parsed is not None and parsed.lower_ in ("ils", "elles") and subject:
            # `Jeudi, ils ont visité Popayán. Ils y ont été accueillis par`: that event's day
            last = self.last_told(token.i)
            if last is not None:
                frame.context.add(self.sentence_index(last.trigger.start))
        parse_confirmed = trigger_rules.parse_subject(token) is not None and bool(subject)
        frame.confidence = 0.9 if parse_confirmed else 0.75
        if trigger.passive and trigger.relation == "RECEIVED":
            # `reçu successivement par X, puis par Y`: every agent is a host
            agent = [self.named_in_apposition(u, right) for u in right if preceded_by(u, ("par",))]
            agent = [u for i, u in enumerate(agent) if u not in agent[:i]]
            region = self.doc[trigger.object_start : right_end]
            counterpart = self.references.counterpart_agent(region)
            if not agent and counterpart is not None:  # `par son homologue malien, X`
                agent = [counterpart]
            if not subject and agent and trigger.rule.get("requires"):
                # `Une audience a été accordée par X au général Y`: the light verb's noun is
                # the subject, the guest its dative
                dative = [u for u in right if preceded_by(u, ("à", "au", "aux")) and u not in agent]
                subject = self.series(dative[0], right) if dative else []
                if not any(u.person for u in subject):
                    # `audience a été accordée par X à la délégation de la CEEAC`: the
                    # delegation received before
                    subject = self.delegation_received(token.i, right_end) or subject
                clitic = next(
                    (t for t in self.doc[sentence.start : token.i] if t.lower_ == "lui"), None
                )
                if not subject and clitic is not None:
                    # `Mardi, une audience lui a été accordée par X`: the person the story
                    # is about
                    person = self.references.subject_person(index, clitic.i)
                    subject = [person] if person is not None else []
            if not subject and agent:  # `Reçu par X, titre, Y a ...`: Y follows the agent
                subject = self.main_subject_after(index, agent[0], right)
            guest = next((u for u in subject if u.person is not None), None)
            if not agent and guest is not None:
                # `il a été accueilli par son homologue béninois`: the counterpart named
                # elsewhere in the document
                region = self.doc[trigger.object_start : right_end]
                agent = self.references.counterparts(region, guest)
            fronted = [u for u in left if u.person is not None and is_companion(self.doc, u)]
            subject += [u for u in fronted if u not in subject]  # `Accompagné de X, Y a été reçu`
            sides = {"host": agent, "guest": subject}
        elif right and (antecedent := self.inverted_clitic_object(index, token)) is not None:
            # `l'École de l'Air, où l'a accueilli son commandant, le colonel X`: the subject
            # follows the verb, the clitic object is the clause's antecedent person
            sides = {
                trigger.rule["subject"]: self.series(right[0], right),
                trigger.rule["object"]: [antecedent],
            }
        else:
            objects = self.object_side(right, trigger.rule)
            if subject and (not objects or self.added_to_the_verb(token, objects[0])):
                # `C'est le commandant de la base, X, qui l'a accueilli`, `Y l'avait reçue,
                # ainsi que le général Z`: the clitic object is the person the story told
                # before
                objects = self.clitic_object(index, token, subject) + objects
            named_subject = subject[0] if subject else None
            if named_subject is not None and named_subject.title_only:
                holders = self.references.office_holders(named_subject)
                named_subject = holders[0] if len(holders) == 1 else None
            if named_subject is not None and named_subject.person is not None:
                region = self.doc[trigger.object_start : right_end]
                objects += self.references.counterparts(region, named_subject)
            if objects and objects[-1].person is not None:
                objects += self.relative_companions(sentence, right_end, units)
            if trigger.rule["object"] == "host":
                # `venu rendre une visite au ministre, accompagné de l'attaché de défense, le
                # colonel X`: who accompanies is the visitor's, not a host
                cut = next((t.i for t in self.doc[trigger.object_start : right_end]
                            if is_companion_verb(t)), None)
                if cut is not None:
                    subject += [u for u in objects if u.start > cut and u not in subject]
                    objects = [u for u in objects if u.start < cut]
            sides = {trigger.rule["subject"]: subject, trigger.rule["object"]: objects}
        if trigger.relation == "MET" and not subject:
            sides, frame.mutual = self.parties_of_an_event_noun(token, right, sides)
        if subject and self.delegation is None:
            self.delegation = self.own_delegation(subject[-1])
        first, second = ("host", "guest") if trigger.relation == "RECEIVED" else ("head", "tail")
        frame.hosts = self.resolve(sides.get(first, []), frame, sides.get(second, []))
        written_hosts = sides.get(first, [])
        frame.invitation = (
            trigger.relation == "RECEIVED"
            and bool(written_hosts)
            and all(self.invited_by(u) for u in written_hosts)
        )
        if (
            trigger.rule.get("lemma") == "recevoir"
            and token.lemma_ == "recevoir"
            and not trigger.passive
            and frame.hosts
            and not any(u.person for u in frame.hosts)
            and any(t.lower_ == "visite" for t in self.doc[token.i : trigger.object_start])
        ):  # `le Collège a reçu la visite de X`: a visit to an institution, like `visiter`
            frame.body_host = True
        presence = presence_start(sentence)
        present = [u for u in units if presence is not None and u.start >= presence]
        # `a reçu les deux chefs d'état-major invités, en présence du général X`: not X
        frame.guests = self.resolve(sides.get(second, []), frame, frame.hosts + present)
        self.named_on_one_side(frame, sides, first)
        frame.delegation, self.delegation = self.delegation, None
        if len(sides.get(second, [])) == 1 and sides[second][0].title_only:
            office = sides[second][0]
            frame.guests_from_office = True
            members = self.members_named_next(index, office, frame)
            if members:  # `... a reçu les commandants des deux forces. Il s'agit de X et de Y`
                frame.guests = members
            elif not frame.guests:
                frame.guests = self.introduced_next(index, office, frame)
                frame.guests = frame.guests or self.members_named_next(index, office, frame)
            elif index + 1 < len(self.sentences) and all(
                g.start >= self.sentences[index + 1].end for g in frame.guests
            ):
                frame.guests = self.introduced_next(index, office, frame) or frame.guests
        hosts_written = sides.get(first, [])
        if (
            trigger.relation == "RECEIVED"
            and not frame.hosts
            and frame.guests
            and len(hosts_written) == 1
            and hosts_written[0].title_only
        ):  # `X a été reçu par le chef d'état-major. Le général Y a tenu avec son hôte ...`
            frame.hosts = self.introduced_next(index, hosts_written[0], frame, host=True)
        if trigger.relation == "MET" and not frame.guests:
            # `un tête-à-tête a réuni les deux chefs militaires`: the two parties told before
            pair = self.two_told_before(trigger.object_start, right_end)
            if pair:
                frame.hosts, frame.guests = pair[:1], pair[1:]
        if not frame.guests and frame.hosts:
            # `le Chef de l'État a eu un tête-à-tête avec le diplomate italien`: a party of
            # the event told before, written as an anaphoric noun
            frame.guests = self.anaphoric_object(index, trigger.object_start, right_end, frame)
        if not frame.guests and frame.hosts and any(
            t.lower_ in ("homologue", "homologues") or self.stands_for_the_guest(t)
            for t in self.doc[trigger.object_start : right_end]
        ):  # `... avec son homologue mauritanien. Ce dernier, M. X, a plaidé`; `a reçu un
            # hôte de marque. L'hôte du jour, le général X, ...`
            frame.guests = self.introduced_next(index, None, frame)
        if not any(u.person is not None for u in sides.get(second, [])):
            announcing = self.announced_list(index)
            if announcing is not None:
                frame.guests = self.list_guests(announcing, frame) or frame.guests
        if trigger.relation == "MET" and not frame.guests and len(frame.hosts) > 1:
            # (two parties meet once; a companion added later meets only the other party)
            frame.mutual = len(frame.hosts) > 2
            frame.hosts, frame.guests = frame.hosts[:1], frame.hosts[1:]
        elif trigger.rule.get("mutual") and not frame.hosts and len(frame.guests) > 1:
            # `La séance était co-présidée par X et Y`: the chairs met
            frame.hosts, frame.guests = frame.guests[:1], frame.guests[1:]
            frame.mutual = True
        elif (
            trigger.relation == "MET"
            and not subject
            and len(frame.guests) > 1
            and trigger_rules.is_reflexive(token)
            and is_plural_or_none(trigger_rules.parse_subject(token))
        ):  # `À Riga se sont réunis ... les chefs de la défense : A, B et C`, not `le CdA
            # s'est entretenu avec ...` (a subject not resolved)
            frame.hosts, frame.guests = frame.guests[:1], frame.guests[1:]
            frame.mutual = True
        return frame

    def delegation_received(self, start: int, end: int) -> list[Unit]:
        """The named guests of the last event, when `à la délégation` is a dative here and
        that event received a delegation (its leader `et sa délégation`, or `conduite par`)."""
        previous = self.frames[-1] if self.frames else None
        if previous is None or previous.relation != "RECEIVED" or not any(
            t.lemma_ == "délégation" and self.doc[t.i - 2].lower_ == "à"
            for t in self.doc[start:end]
            if t.i >= 2
        ):
            return []
        if previous.delegation is not None:
            self.delegation = previous.delegation  # (its members join in `build`)
            return [previous.delegation]
        return self.delegation_side(previous, start)

    def two_told_before(self, start: int, end: int) -> list[Unit]:
        """`les deux chefs`, `les deux hommes` in a meeting's object: the two parties of the
        event told before, else nobody."""
        previous = self.frames[-1] if self.frames else None
        for token in self.doc[start:end]:
            noun = self.doc[token.i + 1] if token.i + 1 < end else None
            if (
                token.lower_ == "deux"
                and self.doc[token.i - 1].lower_ == "les"
                and noun is not None
                and (plural_office_word(noun.lower_) or fold_word(noun.lower_) in anaphors())
                and previous
            ):
                sides = previous.principal_parties()
                return [] if None in sides else sides
        return []

    def invited_by(self, unit: Unit) -> bool:
        """`à l'invitation du Président de l'état-major, X`: who invited, not who received."""
        word, position = word_before(self.doc, unit.start)
        return word == "invitation" or (
            word in ("de", "du", "d'") and word_before(self.doc, position)[0] == "invitation"
        )

    def anaphoric_object(self, index: int, start: int, end: int, frame: Frame) -> list[Unit]:
        previous = self.frames[-1] if self.frames else None
        for token in self.doc[start:end]:
            row = anaphors().get(fold_word(token.lower_))
            if (
                row is None
                or row["kind"] not in ("office", "guest")
                or token.pos_ != "NOUN"
                or self.doc[token.i - 1].lower_ not in DEFINITE
            ):
                continue
            person = self.references.pronoun(token, index, previous)
            hosts = {surname(u.person) for u in frame.hosts if u.person is not None}
            if person is not None and surname(person.person) not in hosts:
                return [person]
        return []

    def clitic_before(self, token):
        """The word before a verb and its auxiliaries (`l'` of `l'a accueilli`)."""
        position = token.i - 1
        while position > 0 and self.doc[position].pos_ == "AUX":
            position -= 1
        return self.doc[position]

    def clitic_object(self, index: int, token, subject: list[Unit]) -> list[Unit]:
        """`C'est le commandant, X, qui l'a accueilli`: the person the story told before,
        for a clitic object of a verb whose object side names nobody."""
        clitic = self.clitic_before(token)
        if clitic.lower_ not in ("l'", "l’", "la", "le") or clitic.pos_ != "PRON":
            return []
        person = self.references.subject_person(index, self.sentences[index].start)
        written = {surname(u.person) for u in subject if u.person is not None}
        return [person] if person is not None and surname(person.person) not in written else []

    def added_to_the_verb(self, token, unit: Unit) -> bool:
        """`l'avait reçue, ainsi que le général Z`: the object is added to the verb's own."""
        between = " ".join(t.lower_ for t in self.doc[token.i + 1 : unit.start])
        return between.startswith(", ") and any(
            link in between for link in ("ainsi que", "de même que", "tout comme"))

    def inverted_clitic_object(self, index: int, token) -> Unit | None:
        """The person a clitic object stands for in `où l'a accueilli X` / `où les a reçus
        X` (the main clause's subject), or None when the verb has no such clitic."""
        clitic = self.clitic_before(token)
        if clitic.i < 1 or clitic.lower_ not in ("l'", "l’", "les", "la", "le"):
            return None
        if self.doc[clitic.i - 1].lower_ != "où":
            return None
        return self.references.subject_person(index, clitic.i - 1)

    def stands_for_the_guest(self, token) -> bool:
        """`un hôte de marque`, `le visiteur`, `son invité`: a noun in a reception's object
        that names nobody but stands for the guest."""
        row = anaphors().get(fold_word(token.lower_))
        if row is None:
            return False
        # (`a reçu un hôte venu de Lomé`: in the object of a reception `hôte` is the guest;
        # `a reçu le diplomate suédois venu prendre congé`)
        return row["kind"] in ("guest", "host", "office")

    def relative_companions(self, sentence: Span, clause: int, units: list[Unit]) -> list[Unit]:
        """`... avec le général X, qui était accompagné de l'attaché de défense, le colonel Y`:
        the persons a relative clause right after the object side says accompany it."""
        if clause >= sentence.end or self.doc[clause].lower_ != "qui":
            return []
        following = self.doc[clause + 1 : min(clause + 5, sentence.end)]
        verb = next((t for t in following if is_companion_verb(t)), None)
        if verb is None:
            return []
        end = self.object_region_end(sentence, verb.i + 1, [])
        return [u for u in units if verb.i < u.start < end and u.person is not None]

    def parties_of_an_event_noun(
        self, token, right: list[Unit], sides: dict
    ) -> tuple[dict, bool]:
        """`Un tête-à-tête a réuni X et Y, accompagnée de Z`: the meeting (an event noun of
        `models/triggers.jsonl`) is the subject; the parties are its objects, X on one side, Y
        and Y's companions on the other; three or more parties all met each other (mutual)."""
        noun = trigger_rules.parse_subject(token)
        # `a réuni hier au cabinet du ministre, à Cotonou, X et Y`: where, not who
        objects = [
            u for u in sides.get("tail", []) if not is_place_of_event(self.doc[u.start : u.end])
        ]
        if noun is None or not trigger_rules.has_noun_rule(noun.lower_) or len(objects) < 2:
            return sides, False
        parties = self.series(objects[0], right)
        if len(parties) < 2:
            return sides, False
        if len(parties) > 2:
            return {"head": parties[:1], "tail": parties[1:]}, True
        companions = [u for u in objects if u not in parties and is_companion(self.doc, u)]
        return {"head": parties[:1], "tail": parties[1:] + companions}, False

    def delegation_side(self, previous: Frame, before: int) -> list[Unit]:
        """`X, qui conduit une délégation ..., ...`. `La délégation a été accueillie par Z`:
        the delegation is the side of the previous event where its leader stands, with his
        companions."""
        leaders = set()
        for unit in self.references.named:
            if unit.start >= before:
                break
            words = [t.lemma_ for t in self.doc[unit.end : min(unit.end + 8, before)]]
            if marker(self.doc, unit.start) == "led_by" or (
                "délégation" in words
                and any(lemma in ("conduire", "diriger", "mener") for lemma in words)
            ):
                leaders.add(surname(unit.person))
        for side in (previous.guests, previous.hosts):
            led = [u for u in side if u.person is not None and surname(u.person) in leaders]
            if led:
                self.delegation = led[0]
                # a counterpart the leader met (both guests of a reception) is not his
                met = self.met_by(surname(led[0].person))
                return [u for u in side if u.person is not None and surname(u.person) not in met]
        return []

    def leader_told_since(self, previous: Frame | None, before: int) -> Unit | None:
        """`... la visite d'une délégation malawite conduite par Mme X au quartier général ...
        La délégation y a été accueillie par Y`: the leader of a delegation written in the
        sentence before, after the last event told (no event of its own tells it)."""
        index = self.sentence_index(before)
        if index == 0:
            return None
        leaders = [u for u in self.units[index - 1]
                   if u.person is not None and marker(self.doc, u.start) == "led_by"]
        if not leaders or (previous is not None and max(self.told_in(previous)) >= index - 1):
            return None
        return leaders[-1]

    def met_by(self, name: str) -> set[str]:
        """The surnames of the persons that `name` met in the events read so far."""
        met = set()
        for frame in self.frames:
            if frame.relation != "MET":
                continue
            for one, other in ((frame.hosts, frame.guests), (frame.guests, frame.hosts)):
                if name in {surname(u.person) for u in one if u.person is not None}:
                    met |= {surname(u.person) for u in other if u.person is not None}
        return met

    def delegation_members(self, frame: Frame) -> list[Unit]:
        """The persons who stand beside the frame's delegation leader in the document's other
        events (his companions), not yet among its guests."""
        leader = surname(frame.delegation.person)
        # a counterpart the leader met (both guests of a reception) is not his companion
        written = {surname(u.person) for u in frame.guests if u.person is not None}
        written |= self.met_by(leader)
        members: list[Unit] = []
        for other in self.frames:
            if other is frame:
                continue
            for side in (other.guests, other.hosts):
                names = [surname(u.person) for u in side if u.person is not None]
                if names[:1] != [leader]:
                    continue  # (he leads the side he stands beside: `les ministres des trois
                    # pays` received together are not one delegation)
                for unit in side:
                    if unit.person is not None and surname(unit.person) not in written:
                        written.add(surname(unit.person))
                        members.append(unit)
        for unit in self.companions_told_before(frame, leader):
            if surname(unit.person) not in written:
                written.add(surname(unit.person))
                members.append(unit)
        return members

    def companions_told_before(self, frame: Frame, leader: str) -> list[Unit]:
        """`Le Commissaire était accompagné de X et de Y. Le mardi 10 juin, le Commissaire et
        sa délégation ont été accueillis par Z`: the leader's companions told before the
        event."""
        found: list[Unit] = []
        for index in range(self.sentence_index(frame.trigger.start)):
            verb = next((t for t in self.sentences[index] if is_companion_verb(t)), None)
            if verb is None:
                continue
            persons = [u for u in self.units[index] if is_party(u)]
            subject = self.resolve(
                self.subject_side(index, verb, [u for u in persons if u.end <= verb.i]), frame
            )
            if any(u.person is not None and surname(u.person) == leader for u in subject):
                found += [u for u in persons if u.start > verb.i and u.person is not None]
        return found

    @staticmethod
    def among(unit: Unit, side: list[Unit]) -> bool:
        """Whether a named unit is one of a side's named persons."""
        return unit.person is not None and any(
            u.person is not None and surname(u.person) == surname(unit.person) for u in side
        )

    def own_delegation(self, party: Unit) -> Unit | None:
        """`Le CEMGA et sa délégation ont été reçus`: the named leader (the party, or the
        one holder of the office it is) whose companions are guests too."""
        words = [t.lower_ for t in self.doc[party.end : party.end + 3]]
        if words[:1] != ["et"] or "délégation" not in words[1:]:
            return None
        person = party if party.person is not None else None
        if person is None and party.title_only:
            holders = self.references.office_holders(party)
            person = holders[0] if len(holders) == 1 else None
        if person is None:
            return None
        return person

    def counterparts_together(self, index: int) -> Frame | None:
        """`X et son homologue malien, Y, ont passé en revue ...`: two counterparts who are
        together the subject of any verb met."""
        sentence = self.sentences[index]
        units = [u for u in self.units[index] if u.person is not None]
        for first in units:
            pair = self.series(first, units)
            gap = self.doc[first.end : pair[-1].start] if len(pair) > 1 else None
            if gap is None or not any(t.lower_ in ("homologue", "homologues") for t in gap):
                continue
            before = self.doc[sentence.start : first.start]
            verb = next(
                (t for t in self.doc[pair[-1].end : sentence.end] if t.pos_ in ("VERB", "AUX")),
                None,
            )
            if verb is None or any(t.pos_ in ("VERB", "AUX") for t in before):
                return None
            frame = Frame("MET", self.doc[verb.i : verb.i + 1], sentences={index})
            frame.hosts, frame.guests, frame.confidence = pair[:1], pair[1:], 0.7
            return frame
        return None

    def subject_side(self, index: int, token, left: list[Unit]) -> list[Unit]:
        subject = trigger_rules.parse_subject(token)
        previous = self.frames[-1] if self.frames else None
        if subject is not None and subject.lower_ == "qui":  # `c'est X qui a rendu visite`
            before = [u for u in left if u.end <= subject.i]
            return self.series(before[-1], left) if before else []
        opening = self.doc[self.sentences[index].start : token.i]
        where = next((t for t in reversed(opening) if t.lower_ == "où"), None)
        clause = [
            u
            for u in left
            if where is not None and u.start > where.i and not is_companion(self.doc, u)
        ]
        if clause and (subject is None or subject.i < where.i):
            # `La visite s'est achevée à l'état-major, où le Ministre, accompagné du général
            # X, a été accueilli par Y`: the relative clause's own subject
            return self.series(clause[0], clause)
        same_sentence = sorted(
            (
                f
                for f in self.frames + self.partial
                if self.sentence_index(f.trigger.start) == index and f.trigger.start < token.i
            ),
            key=lambda f: f.trigger.start,
        )
        if (
            subject is not None
            and subject.pos_ == "PRON"
            and same_sentence
            and same_sentence[-1].guests
            and trigger_rules.is_passive(token)
        ):  # `X a effectué une visite au Commandement, où il a été accueilli par Y`
            return list(same_sentence[-1].guests)
        if subject is not None and subject.lower_ in ("ils", "elles"):
            # `Jeudi, les deux ambassadeurs ont visité Popayán. Ils y ont été accueillis par`:
            # the named guests of the event told just before
            last = self.last_told(token.i)
            guests = [u for u in last.guests if u.person is not None] if last else []
            if len(guests) > 1 and index - self.sentence_index(last.trigger.start) <= 1:
                return guests
        main = token.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head  # `a visité la caserne, où il ...`: the clause hangs on the noun
        if (
            subject is not None
            and subject.lower_ in ("il", "elle", "ils", "elles")
            and token.dep_ in ("advcl", "acl:relcl")
            and main.i < token.i
            and any(
                c.dep_ == "nsubj"
                and c.pos_ != "PRON"
                and (
                    fold_word(c.lower_) in anaphors()
                    or any(u.start <= c.i < u.end for u in left)
                )
                for c in main.children
            )
        ):  # `L'officier a visité la caserne, où il a été accueilli par`: the main subject
            before_main = [u for u in left if u.end <= main.i]
            found = self.subject_side(index, main, before_main)
            if subject.lower_ in ("ils", "elles") and len(found) == 1:
                # `X et le général Y ont visité la base, où ils ont été accueillis par`
                first = next((u for u in before_main if u.person is not None), None)
                found = self.series(first, before_main) if first is not None else found
            return found
        led = [
            u
            for u in left
            if u.person is not None
            and marker(self.doc, u.start) == "led_by"
            and subject is not None
            and u.end <= subject.i
        ]
        if subject is not None and subject.pos_ == "PRON" and led:
            # `Conduite par son chef d'état-major, X, elle a été accueillie par Y`: the
            # delegation fronted with its leader
            return led[:1]
        if subject is not None and (
            subject.pos_ == "PRON" or subject.lower_ in ("dernier", "dernière")
        ):
            person = self.references.pronoun(subject, index, previous)
            return [person] if person is not None else []
        if (
            subject is not None
            and subject.lemma_ == "délégation"
            and not any(u.start > subject.i and u.person is not None for u in left)
        ):  # (`La délégation, qui comprenait X, a été reçue`: X with its leader, below)
            leader = self.leader_told_since(previous, subject.i)
            if leader is not None:
                self.delegation = leader
                return [leader]
        if (
            subject is not None
            and subject.lemma_ == "délégation"
            and previous is not None
            and not any(u.start > subject.i and u.person is not None for u in left)
        ):
            led = self.delegation_side(previous, subject.i)
            if led:
                return led
        if subject is not None and subject.pos_ == "NOUN" and subject.ent_type_ in ("", "TITLE"):
            group = self.references.group(subject, previous)  # `les parlementaires`
            if previous is not None and is_headline(
                self.sentences[self.sentence_index(previous.trigger.start)]
            ):  # (after a headline's event, `les deux officiers` the sentence before names)
                group = self.references.group(subject, None) or group
            if group:
                return group
        if (
            subject is not None
            and subject.ent_type_ == "TITLE"
            and fold_word(subject.lower_) in anaphors()
        ):  # `l'émissaire de Bakou a eu des discussions avec`: an office nobody holds here
            # that is also an anaphoric noun stands for the person it points back to
            unit = next((u for u in left if u.start <= subject.i < u.end), None)
            if unit is not None and unit.title_only and not self.references.office_holders(unit):
                person = self.references.pronoun(subject, index, previous)
                if person is not None:
                    return [person]
        if (
            subject is not None
            and subject.pos_ == "NOUN"
            and not subject.ent_type_
            and not any(u.start <= subject.i < u.end for u in left)  # `Mme X et Y ont`
        ):
            named = [u for u in left if u.start > subject.i and u.person is not None]
            person = self.references.pronoun(subject, index, previous)
            if named:  # `La délégation (conduite par W), qui comprenait X, Y et Z, a été reçue`
                led = (
                    [person]
                    if person is not None
                    and subject.lemma_ == "délégation"
                    and marker(self.doc, named[0].start) != "led_by"  # its leader is named
                    else []
                )
                return led + self.series(named[0], left)
            if person is not None:
                return [person]
        if subject is None and not any(u.person is not None for u in left):
            noun = self.noun_before_verb(token)
            person = self.references.pronoun(noun, index, previous) if noun is not None else None
            if person is not None:  # `..., l'officier général togolais a rendu une visite`
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
            # `C'est au ministre X qu'est revenu l'honneur de recevoir Y`: the cleft's focus
            chosen = next((u for u in left if is_cleft_focus(self.doc, u)), None)
        if chosen is None:
            candidates = [
                u for u in left if not preceded_by(u, LOCATIVE | {"avec", "de", "du", "des", "par"})
            ]
            if not candidates:
                # `Arrivé à la tête d'une délégation du Ministère du Laos, le général X avait été
                # accueilli`: the name right before the verb group is its subject
                candidates = [
                    u
                    for u in left
                    if u.person is not None
                    and all(t.pos_ in ("AUX", "ADV") for t in self.doc[u.end : token.i])
                ]
                if not candidates:
                    return []
            persons = [u for u in candidates if u.person is not None]
            chosen = persons[0] if persons else candidates[0]
        chosen = self.named_in_apposition(chosen, left)
        if is_companion(self.doc, chosen):
            # `Accompagné de l'ambassadeur, M. X, l'amiral a été reçu`: the subject follows
            after = [u for u in left if u.start >= chosen.end]
            chosen = after[0] if after else chosen
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
        return self.series(self.coordinated_before(chosen, left), left)

    def coordinated_before(self, chosen: Unit, left: list[Unit]) -> Unit:
        """`X, ministre de la Défense, et le ministre thaïlandais, M. Y, ont eu un
        tête-à-tête`: the parser makes the second party the subject; the series begins with
        the person joined to it by `et` before it (nothing but commas, articles and `et`
        between them)."""
        before = [u for u in left if u.end <= chosen.start and u.person is not None]
        if not before or chosen.person is None:
            return chosen
        first = before[-1]
        gap = [t.lower_ for t in self.doc[first.end : chosen.start] if not t.is_space]
        if "et" in gap and all(w in ("et", ",", "le", "la", "l'") for w in gap) and (
            not is_companion(self.doc, first) and self.doc[first.start - 1].lower_ not in (
                "de", "du", "par", "avec", "à", "au")
        ):
            return first
        return chosen

    def noun_before_verb(self, verb):
        """`l'officier général togolais a rendu`: the anaphoric noun right before the verb
        group (its adjectives skipped), which the parser did not make its subject."""
        position = verb.i - 1
        while position >= 0 and self.doc[position].pos_ in ("AUX", "ADV"):
            position -= 1
        while position >= 0 and self.doc[position].pos_ == "ADJ":
            position -= 1
        complement = next(  # `l'hôte de la Guinée a été accueilli`: its complement skipped
            (p for p in range(position, max(position - 3, 0), -1)
             if self.doc[p].lower_ in ("de", "du", "des", "d'") and self.doc[p - 1].pos_ == "NOUN"),
            None,
        )
        if complement is not None and self.doc[position].ent_type_ in ("GPE", "LOC", "ORG"):
            position = complement - 1
        if position < 1 or self.doc[position].pos_ != "NOUN":
            return None
        noun = self.doc[position]
        if self.doc[position - 1].lower_ not in DEFINITE | {"les"}:
            return None
        return noun if fold_word(noun.lower_) in anaphors() else None

    def last_told(self, position: int) -> Frame | None:
        """The event (whole or partial) whose trigger comes last before `position`."""
        told = [f for f in self.frames + self.partial if f.trigger.start < position]
        return max(told, key=lambda f: f.trigger.start) if told else None

    def series(self, first: Unit, left: list[Unit], dashes: bool = False) -> list[Unit]:
        """`X, Y et Z` (or `X–Y` in a headline): the units after `first` joined by commas and
        a final `et`."""
        joiners = {"et", ",", "le", "la", "les", "l'"} | ({"–", "-", "—", "/"} if dashes else set())
        group, joined = [first], False
        for unit in left:
            if unit.start <= group[-1].start:
                continue
            gap = [t for t in self.doc[group[-1].end : unit.start] if not t.is_space]
            if not all(t.lower_ in joiners or is_counterpart_word(t) for t in gap):
                break
            group.append(unit)
            joined = joined or any(
                t.lower_ in joiners - {",", "le", "la", "les", "l'"} for t in gap
            )
        return group if joined else group[:1]

    def main_subject_after(self, index: int, agent: Unit, right: list[Unit]) -> list[Unit]:
        """`Reçu par le ministre, le général Y a ...` / `Accueilli par le ministre, il s'est
        ...`: the guest of a participial opening is the main clause's subject after it."""
        following = [u for u in right if u.start > agent.end]
        pronoun = next(
            (
                t
                for t in self.doc[agent.end : self.sentences[index].end]
                if t.pos_ == "PRON" and t.dep_.startswith("nsubj")
            ),
            None,
        )
        if pronoun is not None and (not following or pronoun.i < following[0].start):
            previous = self.frames[-1] if self.frames else None
            person = self.references.pronoun(pronoun, index, previous)
            return [person] if person is not None else []
        return following[:1]

    def named_in_apposition(self, chosen: Unit, left: list[Unit]) -> Unit:
        """`Le ministre ... et Anciens combattants, M. X, a reçu`: a title whose chain was cut
        before the name still introduces the person named next, before any verb."""
        if not chosen.title_only:
            return chosen
        following = [u for u in left if u.start >= chosen.end and u.person is not None]
        if (
            following
            and not is_companion(self.doc, following[0])  # `le Ministre, accompagné de X,`
            and not any(
                t.pos_ in ("VERB", "AUX") or is_companion_verb(t)  # `accompagné de l'attaché
                for t in self.doc[chosen.end : following[0].start]  # de défense, le colonel X`
            )
        ):
            return following[0]
        return chosen

    @staticmethod
    def object_side(right: list[Unit], rule: dict) -> list[Unit]:
        role = rule["object"]
        if rule.get("object_label"):  # `a visité l'Académie militaire`: the unit right after
            first = right[0] if right else None
            body = first is not None and first.person is None and first.participant is not None
            return [first] if body and first.participant.label_ == rule["object_label"] else []
        named = [
            u
            for u in right
            if (u.person is not None or u.title_only) and not preceded_by(u, ("siège",))
        ]
        if named:
            return named
        if role == "host":  # `une visite dans le Sultanat d'Oman`: a country is where, not who
            return [
                u for u in right if u.participant is not None and u.participant.label_ != "GPE"
            ][:1]
        if role == "tail":  # `se sont entretenus à Luxembourg`: where, not with whom;
            # `une réunion consacrée à la lutte contre Daech`: what about
            return [u for u in right if not preceded_by(u, LOCATIVE | ABOUT_WORDS)][:1]
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
                and not after_a_noun_marker(token)  # `la police en uniforme`
                or (token.pos_ == "VERB" and token.lower_.endswith("ant"))
            ):
                return token.i
        return end

    # ------------------------------------------------------------------ sides

    def resolve(
        self, side: list[Unit], frame: Frame, other: list[Unit] | None = None
    ) -> list[Unit]:
        """Named persons for titles and groups; organisations only where no person is named.
        A title never stands for a person named on the `other` side (the hosts by default)."""
        resolved: list[Unit] = []
        for unit in side:
            if self.acronym_of_an_office(unit):
                resolved += self.references.acronym_holder(unit.organisation.text)
            elif unit.person is not None or (
                unit.organisation is not None and not unit.title_only
            ):
                resolved.append(unit)
            elif unit.title_only and self.names_follow(unit, side):
                continue  # `les chefs de la défense des trois pays : A, B et C` are A, B and C
            elif unit.rank_only:
                resolved += self.references.rank_holders(unit)  # `Le maréchal a ensuite reçu`
            elif unit.title_only and self.counted_members(unit):
                continue  # `à la tête d'une délégation de six officiers`: nobody in particular
            elif unit.title_only:
                excluded = [u for u in (frame.hosts if other is None else other) if u.person]
                holders = self.references.office_holders(unit, tuple(excluded))
                holders = holders or self.protagonist(unit)
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

    def acronym_of_an_office(self, unit: Unit) -> bool:
        """`Le DSACEUR a échangé avec ...`: an acronym alone that stands for an office one
        named person of the document holds."""
        org = unit.organisation
        return (
            unit.person is None
            and org is not None
            and len(org) == 1
            and org.text.isupper()
            and bool(self.references.acronym_holder(org.text))
        )

    def counted_members(self, unit: Unit) -> bool:
        """`une délégation de six officiers`, `composée de vingt stagiaires`: a plural office
        that counts a group's members."""
        title = unit.titles[0]
        if not is_plural(title):
            return False
        word, position = word_before(self.doc, title.start, frozenset())
        while word in NUMBER_WORDS or word.isdigit():
            word, position = word_before(self.doc, position, frozenset())
        if word not in ("de", "d'"):
            return False
        noun, _ = word_before(self.doc, position, frozenset())
        return noun.startswith(("délégation", "compos", "comptant"))

    def protagonist(self, unit: Unit) -> list[Unit]:
        """`le ministre` alone, when the document names several ministers: the one whose
        story it is, the holder of an office with that head whom the document names first,
        before this mention (`Le ministre de la Défense, M. X, a conféré avec le ministre
        d'État Y ... Dans la matinée, le ministre s'était entretenu avec Z`: X)."""
        head, complements = office_key(unit.titles[0].text)
        if complements or unit.affiliations or is_plural(unit.titles[0]):
            return []  # `le commandant de la FRG` is a precise office, not the protagonist
        holders = [holder for _, holder in self.references.holders.get(head, [])]
        first = min(holders, key=lambda u: u.start) if holders else None
        return [first] if first is not None and first.start < unit.start else []

    def announced_list(self, index: int) -> int | None:
        """The sentence whose list lines name the guests of a trigger that names none: the
        trigger's own when it announces a list, or a next sentence that announces one and
        names nobody (`Il s'agissait des officiers suivants :`, `Audiences accordées :`)."""
        if sentence_announces_list(self.sentences[index], self.doc):
            return index
        following = index + 1
        if (
            following < len(self.sentences)
            and sentence_announces_list(self.sentences[following], self.doc)
            and not any(u.person is not None for u in self.units[following])
        ):
            return following
        return None

    def names_follow(self, office: Unit, side: list[Unit]) -> bool:
        """A plural office that introduces the persons named right after it, after a colon
        or a comma, stands for them."""
        if not is_plural(office.titles[0]):
            return False
        named = next((u for u in side if u.start >= office.end and u.person is not None), None)
        if named is None:
            return False
        gap = [t for t in self.doc[office.end : named.start] if not t.is_space]
        # `les commandants des deux marines, le Premier amiral X et ...`
        return not any(t.pos_ in ("VERB", "AUX") for t in gap) and (
            any(t.text == ":" for t in gap) or any(t.text == "," for t in gap[:NAMES_GAP])
        )

    @staticmethod
    def named_on_one_side(frame: Frame, sides: dict[str, list[Unit]], first: str) -> None:
        """A person written on one side of the frame is not also on the other through an
        office or a group that resolved to him (`X a été reçu par les chefs de la défense`,
        X being a chief of defence himself)."""
        second = "guest" if first == "host" else "tail"
        for resolved, own, other in ((frame.hosts, first, second), (frame.guests, second, first)):
            other_names = {surname(u.person) for u in sides.get(other, []) if u.person}
            own_names = {surname(u.person) for u in sides.get(own, []) if u.person}
            resolved[:] = [
                u for u in resolved
                if u.person is None
                or surname(u.person) in own_names
                or surname(u.person) not in other_names
            ]

    def sentence_index(self, token_index: int) -> int:
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= token_index < sentence.end:
                return index
        return 0

    # ------------------------------------------------------------------ noun triggers

    def noun_frame(self, index: int, trigger: Trigger) -> Frame | None:
        sentence = self.sentences[index]
        token = trigger.token
        after = [u for u in self.units[index] if u.start > token.i and is_party(u)]
        frame = Frame(
            trigger.relation, self.doc[token.i : token.i + 1], sentences={index}, confidence=0.7
        )
        if trigger.relation == "MET" and self.purpose_of_a_verb(token):
            # `X a retenu les deux attachés de défense pour un bref tête-à-tête`: the verb's
            # subject met its object
            verb = token.head
            units = [u for u in self.units[index] if is_party(u)]
            subject = self.subject_side(index, verb, [u for u in units if u.end <= verb.i])
            objects = [u for u in units if verb.i < u.start < token.i]
            frame.hosts = self.resolve(subject[:1], frame)
            frame.guests = self.resolve(objects, frame, frame.hosts)
            return frame
        if trigger.rule.get("between"):
            window = self.doc[token.i + 1 : min(token.i + 5, sentence.end)]
            dashed = len(after) >= 2 and any(
                t.text in ("–", "-", "—", "/") for t in self.doc[after[0].end : after[1].start]
            )
            chairs = trigger.rule["between"] == "de"  # `sous la coprésidence de X et de Y`
            if not (chairs or any(t.lower_ == "entre" for t in window) or dashed):
                return None
            if chairs:
                end = self.object_region_end(sentence, token.i + 1, [])
                named = [
                    u for u in after if u.start < end and preceded_by(u, ("de", "du", "des", "d'"))
                ]
            elif dashed:
                named = self.series(after[0], after, dashes=True)
            else:  # `entre X, titre, et Y, titre,` up to the clause's verb
                end = self.object_region_end(sentence, token.i + 1, [])
                named = [u for u in after if u.start < end]
            parties = self.resolve(named, frame)
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
            if role and not self.invited_by(unit):  # `une visite à l'invitation du ministre X`
                sides[role].append(unit)
        frame.hosts = self.resolve(sides["host"][:1], frame)
        frame.guests = [u for u in self.resolve(sides["guest"], frame) if u.person is not None]
        return frame

    def purpose_of_a_verb(self, noun) -> bool:
        """`... pour un bref tête-à-tête`, `pour un entretien`: the meeting a verb's object
        was kept, invited or received for."""
        before = [t.lower_ for t in self.doc[max(noun.i - 3, 0) : noun.i]]
        return (
            "pour" in before
            and noun.head.pos_ == "VERB"
            and noun.head.i < noun.i
            and not trigger_rules.has_verb_rule(noun.head.lemma_)
        )

    def told_in(self, frame: Frame) -> set[int]:
        """The sentences that tell an event: its trigger's and its list lines."""
        return frame.context | {self.sentence_index(frame.trigger.start)}


def is_counterpart_word(token) -> bool:
    """`X et son homologue malien, Y`: the words that join two parties as counterparts."""
    return token.lower_ in COUNTERPART_WORDS or (
        token.doc[token.i - 1].lower_ in ("homologue", "homologues")
        and resources.demonym_country(token.text) is not None
    )


def is_cleft_focus(doc: Doc, unit: Unit) -> bool:
    """`C'est au général X que ...`, `c'était à M. Y qu'il revenait de ...`."""
    word, position = word_before(doc, unit.start)
    if word not in ("à", "au", "aux") or position < 2:
        return False
    return doc[position - 2].lower_ in ("c'", "c’") and doc[position - 1].lemma_ == "être"


def is_plural_or_none(token) -> bool:
    return token is None or "Sing" not in token.morph.get("Number")


def after_a_noun_marker(token) -> bool:
    """A word after an article or the preposition `en` is a noun the model read as a verb
    (`la police en uniforme`); a clitic pronoun (`l'a reçu`, `en a parlé`) is no marker."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and (
        before.pos_ == "DET" or (before.lower_ == "en" and before.pos_ == "ADP"))


def caption_indices(sentences: list[Span]) -> set[int]:
    """The sentences of photo captions: one that opens with `Photo :`, `Crédit`, `©`, or
    ends with a credit (`... à Okahandja. © DIRCOM`), and one followed in its paragraph by a
    credit line (`Le général X accueille Y à Z. Crédit photo : service de presse`)."""
    texts = [sentence_text(s) for s in sentences]
    found = {i for i, text in enumerate(texts)
             if CAPTION_START.match(text) or CAPTION_END.search(text)}
    for i in sorted(found):
        while i > 0 and i - 1 not in found and same_paragraph(sentences[i - 1], sentences[i]):
            i -= 1
            found.add(i)
    return found


def same_paragraph(first: Span, second: Span) -> bool:
    between = first.doc.text[first.end_char : second.start_char]
    return "\n" not in first.text.rstrip(" ")[-1:] + between


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
    return unit.participant is not None or unit.title_only or unit.rank_only


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


def is_companion(doc: Doc, unit: Unit) -> bool:
    """`..., accompagnée du général Z`: a unit introduced as someone's companion."""
    word, position = word_before(doc, unit.start, ARTICLES)
    if word in ("de", "du", "des", "d'"):
        word, _ = word_before(doc, position, ARTICLES)
    return word.startswith("accompagn")


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
