"""Visits: the receptions and meetings of several documents that tell one real-world event.

In:  the `events` table (one row per document-level event, `aggregate.event_table`), the
     `entities` table (`label`, `name`, `affiliations`, `nationality`) and each document's
     own date (dateline, else publication date), used only for events without a date.
Out: `cluster_events(...)` -> `(visit id of each event_id, the visits table)`; the visits
     table has one row per real-world event (columns of `artefacts.TABLE_COLUMNS["visits"]`).

The rule (README, "Visits across outlets"). Events are taken in order of date (an undated
event at its document's date; then event_id) and each joins the visit it matches, else
starts one. An event matches a visit when it matches one of the visit's events on
participants and its date fits the visit's dates:

- participants: RECEIVED and RECEIVED share a guest (a person or an organisation, never a
  country) and their host sides are compatible; a meeting shares a party with the other
  event and the rest of its parties are compatible with the other's hosts (or other
  parties). Host sides are compatible when one is missing, when they share an entity, when
  a host of one is the organisation or country of a host of the other (a person's
  `affiliations` and `nationality`; an organisation's country from its own affiliations,
  nationality, or a country or demonym in its name) or, when a guest is shared (not
  between two meetings), when two hosts belong to one organisation or country (the
  minister and the chief of staff of one state) or the two events took place in one city
  or one country (`place`, through `models/places.jsonl` and the capitals): one guest in
  one country within a few days is on one trip. A place never separates two events (an
  outlet's dateline may be its own city, not the visit's). Two meetings need their other
  parties to be the same or linked: a shared party may be the resident, not the visitor.
- dates: the event's date lies within `WINDOW_DAYS` of the visit's dated span and the span
  with it stays within `MAX_SPAN_DAYS`. An event without a date uses its document's date
  (dateline, else publication) under the same window, and does not extend the span; an
  event with no date at all starts its own visit. So two visits of one guest weeks apart
  never merge, however their participants agree.

When an event matches several visits they become one when the joined span stays within
`MAX_SPAN_DAYS`, else it joins the first. Visit ids are `visit:0001`, ... numbered by
first date (undated last), then first event_id: the same tables give the same ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date as Date

import pandas as pd

from . import resources
from .artefacts import table_frame
from .plover import code_of_place
from .plover import key as place_key

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 10
GUEST_PREFIXES = ("person:", "org:")


def text(cell) -> str:
    """A cell as text: "" for None and NaN."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    return str(cell)


def split(cell) -> list[str]:
    """A `|`-joined cell as its parts."""
    return [part for part in text(cell).split("|") if part]


def iso_date(text: str) -> Date | None:
    try:
        return Date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass
class Event:
    event_id: str
    doc_id: str
    type: str
    date: Date | None
    doc_date: Date | None
    place: str
    hosts: dict[str, str]  # id -> name, in table order
    guests: dict[str, str]
    attendees: dict[str, str]
    confidence: float

    @property
    def parties(self) -> set[str]:
        return set(self.hosts) | set(self.guests)

    @property
    def when(self) -> Date | None:
        return self.date or self.doc_date


@dataclass
class Visit:
    events: list[Event] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # how each later event joined

    def dated(self) -> list[Date]:
        return [e.date for e in self.events if e.date]

    def span(self) -> tuple[Date, Date] | None:
        dates = self.dated() or [e.doc_date for e in self.events if e.doc_date]
        return (min(dates), max(dates)) if dates else None


# ------------------------------------------------------------------ who belongs to what


