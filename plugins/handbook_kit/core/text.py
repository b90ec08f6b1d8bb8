"""Text as it shows: a Chinese character takes two columns, a control character none."""

from __future__ import annotations

import re
from unicodedata import east_asian_width

# C0 and C1 control characters but tab and line feed: invisible on a page, obeyed by a
# terminal (ESC), forbidden in XML and iCalendar. Text keeps them as visible pictures.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


def code_point(char: str) -> str:
    """ "U+0007": how a character is named to an editor."""
    return f"U+{ord(char):04X}"


def visible_controls(text: str) -> str:
    """`text` with each control character replaced by its Unicode picture (␇ for BEL; � for C1)."""
    return CONTROL.sub(lambda match: _picture(match.group()), text)


def control_characters(text: str) -> str:
    """What an editor needs to find them: "control character U+0007, U+001B, shown as ␇␛"."""
    chars = "".join(dict.fromkeys(CONTROL.findall(text)))
    return f"control character {', '.join(code_point(char) for char in chars)}, shown as {visible_controls(chars)}"


def _picture(char: str) -> str:
    code = ord(char)
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
