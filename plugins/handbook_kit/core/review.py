"""Review arithmetic: when a regulation is due for review, and where it stands today.

Everything here is a pure function of the record's dates and "today", so the
site, the PDF and the CLI agree on every state.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DUE_SOON_DAYS = 30


class ReviewStatus(StrEnum):
    UPCOMING = "upcoming"  # not yet in force
    CURRENT = "current"
    DUE_SOON = "due-soon"  # due within the due-soon window
    OVERDUE = "overdue"  # the due date has passed
    RETIRED = "retired"  # never overdue
    DRAFT = "draft"  # never overdue


# "12 months", "1 year", "6个月", "2周", and ISO-8601 "P6M", "P1Y6M", "P2W", "P30D".
_UNITS = {
    "day": "days",
    "days": "days",
    "天": "days",
    "日": "days",
    "week": "weeks",
    "weeks": "weeks",
    "周": "weeks",
    "星期": "weeks",
    "month": "months",
    "months": "months",
    "个月": "months",
    "月": "months",
    "year": "years",
    "years": "years",
    "年": "years",
}
_PLAIN = re.compile(r"^\s*(\d+)\s*(days?|weeks?|months?|years?|天|日|周|星期|个月|月|年)\s*$", re.IGNORECASE)
_ISO = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_CHINESE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")

CYCLE_EXPECTED = "N days/weeks/months/years, N天/周/个月/年, or ISO-8601 such as P6M or P1Y"
DATE_EXPECTED = "YYYY-MM-DD or YYYY年M月D日"


@dataclass(frozen=True)
class ReviewCycle:
    """A review interval in calendar units."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> ReviewCycle:
        """Read any accepted spelling; raise ValueError saying what is expected."""
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a review cycle (expected {CYCLE_EXPECTED})")
        if match := _PLAIN.match(text):
            number, unit = int(match.group(1)), _UNITS[match.group(2).lower()]
            cycle = cls(**{unit: number})
        elif match := _ISO.match(text.strip().upper()):
            years, months, weeks, days = (int(part or 0) for part in match.groups())
            cycle = cls(years, months, weeks, days)
        else:
            raise ValueError(f"{text!r} is not a review cycle (expected {CYCLE_EXPECTED})")
        if cycle.is_zero:
            raise ValueError(f"{text!r} is an empty review cycle (expected a positive length)")
        return cycle

    @property
    def is_zero(self) -> bool:
        return not (self.years or self.months or self.weeks or self.days)

    def after(self, start: date) -> date:
        """The day one cycle after `start`; month ends clamp (31 Jan + 1 month = 28/29 Feb)."""
        return add_months(start, 12 * self.years + self.months) + timedelta(weeks=self.weeks, days=self.days)

    def __str__(self) -> str:
        parts = [(self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D")]
        return "P" + "".join(f"{n}{unit}" for n, unit in parts if n)


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_date(value: object) -> date:
    """A calendar day from YAML: a date already, `YYYY-MM-DD` or `YYYY年M月D日`."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if match := _CHINESE_DATE.match(text):
                return date(*(int(part) for part in match.groups()))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar day (expected {DATE_EXPECTED})") from None
    raise ValueError(f"{value!r} is not a date (expected {DATE_EXPECTED})")


def due_date(effective_date: date, last_reviewed: date | None, cycle: ReviewCycle) -> date:
    """Next review: one cycle after the last review, or after the effective date."""
    return cycle.after(last_reviewed or effective_date)


def review_status(
    *,
    status: str,
    effective_date: date,
    due: date,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
) -> ReviewStatus:
    """Where a regulation stands on `today` (see DESIGN: review status)."""
    if status == "retired":
        return ReviewStatus.RETIRED
    if status == "draft":
        return ReviewStatus.DRAFT
    if effective_date > today:
        return ReviewStatus.UPCOMING
    if due < today:
        return ReviewStatus.OVERDUE
    if (due - today).days <= due_soon_days:
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT
