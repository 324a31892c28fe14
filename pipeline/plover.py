"""Receptions and meetings as PLOVER event records (`events.jsonl`).

In:  the run's tables (`events`, `entities`, `relations`: DataFrames as `build_tables` returns
     them, or as read back from the CSV files).
Out: one JSON-ready dict per row of `events.csv`, on the PLOVER data model (Open Event Data
     Alliance, `github.com/openeventdata/PLOVER`, manual chapter "Data Fields"), valid against
     `pipeline/schemas/plover_event.schema.json`.

The mapping (the manual's CONSULT section: "all consultations and meetings: this includes
visiting and hosting visits, as well as meeting at a neutral location"):

- RECEIVED (X received Y) -> `event` ["CONSULT"], `mode` ["visit"]: the visitor Y is the
  `actor`, the host X the `recipient` ("the visitor will always be coded as the actor and the
  host will be the recipient"); `event_scale` 4 (PLOVER score of CONSULT: visit).
- MET (X met Y) -> `event` ["CONSULT"], `mode` []: no host/visit distinction, so every party
  is an `actor` and `recipient` is empty; `event_scale` 2.5 (PLOVER score of CONSULT).
- `quad_code` 1 (verbal cooperation) for both. `context` is left empty (not classified).

Entities (`actor`, `recipient` and the extension field `attendees`): PLOVER's entity object
with `entity_text` (the form written in the document), `identifier_id` (the project's entity
id, `person:...`, `org:...`, `gpe:..`), `identifier_text` (its name in `entities.csv`),
`code` (ISO 3166 alpha-3 of the entity's country: a GPE's own code, else the country of the
person's nationality in `entities.csv`; `KOS` for Kosovo as PLOVER says; null when not
known), `country_alpha2`, `country_name` (French, as in `entities.csv`), `office` (titles),
plus `label` and `rank`. Other fields: `id` (the `event_id`), `date` (ISO date, null when the
text gives none), `event_loc` (`extracted_place`, and its country's codes when the place is
a listed city or a country), `event_text` (the evidence sentences), and the extension fields
`confidence` and `source` (`doc_id`, `event_id`, the relation type), with `cite_info`
(`citation` = document id, `language` fr, `coder`, `codebook`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from . import resources
from .resources import strip_accents

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "plover_event.schema.json"
CODER = "communique-extraction"
CODEBOOK = "PLOVER CONSULT (mode visit for receptions); mapping in README.md"
EVENT_RELATIONS = ("RECEIVED", "MET", "ATTENDED")
ALPHA3_EXCEPTIONS = {"XK": "KOS"}  # Kosovo has no ISO alpha-3 code; PLOVER uses KOS
SCALE = {"RECEIVED": 4.0, "MET": 2.5}


@lru_cache(maxsize=1)
def alpha3_codes() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes.update(ALPHA3_EXCEPTIONS)
    return codes


@lru_cache(maxsize=1)
def code_of_country_name() -> dict[str, str]:
    """French country name (as in entities.csv's nationality, or any listed name) -> alpha-2."""
    table = dict(resources.country_by_name())
    for code, name in resources.country_display_name().items():
        table[key(name)] = code
    return table


@lru_cache(maxsize=1)
def code_of_place() -> dict[str, str]:
    """Listed city or site (any variant), capital or country name -> alpha-2."""
    table = dict(code_of_country_name())
    for country in resources.countries():
        if country.get("capital"):
            table.setdefault(key(country["capital"]), country["code"])
    for place in resources.load("places.jsonl"):
        if place.get("country"):
            for name in [place["name"], *place.get("variants", [])]:
                table.setdefault(key(name), place["country"])
    return table


def key(name: str) -> str:
    return " ".join(strip_accents(name).lower().replace("-", " ").split())


def country(alpha2: str | None) -> dict:
    alpha2 = (alpha2 or "").upper()
    if not alpha2:
        return {"code": None, "country_alpha2": None}
    return {"code": alpha3_codes().get(alpha2), "country_alpha2": alpha2}


def split(value) -> list[str]:
    return str(value).split("|") if str(value) else []


def entity_object(entity_id: str, name: str, written: str, entities: dict) -> dict:
    row = entities.get(entity_id, {})
    label = row.get("label", "")
    nationality = str(row.get("nationality", "")) or None
    if entity_id.startswith("gpe:") and len(entity_id) == 6:
        alpha2 = entity_id[4:]
    else:
        alpha2 = code_of_country_name().get(key(nationality)) if nationality else None
    return {
        "entity_text": written or name,
        "identifier_id": entity_id or None,
        "identifier_text": str(row.get("name", "")) or name,
        "label": label or None,
        **country(alpha2),
        "country_name": nationality,
        "office": str(row.get("titles", "")) or None,
        "rank": str(row.get("ranks", "")) or None,
    }


def written_forms(relations) -> dict[tuple[str, str], str]:
    """(doc_id, entity_id) -> the first form written for it in the document's events."""
    forms: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    events = relations[relations["relation"].isin(EVENT_RELATIONS)]
    columns = ["doc_id", "head_id", "head_start", "head_text", "tail_id", "tail_start", "tail_text"]
    for row in events[columns].to_dict("records"):
        for side in ("head", "tail"):
            if row[f"{side}_id"]:
                start = int(row[f"{side}_start"])
                forms[(row["doc_id"], row[f"{side}_id"])].append((start, row[f"{side}_text"]))
    return {k: min(v)[1] for k, v in forms.items()}


def plover_events(tables: dict) -> list[dict]:
    """One PLOVER record per row of the `events` table, in its order."""
    entities = {row["entity_id"]: row for row in tables["entities"].to_dict("records")}
    forms = written_forms(tables["relations"])
    records = []
    for event in tables["events"].to_dict("records"):
        doc_id = event["doc_id"]

        def people(side: str, doc_id: str = doc_id, event: dict = event) -> list[dict]:
            ids, names = split(event[f"{side}_ids"]), split(event[f"{side}s"])
            return [
                entity_object(i, n, forms.get((doc_id, i), ""), entities)
                for i, n in zip(ids, names, strict=False)
            ]

        hosts, guests = people("host"), people("guest")
        received = event["type"] == "RECEIVED"
        place = str(event["place"]) or None
        records.append(
            {
                "id": event["event_id"],
                "date": str(event["date"]) or None,
                "event": ["CONSULT"],
                "mode": ["visit"] if received else [],
                "context": [],
                "quad_code": 1,
                "event_scale": SCALE.get(event["type"], 2.5),
                "actor": guests if received else unique(hosts + guests),
                "recipient": hosts if received else [],
                "attendees": people("attendee"),
                "event_loc": location(place),
                "event_text": [event["evidence"]] if event["evidence"] else [],
                "confidence": round(float(event["confidence"]), 2),
                "source": {"doc_id": doc_id, "event_id": event["event_id"],
                           "relation": event["type"]},
                "cite_info": {"citation": doc_id, "language": "fr", "coder": CODER,
                              "codebook": CODEBOOK},
            }
        )
    return records


def unique(entities: list[dict]) -> list[dict]:
    """Each entity once (a party written on both sides of a meeting)."""
    seen, kept = set(), []
    for entity in entities:
        marker = entity["identifier_id"] or entity["entity_text"]
        if marker not in seen:
            seen.add(marker)
            kept.append(entity)
    return kept


def location(place: str | None) -> dict | None:
    if not place:
        return None
    alpha2 = code_of_place().get(key(place))
    found = country(alpha2)
    return {
        "extracted_place": place,
        "country_code": found["code"],
        "country_alpha2": found["country_alpha2"],
    }


def read_events(output_dir: Path) -> list[dict]:
    """The PLOVER records of a run's output folder, from its CSV tables."""
    from .artefacts import read_table

    tables = {name: read_table(output_dir, name) for name in ("events", "entities", "relations")}
    return plover_events(tables)
