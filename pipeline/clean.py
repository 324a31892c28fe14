"""Stage 1, clean: raw bytes -> normalised text with a map back to the original offsets.

In:  the bytes of one input file: a plain-text communiqué, or a web page saved as `.txt`
     (with HTML tags and entities left in it, share buttons, breadcrumbs, cookie notices,
     bylines, `Lire aussi` links).
Out: `CleanDocument`: the text as decoded (`original`, what a person opens), the cleaned text
     (HTML tags removed and entities decoded, NFC, one space between words, web boilerplate
     lines dropped, soft-wrapped lines and paragraphs split mid-sentence rejoined, list items
     and date lines kept as paragraphs of their own, paragraphs separated by a blank line),
     and `offsets`, where `offsets[i]` is the index in `original` of the character that
     cleaned character `i` came from (one extra entry maps the end of the text).
     `to_original` maps a span back to the original characters that produced it, including
     the whole of an entity (`&eacute;`) that ends it.

Decoding: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else cp1252 (then `encoding_note`
says so). Empty, binary or undecodable input raises `DocumentError`.

HTML (only when the text has a `<` or a `&`; other texts go straight to normalisation): a `<`
counts as a tag only when a known HTML element name (or a lowercase namespaced or custom name
with `:` or `-`), `/` and such a name, `!` or `?` follows it, up to the next `>`, so `3 < 5`
and `<Paul>` stay. Comments and `script`, `style`, `noscript`,
`template` and `svg` blocks go with their content. Block tags (`p`, `div`, `h1`-`h6`,
`table`, `section`, `blockquote`, ...) end a paragraph, `br` and `tr` end a line, `td` and
`th` become a space, other tags vanish (`<b>Paul</b> Biya` -> `Paul Biya`). A `<li>` starts a
line with a `• ` (mapped to the tag) unless its text already opens with a list marker.
Entities (`&eacute;`, `&nbsp;`, `&#233;`, `&#xE9;`; a named one needs its `;`) become their
character, mapped to the entity's `&`.

Lines: a line that opens with a list marker (`-`, `–`, `•`, `1.`, `a)`, `i.`, ...) starts a
paragraph, and only a lowercase line without a marker continues it; a line that is only a
date (`segment.is_page_date`) is a paragraph of its own, so that the segment stage reads it
as the page's publication date. Boilerplate is `models/boilerplate.jsonl`: `line` and `regex`
kinds drop the line; a `links` heading (`Lire aussi`, `Sur le même sujet`) drops itself and
the next one to three short lines without a final full stop (the linked headlines).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.entities import html5

from . import resources
from .segment import is_page_date


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
    # Original index of markup that became text (an entity, the bullet of a `<li>`) -> the
    # end of that markup; empty for a text without HTML.
    source_ends: dict[int, int] = field(default_factory=dict)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.source_end(self.offsets[end - 1])

    def source_end(self, index: int) -> int:
        """End of the original characters that start at `index` and made one character."""
        return self.source_ends.get(index, index + 1)


Line = tuple[str, list[int]]
BLANK: Line = ("", [])

SPACE_LIKE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
CHARACTER_SUBSTITUTES = {"\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-"}
DROPPED = re.compile("[" + "".join(sorted(INVISIBLE)) + "]|\r(?=\n)")
NON_SPACE = re.compile("[^ ]+")
SENTENCE_END = re.compile(r"[.!?:;»\"”)\]]$")
LIST_MARKER = re.compile(
    r"[•·▪►➢◦‣▸■●]"  # bullet glyphs, a space after them or not
    r"|[-–—*]\s"  # dashes and asterisks, then a space
    r"|(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)\s"  # 1) a) iv)
    r"|(?:\d{1,2}|[ivx]{1,4})\.\s"  # 1. iv.
)
LINKED_HEADLINES = 3
LINKED_HEADLINE_WORDS = 25

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html main menu "
    "nav ol p pre section summary table tbody tfoot thead title ul".split()
)
LINE_TAGS = frozenset({"br", "tr", "li"})
CELL_TAGS = frozenset({"td", "th"})
INLINE_TAGS = frozenset(
    "a abbr acronym area audio b base bdi bdo big blink button canvas caption cite code col "
    "colgroup data datalist del dfn em embed font frame frameset i iframe img input ins kbd "
    "label legend link map mark marquee meta meter nobr noframes object optgroup option "
    "output param picture progress q rp rt ruby s samp select slot small source span strike "
    "strong sub sup textarea time track tt u var video wbr".split()
)
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
VANISHING_TAGS = INLINE_TAGS | HIDDEN_TAGS
MARKUP = re.compile(
    r"<!--.*?-->"
    rf"|<(?P<hidden>{'|'.join(sorted(HIDDEN_TAGS))})\b[^<>]*>.*?</(?P=hidden)\s*>"
    r"|</?(?P<tag>[a-z][a-z0-9]*(?:[:-][a-z0-9]+)*)(?:\s[^<>]*)?/?>"
    r"|<[!?][^<>]*>"
    r"|&(?:#[0-9]{1,7};?|#x[0-9a-f]{1,6};?|(?P<entity>[a-z][a-z0-9]{1,31});)",
    re.IGNORECASE | re.DOTALL,
)
# The text of a `<li>` that brings its own marker, after spaces and tags.
MARKED_ITEM = re.compile(
    rf"(?:\s|<[^<>]*>|&nbsp;)*(?:{LIST_MARKER.pattern}|&(?:bull|middot|ndash|mdash|#8226);)"
)


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


# -- HTML


def strip_markup(original: str) -> tuple[str, list[int] | None, dict[int, int]]:
    """Return (text, origin, source_ends): the text without tags and with entities decoded,
    `origin[i]` the index in `original` of its character `i` (None: nothing changed), and
    the end of each piece of markup that left visible text, keyed by its start."""
    if "<" not in original and "&" not in original:
        return original, None, {}
    pieces: list[str] = []
    origin: list[int] = []
    source_ends: dict[int, int] = {}
    position = 0
    for match in MARKUP.finditer(original):
        replacement = markup_replacement(match)
        if replacement is None:
            continue
        start = match.start()
        pieces += [original[position:start], replacement]
        origin += [*range(position, start), *[start] * len(replacement)]
        if replacement.strip("\n"):
            source_ends[start] = match.end()
        position = match.end()
    pieces.append(original[position:])
    origin += range(position, len(original))
    return "".join(pieces), origin, source_ends


def markup_replacement(match: re.Match) -> str | None:
    """What a piece of markup becomes; None when it is text after all (`&foo;`, `<Paul>`)."""
    found = match.group()
    if match.group("entity"):
        return html5.get(match.group("entity") + ";")
    if found.startswith("&"):
        return html.unescape(found)
    tag = match.group("tag") or ""
    name = tag.lower()
    if name == "li" and not found.startswith("</"):
        return "\n" if MARKED_ITEM.match(match.string, match.end()) else "\n• "
    if name in BLOCK_TAGS:
        return "\n\n"
    if name in LINE_TAGS:
        return "\n"
    if name in CELL_TAGS:
        return " "
    if not tag or name in VANISHING_TAGS or is_custom_tag(tag):
        return ""
    return None


def is_custom_tag(tag: str) -> bool:
    """A namespaced (`o:p`) or custom (`my-widget`) element: lowercase, with `:` or `-`."""
    return tag.islower() and (":" in tag or "-" in tag)


# -- characters


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


def plain_text(original: str) -> tuple[str, list[int], dict[int, int]]:
    """Markup removed, then characters normalised; offsets index `original`."""
    text, origin, source_ends = strip_markup(original)
    text, offsets = normalise_characters(text)
    if origin is not None:
        offsets = [origin[i] for i in offsets]
    return text, offsets, source_ends


# -- boilerplate


@dataclass
class BoilerplateFilter:
    lines: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    link_headings: tuple[re.Pattern, ...] = ()

    @classmethod
    def from_models(cls) -> BoilerplateFilter:
        lines, patterns, headings = set(), [], []
        for row in resources.load("boilerplate.jsonl"):
            if row.get("kind") == "regex":
                patterns.append(re.compile(row["pattern"], re.IGNORECASE))
            elif row.get("kind") == "links":
                headings.append(re.compile(row["pattern"], re.IGNORECASE))
            else:
                lines.add(" ".join(row["pattern"].split()).casefold())
        return cls(frozenset(lines), tuple(patterns), tuple(headings))

    def is_boilerplate(self, line: str) -> bool:
        return line.casefold() in self.lines or any(p.search(line) for p in self.patterns)

    def opens_links(self, line: str) -> bool:
        """A heading of related links (`Lire aussi :`) with nothing after it."""
        return any(p.search(line) for p in self.link_headings)


_FILTER: BoilerplateFilter | None = None


def boilerplate_filter() -> BoilerplateFilter:
    global _FILTER
    if _FILTER is None:
        _FILTER = BoilerplateFilter.from_models()
    return _FILTER


def is_linked_headline(line: str) -> bool:
    return len(line.split()) < LINKED_HEADLINE_WORDS and not line.endswith(".")


def drop_boilerplate(lines: list[Line], filter_: BoilerplateFilter) -> tuple[list, list[str]]:
    """Return (lines, dropped): boilerplate lines become blank lines (so a dropped line still
    ends its paragraph); after a links heading, so do the next linked headlines (blank lines
    between them do not count)."""
    kept: list[Line] = []
    dropped: list[str] = []
    links_left = 0
    for line, line_map in lines:
        if not line:
            kept.append(BLANK)
            continue
        if links_left and is_linked_headline(line):
            links_left -= 1
        elif filter_.opens_links(line):
            links_left = LINKED_HEADLINES
        elif not filter_.is_boilerplate(line):
            links_left = 0
            kept.append((line, line_map))
            continue
        dropped.append(line)
        kept.append(BLANK)
    return kept, dropped


# -- lines and paragraphs


def _lines(text: str, offsets: list[int]) -> list[Line]:
    """Split into lines, each stripped and with inner runs of spaces collapsed to the first
    space of the run."""
    result = []
    start = 0
    for piece in text.split("\n"):
        if "  " in piece or piece[:1] == " " or piece[-1:] == " ":
            result.append(_collapsed(piece, offsets[start : start + len(piece)]))
        else:  # nothing to strip or collapse (most lines)
            result.append((piece, offsets[start : start + len(piece)]))
        start += len(piece) + 1
    return result


def _collapsed(piece: str, offsets: list[int]) -> Line:
    words, maps = [], []
    previous_end = 0
    for match in NON_SPACE.finditer(piece):
        if words:
            maps.append(offsets[previous_end])
        words.append(match.group())
        maps.extend(offsets[match.start() : match.end()])
        previous_end = match.end()
    return " ".join(words), maps


def is_list_item(line: str) -> bool:
    return LIST_MARKER.match(line) is not None


def joins_line(paragraph: list[Line], line: str) -> bool:
    """Whether `line` continues the paragraph so far (lines of a paragraph are joined with a
    space): never a list item or a date line, and after a list item only a lowercase line."""
    if is_list_item(line) or is_page_date(line):
        return False
    first = paragraph[0][0]
    if is_list_item(first):
        return line[:1].islower()
    return not is_page_date(first)


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines into paragraphs: a blank line ends one, and so does a line that does not
    join the paragraph before it."""
    paragraphs: list[list[Line]] = [[]]
    for line, line_map in lines:
        if paragraphs[-1] and not (line and joins_line(paragraphs[-1], line)):
            paragraphs.append([])
        if line:
            paragraphs[-1].append((line, line_map))
    return [p for p in paragraphs if p]


