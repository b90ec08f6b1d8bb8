"""What the site shows about the regulations, in one language: plain data for templates.

The plugin hands these records to Jinja templates under `theme/`, which own
the HTML; nothing here knows about MkDocs or markup. Dates are ISO strings,
names are already in the page's language, and every label is a key of the
interface translation table, so one record serves both languages' templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .registry import RegulationRecord
from .review import ReviewCycle, ReviewStatus
from .roles import Role
from .state import RegulationState

# Dashboard order: what needs attention first.
REVIEW_ORDER = (
    ReviewStatus.OVERDUE,
    ReviewStatus.DUE_SOON,
    ReviewStatus.CURRENT,
    ReviewStatus.UPCOMING,
    ReviewStatus.DRAFT,
    ReviewStatus.RETIRED,
)


@dataclass(frozen=True)
class RoleView:
    key: str
    name: str
    url: str = ""  # site-relative URL of the role's page, if there is one


@dataclass(frozen=True)
class RevisionView:
    version: str
    date: str
    summary: str


@dataclass(frozen=True)
class RegulationView:
    """One regulation as a page in `language` shows it."""

    id: str
    title: str
    version: str
    status: str  # draft | active | retired
    review: str  # a ReviewStatus value
    translation: str  # a TranslationStatus value
    owner: RoleView
    approver: RoleView
    effective_date: str
    last_reviewed: str | None  # None: never reviewed since it took effect
    due: str | None  # None: drafts and retired regulations are not reviewed
    review_cycle: str  # in words, e.g. "12 个月" / "12 months"
    source_version: str | None  # the version of the source text the translation translates
    banners: tuple[str, ...]  # notice kinds, most important first
    revisions: tuple[RevisionView, ...]
    url: str = ""  # site-relative URL of the page in this language


@dataclass(frozen=True)
class OwnerGroup:
    owner: RoleView
    regulations: tuple[RegulationView, ...]


@dataclass(frozen=True)
class ReviewDashboard:
    today: str
    counts: tuple[tuple[str, int], ...]  # (review status, number), attention first
    regulations: tuple[RegulationView, ...]  # by due date, undated last
    owners: tuple[OwnerGroup, ...]  # the most urgent owner first


@dataclass(frozen=True)
class Register:
    today: str
    regulations: tuple[RegulationView, ...]  # by id


def regulation_view(
    state: RegulationState,
    roles: Mapping[str, Role],
    language: str,
    text: Mapping[str, str],
    url: str = "",
    role_urls: Mapping[str, str] | None = None,
) -> RegulationView:
    record, regulation = state.record, state.record.regulation
    return RegulationView(
        id=regulation.id,
        title=title_in(record, language),
        version=regulation.version,
        status=regulation.status,
        review=state.review.value,
        translation=state.translation.value,
        owner=role_view(regulation.owner, roles, language, role_urls),
        approver=role_view(regulation.approver, roles, language, role_urls),
        effective_date=regulation.effective_date.isoformat(),
        last_reviewed=regulation.last_reviewed.isoformat() if regulation.last_reviewed else None,
        due=state.due.isoformat() if state.due else None,
        review_cycle=describe_cycle(regulation.review_cycle, text),
        source_version=record.translation.source_version if record.translation else None,
        banners=banners(state, language),
        revisions=tuple(
            RevisionView(r.version, r.date.isoformat(), r.summary.text(language)) for r in regulation.revisions
        ),
        url=url,
    )


def banners(state: RegulationState, language: str) -> tuple[str, ...]:
    """The notices a page shows above the text: review state first, then the translation."""
    kinds = []
    if state.review in (
        ReviewStatus.OVERDUE,
        ReviewStatus.DUE_SOON,
        ReviewStatus.UPCOMING,
        ReviewStatus.RETIRED,
        ReviewStatus.DRAFT,
    ):
        kinds.append(state.review.value)
    # The source is authoritative: translation notices are for readers of the translation.
    if language != state.record.language and state.translation.lags:
        kinds.append(f"translation-{state.translation.value}")
    return tuple(kinds)


def review_dashboard(rows: Iterable[RegulationView], today: date) -> ReviewDashboard:
    """Every regulation by due date (`rows` come so), the count per status and the same rows per owner."""
    rows = tuple(rows)
    counts = tuple((status.value, sum(row.review == status.value for row in rows)) for status in REVIEW_ORDER)
    groups: dict[str, list[RegulationView]] = {}
    for row in rows:  # rows are sorted by due date, so owners come most urgent first
        groups.setdefault(row.owner.key, []).append(row)
    owners = tuple(OwnerGroup(group[0].owner, tuple(group)) for group in groups.values())
    return ReviewDashboard(today.isoformat(), counts, rows, owners)


def register(rows: Iterable[RegulationView], today: date) -> Register:
    return Register(today.isoformat(), tuple(sorted(rows, key=lambda row: row.id)))


def describe_cycle(cycle: ReviewCycle, text: Mapping[str, str]) -> str:
    """ "12 个月" / "1 year 6 months", with the unit words from the interface table."""
    parts = []
    for unit in ("years", "months", "weeks", "days"):
        number = getattr(cycle, unit)
        if number:
            word = text[f"cycle_{unit}"] if number != 1 else text[f"cycle_{unit[:-1]}"]
            parts.append(f"{number}{word}")
    return text["cycle_separator"].join(parts)


def role_view(key: str, roles: Mapping[str, Role], language: str, urls: Mapping[str, str] | None = None) -> RoleView:
    role = roles.get(key)
    return RoleView(key, role.name(language) if role else key, (urls or {}).get(key, ""))


def title_in(record: RegulationRecord, language: str) -> str:
    """The regulation's title as a page in `language` shows it (the source's when untranslated)."""
    if language != record.language and record.translation is not None:
        return record.translation.title
    return record.regulation.title
