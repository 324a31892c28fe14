"""Relation stage, part 2: event triggers of a sentence, from `models/triggers.jsonl`.

In:  one sentence of a parsed `Doc`; the trigger rules of `models/triggers.jsonl`.
Out: `Trigger`s: the verb or noun that announces a reception or a meeting, its rule (which
     relation, which grammatical side holds the host / guest / parties), where its object
     side begins, and whether the verb is passive.

Verb rules match a token by lemma (`recevoir`, `accueillir`, `s'entretenir`, ...). A rule with
`requires` is a light-verb construction: the verb counts only with one of the listed nouns
close after it or inside its object (`accorder une audience`, `recevoir la visite de`,
`présenter ses lettres de créance à`); its object side begins after that noun unless
`object_from` is `verb` (`honorer X de sa visite`). A rule with `object_label` takes as the
other side only a unit of that label right after the verb, and keeps it even where a person
hosts the same guest elsewhere (`la délégation a visité l'Académie militaire`: the institution
received her; a base, a camp or a country visited is no host). Rules with `requires` are tried
before the plain rule of the same lemma, so `a reçu la visite de X` makes X the guest of the
subject. A plain RECEIVED verb whose object is a thing (`a reçu un don`) is no trigger. Noun
rules (`visite`, `audience`, `entretien`, `tête-à-tête`) are used when the sentence has no verb
trigger: `between` nouns take the parties after `entre` (or, in a headline, on both sides of a
dash); the others give each participant after the noun the role of the preposition before it
(`roles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span, Token

from . import resources
from .chains import within_dateline
from .references import fold_word, office_heads
from .token_words import tokens_where

# Nouns of people: `a reçu les médaillés` is a reception, `a reçu un don` is not.
PARTICIPANT_NOUNS = resources.words("participant_nouns.jsonl")
BE_FORMS = frozenset(["est", "sont", "été", "était", "étaient", "sera", "seront", "fut", "furent"])


@dataclass
class Trigger:
    token: Token
    rule: dict
    object_start: int
    passive: bool = False

    @property
    def relation(self) -> str:
        return self.rule["relation"]

    @property
    def is_noun(self) -> bool:
        return "noun" in self.rule


@cache
def rules() -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """(verb rules by lemma, requiring rules first; noun rules by lowercase form)."""
    verbs: dict[str, list[dict]] = {}
    nouns: dict[str, dict] = {}
    for row in resources.load("triggers.jsonl"):
        if "lemma" in row:
            verbs.setdefault(row["lemma"].removeprefix("s'"), []).append(row)
        else:
            nouns[row["noun"]] = row
    for lemma in verbs:
        verbs[lemma].sort(key=lambda r: "requires" not in r)
    return verbs, nouns


def has_verb_rule(lemma: str) -> bool:
    return lemma.lower() in rules()[0]


def has_noun_rule(word: str) -> bool:
    return word in rules()[1]


def verb_triggers(sentence: Span) -> list[Trigger]:
    verbs, _ = rules()
    found = []
    for token in tokens_where(sentence, LEMMA, has_verb_rule):
        if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.ent_type_ or is_not_yet(token):
            continue
        for rule in verbs.get(token.lemma_.lower(), []):
            object_start = requirement_end(token, rule, sentence)
            if object_start is None:
                continue
            if (
                "requires" not in rule
                and rule["relation"] == "RECEIVED"
                and receives_a_thing(token)
            ):
                break
            found.append(Trigger(token, rule, object_start, is_passive(token)))
            break
    return found


# Future and conditional: stem + ending. The stem is the infinitive (`visitera`), without
# its final `e` (`rendra`), `-oir` -> `-r` (`recevra`), `-enir` -> `-iendr` (`tiendra`), or
# one of the irregular stems below.
FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
IRREGULAR_FUTURE_STEMS = {"faire": "fer", "avoir": "aur", "être": "ser", "aller": "ir",
                          "accueillir": "accueiller", "voir": "verr", "pouvoir": "pourr"}
# `doit recevoir`, `va rencontrer`, `devrait s'entretenir`, `prévoit de visiter`
PLANNING_LEMMAS = frozenset(["devoir", "aller", "prévoir", "compter", "envisager"])


def future_stem(lemma: str) -> str:
    if lemma in IRREGULAR_FUTURE_STEMS:
        return IRREGULAR_FUTURE_STEMS[lemma]
    if lemma.endswith("enir"):
        return lemma[:-4] + "iendr"
    if lemma.endswith("oir"):
        return lemma[:-3] + "r"
    return lemma[:-1] if lemma.endswith("re") else lemma


def is_future_form(token: Token) -> bool:
    """A future or conditional verb, by the model's morphology or by its form (the model
    reads `visitera` as a present subjunctive)."""
    if "Fut" in token.morph.get("Tense") or "Cnd" in token.morph.get("Mood"):
        return True
    stem = future_stem(token.lemma_.lower().removeprefix("s'"))
    word = token.lower_
    return len(stem) > 2 and word.startswith(stem) and word[len(stem):] in FUTURE_ENDINGS


def is_not_yet(token: Token) -> bool:
    """A reception or meeting announced, not told: the verb in the future or conditional
    (`recevra`, `sera reçu`, `aura un entretien`) or after a verb of planning in the present
    (`doit recevoir`, `va rencontrer`, `devait être reçu`; not `est allé rencontrer`). No
    trigger: an analyst's table holds what happened."""
    if is_future_form(token):
        return True
    if any(c.dep_.startswith("aux") and is_future_form(c) for c in token.children):
        return True
    head = token.head
    infinitive = "Inf" in token.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in token.children)
    return (
        infinitive  # `doit recevoir`, `doit être reçu`, `devait être reçu dans la soirée`
        and head is not token
        and head.lemma_.lower() in PLANNING_LEMMAS
        and "Part" not in head.morph.get("VerbForm")  # (not `est allé rencontrer`)
    )


