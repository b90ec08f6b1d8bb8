"""Plain-text tables for the terminal, aligned for Chinese (double-width) text."""

from __future__ import annotations

from unicodedata import east_asian_width


def display_width(text: str) -> int:
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows (the first is the header) as left-aligned columns two spaces apart; a cell on one line."""
    rows = [tuple(" ".join(cell.split()) for cell in row) for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )
