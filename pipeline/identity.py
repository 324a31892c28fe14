"""Person identity across mentions and documents: which written names are one person.

In:  PERSON mentions (dicts with doc_id, start, end, text) and, per mention, the countries
     the document ties that person to (his title's country or demonym).
Out: mention (doc_id, start, end) -> cluster key (`person#N`), and the audit of every
     cross-document merge and refusal (rows of `merges.csv`).

Two steps:

1. **Within a document**, names are compared on a transliteration key per word (accents,
   case and particles `bin`, `Al-`, `El-`, ... set aside; vowels dropped after the first
   letter, doubled letters merged, `dh`/`th`/`ph`/`q` folded), so `Mohammed`, `Mohamed` and
   `Muhammed` agree, as do `Al-Moghidi` and `Al-Moghedi`. A shorter name joins the one fuller
   name it fits (its words in order, the same last word: `Al-Moghidi`, `Zaid Wadi`); a short
   name that fits several people stays on its own.
2. **Across documents**, each document's person joins the one person of the other
   documents whose name matches by one of these rules (the rule is written to `merges.csv`):
   `same name` (every word agrees: same key and close spelling, or an initial: `J. S.
   Tavares`), `spelling variant` (one word one letter apart after folding: `Kalorib` /
   `Kalorip`, `Joldasbekov` / `Zholdasbekov`), `shorter form` (`D. Nzau`, `Tavares`), `extra
   family name` (`Idalina Pontes Quaresma` / `Idalina Pontes Quaresma Vaz`), `name order`
   (three words or more, each the same, in another order: `Aka Kouassi Théodore` /
   `Théodore Kouassi Aka`; two swapped words are not enough). A family name written first
   in capitals is put last before comparing (`NZAU Domingos` = `Domingos NZAU`); a
   hyphenated word is also compared joined (`Dan-Dobi` = `Dandobi`);
   `models/name_variants.jsonl` gives one spelling for given names written many ways
   (`Mohamed`, `Muhammad`); `sz`/`sh`, `cz`/`ch`, `y`/`i` and letters such as `Đ`, `ł`
   are folded. The key alone is too loose across documents (`Traoré` and
   `Touré` share it): the words must also be close as written (difflib ratio, see
   `CLOSE_SPELLING`). A merge is refused when the two are tied to different countries;
   when a name fits several people, none is chosen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from . import resources
from .resources import strip_accents

NAME_PARTICLES = resources.NAME_PARTICLES


KEY_FOLDS = (("dh", "d"), ("th", "t"), ("ph", "f"), ("q", "k"), ("ck", "k"), ("ou", "u"))
FOLDS = KEY_FOLDS + (  # across documents, a few more transliterations
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("sch", "sh"),  # German
    ("sz", "sh"),  # Polish (`Tomasz` / `Tomash`)
    ("cz", "ch"),
    ("sh", "ch"),
    ("y", "i"),  # `Fayez` / `Faiz`, `Khalayleh` / `Khalaileh`
)
CLOSE_SPELLING = 0.75  # difflib ratio of two folded words that share a key
VARIANT_SPELLING = 0.8  # ... of two words whose keys are one letter apart


@cache
def word_key(word: str) -> str:
    plain = strip_accents(word).lower()
    plain = re.sub(r"[^a-z]", "", plain)
    for source, target in KEY_FOLDS:
        plain = plain.replace(source, target)
    if not plain:
        return ""
    skeleton = plain[0] + re.sub(r"[aeiouy]", "", plain[1:])
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    if len(skeleton) > 2 and skeleton.endswith("h"):
        skeleton = skeleton[:-1]
    return skeleton


def name_words(name: str) -> list[str]:
    words = [w for w in re.split(r"[\s\-'’]+", name) if w]
    return [w for w in words if strip_accents(w).lower() not in NAME_PARTICLES]


def name_key(name: str) -> tuple[str, ...]:
    return tuple(k for k in (word_key(w) for w in name_words(name)) if k)


def is_subsequence(short: tuple, long: tuple) -> bool:
    iterator = iter(long)
    return all(any(s == item for item in iterator) for s in short)


def person_compatible(short: tuple, long: tuple) -> bool:
    return bool(short) and bool(long) and short[-1] == long[-1] and is_subsequence(short, long)



def group_in_document(mentions: list[dict]) -> dict[tuple, int]:
    """Mentions of one document -> local person number (step 1 of the module docstring)."""
    names = sorted({m["text"] for m in mentions}, key=lambda t: (-len(name_key(t)), -len(t), t))
    clusters: list[set] = []
    name_cluster: dict[str, int] = {}
    by_key: dict[tuple, int] = {}
    for name in names:
        key = name_key(name)
        if not key:
            continue
        chosen = by_key.get(key)
        if chosen is None:
            compatible = [
                i for i, keys in enumerate(clusters) if any(person_compatible(key, k) for k in keys)
            ]
            chosen = compatible[0] if len(compatible) == 1 else None
        if chosen is None:
            clusters.append(set())
            chosen = len(clusters) - 1
        clusters[chosen].add(key)
        by_key.setdefault(key, chosen)
        name_cluster[name] = chosen
    return {
        (m["doc_id"], m["start"], m["end"]): name_cluster[m["text"]]
        for m in mentions
        if m["text"] in name_cluster
    }


# ------------------------------------------------------------------ across documents


@cache
def given_name_variants() -> dict[str, str]:
    """Folded spelling -> one spelling, from `models/name_variants.jsonl`."""
    table = {}
    for row in resources.load("name_variants.jsonl"):
        for variant in row["variants"]:
            table[fold(variant, canonical=False)] = fold(row["name"], canonical=False)
    return table


def fold(word: str, canonical: bool = True) -> str:
    """A written word as compared across documents: no accents or case, the folds of
    `FOLDS`, doubled letters merged, one spelling for listed given names."""
    plain = re.sub(r"[^a-z]", "", strip_accents(word).lower())
    for source, target in FOLDS:
        plain = plain.replace(source, target)
    plain = re.sub(r"(.)\1+", r"\1", plain)
    if canonical:
        plain = given_name_variants().get(plain, plain)
    return plain


@cache
def index_keys(name: str) -> frozenset[str]:
    """The keys of a name's full words and their one-letter deletions: two names that any
    rule could match share one (every rule needs a full word in common)."""
    keys = set()
    for word in {w for form in written_forms(name) for w in form}:
        if is_initial(word):
            continue
        key = word_key(word)
        keys.add(key)
        keys |= {key[:i] + key[i + 1 :] for i in range(len(key))} if len(key) >= 4 else set()
    return frozenset(keys)


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """The name's words without particles, a family name in capitals put last
    (`NZAU Domingos Kiala` -> `Domingos Kiala NZAU`), initials as one letter."""
    words = name_words(name)
    capitals = [w for w in words if w.isupper() and sum(c.isalpha() for c in w) > 1]
    if capitals and len(capitals) < len(words):
        words = [w for w in words if w not in capitals] + capitals
    return tuple(fold(w) for w in words if fold(w))


@cache
def written_forms(name: str) -> frozenset[tuple[str, ...]]:
    """The name's `ordered_words`, and those of the name with its hyphenated words joined
    (`Dan-Dobi` = `Dandobi`; a particle before a hyphen is still set aside)."""
    joined = re.sub(r"(?<=\w)-(?=\w)", "", PARTICLE_HYPHEN.sub(r"\1 ", name))
    return frozenset(form for form in (ordered_words(name), ordered_words(joined)) if form)


PARTICLE_HYPHEN = re.compile(
    r"\b(" + "|".join(sorted(NAME_PARTICLES)) + r")-", re.IGNORECASE
)


def is_initial(word: str) -> bool:
    return len(word) == 1


def one_apart(first: str, second: str) -> bool:
    """Edit distance of at most one."""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) <= 1
    short, long = sorted((first, second), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@cache
def words_agree(first: str, second: str) -> str | None:
    """`same` when two folded words are one (or one is the other's initial), `variant` when
    one letter apart, else None."""
    if is_initial(first) or is_initial(second):
        return "same" if first[0] == second[0] else None
    key_a, key_b = word_key(first), word_key(second)
    same_key = key_a == key_b
    close_keys = min(len(key_a), len(key_b)) >= 4 and one_apart(key_a, key_b)
    if not same_key and not close_keys:
        return None  # the spelling ratio, the costly part, cannot help
    ratio = SequenceMatcher(None, first, second).ratio()
    if same_key and ratio >= CLOSE_SPELLING:
        return "same"
    if close_keys and ratio >= VARIANT_SPELLING:
        return "variant"
    return None


def in_order(short: tuple[str, ...], long: tuple[str, ...]) -> list[str] | None:
    """How each word of `short` agrees with a word of `long`, in order; None if one does not."""
    found, position = [], 0
    for word in short:
        while position < len(long) and words_agree(word, long[position]) is None:
            position += 1
        if position == len(long):
            return None
        found.append(words_agree(word, long[position]))
        position += 1
    return found


@cache
def name_rule(first: tuple[str, ...], second: tuple[str, ...]) -> str | None:
    """The rule by which two names (ordered, folded words) are one person, else None."""
    if not first or not second:
        return None
    short, long = sorted((first, second), key=len)
    if len(short) == len(long):
        agreed = [words_agree(a, b) for a, b in zip(short, long, strict=True)]
        if None in agreed:
            return "name order" if in_another_order(short, long) else None
        if agreed.count("variant") > 1:
            return None
        return "spelling variant" if "variant" in agreed else "same name"
    agreed = in_order(short, long)
    if agreed is None or agreed.count("variant") > 1:
        return None
    if words_agree(short[-1], long[-1]) is not None:
        return "shorter form"
    if len(short) >= 2 and not is_initial(short[0]) and words_agree(short[0], long[0]):
        return "extra family name"
    return None


def in_another_order(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Three words or more, each written the same in both, in another order (`Aka Kouassi
    Théodore` / `Théodore Kouassi Aka`, `TRAN Quang Vinh` / `Trần Quang Vinh`). Two words
    swapped are not enough: `Ali Mohamed` and `Mohamed Ali` are two people as often as one."""
    if len(first) < 3 or any(is_initial(w) for w in first + second):
        return False
    left = list(second)
    for word in first:
        match = next((w for w in left if words_agree(word, w) == "same"), None)
        if match is None:
            return False
        left.remove(match)
    return True


@dataclass
class Person:
    """One person: the names it is written with, its documents, its countries."""

    names: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)


