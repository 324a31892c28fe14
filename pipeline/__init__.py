"""Information extraction from French defence-diplomacy communiqués.

From Python (see `api.py` and the README):

    import pipeline
    nlp = pipeline.load()                       # the spaCy pipeline of a run
    tables = pipeline.extract(["Le ministre ... a reçu ..."])   # the five tables, in memory

`load`, `extract`, `doc_events` and `plover_events` are imported on first use, so
`import pipeline` itself loads neither spaCy nor pandas.
"""

from __future__ import annotations

__all__ = ["doc_events", "extract", "load", "plover_events"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
