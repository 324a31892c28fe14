"""Stage 5, aggregate: per-document entities and relations -> the five tables of OUTPUTS.md.

In:  one `DocumentResult` per document (entities, relations and sentences with offsets into
     the original text; dateline and publication date) and the errors of the run.
Out: DataFrames `mentions`, `entities`, `relations`, `events`, `errors`, then `visits` (and
     each event's `visit_id`, `visits.py`) and `person_history` (`history.py`).

Entity resolution, across mentions and documents:

- PERSON: names are compared on a transliteration key per word (accents, case and particles
  `bin`, `Al-`, `El-`, ... set aside; vowels dropped after the first letter, doubled letters
  merged, `dh`/`th`/`ph`/`q` folded), so `Mohammed`, `Mohamed` and `Muhammed` agree, as do
  `Al-Moghidi` and `Al-Moghedi`. A shorter name joins a fuller one when its words appear in
  it in order with the same last word (`Al-Moghidi`, `Zaid Wadi`), preferring a person of
  the same document; a short name that fits several people stays on its own.
- ORG: the id of `models/organisations.jsonl` when the ruler matched a listed body; an
  acronym defined in parentheses or equal to the initials of a name; else the same head
  noun with mostly the same words (`Centre des Nations Unies contre le terrorisme` and `...
  pour la lutte contre le terrorisme`), or a short form of one organisation of the same
  document (`Coalition`, `Coalition Islamique`). Names of two countries are two bodies, and
  across documents a name that names no country (`État-major général des armées`) never
  joins one that names a country: it is whichever country's body its document is about.
- GPE: the ISO code. LOC: the place's listed name, else its transliteration key.

An entity's name is its fullest written form. A person's nationality comes from the country
his title belongs to (AFFILIATED_WITH a GPE), else from a demonym in his title.
Dates: the relation's sentence's DATE (a weekday resolved against the dateline), else the
dateline's date, else the publication date. Place: a LOC of the sentence, else the dateline's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import timedelta

import pandas as pd

from . import resources
from .artefacts import table_frame
from .dates import parse_date, parse_date_near, parse_to_date
from .history import person_history
from .identity import name_key, name_words, resolve_people
from .resources import plain, strip_accents
from .visits import document_dates, with_visits, years_of_yearless

NAME_PARTICLES = resources.NAME_PARTICLES
ORG_STOPWORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "l",
        "les",
        "et",
        "pour",
        "contre",
        "sur",
        "en",
        "à",
        "au",
        "aux",
        "the",
        "of",
        "for",
        "and",
    ]
)
EVENT_RELATIONS = ("RECEIVED", "MET")


@dataclass
class DocumentResult:
    doc_id: str
    entities: list[dict]
    relations: list[dict]
    sentences: list[dict]
    dateline: dict | None = None
    publication_date: str | None = None
    demonyms: list[dict] = field(default_factory=list)


# ------------------------------------------------------------------ keys


def org_words(name: str) -> list[str]:
    return [
        w
        for w in re.split(r"[\s'’\-]+", strip_accents(name).lower())
        if w and w not in ORG_STOPWORDS
    ]


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s'’\-]+", name) if w and w[0].isupper())


ACRONYM = re.compile(r"[A-Z][A-Z0-9&\-]{1,11}")


def is_acronym(text: str) -> bool:
    return bool(ACRONYM.fullmatch(text)) and sum(c.isupper() for c in text) >= 2


def slug(text: str) -> str:
    value = re.sub(r"[^A-Za-z0-9]+", "-", strip_accents(unicodedata.normalize("NFKC", text)))
    return value.strip("-").lower() or "x"


def display_name(texts: list[str]) -> str:
    """An entity's name: the full form that its acronym abbreviates when one is written
    (`Coalition Islamique Militaire Contre le Terrorisme` for CIMCT), else the fullest form."""
    acronyms = {t for t in texts if is_acronym(t)}
    names = [t for t in texts if not is_acronym(t)] or texts
    expansions = [t for t in names if initials(t) in acronyms]
    return fullest(expansions or names)


def fullest(texts: list[str]) -> str:
    """The form with most words; `Julián Andrés Cárdenas Ospina` before the catalogue form
    `CÁRDENAS OSPINA Julián Andrés` (family name first in capitals)."""
    counts = Counter(texts)

    def catalogue_form(text: str) -> bool:
        words = name_words(text)
        return len(words) > 1 and words[0].isupper() and not words[-1].isupper()

    return sorted(
        counts, key=lambda t: (-len(name_words(t)), catalogue_form(t), -len(t), -counts[t], t)
    )[0]


# ------------------------------------------------------------------ clustering


class OrganisationClusters:
    """Organisation mentions grouped into entities; see the module docstring for the rules.
    Clusters are indexed by id, acronym, initials, normalised name and head word, so each
    mention is compared with the few clusters that could take it."""

    def __init__(self, acronym_links: dict[str, str]):
        self.acronym_links = acronym_links
        self.defined = defaultdict(set)
        for acronym, full in acronym_links.items():
            self.defined[plain(full)].add(acronym)
        self.clusters: list[dict] = []
        self.assignment: dict[tuple, int] = {}
        self.by_id: dict[str, int] = {}
        self.by_acronym: dict[str, int] = {}
        self.by_initials: dict[str, int] = {}
        self.by_plain: dict[str, int] = {}
        self.by_head: dict[str, list[int]] = defaultdict(list)

    def other_country(self, index: int, words: list[str]) -> bool:
        """The name names a country and the cluster's names name others only: the ministries
        (or general staffs) of two countries are two bodies, even when a name without a
        country (`État-major général des armées`) resembles both."""
        countries = resources.countries_named_in(" ".join(words))
        theirs = self.clusters[index]["countries"]
        return bool(countries and theirs and not countries & theirs)

    def similar(self, index: int, words: list[str]) -> bool:
        if self.other_country(index, words):
            return False
        for name in self.clusters[index]["names"]:
            other = org_words(name)
            if not other or other[0] != words[0] or min(len(words), len(other)) < 3:
                continue
            if len(set(words) & set(other)) / len(set(words) | set(other)) >= 0.6:
                return True
        return False

    def shorter_form(self, index: int, words: list[str]) -> bool:
        return not self.other_country(index, words) and any(
            set(words) < set(org_words(n)) for n in self.clusters[index]["names"])

    def candidates(self, mention: dict) -> list[int]:
        text = mention["text"]
        if mention.get("key") and mention["key"] in self.by_id:
            return [self.by_id[mention["key"]]]
        if is_acronym(text):
            full = plain(self.acronym_links.get(text, ""))
            found = {self.by_acronym.get(text), self.by_initials.get(text)}
            if full:
                found.add(self.by_plain.get(full))
            return sorted(i for i in found if i is not None)
        found = {self.by_plain.get(plain(text))}
        found |= {self.by_acronym.get(a) for a in self.defined.get(plain(text), ())}
        found.discard(None)
        words = org_words(text)
        if found or not words:
            return sorted(found)
        heads = self.by_head.get(words[0], [])
        similar = [i for i in heads if self.similar(i, words)]
        if similar:
            return similar
        shorter = [i for i in heads if self.shorter_form(i, words)]
        same_doc = [i for i in shorter if mention["doc_id"] in self.clusters[i]["docs"]]
        if len(same_doc) == 1:
            return same_doc
        return shorter if len(shorter) == 1 and not same_doc else []

    def belongs(self, index: int, mention: dict) -> bool:
        """A name that names no country (`État-major général des armées`, `Forces Armées
        Royales`) is one country's body in one document and another's in the next: across
        documents, it and an organisation that names a country are two (a listed body or an
        acronym is known; within a document the short form is that document's body)."""
        cluster = self.clusters[index]
        named = bool(resources.countries_named_in(mention["text"]))
        return (named == bool(cluster["countries"]) or mention["doc_id"] in cluster["docs"]
                or bool(mention.get("key")) or is_acronym(mention["text"]))

    def add(self, mention: dict) -> None:
        found = [i for i in self.candidates(mention) if self.belongs(i, mention)]
        if found:
            index = found[0]
        else:
            self.clusters.append({"names": set(), "docs": set(), "countries": set()})
            index = len(self.clusters) - 1
        cluster = self.clusters[index]
        text = mention["text"]
        if mention.get("key"):
            self.by_id.setdefault(mention["key"], index)
        if is_acronym(text):
            self.by_acronym.setdefault(text, index)
        elif text not in cluster["names"]:
            cluster["names"].add(text)
            cluster["countries"] |= resources.countries_named_in(text)
            self.by_plain.setdefault(plain(text), index)
            self.by_initials.setdefault(initials(text), index)
            words = org_words(text)
            if words and index not in self.by_head[words[0]]:
                self.by_head[words[0]].append(index)
        cluster["docs"].add(mention["doc_id"])
        self.assignment[(mention["doc_id"], mention["start"], mention["end"])] = index


def resolve_organisations(mentions: list[dict], acronym_links: dict[str, str]) -> dict:
    """mention (doc_id, start, end) -> cluster key. Listed and longer names go first, so that
    short forms and acronyms find the organisation they belong to."""
    clusters = OrganisationClusters(acronym_links)
    for mention in sorted(
        mentions,
        key=lambda m: (
            not m.get("key"),
            is_acronym(m["text"]),
            -len(org_words(m["text"])),
            m["text"],
            m["doc_id"],
            m["start"],
        ),
    ):
        clusters.add(mention)
    return {key: f"org#{index}" for key, index in clusters.assignment.items()}


# ------------------------------------------------------------------ tables


def acronym_definitions(results: list[DocumentResult]) -> dict[str, str]:
    """`Full Name (ACR)` written in a document: ACR -> Full Name."""
    links = {}
    for result in results:
        orgs = sorted((e for e in result.entities if e["label"] == "ORG"), key=lambda e: e["start"])
        for first, second in zip(orgs, orgs[1:], strict=False):
            if (
                is_acronym(second["text"])
                and not is_acronym(first["text"])
                and 0 < second["start"] - first["end"] <= 3
            ):
                links.setdefault(second["text"], first["text"])
    return links


def person_countries(results: list[DocumentResult]) -> dict[tuple, set[str]]:
    """PERSON mention -> the countries its document ties it to: the country or body its
    title belongs to (AFFILIATED_WITH), a demonym in its title (`ambassadeur malien`)."""
    found: dict[tuple, set[str]] = defaultdict(set)
    for result in results:
        demonyms = [(d["start"], d.get("key", "")) for d in result.demonyms]
        for relation in result.relations:
            head, tail = relation["head"], relation["tail"]
            key = (result.doc_id, head["start"], head["end"])
            if relation["relation"] == "AFFILIATED_WITH":
                found[key] |= resources.countries_named_in(tail["text"])
            elif relation["relation"] == "HAS_TITLE":
                found[key] |= {
                    code
                    for start, code in demonyms
                    if code and tail["start"] <= start < tail["end"]
                }
    return found


def assign_entities(results: list[DocumentResult]) -> tuple[dict[tuple, str], list[dict]]:
    """mention -> cluster key for every entity span, and the audit of person merges."""
    people = [
        dict(e, doc_id=r.doc_id) for r in results for e in r.entities if e["label"] == "PERSON"
    ]
    orgs = [dict(e, doc_id=r.doc_id) for r in results for e in r.entities if e["label"] == "ORG"]
    assignment = {}
    person_assignment, audit = resolve_people(people, person_countries(results))
    assignment.update(person_assignment)
    assignment.update(resolve_organisations(orgs, acronym_definitions(results)))
    for result in results:
        for entity in result.entities:
            key = (result.doc_id, entity["start"], entity["end"])
            if entity["label"] == "GPE":
                code = entity.get("key") or resources.country_by_name().get(
                    strip_accents(entity["text"]).lower()
                )
                assignment[key] = f"gpe#{code or plain(entity['text'])}"
            elif entity["label"] == "LOC":
                assignment[key] = f"loc#{entity.get('key') or '-'.join(name_key(entity['text']))}"
    return assignment, audit


def merge_table(audit: list[dict], ids: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """The person merges across documents, and the refusals, one row each (`merges.csv`)."""
    rows = [
        {
            "entity_id": ids.get(row["other_cluster"], ""),
            "name": names.get(row["other_cluster"], ""),
            "merged_entity_id": ids.get(row["cluster"], ""),
            "written": "|".join(row["names"]),
            "doc_ids": "|".join(row["doc_ids"]),
            "joined_doc_ids": "|".join(row["joined_doc_ids"]),
            "rule": row["rule"],
            "decision": row["decision"],
            "reason": row["reason"],
            "countries": "|".join(row["countries"]),
            "joined_countries": "|".join(row["joined_countries"]),
        }
        for row in audit
    ]
    rows.sort(key=lambda r: (r["entity_id"], r["decision"], r["doc_ids"], r["written"]))
    return table_frame("merges", rows)


def entity_ids(names: dict[str, str]) -> dict[str, str]:
    """cluster key -> readable, stable entity id (`person:mohammed-bin-saeed-al-moghidi`)."""
    ids, used = {}, set()
    for cluster in sorted(names, key=lambda c: (c.split("#")[0], slug(names[c]), c)):
        prefix = cluster.split("#")[0]
        suffix = cluster.split("#", 1)[1]
        base = (
            f"{prefix}:{suffix.lower()}"
            if prefix == "gpe" and len(suffix) == 2
            else f"{prefix}:{slug(names[cluster])}"
        )
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        ids[cluster] = candidate
    return ids


def sentence_of(result: DocumentResult, start: int) -> dict | None:
    for sentence in result.sentences:
        if sentence["start"] <= start < sentence["end"]:
            return sentence
    return None


def reference_date(result: DocumentResult) -> Date | None:
    iso = (result.dateline or {}).get("date") or result.publication_date
    return Date.fromisoformat(iso) if iso else None


def context_date_place(result: DocumentResult, sentence: dict | None) -> tuple[str, str]:
    reference = reference_date(result)
    date, place = "", ""
    if sentence is not None:
        inside = [
            e
            for e in result.entities
            if sentence["start"] <= e["start"] and e["end"] <= sentence["end"]
        ]
        for entity in inside:
            if entity["label"] == "DATE" and not date:
                date = parse_date(entity["text"], reference) or ""
            if entity["label"] == "LOC" and not place:
                place = entity["text"]
    if not date:
        date = reference.isoformat() if reference else ""
    if not place:
        place = (result.dateline or {}).get("place") or ""
    return date, place


def story_anchor(result: DocumentResult) -> Date | None:
    """In a story without dateline or page date, its first full date (`le mardi 11 mars
    2025`, `les 18 et 19 mai 2025`), against which its bare weekdays are read."""
    dates = sorted((e["start"], e["text"]) for e in result.entities if e["label"] == "DATE")
    found = next((iso for _, text in dates if (iso := parse_date(text))), None)
    return Date.fromisoformat(found) if found else None


def frame_date_place(result: DocumentResult, relation: dict) -> tuple[str, str]:
    """An event's date and place: the ones its frame names, else the dateline's (never the
    page's publication date, which only resolves weekdays)."""
    dateline = result.dateline or {}
    date = ""
    if relation.get("date"):
        reference = reference_date(result)
        date = parse_date(relation["date"]["text"], reference) or ""
        anchor = story_anchor(result) if not date and reference is None else None
        if anchor is not None:
            date = parse_date_near(relation["date"]["text"], anchor) or ""
    date = date or dateline.get("date") or ""
    if date and relation.get("date_shift"):  # `la veille`: a day before that date
        date = (Date.fromisoformat(date) + timedelta(days=relation["date_shift"])).isoformat()
    place = relation["place"]["text"] if relation.get("place") else ""
    return date, place or dateline.get("place") or ""


def dates_and_places(result: DocumentResult, entity_of) -> list[tuple[str, str]]:
    """(date, place) of each relation of the document. A frame dated by the first day of a
    span (`a effectué du lundi 13 au mercredi 15 novembre une visite ... à l'invitation de
    X`) takes the day of the one reception the same host gives within that span (`Le mardi
    14, le général a été reçu par X`), which is when the host received the guests."""
    placed = [
        frame_date_place(result, relation)
        if relation.get("frame")
        else context_date_place(result, sentence_of(result, relation["head"]["start"]))
        for relation in result.relations
    ]
    for index, relation in enumerate(result.relations):
        date, place = placed[index]
        if not (relation.get("date_until") and date):
            continue
        until = parse_date(relation["date_until"]["text"], reference_date(result)) or ""
        host = entity_of(relation["head"])
        days_within = {
            placed[other][0]
            for other, candidate in enumerate(result.relations)
            if candidate["relation"] == relation["relation"]
            and candidate.get("frame")
            and candidate.get("frame") != relation.get("frame")
            and not candidate.get("date_until")
            and entity_of(candidate["head"]) == host
            and date < placed[other][0] <= until
        }
        if host and len(days_within) == 1:
            placed[index] = (days_within.pop(), place)
    return placed


def join_values(values) -> str:
    seen, ordered = set(), []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            ordered.append(value)
    return "|".join(ordered)


def distinct_forms(values: list[str]) -> list[str]:
    """One written form per rank or title, the most frequent (hyphens, case, accents aside)."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for value in values:
        groups[plain(value)][value] += 1
    return sorted(sorted(c, key=lambda v: (-c[v], v))[0] for c in groups.values())


def build_tables(results: list[DocumentResult], errors: list[dict]) -> dict[str, pd.DataFrame]:
    """The tables of a run. A dateline without a year (`NOUAKCHOTT, 15 oct. (AMI)`, in a
    story that writes no year) takes the year of another document's report of the same
    visit (`visits.years_of_yearless`); the tables are then built again with it."""
    tables = tables_of(results, errors)
    partial = yearless_datelines(results)
    if not partial:
        return tables
    years = years_of_yearless(
        tables["events"], tables["entities"], document_dates(results), partial
    )
    if not years:
        return tables
    completed = [
        replace(r, dateline={**r.dateline, "date": Date(years[r.doc_id], *partial[r.doc_id])
                             .isoformat()})
        if r.doc_id in years else r
        for r in results
    ]
    return tables_of(completed, errors)


def yearless_datelines(results: list[DocumentResult]) -> dict[str, tuple[int, int]]:
    """doc_id -> (month, day) of a dateline that writes no year, in a document with no
    dated dateline and no publication date."""
    found = {}
    for result in results:
        dateline = result.dateline or {}
        text = dateline.get("date_text") or ""
        if dateline.get("date") or result.publication_date or not text:
            continue
        if parse_to_date(text, None) is None:
            day = parse_to_date(text, Date(2000, 1, 1))  # (a leap year: 29 février)
            if day is not None:
                found[result.doc_id] = (day.month, day.day)
    return found


def tables_of(results: list[DocumentResult], errors: list[dict]) -> dict[str, pd.DataFrame]:
    results = sorted(results, key=lambda r: r.doc_id)
    assignment, audit = assign_entities(results)
    cluster_texts: dict[str, list[str]] = defaultdict(list)
    cluster_label: dict[str, str] = {}
    for result in results:
        for entity in result.entities:
            cluster = assignment.get((result.doc_id, entity["start"], entity["end"]))
            if cluster:
                cluster_texts[cluster].append(entity["text"])
                cluster_label[cluster] = entity["label"]
    names = {c: display_name(texts) for c, texts in cluster_texts.items()}
    ids = entity_ids(names)
    name_of_id = {ids[c]: names[c] for c in ids}

    def entity_of(result: DocumentResult, span: dict) -> str:
        cluster = assignment.get((result.doc_id, span["start"], span["end"]))
        return ids[cluster] if cluster else ""

    mention_rows, relation_rows = [], []
    for result in results:
        for entity in result.entities:
            mention_rows.append(
                {
                    "doc_id": result.doc_id,
                    "start": entity["start"],
                    "end": entity["end"],
                    "text": entity["text"],
                    "label": entity["label"],
                    "entity_id": entity_of(result, entity),
                }
            )
        placed = dates_and_places(result, lambda span, r=result: entity_of(r, span))
        for relation, (date, place) in zip(result.relations, placed, strict=True):
            sentence = sentence_of(result, relation["head"]["start"])
            head_id = entity_of(result, relation["head"])
            tail_id = entity_of(result, relation["tail"])
            relation_rows.append(
                {
                    "doc_id": result.doc_id,
                    "relation": relation["relation"],
                    "head_id": head_id,
                    "head": name_of_id.get(head_id, relation["head"]["text"]),
                    "tail_id": tail_id,
                    "tail": name_of_id.get(tail_id, relation["tail"]["text"]),
                    "date": date,
                    "place": place,
                    "evidence": relation.get("evidence")
                    or (sentence["text"] if sentence else ""),
                    "head_start": relation["head"]["start"],
                    "head_end": relation["head"]["end"],
                    "tail_start": relation["tail"]["start"],
                    "tail_end": relation["tail"]["end"],
                    "head_text": relation["head"]["text"],
                    "tail_text": relation["tail"]["text"],
                    "confidence": relation["confidence"],
                    "frame": relation.get("frame") or "",
                }
            )
    mention_rows.sort(key=lambda r: (r["doc_id"], r["start"], r["end"], r["label"]))
    relation_rows.sort(
        key=lambda r: (r["doc_id"], r["head_start"], r["tail_start"], r["relation"])
    )
    mentions = table_frame("mentions", mention_rows)
    entities = entity_table(mentions, relation_rows, results, ids, names, cluster_label)
    events = event_table(relation_rows)
    error_frame = table_frame("errors", sorted(errors, key=lambda e: (e["path"], e["stage"])))
    tables = {
        "mentions": mentions,
        "entities": entities,
        "relations": table_frame("relations", relation_rows),
        "events": events,
        "errors": error_frame,
    }
    tables["events"], tables["visits"] = with_visits(events, entities, document_dates(results))
    tables["person_history"] = person_history(relation_rows, entities)
    tables["merges"] = merge_table(audit, ids, names)
    return tables


def mentions_by_entity(mentions: pd.DataFrame) -> list[tuple[str, tuple[list, list]]]:
    """(entity_id, (texts, doc_ids)) of the mentions that have an entity, by entity_id (one
    pass over the columns: pandas' groupby costs a millisecond a group)."""
    groups: dict[str, tuple[list, list]] = {}
    columns = (mentions["entity_id"], mentions["text"], mentions["doc_id"])
    for entity_id, text, doc_id in zip(*(c.tolist() for c in columns), strict=True):
        if entity_id != "":
            texts, doc_ids = groups.setdefault(entity_id, ([], []))
            texts.append(text)
            doc_ids.append(doc_id)
    return sorted(groups.items())


def entity_table(
    mentions: pd.DataFrame,
    relations: list[dict],
    results: list[DocumentResult],
    ids: dict,
    names: dict,
    labels: dict,
) -> pd.DataFrame:
    demonyms_of_doc = {
        result.doc_id: sorted((d["start"], d.get("key", "")) for d in result.demonyms)
        for result in results
    }
    country_names = resources.country_display_name()
    cluster_of_id = {entity_id: cluster for cluster, entity_id in ids.items()}
    relations_of_head: dict[str, list[dict]] = defaultdict(list)
    for row in relations:
        relations_of_head[row["head_id"]].append(row)
    rows = []
    for entity_id, (texts, doc_ids) in mentions_by_entity(mentions):
        cluster = cluster_of_id[entity_id]
        own = relations_of_head.get(entity_id, [])
        ranks = distinct_forms([r["tail_text"] for r in own if r["relation"] == "HAS_RANK"])
        title_rows = [r for r in own if r["relation"] == "HAS_TITLE"]
        titles = distinct_forms([r["tail_text"] for r in title_rows])
        affiliated = [r for r in own if r["relation"] == "AFFILIATED_WITH"]
        nationality = ""
        gpe = [r for r in affiliated if r["tail_id"].startswith("gpe:")]
        if gpe:
            code = gpe[0]["tail_id"].split(":", 1)[1].upper()
            nationality = country_names.get(code, gpe[0]["tail"])
        for title in title_rows if not nationality else []:
            codes = [
                code
                for start, code in demonyms_of_doc.get(title["doc_id"], [])
                if title["tail_start"] <= start < title["tail_end"]
            ]
            if codes:
                nationality = country_names.get(codes[0], "")
                break
        if labels[cluster] == "GPE":
            code = entity_id.split(":", 1)[1].upper()
            nationality = country_names.get(code, "")
        name = names[cluster]
        aliases = sorted(set(texts) - {name})
        rows.append(
            {
                "entity_id": entity_id,
                "label": labels[cluster],
                "name": name,
                "aliases": "|".join(aliases),
                "ranks": "|".join(ranks),
                "titles": "|".join(titles),
                "affiliations": join_values(sorted({r["tail"] for r in affiliated})),
                "nationality": nationality,
                "n_mentions": len(texts),
                "n_docs": len(set(doc_ids)),
                "doc_ids": "|".join(sorted(set(doc_ids))),
            }
        )
    return table_frame("entities", rows)


def same_event(first: dict, second: dict) -> bool:
    """Two frames sharing a guest tell one event unless their dates or named hosts differ
    (`X a reçu Y lundi` and `Y a rendu visite à Z mardi` are two); two meetings are one only
    when the parties of one are among the other's."""
    if first["date"] and second["date"] and first["date"] != second["date"]:
        return False
    if first["type"] == "MET":  # the same meeting has the same parties
        parties_a = set(first["hosts"]) | set(first["guests"])
        parties_b = set(second["hosts"]) | set(second["guests"])
        return parties_a <= parties_b or parties_b <= parties_a

    def people(event: dict) -> set:
        return {h for h in event["hosts"] if h.startswith("person:")}

    hosts_a, hosts_b = people(first), people(second)
    return not hosts_a or not hosts_b or bool(hosts_a & hosts_b)


def event_table(relations: list[dict]) -> pd.DataFrame:
    """One event per event frame of the relation stage. Frames of one document that tell the
    same event twice (a headline and the body, a reception and its list) are one: same type,
    a shared guest, the same date (or one without), and a shared host or a side without a
    named person. A person host replaces the organisation he belongs to."""
    if not relations:
        return table_frame("events", [])
    groups: dict[tuple, list[dict]] = defaultdict(list)
    member_of = defaultdict(set)
    for row in relations:
        groups[(row["doc_id"], row["frame"] or row["evidence"])].append(row)
        if row["relation"] == "AFFILIATED_WITH":
            member_of[row["head_id"]].add(row["tail_id"])
    events = []
    for (doc_id, _frame), group in groups.items():
        core = [r for r in group if r["relation"] in EVENT_RELATIONS]
        if not core:
            continue
        attended = [r for r in group if r["relation"] == "ATTENDED"]
        events.append(
            {
                "doc_id": doc_id,
                "type": core[0]["relation"],
                "hosts": {r["head_id"]: r["head"] for r in core},
                "guests": {r["tail_id"]: r["tail"] for r in core},
                "attendees": {r["head_id"]: r["head"] for r in attended},
                "date": core[0]["date"],
                "place": core[0]["place"],
                "evidence": max((r["evidence"] for r in core), key=len),
                "confidence": float(max(r["confidence"] for r in core)),
                "order": int(min(r["head_start"] for r in core)),
            }
        )
    merged: list[dict] = []
    merged_of_doc: dict[str, list[dict]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e["doc_id"], e["order"])):
        target = next(
            (
                m
                for m in merged_of_doc[event["doc_id"]]
                if m["type"] == event["type"]
                and set(m["guests"]) & set(event["guests"])
                and same_event(m, event)
            ),
            None,
        )
        if target is None:
            merged.append(event)
            merged_of_doc[event["doc_id"]].append(event)
            continue
        target["hosts"].update(event["hosts"])
        target["guests"].update(event["guests"])
        target["attendees"].update(event["attendees"])
        target["date"] = target["date"] or event["date"]
        target["place"] = target["place"] or event["place"]
        target["confidence"] = max(target["confidence"], event["confidence"])
    rows = []
    per_document: Counter = Counter()
    for event in merged:
        per_document[event["doc_id"]] += 1
        number = per_document[event["doc_id"]]
        person_hosts = {h for h in event["hosts"] if h.startswith("person:")}
        represented = set().union(*(member_of[h] for h in person_hosts)) if person_hosts else set()
        hosts = {h: n for h, n in event["hosts"].items() if h not in represented}
        rows.append(
            {
                "event_id": f"{event['doc_id']}#{number}",
                "doc_id": event["doc_id"],
                "type": event["type"],
                "date": event["date"],
                "place": event["place"],
                "hosts": "|".join(hosts.values()),
                "guests": "|".join(event["guests"].values()),
                "attendees": "|".join(event["attendees"].values()),
                "evidence": event["evidence"],
                "host_ids": "|".join(hosts),
                "guest_ids": "|".join(event["guests"]),
                "attendee_ids": "|".join(event["attendees"]),
                "confidence": round(event["confidence"], 2),
            }
        )
    return table_frame("events", rows)
