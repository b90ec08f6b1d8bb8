"""Structure lint: numbered parts that skip or repeat, and headings with nothing under them.

A regulation is cited by number (第十二条, 第二章, 第 3 项), so a number that
skips or repeats is a defect a reader will trip over. The checks run on the
Markdown source line by line (fast enough for thousands of pages, with fenced
code skipped) and return warnings pinned to file and line.

A gap that is faithful to the source text is kept and declared where it is,
the way linters take an inline exception:

    <!-- handbook-check allow list-number: 原文缺第 3 项，见编者注 -->
    4. 运营改进方法。

The comment covers the next line with content; an exception that covers
nothing is itself reported, so exceptions do not outlive their reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .anchors import NUMERAL, numbered_heading
from .numerals import NumeralError, parse_chinese_numeral, to_chinese_numeral
from .problems import Problem, Severity
from .text import CONTROL, control_characters

RULES = {
    "chapter-number": "章 / Chapter numbers count up by one from 1",
    "article-number": "条 / Article numbers count up by one from 1 through the whole regulation",
    "section-number": "一、二、 / 1. 2. headings count up by one under their parent heading",
    "list-number": "numbered list items count up by one (a list may start again at 1)",
    "empty-heading": "every heading has text before the next heading of its level",
    "article-parity": "a translation has the same chapters and articles as the source text",
    "unused-allow": "an allow comment covers a finding on the next line",
    "control-character": "the text has no control characters (invisible on the page, a box in the PDF)",
}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRIBUTES = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")  # attr_list: ## Title { #id }
_LIST_ITEM = re.compile(r"^([ \t]*)(\d{1,9})[.)](?:[ \t]|$)")
_CHINESE_SECTION = re.compile(rf"^({NUMERAL})、")
_ENGLISH_SECTION = re.compile(r"^(\d+)\.[ \t]")
_ALLOW = re.compile(r"<!--\s*handbook-check\s+allow\s+([a-z-]+)\s*(?::\s*(.*?))?\s*-->")
_COMMENT_ONLY = re.compile(r"^\s*<!--.*-->\s*$")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    kind: str | None = None  # "chapter", "article" or "section"
    number: int | None = None
    chinese: bool = True

    def label(self, number: int | None = None) -> str:
        """How the part is written: 第三条, Article 3, 三、, 3."""
        number = self.number if number is None else number
        if self.kind == "section":
            return f"{to_chinese_numeral(number)}、" if self.chinese else f"{number}."
        if self.chinese:
            return f"第{to_chinese_numeral(number)}{'章' if self.kind == 'chapter' else '条'}"
        return f"{'Chapter' if self.kind == 'chapter' else 'Article'} {number}"


@dataclass(frozen=True)
class ListItem:
    line: int
    indent: int
    number: int


@dataclass
class Outline:
    """What the lint needs from one Markdown file."""

    headings: list[Heading] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    content_lines: list[int] = field(default_factory=list)  # lines with body text (not headings, not comments)
    allows: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (rule, reason)
    controls: dict[int, str] = field(default_factory=dict)  # line -> the control characters on it
    last_line: int = 0

    def numbered(self, kind: str) -> list[Heading]:
        return [heading for heading in self.headings if heading.kind == kind]


def body_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the Markdown body: front matter and fenced code left out."""
    lines = _lines(text)
    fence: str | None = None
    for number, line in enumerate(lines[_body_start(lines) :], start=_body_start(lines) + 1):
        if fence:
            if line.strip().startswith(fence):
                fence = None
        elif match := _FENCE.match(line):
            fence = match.group(1)[:3]
        else:
            yield number, line


def outline(text: str) -> Outline:
    """Headings, numbered list items and body lines of a Markdown file (front matter skipped)."""
    result = Outline()
    lines = _lines(text)
    result.last_line = len(lines)
    start = _body_start(lines)
    fence: str | None = None
    any_controls = CONTROL.search(text) is not None  # rare: look line by line only then
    for number, line in enumerate(lines[start:], start=start + 1):
        if any_controls and (controls := CONTROL.findall(line)):
            result.controls[number] = "".join(dict.fromkeys(controls))
        if fence:
            result.content_lines.append(number)
            if line.strip().startswith(fence):
                fence = None
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)[:3]
            result.content_lines.append(number)
        elif match := _HEADING.match(line):
            result.headings.append(_heading(number, len(match.group(1)), _ATTRIBUTES.sub("", match.group(2))))
        elif match := _ALLOW.search(line):
            result.allows[number] = (match.group(1), match.group(2) or "")
        elif _COMMENT_ONLY.match(line) or not line.strip():
            continue
        else:
            result.content_lines.append(number)
            if match := _LIST_ITEM.match(line):
                result.items.append(ListItem(number, len(match.group(1).expandtabs(4)), int(match.group(2))))
    return result