def continues_sentence(previous: str, following: str) -> bool:
    """A paragraph split mid-sentence: no final punctuation before, a lowercase word after,
    and neither a list item after nor a date line on either side."""
    return (
        not SENTENCE_END.search(previous)
        and following[:1].islower()
        and not is_list_item(following)
        and not is_page_date(previous)
        and not is_page_date(following)
    )


def merge_paragraphs(paragraphs: list[list[Line]]) -> list[Line]:
    """Join the lines of each paragraph, then rejoin paragraphs split mid-sentence."""
    merged: list[Line] = []
    for lines in paragraphs:
        paragraph = _join(lines, " ")
        if merged and continues_sentence(merged[-1][0], paragraph[0]):
            merged[-1] = _join([merged[-1], paragraph], " ")
        else:
            merged.append(paragraph)
    return merged


def _join(parts: list[Line], separator: str) -> Line:
    """Join pieces; the separator maps to the character after the end of the piece before."""
    chars: list[str] = []
    maps: list[int] = []
    for number, (piece, piece_map) in enumerate(parts):
        if number:
            chars.append(separator)
            maps.extend([maps[-1] + 1] * len(separator))
        chars.append(piece)
        maps.extend(piece_map)
    return "".join(chars), maps


def clean(doc_id: str, raw: bytes) -> CleanDocument:
    try:
        original, encoding, note = decode(raw)
    except UnicodeDecodeError as error:
        raise DocumentError("clean", f"cannot decode: {error}") from error
    check_text(original)
    text, offsets, source_ends = plain_text(original)
    lines, dropped = drop_boilerplate(_lines(text, offsets), boilerplate_filter())
    paragraphs = merge_paragraphs(split_paragraphs(lines))
    if not paragraphs:
        raise DocumentError("clean", "no text left after removing boilerplate")
    cleaned, cleaned_map = _join(paragraphs, "\n\n")
    document = CleanDocument(
        doc_id, original, cleaned, cleaned_map, encoding, note, dropped, source_ends
    )
    cleaned_map.append(document.source_end(cleaned_map[-1]))
    return document
