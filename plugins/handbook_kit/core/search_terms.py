"""The handbook's own vocabulary for Chinese word segmentation.

jieba splits Chinese text into words for the search index. Its general
dictionary does not know handbook terms such as 第三方运营方 or 品牌美誉度, so
we keep them in a user dictionary: one term per line, optionally followed by a
frequency and a part-of-speech tag (jieba's user dictionary format), `#` comments
and blank lines allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
            raise SearchTermsError(
                f"{path}:{number}: frequency {rest[0]!r} of {word!r} is not a whole number"
            )
        frequency = int(rest[0])
    tag = rest[1] if len(rest) > 1 else None
    return SearchTerm(word=word, frequency=frequency, tag=tag)
