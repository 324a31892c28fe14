"""One input document before and after the spaCy pass: its id, bytes, key, clean and segment
stages, and the `DocumentResult` that aggregation reads.

In:  a path (or a pseudo path for a text given in memory), its bytes, the pipeline's
     fingerprint.
Out: `PreparedDocument` (cleaned text and segments), the clean and segment artefacts
     (`early_stages`), error rows (`error_row`), and `document_result`, which turns the four
     stage artefacts of a document into aggregation's input, whether they were read back from
     an output folder or are still in memory (`pipeline.extract`).

A document's id is its path relative to the input folder, with `/` between folders and the
final extension dropped (`sub/note.txt` -> `sub/note`); a file of the input folder itself
keeps its name without extension, as OUTPUTS.md says. A document that cannot be read,
cleaned or segmented raises `DocumentError(stage, reason)`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath

import numpy

from .aggregate import DocumentResult
from .clean import CleanDocument, DocumentError, clean
from .segment import Segments, segment


@dataclass
class PreparedDocument:
    doc_id: str
    path: Path
    key: str
    cleaned: CleanDocument
    segments: Segments


def doc_id_of(path: str | PurePath, root: str | PurePath | None = None) -> str:
    """`sub/note` for `ROOT/sub/note.txt`; the name without extension when `root` is None."""
    path = PurePath(path)
    relative = path.relative_to(root) if root is not None else PurePath(path.name)
    return relative.with_suffix("").as_posix()


def error_row(path: str | PurePath, stage: str, reason: str) -> dict:
    return {"path": str(path), "stage": stage, "reason": reason}


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocumentError("read", f"cannot read file: {error.strerror or error}") from error


def document_key(raw: bytes, fingerprint: str) -> str:
    return hashlib.sha256(raw + fingerprint.encode()).hexdigest()[:24]


def prepare(
    path: Path, fingerprint: str, raw: bytes | None = None, doc_id: str | None = None
) -> PreparedDocument:
    """Clean and segment one input (`raw`: its bytes, when already read; `doc_id`: default
    the file's name without extension)."""
    if raw is None:
        raw = read_input(path)
    doc_id = doc_id or doc_id_of(path)
    key = document_key(raw, fingerprint)
    cleaned = clean(doc_id, raw)
    try:
        segments = segment(cleaned.text)
    except Exception as error:  # noqa: BLE001 - any failure of one document is reported
        raise DocumentError("segment", f"{type(error).__name__}: {error}") from error
    return PreparedDocument(doc_id, path, key, cleaned, segments)


def early_stages(document: PreparedDocument) -> dict[str, dict]:
    """The clean and segment artefacts of one document."""
    cleaned = document.cleaned
    return {
        "clean": {
            "key": document.key,
            "doc_id": document.doc_id,
            "path": str(document.path),
            "encoding": cleaned.encoding,
            "encoding_note": cleaned.encoding_note,
            "original": cleaned.original,
            "text": cleaned.text,
            "offset_runs": offset_runs(cleaned.offsets),
            "dropped_lines": cleaned.dropped_lines,
        },
        "segment": {"key": document.key, **document.segments.to_dict()},
    }


def offset_runs(offsets: list[int]) -> list[list[int]]:
    """Compress the offset map to [clean_start, original_start, length] runs (a run goes on
    while each offset is the previous one plus one)."""
    if not offsets:
        return []
    values = numpy.asarray(offsets, dtype=numpy.int64)
    starts = numpy.concatenate(([0], numpy.flatnonzero(numpy.diff(values) != 1) + 1))
    lengths = numpy.diff(numpy.append(starts, len(values)))
    return [[int(s), int(values[s]), int(n)] for s, n in zip(starts, lengths, strict=True)]


def document_result(doc_id: str, stages: dict[str, dict]) -> DocumentResult:
    """Aggregation's input from a document's `segment`, `ner` and `relations` artefacts."""
    ner, relations, segments = stages["ner"], stages["relations"], stages["segment"]
    heads = [relation["head"]["start"] for relation in relations["relations"]]
    evidence = [s for s in ner["sentences"] if any(s["start"] <= h < s["end"] for h in heads)]
    return DocumentResult(
        doc_id,
        ner["entities"],
        relations["relations"],
        evidence,
        segments.get("dateline"),
        segments.get("publication_date"),
        ner["demonyms"],
    )
