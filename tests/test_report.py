"""The report stage on small hand-made tables (no spaCy model): page content, escaping,
self-containment, GraphML, Parquet, determinism and the empty run."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from pipeline.report import TABLES, write_report

COLUMNS = {
    "mentions": ["doc_id", "start", "end", "text", "label", "entity_id"],
    "entities": [
        "entity_id", "label", "name", "aliases", "ranks", "titles", "affiliations",
        "nationality", "n_mentions", "n_docs", "doc_ids",
    ],
    "relations": [
        "doc_id", "relation", "head_id", "head", "tail_id", "tail", "date", "place", "evidence",
        "head_start", "head_end", "tail_start", "tail_end", "head_text", "tail_text",
        "confidence",
    ],
    "events": [
        "event_id", "doc_id", "type", "date", "place", "hosts", "guests", "attendees",
        "evidence", "host_ids", "guest_ids", "attendee_ids", "confidence",
    ],
    "errors": ["path", "stage", "reason"],
}

DOCUMENTS = {
    "000_irak": (
        "\n\nLa CIMCT reçoit le directeur du renseignement militaire irakien\n\n\n\n"
        "Riyad, 24-03-2022\n\n"
        "Le Secrétaire Général de la Coalition Islamique Militaire Contre le Terrorisme "
        "(CIMCT), le Major Général Mohammed bin Saeed Al-Moghidi, a reçu à Riyad le Major "
        "Général Zaid Hoshi Khalaf Wadi, Directeur du renseignement militaire de la République "
        "d'Irak.\n\nLe Major Général Zaid Wadi a salué les efforts de la Coalition.\n"
    ),
    "001_niger": (
        "Banjul, 03/8/2021\n\n"
        "Le ministre de la Défense du Niger, Alkassoum Indattou, a rencontré lundi à Banjul "
        "le Général Fayad bin Hamed Al-Ruwaili, en présence de Mohamed bin Saeed Al-Moghidi.\n"
    ),
    "002_script": (
        "Note <script>alert('pwned')</script> & \"quotes\" <b>bold</b>\n\n"
        "L'UNCCT a reçu le directeur Jehangir Khan à Riyad.\n"
    ),
}

ENTITIES = [
    # entity_id, label, name, aliases, ranks, titles, affiliations, nationality
    ("gpe:IQ", "GPE", "République d'Irak", "", "", "", "", ""),
    ("gpe:NE", "GPE", "Niger", "", "", "", "", ""),
    ("loc:banjul", "LOC", "Banjul", "", "", "", "", ""),
    ("loc:riyad", "LOC", "Riyad", "", "", "", "", ""),
    ("org:cimct", "ORG", "Coalition Islamique Militaire Contre le Terrorisme",
     "CIMCT|Coalition", "", "", "", ""),
    ("org:uncct", "ORG", "UNCCT", "", "", "", "", ""),
    ("person:al-moghidi", "PERSON", "Mohammed bin Saeed Al-Moghidi",
     "Mohamed bin Saeed Al-Moghidi", "Major Général", "Secrétaire Général",
     "Coalition Islamique Militaire Contre le Terrorisme", "Arabie saoudite"),
    ("person:al-ruwaili", "PERSON", "Fayad bin Hamed Al-Ruwaili", "", "Général", "", "", ""),
    ("person:indattou", "PERSON", "Alkassoum Indattou", "", "", "ministre de la Défense",
     "Niger", "Niger"),
    ("person:khan", "PERSON", "Jehangir Khan", "", "", "", "", ""),
    ("person:wadi", "PERSON", "Zaid Hoshi Khalaf Wadi", "Zaid Wadi", "Major Général",
     "Directeur du renseignement militaire", "République d'Irak", "Irak"),
]

# doc_id, text, label, entity_id, occurrence
MENTIONS = [
    ("000_irak", "CIMCT", "ORG", "org:cimct", 0),
    ("000_irak", "24-03-2022", "DATE", "", 0),
    ("000_irak", "Riyad", "LOC", "loc:riyad", 0),
    ("000_irak", "Secrétaire Général", "TITLE", "", 0),
    ("000_irak", "Coalition Islamique Militaire Contre le Terrorisme", "ORG", "org:cimct", 0),
    ("000_irak", "CIMCT", "ORG", "org:cimct", 1),
    ("000_irak", "Major Général", "RANK", "", 0),
    ("000_irak", "Mohammed bin Saeed Al-Moghidi", "PERSON", "person:al-moghidi", 0),
    ("000_irak", "Riyad", "LOC", "loc:riyad", 1),
    ("000_irak", "Major Général", "RANK", "", 1),
    ("000_irak", "Zaid Hoshi Khalaf Wadi", "PERSON", "person:wadi", 0),
    ("000_irak", "Directeur du renseignement militaire", "TITLE", "", 0),
    ("000_irak", "République d'Irak", "GPE", "gpe:IQ", 0),
    ("000_irak", "Major Général", "RANK", "", 2),
    ("000_irak", "Zaid Wadi", "PERSON", "person:wadi", 0),
    ("000_irak", "Coalition", "ORG", "org:cimct", 1),
    ("001_niger", "Banjul", "LOC", "loc:banjul", 0),
    ("001_niger", "03/8/2021", "DATE", "", 0),
    ("001_niger", "ministre de la Défense", "TITLE", "", 0),
    ("001_niger", "Niger", "GPE", "gpe:NE", 0),
    ("001_niger", "Alkassoum Indattou", "PERSON", "person:indattou", 0),
    ("001_niger", "lundi", "DATE", "", 0),
    ("001_niger", "Banjul", "LOC", "loc:banjul", 1),
    ("001_niger", "Général", "RANK", "", 0),
    ("001_niger", "Fayad bin Hamed Al-Ruwaili", "PERSON", "person:al-ruwaili", 0),
    ("001_niger", "Mohamed bin Saeed Al-Moghidi", "PERSON", "person:al-moghidi", 0),
    ("002_script", "UNCCT", "ORG", "org:uncct", 0),
    ("002_script", "Jehangir Khan", "PERSON", "person:khan", 0),
    ("002_script", "Riyad", "LOC", "loc:riyad", 0),
]


def find(doc_id: str, text: str, occurrence: int = 0) -> tuple[int, int]:
    document = DOCUMENTS[doc_id]
    start = -1
    for _ in range(occurrence + 1):
        start = document.index(text, start + 1)
    return start, start + len(text)


def sentence(doc_id: str, text: str) -> str:
    for part in re.split(r"(?<=[.!?])\s+|\n+", DOCUMENTS[doc_id]):
        if text in part:
            return " ".join(part.split())
    raise AssertionError(text)


def fake_tables() -> dict[str, pd.DataFrame]:
    """Tables shaped like aggregate.build_tables' output for DOCUMENTS."""
    mentions = []
    for doc_id, text, label, entity_id, occurrence in MENTIONS:
        start, end = find(doc_id, text, occurrence)
        mentions.append([doc_id, start, end, text, label, entity_id])
    mentions.sort(key=lambda row: (row[0], row[1]))
    names = {e[0]: e[2] for e in ENTITIES}
    counts: dict[str, set] = {}
    n_mentions: dict[str, int] = {}
    for row in mentions:
        if row[5]:
            counts.setdefault(row[5], set()).add(row[0])
            n_mentions[row[5]] = n_mentions.get(row[5], 0) + 1
    entities = []
    for entity in ENTITIES:
        docs = sorted(counts.get(entity[0], ()))
        entities.append([*entity, n_mentions.get(entity[0], 0), len(docs), "|".join(docs)])

    def relation(doc_id, kind, head_id, head_text, tail_id, tail_text, date, place, conf,
                 head_occurrence=0, tail_occurrence=0):
        head_start, head_end = find(doc_id, head_text, head_occurrence)
        tail_start, tail_end = find(doc_id, tail_text, tail_occurrence)
        return [
            doc_id, kind, head_id, names.get(head_id, head_text), tail_id,
            names.get(tail_id, tail_text), date, place, sentence(doc_id, head_text),
            head_start, head_end, tail_start, tail_end, head_text, tail_text, conf,
        ]

    relations = [
        relation("000_irak", "RECEIVED", "person:al-moghidi", "Mohammed bin Saeed Al-Moghidi",
                 "person:wadi", "Zaid Hoshi Khalaf Wadi", "2022-03-24", "Riyad", 0.9),
        relation("000_irak", "HAS_RANK", "person:al-moghidi", "Mohammed bin Saeed Al-Moghidi",
                 "", "Major Général", "2022-03-24", "Riyad", 0.95),
        relation("000_irak", "HAS_TITLE", "person:al-moghidi", "Mohammed bin Saeed Al-Moghidi",
                 "", "Secrétaire Général", "2022-03-24", "Riyad", 0.85),
        relation("000_irak", "HAS_RANK", "person:wadi", "Zaid Hoshi Khalaf Wadi",
                 "", "Major Général", "2022-03-24", "Riyad", 0.95, tail_occurrence=1),
        relation("000_irak", "AFFILIATED_WITH", "person:wadi", "Zaid Hoshi Khalaf Wadi",
                 "gpe:IQ", "République d'Irak", "2022-03-24", "Riyad", 0.8),
        relation("000_irak", "AFFILIATED_WITH", "person:al-moghidi",
                 "Mohammed bin Saeed Al-Moghidi", "org:cimct",
                 "Coalition Islamique Militaire Contre le Terrorisme", "2022-03-24", "Riyad", 0.8),
        relation("001_niger", "MET", "person:indattou", "Alkassoum Indattou",
                 "person:al-ruwaili", "Fayad bin Hamed Al-Ruwaili", "2021-08-02", "Banjul", 0.75),
        relation("001_niger", "ATTENDED", "person:al-moghidi", "Mohamed bin Saeed Al-Moghidi",
                 "person:indattou", "Alkassoum Indattou", "2021-08-02", "Banjul", 0.8),
        relation("001_niger", "AFFILIATED_WITH", "person:indattou", "Alkassoum Indattou",
                 "gpe:NE", "Niger", "2021-08-02", "Banjul", 0.8),
        relation("002_script", "RECEIVED", "org:uncct", "UNCCT", "person:khan", "Jehangir Khan",
                 "", "Riyad", 0.9),
    ]
    events = [
        ["000_irak#1", "000_irak", "RECEIVED", "2022-03-24", "Riyad",
         "Mohammed bin Saeed Al-Moghidi", "Zaid Hoshi Khalaf Wadi", "",
         sentence("000_irak", "Zaid Hoshi"), "person:al-moghidi", "person:wadi", "", 0.9],
        ["001_niger#1", "001_niger", "MET", "2021-08-02", "Banjul", "Alkassoum Indattou",
         "Fayad bin Hamed Al-Ruwaili", "Mohammed bin Saeed Al-Moghidi",
         sentence("001_niger", "Indattou"), "person:indattou", "person:al-ruwaili",
         "person:al-moghidi", 0.75],
        ["002_script#1", "002_script", "RECEIVED", "", "Riyad", "UNCCT", "Jehangir Khan", "",
         sentence("002_script", "Khan"), "org:uncct", "person:khan", "", 0.9],
    ]
    errors = [["corpus/broken.txt", "clean", "not a text document: NUL bytes"]]
    rows = {
        "mentions": mentions,
        "entities": entities,
        "relations": relations,
        "events": events,
        "errors": errors,
    }
    return {name: pd.DataFrame(rows[name], columns=COLUMNS[name]) for name in TABLES}


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: pd.DataFrame(columns=COLUMNS[name]) for name in TABLES}


