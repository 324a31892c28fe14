"""Stage 6, report: the tables -> an analyst's page, a network file and Parquet copies.

In:  the tables of `aggregate.build_tables` (mentions, entities, relations, events, errors,
     and when given visits and person_history; multi-valued cells joined with `|`, empty
     cells "" or NaN), the original text of every processed document (mention offsets index
     into it) and an output folder.
Out: in the output folder, each written atomically (temporary file in the same folder, then
     `os.replace`) and deterministically (same input -> byte-identical files):

- `report.html`: one self-contained page (inline CSS and JS, inline SVG, no URL to fetch; a
  Content-Security-Policy that allows only the page's own script and style by hash, so
  nothing else can load or run even from a hostile communiqué): summary, timeline of
  receptions and meetings (one row per visit of `visits.csv`, whatever the number of
  outlets that report it: host and guest with rank, title and country, links to every
  source document), charts of guests per country and of visits per organisation (counts are
  visits, not articles; without a visits table each event is its own visit), the
  network of who received or met whom (networkx spring layout, fixed seed, drawn to SVG at
  build time), the entity table (sortable and filterable in the page) and one view per
  document with its entities highlighted in displaCy's style and its relations with their
  evidence. A person's ranks and titles in the entity table are his dated history
  (`person_history.csv`, earliest first); in the timeline, the rank and title the sources
  write, else the ones his history gives on the visit's date. The page is rendered by
  Jinja2 with autoescaping on: document text is always HTML-escaped (a communiqué that
  contains `<script>` shows it as text).
- `graph.graphml`: entities as nodes (every column of `entities`, with the entity's label
  under `entity_type` and its name under `label`, the attribute Gephi shows), relations
  between two entities as edges (`type`, `label` = type, `date`, `place`, `doc_id`,
  `evidence`, `confidence`). HAS_RANK and HAS_TITLE point at spans, not entities: they are
  the nodes' `ranks` and `titles`.
- `mentions.parquet`, `entities.parquet`, `relations.parquet`, `events.parquet`,
  `errors.parquet` (and `visits.parquet`, `person_history.parquet` when given): the tables
  as given, written by pyarrow without index.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

TABLES = ("mentions", "entities", "relations", "events", "errors")
OPTIONAL_TABLES = ("visits", "person_history", "merges")  # written when the run gives them
TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
LAYOUT_SEED = 42

# displaCy's default colours where it has the label; RANK and TITLE get two of its spares.
LABEL_COLOURS = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "RANK": "#ffeb80",
    "TITLE": "#bfeeb7",
    "DATE": "#bfe1d9",
}
OTHER_COLOUR = "#dddddd"
LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "RANK", "TITLE", "DATE")
LABEL_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "LOC": "place",
    "RANK": "rank",
    "TITLE": "title",
    "DATE": "date",
}
EVENT_NAMES = {"RECEIVED": "Reception", "MET": "Meeting"}
# Relations drawn in the network: colour, dashed, arrow (MET is symmetric).
NETWORK_RELATIONS = {
    "RECEIVED": ("#b03a2e", False, True),
    "MET": ("#1f618d", False, False),
    "ATTENDED": ("#7f8c8d", True, True),
}
RELATION_NAMES = {
    "RECEIVED": "received",
    "MET": "met",
    "ATTENDED": "attended (in the presence of)",
}
UNKNOWN_COUNTRY = "(unknown)"
MAX_BARS = 15
MAX_NETWORK_NODES = 150
SVG_WIDTH = 1140
NETWORK_LABEL_ROOM, NETWORK_BOX_PAD = 200, 26
LABEL_CHAR_WIDTH = 6.6  # about, in SVG units, at the network's 11.5 px


# ---------------------------------------------------------------------------- entry point


def write_report(
    tables: dict[str, pd.DataFrame], documents: dict[str, str], output_dir: Path
) -> None:
    """Write report.html, graph.graphml and the tables as Parquet into `output_dir`."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES + tuple(n for n in OPTIONAL_TABLES if tables.get(n) is not None):
        frame = tables.get(name)
        if frame is None:
            frame = pd.DataFrame()
        _atomic_write(output_dir / f"{name}.parquet", parquet_bytes(frame))
    data = ReportData(tables, documents)
    _atomic_write(output_dir / "graph.graphml", graphml_bytes(data))
    _atomic_write(output_dir / "report.html", render_html(data).encode("utf-8"))


