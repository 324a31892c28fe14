"""Relation stage, part 4a: the event frame that frames.py fills.

In:  nothing; a data structure.
Out: `Frame`: one reception or meeting: its relation (RECEIVED, MET, or ATTENDANCE for an
     attendance told on its own), trigger, host side, guest side (for MET the two parties),
     attendees, every sentence it used, the sentences its date and place are read from, the
     DATE and LOC spans it names, and a confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from .chains import Unit


@dataclass
class Frame:
    relation: str
    trigger: Span
    hosts: list[Unit] = field(default_factory=list)
    guests: list[Unit] = field(default_factory=list)
    attendees: list[Unit] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    context: set[int] = field(default_factory=set)  # where its date and place are read
    # sentences after the trigger's that went on with the event (a delegation's leader, its
    # companions): the next companion sentence counts its distance from them
    continued: set[int] = field(default_factory=set)
    from_list: bool = False  # guests read from list lines or a delegation's next sentence
    date: Span | None = None
    # `la veille` (-1), `le lendemain` (+1): days added to `date`, or to the dateline's date
    # when no event before it is dated
    date_shift: int = 0
    # `du lundi 13 au mercredi 15 novembre`: the span's last day when `date` opens one
    date_until: Span | None = None
    place: Span | None = None
    confidence: float = 0.75
    mutual: bool = False  # `X, Y et Z se sont réunis`: every pair of parties met
    # `la délégation a été accueillie`, `X et sa délégation`: the leader whose side in the
    # document's other events (with the companions read there) the guests stand for
    delegation: Unit | None = None
    # the guest side was written as one office (`a reçu le chef d'état-major malien`)
    guests_from_office: bool = False
    # `la délégation a visité l'Académie`: an institution host kept beside a person host
    body_host: bool = False
    # of a meeting, the party an attendee stands beside (`Côté ivoirien, ... en présence du
    # général X`: the Ivorian party), by the attendee's start; else the first party
    attended: dict[int, Unit] = field(default_factory=dict)
    # `a effectué une visite ... à l'invitation de X`: X invited, the frame gives no RECEIVED
    # (it still tells who the parties are: `les deux chefs ont ensuite ...`)
    invitation: bool = False

    def principal_parties(self) -> list[Unit | None]:
        """The first named person of the host side and of the guest side (None for a side
        that names nobody): the event's two parties, not their companions."""
        return [
            next((u for u in side if u.person is not None), None)
            for side in (self.hosts, self.guests)
        ]
