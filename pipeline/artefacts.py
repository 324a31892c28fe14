"""Reading and writing every artefact, in one place.

In:  Python objects (dicts, DataFrames, text) and an output folder.
Out: files written atomically (a temporary file in the same folder, then `os.replace`), so a
     killed run leaves the previous version whole, except the stage artefacts, which a key
     file written last vouches for (`write_document`); JSON with sorted keys and CSV with
     fixed formatting, so the same input gives byte-identical files.

Layout of an output folder:

    mentions.csv entities.csv relations.csv events.csv errors.csv   the five tables
    visits.csv person_history.csv                                    visits.py, history.py
    events.jsonl                                                     PLOVER events (plover.py)
    .communique.lock                                                 while a run writes (lock.py)
    report.html graph.graphml *.parquet                              the report stage
    stages/clean/ID.json      decoded and cleaned text, offset map
    stages/segment/ID.json    headline, dateline, paragraphs
    stages/ner/ID.json        entities and sentences, offsets into the original text
    stages/relations/ID.json  relations with their evidence sentence
    stages/keys/ID.txt        the document's key (input bytes + code + lists), written last
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

TABLE_COLUMNS = {
    "mentions": ["doc_id", "start", "end", "text", "label", "entity_id"],
    "entities": [
        "entity_id",
        "label",
        "name",
        "aliases",
        "ranks",
        "titles",
        "affiliations",
        "nationality",
        "n_mentions",
        "n_docs",
        "doc_ids",
    ],
    "relations": [
        "doc_id",
        "relation",
        "head_id",
        "head",
        "tail_id",
        "tail",
        "date",
        "place",
        "evidence",
        "head_start",
        "head_end",
        "tail_start",
        "tail_end",
        "head_text",
        "tail_text",
        "confidence",
        "frame",
    ],
    "events": [
        "event_id",
        "doc_id",
        "type",
        "date",
        "place",
        "hosts",
        "guests",
        "attendees",
        "evidence",
        "host_ids",
        "guest_ids",
        "attendee_ids",
        "confidence",
        "visit_id",
    ],
    "errors": ["path", "stage", "reason"],
    "merges": [
        "entity_id",
        "name",
        "merged_entity_id",
        "written",
        "doc_ids",
        "joined_doc_ids",
        "rule",
        "decision",
        "reason",
        "countries",
        "joined_countries",
    ],
    "visits": [
        "visit_id",
        "type",
        "first_date",
        "last_date",
        "place",
        "hosts",
        "guests",
        "attendees",
        "host_ids",
        "guest_ids",
        "attendee_ids",
        "n_events",
        "n_docs",
        "doc_ids",
        "event_ids",
        "rule",
        "confidence",
    ],
    "person_history": [
        "entity_id",
        "name",
        "kind",
        "value",
        "first_date",
        "last_date",
        "n_docs",
        "doc_ids",
    ],
}
STAGES = ("clean", "segment", "ner", "relations")


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


def read_json(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def stage_path(output_dir: Path, stage: str, doc_id: str) -> Path:
    return output_dir / "stages" / stage / f"{doc_id}.json"


def write_stage(output_dir: Path, stage: str, doc_id: str, data: dict) -> None:
    """Written in place, without the temporary file and rename of the other artefacts (a
    third of the time of writing them): only `write_document` calls it, between removing the
    document's key file and writing it again, so a stage file cut short is never read."""
    path = stage_path(output_dir, stage, doc_id)
    data_bytes = (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    try:
        path.write_bytes(data_bytes)
    except FileNotFoundError:  # the stage's folder, at the first document of an output
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data_bytes)


def key_path(output_dir: Path, doc_id: str) -> Path:
    return output_dir / "stages" / "keys" / f"{doc_id}.txt"


def write_document(output_dir: Path, doc_id: str, key: str, stages: dict[str, dict]) -> None:
    """The stage artefacts of one document, then its key file. The key file is removed first
    and written last, so a key file on disk vouches for complete artefacts of that key, even
    after a run killed half-way through a document."""
    key_path(output_dir, doc_id).unlink(missing_ok=True)
    for stage, record in stages.items():
        write_stage(output_dir, stage, doc_id, record)
    atomic_write_text(key_path(output_dir, doc_id), key + "\n")


def is_complete(output_dir: Path, doc_id: str, key: str) -> bool:
    """True if the document's artefacts were all written for `key` (and are still there)."""
    try:
        written = key_path(output_dir, doc_id).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return written == key and all(
        stage_path(output_dir, stage, doc_id).is_file() for stage in STAGES
    )


def read_stage(output_dir: Path, stage: str, doc_id: str) -> dict | None:
    path = stage_path(output_dir, stage, doc_id)
    if not path.exists():
        return None
    try:
        return read_json(path)
    except (OSError, ValueError):
        return None


def table_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[name]
    frame = pd.DataFrame(rows, columns=columns)
    return frame


def write_table(output_dir: Path, name: str, frame: pd.DataFrame) -> Path:
    path = output_dir / f"{name}.csv"
    atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n", float_format="%.2f"))
    return path


def read_table(output_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(output_dir / f"{name}.csv", keep_default_na=False, dtype=str)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """One JSON object per line (keys sorted, UTF-8), written atomically."""
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    atomic_write_text(path, lines)
    return path
