"""The PDF handbook read back with real readers: pypdf and poppler's pdftotext and pdftoppm.

The PDFs are the specimen's (tests/fixtures/specimen), as of the pinned day. The
first pages of each are rendered to $HANDBOOK_TEST_ARTIFACTS/pdf/ (by default
/tmp/handbook-test-artifacts/pdf/) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pypdf import PdfReader

from handbook_kit.core.registry import RegulationRecord, load_handbook
from handbook_kit.core.structure import outline
from handbook_kit.core.views import title_in
from handbook_kit.regulations import pdf as pdf_module

from conftest import ARTIFACTS, FIXTURES, PINNED_TODAY, SPECIMEN, build_site, copy_fixture
from pages import read_page

LANGUAGES = ("zh", "en")
HANDBOOK = load_handbook(SPECIMEN / "handbook", SPECIMEN)


def pdf_path(site: Path, language: str) -> Path:
    return site / "pdf" / f"handbook-{language}.pdf"


def pdftotext(path: Path, *pages: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: `make test` installs Debian's poppler-utils")
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *first_last, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeeze(text: str) -> str:
    """Text without white space: Chinese has none, and the PDF breaks lines where it must."""
    return re.sub(r"\s+", "", text)


def in_nav_order() -> list[RegulationRecord]:
    """The regulations in the order of the navigation, which is the order of the PDF's chapters."""
    nav = (SPECIMEN / "mkdocs.yml").read_text(encoding="utf-8")
    return sorted(HANDBOOK.regulations, key=lambda record: nav.index(record.page))


def titles(language: str) -> list[str]:
    return [title_in(record, language) for record in in_nav_order()]


def article_headings(record: RegulationRecord, language: str) -> list[str]:
    """The regulation's 条 / Article headings, in order."""
    page = outline((SPECIMEN / "handbook" / language / record.page).read_text(encoding="utf-8"))
    return [heading.text for heading in page.headings if heading.kind == "article"]


