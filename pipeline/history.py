"""Dated histories: which rank and which office each person was written with, and when.

In:  the relation rows of `aggregate.build_tables` (HAS_RANK and HAS_TITLE: `head_id`, the
     written `tail_text`, `date`, `doc_id`) and the `entities` table (names).
Out: `person_history(relations, entities)` -> the `person_history` table: one row per
     (person, kind `rank` | `title`, value) with the earliest and latest dates at which the
     documents write it, the number of documents and their ids; sorted by person, then
     first date (undated values last), then kind (rank first), so that a promotion reads as
     a sequence (`général de division` 2021-03-02..2022-05-10, then `général de corps
     d'armée` 2023-01-15..).

A value is a written rank or title grouped as `entities.csv` groups them (case, accents,
hyphens and apostrophes aside); ranks are grouped further, so that a history does not read
a spelling as a promotion: the abbreviations of `models/ranks.jsonl` count as the grade they
abbreviate (`Gal`, `Gén.` = général, `Lcl` = lieutenant-colonel, `GDI` = général de
division), the web plural `d'armées` as `d'armée`, and a bare grade written in a document
that also gives the person a fuller one (`le général Nzau` after `le général d'armée ...
Nzau`) as that fuller grade. The form shown is a written one: spelled out rather than
abbreviated, then spelled as the grade (`d'armée`, not `d'Armées`), then the commonest, then
the one with most words. Its dates are the dates of the relations that give it: the
sentence's date, else the dateline's, else the publication date
(`aggregate.context_date_place`); a value never dated has empty dates.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from . import resources
from .artefacts import table_frame
from .resources import plain

KINDS = {"HAS_RANK": "rank", "HAS_TITLE": "title"}
# Abbreviated grades (the cased patterns of models/ranks.jsonl) -> the grade they stand for.
RANK_ABBREVIATIONS = {
    plain(row["pattern"]): plain(row["means"])
    for row in resources.load("ranks.jsonl")
    if row.get("means")
}


def rank_key(text: str) -> str:
    """A rank's key with abbreviations spelled out (`Gal de division` = `général de
    division`) and the web plural `d'armées` as `d'armée`."""
    key = plain(text)
    if key in RANK_ABBREVIATIONS:
        return RANK_ABBREVIATIONS[key]
    first, _, rest = key.partition(" ")
    if first in RANK_ABBREVIATIONS and rest:
        key = f"{RANK_ABBREVIATIONS[first]} {rest}"
    return " ".join("armee" if word == "armees" else word for word in key.split())


def spelled_out(text: str) -> bool:
    return plain(text).split(" ")[0] not in RANK_ABBREVIATIONS


def fuller_grades(rows: list[dict]) -> dict[int, str]:
    """Row index -> the fuller grade of the same person in the same document that a bare
    grade stands for (`général` -> `général d'armée` or `lieutenant général`: its words
    and more), when there is exactly one."""
    keys: dict[tuple, set[str]] = defaultdict(set)
    for row in rows:
        keys[(row["doc_id"], row["head_id"])].add(row["key"])
    found = {}
    for index, row in enumerate(rows):
        words = set(row["key"].split())
        fuller = {
            k for k in keys[(row["doc_id"], row["head_id"])] if words < set(k.split())
        }
        if len(fuller) == 1:
            found[index] = fuller.pop()
    return found


def person_history(relations: list[dict], entities: pd.DataFrame) -> pd.DataFrame:
    names = (
        dict(zip(entities["entity_id"], entities["name"], strict=True))
        if entities is not None and len(entities)
        else {}
    )
    ranks, titles = [], []
    for row in relations:
        kind = KINDS.get(row["relation"])
        if kind and row["head_id"].startswith("person:") and row["tail_text"].strip():
            if kind == "rank":
                ranks.append(dict(row, kind=kind, key=rank_key(row["tail_text"])))
            else:
                titles.append(dict(row, kind=kind, key=plain(row["tail_text"])))
    for index, fuller in fuller_grades(ranks).items():
        ranks[index]["key"] = fuller
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in ranks + titles:
        groups[(row["head_id"], row["kind"], row["key"])].append(row)
    rows = []
    for (person, kind, key), group in groups.items():
        # the forms written for the grade itself, not the bare grades it stands for
        own = [r for r in group if kind != "rank" or rank_key(r["tail_text"]) == key]
        forms = Counter(" ".join(r["tail_text"].split()) for r in own or group)
        dates = sorted(r["date"] for r in group if r["date"])
        doc_ids = sorted({r["doc_id"] for r in group})
        rows.append(
            {
                "entity_id": person,
                "name": names.get(person, group[0]["head"]),
                "kind": kind,
                "value": sorted(
                    forms,
                    key=lambda v: (
                        not spelled_out(v), plain(v) != key, -forms[v], -len(v.split()), v
                    ),
                )[0],
                "first_date": dates[0] if dates else "",
                "last_date": dates[-1] if dates else "",
                "n_docs": len(doc_ids),
                "doc_ids": "|".join(doc_ids),
            }
        )
    rows.sort(
        key=lambda r: (
            r["entity_id"],
            r["first_date"] == "",
            r["first_date"],
            r["kind"],
            r["last_date"],
            r["value"],
        )
    )
    return table_frame("person_history", rows)