def lint(page: Outline, path: str, original: Outline | None = None, source_language: str = "zh") -> list[Problem]:
    """Warnings for one Markdown file (see `outline`), minus those its allow comments cover.

    For a translation, pass the outline of its original (written in `source_language`)
    to also check that both have the same chapters and articles.
    """
    findings = _findings(page, path)
    if original is not None:
        findings += _parity(original, page, path, source_language)
    return apply_allows(page, path, findings)


def apply_allows(page: Outline, path: str, findings: list[Problem]) -> list[Problem]:
    """Drop findings that an allow comment covers; report allow comments that cover nothing."""
    covering: dict[tuple[int, str], int] = {}  # (covered line, rule) -> line of the allow comment
    for line, (rule, _reason) in page.allows.items():
        covering[(_next_content_line(page, line), rule)] = line
    used: set[int] = set()
    kept = []
    for finding in findings:
        if (allow := covering.get((finding.line, finding.field))) is not None:
            used.add(allow)
        else:
            kept.append(finding)
    for line, (rule, reason) in sorted(page.allows.items()):
        if rule not in RULES:
            kept.append(
                _warning(path, line, "unused-allow", f"unknown rule {rule!r} (expected one of: {', '.join(RULES)})")
            )
        elif line not in used:
            kept.append(
                _warning(
                    path,
                    line,
                    "unused-allow",
                    f"nothing to allow: no {rule} finding on the next line (remove the comment)",
                )
            )
        elif not reason:
            kept.append(
                _warning(
                    path,
                    line,
                    "unused-allow",
                    f"the exception for {rule} gives no reason (expected "
                    f"<!-- handbook-check allow {rule}: why the gap is kept -->)",
                )
            )
    return sorted(kept)


_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def _parity(original: Outline, translation: Outline, path: str, source_language: str) -> list[Problem]:
    """Chapters and articles that one language has and the other lacks (on the translation's file,
    numbered as it numbers them: 第三条 in Chinese, Article 3 in English)."""
    problems = []
    source = _LANGUAGE_NAMES.get(source_language, source_language)
    for kind in ("chapter", "article"):
        source_numbers = {heading.number for heading in original.numbered(kind)}
        headings = translation.numbered(kind)
        numbers = {heading.number for heading in headings}
        for heading in headings:
            if heading.number not in source_numbers:
                problems.append(
                    _warning(
                        path,
                        heading.line,
                        "article-parity",
                        f"{heading.label()} is not in the {source} text (expected the same {kind}s in both languages)",
                    )
                )
        for number in sorted(source_numbers - numbers):
            after = [heading.line for heading in headings if heading.number is not None and heading.number < number]
            line = max(after, default=translation.headings[0].line if translation.headings else 1)
            label = Heading(0, 0, "", kind, number, chinese=source_language != "zh").label()
            problems.append(
                _warning(
                    path,
                    line,
                    "article-parity",
                    f"{label} of the {source} text is missing here "
                    "(expected a translation of every chapter and article)",
                )
            )
    return problems


def _findings(page: Outline, path: str) -> list[Problem]:
    problems = []
    for kind, rule in (("chapter", "chapter-number"), ("article", "article-number")):
        problems += _sequence(page.numbered(kind), path, rule)
    problems += _sections(page, path)
    problems += _list_numbers(page, path)
    problems += _empty_headings(page, path)
    problems += [
        _warning(
            path,
            line,
            "control-character",
            f"{control_characters(chars)}, invisible on the page (expected printable text: remove it)",
        )
        for line, chars in page.controls.items()
    ]
    return problems


