from datetime import date, datetime

import pytest

from handbook_kit.core.review import (
    ReviewCycle,
    ReviewStatus,
    add_months,
    due_date,
    parse_date,
    review_status,
)


@pytest.mark.parametrize(
    ("text", "cycle"),
    [
        ("12 months", ReviewCycle(months=12)),
        ("1 month", ReviewCycle(months=1)),
        ("1 year", ReviewCycle(years=1)),
        ("2 Years", ReviewCycle(years=2)),
        ("2 weeks", ReviewCycle(weeks=2)),
        ("90 days", ReviewCycle(days=90)),
        ("1 day", ReviewCycle(days=1)),
        ("6个月", ReviewCycle(months=6)),
        ("6 个月", ReviewCycle(months=6)),
        ("1年", ReviewCycle(years=1)),
        ("2周", ReviewCycle(weeks=2)),
        ("30天", ReviewCycle(days=30)),
        ("P6M", ReviewCycle(months=6)),
        ("P1Y", ReviewCycle(years=1)),
        ("P1Y6M", ReviewCycle(years=1, months=6)),
        ("P2W", ReviewCycle(weeks=2)),
        ("P30D", ReviewCycle(days=30)),
        ("p6m", ReviewCycle(months=6)),
    ],
)
def test_every_cycle_spelling(text, cycle):
    assert ReviewCycle.parse(text) == cycle


@pytest.mark.parametrize(
    "text", ["", "12", "monthly", "P", "PT6H", "0 months", "P0M", "six months", "-1 year", "1.5 years"]
)
def test_bad_cycles_say_what_is_expected(text):
    with pytest.raises(ValueError, match=r"expected"):
        ReviewCycle.parse(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),  # across a year end
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
    ],
)
def test_calendar_month_arithmetic(start, months, expected):
    assert add_months(start, months) == expected


def test_due_date_counts_from_last_review_else_effective_date():
    cycle = ReviewCycle(months=12)
    assert due_date(date(2024, 1, 1), None, cycle) == date(2025, 1, 1)
    assert due_date(date(2024, 1, 1), date(2025, 6, 30), cycle) == date(2026, 6, 30)
    assert due_date(date(2024, 1, 31), None, ReviewCycle(months=1, weeks=1)) == date(2024, 3, 7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-01", date(2024, 1, 1)),
        ("2024年1月1日", date(2024, 1, 1)),
        ("2024年12月31日", date(2024, 12, 31)),
        (date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_both_date_spellings(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["2024-02-30", "2024年2月30日", "2024/01/01", "01-01-2024", 20240101, None, datetime(2024, 1, 1, 9, 0)]
)
def test_bad_dates_say_what_is_expected(value):
    with pytest.raises(ValueError, match=r"expected YYYY-MM-DD or YYYY年M月D日"):
        parse_date(value)


TODAY = date(2026, 11, 24)


def status_on(due: date, *, status="active", effective=date(2024, 1, 1), today=TODAY) -> ReviewStatus:
    return review_status(status=status, effective_date=effective, due=due, today=today)


def test_overdue_only_once_the_due_day_has_passed():
    assert status_on(date(2026, 11, 23)) is ReviewStatus.OVERDUE
    assert status_on(date(2026, 11, 24)) is ReviewStatus.DUE_SOON  # due today is not yet overdue


def test_due_soon_window_is_30_days_inclusive():
    assert status_on(date(2026, 12, 24)) is ReviewStatus.DUE_SOON  # 30 days away
    assert status_on(date(2026, 12, 25)) is ReviewStatus.CURRENT  # 31 days away


def test_due_soon_window_is_configurable():
    due = date(2027, 1, 10)
    assert (
        review_status(status="active", effective_date=date(2024, 1, 1), due=due, today=TODAY, due_soon_days=60)
        is ReviewStatus.DUE_SOON
    )


def test_not_yet_effective_is_upcoming_even_when_due_has_passed():
    assert status_on(date(2020, 1, 1), effective=date(2026, 11, 25)) is ReviewStatus.UPCOMING
    assert status_on(date(2027, 6, 1), effective=TODAY) is ReviewStatus.CURRENT


@pytest.mark.parametrize("status", ["retired", "draft"])
def test_retired_and_draft_are_never_overdue(status):
    assert status_on(date(2020, 1, 1), status=status) == ReviewStatus(status)
