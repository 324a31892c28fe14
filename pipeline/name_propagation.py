"""NER stage, last step: a name written once in full is a name wherever it recurs.

In:  a `Doc` whose `doc.ents` the NER components have set.
Out: the same `Doc` where an organisation or place the model found whose words all belong to
     a person named in the document is that person, and with a PERSON span added over every
     token run, outside any entity, that
     repeats a person's surname already recognised in the document (`Rencontre
     Al-Rawahi–Kerjean` once the body names `le contre-amiral Yann Kerjean`): the model
     misses short names in headlines, after dashes and at a sentence's start. One sense per
     discourse: the surname must be capitalised as written in the full name (or in title
     case when written in capitals there), longer than two letters, and not a country, place
     or organisation of the same document.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .guard import guarded

MIN_SURNAME_LENGTH = 3


class NamePropagation:
    @guarded("ner")
    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        surnames = {
            e[-1].text
            for e in entities
            if e.label_ == "PERSON"
            and len(e[-1].text) >= MIN_SURNAME_LENGTH
            and (e[-1].is_title or e[-1].is_upper)
        }
        # a surname in capitals recurs in title case (`LAFONTANT` in the body, `Lafontant` in
        # the headline)
        surnames |= {name.title() for name in surnames if name.isupper()}
        surnames -= {e.text for e in entities if e.label_ != "PERSON"}
        relabelled = [self.as_person(e, entities) for e in entities]
        if any(a.label_ != b.label_ for a, b in zip(relabelled, entities, strict=True)):
            entities = relabelled
            doc.ents = entities
        if not surnames:
            return doc
        # Compare hashes of the token texts: one array for the document, no Token objects.
        orths = doc.to_array(ORTH).tolist()
        wanted = {doc.vocab.strings.add(name) for name in surnames}
        taken = [False] * len(doc)
        for entity in entities:
            taken[entity.start : entity.end] = [True] * len(entity)
        positions = [i for i, orth in enumerate(orths) if orth in wanted and not taken[i]]
        if positions:
            name_words = {t.text for e in entities if e.label_ == "PERSON" for t in e}
            added = []
            for position in positions:
                start = int(position)
                while start > 0 and not taken[start - 1] and doc[start - 1].text in name_words:
                    start -= 1  # `MBUYI KASONGO`: the rest of the written name before it
                added.append(Span(doc, start, int(position) + 1, label="PERSON"))
            doc.ents = filter_spans(entities + added)
        return doc


    @staticmethod
    def as_person(entity: Span, entities: list[Span]) -> Span:
        """An organisation or place the model found (no list id) whose words all belong to a
        person's name written in the document (`MUKENDI KALONJI` after `M. Guy-Patrice
        MUKENDI KALONJI`) is that person."""
        if entity.label_ not in ("ORG", "LOC") or entity.id_:
            return entity
        words = {
            token.text
            for other in entities
            if other.label_ == "PERSON" and len(other) > len(entity)
            for token in other
        }
        if all(token.text in words for token in entity if token.is_alpha) and any(
            token.is_alpha for token in entity
        ):
            return Span(entity.doc, entity.start, entity.end, label="PERSON")
        return entity


@Language.factory("communique_name_propagation")
def make_name_propagation(nlp: Language, name: str):
    return NamePropagation()