class Anchors:
    """Each entity's organisations and countries, read from the entities table."""

    def __init__(self, entities: pd.DataFrame):
        rows = entities.to_dict("records") if entities is not None and len(entities) else []
        by_name: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            if row["label"] in ("ORG", "GPE"):
                by_name[str(row["name"])].add(str(row["entity_id"]))
        country_code = {name: code for code, name in resources.country_display_name().items()}
        self.anchors: dict[str, set[str]] = {}
        for row in rows:
            entity_id = str(row["entity_id"])
            found: set[str] = set()
            for name in split(row.get("affiliations")):
                found |= by_name.get(name, set())
            code = country_code.get(text(row.get("nationality")))
            if code and row["label"] != "GPE":
                found.add(f"gpe:{code.lower()}")
            if row["label"] == "ORG":
                named = resources.countries_named_in(str(row["name"]))
                found |= {f"gpe:{code.lower()}" for code in named}
            found.discard(entity_id)
            self.anchors[entity_id] = found
        # a person's organisations bring their countries (`Forces armées tunisiennes`)
        for entity_id in sorted(self.anchors):
            if entity_id.startswith("person:"):
                extra = set()
                for anchor in self.anchors[entity_id]:
                    extra |= self.anchors.get(anchor, set())
                self.anchors[entity_id] |= extra - {entity_id}
        # what makes two hosts colleagues: a country, or a body of one country (a body that
        # names none, `État-major général des armées`, may be any country's)
        self.countries = {a for found in self.anchors.values() for a in found
                          if a.startswith("gpe:")}
        self.countries |= {entity_id for entity_id, found in self.anchors.items()
                           if entity_id.startswith("org:") and found & self.countries}

    def of(self, entity_id: str) -> set[str]:
        return self.anchors.get(entity_id, set())


def side_link(first: set[str], second: set[str], anchors: Anchors, colleagues: bool) -> str:
    """How two host sides (or the remaining parties of a meeting) agree, or "" when not:
    `missing`, `same`, `affiliated` (one is the other's organisation or country) or
    `colleagues` (two of one organisation or country; only when `colleagues`)."""
    if not first or not second:
        return "missing"
    if first & second:
        return "same"
    for a in sorted(first):
        for b in sorted(second):
            if b in anchors.of(a) or a in anchors.of(b):
                return "affiliated"
    if colleagues:
        for a in sorted(first):
            for b in sorted(second):
                if anchors.of(a) & anchors.of(b) & anchors.countries:
                    return "colleagues"
    return ""


def same_place(first: Event, second: Event) -> str:
    """`same place` or `places in one country` when both events name one, else ""."""
    if not first.place or not second.place:
        return ""
    if place_key(first.place) == place_key(second.place):
        return "same place"
    country = place_country(first)
    return "places in one country" if country and country == place_country(second) else ""


def place_country(event: Event) -> str | None:
    """The alpha-2 code of the country of the event's place (a listed place, a capital or
    a country), or None."""
    return code_of_place().get(place_key(event.place)) if event.place else None


def participants_link(first: Event, second: Event, anchors: Anchors) -> str:
    """How two events' participants make them one event, or "" when they do not."""
    if first.type == "RECEIVED" and second.type == "RECEIVED":
        shared = sorted(g for g in set(first.guests) & set(second.guests) if is_guest(g))
        if not shared:
            return ""
        link = side_link(set(first.hosts), set(second.hosts), anchors, colleagues=True)
        link = link or same_place(first, second) or same_trip(shared, first, second, anchors)
        return f"guest {shared[0]}, hosts {link}" if link else ""
    if first.type == "MET" and second.type == "RECEIVED":
        first, second = second, first
    if first.type == "RECEIVED":  # and second is a meeting
        for guest in sorted(g for g in set(first.guests) & second.parties if is_guest(g)):
            link = side_link(set(first.hosts), second.parties - {guest}, anchors, True)
            link = link if link != "missing" else ""
            link = link or same_place(first, second)
            link = link or same_trip([guest], first, second, anchors)
            if link:
                return f"guest {guest} met, hosts {link}"
        return ""
    for party in sorted(p for p in first.parties & second.parties if is_guest(p)):
        rest_a, rest_b = first.parties - {party}, second.parties - {party}
        link = side_link(rest_a, rest_b, anchors, colleagues=False)
        if link and link != "missing":
            return f"party {party}, other parties {link}"
    return ""


