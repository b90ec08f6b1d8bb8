"""What "today" is: every review date and build stamp is computed against it.

Order of precedence: an explicit value (the CLI's `--today`), then the
`HANDBOOK_TODAY` environment variable, then `SOURCE_DATE_EPOCH` (the
reproducible-builds convention: seconds since 1970, its UTC day), then the
system date. Tests and reproducible builds always pin it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

TODAY_VARIABLE = "HANDBOOK_TODAY"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


class TodayError(ValueError):
    """A pinned "today" that is not a calendar date."""


def resolve_today(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> date:
    """Return the day the handbook is evaluated on."""
    if explicit:
        return _parse_day(explicit, source="--today")
    environ = os.environ if environ is None else environ
    pinned = environ.get(TODAY_VARIABLE, "").strip()
    if pinned:
        return _parse_day(pinned, source=TODAY_VARIABLE)
    epoch = environ.get(EPOCH_VARIABLE, "").strip()
    if epoch:
        if not epoch.isdigit():
            raise TodayError(
                f"{EPOCH_VARIABLE}: {epoch!r} is not a time (expected seconds since 1970-01-01 UTC, e.g. 1795478400)"
            )
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def _parse_day(value: str, *, source: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise TodayError(f"{source}: {value!r} is not a date (expected YYYY-MM-DD, e.g. 2026-11-24)") from None