def requirement_end(token: Token, rule: dict, sentence: Span) -> int | None:
    """Where the object side begins, or None when a required noun is missing."""
    required = rule.get("requires")
    if not required:
        return token.i + 1
    if token.dep_.startswith("aux"):
        return None
    nouns = set(required.split("|"))
    subject = parse_subject(token)
    if (
        subject is not None
        and subject.lower_ in nouns
        and subject.i < token.i
        and is_passive(token)
    ):
        return token.i + 1  # `Une audience a été accordée par X à Y`
    window = token.doc[token.i + 1 : min(token.i + 30, sentence.end)]
    match = next(
        (
            t
            for t in window
            if t.lower_ in nouns
            and t.doc[t.i - 1].lower_ != "en"  # `X, en visite de travail`: the guest's errand
            and (
                t.i - token.i <= 5
                or t.pos_ == "ADP"
                or in_object_of(t, token)
                or (t.i - token.i <= 9 and noun_phrase_only(t.doc[token.i + 1 : t.i]))
                or object_after_insert(token, t)
            )
            and (
                rule.get("object_from") == "verb"  # `honorer X de sa visite`
                or not any(w.ent_type_ == "PERSON" for w in t.doc[token.i + 1 : t.i])
            )
        ),
        None,
    )
    if match is None:
        return None
    return token.i + 1 if rule.get("object_from") == "verb" else match.i + 1


def object_after_insert(verb: Token, noun: Token) -> bool:
    """`a eu mardi, en marge du salon qui se tient à Dubaï, une série d'entretiens`: the
    noun opens the object after an insert set off by commas."""
    between = verb.doc[verb.i + 1 : noun.i]
    commas = [t.i for t in between if t.text == ","]
    return (
        len(commas) >= 2
        and verb.doc[verb.i + 1].text != ","
        and any(t.text == "," for t in verb.doc[verb.i + 1 : verb.i + 4])
        and noun_phrase_only(verb.doc[commas[-1] + 1 : noun.i])
    )


