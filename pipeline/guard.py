"""Per-document failure isolation for the project's spaCy components.

In:  a component's `__call__`.
Out: the same call, which on an exception records `[stage, reason]` in
     `doc.user_data["failure"]` and returns the document unchanged, so one odd document is
     reported in errors.csv instead of stopping `nlp.pipe` for the whole corpus. Later
     components skip a document that has failed.
"""

from __future__ import annotations

import functools


def guarded(stage: str):
    def decorate(call):
        @functools.wraps(call)
        def wrapper(self, doc):
            if "failure" in doc.user_data:
                return doc
            try:
                return call(self, doc)
            except Exception as error:  # noqa: BLE001 - reported per document
                doc.user_data["failure"] = [stage, f"{type(error).__name__}: {error}"]
                return doc

        return wrapper

    return decorate
