"""French dates of the genre -> ISO 8601.

In:  a date's text (`jeudi 24/3/2022`, `03/08/2021`, `24-03-2022`, `le 5 mai 2024`,
     `1er juin 2023`, `lundi`) and optionally a reference date (the dateline's).
Out: `YYYY-MM-DD`, or None when the text names no single day.

Day first is the rule. A bare weekday resolves to the latest such day on or before the
reference (a communiqué reports what happened), and to None without a reference. A day and
month without a year take the reference's year. Other forms fall back to `dateparser`
(French, DMY, strict), which only ever sees text with a year, so results never depend on the
clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .resources import strip_accents

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "janv": 1,
    "fevr": 2,
    "fev": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
ACCENTED_MONTHS = {"février": 2, "août": 8, "décembre": 12, "févr": 2, "fév": 2, "déc": 12}
WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
MONTH_PATTERN = "|".join(sorted({**MONTHS, **ACCENTED_MONTHS}, key=len, reverse=True))
NUMERIC = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")  # `le 24/9`: the reference's year
TEXTUAL = re.compile(rf"\b(\d{{1,2}})\s*(?:er|e|eme)?\s+({MONTH_PATTERN})\.?(?:\s+(\d{{4}}))?\b")
# `les 25 et 26 septembre 2025`, `11-13 mars`: two days or a span of one month, its first day
DAY_PAIR = re.compile(
    rf"\b(\d{{1,2}})(?:er)?\s*(?:et|&|-|–|au)\s*\d{{1,2}}(?:er)?\s+({MONTH_PATTERN})\.?"
    rf"(?:\s+(\d{{4}}))?\b"
)
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, reference: date | None = None) -> str | None:
    found = parse_to_date(text, reference)
    return found.isoformat() if found else None


# counted back from the reference date; `ce matin` is the dateline's own day
RELATIVE_DAYS = {"hier": 1, "avant-hier": 2, "aujourd'hui": 0, "ce matin": 0,
                 "cet après-midi": 0, "ce soir": 0}


@lru_cache(maxsize=4096)
def parse_to_date(text: str, reference: date | None = None) -> date | None:
    plain = strip_accents(text).lower().replace("’", "'")
    relative = {strip_accents(k): v for k, v in RELATIVE_DAYS.items()}
    if plain in relative:
        return reference - timedelta(days=relative[plain]) if reference else None
    match = ISO.search(plain)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]))
    match = NUMERIC.search(plain)
    if match:
        return _make(int(match[3]), int(match[2]), int(match[1]))
    match = DAY_MONTH.match(plain)
    if match:
        return _make(reference.year, int(match[2]), int(match[1])) if reference else None
    match = DAY_PAIR.search(plain) or TEXTUAL.search(plain)
    if match:
        if match[3]:
            return _make(int(match[3]), MONTHS[match[2]], int(match[1]))
        if reference:
            return _make(reference.year, MONTHS[match[2]], int(match[1]))
        return None
    match = WEEKDAY.search(plain)
    if match and reference:
        back = (reference.weekday() - WEEKDAYS[match[1]]) % 7
        return reference - timedelta(days=back)
    if re.search(r"\d{4}", plain) and re.search(r"\d{1,2}\D", plain):
        return _dateparser(text)
    return None


def parse_date_near(text: str, anchor: date) -> str | None:
    """A date of a story with no dateline or page date, read against the story's own first
    full date: a bare weekday is the nearest such day (`Mardi 11 mars ... Jeudi, il a
    visité` is the 13th, `Lundi` the 10th), a day and month take the anchor's year."""
    plain = strip_accents(text).lower()
    match = WEEKDAY.search(plain)
    if match and not re.search(r"\d", plain):
        ahead = (WEEKDAYS[match[1]] - anchor.weekday()) % 7
        return (anchor + timedelta(days=ahead if ahead <= 3 else ahead - 7)).isoformat()
    return parse_date(text, anchor)


def _dateparser(text: str) -> date | None:
    import dateparser

    settings = {
        "DATE_ORDER": "DMY",
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    parsed = dateparser.parse(text, languages=["fr"], settings=settings)
    return parsed.date() if parsed else None
