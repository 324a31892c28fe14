"""Relation stage, part 1: apposition chains and their participants.

In:  one sentence of a labelled `Doc` (entities and `doc.spans["honorifics"]`).
Out: `Unit`s, one per participant the sentence writes: a named person with his ranks, titles
     and affiliations, an organisation or country, or a person known only by a title
     (`le directeur général`), plus the HAS_RANK, HAS_TITLE and AFFILIATED_WITH they state.

Entities that follow each other with only commas, parentheses, determiners, `de` or honorifics
between them form a chain (`le Secrétaire Général de la CIMCT, le Major Général Al-Moghidi`);
`et`, a verb or any other word ends it, except a bare `et` between two offices, which are one
person's (`secrétaire général adjoint et chef du secteur ...`). The model's `appos` arcs are not
used: they are wrong half the time on these chains. A chain is cut into one unit per PERSON:
what stands before the first person is his; between two persons, ranks, honorifics and titles
with their own article (`, l'ambassadeur de X, M. B`) introduce the next one, and other titles
with their organisation describe the previous one. A chain without a
person is an organisation when it starts with the ORG/GPE, and a title-only mention when it
starts with a title or rank (references.py may resolve it to a named person). A news agency's
tag in a dateline (`Dakar, 3 mai (APS) -`) is never part of a chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from . import resources

CHAIN_CONNECTORS = frozenset("le la les l' de du des d' , ( ) – - — : son sa près auprès".split())
AFFILIATION_CONNECTORS = frozenset(
    ["de", "du", "des", "d'", "la", "le", "l'", "les", "près", "auprès", "en", "au", "aux"]
)
SEAT_WORDS = frozenset(["à", "au", "aux", "en", "pour", "de", "du", "d'", "la", "l'", "le"])
CHAIN_LABELS = frozenset(("PERSON", "RANK", "TITLE", "ORG", "GPE", "HONORIFIC"))
DETERMINERS = frozenset(["le", "la", "les", "l'", "de", "du", "des", "d'"])
POSSESSIVES = frozenset(["son", "sa", "ses", "leur", "leurs"])  # `reçue par son commandant`
LOCATIVE = frozenset(["à", "au", "aux", "en", "dans", "chez", "sur", "vers"])


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

    @property
    def rank_only(self) -> bool:
        """A person written only as his rank (`Le maréchal a ensuite reçu ...`)."""
        return (
            self.person is None
            and self.organisation is None
            and not self.titles
            and bool(self.ranks)
        )

    @property
    def title_only(self) -> bool:
        """A person written only as his office (`le ministre de la Défense`)."""
        return self.person is None and self.led_by_title and bool(self.titles)


def is_demonym(token) -> bool:
    return token.is_lower and token.lower_ in resources.country_by_demonym()


TEXT_KEY = "relations_text"


def sentence_text(span: Span) -> str:
    """A span's text, sliced from the document's text that the relation stage keeps in
    `doc.user_data[TEXT_KEY]` while it runs (`span.text` and `doc.text` rebuild the string
    token by token at every call)."""
    text = span.doc.user_data.get(TEXT_KEY)
    if text is None:
        return span.text
    return text[span.start_char : span.end_char]


def surname(person: Span) -> str:
    """A name's family name, lowercased: its last word (`le général Guidi` = `Paolo
    Ferrante Guidi`), or its last word in capitals when the family name is written first
    (`AKÉ Bosson Théodore` = `M. AKÉ`)."""
    words = [t for t in person if t.is_alpha]
    capitals = [t for t in words if t.is_upper and len(t) > 1]
    if capitals and len(capitals) < len(words) and not words[-1].is_upper:
        return capitals[-1].lower_
    return person[-1].lower_


def span_record(span: Span) -> dict:
    return {
        "start": span.start_char,
        "end": span.end_char,
        "label": span.label_,
        "text": sentence_text(span),
    }


def seat_gap(gap: Span) -> bool:
    """`... du Japon au Sénégal`, `... de l'ONUDC pour l'Asie centrale`, `préfet d'X`:
    where a body sits or what it covers does not end the apposition chain."""
    words = [t.lower_ for t in gap if not t.is_space]
    return len(words) <= 2 and all(w in SEAT_WORDS for w in words)


def is_agency_tag(span: Span) -> bool:
    """The news agency of a dateline, `Dakar, 3 mai 2025 (APS) -`: never a participant."""
    doc = span.doc
    return (
        span.label_ == "ORG"
        and span.start >= 2
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
        and (
            doc[span.start - 2].ent_type_ == "DATE"
            or within_dateline(doc, span.start)  # not `forces alliées en Europe (SACEUR)`
        )
    )


def within_dateline(doc: Doc, position: int) -> bool:
    """Whether token `position` lies in the dateline the segment stage found."""
    start, end = doc.user_data.get("dateline") or (0, 0)
    return start <= doc[position].idx < end


def chains(
    doc: Doc, sentence: Span, honorifics: list[Span], entities: list[Span] | None = None
) -> list[list[Span]]:
    """Apposition chains of one sentence; `entities` is `list(doc.ents)`, read once per
    document by the caller (each read of `doc.ents` builds every span again)."""
    entities = list(doc.ents) if entities is None else entities
    elements = [e for e in entities if sentence.start <= e.start and e.end <= sentence.end]
    elements += [h for h in honorifics if sentence.start <= h.start and h.end <= sentence.end]
    rubric = rubric_end(sentence)
    elements = [e for e in elements if e.start >= rubric]
    elements.sort(key=lambda s: s.start)
    found: list[list[Span]] = []
    previous: Span | None = None
    for element in elements:
        if is_agency_tag(element):
            previous = None
            continue
        gap = doc[previous.end : element.start] if previous is not None else None
        if element.label_ not in CHAIN_LABELS:
            seat = (
                element.label_ == "LOC"
                and previous is not None
                and previous.label_ in ("ORG", "GPE", "TITLE")
                and seat_gap(gap)
                and any(e.label_ in ("TITLE", "PERSON") for e in found[-1])
            )
            previous = element if seat else None
            continue
        if previous is not None and not subject_after_fronted(found[-1][0], element) and (
            not (found[-1] == [previous] and where_before_a_person(previous, element, gap))
            and not object_after_a_seat(previous, element, gap)
            and all(t.is_space or t.lower_ in CHAIN_CONNECTORS or is_demonym(t) for t in gap)
            or second_office(previous, element, gap)
            or coordinated_country(previous, element, gap, found[-1])
            or speciality_after_rank(previous, gap)
            or (
                element.label_ == "GPE"
                and previous.label_ in ("ORG", "GPE", "LOC")
                and seat_gap(gap)
            )
        ):
            found[-1].append(element)
        else:
            found.append([element])
        previous = element
    return found


def object_after_a_seat(previous: Span, element: Span, gap: Span) -> bool:
    """`a reçu au siège du Ministère de la Défense le président du comité ...`: an office
    right after an organisation or a place, with only an article between them, opens the
    verb's object (an apposition has a comma)."""
    return (
        previous.label_ in ("ORG", "LOC")
        and element.label_ == "TITLE"
        and len(gap) > 0
        and all(t.lower_ in ("le", "la", "l'", "les") for t in gap)
    )


