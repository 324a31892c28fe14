"""Relation stage, part 4c: when and where an event took place.

In:  the `FrameBuilder` of frames.py, once its frames are complete.
Out: each frame's `date` and `place` spans.

The date is the DATE nearest the trigger in its sentence (or `hier`, `avant-hier` there,
counted back from the dateline's or page's date), else in the frame's list lines or joined
sentences, never in a sentence used only to name a party (a holder of an office named
elsewhere). An event without one continues the story: it takes the date of the last dated
event before it (one that opens with a part of the day, `Dans l'après-midi`, takes the story's
day, not a look back's: `Arrivé la veille, il avait été accueilli ...`), else, in a
document without a dated dateline, the lead's date (the first
full date, else weekday, of the first sentence that names a person); aggregation then
falls back to the dateline's, never to the page's publication date. `La veille`, `le
lendemain` or `deux jours plus tôt` in the trigger's sentence shift that date by as many days
(`date_shift`, applied in aggregation): a look back in the pluperfect (`avait eu la veille`)
counts from the story's lead event, a step forward (`le lendemain`) from the last day the
story names before it (`Mardi, ... Le lendemain`), else from the story's day. A span (`du
lundi 10 au mercredi 12`) dates its event from its first day.
The place is a city or site of the
trigger's own sentence introduced by `à`, `au`, `en`, `dans` or a seat noun (`au palais
de X`), nearest the trigger (list lines name where guests come from, not where the event
is), else (in aggregation) the dateline's.
"""

from __future__ import annotations

from spacy.tokens import Span

from . import chains
from .chains import DETERMINERS, LOCATIVE, word_before
from .event import Frame
from .references import NUMBER_WORDS
from .segment import is_page_date

SEAT_NOUNS = frozenset(
    "palais siège bureau bureaux résidence cabinet hôtel base camp quartier salle "
    "état-major ministère primature présidence".split()
)


