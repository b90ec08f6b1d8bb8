"""Plain-text tables for the terminal, aligned for Chinese (double-width) text."""

from __future__ import annotations

from handbook_kit.core.text import display_width


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows (the first is the header) as left-aligned columns two spaces apart; a cell on one line."""
    rows = [tuple(" ".join(cell.split()) for cell in row) for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)).rstrip() for row in rows
    )