def _sequence(headings: list[Heading], path: str, rule: str) -> list[Problem]:
    """Numbers that should run 1, 2, 3 ... through a list of headings."""
    problems = []
    seen: dict[int, int] = {}
    previous: Heading | None = None
    for heading in headings:
        assert heading.number is not None
        expected = previous.number + 1 if previous and previous.number is not None else 1
        if heading.number in seen:
            problems.append(
                _warning(
                    path,
                    heading.line,
                    rule,
                    f"{heading.label()} appears again "
                    f"(first on line {seen[heading.number]}; expected {heading.label(expected)})",
                )
            )
        elif heading.number != expected:
            before = f"follows {previous.label()}" if previous else "is the first"
            problems.append(
                _warning(path, heading.line, rule, f"{heading.label()} {before} (expected {heading.label(expected)})")
            )
        seen.setdefault(heading.number, heading.line)
        previous = heading
    return problems


def _sections(page: Outline, path: str) -> list[Problem]:
    """一、二、 headings: numbered under their parent, so counted per parent heading."""
    problems = []
    groups: dict[tuple[int, int], list[Heading]] = {}
    parents: dict[int, int] = {}  # level -> line of the latest heading at that level
    for heading in page.headings:
        parents = {level: line for level, line in parents.items() if level < heading.level}
        if heading.kind == "section":
            parent = max(parents.items(), default=(0, 0))[1]
            groups.setdefault((parent, heading.level), []).append(heading)
        parents[heading.level] = heading.line
    for group in groups.values():
        problems += _sequence(group, path, "section-number")
    return problems


def _list_numbers(page: Outline, path: str) -> list[Problem]:
    """Numbered items count up under a heading; a list may start again at 1."""
    problems = []
    boundaries = [heading.line for heading in page.headings]
    last: dict[int, ListItem] = {}  # indent -> previous item at that indent
    boundary = 0
    for item in page.items:
        while boundary < len(boundaries) and boundaries[boundary] < item.line:
            last.clear()  # a heading starts the count again
            boundary += 1
        last = {indent: previous for indent, previous in last.items() if indent <= item.indent}
        previous = last.get(item.indent)
        if item.number != 1:
            expected = previous.number + 1 if previous else 1
            if item.number != expected:
                after = f"follows item {previous.number} (line {previous.line})" if previous else "starts the list"
                problems.append(
                    _warning(path, item.line, "list-number", f"item {item.number} {after} (expected {expected})")
                )
        last[item.indent] = item
    return problems


def _empty_headings(page: Outline, path: str) -> list[Problem]:
    problems = []
    for index, heading in enumerate(page.headings):
        following = next((h for h in page.headings[index + 1 :] if h.level <= heading.level), None)
        end = following.line if following else page.last_line + 1
        # Headings and content lines come in the order of the file: look at what comes next.
        has_subheadings = index + 1 < len(page.headings) and page.headings[index + 1].line < end
        text_after = bisect.bisect_right(page.content_lines, heading.line)
        has_text = text_after < len(page.content_lines) and page.content_lines[text_after] < end
        if not has_text and not has_subheadings:
            problems.append(
                _warning(
                    path,
                    heading.line,
                    "empty-heading",
                    f"{heading.text!r} has no text under it (expected its text, or remove the heading)",
                )
            )
    return problems


def _heading(line: int, level: int, text: str) -> Heading:
    text = text.strip()
    if numbered := numbered_heading(text):
        return Heading(line, level, text, numbered.kind, numbered.number, not text[:1].isascii())
    if match := _CHINESE_SECTION.match(text):
        try:
            return Heading(line, level, text, "section", parse_chinese_numeral(match.group(1)), True)
        except NumeralError:
            pass
    elif match := _ENGLISH_SECTION.match(text):
        return Heading(line, level, text, "section", int(match.group(1)), False)
    return Heading(line, level, text)


def _lines(text: str) -> list[str]:
    """The lines as an editor counts them: split at line feeds only (str.splitlines also splits
    at form feeds and other control characters, which would shift every line number after them)."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def _body_start(lines: list[str]) -> int:
    """Index of the first line after the front matter (0 without front matter)."""
    if lines and lines[0].lstrip("\ufeff").strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return index + 1
    return 0


def _next_content_line(page: Outline, line: int) -> int:
    """The line an allow comment on `line` covers: the next heading, item or text line."""
    candidates = [n for n in page.content_lines if n > line] + [h.line for h in page.headings if h.line > line]
    return min(candidates, default=0)


def _warning(path: str, line: int, rule: str, message: str) -> Problem:
    return Problem(path, line, rule, message, Severity.WARNING)
