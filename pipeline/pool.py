"""The local engine: the per-document stages in this process (`--jobs 1`) or in N worker
processes (`--jobs N`).

In:  the inputs that need parsing, as `(path, bytes)`, and the `work.BatchWork` to run on
     them (see `work.py`: an engine receives what it runs and imports nothing of the runner).
Out: the four stage artefacts of each document in the output folder, and a row in `errors`
     for each document that fails; aggregation then runs once, in the runner.

Documents go in batches of `--batch-size` through `work.parse` (clean, segment, one
`nlp.pipe`, records) and `work.write`. With `--jobs N` each of N worker processes
runs that whole chain on its batches and writes the artefacts itself; the main process only
hands out paths and bytes and collects error rows, so it stays almost idle and the N workers
have the cores. The workers are forked once the pipeline is built, so the model is loaded
once and its pages are shared (copy on write) rather than copied N times. Where `fork` does
not exist (Windows) the workers start fresh and each builds the pipeline.

Why not spaCy's own `n_process`: it tokenizes in the main process, sends every `Doc` to a
worker and back as bytes (tensors and user data included), and leaves the clean, segment and
records stages in the main process too. On 2 cores that serial share held `--jobs 2` to
1.4x `--jobs 1` (measured with `make bench` before this engine); with whole documents per
worker see `outputs/bench.md`.

At most two batches per worker are in flight, so memory is bounded by them whatever the size
of the corpus. A worker that dies (killed, out of memory) is reported for the documents of
the batches it held, which a later run picks up again; the other documents go on in a fresh
set of workers.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from pathlib import Path

from .work import IN_FLIGHT_PER_WORKER, BatchWork, EngineSettings, batches

_WORKER_STATE: dict = {}


def parse_batch(nlp, items: list[tuple[str, bytes]], work: BatchWork) -> list[dict]:
    """One batch through the received work (a step of its own, so that a test can make a
    worker die on a chosen batch)."""
    return work.parse(nlp, items)


def parse_and_write(items: list[tuple[str, bytes]]) -> list[dict]:
    """In a worker (or in this process for `--jobs 1`): parse a batch, write its artefacts,
    return its error rows."""
    state = _WORKER_STATE
    work: BatchWork = state["work"]
    if "nlp" not in state:  # a spawned worker: nothing inherited
        state["nlp"] = work.build_nlp()
    return work.write(parse_batch(state["nlp"], items, work))


def _start_worker(state: dict) -> None:
    if not _WORKER_STATE:
        _WORKER_STATE.update(state)


def parse_locally(
    stale: Iterable[tuple[Path, bytes]],
    work: BatchWork,
    settings: EngineSettings,
    errors: list,
    on_done,
) -> None:
    """Parse every stale input and write its artefacts. The pipeline (`settings.nlp`, else
    built here) is only built when something is stale, and dropped on return."""
    jobs = settings.jobs
    tasks = batches(((str(path), raw) for path, raw in stale), work.batch_size)
    first = next(tasks, None)
    if first is None:
        return
    forking = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
    state: dict = {"work": work}
    if jobs == 1 or forking:
        state["nlp"] = settings.nlp if settings.nlp is not None else work.build_nlp()
        # The pipeline's objects (some 400,000) live until parsing ends: the collector's
        # full passes skip them (a second of every 1,000 documents), and forked workers
        # do not copy the pages the collector would otherwise write to.
        gc.freeze()
    _WORKER_STATE.update(state)
    try:
        if jobs == 1:
            for items in chain([first], tasks):
                errors.extend(parse_and_write(items))
                on_done(len(items))
        else:
            in_workers(chain([first], tasks), jobs, forking, state, errors, on_done)
    finally:
        _WORKER_STATE.clear()
        gc.unfreeze()  # so that the runner's collection frees the pipeline


def in_workers(
    tasks: Iterator[list], jobs: int, forking: bool, state: dict, errors: list, on_done
) -> None:
    context = multiprocessing.get_context("fork" if forking else "spawn")
    spawned_state = {k: v for k, v in state.items() if k != "nlp"}
    work: BatchWork = state["work"]
    pending = next(tasks, None)
    while pending is not None:
        # A worker's death breaks the whole executor: report what it held, start another.
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(spawned_state,)
        ) as executor:
            in_flight: dict[Future, list] = {}
            broken = False
            window = IN_FLIGHT_PER_WORKER * jobs
            while pending is not None or in_flight:
                while pending is not None and not broken and len(in_flight) < window:
                    in_flight[executor.submit(parse_and_write, pending)] = pending
                    pending = next(tasks, None)
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    items = in_flight.pop(future)
                    try:
                        errors.extend(future.result())
                    except BrokenProcessPool as error:
                        broken = True
                        reason = f"worker process died: {error}"
                        errors.extend(work.lost((path for path, _ in items), reason))
                    on_done(len(items))
                if broken and not in_flight:
                    break