def resolve_people(
    mentions: list[dict], countries: dict[tuple, set[str]] | None = None
) -> tuple[dict[tuple, str], list[dict]]:
    """mention (doc_id, start, end) -> cluster key, and the merge audit (see the module
    docstring). `countries` maps a mention to the ISO codes its document ties it to."""
    countries = countries or {}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention["doc_id"]].append(mention)
    local: list[tuple[str, int, Person]] = []
    local_of: dict[tuple, tuple[str, int]] = {}
    for doc_id in sorted(by_doc):
        groups: dict[int, Person] = defaultdict(Person)
        for key, number in group_in_document(by_doc[doc_id]).items():
            local_of[key] = (doc_id, number)
        for mention in by_doc[doc_id]:
            key = (mention["doc_id"], mention["start"], mention["end"])
            if key not in local_of:
                continue
            person = groups[local_of[key][1]]
            person.names.add(mention["text"])
            person.docs.add(doc_id)
            person.countries |= countries.get(key, set())
        local += [(doc_id, number, person) for number, person in groups.items()]
    local.sort(
        key=lambda item: (
            -max(len(ordered_words(n)) for n in item[2].names),
            -max(len(n) for n in item[2].names),
            sorted(item[2].names),
            item[0],
        )
    )
    people: list[Person] = []
    forms: list[frozenset[tuple[str, ...]]] = []  # compared_forms(people[i]), kept current
    by_word: dict[str, set[int]] = defaultdict(set)
    global_of: dict[tuple[str, int], int] = {}
    audit: list[dict] = []
    for doc_id, number, person in local:
        candidates = set()
        for name in person.names:
            for key in index_keys(name):
                candidates |= by_word.get(key, set())
        mine = compared_forms(person)
        matches = []
        for index in sorted(candidates):
            rule = best_rule(mine, forms[index])
            if rule is not None:
                matches.append((index, rule))
        conflicts = [
            (i, r) for i, r in matches
            if person.countries and people[i].countries
            and not person.countries & people[i].countries
        ]
        fitting = [(i, r) for i, r in matches if (i, r) not in conflicts]
        same = [(i, r) for i, r in fitting if r == "same name"]
        chosen = same if len(same) == 1 else fitting if len(fitting) == 1 else []
        rows = [(audit_row(person, people[i], r, "refused", "different countries"), i)
                for i, r in conflicts]
        if chosen:
            index, rule = chosen[0]
            rows.append((audit_row(person, people[index], rule, "merged", ""), index))
            target = people[index]
            target.names |= person.names
            target.docs |= person.docs
            target.countries |= person.countries
            forms[index] = compared_forms(target)
        else:
            if len(fitting) > 1:
                rows += [(audit_row(person, people[i], r, "refused",
                                    "the name fits several people"), i) for i, r in fitting]
            people.append(Person(set(person.names), set(person.docs), set(person.countries)))
            forms.append(mine)
            index = len(people) - 1
        global_of[(doc_id, number)] = index
        for row, other in rows:
            audit.append(dict(row, cluster=f"person#{index}", other_cluster=f"person#{other}"))
        for name in person.names:
            for key in index_keys(name):
                by_word[key].add(index)
    assignment = {key: f"person#{global_of[local]}" for key, local in local_of.items()}
    return assignment, audit


