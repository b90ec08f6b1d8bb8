"""Measuring and cutting text as it shows: a Chinese character takes two columns."""

from __future__ import annotations

from unicodedata import east_asian_width


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal or a running header: 2 for wide (CJK) characters, else 1."""
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to at most `width` columns with "…" if it is longer."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += display_width(char)
        if used > width - 1:  # room for the ellipsis
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"
