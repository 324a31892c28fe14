"""The spaCy pass of a batch of documents: bytes in, the four stage artefacts out.

In:  `(path, bytes)` items, the pipeline (`nlp`), the code fingerprint and the input folder
     (for document ids, see `documents.doc_id_of`).
Out: `parse_batch`: one record per document, `{"doc_id", "stages": {clean, segment, ner,
     relations}}` or `{"error": error row}`; `write_results` writes the artefacts of those
     records into an output folder (`artefacts.write_document`) and returns the error rows.

Documents go through one `nlp.pipe` (NER and relations are components of it: one parse per
document). A text longer than spaCy's `max_length` is cut at paragraph boundaries into pieces
(`pieces`) that are parsed separately and put back together. Every offset of the `ner` and
`relations` artefacts is mapped back into the original text (`to_original`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from . import artefacts
from .clean import DocumentError
from .documents import PreparedDocument, doc_id_of, early_stages, error_row, prepare


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


SOURCE_TEXT = "source_text"


def make_docs(nlp, documents: Iterable[PreparedDocument], limit: int, pending: dict) -> Iterator:
    for document in documents:
        parts = pieces(document.cleaned.text, limit)
        pending[document.doc_id] = {"document": document, "parts": len(parts), "results": []}
        for offset, text in parts:
            doc = attach_segments(nlp.make_doc(text), document.segments, offset)
            doc.user_data["doc_id"] = document.doc_id
            doc.user_data["offset"] = offset
            doc.user_data[SOURCE_TEXT] = text  # `doc.text` rebuilds it from every token
            yield doc


def attach_segments(doc, segments, offset: int = 0):
    """What the NLP components read from the segment stage, on the piece of the text that
    begins at `offset`: sentence starts, and the dateline's date, place and extent."""
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # without `doc.text`
    end = offset + length
    doc._.sentence_starts = [b - offset for b in segments.boundaries if offset <= b < end] + [0]
    dateline = segments.dateline
    if dateline and dateline.date:
        doc.user_data["dateline_date"] = dateline.date
    if dateline and offset <= dateline.place_start < end:
        doc.user_data["dateline_place"] = [
            dateline.place_start - offset,
            dateline.place_end - offset,
        ]
        doc.user_data["dateline"] = [dateline.start - offset, dateline.end - offset]
    return doc


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
    nlp,
    items: list[tuple[str, bytes]],
    fingerprint: str,
    batch_size: int,
    root: str | None = None,
) -> list[dict]:
    """Clean, segment and parse a batch of `(path, bytes)`; one record per document, either
    `{"doc_id", "stages": {stage: artefact}}` or `{"error": error row}`. Document ids are
    paths relative to `root` (the file's name without extension when `root` is None)."""
    named = [(path, raw, doc_id_of(path, root)) for path, raw in items]
    return parse_named(nlp, named, fingerprint, batch_size)


def parse_named(
    nlp, items: list[tuple[str, bytes, str]], fingerprint: str, batch_size: int
) -> list[dict]:
    """`parse_batch` for `(path, bytes, doc_id)` items whose ids are already chosen."""
    results: list[dict] = []

    def documents() -> Iterator[PreparedDocument]:
        for path, raw, doc_id in items:
            try:
                yield prepare(Path(path), fingerprint, raw, doc_id)
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