class WhenWhere:
    """Methods of `FrameBuilder` (frames.py) for the date and place of its frames."""

    def carry_dates(self) -> None:
        """An event that names no date of its own continues the story told before it
        (`Il a ensuite reçu ...`): it takes the date of the last dated event before it."""
        last_date, last_shift = self.lead_date(), 0
        story_date, story_shift = last_date, last_shift  # the day the story tells
        lead = None  # the first dated event: the story's lead
        shifted: dict[int, Frame] = {}  # sentence -> its first frame dated by a shift
        for frame in self.frames:
            looks_back = frame.date is None and frame.date_shift < 0
            sentence = self.sentence_index(frame.trigger.start)
            first = shifted.get(sentence)
            if frame.date is None and frame.date_shift and first is not None:
                # `Le lendemain, X a visité la base, où il a été accueilli par Y`: one day
                frame.date, frame.date_shift = first.date, first.date_shift
            elif looks_back and lead is not None and is_pluperfect(frame.trigger.root):
                # `Avant de partir, le CEMGA avait eu la veille un entretien`: the day before
                # the story's lead event, not before the last event told
                frame.date, frame.date_shift = lead[0], lead[1] + frame.date_shift
            elif frame.date is None and self.later_that_day(frame):
                # `Arrivé la veille, il avait été accueilli ... Dans l'après-midi, X a reçu`:
                # the afternoon of the story's day, not of the look back told just before
                frame.date, frame.date_shift = story_date, story_shift
            elif frame.date is None and frame.date_shift > 0:
                # `Le 5 juin, X a reçu Y. La veille, Y avait vu Z. Le lendemain, Y ...`: the
                # day after the last day the story named (`Mardi, ... Le lendemain`), else
                # after the story's day, not after the look back told just before
                named = self.last_day_named(frame)
                frame.date, frame.date_shift = (
                    (named, frame.date_shift)
                    if named is not None
                    else (story_date, story_shift + frame.date_shift)
                )
            elif frame.date is None and frame.date_shift == 0 and (
                scene := self.day_set_just_before(frame)
            ) is not None:
                # `Le mercredi 5 mars, l'amiral s'est rendu à Antsiranana. Il y a été accueilli
                # par ...`: the day the sentence before set, told by no event of its own
                frame.date = scene
            elif frame.date is None:
                # `La veille, il avait reçu ...`: a day before the last dated event
                frame.date, frame.date_shift = last_date, last_shift + frame.date_shift
            if frame.date_shift:
                shifted.setdefault(sentence, frame)
            if frame.relation != "ATTENDANCE" and (frame.date is not None or frame.date_shift):
                last_date, last_shift = frame.date, frame.date_shift
                lead = lead or (frame.date, frame.date_shift)
                if not looks_back:
                    story_date, story_shift = frame.date, frame.date_shift

    def day_set_just_before(self, frame: Frame) -> Span | None:
        """A date of the sentence right before the frame's, when no event of that sentence
        is dated by it (it sets the scene of this one)."""
        index = self.sentence_index(frame.trigger.start)
        named = self.last_day_named(frame)
        if named is None or index == 0:
            return None
        before = self.sentences[index - 1]
        if not before.start <= named.start < before.end:
            return None
        if any(f.date is not None and f.date.start == named.start for f in self.frames):
            return None
        return named

    def last_day_named(self, frame: Frame) -> Span | None:
        """The last date the story writes before the frame's sentence (not a page date above
        the story, not the dateline's, not `depuis lundi`)."""
        index = self.sentence_index(frame.trigger.start)
        start = self.story_start()
        for sentence in reversed(self.sentences[index if start is None else start : index]):
            dates = [
                e
                for e in self.entities
                if e.label_ == "DATE"
                and sentence.start <= e.start < sentence.end
                and not chains.within_dateline(self.doc, e.start)
                and not after_since(e)
                and not of_an_appointment(e)
            ]
            if dates:
                return dates[-1]
        return None

    def later_that_day(self, frame: Frame) -> bool:
        """`Dans l'après-midi, ...`, `Dans la soirée, ...`: an event that opens with a part of
        the day and names no day of its own (`Plus tôt dans la matinée, ...`)."""
        sentence = self.sentences[self.sentence_index(frame.trigger.start)]
        words = [t.lower_ for t in sentence[:5]]
        return not frame.date_shift and any(w in DAY_PARTS for w in words) and (
            words[:1] in (["dans"], ["en"], ["plus"])
        )

    def lead_date(self) -> Span | None:
        """The story's own date when no dateline gives one: the first full date (with a
        day number), else weekday, of the first sentence that names a person (`Le général X
        a achevé ce mercredi 11 juin 2025 une visite ...`, `Jeudi dernier, le chef de la
        Défense ... a présidé`); page dates and headlines name nobody."""
        if self.doc.user_data.get("dateline_date"):
            return None
        start = self.story_start()
        if start is None:
            return None
        for index in [start, *range(start)]:
            # (else a sentence with a verb before it: `Le Quartier Général a reçu la visite,
            # le mardi 14 octobre 2025, d'une délégation ... Conduite par X, elle a ...`)
            sentence = self.sentences[index]
            if index != start and (
                not any(t.pos_ in ("VERB", "AUX") for t in sentence)
                or is_page_date(chains.sentence_text(sentence).strip())  # `Mis à jour le ...`
            ):
                continue
            dated = [
                e
                for e in self.entities
                if e.label_ == "DATE" and sentence.start <= e.start < sentence.end
            ]
            dated.sort(key=lambda e: not any(t.like_num for t in e))
            if dated and (index == start or any(t.like_num for t in dated[0])):
                return dated[0]
        return None

    def story_start(self) -> int | None:
        """The first sentence with a verb that names a person: where the story begins (not a
        site's name or a heading above it, `Lëtzebuerger Arméi`)."""
        return next(
            (
                i
                for i, sentence in enumerate(self.sentences)
                if any(t.pos_ in ("VERB", "AUX") for t in sentence)
                and any(
                    e.label_ == "PERSON" and sentence.start <= e.start < sentence.end
                    for e in self.entities
                )
            ),
            None,
        )

    def date_and_place(self, frame: Frame) -> None:
        trigger = frame.trigger.start
        ordered = sorted(frame.context, key=lambda i: (i != self.sentence_index(trigger), i))
        for index in ordered:
            sentence = self.sentences[index]
            ents = [e for e in self.entities if sentence.start <= e.start and e.end <= sentence.end]
            # `en visite depuis mercredi`: when the stay began, not the event
            # (`élevé au grade de général le 14 août 2025, y a été reçu`: his promotion's day)
            dates = [e for e in ents
                     if e.label_ == "DATE" and not after_since(e) and not of_an_appointment(e)]
            places = [
                e
                for e in ents
                if e.label_ == "LOC" and is_place_of_event(e) and index == ordered[0]
            ]
            if (
                frame.date is None
                and index == ordered[0]
                and all(in_dateline(e, sentence) for e in dates)
            ):
                # `Amman, 19 septembre – X s'est entretenu hier`: counted from the dateline
                day = relative_day(sentence)
                frame.date = day if day is not None and day[0].lower_ in PAST_DAYS else None
            if frame.date is None and dates and not frame.date_shift:
                # (`la veille` in the trigger's sentence counts from the event told before,
                # not from a date of the other sentences the frame used)
                frame.date = min(
                    dates, key=lambda e: (in_dateline(e, sentence), abs(e.start - trigger))
                )
                # `du lundi 10 au mercredi 12 février`: the span's first day, until its last
                frame.date = next(
                    (d for d in dates if span_end(d, dates) == frame.date), frame.date
                )
                frame.date_until = span_end(frame.date, dates)
            if frame.date is None and not frame.date_shift and index == ordered[0]:
                frame.date = relative_day(sentence)
                if frame.date is None:
                    frame.date_shift = day_shift(sentence)
            if frame.place is None and places:
                frame.place = min(places, key=lambda e: abs(e.start - trigger))