def where_before_a_person(previous: Span, element: Span, gap: Span) -> bool:
    """`Au cours de sa visite en Algérie, le général X a été reçu`: a place after a locative
    preposition that opens a chain is where, not the organisation of the person after the
    comma (`l'attaché de défense de Roumanie à Sofia, le colonel X` stays one chain)."""
    word, _ = word_before(previous.doc, previous.start)
    return (
        previous.label_ in ("GPE", "LOC", "ORG")
        and word in LOCATIVE
        and element.label_ in ("RANK", "PERSON", "HONORIFIC", "TITLE")
        and any(t.text == "," for t in gap)
    )


FRONTED_PREPOSITIONS = frozenset(["avec", "selon", "pour", "chez", "auprès", "outre", "parmi"])


def subject_after_fronted(first: Span, element: Span) -> bool:
    """`Avec le commissaire X, le directeur général a arrêté ...`: the office after the
    comma is the clause's subject, not an apposition of the name fronted by `avec`."""
    doc = first.doc
    word, _ = word_before(doc, first.start)
    after = element.end
    while after < len(doc) and doc[after].text in (".", ","):  # `a.i.`
        after += 1
    return (
        word in FRONTED_PREPOSITIONS
        and element.label_ in ("TITLE", "RANK")
        and element.start > 0
        and doc[element.start - 1].lower_ in ("le", "la", "l'")
        and after < len(doc)
        and doc[after].pos_ in ("AUX", "VERB")
    )


