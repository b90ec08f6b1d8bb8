"""The 修订对照表: what changed between two versions of a regulation, article by article.

Metadata that changed comes first. The text is cut into articles (第N条 /
Article N; where a document has none, into its heading sections), the two
versions' articles are aligned by their text (so that an article inserted
before others does not make every later one "changed"), and each changed
article is compared inside its text: character by character in Chinese, word
by word in English. Added and removed articles are shown whole; unchanged
ones are counted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .anchors import numbered_heading, slugify
from .changes import body
from .regulation import Regulation

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A token of the inline comparison: a Latin word or number, a run of spaces, or any one other character
# (so a Chinese text is compared character by character, an English one word by word).
_TOKEN = re.compile(r"[A-Za-z0-9_'’-]+|\s+|.", re.S)
# The metadata a reader cares about, in the order shown.
COMPARED_FIELDS = ("title", "status", "owner", "approver", "effective_date", "review_cycle")


@dataclass(frozen=True)
class Article:
    heading: str  # its heading's text ("" for the text before the first heading)
    anchor: str  # its anchor on the page ("" for that text)
    text: str  # its text under the heading

    @property
    def key(self) -> str:
        """What aligns it with its counterpart: its text, whatever its number."""
        return self.text


@dataclass(frozen=True)
class Segment:
    kind: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class ArticleChange:
    kind: Literal["changed", "added", "removed"]
    old: Article | None
    new: Article | None
    old_segments: tuple[Segment, ...]  # the old text, deletions marked
    new_segments: tuple[Segment, ...]  # the new text, insertions marked


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Comparison:
    fields: tuple[FieldChange, ...]
    articles: tuple[ArticleChange, ...]
    unchanged: int  # articles the same in both versions

    def to_data(self) -> dict:
        """As JSON-ready data (a cache keeps comparisons between builds); `from_data` reads it back."""

        def article(item: Article | None) -> list[str] | None:
            return [item.heading, item.anchor, item.text] if item else None

        return {
            "fields": [[f.field, f.old, f.new] for f in self.fields],
            "articles": [
                [
                    a.kind,
                    article(a.old),
                    article(a.new),
                    [[s.kind, s.text] for s in a.old_segments],
                    [[s.kind, s.text] for s in a.new_segments],
                ]
                for a in self.articles
            ],
            "unchanged": self.unchanged,
        }

    @classmethod
    def from_data(cls, data: dict) -> Comparison:
        def article(item: list[str] | None) -> Article | None:
            return Article(*item) if item else None

        return cls(
            tuple(FieldChange(*f) for f in data["fields"]),
            tuple(
                ArticleChange(
                    kind,
                    article(old),
                    article(new),
                    tuple(Segment(*s) for s in before),
                    tuple(Segment(*s) for s in after),
                )
                for kind, old, new, before, after in data["articles"]
            ),
            data["unchanged"],
        )


def articles(text: str) -> list[Article]:
    """A file's text (front matter skipped) cut into articles, or into heading sections where it has none."""
    lines = body(text).split("\n")
    headings = [(index, match) for index, line in enumerate(lines) if (match := _HEADING.match(line))]
    numbered = [(i, m) for i, m in headings if (n := numbered_heading(m.group(2))) and n.kind == "article"]
    cuts = numbered or headings
    # A chapter heading (or any heading) between two articles ends the article before it.
    boundaries = sorted({i for i, _ in headings} | {len(lines)})
    found = []
    if cuts and (before := "\n".join(lines[: cuts[0][0]]).strip()):
        found.append(Article("", "", _without_headings(before)))
    for index, match in cuts:
        end = next(b for b in boundaries if b > index)
        heading = match.group(2).strip()
        found.append(Article(heading, slugify(heading, "-"), "\n".join(lines[index + 1 : end]).strip()))
    if not cuts and (whole := "\n".join(lines).strip()):
        found.append(Article("", "", whole))
    return found


def _without_headings(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not _HEADING.match(line)).strip()