@pytest.fixture(scope="module")
def readers(specimen_site) -> dict[str, PdfReader]:
    return {language: PdfReader(pdf_path(specimen_site, language)) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_title_and_article_heading_is_in_the_text_in_order(specimen_site, language):
    text = squeeze(pdftotext(pdf_path(specimen_site, language)))
    contents = text.index(squeeze({"zh": "目录", "en": "Contents"}[language]))
    cursor = text.index(squeeze(titles(language)[-1]), contents) + 1  # the chapters come after the contents
    for record in in_nav_order():
        cursor = text.index(squeeze(title_in(record, language)), cursor)
        for heading in article_headings(record, language):
            cursor = text.index(squeeze(heading), cursor)
    assert sum(len(article_headings(record, language)) for record in in_nav_order()) > 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outline_has_sections_then_one_entry_per_regulation_then_its_chapters(readers, language):
    reader = readers[language]
    sections = [item for item in reader.outline if not isinstance(item, list)]
    regulations = [
        entry.title
        for children in reader.outline
        if isinstance(children, list)
        for entry in children
        if not isinstance(entry, list)
    ]
    assert regulations == titles(language)
    assert [s.title for s in sections] == (
        {
            "zh": ["总则", "公司级制度", "专项制度", "制度指引"],
            "en": ["General", "Company-wide regulations", "Specialised regulations", "Guidance"],
        }[language]
    )
    # 章 under their regulation.
    chapters = reader.outline[1][1]
    assert [entry.title for entry in chapters][:2] == (
        {
            "zh": ["第一章 总则", "第二章 组织架构"],
            "en": ["Chapter 1 General provisions", "Chapter 2 Organisational structure"],
        }[language]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_count_metadata_and_language(readers, language):
    reader = readers[language]
    # A cover, the contents, at least a page per regulation, and no runaway layout.
    assert len(HANDBOOK.regulations) + 2 <= len(reader.pages) <= 60
    metadata = reader.metadata
    assert metadata.title == {"zh": "运营管理制度手册", "en": "Operations Handbook"}[language]
    assert metadata.author == {"zh": "运营管理部门", "en": "Operations Management"}[language]
    assert metadata["/CreationDate"] == "D:" + PINNED_TODAY.replace("-", "")
    assert reader.trailer["/Root"]["/Lang"] == {"zh": "zh-Hans", "en": "en"}[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_simplified_chinese_fonts_are_used_all_embedded_and_subset(readers, language):
    fonts = {}
    for page in readers[language].pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values())
    # Subset (ABCDEF+ prefix), Noto CJK in its Simplified Chinese cut, nothing else.
    assert all(re.fullmatch(r"/[A-Z]{6}\+Noto-(Sans|Serif)-CJK-SC(-Bold)?", name) for name in fonts), fonts


def test_chinese_sentences_of_every_chapter_extract_exactly(specimen_site):
    text = squeeze(pdftotext(pdf_path(specimen_site, "zh")))
    for record in HANDBOOK.regulations:
        source = (SPECIMEN / "handbook/zh" / record.page).read_text(encoding="utf-8")
        sentences = [
            line
            for line in source.split("---", 2)[2].splitlines()
            if re.fullmatch(r"[^#!<>\[\]|*`\s][^<>\[\]|*`]{10,}", line.strip()) and "：" not in line[:3]
        ]
        assert sentences, record.path
        for sentence in (sentences[0], sentences[-1]):  # the first and the last paragraph line
            assert squeeze(re.sub(r"^\d+\.\s*", "", sentence.strip())) in text, (record.path, sentence)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_and_article_links_land_on_the_right_pages(readers, specimen_site, language):
    reader = readers[language]
    destinations = reader.named_destinations
    page_texts = [squeeze(page.extract_text()) for page in reader.pages]
    contents_links = [annotation.get_object()["/Dest"] for annotation in reader.pages[1].get("/Annots", [])]
    for record in in_nav_order():
        name = f"{record.regulation.id.lower()}-top"
        assert name in contents_links
        assert squeeze(title_in(record, language)) in page_texts[reader.get_destination_page_number(destinations[name])]
    # The editor's note of 第八条 links to 第十条 of the same regulation, inside the PDF.
    article = reader.get_destination_page_number(destinations["ops-gen-001-art-10"])
    assert squeeze({"zh": "第十条", "en": "Article 10"}[language]) in page_texts[article]
    links = [a.get_object().get("/Dest") for page in reader.pages for a in page.get("/Annots", [])]
    assert "ops-gen-001-art-10" in links
    assert all(name in destinations for name in links if name)  # no link to nowhere


@pytest.mark.parametrize("language", LANGUAGES)
def test_running_headers_and_page_numbers(specimen_site, readers, language):
    pages = len(readers[language].pages)
    third = pdftotext(pdf_path(specimen_site, language), 3)
    assert "OPS-GEN-001" in third
    assert {"zh": f"第 3 页，共 {pages} 页", "en": f"Page 3 of {pages}"}[language] in third
    cover = pdftotext(pdf_path(specimen_site, language), 1)
    assert {"zh": "第 1 页", "en": "Page 1 of"}[language] not in cover
    assert {"zh": "中文版", "en": "English edition"}[language] in cover and PINNED_TODAY in cover
    assert {"zh": "共9项制度", "en": "9regulations"}[language] in squeeze(cover)


def test_the_first_pages_are_rendered_for_a_person_to_look_at(specimen_site):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm not found: `make test` installs Debian's poppler-utils")
    folder = ARTIFACTS / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        prefix = folder / language
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(pdf_path(specimen_site, language)), str(prefix)],
            check=True,
        )
    images = sorted(folder.glob("*.png"))
    assert len(images) == 8 and all(image.stat().st_size > 5000 for image in images)