def noun_phrase_only(words: Span) -> bool:
    """`la copie figurée des lettres de`: determiners, nouns, adjectives, participles and
    prepositions only, between a light verb and its noun."""
    return all(
        t.pos_ in ("DET", "NOUN", "ADJ", "ADP", "NUM") or "Part" in t.morph.get("VerbForm")
        for t in words
    )


def in_object_of(noun: Token, verb: Token, depth: int = 4) -> bool:
    """`a reçu ..., les copies des lettres de créance`: the noun hangs from the verb through
    nouns only (not through another verb such as `qui effectue une visite`)."""
    node = noun.head
    for _ in range(depth):
        if node == verb:
            return True
        if node.pos_ in ("VERB", "AUX") or node == node.head:
            return False
        node = node.head
    return False


def noun_triggers(sentence: Span) -> list[Trigger]:
    _, nouns = rules()
    return [
        Trigger(token, nouns[token.lower_], token.i + 1)
        for token in tokens_where(sentence, LOWER, has_noun_rule)
        if token.pos_ in ("NOUN", "PROPN", "X")
    ]


def receives_a_thing(token: Token) -> bool:
    """`a reçu le prix`, `a reçu des explications`: the object is a thing, not a guest."""
    if "Part" in token.morph.get("VerbForm") and any(c.dep_ == "aux:pass" for c in token.children):
        return False
    honorific_tokens = {
        i for span in token.doc.spans.get("honorifics", []) for i in range(span.start, span.end)
    }
    return any(
        child.dep_ == "obj"
        and child.pos_ == "NOUN"
        and not child.ent_type_
        and child.i not in honorific_tokens
        and child.lemma_.lower() not in PARTICIPANT_NOUNS
        and child.lower_ not in PARTICIPANT_NOUNS
        and fold_word(child.lower_) not in office_heads()
        for child in token.children
    )


def is_passive(token: Token) -> bool:
    if any(child.dep_ == "aux:pass" for child in token.children):
        return True
    previous = [t for t in token.doc[max(token.i - 3, 0) : token.i] if not t.is_space]
    by_agent = any(
        t.lower_ == "par" for t in token.doc[token.i + 1 : min(token.i + 15, len(token.doc))]
    )
    if "Part" not in token.morph.get("VerbForm") or not by_agent:
        return False
    if any(t.lower_ in BE_FORMS for t in previous):
        return True
    # `X accueilli par Y` in a headline: a past participle without `avoir` before it
    return not any(t.lemma_ == "avoir" or t.dep_.startswith("aux") for t in previous[-2:])


def is_reflexive(token: Token) -> bool:
    """`se sont réunis`, `se sont entretenus`: the parties are the verb's plural subject,
    wherever it stands."""
    return any(child.lower_ in ("se", "s'") for child in token.children)


def is_dateline_place(token: Token) -> bool:
    """`ALGER, 5 mars 2025 (APS) – ...`: the parser sometimes makes the dateline's place (or
    its agency) a subject of the story's first verb."""
    if within_dateline(token.doc, token.i):
        return True
    return (
        token.ent_type_ in ("LOC", "GPE")
        and any(t.is_sent_start for t in token.doc[max(token.i - 2, 0) : token.i + 1])
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text == ","
    )


def parse_subject(token: Token) -> Token | None:
    for candidate in (token, token.head):
        subjects = [
            c
            for c in candidate.children
            # `où` is read as a subject before the real one (`où il a été accueilli`)
            if (
                c.dep_ in ("nsubj", "nsubj:pass")
                and not is_dateline_place(c)
                and c.lower_ != "où"
                and c.ent_type_ != "DATE"  # `Mardi, une audience lui a été accordée`
                # `À sa descente d'avion, ...`: a noun after a preposition is no subject
                and not any(g.dep_ == "case" and g.i < c.i for g in c.children)
            )
            # `Il s'y est entretenu avec ...`: the parser reads a reflexive verb's `il` as an
            # expletive; a trigger verb is never impersonal
            or (c.dep_ == "expl:subj" and c.lower_ in ("il", "elle", "ils", "elles"))
        ]
        if subjects:
            return subjects[0]
        if candidate.dep_ not in ("conj", "xcomp", "advcl"):
            break
    return None
