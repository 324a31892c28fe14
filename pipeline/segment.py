"""Stage 2, segment: cleaned text -> headline, dateline, paragraphs.

In:  a `CleanDocument` (paragraphs separated by a blank line).
Out: `Segments` with character spans into the cleaned text: the headline (the first
     paragraph when it reads as a title: short, no final full stop, more text after it), the
     dateline (`Riyad, 24-03-2022`, `Riyad – 03/8/2021`, `Nouakchott (Mauritanie), le 2
     février 2022`, alone or opening a paragraph) with its place and ISO date, a
     publication date (`Publié le ...`), and every paragraph. Sentences are cut by the
     parser in the NLP stage, which this stage's boundaries constrain.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .dates import MONTH_PATTERN, parse_date

WEEKDAY_PATTERN = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DATE_PATTERN = (
    rf"(?:(?:{WEEKDAY_PATTERN})\s+)?(?:\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{2,4}}"
    rf"|\d{{1,2}}(?:er)?\s+(?:{MONTH_PATTERN})\s+\d{{4}})"
)
PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w'\-]*"
DATELINE = re.compile(
    rf"(?P<place>{PLACE_WORD}(?:[ \-](?:{PLACE_WORD}|d[eu']|de la|el|al))*)"
    rf"(?:\s*\((?P<region>[^)]{{1,40}})\))?"
    rf"\s*(?:[,–—:\-]\s*)?(?:le\s+)?(?P<date>{DATE_PATTERN})"
    rf"(?P<tail>\s*(?:[,–—:\-]|\.(?=\s)|$))",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    rf"(?:publi[ée]+|mis en ligne)\s+le\s*:?\s*(?P<date>{DATE_PATTERN})", re.IGNORECASE
)
HEADLINE_MAX = 300


@dataclass
class Dateline:
    start: int
    end: int
    place: str
    place_start: int
    place_end: int
    date_text: str
    date: str | None
    date_start: int
    date_end: int


@dataclass
class Segments:
    paragraphs: list[tuple[int, int]]
    headline: tuple[int, int] | None = None
    dateline: Dateline | None = None
    publication_date: str | None = None
    boundaries: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Segments:
        dateline = Dateline(**data["dateline"]) if data.get("dateline") else None
        return cls(
            [tuple(p) for p in data["paragraphs"]],
            tuple(data["headline"]) if data.get("headline") else None,
            dateline,
            data.get("publication_date"),
            list(data.get("boundaries", [])),
        )

    @property
    def reference_date(self) -> str | None:
        return (self.dateline.date if self.dateline else None) or self.publication_date


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for piece in text.split("\n\n"):
        if piece.strip():
            spans.append((start, start + len(piece)))
        start += len(piece) + 2
    return spans


def find_dateline(text: str, paragraphs: list[tuple[int, int]]) -> Dateline | None:
    for start, end in paragraphs[:4]:
        match = DATELINE.match(text, start, end)
        if not match:
            continue
        place = match.group("place").strip()
        date_text = match.group("date")
        return Dateline(
            start,
            match.end("date") + (1 if match.group("tail").strip() == "." else 0),
            place,
            match.start("place"),
            match.start("place") + len(place),
            date_text,
            parse_date(date_text),
            match.start("date"),
            match.end("date"),
        )
    return None


def looks_like_headline(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    if len(paragraphs) < 2:
        return False
    start, end = paragraphs[0]
    first = text[start:end]
    return (
        len(first) <= HEADLINE_MAX
        and not first.rstrip().endswith(".")
        and not DATELINE.match(first)
    )


def segment(text: str) -> Segments:
    paragraphs = paragraph_spans(text)
    headline = paragraphs[0] if looks_like_headline(text, paragraphs) else None
    dateline = find_dateline(text, paragraphs[1:] if headline else paragraphs)
    published = PUBLISHED.search(text)
    publication_date = parse_date(published.group("date")) if published else None
    boundaries = sorted(
        {start for start, _ in paragraphs} | ({dateline.end} if dateline else set())
    )
    return Segments(paragraphs, headline, dateline, publication_date, boundaries)
