"""The main job: every `*.txt` of a folder through clean -> segment -> NER + relations ->
aggregate -> report.

In:  an input folder and an output folder.
Out: the tables, the report and the per-document stage artefacts in the output folder (see
     `artefacts.py`), and a `RunSummary`.

A document that fails at any stage is reported in `errors.csv` (path, stage, reason) and
left out; every other document goes on. Documents are streamed in batches through
`parse_batch` (clean, segment, one spaCy pass, records), in this process or in `jobs` worker
processes (`pool.py`) or on dask workers (`distributed.py`), so memory is bounded by the
batches in flight, not by the corpus. A text
longer than spaCy's `max_length` is cut at paragraph boundaries into pieces that are parsed
separately and put back together. Each document's artefacts carry a key made of the hash of
its bytes and of the pipeline's code and data (`resources.fingerprint`); a document whose key
has not changed is not parsed again.
"""

from __future__ import annotations

import gc
import hashlib
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy

from . import artefacts, resources
from .aggregate import DocumentResult, build_tables
from .clean import CleanDocument, DocumentError, clean
from .segment import Segments, segment

DEFAULT_BATCH_SIZE = 16
FREE_MODEL_AFTER = 50  # documents parsed
IN_FLIGHT_PER_WORKER = 2  # batches handed to each worker at once, by both engines


@dataclass
class PreparedDocument:
    doc_id: str
    path: Path
    key: str
    cleaned: CleanDocument
    segments: Segments


@dataclass
class RunSummary:
    documents: int = 0
    processed: int = 0
    reused: int = 0
    skipped: int = 0
    ignored: int = 0
    entities: int = 0
    relations: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def line(self) -> str:
        fresh = self.reused and not self.processed
        return ("outputs up to date: no document parsed; " if fresh else "") + (
            f"{self.documents} documents read ({self.processed} parsed, {self.reused} up to "
            f"date), {self.skipped} skipped with errors, {self.ignored} other files ignored; "
            f"{self.entities} entities, {self.relations} relations; "
            f"{self.seconds:.1f} s"
        )


