"""What the history pages show, in one language: plain data for templates (like core/views.py).

A regulation's history page, an archived version's notice, the comparison of
two versions and the handbook-wide list of changes (page and Atom feed). URLs
are site-relative; a regulation's history pages hang off its page's URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from .compare import Comparison, Segment, compare_files
from .registry import RegulationRecord
from .regulation import Regulation
from .roles import Role
from .versions import RegulationHistory, Version
from .views import RegulationView, describe_cycle, role_view, title_in

# Compares two whole files; the metadata of both, when it needs them, from the third argument.
Comparer = Callable[[str, str, Callable[[], tuple[Regulation | None, Regulation | None]]], Comparison]


def history_url(page_url: str) -> str:
    return f"{page_url}history/"


def version_url(page_url: str, version: str) -> str:
    return f"{page_url}v/{version}/"


def comparison_url(page_url: str, version: str, base: str = "", previous: str = "") -> str:
    """The comparison of `version` with `base`: with its predecessor at `v/<version>/changes/`, with an
    older version (a translator's) at `v/<version>/changes/<base>/`."""
    if base and base != previous:
        return f"{page_url}v/{version}/changes/{base}/"
    return f"{page_url}v/{version}/changes/"


@dataclass(frozen=True)
class VersionRow:
    version: str
    date: str  # ISO, or "" when nothing says
    summary: str
    state: str  # current | superseded | not-archived
    text_url: str  # "" when not archived
    comparison_url: str  # "" without an archived predecessor
    previous: str  # the version it is compared with ("" without)


@dataclass(frozen=True)
class HistoryPage:
    regulation_id: str
    title: str
    url: str  # the current page
    rows: tuple[VersionRow, ...]  # newest first
    lacking: bool  # built without part of the history


@dataclass(frozen=True)
class ArchivedNotice:
    """Above an archived version's text: what superseded it, and when."""

    version: str
    successor: str
    date: str
    current_url: str
    history_url: str
    translation_missing: bool  # the translation's page shows the source text


@dataclass(frozen=True)
class FieldRow:
    label: str  # interface key of the field
    old: str
    new: str


@dataclass(frozen=True)
class ArticleRow:
    kind: str  # changed | added | removed
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    old_anchor: str
    new_anchor: str


@dataclass(frozen=True)
class ComparisonPage:
    regulation_id: str
    title: str
    old: str
    new: str
    old_url: str
    new_url: str
    history_url: str
    fields: tuple[FieldRow, ...]
    articles: tuple[ArticleRow, ...]
    unchanged: int
    translation_missing: bool  # the translation's page compares the source texts


@dataclass(frozen=True)
class ChangeRow:
    date: str
    regulation_id: str
    title: str
    url: str  # the regulation's current page
    old: str  # "" for a first issue
    new: str
    summary: str
    comparison_url: str  # "" for a first issue
    text_url: str  # the version's text (the current page for the current version)


def translator_base(record: RegulationRecord, history: RegulationHistory) -> str:
    """The version an outdated translation translates, when history holds its text: what a translator
    compares the current version with ("" otherwise)."""
    source = record.translation.source_version if record.translation else ""
    old = history.get(source) if source and source != record.regulation.version else None
    return source if old is not None and old.archived else ""


def comparisons(record: RegulationRecord, history: RegulationHistory) -> Iterator[tuple[Version, str, str]]:
    """Every comparison a regulation's history has: (version, the version it is compared with, its predecessor).
    Each version with an archived predecessor against it; the current one also against the version its
    outdated translation translates."""
    for version in history.versions:
        if not (version.archived or version.current):
            continue
        previous = history.previous(version)
        bases = [previous.version] if previous else []
        if version.current and (base := translator_base(record, history)) and base not in bases:
            bases.append(base)  # what a translator carries over: all since their version
        for base in bases:
            yield version, base, previous.version if previous else ""


def rows_of(history: RegulationHistory, language: str, page_url: str) -> tuple[VersionRow, ...]:
    rows = []
    for version in history.versions:
        previous = history.previous(version)
        rows.append(
            VersionRow(
                version.version,
                version.date.isoformat() if version.date else "",
                _summary(version, language),
                "current" if version.current else "superseded" if version.archived else "not-archived",
                page_url if version.current else version_url(page_url, version.version) if version.archived else "",
                comparison_url(page_url, version.version) if previous and (version.archived or version.current) else "",
                previous.version if previous else "",
            )
        )
    return tuple(rows)


def history_page(
    record: RegulationRecord, history: RegulationHistory, language: str, page_url: str, lacking: bool
) -> HistoryPage:
    return HistoryPage(
        record.regulation.id,
        title_in(record, language),
        page_url,
        rows_of(history, language, page_url),
        lacking,
    )


def archived_notice(history: RegulationHistory, version: Version, language: str, page_url: str) -> ArchivedNotice:
    successor = history.successor(version)
    return ArchivedNotice(
        version.version,
        successor.version if successor else "",
        successor.date.isoformat() if successor and successor.date else "",
        page_url,
        history_url(page_url),
        version.languages.is_translation(language) and version.translation is None,
    )


def comparison_page(
    record: RegulationRecord,
    history: RegulationHistory,
    version: str,
    base: str,
    language: str,
    page_url: str,
    current_text: str,
    current_translation: str | None,
    roles: Mapping[str, Role],
    comparing: Comparer = compare_files,
) -> ComparisonPage:
    """`version` against `base` (both known to history, `version` possibly the current one).

    `comparing` compares two whole files (core/compare.py, or the same remembered between builds)."""
    new, old = history.get(version), history.get(base)
    assert new is not None and old is not None
    new_text = current_text if new.current else new.text
    translated = record.translation is not None and record.translation.source_version == record.regulation.version
    new_translation = (current_translation if translated else None) if new.current else new.translation
    # A translation's reader compares translations when both versions have one, else the source texts.
    in_translation = language != record.language and old.translation is not None and new_translation is not None
    compared: Comparison = comparing(
        old.translation if in_translation and old.translation else old.text,
        new_translation if in_translation and new_translation else new_text,
        lambda: (old.regulation, new.regulation),
    )
    return ComparisonPage(
        record.regulation.id,
        title_in(record, language),
        old.version,
        new.version,
        version_url(page_url, old.version),
        page_url if new.current else version_url(page_url, new.version),
        history_url(page_url),
        tuple(
            FieldRow(
                f"field_{change.field}",
                _field(change.field, change.old, roles, language),
                _field(change.field, change.new, roles, language),
            )
            for change in compared.fields
        ),
        tuple(
            ArticleRow(
                change.kind,
                change.old_segments,
                change.new_segments,
                change.old.anchor if change.old else "",
                change.new.anchor if change.new else "",
            )
            for change in compared.articles
        ),
        compared.unchanged,
        language != record.language and not in_translation,
    )


def changes(
    records: Mapping[str, RegulationRecord],
    histories: Mapping[str, RegulationHistory],
    language: str,
    urls: Mapping[str, str],
) -> tuple[ChangeRow, ...]:
    """Every version change across the handbook, newest first (then by id): the what's-new page and the feed."""
    rows = []
    for regulation_id, history in histories.items():
        record, page_url = records[regulation_id], urls.get(regulation_id, "")
        if not page_url:
            continue
        for version in history.versions:
            if version.date is None or not (version.current or version.archived):
                continue  # not archived: its text cannot be shown, nor its change
            previous = history.previous(version)
            rows.append(
                ChangeRow(
                    version.date.isoformat(),
                    regulation_id,
                    title_in(record, language),
                    page_url,
                    previous.version if previous else "",
                    version.version,
                    _summary(version, language),
                    comparison_url(page_url, version.version) if previous else "",
                    page_url if version.current else version_url(page_url, version.version),
                )
            )
    return tuple(sorted(rows, key=lambda row: (row.date, row.regulation_id, row.new), reverse=True))


def _summary(version: Version, language: str) -> str:
    return version.summary.text(language) if version.summary else ""


def _field(name: str, value: str, roles: Mapping[str, Role], language: str) -> str:
    if name in ("owner", "approver") and value in roles:
        return roles[value].name(language)
    return value


def archived_view(
    record: RegulationRecord,
    version: Version,
    roles: Mapping[str, Role],
    language: str,
    text: Mapping[str, str],
    role_urls: Mapping[str, str],
    url: str,
) -> RegulationView | None:
    """The card of an archived version: its metadata then (None when they no longer read as valid)."""
    regulation = version.regulation
    if regulation is None:
        return None
    in_source = language == record.language
    title = version.translation_title if not in_source and version.translation_title else regulation.title
    return RegulationView(
        id=regulation.id,
        title=title if in_source or version.translation_title else title_in(record, language),
        version=regulation.version,
        status=regulation.status,
        review="superseded",
        translation="ok" if in_source or version.translation else "missing",
        owner=role_view(regulation.owner, roles, language, role_urls),
        approver=role_view(regulation.approver, roles, language, role_urls),
        effective_date=regulation.effective_date.isoformat(),
        last_reviewed=regulation.last_reviewed.isoformat() if regulation.last_reviewed else None,
        due=None,
        review_cycle=describe_cycle(regulation.review_cycle, text),
        source_version=None,
        banners=(),
        revisions=(),
        url=url,
    )
