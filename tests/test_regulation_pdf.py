"""Each regulation's own PDF, read back with pypdf and poppler: its chapter of the handbook PDF, standing alone.

The specimen's PDFs as of the pinned day; the cache is tested on a copy of the
smallest bilingual fixture, built three times.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from handbook_kit.core.print_book import is_printed
from handbook_kit.core.registry import RegulationRecord, load_handbook
from handbook_kit.core.state import evaluate
from handbook_kit.core.structure import outline
from handbook_kit.core.views import title_in
from handbook_kit.regulations import pdf as pdf_module

from conftest import FIXTURES, PINNED_TODAY, SPECIMEN, build_site, copy_fixture, edit_file
from pages import read_page
from test_pdf import HANDBOOK, LANGUAGES, in_nav_order, pdf_path, pdftotext, squeeze

A4_HEIGHT, TOP, BOTTOM = 842, 62, 57  # points: the page, and the margins that hold the header and the footer


def by_id(regulation_id: str) -> RegulationRecord:
    return next(record for record in HANDBOOK.regulations if record.regulation.id == regulation_id)


def regulation_pdf(site: Path, language: str, regulation_id: str) -> Path:
    return site / "pdf" / language / f"{regulation_id}.pdf"


def body_text(path: Path, page: int) -> str:
    """A page's text without its running header and footer (cropped to the text block)."""
    return subprocess.run(
        [
            *("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(TOP)),
            *("-W", "595", "-H", str(A4_HEIGHT - TOP - BOTTOM), str(path), "-"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_every_printed_regulation_has_a_pdf_in_each_language(specimen_site):
    today = date.fromisoformat(PINNED_TODAY)
    printed = {state.record.regulation.id for state in evaluate(HANDBOOK, today) if is_printed(state)}
    assert len(printed) == 9
    for language in LANGUAGES:
        assert {path.stem for path in (specimen_site / "pdf" / language).glob("*.pdf")} == printed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_regulations_pdf_is_its_chapter_of_the_handbook_page_for_page(specimen_site, language):
    book = pdf_path(specimen_site, language)
    reader = PdfReader(book)
    for record in in_nav_order():
        own = regulation_pdf(specimen_site, language, record.regulation.id)
        first = reader.get_destination_page_number(reader.named_destinations[f"{record.regulation.id.lower()}-top"])
        for page in range(1, len(PdfReader(own).pages) + 1):
            alone, in_book = squeeze(body_text(own, page)), squeeze(body_text(book, first + page))
            assert alone == in_book, (own.name, page)


def page_images(path: Path, first: int, last: int, folder: Path) -> list[Image.Image]:
    """Pages `first` to `last` as poppler draws them (grey, 50 dpi), without the footer's strip."""
    prefix = folder / f"{path.stem}-{first}"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-f", str(first), "-l", str(last), str(path), str(prefix)], check=True
    )
    images = [Image.open(image) for image in sorted(folder.glob(f"{prefix.name}-*.pgm"))]
    return [image.crop((0, 0, image.width, image.height * (A4_HEIGHT - BOTTOM) // A4_HEIGHT)) for image in images]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_book_draws_every_chapter_exactly_as_the_regulations_own_pdf(specimen_site, language, tmp_path):
    """The book embeds one font subset per face, made anew from every chapter's: a glyph drawn
    from the wrong subset would show here (the text, read through ToUnicode, would not)."""
    book = pdf_path(specimen_site, language)
    reader = PdfReader(book)
    for record in in_nav_order():
        own = regulation_pdf(specimen_site, language, record.regulation.id)
        pages = len(PdfReader(own).pages)
        first = reader.get_destination_page_number(reader.named_destinations[f"{record.regulation.id.lower()}-top"])
        alone = page_images(own, 1, pages, tmp_path)
        in_book = page_images(book, first + 1, first + pages, tmp_path)
        assert len(alone) == len(in_book) == pages
        for number, (mine, theirs) in enumerate(zip(alone, in_book, strict=True), start=1):
            assert ImageChops.difference(mine, theirs).getbbox() is None, (own.name, number)


@pytest.mark.parametrize("language", LANGUAGES)
def test_its_head_header_page_numbers_and_bookmarks(specimen_site, language):
    record = by_id("OPS-GEN-001")
    path = regulation_pdf(specimen_site, language, "OPS-GEN-001")
    reader = PdfReader(path)
    pages, title = len(reader.pages), title_in(record, language)
    assert pages >= 3
    second = pdftotext(path, 2)
    assert "OPS-GEN-001" in second and squeeze(title)[:10] in squeeze(second)  # the running header
    assert {"zh": f"第 2 页，共 {pages} 页", "en": f"Page 2 of {pages}"}[language] in second
    head = squeeze(body_text(path, 1))
    section = {"zh": "总则", "en": "General"}[language]  # as in the handbook, its section above it
    assert head.startswith(squeeze(f"{section}OPS-GEN-001{title}"))
    labels = {"zh": ("版本", "状态", "生效日期", "下次复审"), "en": ("Version", "Status", "Effective", "Next review")}
    assert all(squeeze(label) in head for label in labels[language])
    (top, chapters) = reader.outline[0], reader.outline[1]
    assert top.title == title
    source = (SPECIMEN / "handbook" / language / record.page).read_text(encoding="utf-8")
    expected = [heading.text for heading in outline(source).headings if heading.kind == "chapter"]
    assert [item.title for item in chapters] == expected and len(expected) >= 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_its_metadata_say_what_and_which_version_and_fonts_are_embedded_and_subset(specimen_site, language):
    record = by_id("OPS-GEN-001")
    reader = PdfReader(regulation_pdf(specimen_site, language, "OPS-GEN-001"))
    metadata = reader.metadata
    assert metadata.title == f"OPS-GEN-001 {title_in(record, language)}"
    owner = HANDBOOK.roles[record.regulation.owner].name(language)
    assert metadata.author == owner and record.regulation.version in metadata.subject
    assert metadata.creation_date.date().isoformat() == record.regulation.effective_date.isoformat()
    assert reader.trailer["/Root"]["/Lang"] == {"zh": "zh-Hans", "en": "en"}[language]
    fonts = {
        font.get_object()["/BaseFont"] for page in reader.pages for font in page["/Resources"].get("/Font", {}).values()
    }
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC(-Bold)?", name) for name in fonts)


def test_its_article_links_land_inside_it_and_other_regulations_on_the_site(tmp_path):
    project = copy_fixture("bilingual", tmp_path / "bilingual")
    edit_file(
        project,
        "docs/zh/rules/partners.md",
        ("尚无英文译本。", "另见[品牌制度第一条](brand.md#art-1)和本制度[第二条](#art-2)。\n\n### 第二条\n\n合作。"),
    )
    site = build_site(project / "mkdocs.yml", tmp_path / "site", pdf=True)
    reader = PdfReader(regulation_pdf(site, "zh", "TEST-PTN-001"))
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert "test-ptn-001-art-2" in [a.get("/Dest") for a in annotations]
    assert "test-ptn-001-art-2" in reader.named_destinations
    uris = [a["/A"]["/URI"] for a in annotations if "/A" in a and "/URI" in a["/A"]]
    assert "http://localhost:8000/rules/brand/#art-1" in uris
    book = PdfReader(pdf_path(site, "zh"))  # in the handbook, the same link stays inside it
    assert "test-brd-001-art-1" in [a.get_object().get("/Dest") for p in book.pages for a in p.get("/Annots", [])]
    landing = book.pages[book.get_destination_page_number(book.named_destinations["test-brd-001-art-1"])]
    assert "TEST-BRD-001" in landing.extract_text() and "第一条" in landing.extract_text()


@pytest.mark.parametrize(
    ("page", "language", "regulation_id"),
    [("specialised/brand-operations/index.html", "zh", "OPS-BRD-001"), ("en/general/index.html", "en", None)],
)
def test_the_card_links_to_the_regulations_pdf_with_its_size(specimen_site, page, language, regulation_id):
    if regulation_id is None:  # the English page of the first regulation, whatever its path
        record = in_nav_order()[0]
        regulation_id, page = record.regulation.id, f"en/{record.page.removesuffix('.md')}/index.html"
    link = read_page(specimen_site / page).select_one(".hb-card a[data-regulation-pdf]")
    target = (specimen_site / page).parent / link["href"]
    assert target.resolve() == regulation_pdf(specimen_site, language, regulation_id).resolve()
    size = pdf_module.human_size(target.stat().st_size)
    assert link.get_text(strip=True) == {"zh": "下载本制度 PDF", "en": "Download this regulation as PDF"}[language]
    assert f"({size})" in link.parent.get_text(" ", strip=True)


def test_drafts_get_no_pdf_of_their_own(tmp_path):
    site = build_site(FIXTURES / "review-states" / "mkdocs.yml", tmp_path / "site", pdf=True)
    handbook = load_handbook(FIXTURES / "review-states" / "docs", FIXTURES / "review-states")
    drafts = [r.regulation.id for r in handbook.regulations if r.regulation.status == "draft"]
    assert drafts and not any(regulation_pdf(site, "zh", draft).exists() for draft in drafts)
    assert len(list((site / "pdf" / "zh").glob("*.pdf"))) == len(handbook.regulations) - len(drafts)


def rendered(caplog, language: str) -> tuple[int, int]:
    """Chapters (rendered anew, from the cache) as the build's log says for `language`."""
    line = next(r.getMessage() for r in caplog.records if f"PDF ({language}):" in r.getMessage())
    found = re.search(r"(\d+) rendered, (\d+) from the cache", line)
    assert found, line
    return int(found[1]), int(found[2])


def pdfs(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted((site / "pdf").rglob("*.pdf"))}


def test_renders_are_kept_a_changed_regulation_is_rendered_alone_and_a_damaged_entry_again(
    tmp_path, monkeypatch, caplog
):
    caplog.set_level(logging.INFO)
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    project = copy_fixture("bilingual", tmp_path / "bilingual")
    first = pdfs(build_site(project / "mkdocs.yml", tmp_path / "first", pdf=True))
    assert rendered(caplog, "zh") == (2, 0)  # each regulation once, for its PDF and the handbook's
    caplog.clear()
    second = pdfs(build_site(project / "mkdocs.yml", tmp_path / "second", pdf=True))
    assert rendered(caplog, "zh") == (0, 2) and rendered(caplog, "en") == (0, 2) and second == first

    edit_file(project, "docs/zh/rules/brand.md", ("品牌美誉度等。", "品牌美誉度和客户满意度等。"))  # zh only
    caplog.clear()
    third = pdfs(build_site(project / "mkdocs.yml", tmp_path / "third", pdf=True))
    assert rendered(caplog, "zh") == (1, 1) and rendered(caplog, "en") == (0, 2)  # it alone
    assert {name for name in third if third[name] != first[name]} == {"pdf/zh/TEST-BRD-001.pdf", "pdf/handbook-zh.pdf"}

    for entry in (tmp_path / "cache" / "pdf").rglob("*.pdf"):
        entry.write_bytes(entry.read_bytes()[:-100] + b"x" * 100)  # damaged: same size, other bytes
    caplog.clear()
    fourth = pdfs(build_site(project / "mkdocs.yml", tmp_path / "fourth", pdf=True))
    assert rendered(caplog, "zh") == (2, 0) and rendered(caplog, "en") == (2, 0)  # never trusted
    assert fourth == third  # and the same bytes from a cold cache as from a warm one


def test_the_pdfs_are_the_same_whether_one_or_three_processes_make_them(tmp_path):
    """`mkdocs build` in a process of its own (this one runs threads, so it would make them serially)."""
    project = copy_fixture("bilingual", tmp_path / "bilingual")
    sites = {}
    for workers in ("1", "3"):
        sites[workers] = tmp_path / f"site-{workers}"
        environment = {
            **os.environ,
            "HANDBOOK_TODAY": PINNED_TODAY,
            "HANDBOOK_WORKERS": workers,
            "HANDBOOK_CACHE": str(tmp_path / f"cache-{workers}"),  # everything rendered anew, each time
        }
        subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(sites[workers])],
            cwd=project,
            env=environment,
            check=True,
        )
    assert pdfs(sites["1"]) == pdfs(sites["3"]) and len(pdfs(sites["1"])) == 6  # 2 regulations and the book, twice


def test_a_character_no_font_has_in_a_regulations_text_is_named_in_the_log(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    project = copy_fixture("bilingual", tmp_path / "bilingual")
    edit_file(project, "docs/zh/rules/partners.md", ("尚无英文译本。", "尚无英文译本\U00031350。"))  # text, not title
    site = build_site(project / "mkdocs.yml", tmp_path / "site", pdf=True)
    assert any(
        "PDF (zh): \U00031350 (U+31350) in none of the print fonts" in record.getMessage() for record in caplog.records
    )
    assert "[U+31350]" in pdftotext(regulation_pdf(site, "zh", "TEST-PTN-001"))
