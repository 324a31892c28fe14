"""What an engine is given to run: the work of one batch, and how to run it.

In:  the runner's choices for this run (output folder, fingerprint, batch size, input folder;
     worker count, scheduler, an already built pipeline).
Out: `BatchWork`, a small picklable object whose methods an engine calls without knowing
     what they do (`build_nlp`, `parse` a batch of `(path, bytes)`, `write` its records,
     `lost` for the documents of a batch whose worker died), and `EngineSettings`.

An engine (`pool.py`, `distributed.py`, see `engines.py`) is a function
`engine(stale, work, settings, errors, on_done)`: it parses every `(path, bytes)` of `stale`
in batches with `work`, writes their artefacts with `work.write` (in the worker or where the
records come back), appends the error rows to `errors` and calls `on_done(n)` after each
batch of `n` documents. Engines import this module and nothing of the runner's; the runner
imports no engine by name (`engines.get`). `BatchWork` holds only plain values, so the local
engine's spawned workers and dask's workers receive it with their batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

IN_FLIGHT_PER_WORKER = 2  # batches handed to each worker at once, by every engine


@dataclass(frozen=True)
class BatchWork:
    output_dir: Path
    fingerprint: str
    batch_size: int
    root: str | None = None  # the input folder: document ids are paths relative to it

    def build_nlp(self):
        """The spaCy pipeline, built the one way the project builds it."""
        from .ner import build_nlp

        return build_nlp()

    def parse(self, nlp, items: list[tuple[str, bytes]]) -> list[dict]:
        """Clean, segment and parse one batch; one record per document (see `parse.py`)."""
        from .parse import parse_batch

        return parse_batch(nlp, items, self.fingerprint, self.batch_size, self.root)

    def write(self, results: list[dict]) -> list[dict]:
        """Write the artefacts of `parse` records; return their error rows."""
        from .parse import write_results

        return write_results(self.output_dir, results)

    def lost(self, paths: Iterable[str | Path], reason: str) -> list[dict]:
        """Error rows for documents whose worker died before returning them."""
        return [{"path": str(path), "stage": "worker", "reason": reason} for path in paths]


@dataclass(frozen=True)
class EngineSettings:
    jobs: int = 1  # worker processes
    scheduler: str | None = None  # dask scheduler address (dask engine)
    nlp: object = None  # a pipeline already built, used in this process (local engine)


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
