"""Person identity across mentions and documents: which written names are one person.

In:  PERSON mentions (dicts with doc_id, start, end, text).
Out: mention (doc_id, start, end) -> cluster key (`person#N`).

Names are compared on a transliteration key per word (accents, case and particles `bin`,
`Al-`, `El-`, ... set aside; vowels dropped after the first letter, doubled letters merged,
`dh`/`th`/`ph`/`q` folded), so `Mohammed`, `Mohamed` and `Muhammed` agree, as do
`Al-Moghidi` and `Al-Moghedi`. A shorter name joins a fuller one when its words appear in it
in order with the same last word (`Al-Moghidi`, `Zaid Wadi`), preferring a person of the
same document; a short name that fits several people stays on its own.
"""

from __future__ import annotations

import re
from collections import defaultdict

from . import resources
from .resources import strip_accents

NAME_PARTICLES = resources.NAME_PARTICLES


def word_key(word: str) -> str:
    plain = strip_accents(word).lower()
    plain = re.sub(r"[^a-z]", "", plain)
    for source, target in (
        ("dh", "d"),
        ("th", "t"),
        ("ph", "f"),
        ("q", "k"),
        ("ck", "k"),
        ("ou", "u"),
    ):
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



def resolve_people(mentions: list[dict]) -> dict[tuple, str]:
    """mention (doc_id, start) -> cluster key."""
    names = sorted({m["text"] for m in mentions}, key=lambda t: (-len(name_key(t)), -len(t), t))
    by_name_docs = defaultdict(set)
    for m in mentions:
        by_name_docs[m["text"]].add(m["doc_id"])
    clusters: list[dict] = []
    name_cluster: dict[str, int] = {}
    by_key: dict[tuple, int] = {}
    by_surname: dict[str, list[int]] = defaultdict(list)
    for name in names:
        key = name_key(name)
        if not key:
            continue
        docs = by_name_docs[name]
        chosen = by_key.get(key)
        if chosen is None:
            compatible = [
                i
                for i in by_surname.get(key[-1], [])
                if any(person_compatible(key, k) for k in clusters[i]["keys"])
            ]
            same_doc = [i for i in compatible if clusters[i]["docs"] & docs]
            if len(same_doc) == 1:
                chosen = same_doc[0]
            elif len(compatible) == 1 and not same_doc:
                chosen = compatible[0]
        if chosen is None:
            clusters.append({"keys": {key}, "names": [name], "docs": set(docs)})
            chosen = len(clusters) - 1
            by_surname[key[-1]].append(chosen)
        else:
            clusters[chosen]["keys"].add(key)
            clusters[chosen]["names"].append(name)
            clusters[chosen]["docs"] |= docs
        by_key.setdefault(key, chosen)
        name_cluster[name] = chosen
    return {
        (m["doc_id"], m["start"], m["end"]): f"person#{name_cluster[m['text']]}"
        for m in mentions
        if m["text"] in name_cluster
    }
