"""Relation stage, part 3: what a title, a pronoun or a group stands for in one document.

In:  the `Unit`s of every sentence of a document (chains.py) and `models/anaphors.jsonl`.
Out: `References`, which answers, for a mention that is not a name, the named person units
     it stands for, or nothing when the document does not say (an unresolved side gives no
     relation).

- *Offices.* Every named person written with a title is a holder of that office in this document
  (`le directeur général, Amadou Sy`; also when the chain was cut between them without a verb,
  `le conseiller au cabinet royal, Son Excellence X`), as is a person introduced by an anaphoric
  noun that stands for offices (`Le diplomate, M. Erik Lund` holds the diplomatic offices of
  `models/anaphors.jsonl`). A title-only mention (`le directeur général`, `l'ambassadrice du
  Chili`) resolves to the holders whose office (or one of its other names in
  `models/office_synonyms.jsonl`: `chef de l'État` = `président de la République`) has the same
  head and at least its complements (feminine and plural folded: `ambassadrice` = `ambassadeurs`
  = `ambassadeur`), with a compatible affiliation when both name one. A singular mention takes
  the holder nearest before it, else after it, and only when the holders it fits are one person;
  a plural one (`les ministres de la Défense`) takes every holder (the nearest N when it says
  how many: `cinq nouveaux ambassadeurs`).
- *Pronouns and anaphoric nouns* (`il`, `elle`, `ce dernier`, `l'hôte`, `le visiteur`):
  `il`/`elle` is the named grammatical subject earlier in its sentence, else of the nearest
  earlier sentence (within three), else the first person such a sentence names outside a
  prepositional phrase; `ce dernier` the last named person before it; `l'hôte` /
  `le visiteur` / `la délégation` the host / guest of the document's previous event, as an
  office noun does when it is a subject (`l'officier saoudien a rendu visite`: the guest).
- *Counterparts*: `son homologue irakien` is the one other named person whose office or
  affiliation is Iraqi (if several, the one whose office has the head of one of the subject's
  offices in the document); without a demonym, the one who holds such an office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from . import resources
from .chains import Unit, preceded_by, surname, word_before
from .token_words import tokens_where

STOP_WORDS = frozenset("de du des la le les l d à au aux en et pour chargé chargée".split())
FEMININE_ENDINGS = (
    ("trice", "teur"),
    ("rice", "eur"),
    ("euse", "eur"),
    ("ère", "er"),
    ("ienne", "ien"),
    ("ante", "ant"),
    ("ente", "ent"),
    ("ée", "é"),
    ("ète", "et"),
    ("ale", "al"),
)
PLURAL_DETERMINERS = frozenset("les des aux ces deux trois quatre cinq six plusieurs".split())
SUBJECT_WINDOW = 3
GAP_TO_NAME = 16  # tokens between an office cut from its chain and the name it introduces
OBLIQUE_WORDS = frozenset("à au aux avec chez de du des d' par pour en sur auprès".split())
DEFINITE = frozenset(["la", "le", "l'", "cette", "ce", "cet", "ladite", "ledit"])


# `l'hôte du Royaume`, `l'hôte du pays`: the guest of the host country
HOST_LANDS = frozenset(["royaume", "pays", "sultanat", "grand-duché", "faso"])


def country_after(doc: Doc, position: int, reach: int = 1) -> str | None:
    """The country of a demonym among the `reach` words from `position` (`homologue
    indien`, `l'officier général togolais` with reach 2), or None."""
    return next(
        (
            code
            for token in doc[position : min(position + reach, len(doc))]
            if (code := resources.demonym_country(token.text)) is not None
        ),
        None,
    )


def fold_word(word: str) -> str:
    """One form for the masculine, feminine, singular and plural of a noun or adjective."""
    word = word.lower()
    if word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"
    elif word.endswith(("s", "x")) and len(word) > 3:
        word = word[:-1]
    for feminine, masculine in FEMININE_ENDINGS:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            return word[: -len(feminine)] + masculine
    return word


APPOSITION_GAP = frozenset([",", "le", "la", "l'", "les", ":", "m.", "mme"])


def office_key(text: str, without_demonyms: bool = False) -> tuple[str, frozenset[str]]:
    """(head, complements) of an office: `Ministres de la Défense` -> (ministre, {défense});
    `without_demonyms`: a nationality is not a complement (`chef d'état-major burkinabè`
    -> (chef, {état, major}), the country is checked apart)."""
    words = [w for w in re.split(r"[\s'’,;()]+", text.lower()) if w and w not in STOP_WORDS]
    if not words:
        return "", frozenset()
    complements = words[1:]
    if without_demonyms:
        complements = [w for w in complements if resources.demonym_country(w) is None]
    return fold_word(words[0]), frozenset(fold_word(w) for w in complements)


def office_initials(text: str) -> str:
    """`Chef d'État-major général des armées` -> `CEMGA`: the initials of its words, small
    words left out, the way an office's acronym is made."""
    words = [w for w in re.split(r"[\s'’-]+", text) if w and w.lower() not in STOP_WORDS]
    return "".join(plain(w)[:1] for w in words).upper()


