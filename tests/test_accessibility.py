"""Accessible to everyone: axe-core finds no serious or critical violation; a keyboard reaches what matters."""

from __future__ import annotations

import pytest

from handbook_kit.core.registry import load_handbook

from browser import serious_axe_violations, without_search_entries
from conftest import REPO

pytestmark = pytest.mark.browser

# One page of each kind of the real handbook, whatever editors change: a regulation
# with a RACI table (else any), and the first role's page.
_HANDBOOK = load_handbook(REPO / "handbook", REPO)
_REGULATION = next((r for r in _HANDBOOK.regulations if r.regulation.raci), _HANDBOOK.regulations[0])
REGULATION_PAGE = _REGULATION.page.removesuffix(".md") + "/"
PAGES = [
    "",
    REGULATION_PAGE,
    "governance/reviews/",
    "governance/register/",
    "governance/raci/",
    f"governance/roles/{next(iter(_HANDBOOK.roles))}/",
]


@pytest.mark.parametrize("language", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("page", PAGES, ids=["home", "regulation", "reviews", "register", "raci", "role"])
def test_axe_finds_no_serious_or_critical_violation(tab, handbook_url, language, page):
    without_search_entries(tab.page)  # not about search: spare the page building the index
    tab.page.goto(handbook_url + language + page)
    assert serious_axe_violations(tab.page) == []


@pytest.mark.parametrize("language", ["", "en/"], ids=["zh", "en"])
def test_a_keyboard_alone_reaches_search_the_language_switch_and_the_pdf(tab, handbook_url, language):
    page = tab.page
    without_search_entries(page)
    page.goto(handbook_url + language + REGULATION_PAGE)
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return e.matches("input.md-search__input") ? "search"
                 : e.matches("a[hreflang]") ? "language"
                 : e.matches("a[data-handbook-pdf]") ? "pdf" : "" }""")
        reached.add(focused)
        if {"search", "language", "pdf"} <= reached:
            break
    assert {"search", "language", "pdf"} <= reached
    # And Enter on the PDF link asks for the file in this language.
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == ("handbook-en.pdf" if language else "handbook-zh.pdf")
