"""Problems found in the handbook's files, each pinned to a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # invalid input: the build and `handbook check` fail
    WARNING = "warning"  # allowed but suspicious


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def field_label(location: tuple[str | int, ...]) -> str:
    """("raci", 1, "A") -> "raci[1].A"; an empty key shows as ""."""
    label = ""
    for part in location:
        name = str(part) or '""'
        label += f"[{part}]" if isinstance(part, int) else (f".{name}" if label else name)
    return label