def second_office(previous: Span, element: Span, gap: Span) -> bool:
    """`secrétaire général adjoint et chef du secteur politique, l'ambassadeur X`: two offices
    joined by a bare `et` (no determiner before the second) belong to one person."""
    words = [t.lower_ for t in gap if not t.is_space]
    return words == ["et"] and previous.label_ == "TITLE" and element.label_ == "TITLE"


def coordinated_country(previous: Span, element: Span, gap: Span, chain: list[Span]) -> bool:
    """`l'attaché de défense de Suisse pour la Tunisie et l'Algérie, le colonel X`: countries
    joined by `et` in an office's complement keep the chain open."""
    words = [t.lower_ for t in gap if not t.is_space]
    return (
        previous.label_ == "GPE"
        and element.label_ == "GPE"
        and "et" in words
        and all(w == "et" or w in DETERMINERS for w in words)
        and any(e.label_ == "TITLE" for e in chain)
    )


def speciality_after_rank(previous: Span, gap: Span) -> bool:
    """`le Général de division (pilote) X`, `le colonel (ER) Y`: a speciality or status in
    brackets after a grade keeps the chain."""
    words = [t.text for t in gap if not t.is_space]
    return (
        previous.label_ == "RANK"
        and len(words) == 3
        and words[0] == "("
        and words[2] == ")"
        and words[1].replace(".", "").isalnum()
        and len(words[1]) <= 12
    )


def opens_group(element: Span) -> bool:
    """`M. A, les ministres de la Défense des pays voisins`: an office after a plural
    determiner is a group of its own, never the office of the name before it."""
    doc = element.doc
    return (
        element.label_ == "TITLE"
        and element.start > 0
        and doc[element.start - 1].lower_ in ("les", "des", "aux", "ces")
    )


def units(chain: list[Span]) -> list[Unit]:
    split = next((i for i, e in enumerate(chain) if i > 0 and opens_group(e)), None)
    if split is None and in_plural_complement(chain[0]):
        # `la réunion des ministres de la Défense de l'ASEAN (ADMM), le ministre X`: the
        # meeting's members and their body are not X's office, which follows (`et des
        # conseillers techniques, le colonel X et ...` introduces X)
        after = next(
            (i for i, e in enumerate(chain) if i > 0 and e.label_ not in ("ORG", "GPE")), None
        )
        if after is not None and after > 1 and chain[after].label_ == "TITLE":
            split = after
    if split is None:
        # `Accompagné de l'ambassadeur, M. X, l'amiral a été reçu`: a rank with its article
        # after the last name opens another person, written as his rank alone
        last_person = max((i for i, e in enumerate(chain) if e.label_ == "PERSON"), default=None)
        if last_person is not None and last_person + 1 < len(chain):
            rank = chain[last_person + 1]
            doc = rank.doc
            if (
                rank.label_ == "RANK"
                and rank.start >= 2
                and doc[rank.start - 1].lower_ in ("le", "la", "l'")
                and doc[rank.start - 2].text == ","
                and all(e.label_ == "RANK" for e in chain[last_person + 1 :])
            ):
                split = last_person + 1
    if split is not None:
        return units(chain[:split]) + units(chain[split:])
    persons = [i for i, e in enumerate(chain) if e.label_ == "PERSON"]
    if not persons:
        unit = Unit(
            chain[0].start,
            chain[-1].end,
            led_by_title=chain[0].label_ in ("TITLE", "RANK")
            or (
                chain[0].label_ == "HONORIFIC" and any(e.label_ in ("TITLE", "RANK") for e in chain)
            ),
        )
        fill(unit, chain)
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
        elif element.label_ in ("RANK", "HONORIFIC") or introduces_next(element):
            owner[index] = after[0]
        elif (
            element.label_ in ("ORG", "GPE", "TITLE")
            and index > 0
            and owner[index - 1] == after[0]
            and chain[index - 1].label_ in ("TITLE", "ORG", "GPE")
        ):
            # the organisation or second office of an office that opens the next name
            # (`M. A, le ministre d'État, ministre de la Défense du Burkina Faso, le général B`)
            owner[index] = after[0]
        else:
            owner[index] = before[-1]
    result = []
    for person_index in persons:
        members = [e for i, e in enumerate(chain) if owner[i] == person_index]
        unit = Unit(members[0].start, members[-1].end, person=chain[person_index])
        fill(unit, members)
        result.append(unit)
    return result


