"""The Python API: the pipeline on texts in memory or on files, without writing anything.

In:  `load()`: nothing. `extract(inputs)`: a text, a file, a folder, a `{doc_id: text}`
     mapping, or a list of texts, files and folders.
Out: `load()`: the spaCy pipeline the runner uses (`ner.build_nlp`, with the fast French
     tokenizer installed first); its docs carry `doc.ents` (PERSON, RANK, TITLE, ORG, GPE,
     LOC, DATE), `doc.spans` (`honorifics`, `demonyms`, and the rulers' matches) and
     `doc._.relations` (see `relations.py`); `doc_events(doc)` groups those relations into
     the document's receptions and meetings. `extract(...)`: the tables of the command line
     as pandas DataFrames, `{"mentions", "entities", "relations", "events", "errors",
     "visits", "person_history"}` (`visits`: one row per real-world reception or meeting
     across the documents that report it, `visits.py`; `person_history`: each person's
     ranks and titles with their first and last dates, `history.py`), the same rows as
     `python -m pipeline run` writes for the same files (texts are cleaned and segmented
     first, as in a run); `plover_events(tables)` gives `events.jsonl`'s records.

Texts: a `str` is a text unless it names an existing file or folder (and has no line break);
pass `pathlib.Path` objects to be explicit. Texts of a list get the ids `text1`, `text2`, ...
in order; a mapping gives its own ids (no `/`). A folder gives the ids of a run on it
(`recursive=True` reads its subfolders, ids `sub/name`); a file its name without extension.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

_DEFAULT: dict = {}


def load():
    """The spaCy pipeline, built as the runner builds it (a new one at each call)."""
    from . import french_tokenizer

    french_tokenizer.install()  # before anything imports spacy.lang.fr
    from .ner import build_nlp

    return build_nlp()


def default_nlp():
    """One pipeline per process for `extract` calls without `nlp`."""
    if "nlp" not in _DEFAULT:
        _DEFAULT["nlp"] = load()
    return _DEFAULT["nlp"]


def collect(inputs, recursive: bool = False) -> tuple[list[tuple[str, bytes, str]], list[dict]]:
    """`(path, bytes, doc_id)` of every text of `inputs`, and the error rows of the rest."""
    from .clean import DocumentError
    from .documents import doc_id_of, error_row, read_input
    from .inputs import list_inputs

    items: list[tuple[str, bytes, str]] = []
    errors: list[dict] = []
    if isinstance(inputs, Mapping):
        for doc_id, text in inputs.items():
            if not doc_id or "/" in doc_id or "\\" in doc_id:
                raise ValueError(f"document id {doc_id!r}: empty or with a path separator")
            items.append((doc_id, str(text).encode("utf-8"), doc_id))
        return items, errors
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    numbered = 0
    for value in inputs:
        path = as_path(value)
        if path is None:
            numbered += 1
            items.append((f"text{numbered}", str(value).encode("utf-8"), f"text{numbered}"))
            continue
        if path.is_dir():
            listing = list_inputs(path, recursive)
            errors += listing.errors
            named = [(str(p), d) for p, d in listing.texts]
        else:
            named = [(str(path), doc_id_of(path))]
        for name, doc_id in named:
            try:
                items.append((name, read_input(Path(name)), doc_id))
            except DocumentError as error:
                errors.append(error_row(name, error.stage, error.reason))
    seen: dict[str, str] = {}
    unique = []
    for name, raw, doc_id in items:
        if doc_id in seen:
            reason = f"same document id {doc_id!r} as {seen[doc_id]}: not read"
            errors.append(error_row(name, "input", reason))
            continue
        seen[doc_id] = name
        unique.append((name, raw, doc_id))
    return unique, errors


def as_path(value) -> Path | None:
    """`value` as a path to read, or None for a text."""
    if isinstance(value, Path):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a text, a path or a folder, not {type(value).__name__}")
    if not value.strip() or "\n" in value or len(value) > 4096:
        return None
    try:
        return Path(value) if Path(value).exists() else None
    except OSError:  # a name too long for the system: a text
        return None


def extract(inputs: str | Path | Mapping[str, str] | Iterable, nlp=None, recursive: bool = False,
            batch_size: int = 16) -> dict:
    """The tables (pandas DataFrames) of `inputs`, as the command line builds them: mentions,
    entities, relations, events (with each event's `visit_id`), errors, visits and
    person_history."""
    from . import resources
    from .aggregate import build_tables
    from .documents import document_result
    from .parse import parse_named

    items, errors = collect(inputs, recursive)
    records = parse_named(nlp or default_nlp(), items, resources.fingerprint(), batch_size)
    results = []
    for record in records:
        if "error" in record:
            errors.append(record["error"])
            continue
        # The command line reads its artefacts back from JSON: so does this, for equal tables.
        stages = json.loads(json.dumps(record["stages"]))
        results.append(document_result(record["doc_id"], stages))
    return build_tables(sorted(results, key=lambda r: r.doc_id), errors)


def doc_events(doc) -> list[dict]:
    """The receptions and meetings of a parsed `Doc`: its `doc._.relations` grouped by event
    frame, each `{frame, type, hosts, guests, attendees, date, place, trigger, confidence}`
    with the texts as written (the date as written too; `extract` gives it in ISO)."""
    frames: dict[int, dict] = {}
    for relation in doc._.relations or []:
        number = relation.get("frame")
        if number is None:
            continue
        event = frames.setdefault(number, {
            "frame": number, "type": None, "hosts": [], "guests": [], "attendees": [],
            "date": (relation.get("date") or {}).get("text"),
            "place": (relation.get("place") or {}).get("text"),
            "trigger": relation.get("trigger"), "confidence": relation.get("confidence"),
        })
        head, tail = relation["head"]["text"], relation["tail"]["text"]
        if relation["relation"] in ("RECEIVED", "MET"):
            event["type"] = relation["relation"]
            add(event["hosts"], head)
            add(event["guests"], tail)
        elif relation["relation"] == "ATTENDED":
            add(event["attendees"], head)
    return [frames[n] for n in sorted(frames) if frames[n]["type"]]


def add(values: list, value) -> None:
    if value not in values:
        values.append(value)


def plover_events(tables: dict) -> list[dict]:
    """PLOVER records of `extract`'s tables (the lines of `events.jsonl`)."""
    from .plover import plover_events as build

    return build(tables)
