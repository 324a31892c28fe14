"""The engines a run can use, by name.

In:  an engine name (`--engine`).
Out: the engine function (see `work.py` for what it receives), imported only when chosen, so
     `--engine local` never imports dask.

Adding an engine is one new module with one function `engine(stale, work, settings, errors,
on_done)` and one line here; neither the runner nor the command line changes.
"""

from __future__ import annotations

from importlib import import_module

ENGINES = {
    "local": "pipeline.pool:parse_locally",  # this process, or --jobs N worker processes
    "dask": "pipeline.distributed:parse_on_cluster",  # a dask.distributed cluster
}


def names() -> tuple[str, ...]:
    return tuple(ENGINES)


def get(name: str):
    """The engine function called `name`; ValueError for an unknown name."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine: {name!r} (known: {', '.join(ENGINES)})")
    module, function = ENGINES[name].split(":")
    return getattr(import_module(module), function)