def is_pluperfect(verb) -> bool:
    """`avait eu`, `avaient été reçus`, `s'était entretenu`: an auxiliary in the imperfect."""
    return any(
        c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in verb.children
    )


def span_end(date: Span, dates: list[Span]) -> Span | None:
    """`du lundi 13 au mercredi 15 novembre`: the span's last date when `date` opens one
    (`lundi 13` may be a weekday whose day number is outside the DATE span)."""
    if date.start == 0 or date.doc[date.start - 1].lower_ not in ("du", "depuis"):
        return None
    for later in dates:
        between = date.doc[date.end : later.start]
        if 0 < len(between) <= 2 and between[-1].lower_ in ("au", "jusqu'au") and all(
            t.like_num or t.lower_ in ("au", "jusqu'au") for t in between
        ):
            return later
    return None


RELATIVE_DAYS = frozenset(["hier", "avant-hier", "aujourd'hui", "aujourd’hui"])
PAST_DAYS = frozenset(["hier", "avant-hier"])
DAY_PARTS = frozenset(["matinée", "après-midi", "soirée", "journée"])
SAME_DAY_PARTS = frozenset(["matin", "après-midi", "soir"])  # `ce matin`, `cet après-midi`


APPOINTMENT_WORDS = frozenset(
    f"{stem}{ending}" for stem in ("promu", "élevé", "nommé", "désigné", "installé")
    for ending in ("", "e", "s", "es")
)


def of_an_appointment(date: Span) -> bool:
    """`Élevé au rang de général le 1er août 2025`: when a person was promoted or appointed,
    not a day of the story's events."""
    doc = date.doc
    window = doc[max(date.start - 10, 0) : date.start]
    word = next((t for t in reversed(window) if t.lower_ in APPOINTMENT_WORDS), None)
    # (not `nommé en 2023, il a reçu le 5 mars`: a verb between tells another fact)
    return word is not None and not any(
        t.pos_ in ("VERB", "AUX") for t in doc[word.i + 1 : date.start])


def after_since(date: Span) -> bool:
    word, _ = word_before(date.doc, date.start, DETERMINERS)
    return word == "depuis"


def in_dateline(date: Span, sentence: Span) -> bool:
    """`Dakar, 14/02/2025 – Reçu jeudi par ...`: the dateline's date opens the sentence; the
    event's own date (`jeudi`) goes before it."""
    return date.start - sentence.start <= 4 and date.doc[date.start - 1].text in (",", "le")


def relative_day(sentence: Span) -> Span | None:
    """`a reçu hier`: a day counted back from the dateline's or the page's date (dates.py)."""
    for token in sentence:
        if token.lower_ in RELATIVE_DAYS:
            return Span(sentence.doc, token.i, token.i + 1, label="DATE")
        if (
            token.lower_ in SAME_DAY_PARTS
            and token.i > sentence.start
            and token.doc[token.i - 1].lower_ in ("ce", "cet")
        ):
            return Span(sentence.doc, token.i - 1, token.i + 1, label="DATE")
    return None


# a day counted from the event told before: `la veille`, `le lendemain`
SHIFTED_DAYS = {"veille": -1, "lendemain": 1, "surlendemain": 2}
OF_WORDS = frozenset(["de", "du", "d'", "d’"])


def day_shift(sentence: Span) -> int:
    """`La veille, il avait reçu ...` -> -1; not `la veille de l'arrivée` (another event's
    day) nor `au lendemain de`. `Deux jours plus tôt` -> -2, `trois jours plus tard` -> 3."""
    for token in sentence:
        shift = SHIFTED_DAYS.get(token.lower_)
        if (
            shift
            and token.i > sentence.start
            and token.doc[token.i - 1].lower_ in ("la", "le")
            and (token.i + 1 >= sentence.end or token.doc[token.i + 1].lower_ not in OF_WORDS)
        ):
            return shift
        if (
            token.lower_ == "jours"
            and token.i > sentence.start
            and (shift := counted_days(token, sentence))
        ):
            return shift
    return 0


COUNTED_DIRECTIONS = {("plus", "tôt"): -1, ("auparavant",): -1, ("plus", "tard"): 1}


def counted_days(days: Span, sentence: Span) -> int:
    """`deux jours plus tôt` / `auparavant` / `plus tard`: the count, signed."""
    count_word = days.doc[days.i - 1].lower_
    count = NUMBER_WORDS.get(count_word) or (int(count_word) if count_word.isdigit() else 0)
    following = tuple(t.lower_ for t in days.doc[days.i + 1 : min(days.i + 3, sentence.end)])
    for words, sign in COUNTED_DIRECTIONS.items():
        if following[: len(words)] == words:
            return sign * count
    return 0


def is_place_of_event(place: Span) -> bool:
    word, position = word_before(place.doc, place.start, DETERMINERS - {"de", "du", "des", "d'"})
    if word in LOCATIVE:
        return True
    if word in ("de", "du", "des", "d'"):
        before, _ = word_before(place.doc, position, DETERMINERS)
        return before in SEAT_NOUNS
    return False
