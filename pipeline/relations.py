"""Stage 4, relations: a labelled `Doc` -> RECEIVED, MET, ATTENDED, HAS_RANK, HAS_TITLE and
AFFILIATED_WITH between its spans.

In:  a `Doc` from the NER stage (entities, honorifics, parse, lemmas).
Out: `doc._.relations`, a list of dicts `{relation, head, tail, sentence, trigger,
     confidence}` where `head` and `tail` are `{start, end, label, text}` character spans of
     the same sentence and `sentence` its `[start, end]`.

How it reads a sentence:

1. *Chains.* Entities that follow each other with only commas, parentheses, determiners,
   `de` or honorifics between them form an apposition chain (`le Secrétaire Général de la
   CIMCT, le Major Général Al-Moghidi`); `et`, a verb or any other word ends the chain. The
   model's `appos` arcs are not used: they are wrong half the time on these chains.
2. *Units.* A chain is cut into one unit per PERSON: what stands before the first person is
   his; between two persons, ranks and honorifics introduce the next one and titles with
   their organisation describe the previous one. A unit gives HAS_RANK, HAS_TITLE and
   AFFILIATED_WITH (the ORG or GPE right after a title). A unit without a person is an
   organisation participant when it starts with the ORG/GPE, and an unnamed person (no
   relation) when it starts with a title.
3. *Triggers* from `models/triggers.jsonl`: verbs by lemma (`recevoir`, `accueillir`,
   `visiter`, `rendre visite`, `rencontrer`, `s'entretenir`, ...), whose subject side and
   object side hold the roles the file names (swapped in the passive, where the host follows
   `par`), and nouns (`visite de Y au siège de X`, `réunion entre X et Y`). The subject is
   the unit that holds the verb's `nsubj` when the parse gives one, else the nearest
   participant before the verb; objects are the participants after it up to the next verb,
   `en présence de` (whose participants ATTENDED) or the end of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import resources
from .guard import guarded

CHAIN_CONNECTORS = frozenset("le la les l' de du des d' , ( ) – - — : son sa près auprès".split())
AFFILIATION_CONNECTORS = frozenset(
    ["de", "du", "des", "d'", "la", "le", "l'", "les", "près", "auprès", "en", "au", "aux"]
)
PARTICIPANT_NOUNS = frozenset(
    "délégation délégations visiteur visiteurs hôte hôtes invité invités invitée homologue "
    "homologues mission équipe groupe stagiaire stagiaires auditeur auditeurs officier officiers "
    "responsable responsables membre membres représentant représentants".split()
)
ATTENDANCE_VERBS = frozenset(["prendre", "participer", "assister"])
SEAT_WORDS = frozenset(["à", "au", "aux", "en", "pour", "de", "du", "d'", "la", "l'", "le"])
CHAIN_LABELS = frozenset(("PERSON", "RANK", "TITLE", "ORG", "GPE", "HONORIFIC"))
LOCATIVE = frozenset(["à", "au", "aux", "en", "dans", "chez", "sur", "vers"])
CLAUSE_BREAKS = frozenset([";", "qui", "où", "afin", "lors", "lorsque", "quand", "dont"])
BE_FORMS = frozenset(["est", "sont", "été", "était", "étaient", "sera", "seront", "fut", "furent"])
LEADER_WORDS = frozenset(
    ["conduite", "conduit", "dirigée", "dirigé", "menée", "mené", "présidée", "présidé"]
)

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@dataclass
class Unit:
    """One participant of a chain: a person with his ranks and titles, or an organisation."""

    start: int
    end: int
    person: Span | None = None
    ranks: list[Span] = field(default_factory=list)
    titles: list[Span] = field(default_factory=list)
    affiliations: list[Span] = field(default_factory=list)
    organisation: Span | None = None
    led_by_title: bool = False

    @property
    def participant(self) -> Span | None:
        if self.person is not None:
            return self.person
        if not self.led_by_title:
            return self.organisation
        return None


def is_demonym(token) -> bool:
    return token.is_lower and token.lower_ in resources.country_by_demonym()


def span_record(span: Span) -> dict:
    return {"start": span.start_char, "end": span.end_char, "label": span.label_, "text": span.text}


class RelationExtractor:
    def __init__(self, verb_triggers: dict[str, list[dict]], noun_triggers: dict[str, dict]):
        self.verb_triggers = verb_triggers
        self.noun_triggers = noun_triggers

    @guarded("relations")
    def __call__(self, doc: Doc) -> Doc:
        relations: list[dict] = []
        honorifics = list(doc.spans.get("honorifics", []))
        for sentence in doc.sents:
            relations += self.sentence_relations(doc, sentence, honorifics)
        unique = {}
        for relation in relations:
            key = (relation["relation"], relation["head"]["start"], relation["tail"]["start"])
            if key not in unique or unique[key]["confidence"] < relation["confidence"]:
                unique[key] = relation
        doc._.relations = sorted(
            unique.values(),
            key=lambda r: (r["sentence"][0], r["head"]["start"], r["tail"]["start"], r["relation"]),
        )
        return doc

    # ------------------------------------------------------------------ chains and units

    def chains(self, doc: Doc, sentence: Span, honorifics: list[Span]) -> list[list[Span]]:
        elements = [e for e in doc.ents if sentence.start <= e.start and e.end <= sentence.end]
        elements += [h for h in honorifics if sentence.start <= h.start and h.end <= sentence.end]
        elements.sort(key=lambda s: s.start)
        chains: list[list[Span]] = []
        previous: Span | None = None
        for element in elements:
            gap = doc[previous.end : element.start] if previous is not None else None
            if element.label_ not in CHAIN_LABELS:
                seat = (
                    element.label_ == "LOC"
                    and previous is not None
                    and previous.label_ in ("ORG", "GPE", "TITLE")
                    and self.seat_gap(gap)
                    and any(e.label_ in ("TITLE", "PERSON") for e in chains[-1])
                )
                previous = element if seat else None
                continue
            if previous is not None and (
                all(t.is_space or t.lower_ in CHAIN_CONNECTORS or is_demonym(t) for t in gap)
                or (
                    element.label_ == "GPE"
                    and previous.label_ in ("ORG", "GPE", "LOC")
                    and self.seat_gap(gap)
                )
            ):
                chains[-1].append(element)
            else:
                chains.append([element])
            previous = element
        return chains

    @staticmethod
    def seat_gap(gap: Span) -> bool:
        """`... du Japon au Sénégal`, `... de l'ONUDC pour l'Asie centrale`, `préfet d'X`:
        where a body sits or what it covers does not end the apposition chain."""
        words = [t.lower_ for t in gap if not t.is_space]
        return len(words) <= 2 and all(w in SEAT_WORDS for w in words)

    def units(self, chain: list[Span]) -> list[Unit]:
        persons = [i for i, e in enumerate(chain) if e.label_ == "PERSON"]
        if not persons:
            unit = Unit(
                chain[0].start,
                chain[-1].end,
                led_by_title=chain[0].label_ in ("TITLE", "RANK")
                or (
                    chain[0].label_ == "HONORIFIC"
                    and any(e.label_ in ("TITLE", "RANK") for e in chain)
                ),
            )
            self.fill(unit, chain)
            organisations = [e for e in chain if e.label_ in ("ORG", "GPE")]
            unit.organisation = organisations[0] if organisations else None
            return [unit]
        owner = [0] * len(chain)
        for index, element in enumerate(chain):
            before = [p for p in persons if p <= index]
            after = [p for p in persons if p >= index]
            if not before:
                owner[index] = after[0]
            elif not after:
                owner[index] = before[-1]
            elif element.label_ in ("RANK", "HONORIFIC"):
                owner[index] = after[0]
            else:
                owner[index] = before[-1]
        units = []
        for person_index in persons:
            members = [e for i, e in enumerate(chain) if owner[i] == person_index]
            unit = Unit(members[0].start, members[-1].end, person=chain[person_index])
            self.fill(unit, members)
            units.append(unit)
        return units

    @staticmethod
    def fill(unit: Unit, members: list[Span]) -> None:
        last_title: Span | None = None
        for element in members:
            if element.label_ == "RANK":
                unit.ranks.append(element)
            elif element.label_ == "TITLE":
                unit.titles.append(element)
                last_title = element
            elif element.label_ in ("ORG", "GPE") and last_title is not None:
                gap = element.doc[last_title.end : element.start]
                if len(gap) > 0 and all(t.lower_ in AFFILIATION_CONNECTORS for t in gap):
                    unit.affiliations.append(element)
                last_title = None

    # ------------------------------------------------------------------ sentence

    def sentence_relations(self, doc: Doc, sentence: Span, honorifics: list[Span]) -> list:
        chains = self.chains(doc, sentence, honorifics)
        units = [unit for chain in chains for unit in self.units(chain)]
        sentence_span = [sentence.start_char, sentence.end_char]
        relations = []

        def add(relation: str, head: Span, tail: Span, confidence: float, trigger: str = ""):
            if head is None or tail is None or head == tail:
                return
            relations.append(
                {
                    "relation": relation,
                    "head": span_record(head),
                    "tail": span_record(tail),
                    "sentence": sentence_span,
                    "trigger": trigger,
                    "confidence": confidence,
                }
            )

        for unit in units:
            if unit.person is None:
                continue
            for rank in unit.ranks:
                add("HAS_RANK", unit.person, rank, 0.95)
            for title in unit.titles:
                add("HAS_TITLE", unit.person, title, 0.85)
            for organisation in unit.affiliations[:1]:
                add("AFFILIATED_WITH", unit.person, organisation, 0.8)
        self.event_relations(sentence, units, add)
        return self.prefer_person_hosts(relations)

    @staticmethod
    def prefer_person_hosts(relations: list[dict]) -> list[dict]:
        """A guest received by a named person is not also received by an organisation."""
        person_hosted = {
            r["tail"]["start"]
            for r in relations
            if r["relation"] == "RECEIVED" and r["head"]["label"] == "PERSON"
        }
        return [
            r
            for r in relations
            if not (
                r["relation"] == "RECEIVED"
                and r["head"]["label"] != "PERSON"
                and r["tail"]["start"] in person_hosted
            )
        ]

    def event_relations(self, sentence: Span, units: list[Unit], add) -> None:
        triggers = self.find_verb_triggers(sentence)
        presence = self.presence_start(sentence)
        hosts_for_attendance: list[Span] = []
        for trigger_token, rule, object_start in triggers:
            left = [u for u in units if u.end <= trigger_token.i and u.participant is not None]
            right_end = self.object_region_end(sentence, object_start, presence, triggers)
            right = [
                u
                for u in units
                if object_start <= u.start < right_end and u.participant is not None
            ]
            passive = self.is_passive(trigger_token)
            subject_units = self.subject_units(sentence.doc, trigger_token, left, units)
            confidence = 0.9 if subject_units and self.parse_subject(trigger_token) else 0.75
            if passive and rule["relation"] == "RECEIVED":
                agent = [u for u in right if self.preceded_by(u, ("par",))]
                object_side, subject_side = subject_units, agent[:1]
            else:
                subject_side = subject_units
                object_side = self.object_units(right, rule)
            roles = {rule["subject"]: subject_side, rule["object"]: object_side}
            if passive and rule["relation"] == "RECEIVED":
                roles = {"host": subject_side, "guest": object_side}
            if rule["relation"] == "RECEIVED":
                hosts = [u.participant for u in roles.get("host", [])]
                guests = [u.participant for u in roles.get("guest", [])]
                for host in hosts:
                    for guest in guests:
                        if host.label_ == "PERSON" or guest.label_ in ("PERSON", "ORG", "GPE"):
                            add("RECEIVED", host, guest, confidence, trigger_token.text)
                hosts_for_attendance += hosts
            else:
                heads = [u.participant for u in roles.get("head", [])]
                tails = [u.participant for u in roles.get("tail", [])]
                if not tails and len(heads) > 1:
                    heads, tails = heads[:1], heads[1:]
                for head in heads:
                    for tail in tails:
                        first, second = sorted((head, tail), key=lambda s: s.start)
                        add("MET", first, second, confidence, trigger_token.text)
                hosts_for_attendance += heads
        if not triggers:
            hosts_for_attendance += self.noun_trigger_relations(sentence, units, add)
        self.alongside(sentence, units, add)
        if presence is not None and hosts_for_attendance:
            attendees = [
                u
                for u in units
                if u.start >= presence
                and u.person is not None
                and u.end <= self.attendance_end(sentence, presence)
            ]
            for attendee in attendees:
                add("ATTENDED", attendee.person, hosts_for_attendance[0], 0.8, "présence")

    # ------------------------------------------------------------------ triggers

    def find_verb_triggers(self, sentence: Span) -> list[tuple]:
        found = []
        for token in sentence:
            if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.ent_type_:
                continue
            for rule in self.verb_triggers.get(token.lemma_.lower(), []):
                object_start = token.i + 1
                required = rule.get("requires")
                if required and token.dep_.startswith("aux"):
                    continue
                if required:
                    nouns = set(required.split("|"))
                    window = token.doc[token.i + 1 : min(token.i + 12, sentence.end)]
                    match = next(
                        (
                            t
                            for t in window
                            if t.lower_ in nouns and (t.head == token or t.i - token.i <= 4)
                        ),
                        None,
                    )
                    if match is None:
                        continue
                    object_start = match.i + 1
                if rule["relation"] == "RECEIVED" and self.receives_a_thing(token):
                    break
                found.append((token, rule, object_start))
                break
        return found

    @staticmethod
    def receives_a_thing(token) -> bool:
        """`a reçu le prix`, `a reçu des explications`: the object is a thing, not a guest."""
        if "Part" in token.morph.get("VerbForm") and any(
            c.dep_ == "aux:pass" for c in token.children
        ):
            return False
        honorific_tokens = {
            i for span in token.doc.spans.get("honorifics", []) for i in range(span.start, span.end)
        }
        return any(
            child.dep_ == "obj"
            and child.pos_ == "NOUN"
            and not child.ent_type_
            and child.i not in honorific_tokens
            and child.lemma_.lower() not in PARTICIPANT_NOUNS
            for child in token.children
        )

    @staticmethod
    def is_passive(token) -> bool:
        if any(child.dep_ == "aux:pass" for child in token.children):
            return True
        previous = [t for t in token.doc[max(token.i - 3, 0) : token.i] if not t.is_space]
        return (
            "Part" in token.morph.get("VerbForm")
            and any(t.lower_ in BE_FORMS for t in previous)
            and any(
                t.lower_ == "par"
                for t in token.doc[token.i + 1 : min(token.i + 15, len(token.doc))]
            )
        )

    @staticmethod
    def parse_subject(token):
        for candidate in (token, token.head):
            for child in candidate.children:
                if child.dep_ in ("nsubj", "nsubj:pass"):
                    return child
            if candidate.dep_ not in ("conj", "xcomp", "advcl"):
                break
        return None

    def subject_units(self, doc: Doc, trigger, left: list[Unit], units: list[Unit]) -> list:
        if not left:
            return []
        chosen = None
        subject = self.parse_subject(trigger)
        if subject is not None:
            for unit in left:
                if unit.start <= subject.i < unit.end:
                    chosen = unit
                    break
            else:
                following = [u for u in left if u.start > subject.i]
                chosen = following[0] if following else None
        if chosen is None:
            candidates = [
                u
                for u in left
                if not self.preceded_by(u, LOCATIVE | {"avec", "de", "du", "des", "par"})
            ]
            if not candidates:
                return []
            persons = [u for u in candidates if u.person is not None]
            chosen = persons[0] if persons else candidates[0]
        group = [chosen]
        for unit in left:
            if unit.start > chosen.end:
                gap = doc[chosen.end : unit.start]
                if all(
                    t.lower_ in ("et", ",", "le", "la", "les", "l'") or t.is_space for t in gap
                ) and any(t.lower_ == "et" for t in gap):
                    group.append(unit)
        return group

    def object_units(self, right: list[Unit], rule: dict) -> list[Unit]:
        role = rule["object"]
        persons = [u for u in right if u.person is not None and not self.preceded_by(u, ("siège",))]
        if persons:
            return persons
        if role in ("host", "tail"):
            return right[:1]
        return [
            u
            for u in right
            if not self.preceded_by(u, LOCATIVE | {"siège", "de", "du", "délégation"})
        ][:1]

    @staticmethod
    def preceded_by(unit: Unit, words) -> bool:
        doc = (
            unit.person.doc
            if unit.person is not None
            else (unit.organisation.doc if unit.organisation is not None else None)
        )
        if doc is None:
            return False
        position = unit.start - 1
        while (
            position >= 0
            and doc[position].lower_ in ("le", "la", "les", "l'", "de", "du", "des", "d'")
            and doc[position].lower_ not in words
        ):
            position -= 1
        return position >= 0 and doc[position].lower_ in words

    def object_region_end(
        self, sentence: Span, start: int, presence: int | None, triggers: list
    ) -> int:
        end = sentence.end
        if presence is not None and presence > start:
            end = min(end, presence - 2)
        for token, _rule, _object_start in triggers:
            if token.i >= start:
                end = min(end, token.i)
        for token in sentence.doc[start:end]:
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

    @staticmethod
    def alongside(sentence: Span, units: list[Unit], add) -> None:
        """`X et Y ont pris part à la rencontre aux côtés du Général Z`: X and Y ATTENDED Z."""
        doc = sentence.doc
        for token in sentence:
            if not (
                token.lower_ == "côtés"
                and token.i > 0
                and doc[token.i - 1].lower_ == "aux"
                and token.i + 1 < sentence.end
                and doc[token.i + 1].lower_ in ("de", "du", "des", "d'")
            ):
                continue
            verb = next(
                (t for t in doc[sentence.start : token.i] if t.lemma_ in ATTENDANCE_VERBS), None
            )
            host = next((u for u in units if u.start > token.i and u.person is not None), None)
            if verb is None or host is None:
                return
            for unit in units:
                if unit.end <= verb.i and unit.person is not None:
                    add("ATTENDED", unit.person, host.person, 0.7, "aux côtés de")
            return

    @staticmethod
    def presence_start(sentence: Span) -> int | None:
        for token in sentence:
            if (
                token.lower_ == "présence"
                and token.i + 1 < sentence.end
                and token.doc[token.i + 1].lower_ in ("de", "du", "des", "d'")
            ):
                return token.i + 1
        return None

    @staticmethod
    def attendance_end(sentence: Span, presence: int) -> int:
        for token in sentence.doc[presence : sentence.end]:
            if token.pos_ in ("VERB", "AUX") and token.ent_type_ == "" or token.text in (";",):
                return token.i
        return sentence.end

    def noun_trigger_relations(self, sentence: Span, units: list[Unit], add) -> list[Span]:
        hosts = []
        for token in sentence:
            rule = self.noun_triggers.get(token.lower_)
            if rule is None or token.pos_ not in ("NOUN", "PROPN"):
                continue
            after = [u for u in units if u.start > token.i and u.participant is not None]
            if rule.get("between"):
                if not (
                    token.i + 1 < sentence.end
                    and any(t.lower_ == "entre" for t in sentence.doc[token.i + 1 : token.i + 5])
                ):
                    continue
                participants = [u.participant for u in after[:4]]
                for i, head in enumerate(participants):
                    for tail in participants[i + 1 :]:
                        add("MET", head, tail, 0.7, token.text)
                hosts += participants[:1]
            elif rule.get("of") == "guest":
                guest = next(
                    (
                        u
                        for u in after
                        if self.preceded_by(u, ("de", "du", "des", "d'")) and u.person is not None
                    ),
                    None,
                )
                host = next(
                    (
                        u
                        for u in after
                        if u is not guest and self.preceded_by(u, ("à", "au", "auprès", "siège"))
                    ),
                    None,
                )
                if guest is not None and host is not None:
                    add("RECEIVED", host.participant, guest.participant, 0.7, token.text)
                    hosts.append(host.participant)
        return hosts


@Language.factory("communique_relations")
def make_relation_extractor(nlp: Language, name: str):
    verb_triggers: dict[str, list[dict]] = {}
    noun_triggers: dict[str, dict] = {}
    for row in resources.load("triggers.jsonl"):
        if "lemma" in row:
            lemma = row["lemma"].removeprefix("s'")
            verb_triggers.setdefault(lemma, []).append(row)
        else:
            noun_triggers[row["noun"]] = row
    return RelationExtractor(verb_triggers, noun_triggers)