def compare(old_text: str, new_text: str, old: Regulation | None = None, new: Regulation | None = None) -> Comparison:
    """The changes from `old_text` to `new_text` (whole files), and from `old`'s metadata to `new`'s."""
    fields = []
    if old is not None and new is not None:
        for name in COMPARED_FIELDS:
            before, after = str(getattr(old, name)), str(getattr(new, name))
            if before != after:
                fields.append(FieldChange(name, before, after))
    before, after = articles(old_text), articles(new_text)
    changes: list[ArticleChange] = []
    unchanged = 0
    matcher = difflib.SequenceMatcher(None, [a.key for a in before], [a.key for a in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(before[i1:i2], after[j1:j2], strict=True):
                if a.heading == b.heading:
                    unchanged += 1
                else:  # renumbered: the same text under another heading
                    changes.append(ArticleChange("changed", a, b, *inline(a.heading, b.heading)))
            continue
        olds, news = before[i1:i2], after[j1:j2]
        for a, b in zip(olds, news, strict=False):
            changes.append(ArticleChange("changed", a, b, *inline(_shown(a), _shown(b))))
        for a in olds[len(news) :]:
            changes.append(ArticleChange("removed", a, None, (Segment("delete", _shown(a)),), ()))
        for b in news[len(olds) :]:
            changes.append(ArticleChange("added", None, b, (), (Segment("insert", _shown(b)),)))
    return Comparison(tuple(fields), tuple(changes), unchanged)


def compare_files(
    old_text: str, new_text: str, metadata: Callable[[], tuple[Regulation | None, Regulation | None]]
) -> Comparison:
    """`compare`, the metadata read only when asked for (a cache of comparisons never needs them)."""
    return compare(old_text, new_text, *metadata())


def _shown(article: Article) -> str:
    return f"{article.heading}\n{article.text}".strip() if article.heading else article.text


def inline(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both texts, with what the old one lost marked `delete` and what the new one gained marked `insert`."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(old_segments, "equal", "".join(a[i1:i2]))
            _append(new_segments, "equal", "".join(b[j1:j2]))
            continue
        if i2 > i1:
            _append(old_segments, "delete", "".join(a[i1:i2]))
        if j2 > j1:
            _append(new_segments, "insert", "".join(b[j1:j2]))
    return _readable(old_segments), _readable(new_segments)


_BREAK = re.compile(r"[\s、，,；;：:。.！!？?（）()《》“”\"']")


def _readable(segments: list[Segment]) -> tuple[Segment, ...]:
    """The same marks, each moved where a reader expects it when the same text could be marked elsewhere.

    Inserting "品牌命名、" into "品牌定位、品牌传播" can be marked three ways
    ("、品牌命名", "品牌命名、", "命名、品牌"); a mark that starts after a
    punctuation mark or a space and ends with one reads as the item it is.
    """
    segments = list(segments)
    for index in range(1, len(segments) - 1):
        before, mark, after = segments[index - 1], segments[index], segments[index + 1]
        if mark.kind == "equal" or before.kind != "equal" or after.kind != "equal":
            continue
        left, marked, right = before.text, mark.text, after.text
        while left and marked and left[-1] == marked[-1]:  # slide to the leftmost place
            left, marked, right = left[:-1], left[-1] + marked[:-1], marked[-1] + right
        best, best_score = (left, marked, right), -1
        while True:
            score = (not left or bool(_BREAK.match(left[-1]))) * 2 + bool(_BREAK.match(marked[-1]))
            if score > best_score:
                best, best_score = (left, marked, right), score
            if not (right and marked and right[0] == marked[0]):
                break
            left, marked, right = left + marked[0], marked[1:] + right[0], right[1:]
        segments[index - 1], segments[index], segments[index + 1] = (
            Segment("equal", best[0]),
            Segment(mark.kind, best[1]),
            Segment("equal", best[2]),
        )
    return tuple(segment for segment in segments if segment.text)


def _append(segments: list[Segment], kind: Literal["equal", "delete", "insert"], text: str) -> None:
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))