def countries_of(side: set[str], anchors: Anchors) -> set[str]:
    """The countries a side stands for: its own GPE ids and its members' anchors."""
    found = {i for i in side if i.startswith("gpe:")}
    for entity_id in side:
        found |= {a for a in anchors.of(entity_id) if a.startswith("gpe:")}
    return found


def same_trip(guests, first: Event, second: Event, anchors: Anchors) -> str:
    """`same guest on one trip` when a person guest of one event is a guest (or a party
    of the meeting) of the other and nothing places the two hosts in different countries:
    the dates are checked by the caller, and a guest does not change countries between two
    audiences a few days apart without the text saying so (a host or place of another
    country, `host_in_another_country`)."""
    if not any(g.startswith("person:") for g in guests):
        return ""
    if not countries_agree(host_countries(first, guests, anchors),
                           host_countries(second, guests, anchors)):
        return ""
    return TRIP


TRIP = "apart, same guest on one trip"


def host_countries(event: Event, guests, anchors: Anchors) -> set[str]:
    """The countries of an event's host side (a meeting's parties but the guests) and of
    its place."""
    side = event.parties - set(guests) if event.type == "MET" else set(event.hosts)
    code = place_country(event)
    return countries_of(side, anchors) | ({f"gpe:{code.lower()}"} if code else set())


def countries_agree(first: set[str], second: set[str]) -> bool:
    return not first or not second or bool(first & second)


def trip_countries_agree(event: Event, visit: Visit, anchors: Anchors) -> bool:
    """A guest's trip stays in one country: the event's hosts and place agree with those of
    every event of the visit (`countries_agree`), not only with the event it matched."""
    guests = exposed(event)
    mine = host_countries(event, guests, anchors)
    return all(countries_agree(mine, host_countries(member, guests, anchors))
               for member in visit.events)


def is_guest(entity_id: str) -> bool:
    return entity_id.startswith(GUEST_PREFIXES)


# ------------------------------------------------------------------ dates


def date_fit(event: Event, visit: Visit) -> str:
    """How the event's date fits the visit's span, or "" when it does not."""
    span = visit.span()
    when = event.when
    if span is None or when is None:
        return ""
    first, last = span
    gap = days_from_span(when, span)
    if gap > WINDOW_DAYS:
        return ""
    stretch = (max(last, when) - min(first, when)).days
    if event.date and visit.dated() and stretch > MAX_SPAN_DAYS:
        return ""
    kind = "date" if event.date else "no date, document date"
    return f"{kind} {gap} day{'s' if gap != 1 else ''} from the span"


def joined_span_fits(visits: list[Visit]) -> bool:
    dates = [d for v in visits for d in v.dated()]
    return not dates or (max(dates) - min(dates)).days <= MAX_SPAN_DAYS


# ------------------------------------------------------------------ clustering


def read_events(events: pd.DataFrame, document_dates: dict[str, str]) -> list[Event]:
    found = []
    for row in events.to_dict("records"):
        def side(role: str, row: dict = row) -> dict[str, str]:
            ids, names = split(row[f"{role}_ids"]), split(row[f"{role}s"])
            if len(names) != len(ids):
                names = ids
            return {i: n for i, n in zip(ids, names, strict=True) if i}

        found.append(
            Event(
                event_id=str(row["event_id"]),
                doc_id=str(row["doc_id"]),
                type=str(row["type"]),
                date=iso_date(text(row["date"])),
                doc_date=iso_date(document_dates.get(str(row["doc_id"]), "") or ""),
                place=text(row["place"]),
                hosts=side("host"),
                guests=side("guest"),
                attendees=side("attendee"),
                confidence=float(text(row["confidence"]) or 0),
            )
        )
    return found


def event_order(event: Event) -> tuple:
    when = event.when
    return (when is None, when or Date.min, event.event_id)


