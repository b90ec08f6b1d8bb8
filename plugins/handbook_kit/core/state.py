"""Where every regulation stands on a given day: review and translation status, and the gate."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from .languages import Languages
from .registry import Handbook, RegulationRecord
from .review import DUE_SOON_DAYS, ReviewStatus, due_date, review_status


class TranslationStatus(StrEnum):
    OK = "ok"
    OUTDATED = "outdated"  # the translation translates another version of the source
    MISSING = "missing"  # no translation: the source page is shown in its place, with a notice
    NONE = "none"  # a handbook in one language: nothing to translate

    @property
    def lags(self) -> bool:
        """The translation is outdated or missing: a notice for its readers, a condition of the gate."""
        return self in (TranslationStatus.OUTDATED, TranslationStatus.MISSING)


# What `--fail-on` accepts, and the state each name means.
GATE_CONDITIONS = ("overdue", "due-soon", "translation-outdated", "translation-missing", "unversioned-change")
DEFAULT_GATE = ("overdue",)


@dataclass(frozen=True)
class RegulationState:
    record: RegulationRecord
    due: date | None  # None for drafts and retired regulations
    review: ReviewStatus
    translation: TranslationStatus
    unversioned_change: bool = False  # its text changed under the version it had (core/changes.py)

    def conditions(self) -> set[str]:
        """The gate conditions this regulation meets."""
        met = {self.review.value} & {"overdue", "due-soon"}
        if self.translation.lags:
            met.add(f"translation-{self.translation.value}")
        if self.unversioned_change:
            met.add("unversioned-change")
        return met


def evaluate(
    handbook: Handbook, today: date, due_soon_days: int = DUE_SOON_DAYS, unversioned: Collection[str] = ()
) -> list[RegulationState]:
    """Every regulation's state on `today`, sorted by due date (undated last), then id.

    `unversioned`: the ids of the regulations whose text changed without a new version."""
    states = [
        replace(state, unversioned_change=True) if state.record.regulation.id in unversioned else state
        for state in (_state(record, today, due_soon_days, handbook.languages) for record in handbook.regulations)
    ]
    return sorted(states, key=lambda s: (s.due is None, s.due or date.max, s.record.regulation.id))


def gate_failures(states: list[RegulationState], fail_on: tuple[str, ...]) -> list[tuple[RegulationState, list[str]]]:
    """The regulations that fail the gate, with the conditions they meet."""
    failing = []
    for state in states:
        met = sorted(state.conditions() & set(fail_on))
        if met:
            failing.append((state, met))
    return failing


def _state(record: RegulationRecord, today: date, due_soon_days: int, languages: Languages) -> RegulationState:
    regulation = record.regulation
    due = due_date(regulation.effective_date, regulation.last_reviewed, regulation.review_cycle)
    review = review_status(
        status=regulation.status,
        effective_date=regulation.effective_date,
        due=due,
        today=today,
        due_soon_days=due_soon_days,
    )
    if review in (ReviewStatus.RETIRED, ReviewStatus.DRAFT):
        due = None
    if languages.translation is None:
        translation = TranslationStatus.NONE
    elif record.translation is None:
        translation = TranslationStatus.MISSING
    elif record.translation.source_version != regulation.version:
        translation = TranslationStatus.OUTDATED
    else:
        translation = TranslationStatus.OK
    return RegulationState(record, due, review, translation)