def list_inputs(input_dir: Path) -> tuple[list[Path], int]:
    if not input_dir.is_dir():
        raise NotADirectoryError(f"input folder not found: {input_dir}")
    files = sorted(p for p in input_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [p for p in files if p.suffix.lower() == ".txt"]
    return texts, len(files) - len(texts)


def error_row(path: Path, stage: str, reason: str) -> dict:
    return {"path": str(path), "stage": stage, "reason": reason}


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocumentError("read", f"cannot read file: {error.strerror or error}") from error


def document_key(raw: bytes, fingerprint: str) -> str:
    return hashlib.sha256(raw + fingerprint.encode()).hexdigest()[:24]


def prepare(path: Path, fingerprint: str, raw: bytes | None = None) -> PreparedDocument:
    """Clean and segment one input (`raw`: its bytes, when already read)."""
    if raw is None:
        raw = read_input(path)
    key = document_key(raw, fingerprint)
    cleaned = clean(path.stem, raw)
    try:
        segments = segment(cleaned.text)
    except Exception as error:  # noqa: BLE001 - any failure of one document is reported
        raise DocumentError("segment", f"{type(error).__name__}: {error}") from error
    return PreparedDocument(path.stem, path, key, cleaned, segments)


def stale_inputs(
    paths: list[Path],
    output_dir: Path,
    fingerprint: str,
    errors: list,
    done_ids: list,
    summary: RunSummary,
    on_done,
) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of every input whose artefacts are missing or carry another key; the
    others are counted as reused without being cleaned or parsed (both engines)."""
    for path in paths:
        try:
            raw = read_input(path)
        except DocumentError as error:
            errors.append(error_row(path, error.stage, error.reason))
            on_done()
            continue
        done_ids.append(path.stem)
        if artefacts.is_complete(output_dir, path.stem, document_key(raw, fingerprint)):
            summary.reused += 1
            on_done()
            continue
        yield path, raw


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


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut a text longer than `limit` at paragraph (else sentence, else space) boundaries."""
    if len(text) <= limit:
        return [(0, text)]
    result, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for separator in ("\n\n", ". ", " "):
                cut = text.rfind(separator, start + 1, end)
                if cut > start:
                    end = cut + len(separator)
                    break
        result.append((start, text[start:end]))
        start = end
    return result


def make_docs(nlp, documents: Iterable[PreparedDocument], limit: int, pending: dict) -> Iterator:
    for document in documents:
        parts = pieces(document.cleaned.text, limit)
        pending[document.doc_id] = {"document": document, "parts": len(parts), "results": []}
        for offset, text in parts:
            doc = nlp.make_doc(text)
            doc._.sentence_starts = [
                b - offset for b in document.segments.boundaries if offset <= b < offset + len(text)
            ] + [0]
            dateline = document.segments.dateline
            if dateline and offset <= dateline.place_start < offset + len(text):
                doc.user_data["dateline_place"] = [
                    dateline.place_start - offset,
                    dateline.place_end - offset,
                ]
            doc.user_data["doc_id"] = document.doc_id
            doc.user_data["offset"] = offset
            yield doc


def doc_records(doc) -> dict:
    from .ner import entity_records, sentence_records

    offset = doc.user_data["offset"]
    shift = {"start", "end"}
    entities = [
        {k: (v + offset if k in shift else v) for k, v in e.items()} for e in entity_records(doc)
    ]
    sentences = [[s + offset, e + offset] for s, e in sentence_records(doc)]
    relations = []
    for relation in doc._.relations or []:
        moved = dict(relation)
        for key in ("head", "tail", "date", "place"):
            if relation.get(key) is not None:
                moved[key] = {
                    k: (v + offset if k in shift else v) for k, v in relation[key].items()
                }
        moved["sentence"] = [relation["sentence"][0] + offset, relation["sentence"][1] + offset]
        moved["sentences"] = [[s + offset, e + offset] for s, e in relation["sentences"]]
        relations.append(moved)
    return {"entities": entities, "sentences": sentences, "relations": relations}


def to_original(document: PreparedDocument, records: dict) -> tuple[dict, dict]:
    """NER and relation artefacts with every offset mapped into the original text."""
    cleaned = document.cleaned
    text = cleaned.text

    def span(record: dict) -> dict:
        start, end = cleaned.to_original(record["start"], record["end"])
        return {**record, "start": start, "end": end, "text": text[record["start"] : record["end"]]}

    sentences = []
    for start, end in records["sentences"]:
        original_start, original_end = cleaned.to_original(start, end)
        sentences.append(
            {
                "start": original_start,
                "end": original_end,
                "text": " ".join(text[start:end].split()),
            }
        )
    ner = {
        "key": document.key,
        "doc_id": document.doc_id,
        "entities": [
            span(e) for e in records["entities"] if e["label"] not in ("HONORIFIC", "DEMONYM")
        ],
        "honorifics": [span(e) for e in records["entities"] if e["label"] == "HONORIFIC"],
        "demonyms": [span(e) for e in records["entities"] if e["label"] == "DEMONYM"],
        "sentences": sentences,
    }
    relations = []
    for relation in records["relations"]:
        sentence_start, sentence_end = cleaned.to_original(*relation["sentence"])
        used = relation["sentences"]
        relations.append(
            {
                **relation,
                "head": span(relation["head"]),
                "tail": span(relation["tail"]),
                "date": span(relation["date"]) if relation.get("date") else None,
                "place": span(relation["place"]) if relation.get("place") else None,
                "sentence": [sentence_start, sentence_end],
                "sentences": [list(cleaned.to_original(start, end)) for start, end in used],
                "evidence": " ".join(" ".join(text[start:end].split()) for start, end in used),
            }
        )
    return ner, {"key": document.key, "doc_id": document.doc_id, "relations": relations}


def merge_parts(results: list[dict]) -> dict:
    merged = {"entities": [], "sentences": [], "relations": []}
    for part in results:
        for key in merged:
            merged[key] += part[key]
    return merged


def parse_documents(
    nlp, documents: Iterable[PreparedDocument], batch_size: int
) -> Iterator[tuple[PreparedDocument, dict | None, list | None]]:
    """Stream documents through one `nlp.pipe` in this process; yield `(document, {"ner":
    ..., "relations": ...}, None)` for a parsed document and `(document, None, [stage,
    reason])` for a failure."""
    pending: dict = {}
    limit = nlp.max_length
    stream = nlp.pipe(make_docs(nlp, documents, limit, pending), batch_size=batch_size)
    for doc in stream:
        doc_id = doc.user_data["doc_id"]
        entry = pending[doc_id]
        if "failure" in doc.user_data:
            entry["failure"] = doc.user_data["failure"]
        else:
            try:
                entry["results"].append(doc_records(doc))
            except Exception as error:  # noqa: BLE001
                entry["failure"] = ["relations", f"{type(error).__name__}: {error}"]
        entry["parts"] -= 1
        if entry["parts"]:
            continue
        pending.pop(doc_id)
        document = entry["document"]
        if "failure" in entry:
            yield document, None, entry["failure"]
            continue
        ner, relations = to_original(document, merge_parts(entry["results"]))
        yield document, {"ner": ner, "relations": relations}, None


def parse_batch(
    nlp, items: list[tuple[str, bytes]], fingerprint: str, batch_size: int
) -> list[dict]:
    """Clean, segment and parse a batch of `(path, bytes)`; one record per document, either
    `{"doc_id", "stages": {stage: artefact}}` or `{"error": error row}`. Both engines' unit
    of work: the local engine's worker processes and dask's workers run this."""
    results: list[dict] = []

    def documents() -> Iterator[PreparedDocument]:
        for path, raw in items:
            try:
                yield prepare(Path(path), fingerprint, raw)
            except DocumentError as error:
                results.append({"error": error_row(Path(path), error.stage, error.reason)})

    for document, records, failure in parse_documents(nlp, documents(), batch_size):
        if failure is not None:
            results.append({"error": error_row(document.path, *failure)})
        else:
            stages = {**early_stages(document), **records}
            results.append({"doc_id": document.doc_id, "stages": stages})
    return results


def write_results(output_dir: Path, results: list[dict]) -> list[dict]:
    """Write the artefacts of `parse_batch` records; return their error rows."""
    errors = []
    for result in results:
        if "error" in result:
            errors.append(result["error"])
            continue
        stages = result["stages"]
        artefacts.write_document(output_dir, result["doc_id"], stages["clean"]["key"], stages)
    return errors


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def load_result(output_dir: Path, doc_id: str) -> DocumentResult:
    ner = artefacts.read_stage(output_dir, "ner", doc_id)
    relations = artefacts.read_stage(output_dir, "relations", doc_id)
    segments = artefacts.read_stage(output_dir, "segment", doc_id)
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


def progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(
        total=total, unit="doc", disable=None if enabled else True, file=sys.stderr, leave=False
    )


def run(
    input_dir: Path,
    output_dir: Path,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
    report: bool = True,
    nlp=None,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """`engine` "local": the per-document stages in this process or `jobs` worker processes
    (see `pool.py`); "dask": on a dask.distributed cluster (`scheduler` address, else a local
    cluster of `jobs` workers), see `distributed.py`. Aggregation is the same for both."""
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine: {engine!r}")
    started = time.perf_counter()
    summary = RunSummary()
    paths, summary.ignored = list_inputs(input_dir)
    summary.documents = len(paths)
    output_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = resources.fingerprint()
    errors: list[dict] = []
    done_ids: list[str] = []
    bar = progress_bar(len(paths), progress)

    stale = stale_inputs(
        paths, output_dir, fingerprint, errors, done_ids, summary, lambda: bar.update(1)
    )

    if engine == "dask":
        from .distributed import parse_on_cluster

        parse_on_cluster(
            stale, output_dir, fingerprint, jobs, batch_size, scheduler, errors, bar.update
        )
    else:
        from .pool import parse_locally

        parse_locally(stale, output_dir, fingerprint, jobs, batch_size, nlp, errors, bar.update)
    # The model is freed before aggregation, so that peak memory is the larger of the two
    # phases, not their sum (the pipeline object holds reference cycles). Freeing it takes
    # 0.3 s: not worth it after a re-run that parsed a few documents.
    if len(done_ids) - summary.reused >= FREE_MODEL_AFTER:
        gc.collect()
    bar.close()
    failed = {Path(e["path"]).stem for e in errors}
    results = [load_result(output_dir, doc_id) for doc_id in sorted(set(done_ids) - failed)]
    summary.processed = len(set(done_ids) - failed) - summary.reused
    tables = build_tables(results, errors)
    for name, frame in tables.items():
        artefacts.write_table(output_dir, name, frame)
    if report:
        write_report(tables, output_dir, [r.doc_id for r in results])
    summary.errors = errors
    summary.skipped = len(errors)
    summary.entities = len(tables["entities"])
    summary.relations = len(tables["relations"])
    summary.seconds = time.perf_counter() - started
    return summary


def write_report(tables: dict, output_dir: Path, doc_ids: list[str]) -> None:
    try:
        from .report import write_report as render
    except ImportError:
        return
    documents = {}
    for doc_id in doc_ids:
        record = artefacts.read_stage(output_dir, "clean", doc_id)
        documents[doc_id] = record["original"] if record else ""
    render(tables, documents, output_dir)
