"""Stable, citable anchors for the numbered parts of a regulation.

第十二条 and "Article 12" both become `#art-12`, 第三章 and "Chapter 3" both
become `#ch-3`, so a link to an article works in either language and survives
a change of the article's wording. Every other heading keeps a readable slug
("第一节 总则" -> `#第一节-总则`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pymdownx.slugs import slugify as _readable_slugify

from .numerals import NumeralError, parse_chinese_numeral

NUMERAL = "[零一二两三四五六七八九十百千]+"

# kind -> (Chinese heading, English heading); the number is group 1.
NUMBERED_HEADINGS = {
    "chapter": (re.compile(rf"第({NUMERAL})章"), re.compile(r"Chapter\s+(\d+)\b", re.I)),
    "article": (re.compile(rf"第({NUMERAL})条"), re.compile(r"Article\s+(\d+)\b", re.I)),
}
ANCHOR_PREFIX = {"chapter": "ch", "article": "art"}

_readable = _readable_slugify(case="lower")


@dataclass(frozen=True)
class NumberedHeading:
    kind: str  # "chapter" or "article"
    number: int

    @property
    def anchor(self) -> str:
        return f"{ANCHOR_PREFIX[self.kind]}-{self.number}"


def numbered_heading(text: str) -> NumberedHeading | None:
    """The chapter or article a heading opens (第十二条 ..., Article 12 ...), if any."""
    text = text.strip()
    for kind, (chinese, english) in NUMBERED_HEADINGS.items():
        if match := chinese.match(text):
            try:
                return NumberedHeading(kind, parse_chinese_numeral(match.group(1)))
            except NumeralError:
                return None  # 第十十条 is not an article; it gets a readable slug
        if match := english.match(text):
            return NumberedHeading(kind, int(match.group(1)))
    return None


def slugify(value: str, separator: str) -> str:
    """The `toc` extension's slugify: `art-N` / `ch-N` for articles and chapters, else readable."""
    if heading := numbered_heading(value):
        return heading.anchor
    return _readable(value, separator)