@pytest.mark.parametrize(
    ("page", "language"),
    [
        ("index.html", "zh"),
        ("en/specialised/brand-operations/index.html", "en"),
        ("governance/raci/index.html", "zh"),
        ("en/governance/roles/finance/index.html", "en"),
    ],
)
def test_every_page_links_to_the_pdf_of_its_language_with_its_size(specimen_site, page, language):
    link = read_page(specimen_site / page).select_one("a[data-handbook-pdf]")
    target = (specimen_site / page).parent / link["href"]
    assert target.resolve() == pdf_path(specimen_site, language).resolve()
    size = pdf_module.human_size(target.stat().st_size)
    assert link.parent.get_text(" ", strip=True) == f"{link.get_text(strip=True)} ({size})"
    assert link.get_text(strip=True) == {"zh": "下载 PDF", "en": "Download PDF"}[language]


def test_drafts_are_left_out_retired_and_overdue_regulations_say_so(tmp_path):
    site = build_site(FIXTURES / "review-states" / "mkdocs.yml", tmp_path / "site", pdf=True)
    text = squeeze(pdftotext(pdf_path(site, "zh")))
    assert "现行制度" in text and "草案制度" not in text and "TEST-DRF-001" not in text
    for label in ("已废止", "复审已逾期"):
        assert label in text
    english = squeeze(pdftotext(pdf_path(site, "en")))
    assert "Reviewoverdue" in english and "Retired" in english


