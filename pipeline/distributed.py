"""The dask engine: the per-document stages on a dask.distributed cluster.

In:  the inputs that need parsing, as `(path, bytes)`, and the `work.BatchWork` to run on
     them (see `work.py`: an engine receives what it runs and imports nothing of the runner).
Out: the four stage artefacts of each document, written by the client exactly as the local
     engine writes them (`work.write`), and a row in `errors` for each document that fails;
     aggregation then runs once on the client, in the runner, the same for every engine.

Documents go to the workers in batches of `--batch-size` with their bytes (so workers need not
see the client's files). A worker cleans, segments and parses them in one `nlp.pipe`
(`work.parse`, the local engine's unit of work) with the model loaded once per worker
process and kept in this module, and returns the small JSON records of each document. At
most two batches per worker are in flight, so the client's memory is bounded by them,
whatever the size of the corpus.

Without a scheduler address the cluster is a `LocalCluster` of `jobs` worker processes with
one thread each; with `--scheduler ADDRESS` an existing cluster is used (its workers need
this package installed, at the same version: a worker whose code or lists differ from the
client's refuses to work, since the artefacts' keys would lie). Workers of one thread are
best; a worker with several threads parses one batch at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from . import resources
from .work import IN_FLIGHT_PER_WORKER, BatchWork, EngineSettings, batches

_WORKER_STATE: dict = {}
_WORKER_LOCK = threading.Lock()


class CodeMismatch(RuntimeError):
    """A worker runs other code or lists than the client."""


def worker_nlp(work: BatchWork):
    """The worker process's pipeline, built on first use and kept for later tasks."""
    if "nlp" not in _WORKER_STATE:
        _WORKER_STATE["nlp"] = work.build_nlp()
    return _WORKER_STATE["nlp"]


def parse_on_worker(items: list[tuple[str, bytes]], work: BatchWork) -> list:
    """On a worker: `work.parse` with the worker's pipeline, once its code and lists are
    checked to be the client's."""
    with _WORKER_LOCK:
        own = _WORKER_STATE.setdefault("fingerprint", resources.fingerprint())
        if own != work.fingerprint:
            raise CodeMismatch(
                f"worker's pipeline fingerprint {own} differs from the client's "
                f"{work.fingerprint}"
            )
        return work.parse(worker_nlp(work), items)


@contextmanager
def connect(jobs: int, scheduler: str | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def parse_on_cluster(
    stale: Iterable[tuple[Path, bytes]],
    work: BatchWork,
    settings: EngineSettings,
    errors: list,
    on_done,
) -> None:
    """Parse every stale input on the cluster and write its artefacts. No cluster is started
    (or contacted) when nothing is stale."""
    pending = batches(stale, work.batch_size)
    first = next(pending, None)
    if first is None:
        return
    from dask.distributed import as_completed

    with connect(settings.jobs, settings.scheduler) as client:
        client.wait_for_workers(1, timeout=120)
        workers = max(1, len(client.scheduler_info()["workers"]))
        queue = as_completed()
        in_flight: dict = {}

        def submit(batch: list[tuple[Path, bytes]]) -> None:
            items = [(str(path), raw) for path, raw in batch]
            future = client.submit(parse_on_worker, items, work, pure=False)
            in_flight[future.key] = [path for path, _ in batch]
            queue.add(future)

        submit(first)
        for batch in islice(pending, IN_FLIGHT_PER_WORKER * workers - 1):
            submit(batch)
        for future in queue:
            paths = in_flight.pop(future.key)
            results = collect(future, paths, work)
            errors.extend(work.write(results))
            on_done(len(results))
            future.release()
            batch = next(pending, None)
            if batch is not None:
                submit(batch)


def collect(future, paths: list[Path], work: BatchWork) -> list[dict]:
    """A batch's records; a batch whose worker died is reported document by document."""
    from dask.distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as error:
        return [{"error": row} for row in work.lost(paths, f"worker died: {error}")]
