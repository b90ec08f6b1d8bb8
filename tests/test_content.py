"""The handbook keeps every sentence of the source regulations, and the English mirrors the Chinese."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import REPO
from handbook_kit.core.numerals import parse_chinese_numeral

SEED = REPO / "tests" / "data" / "seed.txt"
ZH, EN = REPO / "handbook" / "zh", REPO / "handbook" / "en"

# The download platform's notice, scraped along with the documents.
DISCLAIMER_MARKERS = ("下载文档前请自行甄别", "仅部分预览", "如文档侵犯您的权益", "人工客服工作时间")

# The seed's documents in order, and the chapter each became.
SEED_DOCUMENTS = [
    "specialised/brand-operations.md",
    "company/operations-management.md",
    "specialised/third-party-operations.md",
    "general/operations-rules.md",
    "guidance/overview.md",
    "company/long-term-management.md",
    "specialised/software-operations.md",
    "guidance/significance.md",
    "guidance/examples.md",
]


def normalise(text: str) -> str:
    """Keep digits and Chinese characters only: punctuation, spacing and Markdown markup go."""
    return "".join(
        char for char in text
        if char.isdigit() or (not char.isascii() and unicodedata.category(char)[0] not in "PSZC")
    )


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def is_title(line: str) -> bool:
    return 0 < len(line) < 16 and not re.search(r"[，,。:：;；、]", line)


def seed_documents() -> list[tuple[str, list[str]]]:
    """(title, lines) for each document of the seed, disclaimer dropped."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[1:]  # line 1 titles the whole scrape
    documents: list[tuple[str, list[str]]] = []
    for line in (line.strip() for line in lines):
        if not line or any(marker in line for marker in DISCLAIMER_MARKERS):
            continue
        if is_title(line):
            documents.append((line, []))
        else:
            documents[-1][1].append(line)
    return documents


def seed_sentences(title: str, lines: list[str]) -> list[str]:
    sentences = [s for line in lines for s in re.split(r"[。；;!?！？]", line) if normalise(s)]
    # A scrape defect: the title is fused with the first sentence ("公司运营管理制度公司运营管理制度是指…").
    if sentences and sentences[0].startswith(title) and len(sentences[0]) > len(title):
        sentences[0] = sentences[0][len(title):]
    return sentences


def chapter_text(path: Path) -> str:
    """What a reader sees of a chapter: its title, then its body."""
    front, body = split_front_matter(path)
    return normalise(front["title"] + body)


def test_the_seed_has_the_documents_we_mapped():
    assert [title for title, _ in seed_documents()] == [
        "品牌运营管理制度", "公司运营管理制度", "第三方运营管理制度", "运营公司规章管理制度全套",
        "运营管理制度", "公司运营长效管理制度", "软件运营管理制度", "运营管理制度意义", "运营管理制度",
    ]


@pytest.mark.parametrize(("chapter", "document"), list(zip(SEED_DOCUMENTS, seed_documents())), ids=SEED_DOCUMENTS)
def test_every_seed_sentence_is_in_its_chapter(chapter, document):
    text = chapter_text(ZH / chapter)
    missing = [s for s in seed_sentences(*document) if normalise(s) not in text]
    assert missing == []


def test_no_disclaimer_text_in_the_handbook():
    for path in (REPO / "handbook").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not any(marker in text for marker in DISCLAIMER_MARKERS), path


def test_the_fidelity_check_would_notice_a_dropped_sentence():
    title, lines = seed_documents()[0]
    text = chapter_text(ZH / SEED_DOCUMENTS[0]).replace(normalise("明确品牌核心价值,提炼品牌口号"), "")
    assert any(normalise(s) not in text for s in seed_sentences(title, lines))


# --- English mirrors Chinese -------------------------------------------------

ARTICLE_ZH = re.compile(r"^第([零一二三四五六七八九十百千两]+)条$")
ARTICLE_EN = re.compile(r"^Article (\d+)$")


def outline(path: Path) -> dict[str, list]:
    """Headings levels, article numbers and list item numbers of a chapter."""
    _, body = split_front_matter(path)
    tokens = MarkdownIt("commonmark").parse(body)
    headings, articles, lists = [], [], []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(token.tag)
            text = tokens[index + 1].content.strip()
            if match := ARTICLE_ZH.match(text):
                articles.append(parse_chinese_numeral(match.group(1)))
            elif match := ARTICLE_EN.match(text):
                articles.append(int(match.group(1)))
        elif token.type in ("ordered_list_open", "bullet_list_open"):
            start = int(token.attrs.get("start", 1)) if token.type == "ordered_list_open" else 0
            lists.append([start, 0])
        elif token.type == "list_item_open":
            lists[-1][1] += 1
    return {"headings": headings, "articles": articles, "lists": lists}


ZH_CHAPTERS = sorted(p.relative_to(ZH).as_posix() for p in ZH.rglob("*.md"))


def test_every_chinese_page_has_an_english_counterpart():
    assert ZH_CHAPTERS == sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md"))


@pytest.mark.parametrize("chapter", ZH_CHAPTERS)
def test_english_has_the_same_articles_and_list_items(chapter):
    zh, en = outline(ZH / chapter), outline(EN / chapter)
    assert en == zh


@pytest.mark.parametrize("chapter", SEED_DOCUMENTS)
def test_english_front_matter_is_title_and_source_version(chapter):
    zh_front, _ = split_front_matter(ZH / chapter)
    en_front, _ = split_front_matter(EN / chapter)
    assert set(en_front) == {"title", "source_version"}
    assert en_front["source_version"] == zh_front["version"]


def test_articles_are_numbered_in_sequence():
    chapter = outline(ZH / "specialised/software-operations.md")
    assert chapter["articles"] == list(range(1, 24))
