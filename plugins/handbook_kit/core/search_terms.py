"""The handbook's own vocabulary for Chinese word segmentation.

jieba splits Chinese text into words for the search index. Its general
dictionary does not know handbook terms such as 第三方运营方 or 绩效考核 as
single words, so the handbook teaches it two lists:

- terms generated from the content (`handbook_terms`): role names, regulation
  titles and the terms a regulation defines (headings, "term：" list labels,
  bold and quoted terms);
- a hand-kept user dictionary for the rest (`load_search_terms`): one term per
  line, optionally followed by a frequency and a part-of-speech tag (jieba's
  user dictionary format), `#` comments and blank lines allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .anchors import NUMERAL
from .registry import Handbook
from .search_index import HAN
from .structure import body_lines

CHINESE = "zh"  # the language jieba segments


@dataclass(frozen=True)
class SearchTerm:
    word: str
    frequency: int | None = None
    tag: str | None = None


class SearchTermsError(ValueError):
    """A malformed line in the user dictionary, with its location."""


def load_search_terms(path: Path) -> list[SearchTerm]:
    """Read the user dictionary, raising `SearchTermsError` naming path and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SearchTermsError(f"{path}: file not found (expected a search dictionary)") from None
    except UnicodeDecodeError:
        raise SearchTermsError(f"{path}: not UTF-8 text (save the file as UTF-8)") from None
    return [
        term
        for number, line in enumerate(text.splitlines(), start=1)
        if (term := _parse_line(line, path, number)) is not None
    ]


def _parse_line(line: str, path: Path, number: int) -> SearchTerm | None:
    content = line.split("#", 1)[0].strip()
    if not content:
        return None
    parts = content.split()
    if len(parts) > 3:
        raise SearchTermsError(
            f"{path}:{number}: {content!r} has {len(parts)} parts "
            "(expected: term [frequency] [tag], separated by spaces)"
        )
    word, *rest = parts
    frequency = None
    if rest:
        if not rest[0].isdigit():
            raise SearchTermsError(f"{path}:{number}: frequency {rest[0]!r} of {word!r} is not a whole number")
        frequency = int(rest[0])
    tag = rest[1] if len(rest) > 1 else None
    return SearchTerm(word=word, frequency=frequency, tag=tag)


# Terms a regulation defines, as its Markdown writes them.
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_NUMBERING = re.compile(rf"^(第{NUMERAL}[章节条])[ \t]*|^(?:{NUMERAL}、|\d+\.)[ \t]*")
_LABEL = re.compile(r"^[ \t]*(?:\d+[.)]|[-*+])[ \t]+(?:\*\*)?([^：:*]+?)(?:\*\*)?[：:][ \t]*\S")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_QUOTED = re.compile(r"“([^”]+)”")
_TERM = re.compile(f"[{HAN}]{{3,12}}")  # whole Chinese words; two characters jieba knows already
_LEAD_IN = ("包括", "如下")  # "考核内容包括：..." introduces a list; it defines nothing


def handbook_terms(handbook: Handbook, docs_dir: Path) -> list[SearchTerm]:
    """Terms from the content, in a stable order: role names, titles, then defined terms.

    Defined terms are heading names without their numbering (第二章 品牌定位与规划
    gives 第二章 and 品牌定位与规划, so 第一百零五条 is one word too), the label of a
    "term：definition" list item, and bold or quoted terms.
    """
    if CHINESE not in handbook.languages.all:
        return []
    in_source = handbook.languages.source == CHINESE
    found = [role.names[CHINESE] for role in handbook.roles.values() if CHINESE in role.names]
    pages = []  # the regulations' Chinese pages: the source, or the translation where there is one
    for record in handbook.regulations:
        if in_source or record.translation:
            found.append(record.regulation.title if in_source else record.translation.title)
            pages.append(docs_dir / CHINESE / record.page)
    for page in pages:
        text = page.read_text(encoding="utf-8-sig")
        for _number, line in body_lines(text):
            if heading := _HEADING.match(line):
                name = heading.group(1)
                if numbering := _NUMBERING.match(name):
                    found += [numbering.group(1) or ""]
                    name = name[numbering.end() :]
                found.append(name)
                continue
            if (label := _LABEL.match(line)) and not label.group(1).endswith(_LEAD_IN):
                found.append(label.group(1))
            found += _BOLD.findall(line) + _QUOTED.findall(line)
    terms = dict.fromkeys(term.strip() for term in found if _TERM.fullmatch(term.strip()))
    return [SearchTerm(word=term) for term in terms]