class Collector(HTMLParser):
    """Every tag with its attributes, the text of <script> elements, the page's text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    write_report(fake_tables(), dict(DOCUMENTS), folder)
    return folder


@pytest.fixture(scope="module")
def page(output) -> str:
    return (output / "report.html").read_text(encoding="utf-8")


def test_writes_every_file(output):
    names = sorted(p.name for p in output.iterdir())
    assert names == sorted(
        ["report.html", "graph.graphml"] + [f"{name}.parquet" for name in TABLES]
    )


def test_page_shows_the_reception_with_ranks_titles_and_countries(page):
    text = " ".join(" ".join(parse(page).text).split())
    timeline = text[text.index("In date order") : text.index("Guests received, by country")]
    assert "Zaid Hoshi Khalaf Wadi" in timeline
    assert "Mohammed bin Saeed Al-Moghidi" in timeline
    assert "2022-03-24" in timeline and "Riyad" in timeline
    assert "Directeur du renseignement militaire" in timeline
    assert "Major Général" in timeline and "Irak" in timeline
    # the meeting and its attendee
    assert "Alkassoum Indattou" in timeline and "ministre de la Défense" in timeline
    # dated events first, in date order
    order = [timeline.index(t) for t in ("2021-08-02", "2022-03-24", "undated Reception")]
    assert order == sorted(order)


def test_page_links_events_and_entities_to_document_views(page):
    tags = parse(page).tags
    ids = {attrs["id"] for _, attrs in tags if "id" in attrs}
    links = [attrs["href"] for tag, attrs in tags if tag == "a" and "href" in attrs]
    for doc_id in DOCUMENTS:
        assert f"doc-{doc_id}" in ids
        assert f"#doc-{doc_id}" in links
    assert all(link[1:] in ids for link in links if link.startswith("#")), "dangling anchor"
    assert len(ids) == len([1 for _, attrs in tags if "id" in attrs]), "duplicate id"


def test_page_has_summary_entity_table_charts_network_and_highlights(page):
    collector = parse(page)
    text = " ".join(" ".join(collector.text).split())
    for value, name in [("3", "Documents"), ("5", "People"), ("2", "Organisations"),
                        ("2", "Countries"), ("2", "Receptions"), ("1", "Meetings"),
                        ("1", "Documents in error")]:
        assert f"{value} {name}" in text
    rows = [a for tag, a in collector.tags if tag == "tr" and "data-label" in a]
    assert len(rows) == len(ENTITIES)
    assert any(tag == "input" and a.get("id") == "entity-filter" for tag, a in collector.tags)
    assert "Mohamed bin Saeed Al-Moghidi" in text  # alias in the entity table
    assert len(collector.scripts) == 1 and "sortBy" in collector.scripts[0]
    svgs = [a for tag, a in collector.tags if tag == "svg"]
    assert len(svgs) == 3  # two charts and the network
    circles = [a for tag, a in collector.tags if tag == "circle"]
    assert len(circles) == 6  # Al-Moghidi, Wadi, Indattou, Al-Ruwaili, UNCCT, Khan
    marks = [a for tag, a in collector.tags if tag == "mark"]
    assert len(marks) == len(MENTIONS)
    assert {"entity ent-PERSON", "entity ent-RANK", "entity ent-TITLE"} <= {
        m["class"] for m in marks
    }
    assert "corpus/broken.txt" in text


def test_document_text_is_escaped(page):
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    collector = parse(page)
    assert sum(1 for tag, _ in collector.tags if tag == "script") == 1
    assert not any(tag == "b" for tag, _ in collector.tags)
    assert "<script>alert('pwned')</script>" in "".join(collector.text)


def test_hostile_entity_names_are_escaped(tmp_path):
    tables = fake_tables()
    tables["entities"].loc[0, "name"] = '<img src=x onerror="alert(1)">'
    tables["events"].loc[0, "place"] = "</td><script>x()</script>"
    write_report(tables, dict(DOCUMENTS), tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    tags = parse(page).tags
    assert not any(tag == "img" for tag, _ in tags)
    assert sum(1 for tag, _ in tags if tag == "script") == 1


def test_page_is_self_contained(page):
    collector = parse(page)
    for tag, attrs in collector.tags:
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href.startswith("data:"), (tag, href)
        assert tag not in {"iframe", "object", "embed", "img", "base"}
    assert "http://" not in page and "https://" not in page
    assert "@import" not in page and "url(http" not in page
    policy = next(a["content"] for t, a in collector.tags if a.get("http-equiv"))
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy


def test_csp_hashes_match_the_inline_script_and_style(page):
    import base64
    import hashlib
    import html

    policy = html.unescape(re.search(r'Security-Policy" content="([^"]+)"', page).group(1))
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_graphml_loads_back_with_nodes_and_edges(output):
    graph = nx.read_graphml(output / "graph.graphml", force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {e[0] for e in ENTITIES}
    wadi = graph.nodes["person:wadi"]
    assert wadi["label"] == "Zaid Hoshi Khalaf Wadi" and wadi["entity_type"] == "PERSON"
    assert wadi["ranks"] == "Major Général" and wadi["n_mentions"] == 2
    received = [
        d for u, v, d in graph.edges(data=True) if (u, v) == ("person:al-moghidi", "person:wadi")
    ]
    assert received == [
        {
            "type": "RECEIVED",
            "label": "RECEIVED",
            "date": "2022-03-24",
            "place": "Riyad",
            "doc_id": "000_irak",
            "evidence": sentence("000_irak", "Zaid Hoshi"),
            "confidence": 0.9,
        }
    ]
    kinds = sorted(d["type"] for _, _, d in graph.edges(data=True))
    # HAS_RANK and HAS_TITLE point at spans, not entities: node attributes instead
    assert kinds == ["AFFILIATED_WITH"] * 3 + ["ATTENDED", "MET", "RECEIVED", "RECEIVED"]


def test_parquet_round_trips(output):
    tables = fake_tables()
    for name in TABLES:
        back = pd.read_parquet(output / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, tables[name], check_dtype=False)
        assert list(back.columns) == COLUMNS[name]


def test_parquet_handles_nan_and_mixed_cells(tmp_path):
    tables = fake_tables()
    tables["entities"].loc[0, "aliases"] = math.nan
    tables["events"]["confidence"] = [0.9, "", None]
    write_report(tables, dict(DOCUMENTS), tmp_path)
    entities = pd.read_parquet(tmp_path / "entities.parquet")
    assert pd.isna(entities.loc[0, "aliases"]) and entities.loc[1, "aliases"] == ""
    assert len(pd.read_parquet(tmp_path / "events.parquet")) == 3


def test_two_runs_are_byte_identical(tmp_path, output):
    write_report(fake_tables(), dict(reversed(list(DOCUMENTS.items()))), tmp_path)
    for path in sorted(output.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary left"


def test_nan_cells_render_like_empty_ones(tmp_path, page):
    tables = fake_tables()
    for frame in tables.values():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(lambda v: math.nan if v == "" else v)
    write_report(tables, dict(DOCUMENTS), tmp_path)
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == page


def test_a_run_where_every_document_failed_still_gives_a_page(tmp_path):
    tables = empty_tables()
    tables["errors"] = pd.DataFrame(
        [["in/a.txt", "clean", "binary file"], ["in/b.txt", "read", "permission denied"]],
        columns=COLUMNS["errors"],
    )
    write_report(tables, {}, tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    collector = parse(page)
    text = " ".join(" ".join(collector.text).split())
    assert "0 Documents" in text and "2 Documents in error" in text
    assert "No reception or meeting was found." in text
    assert "in/b.txt" in text and "permission denied" in text
    assert page.rstrip().endswith("</html>")
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert graph.number_of_nodes() == 0
    for name in TABLES:
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert list(back.columns) == COLUMNS[name]


def test_completely_empty_input(tmp_path):
    write_report({}, {}, tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "No document was processed." in page


def test_bad_offsets_and_overlaps_do_not_break_the_view(tmp_path):
    tables = fake_tables()
    extra = pd.DataFrame(
        [
            ["000_irak", 5, 9999, "x", "ORG", ""],  # past the end
            ["000_irak", 7, 12, "IMCT ", "ORG", ""],  # overlaps CIMCT
            ["000_irak", math.nan, 3, "y", "ORG", ""],
        ],
        columns=COLUMNS["mentions"],
    )
    tables["mentions"] = pd.concat([tables["mentions"], extra], ignore_index=True)
    write_report(tables, {"000_irak": DOCUMENTS["000_irak"]}, tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "The text of this document is not available." in page  # 001 and 002 have no text
    marks = [a for tag, a in parse(page).tags if tag == "mark"]
    assert len(marks) == sum(1 for m in MENTIONS if m[0] == "000_irak")


def test_evidence_marks_the_occurrence_the_offsets_point_at():
    from pipeline.report import evidence_pieces

    evidence = "le Major Général A a reçu le Major Général B."
    # B's rank: the tail starts 14 characters before the head in the document
    pieces = evidence_pieces(evidence, "B", "Major Général", gap=-14)
    assert "".join(p["text"] for p in pieces) == evidence
    position, marked = 0, {}
    for piece in pieces:
        if piece["role"]:
            marked[piece["role"]] = position
        position += len(piece["text"])
    assert marked == {"tail": evidence.rindex("Major Général"), "head": evidence.rindex("B")}
