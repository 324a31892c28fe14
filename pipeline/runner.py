"""The main job: every `*.txt` of a folder through clean -> segment -> NER + relations ->
aggregate -> report.

In:  an input folder (its subfolders too with `recursive`) and an output folder.
Out: the tables, `events.jsonl`, the report and the per-document stage artefacts in the
     output folder (see `artefacts.py`), and a `RunSummary`.

A document that fails at any stage, and an input that looks like a text but cannot be one
(`inputs.py`: broken links, folders named `*.txt`, ...), is reported in `errors.csv` (path,
stage, reason) and left out; every other document goes on. The runner lists the inputs,
takes the output folder's lock (`lock.py`: a second run on the same folder stops at once),
hands the documents that need parsing to an engine (`engines.get`: `pool.py` in this process
or worker processes, `distributed.py` on dask workers) together with the work to run on them
(`work.BatchWork`), then aggregates once. Engines import nothing of this module. Each
document's artefacts carry a key made of the hash of its bytes and of the pipeline's code and
data (`resources.fingerprint`); a document whose key has not changed is not parsed again.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import artefacts, engines, resources
from .aggregate import DocumentResult, build_tables
from .clean import DocumentError
from .documents import document_key, document_result, error_row, read_input
from .inputs import list_inputs
from .lock import hold
from .parse import pieces
from .work import BatchWork, EngineSettings

__all__ = ["DEFAULT_BATCH_SIZE", "RunSummary", "pieces", "run"]

DEFAULT_BATCH_SIZE = 16
RESULT_STAGES = ("segment", "ner", "relations")  # what aggregation reads of each document
FREE_MODEL_AFTER = 50  # documents parsed


@dataclass
class RunSummary:
    documents: int = 0
    processed: int = 0
    reused: int = 0
    skipped: int = 0
    ignored: int = 0
    subfolders: int = 0  # subfolders not read (no --recursive)
    entities: int = 0
    relations: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def line(self) -> str:
        fresh = self.reused and not self.processed
        unread = (
            f", {self.subfolders} subfolder{'s' if self.subfolders > 1 else ''} not read "
            "(--recursive reads them)"
            if self.subfolders
            else ""
        )
        return ("outputs up to date: no document parsed; " if fresh else "") + (
            f"{self.documents} documents read ({self.processed} parsed, {self.reused} up to "
            f"date), {self.skipped} skipped with errors, {self.ignored} other files ignored"
            f"{unread}; {self.entities} entities, {self.relations} relations; "
            f"{self.seconds:.1f} s"
        )


def stale_inputs(
    texts: list[tuple[Path, str]],
    output_dir: Path,
    fingerprint: str,
    errors: list,
    done_ids: list,
    summary: RunSummary,
    on_done,
) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of every input whose artefacts are missing or carry another key; the
    others are counted as reused without being cleaned or parsed (every engine)."""
    for path, doc_id in texts:
        try:
            raw = read_input(path)
        except DocumentError as error:
            errors.append(error_row(path, error.stage, error.reason))
            on_done()
            continue
        done_ids.append(doc_id)
        if artefacts.is_complete(output_dir, doc_id, document_key(raw, fingerprint)):
            summary.reused += 1
            on_done()
            continue
        yield path, raw


def load_result(output_dir: Path, doc_id: str) -> DocumentResult:
    stages = {name: artefacts.read_stage(output_dir, name, doc_id) for name in RESULT_STAGES}
    return document_result(doc_id, stages)


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
    recursive: bool = False,
) -> RunSummary:
    """`engine`: a name of `engines.ENGINES` ("local": this process or `jobs` worker
    processes; "dask": a dask.distributed cluster at `scheduler`, else a local cluster of
    `jobs` workers). `recursive`: read subfolders too. Raises NotADirectoryError for a
    missing input folder and `lock.OutputLocked` when another run writes `output_dir`."""
    engine_function = engines.get(engine)
    started = time.perf_counter()
    listing = list_inputs(Path(input_dir), recursive, leave_out=(Path(output_dir),))
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    with hold(output_dir):
        summary = RunSummary(ignored=listing.ignored, subfolders=listing.subfolders)
        summary.documents = len(listing.texts) + len(listing.errors)
        root = str(input_dir) if recursive else None
        work = BatchWork(output_dir, resources.fingerprint(), batch_size, root)
        settings = EngineSettings(jobs=jobs, scheduler=scheduler, nlp=nlp)
        tables, doc_ids = parse_and_aggregate(
            listing, work, settings, engine_function, summary, progress
        )
        if report:
            write_report(tables, output_dir, doc_ids)
    summary.seconds = time.perf_counter() - started
    return summary


def parse_and_aggregate(
    listing, work: BatchWork, settings: EngineSettings, engine_function, summary, progress
) -> tuple[dict, list[str]]:
    """Parse what is stale with the engine, then build and write the tables; return them
    with the ids of the documents they hold."""
    output_dir = work.output_dir
    errors: list[dict] = list(listing.errors)
    done_ids: list[str] = []
    bar = progress_bar(len(listing.texts), progress)
    one_done = lambda: bar.update(1)  # noqa: E731
    stale = stale_inputs(
        listing.texts, output_dir, work.fingerprint, errors, done_ids, summary, one_done
    )
    engine_function(stale, work, settings, errors, bar.update)
    # The model is freed before aggregation, so that peak memory is the larger of the two
    # phases, not their sum (the pipeline object holds reference cycles). Freeing it takes
    # 0.3 s: not worth it after a re-run that parsed a few documents.
    if len(done_ids) - summary.reused >= FREE_MODEL_AFTER:
        gc.collect()
    bar.close()
    doc_of_path = {str(path): doc_id for path, doc_id in listing.texts}
    failed = {doc_of_path[e["path"]] for e in errors if e["path"] in doc_of_path}
    parsed = sorted(set(done_ids) - failed)
    results = [load_result(output_dir, doc_id) for doc_id in parsed]
    summary.processed = len(parsed) - summary.reused
    with collections_skip_existing_objects():
        tables = build_tables(results, errors)
        write_tables(output_dir, tables)
    summary.errors = errors
    summary.skipped = len(errors)
    summary.entities = len(tables["entities"])
    summary.relations = len(tables["relations"])
    return tables, parsed


@contextmanager
def collections_skip_existing_objects() -> Iterator[None]:
    """The garbage collector's full passes leave out the objects alive on entry (the results
    of every document, which aggregation only reads): they rescanned them several times per
    run."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def write_tables(output_dir: Path, tables: dict) -> None:
    """Every table of `build_tables` as CSV (the five of OUTPUTS.md, visits.csv and
    person_history.csv), and the receptions and meetings as PLOVER `events.jsonl`."""
    from .plover import plover_events

    for name, frame in tables.items():
        artefacts.write_table(output_dir, name, frame)
    artefacts.write_jsonl(output_dir / "events.jsonl", plover_events(tables))


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
