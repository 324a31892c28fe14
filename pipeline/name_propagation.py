"""NER stage, last step: a name written once in full is a name wherever it recurs.

In:  a `Doc` whose `doc.ents` the NER components have set.
Out: the same `Doc` with a PERSON span added over every token run, outside any entity, that
     repeats a person's surname already recognised in the document (`Rencontre
     Al-Rawahi–Kerjean` once the body names `le contre-amiral Yann Kerjean`): the model
     misses short names in headlines, after dashes and at a sentence's start. One sense per
     discourse: the surname must be capitalised as written in the full name, longer than two
     letters, and not a country, place or organisation of the same document.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .guard import guarded

MIN_SURNAME_LENGTH = 3


class NamePropagation:
    @guarded("ner")
    def __call__(self, doc: Doc) -> Doc:
        surnames = {
            e[-1].text
            for e in doc.ents
            if e.label_ == "PERSON" and len(e[-1].text) >= MIN_SURNAME_LENGTH and e[-1].is_title
            or e.label_ == "PERSON" and e[-1].is_upper and len(e[-1].text) >= MIN_SURNAME_LENGTH
        }
        other_names = {e.text for e in doc.ents if e.label_ != "PERSON"}
        surnames -= other_names
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        added = [
            Span(doc, token.i, token.i + 1, label="PERSON")
            for token in doc
            if token.i not in taken and token.text in surnames
        ]
        if added:
            doc.ents = filter_spans(list(doc.ents) + added)
        return doc


@Language.factory("communique_name_propagation")
def make_name_propagation(nlp: Language, name: str):
    return NamePropagation()
