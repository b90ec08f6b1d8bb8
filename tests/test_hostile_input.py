"""Untrusted text stays text, in every output.

The hostile fixture puts HTML and JavaScript (`<script>`, `"><img onerror=…>`,
`javascript:` links), Markdown and template syntax, spreadsheet formulas, line
breaks and control characters into every free-text string of the front matter:
titles in both languages, role names, RACI labels and revision summaries. The
pages, the generated pages, search, `handbook.json`, `reviews.ics`, `raci.csv`,
the PDFs and `handbook check` must all show them as inert text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from markdown_it import MarkdownIt
from playwright.sync_api import expect
from pypdf import PdfReader

from handbook_kit.core.registry import load_handbook

from browser import serve, visit, without_search_entries
from conftest import FIXTURES, build_site
from pages import page_urls

DOCS = FIXTURES / "hostile" / "docs"
LANGUAGES = {"zh": "", "en": "en/"}
# Cells a spreadsheet would run as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(FIXTURES / "hostile" / "mkdocs.yml", tmp_path_factory.mktemp("hostile") / "site", pdf=True)


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DOCS)


def texts(handbook) -> dict[str, set[str]]:
    """Every free-text string of the fixture, per language, as the handbook shows it."""
    found: dict[str, set[str]] = {"zh": set(), "en": set()}
    for role in handbook.roles.values():
        found["zh"].add(role.name("zh"))
        found["en"].add(role.name("en"))
    for record in handbook.regulations:
        regulation = record.regulation
        found["zh"].add(regulation.title)
        found["en"].add(record.translation.title)
        for row in regulation.raci:
            found["zh"].add(row.activity.zh)
            found["en"].add(row.activity.en)
        for revision in regulation.revisions:
            found["zh"].add(revision.summary.zh)
            found["en"].add(revision.summary.en)
    return found


def test_the_fixture_is_hostile_everywhere(handbook):
    """Guards the fixture itself: each kind of payload is there, and only warnings come of it."""
    strings = texts(handbook)["zh"] | texts(handbook)["en"]
    for payload in ("<script>", "onerror=", "javascript:", "**", "{{", "=HYPERLINK", "\n::error", "\u2407"):
        assert any(payload in text for text in strings), payload
    assert handbook.valid
    assert {p.field for p in handbook.warnings} == {"compliance.en", "revisions[0].summary.en", "raci[1].activity.en"}


@pytest.mark.browser
def test_no_script_from_the_payloads_runs_and_every_payload_shows_as_text(browser, site):
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        without_search_entries(page)  # search results have their own test, below
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        shown = {}
        for language, root in LANGUAGES.items():
            for address in sorted(page_urls(site, language)):
                visit(page, url + root + address)
                injected = page.locator(
                    "script:text-matches('alert\\\\('), [onerror], [onload], a[href^='javascript:' i], svg[onload]"
                )
                assert injected.count() == 0, address
                shown[root + address] = page.locator("body").inner_text()
        context.close()
    assert dialogs == [] and errors == []
    # Each payload of a page's language is shown as typed (whitespace aside) on some page.
    on_pages = " ".join(" ".join(text.split()) for text in shown.values())
    assert 'alert("title-zh")' in on_pages and "{{ config.site_name }}" in on_pages and "[点我](javascript:" in on_pages
    assert 'alert("title-en")' in on_pages and "[click](javascript:" in on_pages and "onerror=alert(" in on_pages
    # Home, 2 regulations with their history pages, dashboard, register, matrix, 3 role pages; twice.
    assert len(shown) == 2 * 11


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("zh", "付款", '付款<script>alert("title-zh")</script>'),
        ("en", "payments", 'Payments <script>alert("title-en")</script>'),
    ],
)
def test_search_results_show_hostile_titles_as_text(browser, site, language, query, title):
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + LANGUAGES[language])
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # Material reads the query on key up
        results = page.locator(".md-search-result__article h1")
        expect(results.first).to_be_visible()
        # As typed, once the zero-width spaces between the words the index segmented are taken out.
        assert any(heading.replace("\u200b", "").startswith(title) for heading in results.all_inner_texts())
        assert page.locator(".md-search-result [onerror], .md-search-result script").count() == 0
        context.close()
    assert dialogs == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_handbook_json_carries_every_string_exactly(site, handbook, language):
    register = json.loads((site / LANGUAGES[language] / "handbook.json").read_text(encoding="utf-8"))
    for entry, record in zip(
        register["regulations"], sorted(handbook.regulations, key=lambda r: r.regulation.id), strict=True
    ):
        regulation = record.regulation
        assert entry["source_title"] == regulation.title
        assert entry["title"] == (regulation.title if language == "zh" else record.translation.title)
        assert entry["owner"]["name"] == handbook.roles[regulation.owner].name(language)
        assert [row["activity"] for row in entry["raci"]] == [
            {"zh": row.activity.zh, "en": row.activity.en} for row in regulation.raci
        ]


# RFC 5545 3.3.11: in TEXT, a backslash escapes only \ ; , n N; ; and , are escaped;
# no control characters but HTAB.
_TEXT_VALUE = re.compile(r"(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*")
_TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "X-WR-CALNAME"}


def unfolded(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")


def unescape_text(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_reviews_ics_folds_and_escapes_per_rfc_5545(site, handbook, language):
    raw = (site / LANGUAGES[language] / "reviews.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and lines[-1] == b""
    for line in lines[:-1]:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line  # octets, not characters (3.1)
        line.decode("utf-8")  # a fold never splits a character
    summaries = []
    for line in unfolded(raw)[:-1]:
        name, _, value = line.partition(":")
        if name.split(";")[0] in _TEXT_PROPERTIES:
            assert _TEXT_VALUE.fullmatch(value), line
            if name == "SUMMARY":
                summaries.append(unescape_text(value))
    titles = [
        r.regulation.title if language == "zh" else r.translation.title
        for r in sorted(handbook.regulations, key=lambda r: r.regulation.id)
    ]
    assert all(any(title in summary for summary in summaries) for title in titles)
    assert any("\n::error" in summary for summary in summaries) == (language == "zh")  # a line break, escaped
    # And a calendar library reads back the same events.
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == sorted(summaries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_raci_csv_neutralises_formulas(site, handbook, language):
    raw = (site / LANGUAGES[language] / "raci.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(FORMULA_START) for cell in cells)
    # What started like a formula is there, behind one quote: role names, titles, labels.
    starting_like_formulas = {text for text in texts(handbook)[language] if text.startswith(FORMULA_START)}
    in_the_matrix = {text for text in starting_like_formulas if text in cells or "'" + text in cells}
    assert len(in_the_matrix) >= 3 and all("'" + text in cells for text in in_the_matrix)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_prints_the_payloads_as_text_and_carries_no_script(site, language):
    reader = PdfReader(site / "pdf" / f"handbook-{language}.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    marker = 'alert("title-zh")' if language == "zh" else 'alert("title-en")'
    assert marker in text and "onerror=alert(" in text and "javascript:alert(" in text
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in root.get("/Names", {})
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            assert action.get("/S") in (None, "/URI", "/GoTo"), action
            assert not str(action.get("/URI", "")).lower().startswith("javascript:")


def test_check_output_for_ci_cannot_be_hijacked(handbook):
    """GitHub reads `::command::` lines from a job's output; a job summary renders Markdown."""
    command = [Path(sys.executable).parent / "handbook", "check", "--docs", str(DOCS), "--fail-on", "overdue,due-soon"]
    github = subprocess.run([*command, "--format", "github"], capture_output=True, text=True, check=False)
    assert github.returncode == 1
    lines = github.stdout.splitlines()
    assert len(lines) == len(handbook.warnings) + 2 and all(line.startswith("::") for line in lines)
    assert "%0A::error file=x,line=1::injected 100%25" in github.stdout  # the title's line break, escaped

    summary = subprocess.run([*command, "--format", "markdown"], capture_output=True, text=True, check=False).stdout
    rendered = MarkdownIt("commonmark").enable("table").render(summary)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered and "<strong>" not in rendered
    assert rendered.count("<tr>") == 3  # the header and one row per failing regulation: no row broken by a |
    assert "&lt;script&gt;alert(&quot;title-zh&quot;)&lt;/script&gt;" in rendered