def title_countries(text: str) -> frozenset[str]:
    """The countries an office names by a demonym (`chef d'état-major burkinabè`: BF)."""
    countries = (resources.demonym_country(w) for w in re.split(r"[\s'’]+", text)[1:])
    return frozenset(code for code in countries if code)


def is_plural(span: Span) -> bool:
    head = span[0]
    if "Plur" in head.morph.get("Number"):
        return True
    doc = span.doc
    return (
        span.start > 0
        and doc[span.start - 1].lower_ in PLURAL_DETERMINERS
        and (head.lower_.endswith(("s", "x")))
    )


@cache
def office_heads() -> frozenset[str]:
    """The folded first word of every office of `models/titles.jsonl` (`ministre`, `chef`)."""
    return frozenset(
        fold_word(re.split(r"[\s']+", row["pattern"])[0]) for row in resources.load("titles.jsonl")
    )


def coordinated_bodies(doc, end: int) -> list[str]:
    """The countries or bodies coordinated after a plural office's own (`les attachés de
    défense du Cambodge` `et du Laos`, `, du Mali et du Niger`)."""
    bodies = []
    position = end
    while position + 1 < len(doc) and doc[position].lower_ in ("et", ","):
        look = position + 1
        while look < len(doc) and doc[look].lower_ in ("de", "du", "des", "d'", "la", "l'"):
            look += 1
        token = doc[look] if look < len(doc) else None
        if token is None or look == position + 1 or token.ent_type_ not in ("GPE", "ORG"):
            break
        while look < len(doc) and doc[look].ent_iob_ != "O" and (
            look == token.i or doc[look].ent_iob_ == "I"
        ):
            look += 1
        bodies.append(doc[token.i:look].text)
        position = look
    return bodies


def coordinated_demonyms(doc, end: int) -> frozenset[str]:
    """The countries of demonyms coordinated after a plural office (`les ministres polonais`
    `, roumain et ukrainien`)."""
    found, position = set(), end
    while position + 1 < len(doc) and doc[position].lower_ in ("et", ","):
        code = resources.demonym_country(doc[position + 1].text)
        if not code:
            break
        found.add(code)
        position += 2
    return frozenset(found)


NUMBER_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}


COUNTED_BODIES = frozenset(["pays", "états", "nations", "armées", "délégations", "gouvernements"])


def stated_count(title: Span) -> int | None:
    """The number written before a plural office (`les trois ministres`, `5 ambassadeurs`)
    or of the bodies they stand for after it (`les ministres de la Défense des trois pays`)."""
    doc = title.doc
    for token in doc[max(title.start - 3, 0) : title.start]:
        if token.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[token.lower_]
        if token.is_digit and len(token.text) <= 2:
            return int(token.text)
    after = doc[title.end : min(title.end + 3, len(doc))]
    for token in after:
        if (
            token.lower_ in NUMBER_WORDS
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ in COUNTED_BODIES
        ):
            return NUMBER_WORDS[token.lower_]
    return None


def has_plural_determiner(token: Token, sentence: Span) -> bool:
    """`les ambassadeurs`, `cinq nouveaux ambassadeurs`: a plural determiner or numeral
    before the noun, with at most two adjectives or numerals between."""
    position = token.i - 1
    while position >= sentence.start and token.i - position <= 3:
        word = token.doc[position]
        if word.lower_ in PLURAL_DETERMINERS or word.pos_ == "NUM":
            return True
        if word.pos_ not in ("ADJ", "NUM"):
            return False
        position -= 1
    return False


def plural_office_word(word: str) -> bool:
    """`ministres`, `généraux`, `diplomates`: an office noun, or an anaphor for offices, in
    the plural."""
    return word.endswith(("s", "x")) and (
        fold_word(word) in office_heads() or bool(anaphor_offices(word))
    )


def plural_groups(sentence: Span) -> list[Unit]:
    """Plural offices the NER stage leaves unlabelled (`les ministres de la Défense des deux
    pays`, `les ambassadeurs`) as title-only units: the plural noun and its capitalised
    portfolio (`de la Défense`), not what follows (`des deux pays`)."""
    doc = sentence.doc
    groups = []
    for token in tokens_where(sentence, LOWER, plural_office_word):
        if (
            token.ent_type_
            or "Plur" not in token.morph.get("Number")
            or not has_plural_determiner(token, sentence)
        ):
            continue
        end = token.i + 1
        while end + 1 < sentence.end and doc[end].lower_ in ("de", "du", "des", "d'"):
            following = end + 1
            if doc[following].lower_ in ("la", "l'", "le", "les"):
                following += 1
            if following >= sentence.end or not doc[following].is_title:
                break
            end = following + 1
        title = Span(doc, token.i, end, label="TITLE")
        groups.append(Unit(token.i, end, titles=[title], led_by_title=True))
    return groups


