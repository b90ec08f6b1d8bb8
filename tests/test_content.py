"""The handbook keeps every sentence of the source regulations, and the English mirrors the Chinese.

Fidelity to the source guards the text nobody revised: a regulation whose
`version` an editor raised above the version it was transcribed at, with a
`revisions` entry for it, may depart from the source (that is what a revision
is); every other chapter must still hold every sentence of its source
document. The English mirrors the Chinese wherever it is up to date (its
`source_version` is the zh `version`); an outdated translation is a state the
site shows and the gate can fail on, not a defect of the text.

The checks are functions of a handbook folder, so that tests/test_editors_day.py
runs them on a handbook an editor has just changed.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from handbook_kit.core.numerals import parse_chinese_numeral
from handbook_kit.core.registry import Handbook, load_handbook

from conftest import REPO, SPECIMEN

SEED = REPO / "tests" / "data" / "seed.txt"
DOCS = REPO / "handbook"
HANDBOOK = load_handbook(DOCS, REPO)

# The download platform's notice, scraped along with the documents.
DISCLAIMER_MARKERS = ("下载文档前请自行甄别", "仅部分预览", "如文档侵犯您的权益", "人工客服工作时间")

# The seed's documents in order: the chapter each became and the zh `version` it was transcribed at.
TRANSCRIBED = {
    "specialised/brand-operations.md": "1.0",
    "company/operations-management.md": "1.1",  # 1.1: a heading the source lost, restored (see its revisions)
    "specialised/third-party-operations.md": "1.0",
    "general/operations-rules.md": "1.1",  # 1.1: an item the source lost, restored (see its revisions)
    "guidance/overview.md": "1.0",
    "company/long-term-management.md": "1.0",
    "specialised/software-operations.md": "1.0",
    "guidance/significance.md": "1.0",
    "guidance/examples.md": "1.0",
}


def normalise(text: str) -> str:
    """Keep digits and Chinese characters only: punctuation, spacing and Markdown markup go."""
    return "".join(
        char for char in text if char.isdigit() or (not char.isascii() and unicodedata.category(char)[0] not in "PSZC")
    )


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def is_title(line: str) -> bool:
    return 0 < len(line) < 16 and not re.search(r"[，,。:：;；、]", line)


@cache
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
        sentences[0] = sentences[0][len(title) :]
    return sentences


def chapter_text(path: Path) -> str:
    """What a reader sees of a chapter: its title, then its body."""
    front, body = split_front_matter(path)
    return normalise(front["title"] + body)


def missing_sentences(text: str, document: tuple[str, list[str]]) -> list[str]:
    return [s for s in seed_sentences(*document) if normalise(s) not in text]


def version_key(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def fidelity_problems(docs: Path, handbook: Handbook) -> dict[str, list[str]]:
    """Per source chapter, the sentences of its source it lost, unless it was revised since transcription
    (its version raised above the transcribed one, with a `revisions` entry for the new version)."""
    records = {record.page: record for record in handbook.regulations}
    problems = {}
    for (chapter, transcribed), document in zip(TRANSCRIBED.items(), seed_documents(), strict=True):
        regulation = records[chapter].regulation
        revised = version_key(regulation.version) > version_key(transcribed) and any(
            revision.version == regulation.version for revision in regulation.revisions
        )
        problems[chapter] = [] if revised else missing_sentences(chapter_text(docs / "zh" / chapter), document)
    return problems


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


def up_to_date(handbook: Handbook) -> list[str]:
    """The regulations whose English translation translates the current Chinese version."""
    return sorted(
        record.page
        for record in handbook.regulations
        if record.translation and record.translation.source_version == record.regulation.version
    )


def unmirrored(docs: Path, handbook: Handbook) -> list[str]:
    """Up-to-date translations whose headings, articles or list items differ from the Chinese."""
    return [page for page in up_to_date(handbook) if outline(docs / "en" / page) != outline(docs / "zh" / page)]


# --- the real handbook -------------------------------------------------------

FIDELITY = fidelity_problems(DOCS, HANDBOOK)


def test_the_seed_has_the_documents_we_mapped():
    assert [title for title, _ in seed_documents()] == [
        "品牌运营管理制度",
        "公司运营管理制度",
        "第三方运营管理制度",
        "运营公司规章管理制度全套",
        "运营管理制度",
        "公司运营长效管理制度",
        "软件运营管理制度",
        "运营管理制度意义",
        "运营管理制度",
    ]


@pytest.mark.parametrize("chapter", TRANSCRIBED)
def test_every_seed_sentence_is_in_its_chapter_unless_it_was_revised(chapter):
    assert FIDELITY[chapter] == [], "raise `version` and add a `revisions` entry when you change the text"


def test_no_disclaimer_text_in_the_handbook():
    for path in DOCS.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not any(marker in text for marker in DISCLAIMER_MARKERS), path


@pytest.mark.parametrize("chapter", up_to_date(HANDBOOK))
def test_an_up_to_date_translation_has_the_same_headings_articles_and_list_items(chapter):
    assert outline(DOCS / "en" / chapter) == outline(DOCS / "zh" / chapter)


# --- the checks themselves, on the specimen ------------------------------------


def test_fidelity_fails_an_unrevised_chapter_that_lost_a_sentence_and_spares_a_revised_one(tmp_path):
    docs = shutil.copytree(SPECIMEN / "handbook", tmp_path / "handbook")
    chapter = next(iter(TRANSCRIBED))
    assert fidelity_problems(docs, load_handbook(docs, tmp_path))[chapter] == []
    path = docs / "zh" / chapter
    path.write_text(
        path.read_text(encoding="utf-8").replace("明确品牌核心价值，提炼品牌口号", "明确品牌核心价值"), encoding="utf-8"
    )
    [missing] = fidelity_problems(docs, load_handbook(docs, tmp_path))[chapter]
    assert missing.endswith("提炼品牌口号")
    # Revised: the version raised, with its revisions entry.
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace('version: "1.0"', 'version: "1.1"')
        .replace(
            "revisions:\n", 'revisions:\n  - {version: "1.1", date: 2026-11-24, summary: {zh: 修订, en: Revised}}\n'
        ),
        encoding="utf-8",
    )
    assert fidelity_problems(docs, load_handbook(docs, tmp_path))[chapter] == []


def test_the_mirror_check_would_notice_a_missing_list_item():
    specimen = SPECIMEN / "handbook"
    chapter = next(iter(TRANSCRIBED))
    zh, en = outline(specimen / "zh" / chapter), outline(specimen / "en" / chapter)
    assert en == zh
    en["lists"][0][1] -= 1
    assert en != zh