def best_rule(mine: frozenset[tuple[str, ...]], theirs: frozenset[tuple[str, ...]]) -> str | None:
    """The strongest rule by which any name of one person fits any name of the other (both
    given by their `compared_forms`)."""
    strength = ("same name", "spelling variant", "name order", "extra family name",
                "shorter form")
    if mine & theirs:
        return "same name"  # one full written form in both (the usual case): no comparison
    found = {name_rule(a, b) for a in mine for b in theirs}
    return next((rule for rule in strength if rule in found), None)


def compared_forms(person: Person) -> frozenset[tuple[str, ...]]:
    """The ordered, folded words of each name compared across documents: those of two words
    or more (a surname alone fits too many people), else the surname."""
    forms = frozenset(form for n in person.names for form in written_forms(n))
    return frozenset(f for f in forms if len(f) >= 2) or forms


def audit_row(person: Person, other: Person, rule: str, decision: str, reason: str) -> dict:
    return {
        "cluster_names": sorted(other.names),
        "names": sorted(person.names),
        "doc_ids": sorted(person.docs),
        "joined_doc_ids": sorted(other.docs),
        "rule": rule,
        "decision": decision,
        "reason": reason,
        "countries": sorted(person.countries),
        "joined_countries": sorted(other.countries),
    }