@cache
def synonym_table() -> dict[tuple, list[tuple]]:
    return {
        office_key(row["office"]): [office_key(other) for other in row["same_as"]]
        for row in resources.load("office_synonyms.jsonl")
    }


def office_synonyms(text: str) -> list[tuple[str, frozenset[str]]]:
    """Other names of the same office (`chef de l'État` = `président de la République`),
    from `models/office_synonyms.jsonl`."""
    return synonym_table().get(office_key(text, without_demonyms=True), [])


def anaphor_offices(text: str) -> list[str]:
    """`les cinq diplomates`: the offices an anaphoric office noun stands for."""
    row = anaphors().get(fold_word(text.split()[0])) if text.split() else None
    return list(row.get("offices", [])) if row and row["kind"] == "office" else []


@cache
def anaphors() -> dict[str, dict]:
    return {row["form"]: row for row in resources.load("anaphors.jsonl")}


def plain(text: str) -> str:
    return resources.strip_accents(text).lower()


def same_body(first: str, second: str) -> bool:
    """Two written forms that may name one organisation or country: equal, one inside the
    other, or one the acronym of the other (`CICR` = `Comité international de la
    Croix-Rouge`). An empty form fits anything."""
    if not first or not second:
        return True
    a, b = plain(first), plain(second)
    if a == b or a in b or b in a:
        return True

    def initials(text: str) -> str:
        return "".join(w[0] for w in re.split(r"[\s'-]+", text) if w[:1].isupper())

    return (
        first.isupper()
        and initials(second) == first
        or (second.isupper() and initials(first) == second)
    )


