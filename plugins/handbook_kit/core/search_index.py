"""The search index as readers need it: one per language, whole words with their parts.

Material writes one `search/search_index.json` and mkdocs-static-i18n merges
every language into it, so a reader on an English page gets Chinese results.
`split_index` gives each language root its own index (locations relative to
that root).

jieba keeps handbook terms whole (第三方运营方), which is what the reader sees
and what a whole-term query should find. A reader also types the parts
(运营方, 美誉度), and Material's search only matches the start of a word. Like a
search engine's index-time "search mode", `add_word_parts` adds the parts of
every long word to the entry, in a hidden element: found, never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

Index = dict[str, Any]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_WORD = re.compile(f"[{HAN}]+")
_TAG = re.compile(r"<[^>]*>")
PARTS = "hidden data-handbook-word-parts"  # the attributes of the element that holds them
WORD_BREAK = "\u200b"  # as jieba's words are joined in Material's index
MIN_WORD = 3  # a two-character word has no parts worth finding


def split_index(index: Index, roots: Iterable[str]) -> dict[str, Index]:
    """One index per language root ("" for the default language, "en/" ...)."""
    ordered = sorted(set(roots) | {""}, key=len, reverse=True)  # "en/" before ""
    split: dict[str, Index] = {root: {"config": dict(index["config"]), "docs": []} for root in ordered}
    for doc in index["docs"]:
        root = next(root for root in ordered if doc["location"].startswith(root))
        split[root]["docs"].append({**doc, "location": doc["location"][len(root) :]})
    return split


def word_parts(word: str, is_word: Callable[[str], bool]) -> list[str]:
    """The shorter words inside `word` that a reader may search for on their own.

    Every known word inside it (品牌美誉度 -> 品牌, 美誉, 美誉度), and what is left
    when a known head or tail is taken off, if that rest starts or ends with a
    word in turn (第三方运营方 -> 运营方, but not 方运营方).
    """
    if len(word) < MIN_WORD:
        return []
    inner = [
        word[i:j]
        for i in range(len(word))
        for j in range(i + 2, len(word) + 1)
        if j - i < len(word) and is_word(word[i:j])
    ]
    parts = dict.fromkeys(inner)
    for part in inner:
        if word.startswith(part) and len(rest := word[len(part) :]) >= 2 and is_word(rest[:2]):
            parts.setdefault(rest)
        if word.endswith(part) and len(rest := word[: -len(part)]) >= 2 and is_word(rest[-2:]):
            parts.setdefault(rest)
    return list(parts)


def add_word_parts(index: Index, is_word: Callable[[str], bool]) -> None:
    """Add the parts of each entry's long Chinese words to the entry, hidden.

    Parts of title words go into the title, so they weigh as the title does. A
    part counts once per occurrence of its word, as in a search engine's index,
    so a page that uses 第三方运营方 throughout ranks first for 运营方.
    """
    separator = re.compile(index["config"].get("separator") or r"[\s\-]+")
    known: dict[str, list[str]] = {}  # a word's parts, found once per index

    def parts_of(word: str) -> list[str]:
        if word not in known:
            known[word] = word_parts(word, is_word)
        return known[word]

    for doc in index["docs"]:
        for field, element in (("title", "span"), ("text", "p")):
            words = _han_words(doc.get(field, ""), separator)
            parts = [part for word in words for part in parts_of(word)]
            if parts:
                joined = WORD_BREAK.join(parts)
                doc[field] = f"{doc.get(field, '')}<{element} {PARTS}>{joined}</{element}>"


def tag_pages(index: Index, tags: Mapping[str, list[str]]) -> None:
    """Give a page's own entry (not its sections) search tags, such as a regulation's id.

    Tags weigh most in Material's ranking and show on the result, so searching
    OPS-COM-001 puts that regulation first and labels it.
    """
    for doc in index["docs"]:
        if found := tags.get(doc["location"]):
            doc["tags"] = list(dict.fromkeys([*doc.get("tags", []), *found]))


def _han_words(html: str, separator: re.Pattern[str]) -> list[str]:
    return [token for token in separator.split(_TAG.sub(" ", html)) if _HAN_WORD.fullmatch(token)]