def in_plural_complement(element: Span) -> bool:
    """An office in the plural after `des` / `aux` (`la réunion des ministres ...`)."""
    doc = element.doc
    return (
        element.label_ == "TITLE"
        and element.start > 0
        and doc[element.start - 1].lower_ in ("des", "aux")
        and element[0].lower_.endswith(("s", "x"))
    )


def introduces_next(element: Span) -> bool:
    """`M. A, l'ambassadeur de Belgique, M. B`: between two names, an office with its own
    article opens the next person's apposition; without one (`M. A, ambassadeur de
    Belgique, et ...`) it describes the name before it."""
    doc = element.doc
    return (
        element.label_ == "TITLE"
        and element.start > 0
        and doc[element.start - 1].lower_ in ("le", "la", "l'")
    )


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


RUBRIC_LENGTH = 5  # words of a rubric before its colon: `Coopération militaire : ...`


def rubric_end(sentence: Span) -> int:
    """Where a sentence's rubric ends (`Audience : le ministre reçoit ...`, `Sénégal : ...`):
    after a colon within its first few words with no verb before it; its start otherwise.
    A rubric names the subject of the page, never a party of its event."""
    for token in sentence[: RUBRIC_LENGTH + 1]:
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.text == ":" and token.i > sentence.start and token.i + 1 < sentence.end:
            return token.i + 1
    return sentence.start


def sentence_units(
    doc: Doc, sentence: Span, honorifics: list[Span], entities: list[Span] | None = None
) -> list[Unit]:
    found = [
        unit for chain in chains(doc, sentence, honorifics, entities) for unit in units(chain)
    ]
    share_group_offices(doc, found)
    return found


def share_group_offices(doc: Doc, found: list[Unit]) -> None:
    """`les chefs de la défense des trois pays baltes : le général A pour la Lituanie, B ...`,
    `les ambassadeurs d'Irlande et d'Espagne, respectivement M. A et M. B`: each person
    listed after a plural office holds it."""
    for index, group in enumerate(found):
        if not group.title_only or not opens_group(group.titles[0]):
            continue
        following = [u for u in found[index + 1 :] if u.person is not None]
        if not following:
            continue
        gap = doc[group.end : following[0].start]
        if not any(t.text == ":" or t.lower_ == "respectivement" for t in gap):
            continue
        for unit in following:
            if group.titles[0] not in unit.titles:
                unit.titles.insert(0, group.titles[0])


def attribute_facts(unit: Unit) -> list[tuple[str, Span, Span, float]]:
    """HAS_RANK, HAS_TITLE and AFFILIATED_WITH of one unit: (relation, head, tail, confidence)."""
    if unit.person is None:
        return []
    facts = [("HAS_RANK", unit.person, rank, 0.95) for rank in unit.ranks]
    facts += [("HAS_TITLE", unit.person, title, 0.85) for title in unit.titles]
    facts += [("AFFILIATED_WITH", unit.person, org, 0.8) for org in unit.affiliations[:1]]
    return facts


def word_before(doc: Doc, position: int, skip=DETERMINERS) -> tuple[str, int]:
    """The first word before `position` that is not in `skip`, and its index (-1 if none)."""
    position -= 1
    while position >= 0 and (doc[position].lower_ in skip or doc[position].is_space):
        position -= 1
    return (doc[position].lower_, position) if position >= 0 else ("", -1)


def preceded_by(unit: Unit, words) -> bool:
    span = unit.person or unit.organisation or (unit.titles[0] if unit.titles else None)
    if span is None:
        return False
    word, _ = word_before(span.doc, unit.start, (DETERMINERS | POSSESSIVES) - set(words))
    return word in words
