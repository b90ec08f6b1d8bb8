"""The real handbook (handbook/): what every valid edit keeps true.

Editors change the handbook in pull requests: they record reviews, change
owners, add regulations and revise articles (README: "Changing the handbook").
These tests assert only what such edits keep true, so an editor's correct pull
request never fails them: the handbook validates, its structure is clean, it
builds strictly, every regulation has its page and card in both languages,
links and anchors resolve, nothing loads from another host, both PDFs hold
every regulation in force. Expectations come from the handbook's own files,
never from its current dates, owners or counts; the generator's behaviour is
tested on fixture handbooks (tests/fixtures/).
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from pypdf import PdfReader

from handbook_kit.core.registry import load_handbook
from handbook_kit.core.state import evaluate
from handbook_kit.core.structure import RULES
from handbook_kit.core.today import resolve_today
from handbook_kit.core.views import title_in

from browser import visit, without_search_entries
from conftest import REPO, git
from pages import language_links, page_urls, read_page

HANDBOOK = load_handbook(REPO / "handbook", REPO)
LANGUAGES = {"zh": "", "en": "en/"}


def page_url(page: str) -> str:
    """company/rules.md -> company/rules/ (company/index.md -> company/)"""
    path = page.removesuffix(".md")
    return path.removesuffix("index") if posixpath.basename(path) == "index" else path + "/"


def test_handbook_check_validates_it_and_its_structure_is_clean():
    result = subprocess.run(
        [Path(sys.executable).parent / "handbook", "check", "--fail-on", "none", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["errors"] == [], report["errors"]
    assert [w for w in report["warnings"] if w["field"] in RULES] == []
    assert report["codeowners"] == ".github/CODEOWNERS"  # and it is current, or the check would fail
    assert len(report["regulations"]) == len(HANDBOOK.regulations) > 0


def test_both_languages_have_the_same_pages(handbook_site):
    assert page_urls(handbook_site, "zh") == page_urls(handbook_site, "en")
    assert (handbook_site / "index.html").is_file() and (handbook_site / "en/index.html").is_file()


@pytest.mark.parametrize("record", HANDBOOK.regulations, ids=lambda record: record.regulation.id)
def test_every_regulation_has_its_page_and_card_in_both_languages(handbook_site, record):
    for language, root in LANGUAGES.items():
        page = read_page(handbook_site / root / page_url(record.page) / "index.html")
        assert page.h1.get_text(strip=True).rstrip("¶") == title_in(record, language)
        card = page.select_one(".hb-card")
        assert card["data-regulation"] == record.regulation.id
        assert card.select_one('[data-field="version"]').get_text(strip=True) == record.regulation.version
        assert page.html["lang"] == language


@pytest.mark.parametrize("record", HANDBOOK.regulations, ids=lambda record: record.regulation.id)
def test_every_regulations_history_page_shows_its_versions_from_this_repositorys_history(handbook_site, record):
    """Every version its `revisions` lists, newest first, one current; archived exactly where git holds its text."""
    regulation = record.regulation
    path = f"handbook/zh/{record.page}"
    committed = set()  # the versions this file had in the commits of this very repository
    for sha in git(REPO, "log", "--first-parent", "--format=%H", "--", path).split():
        if found := re.search(r'^version: "?([\d.]+)"?\s*$', git(REPO, "show", f"{sha}:{path}"), re.M):
            committed.add(found.group(1))
    for root in LANGUAGES.values():
        rows = read_page(handbook_site / root / page_url(record.page) / "history/index.html").select("tr[data-version]")
        shown = {row["data-version"]: row["data-state"] for row in rows}
        listed = {revision.version for revision in regulation.revisions} | {regulation.version}
        assert set(shown) == listed | committed
        assert [v for v, state in shown.items() if state == "current"] == [regulation.version]
        for version, state in shown.items():
            if version != regulation.version:
                assert state == ("superseded" if version in committed else "not-archived"), version


def test_every_page_switches_language_to_its_counterpart(handbook_site):
    for url in page_urls(handbook_site, "zh") - {""}:
        depth = url.count("/")
        zh = language_links(read_page(handbook_site / url / "index.html"))
        en = language_links(read_page(handbook_site / "en" / url / "index.html"))
        assert zh["en"] == "../" * depth + "en/" + url, url
        assert en["zh"] == "../" * (depth + 1) + url, url


@cache
def anchors(html: Path) -> set[str]:
    return {element["id"] for element in read_page(html).select("[id]")}


def test_every_link_and_anchor_in_the_text_resolves_within_its_language(handbook_site):
    """The strict build checks the Markdown's links; this checks what the pages show, generated ones included."""
    checked = 0
    for language, root in LANGUAGES.items():
        for url in sorted(page_urls(handbook_site, language)):
            page_path = "/" + root + url
            for link in read_page(handbook_site / root / url / "index.html").select(".md-content a[href]"):
                target = urlsplit(urljoin(page_path, link["href"]))
                if target.scheme or link.has_attr("download"):
                    continue  # another site, or a file for tools
                path = handbook_site / target.path.lstrip("/")
                html = path / "index.html" if path.is_dir() else path
                assert html.is_file(), (page_path, link["href"])
                if target.fragment and html.suffix == ".html":
                    assert target.fragment in anchors(html), (page_path, link["href"])
                assert target.path.startswith("/en/") == (language == "en"), (page_path, link["href"])
                checked += 1
    assert checked > 100


def test_no_page_loads_anything_from_another_host(handbook_site):
    """Intranet: no web fonts, CDNs or remote scripts in any page's markup."""
    for html in handbook_site.rglob("*.html"):
        page = read_page(html)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attribute) or ""
                if (
                    tag == "link"
                    and "stylesheet" not in element.get("rel", [])
                    and "icon" not in element.get("rel", [])
                ):
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{html}: {tag} loads {url}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_pdfs_hold_every_regulation_in_force(handbook_site, language):
    reader = PdfReader(handbook_site / "pdf" / f"handbook-{language}.pdf")
    bookmarks = {
        entry.title
        for section in reader.outline
        if isinstance(section, list)
        for entry in section
        if not isinstance(entry, list)
    }
    printed = {
        title_in(state.record, language)
        for state in evaluate(HANDBOOK, resolve_today())
        if state.review.value != "draft"
    }
    assert printed <= bookmarks and len(reader.pages) > len(printed)


@pytest.mark.browser
def test_every_page_loads_only_from_its_own_server(tab, handbook_url, handbook_site):
    """Every page of both languages in Chromium: no request to another host, none failing, no script error.

    Each page is left only once Material's search has fetched its index, the
    last thing a page asks for (browser.visit). The home pages get the real
    index; the others one without entries, so that the check stays fast as the
    handbook grows.
    """
    urls = [
        handbook_url + root + url
        for language, root in LANGUAGES.items()
        for url in sorted(page_urls(handbook_site, language))
    ]
    homes = [handbook_url + root for root in LANGUAGES.values()]
    for url in homes:  # the real search index
        visit(tab.page, url)
    without_search_entries(tab.page)
    for url in urls:
        if url not in homes:
            visit(tab.page, url)
    assert len(urls) > 2 * len(HANDBOOK.regulations)
    assert tab.foreign_requests(handbook_url) == [] and tab.failures == [] and tab.errors == []
