"""Stage 2, segment: cleaned text -> headline, dateline, publication date, paragraphs.

In:  a `CleanDocument`'s text (paragraphs separated by a blank line; a line that is only a
     date is a paragraph of its own).
Out: `Segments` with character spans into the cleaned text:
     - the page dates: paragraphs that are only a date, with or without a label and a time
       (`vendredi 12 décembre 2025`, `12/12/2025`, `Publié le 12 décembre 2025 à 10h32`,
       `Mis à jour le ...`). The first one is the publication date, else the first `publié
       le DATE` / `mis en ligne le DATE` anywhere. Page dates are neither headline nor
       dateline, wherever they stand;
     - the headline: the first other paragraph when it reads as a title (short, no final full
       stop, not a dateline, more text after it);
     - the dateline, in one of the first four other paragraphs after the headline, alone or
       opening the paragraph, with its place and ISO date: `Riyad, 24-03-2022`, `Riyad –
       03/8/2021`, `Nouakchott (Mauritanie), le 2 février 2022`, `Gaborone, Botswana, le 25 février
       2025 –`, `NOUAKCHOTT, 12 mars (AMI) -`
       (a date without a year takes the publication date's year). The first of these
       paragraphs may also hold a dateline without a date, `Rabat – Le ...` (capitalised
       place, then a dash and a capital);
     - every paragraph, and the sentence boundaries this stage imposes (paragraph starts and
       the dateline's end). Sentences are cut by the parser in the NLP stage.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache

from .dates import MONTH_PATTERN, parse_date
from .resources import words

WEEKDAY_PATTERN = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DATE_PATTERN = (
    rf"(?:(?:{WEEKDAY_PATTERN})\s+)?(?:\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{2,4}}"
    rf"|\d{{1,2}}(?:er)?\s+(?:{MONTH_PATTERN})\.?\s+\d{{4}})"
)
DAY_AND_MONTH = (
    rf"(?:(?:{WEEKDAY_PATTERN})\s+)?\d{{1,2}}(?:er)?\s+(?:{MONTH_PATTERN})\b\.?(?!\s*\d)"
)
PAGE_DATE_LABEL = (
    r"(?:publi[ée]+|mis\s+en\s+ligne|mis\s+à\s+jour|actualis[ée]+|modifi[ée]+|post[ée]+"
    r"|date(?:\s+de\s+publication)?)\b"
)
CLOCK = (
    r"(?:\s*(?:à|[,–—|-])?\s*[\[(]?\d{1,2}\s*[h:]\s*(?:\d{2})?(?:\s*min)?"
    r"(?:\s*(?:GMT|UTC))?[\])]?)"
)
PAGE_DATE_PART = (
    rf"(?:{PAGE_DATE_LABEL}\s*(?:le\b)?\s*:?\s*|le\s+)?"
    rf"({DATE_PATTERN}|\d{{4}}-\d{{2}}-\d{{2}}){CLOCK}?"
)
PAGE_DATE = re.compile(
    rf"{PAGE_DATE_PART}(?:\s*[|·•,–—-]?\s*{PAGE_DATE_PART})?\s*\.?"
    r"(?:\s*[|·•]\s*[A-ZÀ-ÖØ-Þ][\w'’\- ]{0,30})?",  # `08.04.2025 17:42 | Défense`: a rubric
    re.IGNORECASE,
)
NOT_A_PLACE = (
    rf"(?:{WEEKDAY_PATTERN})\b|(?:le|la|les)\s+(?:\d|(?:{WEEKDAY_PATTERN})\b)|{PAGE_DATE_LABEL}"
    r"|(?:à|au|aux|en|dans|dès|depuis|lors)\s"  # `À Doha, lundi 2 juin, il a été accueilli`
)
PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\w'\-]*"
PLACE = rf"{PLACE_WORD}(?:[ \-](?:{PLACE_WORD}|d[eu']|de la|el|al))*"
DATELINE = re.compile(
    rf"(?!{NOT_A_PLACE})(?P<place>{PLACE})"
    rf"(?:\s*\((?P<region>[^)]{{1,40}})\)|\s*,\s*(?!{NOT_A_PLACE}){PLACE}(?=\s*,))?"
    rf"\s*(?:[,–—:\-]\s*)?(?:le\s+)?(?P<date>{DATE_PATTERN}|{DAY_AND_MONTH})"
    rf"(?P<agency>\s*\([^()]{{1,20}}\))?"
    rf"(?P<tail>\s*(?:[,–—:\-]|\.\s*[–—-]|\.(?=\s)|$)|(?<=\))\s+(?=[A-ZÀ-ÖØ-Þ]))",
    re.IGNORECASE,
)
# Case-sensitive: capitalised words that are not an article, a pronoun or an honorific.
NOT_A_PLACE_NAME = r"(?:Le|La|Les|Un|Une|Des|Du|De|Son|Sa|Ses|Ce|Cette|Il|Elle|Au|Aux|En|Mme)\b"
UNDATED_DATELINE = re.compile(
    rf"(?!{NOT_A_PLACE_NAME}|L')"
    rf"(?P<place>{PLACE_WORD}(?:[ \-](?:{PLACE_WORD}|d[eu']|de la)){{0,3}})"
    r"(?P<agency>\s*\([^()]{1,40}\))?\s+[–—-]\s+(?=[A-ZÀ-ÖØ-Þ«])"
)
# `Le 8 octobre 2025 – Ottawa (Ontario) – Affaires mondiales Canada`: a paragraph of its own
DATE_FIRST_DATELINE = re.compile(
    rf"(?:le\s+)?(?P<date>{DATE_PATTERN})\s*[–—-]\s*(?P<place>{PLACE})"
    rf"(?:\s*\([^)]{{1,40}}\))?(?:\s*[–—-]\s*[^\n–—]{{1,60}})?\s*",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    rf"(?:publi[ée]+|mis en ligne)\s+le\s*:?\s*(?P<date>{DATE_PATTERN})", re.IGNORECASE
)
HEADLINE_MAX = 300
DATELINE_WINDOW = 4


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


def is_page_date(text: str) -> bool:
    """A line or paragraph that is only a date, with its label and time if any."""
    return PAGE_DATE.fullmatch(text) is not None


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for piece in text.split("\n\n"):
        if piece.strip():
            spans.append((start, start + len(piece)))
        start += len(piece) + 2
    return spans


def find_publication_date(text: str, page_dates: list[tuple[int, int]]) -> str | None:
    """The first page date's date, else the first `publié le DATE` of the text."""
    for start, end in page_dates:
        if found := parse_date(PAGE_DATE.fullmatch(text, start, end).group(1)):
            return found
    published = PUBLISHED.search(text)
    return parse_date(published.group("date")) if published else None


