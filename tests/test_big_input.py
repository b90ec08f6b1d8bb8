"""Big and odd inputs: a chapter of over 2 MB (3.9 MB), 500 RACI rows, 200 revisions, very long titles,
emoji and rare Chinese characters. The check, the site and the PDF take them all and
show every one; what no print font has is printed as its code point, never dropped."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from handbook_kit.core.numerals import to_chinese_numeral

from conftest import PINNED_TODAY, REPO, build_site
from pages import read_page
from test_pdf import pdftotext

pytestmark = pytest.mark.slow  # a 2 MB chapter, built and printed

ARTICLES = 1000  # in ten chapters
RACI_ROWS = 500
REVISIONS = 200
RARE = "𠀀龘𪚥"  # CJK Extension B, a basic-block rarity, Extension B again
EMOJI = "📘✅🫨"  # Unicode 6, 6 and 15
NO_FONT = "\U00031350"  # CJK Extension H (Unicode 15): in no font installed here
LONG_TITLE = "关于" + RARE + "的" + "运营管理与品牌建设长效机制" * 24 + EMOJI + "的规定"
LONG_TITLE_EN = "Rules on " + "the long-term operations management and brand building mechanism " * 8 + EMOJI
SENTENCE = (
    "公司各部门应当按照本制度的规定，做好运营管理工作，确保各项业务流程规范、高效、有序运行，"
    "并定期对执行情况进行检查和评估，发现问题及时整改。"
)


def big_handbook(root: Path) -> Path:
    """Write the project; return its mkdocs.yml."""
    docs = root / "docs"
    for language in ("zh", "en"):
        (docs / language / "rules").mkdir(parents=True)
    (docs / "roles.yml").write_text(
        yaml.safe_dump(
            {
                "general-manager": {"zh": "总经理", "en": "General Manager", "can_approve": True},
                "brand-ops": {"zh": "品牌运营部门" + EMOJI, "en": "Brand Operations " + EMOJI},
                "archive": {"zh": "档案室" + RARE, "en": "Archive " + RARE},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    newest = date.fromisoformat(PINNED_TODAY) - timedelta(days=10)
    revisions = [
        {
            "version": f"{(REVISIONS - i) // 10 + 1}.{(REVISIONS - i) % 10}",
            "date": (newest - timedelta(days=7 * i)).isoformat(),
            "summary": {
                "zh": f"第{REVISIONS - i}次修订：调整{RARE}相关条款",
                "en": f"Revision {REVISIONS - i} {EMOJI}",
            },
        }
        for i in range(REVISIONS)
    ]
    front = {
        "id": "BIG-OPS-001",
        "title": LONG_TITLE,
        "owner": "brand-ops",
        "approver": "general-manager",
        "status": "active",
        "version": revisions[0]["version"],
        "effective_date": revisions[-1]["date"],
        "last_reviewed": newest.isoformat(),
        "review_cycle": "12 months",
        "revisions": revisions,
        "raci": [
            {
                "activity": {"zh": f"事项{n}：审批{RARE}", "en": f"Activity {n} {EMOJI}"},
                "R": ["brand-ops"],
                "A": "general-manager",
                **({"I": ["archive"]} if n % 2 else {"C": ["archive"]}),
            }
            for n in range(1, RACI_ROWS + 1)
        ],
    }
    zh_body, en_body, odd = [], [], RARE + EMOJI
    for article in range(1, ARTICLES + 1):
        if article % 100 == 1:
            chapter = article // 100 + 1
            zh_body.append(f"## 第{to_chinese_numeral(chapter)}章 第{chapter}部分\n")
            en_body.append(f"## Chapter {chapter} Part {chapter}\n")
        zh_body.append(
            f"### 第{to_chinese_numeral(article)}条\n\n"
            + f"第{article}条正文{odd if article % 100 == 1 else ''}。"  # odd characters opening each chapter
            + SENTENCE * 11
            + "\n"
        )
        en_body.append(f"### Article {article}\n\nThe text of article {article}.\n")
    write_page(docs / "zh/rules/big.md", front, "\n".join(zh_body))
    write_page(
        docs / "en/rules/big.md", {"title": LONG_TITLE_EN, "source_version": front["version"]}, "\n".join(en_body)
    )
    odd = {
        **front,
        "id": "BIG-ODD-002",
        "title": RARE + EMOJI + NO_FONT,
        "version": "1.0",
        "revisions": [],
        "raci": front["raci"][:1],
        "effective_date": newest.isoformat(),
    }
    write_page(docs / "zh/rules/odd.md", odd, "## 第一条\n\n" + RARE + EMOJI + NO_FONT + "\n")
    write_page(
        docs / "en/rules/odd.md",
        {"title": "Odd " + RARE + EMOJI + NO_FONT, "source_version": "1.0"},
        "## Article 1\n\n" + RARE + EMOJI + NO_FONT + "\n",
    )
    (docs / "zh/index.md").write_text("# 大手册\n\n大而怪的输入。\n", encoding="utf-8")
    (docs / "en/index.md").write_text("# Big handbook\n\nBig and odd input.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        (REPO / "tests/fixtures/hostile/mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("../../../", f"{REPO}/")
        .replace("rules/payloads.md", "rules/big.md")
        .replace("rules/formulas.md", "rules/odd.md"),
        encoding="utf-8",
    )
    return config


def write_page(path: Path, front: dict, body: str) -> None:
    path.write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return big_handbook(tmp_path_factory.mktemp("big"))


@pytest.fixture(scope="module")
def site(project):
    started = time.perf_counter()
    built = build_site(project, project.parent / "site", pdf=True)
    print(f"big handbook built in {time.perf_counter() - started:.1f} s")
    return built


def test_the_inputs_are_as_big_and_odd_as_promised(project):
    chapter = (project.parent / "docs/zh/rules/big.md").read_bytes()
    assert len(chapter.split(b"\n---\n", 1)[1]) >= 2_000_000  # the text alone
    front = yaml.safe_load(chapter.decode().split("---")[1])
    assert (len(front["raci"]), len(front["revisions"]), len(front["title"])) == (RACI_ROWS, REVISIONS, len(LONG_TITLE))
    assert len(LONG_TITLE) > 300


def test_the_check_passes(project):
    result = subprocess.run(
        [Path(sys.executable).parent / "handbook", "check", "--docs", str(project.parent / "docs")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("2 regulations checked as of 2026-11-24: valid, gate passed")


def test_the_page_shows_every_row_revision_article_and_character(site):
    page = read_page(site / "rules/big/index.html")
    assert page.select_one("h1").get_text(strip=True).startswith(LONG_TITLE)
    assert len(page.select(".hb-raci tbody tr")) == RACI_ROWS
    assert len(page.select(".hb-revisions tbody tr")) == REVISIONS
    assert page.select_one("#art-1000") is not None and page.select_one("#ch-10") is not None
    text = page.get_text()
    assert all(char in text for char in RARE + EMOJI)
    english = read_page(site / "en/rules/big/index.html")
    assert english.select_one("h1").get_text(strip=True).startswith(LONG_TITLE_EN.strip())
    assert NO_FONT in read_page(site / "rules/odd/index.html").select_one("h1").get_text()


def test_the_generated_pages_list_every_row(site):
    matrix = read_page(site / "governance/raci/index.html").get_text()
    assert all(f"事项{n}：审批{RARE}" in matrix for n in (1, 250, RACI_ROWS))
    role = read_page(site / "governance/roles/archive/index.html").get_text()
    assert role.count(f"审批{RARE}") == RACI_ROWS + 1  # and the odd regulation's one activity


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_pdf_prints_everything_with_fallback_fonts_and_drops_nothing(site, language):
    path = site / "pdf" / f"handbook-{language}.pdf"
    text = "".join(pdftotext(path).split())  # poppler: the same text as pypdf's, twenty times faster
    reader = PdfReader(path)
    title = LONG_TITLE if language == "zh" else LONG_TITLE_EN
    assert "".join(title.split()) in text
    assert all(char in text for char in RARE + EMOJI)
    assert "[U+31350]" in text and NO_FONT not in text  # shown by its code, not as a box
    last, label = ("第一千条", "事项\\d+：审批" + RARE) if language == "zh" else ("Article1000", "Activity\\d+" + EMOJI)
    assert last in text and len(set(re.findall(label, text))) == RACI_ROWS  # every activity, the odd one's too
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"Noto-Color-Emoji", "HanaMinA-Medium"} <= {re.sub(r"^/", "", name) for name in fonts}


def test_a_long_title_in_the_running_header_is_cut_to_one_line(site):
    header, book_title, *_ = [
        line for line in pdftotext(site / "pdf" / "handbook-zh.pdf", 5).splitlines() if line.strip()
    ]
    assert header.startswith("BIG-OPS-001 关于" + RARE) and header.endswith("…") and len(header) < 50
    assert book_title == "不可信输入"