@dataclass
class References:
    doc: Doc
    units_by_sentence: list[list[Unit]]
    sentences: list[Span]
    holders: dict[str, list[tuple[frozenset[str], Unit]]] = field(default_factory=dict)
    named: list[Unit] = field(default_factory=list)
    # `son homologue indien, l'amiral X`: the country a counterpart noun gives X (by start)
    counterpart_countries: dict[int, frozenset[str]] = field(default_factory=dict)
    # offices held as a counterpart of that country; they answer only an office that names
    # a country (`le chef d'état-major de la marine indienne`)
    counterpart_holders: dict[str, list[tuple[frozenset[str], Unit]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        for units in self.units_by_sentence:
            for position, unit in enumerate(units):
                if unit.person is None:
                    continue
                self.named.append(unit)
                offices = [title.text for title in unit.titles]
                offices += self.introduced_offices(unit)
                offices += [t.text for t in self.cut_titles(units[:position], unit)]
                for office in offices:
                    head, complements = office_key(office)
                    self.holders.setdefault(head, []).append((complements, unit))
                for office in self.counterpart_offices(units[:position], unit):
                    head, complements = office_key(office)
                    self.counterpart_holders.setdefault(head, []).append((complements, unit))

    def add_holder(self, office: Unit, holder: Unit) -> None:
        """`office` (a title-only mention) is held by `holder`, as the text shows otherwise
        than by an apposition (`... a reçu le chef de la délégation. L'officier, le général
        X, ...`)."""
        for title in office.titles:
            head, complements = office_key(title.text)
            held = any(theirs == complements for theirs, _ in self.holders.get(head, ()))
            if complements and not held:  # (a bare `commandant` of a body, `de l'Armée`,
                # would stand for him wherever that head is written; an office someone else
                # holds here would become ambiguous)
                self.holders.setdefault(head, []).append((complements, holder))

    def cut_titles(self, before: list[Unit], unit: Unit) -> list[Span]:
        """`Le conseiller au cabinet royal, Son Excellence X, a reçu`: a title-only unit whose
        chain was cut before the name, set off by a comma with no verb between them and no
        `et le ...` (a second person), is that person's office."""
        name_start = unit.person.start
        if not before or not before[-1].title_only or name_start - before[-1].end > GAP_TO_NAME:
            return []
        gap = self.doc[before[-1].end : name_start]
        # `le CEMGA et son homologue, le général X`: an `et` opens another person
        another_person = any(t.lower_ == "et" for t in gap)
        if another_person or any(t.pos_ in ("VERB", "AUX") for t in gap):
            return []
        if not any(t.text == "," for t in gap):
            return []
        return before[-1].titles

    def noun_set_off_before(self, unit: Unit) -> int:
        """`l'hôte du jour, le général X`: the index of the last word before the comma (and
        article) that sets the name off, or -1 (no comma: `le visiteur X` is a name after
        its noun)."""
        position = unit.start - 1
        while position >= 0 and (
            self.doc[position].is_punct
            or self.doc[position].is_space
            or self.doc[position].lower_ in DEFINITE
        ):
            position -= 1
        if position < 0 or not any(t.text == "," for t in self.doc[position : unit.start]):
            return -1
        return position

    def counterpart_offices(self, before: list[Unit], unit: Unit) -> list[str]:
        """`X, chef d'état-major de la Marine, a accueilli son homologue indien, l'amiral Y`:
        Y holds X's offices, for his own country (the demonym after `homologue`)."""
        position = self.noun_set_off_before(unit)
        word, _ = word_before(self.doc, unit.start, DEFINITE | {"de", "du", "d'"})
        end = unit.start
        while end < unit.end and self.doc[end].ent_type_ == "GPE":
            end += 1
        named_country = resources.countries_named_in(self.doc[unit.start : end].text)
        if word == "homologue" and len(named_country) == 1:
            # `et son homologue du Niger, le commandant Y`: the country named after `du`
            country = next(iter(named_country))
        else:
            if position < 0:
                return []
            country = resources.demonym_country(self.doc[position].text)
            noun = self.doc[position - 1] if country and position > 0 else self.doc[position]
            if noun.lower_ != "homologue" or not country:
                return []
        self.counterpart_countries[unit.start] = frozenset([country])
        subject = next((u for u in reversed(before) if u.person is not None and u.titles), None)
        return [title.text for title in subject.titles] if subject is not None else []

    def introduced_offices(self, unit: Unit) -> list[str]:
        """`Le diplomate, M. Erik Lund`, `L'officier nigérian, le général X`: the offices the
        noun before the name (across a comma and its adjectives) stands for."""
        position = unit.start - 1
        while position >= 0 and (
            self.doc[position].is_punct
            or self.doc[position].is_space
            or self.doc[position].lower_ in DEFINITE
        ):
            position -= 1
        for token in reversed(list(self.doc[max(position - 2, 0) : position + 1])):
            row = anaphors().get(token.lower_)
            if row and row["kind"] == "office":
                return list(row.get("offices", []))
            if token.pos_ not in ("ADJ", "NOUN"):
                break
        return []

    # ------------------------------------------------------------------ offices

    def office_holders(self, unit: Unit, excluding: tuple[Unit, ...] = ()) -> list[Unit]:
        """The named persons a title-only mention stands for; never one of `excluding` (the
        other side of its event: `X a reçu les ministres de la Défense des trois pays`)."""
        title = unit.titles[0]
        if title.text.isupper() and len(title.text) >= 3 and not self.holders.get(
            office_key(title.text)[0]
        ):
            return self.acronym_holder(title.text)
        plural = is_plural(title)
        # a plural office may name several bodies (`les attachés de défense du Cambodge et du
        # Laos`): a holder of any of them fits
        affiliations = [a.text for a in unit.affiliations[:1]] or [""]
        if plural:
            after = unit.affiliations[0].end if unit.affiliations else unit.end
            affiliations += coordinated_bodies(title.doc, after)
        fitting, exact = [], []
        closeness: dict[int, int] = {}  # holder -> words by which his office differs
        names = [office_key(title.text, without_demonyms=True), *office_synonyms(title.text)]
        names += [office_key(office) for office in anaphor_offices(title.text)]
        countries = title_countries(title.text)
        if plural and countries:
            countries |= coordinated_demonyms(title.doc, title.end)
        group_countries = frozenset(
            code for a in affiliations for code in resources.countries_named_in(a)
        )
        for head, complements in names:
            candidates = list(self.holders.get(head, ()))
            if countries or plural:  # (`les deux attachés de défense`: X, attaché de défense
                # du Burkina Faso, and his counterpart of Niger, Y)
                candidates += self.counterpart_holders.get(head, [])
            for holder_complements, holder in candidates:
                if not (complements <= holder_complements or holder_complements <= complements):
                    continue
                holder_affiliation = holder.affiliations[0].text if holder.affiliations else ""
                of_group_country = plural and bool(self.countries_of(holder) & group_countries)
                if not any(same_body(a, holder_affiliation) for a in affiliations) and not (
                    of_group_country and not holder_affiliation
                ):  # (`les ministres ... de la Guinée et du Togo`: `son homologue togolais, X`)
                    continue
                if affiliations[0] and not holder_affiliation and any(
                    resources.demonym_country(w) is None for w in holder_complements - complements
                ):
                    # `le chef du Commandement des opérations` is not `le chef de la division
                    # de la coopération`: a more precise office of no named body is another
                    continue
                fitting.append(holder)
                spread = len(complements ^ holder_complements)
                closeness[holder.start] = min(closeness.get(holder.start, spread), spread)
                if (
                    complements
                    and holder_complements == complements
                    and (affiliations == [""] or holder_affiliation)
                ):
                    exact.append(holder)
        if plural and countries:
            # `les chefs d'état-major des armées irakienne et jordanienne`: a holder of that
            # head of each country named, whatever the rest of his office
            head = names[0][0]
            for _, holder in self.holders.get(head, []) + self.counterpart_holders.get(head, []):
                if holder not in fitting and self.person_countries(holder) & countries:
                    fitting.append(holder)
        if exact and not plural:
            # `le commandant en chef de l'armée`: its holder, not a `commandant` of a body
            fitting = exact
        if countries:  # `le chef d'état-major burkinabè`: a holder of that country, else one
            # whose country the document does not say
            fitting = [u for u in fitting if self.countries_of(u) & countries] or [
                u for u in fitting if not self.countries_of(u)
            ]
        others = {surname(u.person) for u in excluding if u.person is not None}
        fitting = [u for u in fitting if surname(u.person) not in others]
        fitting.sort(key=lambda u: u.start)
        if plural and not fitting and unit.affiliations:
            # `les ministres de la Défense des pays du Benelux`: the group's body is not
            # each holder's own; every holder of the office fits
            return self.office_holders(
                Unit(unit.start, unit.end, titles=unit.titles, led_by_title=unit.led_by_title),
                excluding,
            )
        if plural:
            holders = self.distinct(fitting)
            count = stated_count(title)
            if count and len(holders) > count:  # `cinq nouveaux ambassadeurs`: the five nearest
                # (`les deux chefs d'état-major`: the chiefs of staff before a `chef de la
                # division ... de l'état-major`)
                nearest = sorted(
                    holders,
                    key=lambda u: (closeness.get(u.start, 0), abs(u.start - title.start)),
                )[:count]
                holders = sorted(nearest, key=lambda u: u.start)
            return holders
        people = {plain(u.person.text) for u in fitting}
        if len(self.distinct(fitting)) != 1 and not self.same_person(people):
            return []
        before = [u for u in fitting if u.start < unit.start]
        return [before[-1] if before else fitting[0]] if fitting else []

    def acronym_holder(self, acronym: str) -> list[Unit]:
        """`le CEMGA`, never spelt out as such: the one person whose office (with the body
        it names: `Chef` + `État-major général des Armées`) has those initials."""
        fitting = [
            u
            for u in self.named
            for title in u.titles
            if acronym in (
                office_initials(title.text),
                office_initials(" ".join([title.text] + [a.text for a in u.affiliations[:1]])),
            )
        ]
        # `le commandant suprême adjoint des forces alliées en Europe (DSACEUR), le général
        # X ... Le DSACEUR a échangé avec`: the acronym written in brackets after an office
        fitting += [
            u
            for u in self.named
            if u.titles
            and any(
                t.text == acronym and self.doc[t.i - 1].text == "("
                for t in self.doc[u.start + 1 : u.person.start]
            )
        ]
        people = {plain(u.person.text) for u in fitting}
        if len(self.distinct(fitting)) != 1 and not self.same_person(people):
            return []
        return fitting[:1]

    def countries_of(self, unit: Unit) -> frozenset[str]:
        """The countries a person's offices and affiliations name (or the counterpart noun
        that introduced him)."""
        found: set[str] = set(self.counterpart_countries.get(unit.start, ()))
        for title in unit.titles:
            found |= title_countries(title.text)
        for affiliation in unit.affiliations:
            found |= resources.countries_named_in(affiliation.text)
        return frozenset(found)

    def person_countries(self, unit: Unit) -> frozenset[str]:
        """The countries the document gives a person through any of his named mentions."""
        name = surname(unit.person)
        return frozenset().union(
            *(self.countries_of(u) for u in self.named if surname(u.person) == name)
        )

    def sentence_of(self, unit: Unit) -> int:
        """The index of the sentence whose units hold `unit` (-1 if none)."""
        return next(
            (
                i
                for i, units in enumerate(self.units_by_sentence)
                if any(u.start == unit.start for u in units)
            ),
            -1,
        )

    def rank_holders(self, unit: Unit) -> list[Unit]:
        """`Le maréchal a ensuite reçu ...`: a singular rank written alone stands for the
        person named before it in the document with that rank; among several, the one named
        first, whose story it is (`l'amiral X ... un entretien entre l'amiral X et l'amiral
        Y ... Le même jour, l'amiral a eu des discussions avec Z`: X)."""
        rank = unit.ranks[0]
        if rank.text.lower().endswith(("s", "x")):
            return []  # `les généraux`
        key = plain(rank.text)
        country = country_after(self.doc, rank.end)
        holders = [
            u
            for u in self.named
            if u.start < unit.start
            and any(plain(r.text) == key for r in u.ranks)
            and (country is None or self.may_be_of(u, country))  # `l'amiral indien`
        ]
        if country is not None:
            holders = [u for u in holders if self.is_of(u, country)] or holders
        return holders[:1]

    @staticmethod
    def distinct(units: list[Unit]) -> list[Unit]:
        seen, result = set(), []
        for unit in units:
            key = plain(unit.person.text)
            if key not in seen:
                seen.add(key)
                result.append(unit)
        return result

    @staticmethod
    def same_person(names: set[str]) -> bool:
        """`Amadou Sy` and `Sy` are one person when every name's words fit the longest."""
        if not names:
            return False
        longest = set(max(names, key=len).split())
        return all(set(name.split()) <= longest for name in names)

    def counterparts(self, region: Span, subject: Unit) -> list[Unit]:
        """`son homologue irakien` in `region`: the one named person of the document, other
        than `subject`, whose office or affiliation carries that nationality, or (without a
        demonym) who holds an office of the same head as the subject's."""
        found = []
        for token in region:
            if token.lower_ not in ("homologue", "homologues") or token.ent_type_:
                continue
            if self.named_right_after(token):  # `son homologue, le général X`: X is written
                continue
            country = country_after(token.doc, token.i + 1)
            own = surname(subject.person)
            others = [u for u in self.named if surname(u.person) != own]
            heads = {
                office_key(t.text)[0]
                for u in self.named
                if surname(u.person) == own
                for t in u.titles
            }
            fitting = self.distinct([u for u in others if self.counterpart_of(u, heads, country)])
            if len(fitting) > 1 and country:
                fitting = [u for u in fitting if self.counterpart_of(u, heads, None)]
            if len(fitting) == 1:
                found.append(fitting[0])
        return found

    def named_right_after(self, token: Token, reach: int = 8) -> bool:
        """A person named in apposition right after `token` (`son homologue malien, le
        général X`), not after another word (`son homologue, puis avec X`)."""
        return self.apposed_after(token, reach) is not None

    def apposed_after(self, token: Token, reach: int = 8) -> Unit | None:
        """The person `named_right_after` a token, or None."""
        for unit in self.named:
            if token.i < unit.start <= token.i + reach:
                between = token.doc[token.i + 1 : unit.start]
                fits = all(
                    t.lower_ in APPOSITION_GAP or resources.demonym_country(t.text) is not None
                    for t in between
                    if not t.is_space
                )
                return unit if fits else None
        return None

    def counterpart_agent(self, region: Span) -> Unit | None:
        """`reçu par son homologue dominicain, le général X`: X, the agent written after a
        counterpart noun (which is no unit of its own)."""
        for token in region:
            if token.lower_ in ("homologue", "homologues") and not token.ent_type_:
                before = [t.lower_ for t in token.doc[max(token.i - 2, region.start) : token.i]]
                if "par" in before:
                    return self.apposed_after(token)
        return None

    @staticmethod
    def counterpart_of(unit: Unit, heads: set[str], country: str | None) -> bool:
        if country:
            demonyms = resources.country_by_demonym()
            words = [resources.strip_accents(t.lower_) for title in unit.titles for t in title]
            return any(demonyms.get(w) == country for w in words) or any(
                country in resources.countries_named_in(a.text) for a in unit.affiliations
            )  # (`Forces armées béninoises`, `République du Bénin`)
        return bool(heads) and any(office_key(t.text)[0] in heads for t in unit.titles)

    # ------------------------------------------------------------------ pronouns

    def subject_person(
        self, sentence_index: int, before: int, skip_unresolved: bool = False
    ) -> Unit | None:
        """The named person who is the grammatical subject earlier in this sentence (`X a
        atterri, où il a été accueilli`) or of a recent earlier sentence."""
        for index in range(sentence_index, max(sentence_index - 1 - SUBJECT_WINDOW, -1), -1):
            for unit in self.units_by_sentence[index]:
                if unit.end > before or not any(
                    t.dep_ in ("nsubj", "nsubj:pass") for t in self.doc[unit.start : unit.end]
                ):
                    continue
                if unit.person is not None:
                    return unit
                if unit.rank_only:  # `Dans l'après-midi, l'amiral a conféré avec ...`
                    holders = self.distinct(self.rank_holders(unit))
                    if len(holders) == 1:
                        return holders[0]
                if unit.title_only and index < sentence_index:
                    # `Le Président du Conseil a exhorté ... Il s'est entretenu`: a subject
                    # written as an office stands for its one holder, an anaphoric noun
                    # (`l'émissaire de Bakou a eu ...`) for whom it stands; else for nobody
                    # named in its sentence
                    holders = self.distinct(self.office_holders(unit))
                    if len(holders) == 1:
                        return holders[0]
                    head = self.doc[unit.titles[0].start]
                    if head.lower_ in anaphors():
                        return self.pronoun(head, index, None)
                    if not skip_unresolved:
                        return None
                    break
            else:
                pronoun = next(
                    (t for t in self.sentences[index]
                     if t.i < before and t.dep_ in ("nsubj", "nsubj:pass")
                     and t.lower_ in ("il", "elle")),
                    None,
                )
                person = self.pronoun(pronoun, index, None) if pronoun is not None else None
                if person is not None:  # `Mardi, elle avait eu des discussions avec Y.`
                    return person
                persons = [
                    u
                    for u in self.units_by_sentence[index]
                    if u.person is not None
                    and u.end <= before
                    and not preceded_by(u, OBLIQUE_WORDS)
                ]
                if persons:
                    return persons[0]
        return None

    def last_person(self, position: int) -> Unit | None:
        """`ce dernier`: the person mentioned last before `position`, named or written as
        an office one named person holds (`a accordé une audience au ministre
        sierra-léonais. Ce dernier ...`)."""
        before = [u for u in self.named if u.end <= position]
        offices = [
            u for units in self.units_by_sentence for u in units
            if u.title_only and u.end <= position and (not before or u.start > before[-1].end)
        ]
        if offices:
            holders = self.distinct(self.office_holders(offices[-1]))
            if len(holders) == 1:
                return holders[0]
        return before[-1] if before else None

    def group(self, token: Token, previous_frame) -> list[Unit]:
        """`les parlementaires ivoiriens ont été accueillis`: a plural noun of kind `guests`
        stands for every named guest of the document's previous event."""
        row = anaphors().get(fold_word(token.lower_))
        if row is None:
            return []
        if previous_frame is None:
            return self.two_named_before(token)
        if token.i > 0 and token.doc[token.i - 1].lower_ == "deux" and token.lower_.endswith(
            ("s", "x")
        ):  # `les deux hommes`, `les deux officiers`: the two parties of the event told
            if country_after(token.doc, token.i + 1, reach=2):
                # `les deux officiers généraux qataris`: two of one country are the guest
                # side (a guest and his companion)
                fitting = [
                    u
                    for u in previous_frame.guests
                    if u.person is not None and self.fits_office_noun(token, row, u)
                ]
                if len(self.distinct(fitting)) == 2:
                    return fitting
            sides = previous_frame.principal_parties()
            if None not in sides:
                return sides
            # `L'ambassade a accueilli X, accompagné de Y. Les deux officiers ont été reçus
            # par ...`: the two named guests of a host that is a body
            guests = [u for u in previous_frame.guests if u.person is not None]
            return guests if sides[0] is None and len(guests) == 2 else []
        count = NUMBER_WORDS.get(token.doc[token.i - 1].lower_) if token.i > 0 else None
        if count and count > 2 and token.lower_.endswith(("s", "x")):
            # `les trois hommes ont passé en revue`: every named party of the event told
            parties = [u for u in previous_frame.hosts + previous_frame.guests if u.person]
            return parties if len(self.distinct(parties)) == count else []
        plural_office = row["kind"] == "office" and token.lower_.endswith(("s", "x"))
        if row["kind"] not in ("guests", "guest") and not plural_office:
            return []  # `les officiers kirghizes ont été reçus`: the visitors told before
        if "Plur" not in token.morph.get("Number"):
            return []
        return [u for u in previous_frame.guests if u.person is not None]

    def two_named_before(self, token: Token) -> list[Unit]:
        """`X et son adjoint, le colonel Y, ont pris leurs fonctions. Les deux officiers ont
        été reçus par Z`: before any event, `les deux` + noun stands for the two persons the
        sentence before names (and only them)."""
        if token.i == 0 or token.doc[token.i - 1].lower_ != "deux":
            return []
        index = next((i for i, s in enumerate(self.sentences) if s.start <= token.i < s.end), 0)
        if index == 0:
            return []
        named = self.distinct([u for u in self.units_by_sentence[index - 1] if u.person])
        return named if len(named) == 2 else []

    def introduced_as_guest(self, unit: Unit) -> bool:
        """`l'hôte du jour, le général X`, `le visiteur, M. Y`: a name set off after a noun
        that stands for the guest."""
        position = self.noun_set_off_before(unit)
        if position < 0:
            return False
        words = [t.lower_ for t in self.doc[max(position - 2, 0) : position + 1]]
        row = anaphors().get(words[-1])
        return (row is not None and row["kind"] == "guest") or words == ["hôte", "du", "jour"]

    def pronoun(self, token: Token, sentence_index: int, previous_frame) -> Unit | None:
        """The person a subject pronoun or anaphoric noun stands for, or None."""
        word = token.lower_
        if word in ("dernier", "dernière") and token.i > 0:
            word = f"{token.doc[token.i - 1].lower_} {word}"
        row = anaphors().get(word)
        if row is None:
            return None
        if row["kind"] == "host" and self.guest_sense(token):
            row = {"kind": "guest"}
        if row.get("definite") and (token.i == 0 or token.doc[token.i - 1].lower_ not in DEFINITE):
            return None
        if row["kind"] == "subject":
            return self.subject_person(sentence_index, token.i)
        if row["kind"] == "last_person":
            return self.last_person(token.i)
        country = country_after(token.doc, token.i + 1)
        if previous_frame is not None and country and row["kind"] in ("host", "guest", "pair"):
            # `l'hôte ghanéen s'est entretenu`, `le responsable koweïtien avait été reçu`:
            # whichever party is of that country
            parties = self.distinct(
                [u for u in previous_frame.hosts + previous_frame.guests if u.person is not None]
            )
            of_country = [u for u in parties if country in self.person_countries(u)]
            if len(of_country) == 1:
                return of_country[0]
        if previous_frame is not None and row["kind"] in ("host", "guest", "office", "guests"):
            side = previous_frame.hosts if row["kind"] == "host" else previous_frame.guests
            if row["kind"] == "office" and previous_frame.relation == "MET":
                side = previous_frame.hosts + previous_frame.guests  # either party
            named = [u for u in side if u.person is not None]
            if row["kind"] == "office":
                named = [u for u in named if self.fits_office_noun(token, row, u)]
            first = self.sentence_of(named[0]) if named else -1
            told_first = [u for u in named if self.sentence_of(u) == first]
            if len(named) > 1 and len(told_first) == 1 and row["kind"] != "guests":
                # `a reçu un hôte. Il s'agit du général X. Il était accompagné de Y et Z.
                # L'hôte du jour ...`: the guest told first, not his companions
                return told_first[0]
            if len(named) > 1:
                # `la rencontre A–B ... Le chancelier y était accompagné de C. Le lendemain,
                # le diplomate a effectué une visite`: of the parties, the one the story
                # last made its subject
                subject = self.subject_person(sentence_index, token.i, skip_unresolved=True)
                same = [u for u in named if subject is not None and self.same_person(
                    {plain(u.person.text), plain(subject.person.text)}
                )]
                return same[0] if same else None
            return named[0] if named else None
        if previous_frame is None and row["kind"] == "office":
            # `Le patron de l'armée togolaise a été reçu`: before any event, the person the
            # story opened with, if he holds such an office
            person = self.subject_person(sentence_index, token.i)
            fits = person is not None and self.fits_office_noun(token, row, person)
            return person if fits else None
        if previous_frame is None and row["kind"] == "guest":
            # `X séjourne depuis lundi à Niamey. Le visiteur a eu un tête-à-tête avec Y`: before
            # any event, the visitor is the person the story opened with
            return self.subject_person(sentence_index, token.i)
        if previous_frame is None and country and row["kind"] == "pair":
            # `X est arrivé lundi. Hier, le responsable koweïtien avait été reçu par Y`: the
            # person the story opened with, when the document gives him no other country
            person = self.subject_person(sentence_index, token.i)
            theirs = self.person_countries(person) if person is not None else frozenset()
            return person if person is not None and (not theirs or country in theirs) else None
        return None

    def fits_office_noun(self, token: Token, row: dict, unit: Unit) -> bool:
        """`l'officier britannique`, `le diplomate`: a person who holds one of the noun's
        offices (an officer: any rank), or of whom the document says nothing, and not of
        another country than the demonym's when one follows."""
        country = country_after(token.doc, token.i + 1, reach=2)  # `l'officier général togolais`
        if country and not self.may_be_of(unit, country):
            return False
        if not unit.titles and not unit.ranks:
            return True  # nothing known of him
        heads = {office_key(office)[0] for office in row.get("offices", [])}
        officer = token.lemma_ == "officier" and bool(unit.ranks)
        return officer or any(office_key(t.text)[0] in heads for t in unit.titles)

    def may_be_of(self, unit: Unit, country: str) -> bool:
        """Whether nothing the document says of `unit` gives him another country."""
        countries = set(self.countries_of(unit))
        for title in unit.titles:
            countries |= resources.countries_named_in(title.text)
        return not countries or country in countries

    def is_of(self, unit: Unit, country: str) -> bool:
        """Whether the document gives `unit` that country."""
        return bool(self.countries_of(unit)) and self.may_be_of(unit, country)

    @staticmethod
    def guest_sense(token: Token) -> bool:
        """`l'hôte du jour`, `l'hôte de marque`, `l'hôte du Niger`, `l'hôte de l'Algérie`,
        `l'hôte de Yaoundé`: `hôte` meaning the guest (of the day, of a country or city),
        not the host."""
        following = token.doc[token.i + 1 : token.i + 4]
        words = [t.lower_ for t in following]
        if words[:2] in (["du", "jour"], ["de", "marque"]):
            return True
        if words[:1] == ["du"] and words[1:2] and words[1] in HOST_LANDS:  # `l'hôte du Royaume`
            return True
        if len(following) < 2 or words[0] not in ("de", "du", "des", "d'"):
            return False
        with_article = words[1] in ("l'", "la", "le") and len(following) == 3
        place = following[2] if with_article else following[1]
        return place.ent_type_ in ("GPE", "LOC")