def test_a_live_preview_writes_no_pdf_and_shows_no_link(tmp_path):
    config = load_config(config_file=str(FIXTURES / "bilingual" / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` starts
    try:
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # plugin instances outlive this test
    assert not (tmp_path / "site" / "pdf").exists()
    assert read_page(tmp_path / "site" / "index.html").select_one("a[data-handbook-pdf]") is None


def test_the_pdf_option_switches_pdfs_off(tmp_path):
    config = copy_fixture("bilingual", tmp_path / "bilingual") / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - handbook/regulations\n", "  - handbook/regulations:\n      pdf: false\n")
    )
    site = build_site(config, tmp_path / "site", pdf=None)
    assert not (site / "pdf").exists() and read_page(site / "index.html").select_one("a[data-handbook-pdf]") is None


def test_the_fallback_fonts_cover_emoji_symbols_and_rare_chinese_characters():
    assert [font.family for font in pdf_module.fallback_fonts()] == [family for family, _ in pdf_module.FALLBACK_FONTS]
    # Ext. H (Unicode 15, U+31350) is in no font here; 😀 🫨 ␇ 𠀀 are in the fallbacks.
    assert (
        pdf_module.missing_characters("<p>品牌 &amp; Brand 😀 🫨 龘 𠀀 ␇ \ufffd \U00031350 &#x31350;</p>")
        == "\U00031350"
    )


def test_a_character_no_font_has_prints_as_its_code_point():
    markup = '<p data-running-title="\U00031350">x\U00031350 &#x31350; &#201552; &amp;</p>'
    assert (
        pdf_module.show_missing_characters(markup, "\U00031350")
        == '<p data-running-title="[U+31350]">x[U+31350] [U+31350] [U+31350] &amp;</p>'
    )
    assert pdf_module.show_missing_characters(markup, "") == markup


def test_without_the_chinese_font_the_build_stops_and_says_what_to_install(monkeypatch):
    pdf_module.print_fonts.cache_clear()
    monkeypatch.setattr(pdf_module, "FONTS", ("Noto Sans CJK SC", "No Such Font SC"))
    try:
        with pytest.raises(
            pdf_module.FontMissing,
            match=r"'No Such Font SC' is not installed, so the PDF would print "
            r"Chinese as boxes \(`make build` installs it",
        ):
            pdf_module.print_fonts()
    finally:
        pdf_module.print_fonts.cache_clear()


def test_the_pdf_reads_only_files_of_the_built_site(tmp_path, caplog):
    site = tmp_path / "site"
    site.mkdir()
    document = (
        '<html><body><p>正文</p><img src="file:///etc/hostname"><img src="https://example.com/x.png"></body></html>'
    )
    content, pages = pdf_module.render_pdf(document, site)
    assert "not a file of the built site: file:///etc/hostname" in caplog.text
    assert (
        "not a file of the built site: https://example.com/x.png" in caplog.text or "disallowed protocol" in caplog.text
    )
    assert content.startswith(b"%PDF-") and pages == 1


def test_the_print_template_is_not_published_as_a_file_of_the_site(specimen_site):
    assert not (specimen_site / "handbook").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_numbers_run_through_the_book_and_the_contents_give_each_regulations_page(specimen_site, language):
    pages = pdftotext(pdf_path(specimen_site, language)).split("\f")[:-1]
    total = len(pages)
    folio = {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"}[language]
    assert all(folio.format(page=number, pages=total) in pages[number - 1] for number in range(2, total + 1))
    contents = squeeze(pages[1])
    for record in in_nav_order():
        found = re.search(re.escape(squeeze(title_in(record, language))) + r"\.+(\d+)", contents)
        assert found, title_in(record, language)
        first = pages[int(found[1]) - 1]  # the page the contents give opens the regulation
        assert record.regulation.id in first and squeeze(title_in(record, language)) in squeeze(first)
        if int(found[1]) > 3:  # and the page before it is another regulation's (not the contents)
            assert record.regulation.id not in pages[int(found[1]) - 2]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_book_embeds_each_font_once_however_many_chapters_it_joins(specimen_site, language):
    import pikepdf

    programs: dict[str, set[tuple[int, int]]] = {}
    with pikepdf.open(pdf_path(specimen_site, language)) as book:
        for page in book.pages:
            resources = [page.Resources] + [form.Resources for form in page.Resources.get("/XObject", {}).values()]
            for fonts in (resource.get("/Font", {}) for resource in resources):
                for font in fonts.values():
                    descriptor = font.DescendantFonts[0].FontDescriptor
                    programs.setdefault(str(font.BaseFont), set()).add(descriptor.FontFile3.objgen)
    assert programs and all(len(objects) == 1 for objects in programs.values()), programs
    regulations = sum(path.stat().st_size for path in (specimen_site / "pdf" / language).glob("*.pdf"))
    assert pdf_path(specimen_site, language).stat().st_size < regulations / 4  # not the chapters side by side


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_book_is_tagged_for_screen_readers_on_every_page(specimen_site, language):
    import pikepdf

    with pikepdf.open(pdf_path(specimen_site, language)) as book:
        root = book.Root.StructTreeRoot
        parents = dict(pikepdf.NumberTree(root.ParentTree).items())
        marked = [page for page in book.pages if "/StructParents" in page.obj]
        assert len(marked) == len(book.pages)  # the cover, the contents and every chapter's pages
        document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
        for page in marked:
            elements = parents[int(page.obj.StructParents)]
            assert len(elements)
            for mcid, element in enumerate(elements):  # the element the tree names holds that text of that page
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                claims = [(kid, element) for kid in kids if kid == mcid]  # a content id on the element's page
                claims += [(kid.MCID, kid) for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid]
                assert any(kid == mcid and on.Pg.objgen == page.obj.objgen for kid, on in claims)
                while element.S != "/Document":  # and it belongs to the book's tree, not to a chapter's left behind
                    element = element.P
                assert element.objgen == document.objgen
        assert document.S == "/Document" and all(kid.P.objgen == document.objgen for kid in document.K)
        assert sum(1 for o in book.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Document") == 1
        text = [kid for kid in document.K if kid.get("/S") == "/Art"]
        assert len(text) >= len(book.pages) - 2
        # Lighter than its chapters (the book is held whole while it is joined): no span that only wraps text.
        plain = {"/K", "/P", "/Pg", "/S", "/Type"}
        spans = [o for o in book.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Span"]
        assert not [span for span in spans if set(span.keys()) <= plain and all(isinstance(kid, int) for kid in span.K)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_books_fonts_of_a_face_share_one_list_of_widths(specimen_site, language):
    import pikepdf

    widths: dict[str, set[tuple[int, int]]] = {}
    with pikepdf.open(pdf_path(specimen_site, language)) as book:
        for page in book.pages[2:]:  # the chapters' pages
            for font in page.Resources.get("/Font", {}).values():
                cid_font = font.DescendantFonts[0]
                widths.setdefault(str(font.BaseFont), set()).add(cid_font.W.objgen)
    assert widths and all(len(objects) == 1 and (0, 0) not in objects for objects in widths.values()), widths
