"""Build models/countries.jsonl from pycountry and scripts/country_additions.json.

In:  pycountry's ISO 3166-1 list with its French names (gettext domain "iso3166-1",
     language "fr"), and the hand-curated scripts/country_additions.json (press forms,
     display names, demonyms, capitals, names to drop).
Out: models/countries.jsonl, one country a line, sorted by code:
     {"code": "IQ", "names": [...], "demonyms": [...], "capital": "Bagdad"}
     names[0] is the display name; the other names follow in a fixed order. The output is
     deterministic: running the script twice gives identical bytes.

Usage: python scripts/build_countries.py [--check]   (--check: fail if the file would change)
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
import unicodedata
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
ADDITIONS = Path(__file__).resolve().parent / "country_additions.json"
OUTPUT = ROOT / "models" / "countries.jsonl"

# words that, after "X, ", mean pycountry inverted the name ("Corée, République de")
INVERTED_HEADS = ("île", "îles", "république", "fédération", "état", "états", "royaume")
# state-form prefix -> grammatical gender of the demonym that follows it
STATE_FORMS = {"République": "f", "Principauté": "f", "Royaume": "m", "Sultanat": "m"}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_name(name: str) -> str:
    """Turn pycountry's catalogue forms into running-text forms.

    "Iran, République islamique d'" -> "République islamique d'Iran";
    "Cocos (Keeling), Îles" -> "Îles Cocos"; "Taïwan, province de Chine" -> "Taïwan";
    "L'État d'Érythrée" -> "État d'Érythrée".
    """
    name = name.replace("\u2019", "'").strip()
    while "(" in name and ")" in name:
        start, end = name.index("("), name.index(")")
        name = (name[:start] + name[end + 1 :]).replace("  ", " ").strip()
        name = name.replace(" ,", ",")
    if ", " in name:
        base, rest = name.split(", ", 1)
        if rest.split(" ")[0].lower() in INVERTED_HEADS:
            joiner = "" if rest.endswith("'") else " "
            name = rest + joiner + base
            name = name[0].upper() + name[1:]
        else:
            name = base
    if name.startswith(("L'", "l'")):
        name = name[2:]
        name = name[0].upper() + name[1:]
    return name.strip()


def inflect(masculine: str, irregular: dict[str, list[str]]) -> list[str]:
    """Masculine singular demonym -> [m. sg., f. sg., m. pl., f. pl.]."""
    if masculine in irregular:
        return list(irregular[masculine])
    if masculine.endswith(("en", "on")):
        feminine = masculine + "ne"
    elif masculine.endswith("e"):
        feminine = masculine
    else:
        feminine = masculine + "e"
    plural = masculine if masculine.endswith(("s", "x", "z")) else masculine + "s"
    return [masculine, feminine, plural, feminine + "s"]


def capitals(text: str) -> set[int]:
    return {i for i, ch in enumerate(text) if ch.isupper()}


def dedupe_names(names: list[str]) -> list[str]:
    """Drop repeats, accent-less spellings of a listed accented name (the loader adds
    accent-less variants itself), and any name, other than the display name, covered by a
    less capitalised spelling of it (the loader matches lowercase words case-insensitively,
    so "Arabie saoudite" covers "Arabie Saoudite")."""
    unique = []
    for name in names:
        if name and name not in unique:
            unique.append(name)
    stripped = {strip_accents(name) for name in unique if strip_accents(name) != name}
    result = []
    for index, name in enumerate(unique):
        folded = strip_accents(name).casefold()
        covered = name in stripped or any(
            other is not name
            and strip_accents(other).casefold() == folded
            and capitals(other) < capitals(name)
            for other in unique
        )
        if index == 0 or not covered:
            result.append(name)
    return result


def french_names() -> dict[str, list[str]]:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    table = {}
    for country in pycountry.countries:
        forms = [country.name]
        for attribute in ("official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                forms.append(value)
        table[country.alpha_2] = [clean_name(translation.gettext(form)) for form in forms]
    return table


def build() -> list[dict]:
    additions = json.loads(ADDITIONS.read_text(encoding="utf-8"))
    irregular = additions["_inflections"]
    territories = set(additions["_territories"])
    no_republic_adjective = set(additions["_no_republic_adjective"])
    no_state_adjective = set(additions["_no_state_adjective"])
    curated = additions["countries"]
    iso = french_names()
    rows = []
    for code in sorted(set(iso) | set(curated)):
        extra = curated.get(code, {})
        pycountry_names = iso.get(code, [])
        display = extra.get("display") or (pycountry_names[0] if pycountry_names else None)
        names = [display, *pycountry_names, *extra.get("names", [])]
        demonyms = []
        for masculine in extra.get("demonyms", []):
            demonyms += inflect(masculine, irregular)
        if demonyms and code not in territories:
            masculine, feminine = demonyms[0], demonyms[1]
            if code not in no_state_adjective:
                names.append(f"État {masculine}")
            for prefix, gender in STATE_FORMS.items():
                if prefix == "République" and code in no_republic_adjective:
                    continue
                if any(name and name.startswith(prefix + " ") for name in names):
                    names.append(f"{prefix} {feminine if gender == 'f' else masculine}")
        excluded = set(extra.get("exclude", []))
        names = dedupe_names([n for n in names if n and n not in excluded])
        unique_demonyms = [d for d in dedupe_names(demonyms) if d]
        rows.append(
            {
                "code": code,
                "names": names,
                "demonyms": unique_demonyms,
                "capital": extra.get("capital"),
            }
        )
    check_unique(rows)
    return rows


def check_unique(rows: list[dict]) -> None:
    """A name or demonym must point to one country only."""
    for field in ("names", "demonyms"):
        owner: dict[str, str] = {}
        for row in rows:
            for value in row[field]:
                key = strip_accents(value).casefold()
                if key in owner and owner[key] != row["code"]:
                    raise SystemExit(
                        f"{field[:-1]} {value!r} given to both {owner[key]} and {row['code']}"
                    )
                owner[key] = row["code"]


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    arguments = parser.parse_args()
    text = render(build())
    if arguments.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10))} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
