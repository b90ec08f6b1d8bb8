"""Responsibility (RACI) views: one regulation's table, the handbook-wide matrix, one role's duties.

Plain data for templates and exports, in one language; the letters and rules
themselves live on `RaciRow` (regulation.py) and are checked by the registry.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from .languages import Languages
from .registry import Handbook, RegulationRecord
from .roles import Role
from .views import RoleView, role_view, title_in

LETTERS = ("R", "A", "C", "I")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RaciActivity:
    number: int  # 1-based within its regulation: anchor #raci-<number>
    label: str
    letters: tuple[str, ...]  # one per column role: "R", "A", "C", "I" or ""


@dataclass(frozen=True)
class RaciTable:
    """One regulation's activities × the roles it uses (in registry order)."""

    regulation_id: str
    title: str
    url: str
    roles: tuple[RoleView, ...]
    activities: tuple[RaciActivity, ...]


@dataclass(frozen=True)
class Duty:
    """One activity a role takes part in, as its role page lists it."""

    letter: str
    regulation_id: str
    title: str
    url: str
    activity: RaciActivity


@dataclass(frozen=True)
class RoleDuties:
    role: RoleView
    owns: tuple[tuple[str, str, str], ...]  # (id, title, url) of regulations it owns
    approves: tuple[tuple[str, str, str], ...]  # ... and approves
    duties: tuple[Duty, ...]  # A and R first, then C, then I


def raci_table(
    record: RegulationRecord,
    roles: Mapping[str, Role],
    language: str,
    url: str = "",
    role_urls: Mapping[str, str] | None = None,
    columns: list[str] | None = None,
) -> RaciTable:
    """The table of one regulation; `columns` forces the role columns (the handbook-wide matrix)."""
    regulation = record.regulation
    used = {role for row in regulation.raci for role in row.letters()}
    keys = columns if columns is not None else [key for key in roles if key in used]
    activities = tuple(
        RaciActivity(number, row.activity.text(language), tuple(row.letters().get(key, "") for key in keys))
        for number, row in enumerate(regulation.raci, start=1)
    )
    columns_shown = tuple(role_view(key, roles, language, role_urls) for key in keys)
    return RaciTable(regulation.id, title_in(record, language), url, columns_shown, activities)


def raci_matrix(
    handbook: Handbook, language: str, urls: Mapping[str, str], role_urls: Mapping[str, str] | None = None
) -> list[RaciTable]:
    """Every regulation with a RACI, by id, all over the same role columns (every role used anywhere)."""
    records = sorted((r for r in handbook.regulations if r.regulation.raci), key=lambda r: r.regulation.id)
    used = {role for r in records for row in r.regulation.raci for role in row.letters()}
    columns = [key for key in handbook.roles if key in used]
    return [raci_table(r, handbook.roles, language, urls.get(r.regulation.id, ""), role_urls, columns) for r in records]


def role_duties(
    handbook: Handbook, language: str, urls: Mapping[str, str], role_urls: Mapping[str, str] | None = None
) -> dict[str, RoleDuties]:
    """Every role's duties, owned and approved regulations, found in one pass over the handbook."""
    by_id = sorted(handbook.regulations, key=lambda r: r.regulation.id)
    duties: dict[str, list[Duty]] = {key: [] for key in handbook.roles}
    for record in by_id:
        regulation, title, url = record.regulation, title_in(record, language), urls.get(record.regulation.id, "")
        for number, row in enumerate(regulation.raci, start=1):
            label = row.activity.text(language)
            for role, letter in row.letters().items():
                activity = RaciActivity(number, label, (letter,))
                duties.setdefault(role, []).append(Duty(letter, regulation.id, title, url, activity))

    def listing(records: list[RegulationRecord]) -> tuple[tuple[str, str, str], ...]:
        return tuple((r.regulation.id, title_in(r, language), urls.get(r.regulation.id, "")) for r in records)

    order = {"A": 0, "R": 0, "C": 1, "I": 2}
    return {
        key: RoleDuties(
            role_view(key, handbook.roles, language, role_urls),
            owns=listing([r for r in by_id if r.regulation.owner == key]),
            approves=listing([r for r in by_id if r.regulation.approver == key]),
            # A and R first, then C, then I; a stable sort keeps the regulations in id order.
            duties=tuple(sorted(found, key=lambda duty: order[duty.letter])),
        )
        for key, found in duties.items()
    }


def raci_csv(matrix: list[RaciTable], headers: Mapping[str, str]) -> str:
    """The matrix as CSV: one row per activity, one column per role; UTF-8 BOM for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    roles = matrix[0].roles if matrix else ()
    writer.writerow(
        _as_text([headers["field_id"], headers["field_title"], headers["raci_activity"], *(r.name for r in roles)])
    )
    for table in matrix:
        for activity in table.activities:
            writer.writerow(_as_text([table.regulation_id, table.title, activity.label, *activity.letters]))
    return "\ufeff" + out.getvalue()


def raci_json(record: RegulationRecord, languages: Languages) -> list[dict[str, object]]:
    """A regulation's RACI rows for handbook.json, role keys as in the front matter."""
    return [
        {
            "activity": {language: row.activity.text(language) for language in languages.all},
            "R": list(row.R),
            "A": row.A,
            "C": list(row.C),
            "I": list(row.I),
        }
        for row in record.regulation.raci
    ]


def _as_text(cells: list[str]) -> list[str]:
    """Prefix formula-looking cells with ' (OWASP's advice), so a spreadsheet shows them as text."""
    return ["'" + cell if cell.startswith(_FORMULA_START) else cell for cell in cells]
