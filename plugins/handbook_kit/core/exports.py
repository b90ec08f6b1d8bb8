"""Files the site publishes for tools: the register as JSON and the review dates as iCalendar.

Both are a pure function of the regulations' states, "today" and the page
addresses, so a build for a pinned day is byte-for-byte reproducible.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import icalendar

from .languages import Languages
from .raci import raci_json
from .state import RegulationState
from .views import RegulationView

if TYPE_CHECKING:
    from .history_views import ChangeRow

ATOM = "http://www.w3.org/2005/Atom"

REGISTER_FORMAT = 2  # bump when a field changes meaning (2: source_language and source_title, not title_zh)


def register_json(
    states: Sequence[RegulationState],
    views: Mapping[str, RegulationView],
    language: str,
    languages: Languages,
    today: date,
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
                "source_title": regulation.title,
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
                "raci": raci_json(state.record, languages),
            }
        )
    head = {"format": REGISTER_FORMAT, "language": language, "source_language": languages.source}
    head["today"] = today.isoformat()
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


def changes_feed(
    rows: Sequence[ChangeRow],
    language: str,
    text: Mapping[str, str],
    site_name: str,
    site_url: str,
    feed_url: str,
    page_url: str,
) -> bytes:
    """`changes.xml`: an Atom feed with one entry per version change, newest first.

    Entry ids are tag URIs of the site's host, the language, the regulation and
    the version: a feed reader never shows a change twice, whenever the feed is
    rebuilt. Times are the versions' days (from `revisions`, else the commit),
    so the feed is reproducible.
    """
    host = urlsplit(site_url).hostname or "handbook"
    ElementTree.register_namespace("", ATOM)

    def element(parent: ElementTree.Element, name: str, value: str = "", **attributes: str) -> ElementTree.Element:
        child = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        child.text = value or None
        return child

    def stamp(day: str) -> str:
        return f"{day}T00:00:00Z"

    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": language})
    element(feed, "id", f"tag:{host},2026:{language}/changes")
    element(feed, "title", text["feed_title"].format(site=site_name))
    element(feed, "updated", stamp(rows[0].date) if rows else "1970-01-01T00:00:00Z")
    element(feed, "link", rel="self", type="application/atom+xml", href=urljoin(site_url, feed_url))
    if page_url:
        element(feed, "link", rel="alternate", type="text/html", href=urljoin(site_url, page_url))
    element(element(feed, "author"), "name", site_name)
    for row in rows:
        entry = element(feed, "entry")
        element(entry, "id", f"tag:{host},2026:{language}/{row.regulation_id}/{row.new}")
        title = text["feed_entry" if row.old else "feed_entry_first"]
        element(entry, "title", title.format(title=row.title, old=row.old, new=row.new))
        element(entry, "updated", stamp(row.date))
        element(
            entry, "link", rel="alternate", type="text/html", href=urljoin(site_url, row.comparison_url or row.text_url)
        )
        if row.summary:
            element(entry, "summary", f"{row.regulation_id}: {row.summary}")
    ElementTree.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode").encode() + b"\n"
