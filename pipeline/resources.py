"""Project data files under `models/`: where they are, how to read them, and their fingerprint.

In:  the JSONL lists of `models/` (ranks, titles, honorifics, countries, places, organisations,
     boilerplate, triggers, date patterns, ...).
Out: parsed lists (cached per process) and a hash of every file, which keys incremental runs.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MODELS_DIR = PACKAGE_DIR.parent / "models"
# Particles inside personal names: kept inside a PERSON span, set aside when names are compared.
NAME_PARTICLES = frozenset(
    "bin ben ibn bint binti ould ag al el abu abou de du da dos van von der ter".split()
)


def read_jsonl(name: str, directory: Path | None = None) -> list[dict]:
    """Read `models/NAME` (one JSON object per line); a missing file reads as empty."""
    path = (directory or MODELS_DIR) / name
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{line_number}: invalid JSON: {error.msg}") from error
    return rows


@cache
def load(name: str) -> tuple[dict, ...]:
    return tuple(read_jsonl(name))


# letters that Unicode does not decompose into a base letter and an accent (Vietnamese `Đ`,
# Polish `ł`, Nordic `ø`, Turkish dotless `ı`): one letter each, so lengths are kept
UNDECOMPOSED_LETTERS = str.maketrans("đĐðÐłŁøØıħĦ", "dDdDlLoOihH")


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text).translate(UNDECOMPOSED_LETTERS)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain(text: str) -> str:
    """A written form compared without accents, case, hyphens or apostrophes
    (`Lieutenant-Général` = `lieutenant général`)."""
    return " ".join(strip_accents(text).lower().replace("'", " ").replace("-", " ").split())


@lru_cache(maxsize=1)
def countries() -> tuple[dict, ...]:
    return load("countries.jsonl")


@lru_cache(maxsize=1)
def country_by_name() -> dict[str, str]:
    """Lowercased, accent-less country name -> ISO code."""
    table = {}
    for country in countries():
        for name in country.get("names", []):
            table.setdefault(strip_accents(name).lower(), country["code"])
    return table


@lru_cache(maxsize=1)
def country_by_demonym() -> dict[str, str]:
    table = {}
    for country in countries():
        for demonym in country.get("demonyms", []):
            table.setdefault(strip_accents(demonym).lower(), country["code"])
    return table


def demonym_country(word: str) -> str | None:
    """The ISO code of the country a demonym names (`burkinabè`: BF), accents and case
    ignored; None for any other word."""
    return country_by_demonym().get(strip_accents(word).lower())


@lru_cache(maxsize=1)
def country_display_name() -> dict[str, str]:
    """ISO code -> the country's French short name (its first listed name)."""
    return {c["code"]: c["names"][0] for c in countries() if c.get("names")}


@lru_cache(maxsize=1)
def words(name: str, key: str = "word") -> frozenset[str]:
    return frozenset(row[key] for row in load(name))


def fingerprint() -> str:
    """Hash of the code of the package and of every data file: changes when results may."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")) + sorted(MODELS_DIR.glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


COUNTRY_NAME_WORDS = 4  # longest country name or demonym looked up in a name


@lru_cache(maxsize=65536)
def countries_named_in(name: str) -> frozenset[str]:
    """ISO codes of the countries a name names: the whole name as a country's name (`São
    Tomé-et-Príncipe`), else runs of up to four words looked up in the country names and
    demonyms of `models/countries.jsonl` (`Armée de terre du Sénégal`, `Forces armées
    tunisiennes`), a longer run before the words inside it (`Guinée équatoriale` is not
    also `Guinée`)."""
    lower = strip_accents(name).lower()
    names, demonyms = country_by_name(), country_by_demonym()
    if lower.strip() in names:
        return frozenset([names[lower.strip()]])
    words = [w for w in re.split(r"[^a-z0-9]+", lower) if w]
    found, covered = set(), set()
    for size in range(COUNTRY_NAME_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            positions = set(range(start, start + size))
            run = " ".join(words[start : start + size])
            code = names.get(run) or demonyms.get(run)
            if code and not positions <= covered and (size > 1 or len(run) > 3):
                found.add(code)  # `EAU`-like short names alone: too ambiguous
                covered |= positions
    return frozenset(found)