def exposed(event: Event) -> set[str]:
    """The ids through which an event can share a visit: a reception's guests, a meeting's
    parties (every rule of `participants_link` needs one in common)."""
    return {i for i in (event.guests if event.type == "RECEIVED" else event.parties)
            if is_guest(i)}


def cluster(events: list[Event], anchors: Anchors) -> list[Visit]:
    """The visits, each with its events in the order they joined (see the module docstring).
    Visits are looked up through the guests and parties of their events, so each event is
    compared with the few visits that could take it."""
    visits: list[Visit | None] = []
    index: dict[str, set[int]] = defaultdict(set)  # guest or party id -> visit numbers
    for event in sorted(events, key=event_order):
        candidates = sorted(set().union(*(index[i] for i in exposed(event))))
        matches: list[tuple[int, str]] = []
        for number in candidates:
            visit = visits[number]
            fit = date_fit(event, visit)
            if not fit:
                continue
            for member in visit.events:
                link = participants_link(member, event, anchors)
                if link.endswith(TRIP) and not trip_countries_agree(event, visit, anchors):
                    continue
                if link:
                    matches.append((number, f"{event.event_id} ~ {member.event_id}: {link}; {fit}"))
                    break
        if not matches:
            visits.append(Visit([event]))
            target_number = len(visits) - 1
        else:
            matches.sort(key=lambda match: match_rank(event, visits[match[0]], match))
            target_number, link = matches[0]
            target = visits[target_number]
            target.events.append(event)
            target.links.append(link)
            for number, other_link in matches[1:]:
                other = visits[number]
                if joined_span_fits([target, other]) and (
                    TRIP not in link + other_link
                    or all(trip_countries_agree(member, target, anchors)
                           for member in other.events)
                ):
                    target.events += other.events
                    target.links += other.links + [other_link]
                    visits[number] = None
                    for member in other.events:
                        for i in exposed(member):
                            index[i].discard(number)
                            index[i].add(target_number)
        for i in exposed(event):
            index[i].add(target_number)
    return [visit for visit in visits if visit is not None]


def match_rank(event: Event, visit: Visit, match: tuple[int, str]) -> tuple:
    """Which of several matching visits an event joins: one joined through its hosts or
    place before one joined through the guest's trip alone; among trips, the visit whose
    span is nearest the event's date (a guest's trip moves on: the reception he had
    yesterday in another country's capital is not today's); then the oldest visit."""
    number, link = match
    span, when = visit.span(), event.when
    gap = days_from_span(when, span) if span is not None and when is not None else 0
    return (TRIP in link, gap if TRIP in link else 0, number)


def days_from_span(when: Date, span: tuple[Date, Date]) -> int:
    """0 within the span, else the days to its nearer end."""
    first, last = span
    return 0 if first <= when <= last else min(abs((when - first).days), abs((when - last).days))


def visit_order(visit: Visit) -> tuple:
    span = visit.span()
    first_id = min(e.event_id for e in visit.events)
    return (span is None, span[0] if span else Date.min, first_id)


def cluster_events(
    events: pd.DataFrame, entities: pd.DataFrame, document_dates: dict[str, str] | None = None
) -> tuple[dict[str, str], pd.DataFrame]:
    """(event_id -> visit_id, the visits table)."""
    if events is None or events.empty:
        return {}, table_frame("visits", [])
    anchors = Anchors(entities)
    visits = sorted(cluster(read_events(events, document_dates or {}), anchors), key=visit_order)
    visit_of, rows = {}, []
    for number, visit in enumerate(visits, 1):
        visit_id = f"visit:{number:04d}"
        for event in visit.events:
            visit_of[event.event_id] = visit_id
        rows.append(visit_row(visit_id, visit, anchors))
    return visit_of, table_frame("visits", rows)


