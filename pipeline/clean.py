"""Stage 1, clean: raw bytes -> normalised text with a map back to the original offsets.

In:  the bytes of one input file.
Out: `CleanDocument`: the text as decoded (`original`, what a person opens), the cleaned text
     (NFC, one space between words, web boilerplate lines dropped, soft-wrapped lines and
     paragraphs split mid-sentence rejoined, paragraphs separated by a blank line), and
     `offsets`, where `offsets[i]` is the index in `original` of cleaned character `i`
     (one extra entry maps the end of the text).

Decoding: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else cp1252 (then `encoding_note`
says so). Empty, binary or undecodable input raises `DocumentError`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from . import resources


class DocumentError(Exception):
    """A document that a stage cannot process; the runner records it in errors.csv."""

    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


@dataclass
class CleanDocument:
    doc_id: str
    original: str
    text: str
    offsets: list[int]
    encoding: str
    encoding_note: str = ""
    dropped_lines: list[str] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


SPACE_LIKE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
CHARACTER_SUBSTITUTES = {"\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-"}
DROPPED = re.compile("[" + "".join(sorted(INVISIBLE)) + "]|\r(?=\n)")
NON_SPACE = re.compile("[^ ]+")
SENTENCE_END = re.compile(r"[.!?:;»\"”)\]]$")


def decode(raw: bytes) -> tuple[str, str, str]:
    """Return (text, encoding, note)."""
    if not raw or not raw.strip():
        raise DocumentError("clean", "empty file")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig", ""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", ""
        except UnicodeDecodeError as error:
            raise DocumentError("clean", f"invalid UTF-16 despite its BOM: {error}") from error
    if b"\x00" in raw:
        raise DocumentError("clean", "binary file (contains NUL bytes), not a text document")
    try:
        return raw.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as error:
        text = raw.decode("cp1252", errors="replace")
        note = f"not valid UTF-8 (byte {error.start}); decoded as cp1252"
        return text, "cp1252", note


def check_text(text: str) -> None:
    counts = Counter(text)
    letters = sum(n for ch, n in counts.items() if ch.isalpha())
    controls = sum(
        n for ch, n in counts.items() if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t"
    )
    if letters == 0:
        raise DocumentError("clean", "no letters: empty or not a text document")
    if controls > 0.01 * len(text):
        raise DocumentError("clean", f"{controls} control characters: not a text document")
    if counts["\ufffd"] > 0.05 * max(letters, 1):
        raise DocumentError("clean", "mostly undecodable characters")


def substitute(ch: str) -> str:
    """What one character becomes: typographic apostrophes and hyphens, spaces, breaks."""
    ch = CHARACTER_SUBSTITUTES.get(ch, ch)
    if ch in "\v\f":
        return "\n"
    return " " if SPACE_LIKE.match(ch) else ch


def normalise_characters(original: str) -> tuple[str, list[int]]:
    """NFC per base character with its combining marks, spaces unified, invisibles dropped,
    CR LF and lone CR as LF. Most texts are NFC already and have no combining marks: then
    every character maps to one character or none, and `str.translate` does the work."""
    distinct = set(original)
    if any(unicodedata.combining(ch) for ch in distinct) or not unicodedata.is_normalized(
        "NFC", original
    ):
        return _normalise_clusters(original)
    table = {ord(ch): new for ch in distinct if (new := substitute(ch)) != ch}
    table[ord("\r")] = "\n"
    dropped = {m.start() for m in DROPPED.finditer(original)}
    kept = original if not dropped else DROPPED.sub("", original)
    offsets = [i for i in range(len(original)) if i not in dropped] if dropped else None
    return kept.translate(table), offsets if offsets is not None else list(range(len(original)))


def _normalise_clusters(original: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    index = 0
    length = len(original)
    while index < length:
        cluster_start = index
        index += 1
        while index < length and unicodedata.combining(original[index]):
            index += 1
        cluster = unicodedata.normalize("NFC", original[cluster_start:index])
        for ch in cluster:
            if ch in INVISIBLE:
                continue
            if ch == "\r":
                if index < length and original[index] == "\n":
                    continue
                ch = "\n"
            chars.append(substitute(ch))
            offsets.append(cluster_start)
    return "".join(chars), offsets


@dataclass
class BoilerplateFilter:
    lines: frozenset[str]
    patterns: tuple[re.Pattern, ...]

    @classmethod
    def from_models(cls) -> BoilerplateFilter:
        lines, patterns = set(), []
        for row in resources.load("boilerplate.jsonl"):
            if row.get("kind") == "regex":
                patterns.append(re.compile(row["pattern"], re.IGNORECASE))
            else:
                lines.add(" ".join(row["pattern"].split()).casefold())
        return cls(frozenset(lines), tuple(patterns))

    def is_boilerplate(self, line: str) -> bool:
        return line.casefold() in self.lines or any(p.search(line) for p in self.patterns)


_FILTER: BoilerplateFilter | None = None


def boilerplate_filter() -> BoilerplateFilter:
    global _FILTER
    if _FILTER is None:
        _FILTER = BoilerplateFilter.from_models()
    return _FILTER


def _lines(text: str, offsets: list[int]) -> list[tuple[str, list[int]]]:
    """Split into lines, each stripped and with inner runs of spaces collapsed to the first
    space of the run."""
    result = []
    start = 0
    for piece in text.split("\n"):
        words, maps = [], []
        previous_end = 0
        for match in NON_SPACE.finditer(piece):
            if words:
                maps.append(offsets[start + previous_end])
            words.append(match.group())
            maps.extend(offsets[start + match.start() : start + match.end()])
            previous_end = match.end()
        result.append((" ".join(words), maps))
        start += len(piece) + 1
    return result


def _join(parts: list[tuple[str, list[int]]], separator: str, separator_offset) -> tuple:
    chars: list[str] = []
    maps: list[int] = []
    for number, (piece, piece_map) in enumerate(parts):
        if number:
            previous_end = maps[-1] + 1
            chars.append(separator)
            maps.extend([separator_offset(previous_end, piece_map)] * len(separator))
        chars.append(piece)
        maps.extend(piece_map)
    return "".join(chars), maps


def clean(doc_id: str, raw: bytes) -> CleanDocument:
    try:
        original, encoding, note = decode(raw)
    except UnicodeDecodeError as error:
        raise DocumentError("clean", f"cannot decode: {error}") from error
    check_text(original)
    text, offsets = normalise_characters(original)
    filter_ = boilerplate_filter()
    paragraphs: list[list[tuple[str, list[int]]]] = [[]]
    dropped = []
    for line, line_map in _lines(text, offsets):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if filter_.is_boilerplate(line):
            dropped.append(line)
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append((line, line_map))
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise DocumentError("clean", "no text left after removing boilerplate")
    joined = [_join(p, " ", lambda previous_end, _next: previous_end) for p in paragraphs]
    merged: list[tuple[str, list[int]]] = []
    for paragraph, paragraph_map in joined:
        if merged and continues_sentence(merged[-1][0], paragraph):
            merged[-1] = _join(
                [merged[-1], (paragraph, paragraph_map)],
                " ",
                lambda previous_end, _next: previous_end,
            )
        else:
            merged.append((paragraph, paragraph_map))
    cleaned, cleaned_map = _join(merged, "\n\n", lambda previous_end, _next: previous_end)
    cleaned_map.append(cleaned_map[-1] + 1 if cleaned_map else 0)
    return CleanDocument(doc_id, original, cleaned, cleaned_map, encoding, note, dropped)


def continues_sentence(previous: str, following: str) -> bool:
    """A paragraph split mid-sentence: no final punctuation before, a lowercase word after."""
    return not SENTENCE_END.search(previous) and following[:1].islower()
