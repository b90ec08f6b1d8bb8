"""Files the site publishes for tools: the register as JSON and the review dates as iCalendar.

Both are a pure function of the regulations' states, "today" and the page
addresses, so a build for a pinned day is byte-for-byte reproducible.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar

from .raci import raci_json
from .state import RegulationState
from .views import RegulationView

REGISTER_FORMAT = 1  # bump when a field changes meaning


def register_json(
    states: Sequence[RegulationState], views: Mapping[str, RegulationView], language: str, today: date
) -> str:
    """`handbook.json`: every regulation with its metadata, review and translation state.

    `views` are the regulations as pages in `language` show them, by id, with absolute URLs.
    """
    regulations = []
    for state in sorted(states, key=lambda s: s.record.regulation.id):
        regulation = state.record.regulation
        view = views[regulation.id]
        regulations.append(
            {
                "id": regulation.id,
                "title": view.title,
                "title_zh": regulation.title,
                "url": view.url or None,
                "version": regulation.version,
                "status": regulation.status,
                "owner": {"key": view.owner.key, "name": view.owner.name},
                "approver": {"key": view.approver.key, "name": view.approver.name},
                "effective_date": view.effective_date,
                "last_reviewed": view.last_reviewed,
                "review_cycle": str(regulation.review_cycle),
                "due": view.due,
                "review": view.review,
                "translation": view.translation,
                "source_version": view.source_version,
                "supersedes": list(regulation.supersedes),
                "raci": raci_json(state.record),
            }
        )
    head = {"format": REGISTER_FORMAT, "language": language, "today": today.isoformat()}
    # One regulation a line: as readable in a diff as an indented document, and written by
    # json's C encoder (an indent makes it fall back to pure Python: most of the export's time).
    lines = "".join(f"\n{json.dumps(regulation, ensure_ascii=False)}," for regulation in regulations)
    return json.dumps(head, ensure_ascii=False)[:-1] + f', "regulations": [{lines.removesuffix(",")}\n]}}\n'


def reviews_calendar(
    states: Sequence[RegulationState],
    views: Mapping[str, RegulationView],
    language: str,
    text: Mapping[str, str],
    today: date,
    site_url: str,
) -> bytes:
    """`reviews.ics`: one all-day event on each regulation's review due date.

    An event's UID is the regulation's id, so a subscribed calendar moves the
    event when a review is recorded instead of keeping the old date.
    """
    host = urlsplit(site_url).hostname or "handbook"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//handbook-kit//Operations handbook//" + language.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text["calendar_name"])
    stamp = datetime.combine(today, time(), tzinfo=UTC)  # reproducible, unlike "now"
    for state in sorted(states, key=lambda s: s.record.regulation.id):
        if state.due is None:
            continue
        view = views[state.record.regulation.id]
        event = icalendar.Event()
        event.add("uid", f"{view.id}-review@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", state.due)
        event.add("dtend", state.due + timedelta(days=1))
        event.add("summary", text["calendar_summary"].format(title=view.title, id=view.id))
        event.add(
            "description",
            text["calendar_description"].format(
                owner=view.owner.name, approver=view.approver.name, cycle=view.review_cycle
            ),
        )
        event.add("categories", [view.review])
        event.add("transp", "TRANSPARENT")
        if view.url:
            event.add("url", view.url)
        calendar.add_component(event)
    return calendar.to_ical()