def _atomic_write(path: Path, payload: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for reading
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------- cells


def cell(value) -> str:
    """A cell as text: "" for NaN/None, integers without a trailing `.0`."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def values(value) -> list[str]:
    """A multi-valued (`|`-joined) cell as a list, empty parts dropped."""
    return [part.strip() for part in cell(value).split("|") if part.strip()]


def integer(value, default: int = -1) -> int:
    text = cell(value)
    try:
        return int(float(text))
    except ValueError:
        return default


def number(value) -> float | None:
    text = cell(value)
    try:
        result = float(text)
    except ValueError:
        return None
    return None if math.isnan(result) else result


def records(frame: pd.DataFrame | None) -> list[dict[str, str]]:
    """Rows as dicts of text cells (the report reads every table this way)."""
    if frame is None or frame.empty:
        return []
    columns = [str(c) for c in frame.columns]
    return [
        {column: cell(v) for column, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "x"


# ---------------------------------------------------------------------------- parquet


def arrow_table(frame: pd.DataFrame):
    """A pyarrow Table of `frame` (no index); a column of mixed Python types becomes text."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        fixed = frame.copy()
        for column in fixed.columns:
            if fixed[column].dtype == object:
                fixed[column] = [
                    v if isinstance(v, str) else (cell(v) or None) for v in fixed[column]
                ]
        return pa.Table.from_pandas(fixed, preserve_index=False)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    import pyarrow.parquet as pq

    # pandas' metadata (which names its version) is left out: the columns and their types
    # are enough to read the table back, and the file does not change with pandas.
    table = arrow_table(frame).replace_schema_metadata(None)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


# ---------------------------------------------------------------------------- the data


class ReportData:
    """Everything the page and the graph show, computed once from the tables."""

    def __init__(self, tables: dict[str, pd.DataFrame], documents: dict[str, str]):
        self.documents = {str(k): (v if isinstance(v, str) else "") for k, v in documents.items()}
        self.mentions = records(tables.get("mentions"))
        self.entities = sorted(
            records(tables.get("entities")), key=lambda e: e.get("entity_id", "")
        )
        self.relations = records(tables.get("relations"))
        self.events = records(tables.get("events"))
        self.visits = visit_records(self.events, records(tables.get("visits")))
        self.history: dict[str, list[dict]] = defaultdict(list)
        for row in records(tables.get("person_history")):
            self.history[row.get("entity_id", "")].append(row)
        self.errors = records(tables.get("errors"))
        self.entity = {e["entity_id"]: e for e in self.entities if e.get("entity_id")}
        self.doc_ids = sorted(
            set(self.documents)
            | {m["doc_id"] for m in self.mentions if m.get("doc_id")}
            | {r["doc_id"] for r in self.relations if r.get("doc_id")}
            | {e["doc_id"] for e in self.events if e.get("doc_id")}
        )
        self.anchors = self._anchors(self.doc_ids, "doc-")
        self.entity_anchors = self._anchors(sorted(self.entity), "entity-")
        self.relations.sort(key=relation_key)
        self.by_doc: dict[str, list[dict]] = defaultdict(list)
        for relation in self.relations:
            self.by_doc[relation.get("doc_id", "")].append(relation)

    @staticmethod
    def _anchors(keys: list[str], prefix: str) -> dict[str, str]:
        anchors: dict[str, str] = {}
        used: set[str] = set()
        for key in keys:
            anchor = base = prefix + slug(key)
            number_ = 2
            while anchor in used:
                anchor = f"{base}-{number_}"
                number_ += 1
            used.add(anchor)
            anchors[key] = anchor
        return anchors

    def name_of(self, entity_id: str, fallback: str = "") -> str:
        entity = self.entity.get(entity_id)
        return entity.get("name", "") if entity and entity.get("name") else fallback or entity_id

    def label_of(self, entity_id: str) -> str:
        entity = self.entity.get(entity_id)
        return entity.get("label", "") if entity else ""


def relation_key(relation: dict) -> tuple:
    return (
        relation.get("doc_id", ""),
        integer(relation.get("head_start")),
        integer(relation.get("tail_start")),
        relation.get("relation", ""),
        relation.get("head_id", ""),
        relation.get("tail_id", ""),
        relation.get("head", ""),
        relation.get("tail", ""),
    )


def label_colour(label: str) -> str:
    return LABEL_COLOURS.get(label, OTHER_COLOUR)


def label_rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


# ---------------------------------------------------------------------------- timeline


def visit_records(events: list[dict], visits: list[dict]) -> list[dict]:
    """The visits table, or one visit per event when the run gave none (older tables)."""
    if visits and all(e.get("visit_id") for e in events):
        return visits
    return [
        {
            "visit_id": e.get("event_id", ""),
            "type": e.get("type", ""),
            "first_date": e.get("date", ""),
            "last_date": e.get("date", ""),
            "place": e.get("place", ""),
            **{key: e.get(key, "") for key in ("hosts", "guests", "attendees", "host_ids",
                                               "guest_ids", "attendee_ids", "confidence")},
            "doc_ids": e.get("doc_id", ""),
            "event_ids": e.get("event_id", ""),
        }
        for e in events
    ]


def held_on(history: list[dict], kind: str, day: str) -> list[str]:
    """The values of `kind` a person's history gives on `day`: those whose dates cover it
    (the latest begun for a rank: one grade at a time), else the latest written before it,
    else (a day earlier than any, or none) the earliest."""
    rows = [r for r in history if r.get("kind") == kind]
    dated = [r for r in rows if r.get("first_date")]
    if not dated:
        return [r.get("value", "") for r in rows]
    covering = [r for r in dated if day and r["first_date"] <= day <= r.get("last_date", "")]
    before = [r for r in dated if day and r["first_date"] <= day]
    pool = covering or before or dated
    if kind == "rank" or not covering:
        latest = (max if covering or before else min)(r["first_date"] for r in pool)
        pool = [r for r in pool if r["first_date"] == latest]
    return [r.get("value", "") for r in pool]


def history_text(history: list[dict], kind: str) -> list[str]:
    """`value (first – last)` for each value of `kind`, earliest first."""
    found = []
    for row in history:
        if row.get("kind") != kind:
            continue
        first, last = row.get("first_date", ""), row.get("last_date", "")
        when = first if first == last else f"{first} – {last}"
        found.append(f"{row.get('value', '')} ({when})" if first else row.get("value", ""))
    return found


def participant(data: ReportData, entity_id: str, name: str, doc_ids: list[str] | str,
                day: str = "") -> dict:
    """A host, guest or attendee: name, label, rank, title, country, as known in the source
    documents (their HAS_RANK/HAS_TITLE/AFFILIATED_WITH relations), else from the person's
    history on `day`, else across documents."""
    entity = data.entity.get(entity_id, {})
    doc_ids = [doc_ids] if isinstance(doc_ids, str) else doc_ids
    own = [
        r
        for doc_id in doc_ids
        for r in data.by_doc.get(doc_id, [])
        if entity_id and r.get("head_id") == entity_id
    ]

    def tails(kind: str) -> list[str]:
        found: list[str] = []
        for relation in own:
            if relation.get("relation") == kind:
                text = relation.get("tail_text") or relation.get("tail", "")
                if text and text not in found:
                    found.append(text)
        return found

    history = data.history.get(entity_id, [])
    ranks = tails("HAS_RANK") or held_on(history, "rank", day) or values(entity.get("ranks"))
    titles = (tails("HAS_TITLE") or held_on(history, "title", day)
              or values(entity.get("titles")))
    country = entity.get("nationality", "")
    if not country:
        for relation in own:
            if (
                relation.get("relation") == "AFFILIATED_WITH"
                and data.label_of(relation.get("tail_id", "")) == "GPE"
            ):
                country = data.name_of(relation["tail_id"], relation.get("tail", ""))
                break
    if not country and entity.get("label") == "GPE":
        country = entity.get("name", "")
    label = entity.get("label", "")
    return {
        "id": entity_id,
        "name": data.name_of(entity_id, name) if entity_id else name,
        "label": label,
        "colour": label_colour(label),
        "rank": ", ".join(ranks),
        "title": ", ".join(titles),
        "country": country,
        "anchor": data.entity_anchors.get(entity_id, ""),
    }


def participants(data: ReportData, visit: dict, role: str) -> list[dict]:
    ids = values(visit.get(f"{role}_ids"))
    names = values(visit.get(f"{role}s"))
    if len(ids) == len(names):
        pairs = list(zip(ids, names, strict=True))
    elif ids:
        pairs = [(entity_id, "") for entity_id in ids]
    else:
        pairs = [("", name) for name in names]
    doc_ids, day = values(visit.get("doc_ids")), visit.get("first_date", "")
    return [participant(data, i, n, doc_ids, day) for i, n in pairs]


def timeline(data: ReportData) -> list[dict]:
    """One row per visit (a reception or meeting however many outlets report it)."""
    events = {e.get("event_id", ""): e for e in data.events}
    rows = []
    for visit in data.visits:
        kind = visit.get("type", "")
        confidence = number(visit.get("confidence"))
        sources: dict[str, dict] = {}  # one per document, in the visit's order
        for event_id in values(visit.get("event_ids")):
            event = events.get(event_id, {})
            doc_id = event.get("doc_id", "") or event_id.rsplit("#", 1)[0]
            source = sources.setdefault(
                doc_id,
                {"doc_id": doc_id, "anchor": data.anchors.get(doc_id, ""), "dates": [],
                 "evidence": event.get("evidence", "")},
            )
            if event.get("date") and event["date"] not in source["dates"]:
                source["dates"].append(event["date"])
        first, last = visit.get("first_date", ""), visit.get("last_date", "")
        rows.append(
            {
                "visit_id": visit.get("visit_id", ""),
                "date": first,
                "dates": first if first == last or not last else f"{first} – {last}",
                "type": kind,
                "type_name": EVENT_NAMES.get(kind, kind.title() or "Event"),
                "place": ", ".join(values(visit.get("place"))),
                "hosts": participants(data, visit, "host"),
                "guests": participants(data, visit, "guest"),
                "attendees": participants(data, visit, "attendee"),
                "sources": list(sources.values()),
                "doc_id": next(iter(sources), ""),
                "confidence": "" if confidence is None else f"{confidence:.2f}",
            }
        )
    rows.sort(key=lambda r: (r["date"] == "", r["date"], r["doc_id"], r["visit_id"]))
    return rows


# ---------------------------------------------------------------------------- charts


def bar_chart(counts: Counter, unit: str) -> dict:
    """Horizontal bars drawn at build time: label, count and geometry of each bar."""
    items = sorted(counts.items(), key=lambda item: (-item[1], item[0] == UNKNOWN_COUNTRY, item[0]))
    shown, hidden = items[:MAX_BARS], items[MAX_BARS:]
    row, label_width, bar_width = 26, 230, 300
    top = max((c for _, c in shown), default=0)
    bars = []
    for index, (name, count) in enumerate(shown):
        width = round(bar_width * count / top, 1) if top else 0
        bars.append(
            {
                "name": name,
                "short": shorten(name, 34),
                "count": count,
                "y": index * row,
                "width": max(width, 2.0),
                "text_x": round(label_width + max(width, 2.0) + 6, 1),
                "unknown": name == UNKNOWN_COUNTRY,
            }
        )
    return {
        "bars": bars,
        "hidden": len(hidden),
        "hidden_total": sum(c for _, c in hidden),
        "label_width": label_width,
        "width": label_width + bar_width + 50,
        "height": max(len(bars) * row, row),
        "row": row,
        "unit": unit,
    }


def guest_countries(data: ReportData, rows: list[dict]) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        if row["type"] != "RECEIVED":
            continue
        for guest in row["guests"]:
            counts[guest["country"] or UNKNOWN_COUNTRY] += 1
    return counts


def organisation_events(data: ReportData) -> Counter:
    """Visits (receptions and meetings, each once however many outlets report it) in which
    each organisation takes part, as host, guest or attendee or through a participant
    affiliated with it."""
    affiliated: dict[str, set[str]] = defaultdict(set)
    for relation in data.relations:
        if relation.get("relation") == "AFFILIATED_WITH" and relation.get("tail_id"):
            affiliated[relation.get("head_id", "")].add(relation["tail_id"])
    by_name = {e.get("name", ""): e["entity_id"] for e in data.entities if e.get("label") == "ORG"}
    for entity in data.entities:
        for name in values(entity.get("affiliations")):
            if name in by_name:
                affiliated[entity["entity_id"]].add(by_name[name])
    counts: Counter = Counter()
    for event in data.visits:
        ids = set()
        for role in ("host_ids", "guest_ids", "attendee_ids"):
            for entity_id in values(event.get(role)):
                ids.add(entity_id)
                ids |= affiliated.get(entity_id, set())
        for entity_id in ids:
            if data.label_of(entity_id) == "ORG":
                counts[data.name_of(entity_id)] += 1
    return counts


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------- network


def network(data: ReportData) -> dict:
    """Who received, met or attended whom: each connected group laid out by a seeded spring
    layout in its own box, the boxes packed in rows (so separate groups leave no holes)."""
    import networkx as nx

    edges: Counter = Counter()
    for relation in data.relations:
        kind = relation.get("relation", "")
        head, tail = relation.get("head_id", ""), relation.get("tail_id", "")
        if kind in NETWORK_RELATIONS and head and tail and head != tail:
            if kind == "MET":
                head, tail = sorted((head, tail))
            edges[(head, tail, kind)] += 1
    degree: Counter = Counter()
    for (head, tail, _), count in edges.items():
        degree[head] += count
        degree[tail] += count
    nodes = sorted(degree, key=lambda n: (-degree[n], n))
    dropped = max(len(nodes) - MAX_NETWORK_NODES, 0)
    kept = set(nodes[:MAX_NETWORK_NODES])
    edges = Counter({k: v for k, v in edges.items() if k[0] in kept and k[1] in kept})
    graph = nx.Graph()
    graph.add_nodes_from(sorted({n for h, t, _ in edges for n in (h, t)}))
    graph.add_edges_from(sorted({(h, t) for h, t, _ in edges}))
    if not graph:
        return {"nodes": [], "edges": [], "dropped": dropped, "width": SVG_WIDTH, "height": 0}
    radius = {n: round(6 + 2.2 * math.sqrt(min(degree[n], 60)), 1) for n in graph}
    position, used = packed_layout(
        graph, {n: shorten(data.name_of(n), 30) for n in graph}, radius
    )
    height = max(y for _, y, _ in position.values()) + NETWORK_BOX_PAD + 10
    node_rows = []
    for node in sorted(graph, key=lambda n: (degree[n], n)):
        x, y, left = position[node]
        label = data.label_of(node)
        node_rows.append(
            {
                "id": node,
                "name": data.name_of(node),
                "short": shorten(data.name_of(node), 30),
                "label": label,
                "colour": label_colour(label),
                "x": x,
                "y": y,
                "r": radius[node],
                "text_x": round(x - radius[node] - 4 if left else x + radius[node] + 4, 1),
                "anchor": "end" if left else "start",
                "degree": degree[node],
            }
        )
    edge_rows = []
    for (head, tail, kind), count in sorted(edges.items()):
        (x1, y1, _), (x2, y2, _) = position[head], position[tail]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        colour, dashed, arrow = NETWORK_RELATIONS[kind]
        start_gap, end_gap = radius[head] + 1, radius[tail] + (4 if arrow else 1)
        edge_rows.append(
            {
                "kind": kind,
                "colour": colour,
                "dashed": dashed,
                "arrow": arrow,
                "x1": round(x1 + ux * start_gap, 1),
                "y1": round(y1 + uy * start_gap, 1),
                "x2": round(x2 - ux * end_gap, 1),
                "y2": round(y2 - uy * end_gap, 1),
                "width": round(min(1.6 + 0.8 * (count - 1), 6.0), 1),
                "title": f"{data.name_of(head)} {RELATION_NAMES[kind]} {data.name_of(tail)}"
                + (f" ({count}×)" if count > 1 else ""),
            }
        )
    return {
        "nodes": node_rows,
        "edges": edge_rows,
        "dropped": dropped,
        "width": max(SVG_WIDTH, math.ceil(used)),
        "height": round(height),
    }


def packed_layout(
    graph, names: dict[str, str], radius: dict[str, float]
) -> tuple[dict[str, tuple[float, float, bool]], float]:
    """x, y and label side (True: left) of every node, in SVG units, and the width used:
    each connected group laid out on its own, then the groups (labels included) packed in
    rows."""
    import networkx as nx

    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    groups = []
    for component in components:
        sub = graph.subgraph(component)
        layout = nx.spring_layout(
            sub, seed=LAYOUT_SEED, k=2.0 / math.sqrt(len(component)), iterations=300
        )
        side = min(SVG_WIDTH - 2 * NETWORK_LABEL_ROOM, 70 * math.sqrt(len(component)) + 50)
        point = upright(component, layout, side)
        local, low, high = {}, math.inf, -math.inf
        middle = sum(x for x, _ in point.values()) / len(point)
        for node in component:
            x, y = point[node]
            neighbours = [point[m][0] for m in sub.neighbors(node)]
            pull = sum(neighbours) / len(neighbours) - x if neighbours else 0.0
            # the label goes away from the node's links, else away from the middle
            left = pull > 0 if abs(pull) > 1 else x < middle - 0.05 * side
            text = min(LABEL_CHAR_WIDTH * len(names[node]), NETWORK_LABEL_ROOM) + 4
            low = min(low, x - radius[node] - (text if left else 0))
            high = max(high, x + radius[node] + (0 if left else text))
            local[node] = (x, y, left)
        groups.append((local, low, high, max(y for _, y in point.values())))
    gap = 28
    rows: list[list[tuple[dict, float, float]]] = [[]]
    width_of_row = 0.0
    for local, low, high, height in groups:
        width = high - low
        if rows[-1] and width_of_row + gap + width > SVG_WIDTH:
            rows.append([])
            width_of_row = 0.0
        width_of_row += (gap if rows[-1] else 0) + width
        rows[-1].append((local, low, high, height))
    used = max(
        sum(high - low for _, low, high, _ in row) + gap * (len(row) - 1) for row in rows
    )
    placed: dict[str, tuple[float, float, bool]] = {}
    y0 = 0.0
    for row in rows:
        row_width = sum(high - low for _, low, high, _ in row) + gap * (len(row) - 1)
        x0 = max((max(used, SVG_WIDTH) - row_width) / 2, 0.0)  # rows are centred
        for local, low, high, _ in row:
            for node, (x, y, left) in local.items():
                placed[node] = (round(x0 + x - low, 1), round(y0 + NETWORK_BOX_PAD + y, 1), left)
            x0 += high - low + gap
        y0 += max(height for _, _, _, height in row) + 2 * NETWORK_BOX_PAD + gap / 2
    return placed, used


def upright(component: list[str], layout: dict, side: float) -> dict[str, tuple[float, float]]:
    """The layout turned so that its long axis is vertical (labels sit left and right, so
    width is what is scarce) and scaled, keeping its shape, to `side` along that axis."""
    xs = [float(layout[n][0]) for n in component]
    ys = [float(layout[n][1]) for n in component]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # direction of the long axis
    turn = math.pi / 2 - angle
    cos, sin = math.cos(turn), math.sin(turn)
    turned = [
        ((x - mx) * cos - (y - my) * sin, (x - mx) * sin + (y - my) * cos)
        for x, y in zip(xs, ys, strict=True)
    ]
    low_x, low_y = min(t[0] for t in turned), min(t[1] for t in turned)
    extent = max(
        max(t[0] for t in turned) - low_x, max(t[1] for t in turned) - low_y, 1e-9
    )
    scale = side / extent
    return {
        node: ((x - low_x) * scale, (y - low_y) * scale)
        for node, (x, y) in zip(component, turned, strict=True)
    }


# ---------------------------------------------------------------------------- documents


def highlighted(text: str, mentions: list[dict]) -> list[dict]:
    """The text cut into plain and entity pieces (offsets of `mentions`, overlaps dropped)."""
    spans = []
    for mention in mentions:
        start, end = integer(mention.get("start")), integer(mention.get("end"))
        if 0 <= start < end <= len(text):
            spans.append((start, -end, mention.get("label", ""), mention.get("entity_id", "")))
    spans.sort()
    pieces, position = [], 0
    for start, negative_end, label, entity_id in spans:
        end = -negative_end
        if start < position:
            continue
        if start > position:
            pieces.append({"text": text[position:start], "label": ""})
        pieces.append(
            {"text": text[start:end], "label": label, "colour": label_colour(label),
             "entity_id": entity_id}
        )
        position = end
    if position < len(text):
        pieces.append({"text": text[position:], "label": ""})
    # Trim the blank lines around the text and long runs of them inside (display only).
    for piece in pieces:
        if not piece["label"]:
            piece["text"] = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", piece["text"])
    if pieces and not pieces[0]["label"]:
        pieces[0]["text"] = pieces[0]["text"].lstrip()
    if pieces and not pieces[-1]["label"]:
        pieces[-1]["text"] = pieces[-1]["text"].rstrip()
    return [p for p in pieces if p["text"]]


def occurrences(text: str, needle: str) -> list[int]:
    found, index = [], text.find(needle)
    while needle and index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def evidence_pieces(evidence: str, head: str, tail: str, gap: int | None = None) -> list[dict]:
    """The evidence sentence with the head and tail texts marked. Where a text occurs more
    than once, the pair whose distance is closest to `gap` (tail start - head start in the
    document) is marked."""
    head, tail = " ".join(head.split()), " ".join(tail.split())
    heads, tails = occurrences(evidence, head), occurrences(evidence, tail)
    pairs = [
        (h, t) for h in heads for t in tails if h + len(head) <= t or t + len(tail) <= h
    ]
    found: list[tuple[int, int, str]] = []
    if pairs:
        h, t = min(pairs, key=lambda p: (abs((p[1] - p[0]) - gap) if gap is not None else 0, p))
        found = [(h, h + len(head), "head"), (t, t + len(tail), "tail")]
    elif heads:
        found = [(heads[0], heads[0] + len(head), "head")]
    elif tails:
        found = [(tails[0], tails[0] + len(tail), "tail")]
    found.sort()
    pieces, position = [], 0
    for start, end, role in found:
        if start > position:
            pieces.append({"text": evidence[position:start], "role": ""})
        pieces.append({"text": evidence[start:end], "role": role})
        position = end
    if position < len(evidence):
        pieces.append({"text": evidence[position:], "role": ""})
    return pieces


def gap(relation: dict) -> int | None:
    head, tail = integer(relation.get("head_start")), integer(relation.get("tail_start"))
    return tail - head if head >= 0 and tail >= 0 else None


def headline(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return shorten(" ".join(line.split()), 180)
    return ""


def document_views(data: ReportData) -> list[dict]:
    mentions: dict[str, list[dict]] = defaultdict(list)
    for mention in data.mentions:
        mentions[mention.get("doc_id", "")].append(mention)
    views = []
    for doc_id in data.doc_ids:
        text = data.documents.get(doc_id)
        labels = Counter(m.get("label", "") for m in mentions[doc_id])
        relation_rows = []
        for relation in data.by_doc.get(doc_id, []):
            head_text = relation.get("head_text") or relation.get("head", "")
            tail_text = relation.get("tail_text") or relation.get("tail", "")
            confidence = number(relation.get("confidence"))
            relation_rows.append(
                {
                    "relation": relation.get("relation", ""),
                    "head": relation.get("head", "") or head_text,
                    "head_label": data.label_of(relation.get("head_id", "")),
                    "head_anchor": data.entity_anchors.get(relation.get("head_id", ""), ""),
                    "tail": relation.get("tail", "") or tail_text,
                    "tail_label": data.label_of(relation.get("tail_id", "")),
                    "tail_anchor": data.entity_anchors.get(relation.get("tail_id", ""), ""),
                    "date": relation.get("date", ""),
                    "place": relation.get("place", ""),
                    "confidence": "" if confidence is None else f"{confidence:.2f}",
                    "evidence": evidence_pieces(
                        relation.get("evidence", ""), head_text, tail_text, gap(relation)
                    ),
                }
            )
        views.append(
            {
                "doc_id": doc_id,
                "anchor": data.anchors[doc_id],
                "headline": headline(text or ""),
                "available": text is not None,
                "pieces": highlighted(text or "", mentions[doc_id]),
                "label_counts": [
                    {"label": label, "count": labels[label], "colour": label_colour(label)}
                    for label in sorted(labels, key=lambda lab: (label_rank(lab), lab))
                    if label
                ],
                "n_mentions": len(mentions[doc_id]),
                "relations": relation_rows,
            }
        )
    return views


# ---------------------------------------------------------------------------- entity table


def entity_rows(data: ReportData) -> list[dict]:
    rows = []
    for entity in data.entities:
        label = entity.get("label", "")
        history = data.history.get(entity["entity_id"], [])
        rows.append(
            {
                "id": entity["entity_id"],
                "anchor": data.entity_anchors.get(entity["entity_id"], ""),
                "name": entity.get("name", "") or entity["entity_id"],
                "label": label,
                "colour": label_colour(label),
                "aliases": values(entity.get("aliases")),
                "ranks": history_text(history, "rank") or values(entity.get("ranks")),
                "titles": history_text(history, "title") or values(entity.get("titles")),
                "dated": bool(history),
                "affiliations": values(entity.get("affiliations")),
                "nationality": entity.get("nationality", ""),
                "n_mentions": integer(entity.get("n_mentions"), 0),
                "n_docs": integer(entity.get("n_docs"), 0),
                "docs": [
                    {"doc_id": d, "anchor": data.anchors.get(d, "")}
                    for d in values(entity.get("doc_ids"))
                ],
            }
        )
    rows.sort(key=lambda r: (label_rank(r["label"]), r["label"], r["name"].casefold(), r["id"]))
    return rows


# ---------------------------------------------------------------------------- the page


def summary(data: ReportData) -> list[dict]:
    """The page's counts; receptions and meetings count visits (one per real-world event,
    however many outlets report it), with the number of reports beside them."""
    labels = Counter(e.get("label", "") for e in data.entities)
    kinds = Counter(v.get("type", "") for v in data.visits)
    reports = Counter(e.get("type", "") for e in data.events)
    items = [
        ("Documents", len(data.doc_ids), "#documents", ""),
        ("People", labels["PERSON"], "#entities", ""),
        ("Organisations", labels["ORG"], "#entities", ""),
        ("Countries", labels["GPE"], "#entities", ""),
        ("Receptions", kinds["RECEIVED"], "#timeline", f"visits, from {reports['RECEIVED']} "
         f"report{'s' if reports['RECEIVED'] != 1 else ''}"),
        ("Meetings", kinds["MET"], "#timeline", f"from {reports['MET']} "
         f"report{'s' if reports['MET'] != 1 else ''}"),
        ("Documents in error", len(data.errors), "#errors" if data.errors else "#summary", ""),
    ]
    return [
        {"name": name, "value": value, "href": href, "detail": detail,
         "alert": name.endswith("error") and value}
        for name, value, href, detail in items
    ]


def _asset(name: str) -> str:
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(data: ReportData) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cls"] = lambda value: re.sub(r"[^A-Za-z0-9_-]", "_", str(value))
    style, script = _asset("report.css"), _asset("report.js")
    rows = timeline(data)
    labels = sorted(
        {e.get("label", "") for e in data.entities if e.get("label")}
        | {m.get("label", "") for m in data.mentions if m.get("label")},
        key=lambda lab: (label_rank(lab), lab),
    )
    legend = [
        {"label": lab, "name": LABEL_NAMES.get(lab, lab.lower()), "colour": label_colour(lab)}
        for lab in (list(LABEL_ORDER) + [lab for lab in labels if lab not in LABEL_ORDER])
    ]
    page = environment.get_template(TEMPLATE).render(
        style=Markup(style),
        script=Markup(script),
        csp=(
            "default-src 'none'; img-src data:; "
            f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}"
        ),
        summary=summary(data),
        timeline=rows,
        countries=bar_chart(guest_countries(data, rows), "guest"),
        organisations=bar_chart(organisation_events(data), "event"),
        network=network(data),
        network_relations=[
            {"kind": kind, "name": RELATION_NAMES[kind], "colour": c, "dashed": d, "arrow": a}
            for kind, (c, d, a) in NETWORK_RELATIONS.items()
        ],
        legend=legend,
        entity_labels=labels,
        label_names=LABEL_NAMES,
        entities=entity_rows(data),
        documents=document_views(data),
        errors=data.errors,
    )
    return page


# ---------------------------------------------------------------------------- graphml


def graphml_bytes(data: ReportData) -> bytes:
    import networkx as nx

    graph = nx.MultiDiGraph()
    text_columns = ("name", "aliases", "ranks", "titles", "affiliations", "nationality", "doc_ids")
    for entity in data.entities:
        if not entity.get("entity_id"):
            continue
        attributes = {
            "label": entity.get("name", "") or entity["entity_id"],
            "entity_type": entity.get("label", ""),
        }
        for column in text_columns:
            attributes[column] = entity.get(column, "")
        attributes["n_mentions"] = integer(entity.get("n_mentions"), 0)
        attributes["n_docs"] = integer(entity.get("n_docs"), 0)
        for column in sorted(set(entity) - set(text_columns) - {"entity_id", "label",
                                                                "n_mentions", "n_docs"}):
            attributes[column] = entity[column]
        graph.add_node(entity["entity_id"], **attributes)
    edges = [r for r in data.relations if r.get("head_id") and r.get("tail_id")]
    for index, relation in enumerate(edges):
        for end in ("head", "tail"):
            node = relation[f"{end}_id"]
            if node not in graph:
                name = relation.get(end, "") or node
                graph.add_node(
                    node, label=name, entity_type="", name=name,
                    **{c: "" for c in text_columns if c != "name"}, n_mentions=0, n_docs=0,
                )
        confidence = number(relation.get("confidence"))
        extra = {} if confidence is None else {"confidence": round(confidence, 4)}
        graph.add_edge(
            relation["head_id"],
            relation["tail_id"],
            key=f"e{index}",
            type=relation.get("relation", ""),
            label=relation.get("relation", ""),
            date=relation.get("date", ""),
            place=relation.get("place", ""),
            doc_id=relation.get("doc_id", ""),
            evidence=relation.get("evidence", ""),
            **extra,
        )
    buffer = io.BytesIO()  # the ElementTree writer (not lxml's): the same bytes everywhere
    nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
    data = buffer.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"