def visit_row(visit_id: str, visit: Visit, anchors: Anchors) -> dict:
    members = sorted(visit.events, key=event_order)
    received = any(e.type == "RECEIVED" for e in members)
    guests: dict[str, str] = {}
    for event in members:
        if event.type == "RECEIVED" or not received:
            guests.update(event.guests)
    hosts: dict[str, str] = {}
    for event in members:
        for entity_id, name in {**event.hosts, **event.guests}.items():
            if entity_id not in guests and (event.type == "MET" or entity_id in event.hosts):
                hosts.setdefault(entity_id, name)
    people = {h for h in hosts if h.startswith("person:")}
    represented = set().union(*(anchors.of(h) for h in people)) if people else set()
    hosts = {h: n for h, n in hosts.items() if h not in represented}
    attendees: dict[str, str] = {}
    for event in members:
        for entity_id, name in event.attendees.items():
            if entity_id not in hosts and entity_id not in guests:
                attendees.setdefault(entity_id, name)
    dates = sorted(e.date.isoformat() for e in members if e.date)
    places = Counter(e.place for e in members if e.place)
    doc_ids = sorted({e.doc_id for e in members})
    return {
        "visit_id": visit_id,
        "type": "RECEIVED" if received else "MET",
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "place": "|".join(sorted(places, key=lambda p: (-places[p], p))),
        "hosts": "|".join(hosts.values()),
        "guests": "|".join(guests.values()),
        "attendees": "|".join(attendees.values()),
        "host_ids": "|".join(hosts),
        "guest_ids": "|".join(guests),
        "attendee_ids": "|".join(attendees),
        "n_events": len(members),
        "n_docs": len(doc_ids),
        "doc_ids": "|".join(doc_ids),
        "event_ids": "|".join(e.event_id for e in members),
        "rule": "; ".join(visit.links) if visit.links else "one event",
        "confidence": round(max(e.confidence for e in members), 2),
    }


def years_of_yearless(
    events: pd.DataFrame,
    entities: pd.DataFrame,
    dates: dict[str, str],
    partial: dict[str, tuple[int, int]],
) -> dict[str, int]:
    """doc_id -> the year of a dateline that writes none (`partial`: its month and day): the
    year in which that day falls within `WINDOW_DAYS` of a dated event of another document
    whose participants match one of this document's events (`participants_link`). A
    document whose events point to two years, or to none, gets none."""
    if events is None or events.empty:
        return {}
    anchors = Anchors(entities)
    found = read_events(events, dates)
    dated = [e for e in found if e.date is not None]
    by_guest: dict[str, list[Event]] = defaultdict(list)
    for event in dated:
        for entity_id in exposed(event):
            by_guest[entity_id].append(event)
    years: dict[str, set[int]] = defaultdict(set)
    for event in found:
        if event.doc_id not in partial or event.date is not None:
            continue
        month, day = partial[event.doc_id]
        others = {o.event_id: o for i in exposed(event) for o in by_guest[i]}
        for other in sorted(others.values(), key=lambda o: o.event_id):
            if other.doc_id == event.doc_id:
                continue
            for year in (other.date.year - 1, other.date.year, other.date.year + 1):
                try:
                    candidate = Date(year, month, day)
                except ValueError:  # 29 février of another year
                    continue
                if abs((candidate - other.date).days) > WINDOW_DAYS:
                    continue
                if participants_link(other, event, anchors):  # (dates apart, checked above)
                    years[event.doc_id].add(year)
    return {doc: next(iter(found)) for doc, found in years.items() if len(found) == 1}


def document_dates(results) -> dict[str, str]:
    """doc_id -> the document's own date: its dateline's, else its publication date."""
    return {
        r.doc_id: (r.dateline or {}).get("date") or r.publication_date or "" for r in results
    }


def with_visits(
    events: pd.DataFrame, entities: pd.DataFrame, dates: dict[str, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events table with each event's `visit_id` (its last column), and the visits."""
    visit_of, visits = cluster_events(events, entities, dates)
    events = events.copy()
    events["visit_id"] = [visit_of.get(str(e), "") for e in events["event_id"]]
    return events, visits
