from datetime import date

import pytest

from handbook_kit.core.today import TodayError, resolve_today


def test_explicit_day_wins_over_environment():
    assert resolve_today("2025-01-31", {"HANDBOOK_TODAY": "2024-02-29"}) == date(2025, 1, 31)


def test_environment_pins_today():
    assert resolve_today(None, {"HANDBOOK_TODAY": "2024-02-29"}) == date(2024, 2, 29)


def test_system_date_when_nothing_is_pinned():
    assert resolve_today(None, {}) == date.today()


@pytest.mark.parametrize("value", ["2024-02-30", "24-1-1", "tomorrow"])
def test_a_pinned_day_that_is_not_a_date_names_its_source(value):
    with pytest.raises(TodayError, match=r"HANDBOOK_TODAY: .* is not a date \(expected YYYY-MM-DD"):
        resolve_today(None, {"HANDBOOK_TODAY": value})


def test_source_date_epoch_pins_today_when_handbook_today_does_not():
    assert resolve_today(environ={"SOURCE_DATE_EPOCH": "1795478400"}) == date(2026, 11, 24)
    assert resolve_today(environ={"SOURCE_DATE_EPOCH": "1795478400", "HANDBOOK_TODAY": "2025-01-01"}) == date(
        2025, 1, 1
    )
    with pytest.raises(TodayError, match="SOURCE_DATE_EPOCH: 'yesterday' is not a time"):
        resolve_today(environ={"SOURCE_DATE_EPOCH": "yesterday"})