def find_dateline(
    text: str, paragraphs: list[tuple[int, int]], publication_date: str | None = None
) -> Dateline | None:
    reference = date.fromisoformat(publication_date) if publication_date else None
    for number, (start, end) in enumerate(paragraphs[:DATELINE_WINDOW]):
        if (
            (match := DATELINE.match(text, start, end))
            and not names_an_office(match["place"])
            and plausible_place(match["place"])
        ):
            return dated_dateline(match, reference)
        if match := DATE_FIRST_DATELINE.fullmatch(text, start, end):
            place = match["place"]
            return Dateline(
                start, end, place, match.start("place"), match.end("place"), match["date"],
                parse_date(match["date"], reference), match.start("date"), match.end("date"),
            )
        if number == 0 and (match := UNDATED_DATELINE.match(text, start, end)):
            return undated_dateline(match)
    return None


def plausible_place(place: str) -> bool:
    """A dateline's place has a few words, two at most after an article (`Le Caire`, `La
    Havane`), never a clause (`Le Quartier Général de l'Armée de l'Air a reçu la visite`)."""
    words = place.split()
    return len(words) <= 5 and (words[0].lower() not in ("le", "la", "les") or len(words) <= 2)


def names_an_office(place: str) -> bool:
    """`Le Président, le 3 mai 2024, a reçu ...` opens with a subject, not a place (`Le
    Caire`, `La Paz` are places)."""
    first, _, rest = place.partition(" ")
    return first.lower() in ("le", "la", "les") and rest.split(" ")[0].lower() in office_words()


@lru_cache(maxsize=1)
def office_words() -> frozenset[str]:
    """The first word of every title and rank of `models/` (`président`, `général`)."""
    patterns = words("titles.jsonl", "pattern") | words("ranks.jsonl", "pattern")
    return frozenset(p.split(" ")[0].lower() for p in patterns)


def dated_dateline(match: re.Match, reference: date | None) -> Dateline:
    place = match.group("place").strip()
    date_text = match.group("date")
    end = match.end("agency") if match.group("agency") else match.end("date")
    if match.group("tail").strip() == ".":
        end += 1
    return Dateline(
        match.start(),
        end,
        place,
        match.start("place"),
        match.start("place") + len(place),
        date_text,
        parse_date(date_text, reference),
        match.start("date"),
        match.end("date"),
    )


def undated_dateline(match: re.Match) -> Dateline:
    end = match.end("agency") if match.group("agency") else match.end("place")
    place = match.group("place")
    return Dateline(
        match.start(), end, place, match.start(), match.end("place"), "", None, end, end
    )


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
    page_dates = [(start, end) for start, end in paragraphs if is_page_date(text[start:end])]
    story = [p for p in paragraphs if p not in page_dates]
    publication_date = find_publication_date(text, page_dates)
    headline = story[0] if looks_like_headline(text, story) else None
    dateline = find_dateline(text, story[1:] if headline else story, publication_date)
    boundaries = sorted(
        {start for start, _ in paragraphs} | ({dateline.end} if dateline else set())
    )
    return Segments(paragraphs, headline, dateline, publication_date, boundaries)
