"""Inline gold markup -> BRAT standoff.

In:  a folder of `*.txt` files written in the inline markup of `docs/annotation.md`
     (`{LABEL#id text}` spans, then a line `===` and one relation `TYPE head tail` per line).
     A relation line may end with `key=value` notes (`RECEIVED p1 p2 date=2024-05-03`): they
     become a BRAT `AnnotatorNotes` line on that relation (`date=2024-05-03`).
Out: for each file, a plain `NAME.txt` (the markup removed) and `NAME.ann` (BRAT `T`, `R` and
     `#` lines) under the output folder, at the same relative path.

Usage: python -m pipeline.markup SRC_DIR DEST_DIR
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

SPAN_OPEN = re.compile(r"\{([A-Z]+)(?:#([\w-]+))?\s")
RELATION_SEPARATOR = "==="


class MarkupError(ValueError):
    """A markup file that cannot be converted; the message names the file and the place."""


@dataclass(frozen=True)
class MarkedSpan:
    label: str
    start: int
    end: int
    text: str
    local_id: str | None


def parse_markup(markup: str, name: str = "<markup>") -> tuple[str, list[MarkedSpan], list]:
    """Return (plain text, spans, relations as (type, head_local_id, tail_local_id, notes)),
    where notes is the relation's `key=value` words joined by a space ('' when none)."""
    body, _, relation_block = markup.partition("\n" + RELATION_SEPARATOR + "\n")
    if relation_block == "" and markup.rstrip().endswith(RELATION_SEPARATOR):
        body = markup.rstrip()[: -len(RELATION_SEPARATOR)].rstrip("\n")
    out: list[str] = []
    spans: list[MarkedSpan] = []
    position = 0
    plain_length = 0
    while True:
        match = SPAN_OPEN.search(body, position)
        if match is None:
            break
        close = body.find("}", match.end())
        if close < 0:
            raise MarkupError(f"{name}: span opened at character {match.start()} is not closed")
        inner = body[match.end():close]
        if "{" in inner:
            raise MarkupError(f"{name}: nested span at character {match.start()}")
        out.append(body[position:match.start()])
        plain_length += match.start() - position
        spans.append(MarkedSpan(match.group(1), plain_length, plain_length + len(inner), inner,
                                match.group(2)))
        out.append(inner)
        plain_length += len(inner)
        position = close + 1
    out.append(body[position:])
    text = "".join(out)
    if "{" in body[position:] or "}" in body[position:]:
        raise MarkupError(f"{name}: stray brace after the last span")
    relations = []
    for line_number, line in enumerate(relation_block.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split()
        notes = parts[3:]
        if len(parts) < 3 or not all(re.fullmatch(r"\w+=\S+", note) for note in notes):
            raise MarkupError(
                f"{name}: relation line {line_number} needs TYPE HEAD TAIL [key=value ...]: "
                f"{line!r}"
            )
        relations.append((*parts[:3], " ".join(notes)))
    return text, spans, relations


def to_brat(spans: list[MarkedSpan], relations: list, name: str = "<markup>") -> str:
    """Render spans and relations as BRAT standoff lines."""
    lines = []
    brat_id = {}
    for number, span in enumerate(spans, 1):
        if span.local_id:
            if span.local_id in brat_id:
                raise MarkupError(f"{name}: span id {span.local_id!r} used twice")
            brat_id[span.local_id] = f"T{number}"
        lines.append(f"T{number}\t{span.label} {span.start} {span.end}\t{span.text}")
    notes = []
    for number, (relation, head, tail, *note) in enumerate(relations, 1):
        for local in (head, tail):
            if local not in brat_id:
                raise MarkupError(f"{name}: relation {relation} uses unknown span id {local!r}")
        lines.append(f"R{number}\t{relation} Arg1:{brat_id[head]} Arg2:{brat_id[tail]}")
        if note and note[0]:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes R{number}\t{note[0]}")
    lines += notes
    return "\n".join(lines) + ("\n" if lines else "")


def convert_tree(source: Path, destination: Path) -> int:
    count = 0
    for path in sorted(source.rglob("*.txt")):
        relative = path.relative_to(source)
        text, spans, relations = parse_markup(path.read_text(encoding="utf-8"), str(path))
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        target.with_suffix(".ann").write_text(to_brat(spans, relations, str(path)),
                                              encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        count = convert_tree(Path(args[0]), Path(args[1]))
    except MarkupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"converted {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
