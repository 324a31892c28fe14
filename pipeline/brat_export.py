"""Pre-annotation: a run's predictions as BRAT standoff, for correction in brat or INCEpTION.

In:  a run's output folder (`mentions.csv`, `relations.csv`, and `stages/clean/ID.json` for
     each document's text as decoded).
Out: in a folder, for every document with a prediction: `ID.txt` (the text as the run decoded
     it, written in UTF-8, so offsets count the same characters whatever the input's
     encoding) and `ID.ann` with the labels and relations of `docs/annotation.md`:

         T1<TAB>PERSON 120 142<TAB>Zaid Hoshi Khalaf Wadi
         R1<TAB>RECEIVED Arg1:T3 Arg2:T1
         #1<TAB>AnnotatorNotes R1<TAB>date=2022-03-24

     RECEIVED and MET carry the event's date as the gold does (`date=none` when the run found
     none); plus `annotation.conf`, the label set for brat. `eval --gold FOLDER` reads the
     folder as gold; scoring the same run against it gives 1.0 everywhere.

A span whose text holds a line break or a tab cannot be written on one `.ann` line (brat
would need a discontinuous span, which `eval` does not read): it is left out, with the
relations that use it, and counted in the summary. Document ids with `/` (`--recursive`)
become subfolders. Spans are numbered in text order, relations by head, then tail.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import artefacts
from .brat import ENTITY_LABELS, RELATION_TYPES

DATED = ("RECEIVED", "MET")
CONF = """[entities]
{entities}

[relations]
{relations}
<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
"""


@dataclass
class ExportSummary:
    documents: int = 0
    spans: int = 0
    relations: int = 0
    spans_left_out: int = 0
    relations_left_out: int = 0
    missing_texts: int = 0

    def line(self, output: Path) -> str:
        left = (
            f"; left out: {self.spans_left_out} spans across a line break, "
            f"{self.relations_left_out} relations"
            if self.spans_left_out or self.relations_left_out
            else ""
        )
        missing = f"; {self.missing_texts} documents without their text" * bool(
            self.missing_texts
        )
        return (
            f"{self.documents} documents written to {output} ({self.spans} spans, "
            f"{self.relations} relations){left}{missing}"
        )


def document_ann(text: str, mentions: list[dict], relations: list[dict],
                 summary: ExportSummary) -> str:
    """The `.ann` of one document."""
    lines, span_ids = [], {}
    for mention in sorted(mentions, key=lambda m: (int(m["start"]), int(m["end"]), m["label"])):
        start, end, label = int(mention["start"]), int(mention["end"]), mention["label"]
        covered = text[start:end]
        if label not in ENTITY_LABELS or not covered or any(c in covered for c in "\n\r\t"):
            summary.spans_left_out += 1
            continue
        span_ids.setdefault((start, end), f"T{len(lines) + 1}")  # relations use the first
        lines.append(f"T{len(lines) + 1}\t{label} {start} {end}\t{covered}")
    summary.spans += len(lines)
    notes, number = [], 0
    ordered = sorted(relations, key=lambda r: (int(r["head_start"]), int(r["tail_start"]),
                                               r["relation"], int(r["head_end"]),
                                               int(r["tail_end"])))
    for relation in ordered:
        head = span_ids.get((int(relation["head_start"]), int(relation["head_end"])))
        tail = span_ids.get((int(relation["tail_start"]), int(relation["tail_end"])))
        if relation["relation"] not in RELATION_TYPES or head is None or tail is None:
            summary.relations_left_out += 1
            continue
        number += 1
        lines.append(f"R{number}\t{relation['relation']} Arg1:{head} Arg2:{tail}")
        if relation["relation"] in DATED:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes R{number}\t"
                         f"date={relation.get('date') or 'none'}")
    summary.relations += number
    return "".join(line + "\n" for line in lines + notes + equivalences(mentions, span_ids))


def equivalences(mentions: list[dict], span_ids: dict) -> list[str]:
    """`*<TAB>Equiv T1 T4`: the spans of one entity in this document, so that the scorer's
    facts group them as the run did."""
    groups: dict[str, list[str]] = {}
    for mention in mentions:
        span_id = span_ids.get((int(mention["start"]), int(mention["end"])))
        entity = mention.get("entity_id")
        if span_id and isinstance(entity, str) and entity:
            groups.setdefault(entity, [])
            if span_id not in groups[entity]:
                groups[entity].append(span_id)
    return [
        "*\tEquiv " + " ".join(sorted(ids, key=lambda i: int(i[1:])))
        for _, ids in sorted(groups.items())
        if len(ids) > 1
    ]


def annotation_conf() -> str:
    relations = "\n".join(f"{name} Arg1:<ENTITY>, Arg2:<ENTITY>" for name in RELATION_TYPES)
    return CONF.format(entities="\n".join(ENTITY_LABELS), relations=relations)


def export_brat(pred_dir: Path, output_dir: Path) -> ExportSummary:
    """Write the `.txt` + `.ann` of every document of `pred_dir`'s tables into `output_dir`."""
    mentions = artefacts.read_table(pred_dir, "mentions")
    relations = artefacts.read_table(pred_dir, "relations")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    relations_by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in mentions.to_dict("records"):
        by_doc[row["doc_id"]].append(row)
    for row in relations.to_dict("records"):
        if row["head_start"] != "" and row["tail_start"] != "":
            relations_by_doc[row["doc_id"]].append(row)
    summary = ExportSummary()
    output_dir.mkdir(parents=True, exist_ok=True)
    for doc_id in sorted(set(by_doc) | set(relations_by_doc)):
        record = artefacts.read_stage(pred_dir, "clean", doc_id)
        if record is None:
            summary.missing_texts += 1
            print(f"skipped {doc_id}: no stages/clean/{doc_id}.json in {pred_dir}",
                  file=sys.stderr)
            continue
        text = record["original"]
        ann = document_ann(text, by_doc[doc_id], relations_by_doc[doc_id], summary)
        # newline="" semantics: the text is written exactly, `\r\n` stays two characters.
        artefacts.atomic_write_text(output_dir / f"{doc_id}.txt", text)
        artefacts.atomic_write_text(output_dir / f"{doc_id}.ann", ann)
        summary.documents += 1
    artefacts.atomic_write_text(output_dir / "annotation.conf", annotation_conf())
    return summary


def export_command(pred_dir: Path, output_dir: Path) -> int:
    if not (pred_dir / "mentions.csv").is_file():
        print(f"error: {pred_dir / 'mentions.csv'} not found (is {pred_dir} a run's output "
              "folder?)", file=sys.stderr)
        return 2
    summary = export_brat(pred_dir, output_dir)
    print(summary.line(output_dir))
    return 0
