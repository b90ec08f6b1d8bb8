"""The specimen in headless Chromium: the language switch, the dashboard, the matrix filter, cited articles."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from browser import without_search_entries

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _no_search_entries(tab):
    without_search_entries(tab.page)  # these are not about search: spare each page building the index


def title(page: Page) -> str:
    """The page's h1 without its permalink sign."""
    return page.locator("h1").evaluate("h1 => h1.firstChild.textContent").strip()


def switch_language(page: Page, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link", has_text=name).click()


def test_language_switch_lands_on_the_same_page(tab, specimen_url):
    page = tab.page
    page.goto(specimen_url + "specialised/brand-operations/")
    assert title(page) == "品牌运营管理制度"

    switch_language(page, "English")
    page.wait_for_url(specimen_url + "en/specialised/brand-operations/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert title(page) == "Brand Operations Management"

    switch_language(page, "中文")
    page.wait_for_url(specimen_url + "specialised/brand-operations/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert tab.foreign_requests(specimen_url) == []


def test_owner_goes_from_the_dashboard_to_an_overdue_regulation_and_back_in_english(tab, specimen_url):
    page = tab.page
    page.goto(specimen_url + "governance/reviews/")
    assert title(page) == "复审看板"
    overdue = page.locator('table tr[data-review="overdue"]').first
    assert overdue.locator(".hb-badge").inner_text() == "已逾期"
    overdue.locator("a").click()
    page.wait_for_url(specimen_url + "company/operations-management/")
    assert page.locator(".hb-card").is_visible()
    assert page.locator('.hb-card [data-field="next_review"]').inner_text().split() == ["2026-10-15", "已逾期"]
    assert page.locator('.hb-notice[data-notice="overdue"]').is_visible()

    page.go_back()
    switch_language(page, "English")
    page.wait_for_url(specimen_url + "en/governance/reviews/")
    assert title(page) == "Review dashboard"
    download = urljoin(page.url, page.locator("a[href$='reviews.ics']").get_attribute("href"))
    assert download == specimen_url + "en/reviews.ics"
    calendar = page.request.get(download)
    assert calendar.ok and calendar.text().startswith("BEGIN:VCALENDAR")
    assert tab.foreign_requests(specimen_url) == [] and tab.errors == []


def test_matrix_filter_shows_one_roles_duties_or_one_regulation(tab, specimen_url):
    page = tab.page
    page.goto(specimen_url + "en/governance/raci/")
    activities = page.locator("[data-raci-matrix] tr[data-activity]")
    assert activities.count() == 39
    page.select_option("select[name=role]", "finance")
    visible = [row for row in activities.all() if row.is_visible()]
    assert len(visible) == 5  # every activity where Finance has a letter, and only those
    assert all(row.locator('td[data-role="finance"]').get_attribute("data-letter") for row in visible)
    assert page.locator('[data-raci-matrix] th[data-role="marketing"]').is_hidden()

    page.select_option("select[name=role]", "")
    page.select_option("select[name=regulation]", "OPS-BRD-001")
    assert len([row for row in activities.all() if row.is_visible()]) == 5
    assert page.locator('tbody[data-regulation="OPS-COM-001"]').is_hidden()

    page.goto(specimen_url + "governance/raci/?role=legal-counsel")  # a shareable filtered view
    assert page.locator("select[name=role]").input_value() == "legal-counsel"
    assert tab.errors == []


def test_language_switch_keeps_the_cited_article(tab, specimen_url):
    page = tab.page
    page.goto(specimen_url + "general/operations-rules/#art-10")
    switch_language(page, "English")
    page.wait_for_url(specimen_url + "en/general/operations-rules/#art-10")
    heading = page.locator("#art-10")
    assert heading.inner_text().startswith("Article 10")
    assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")
    # The reference in the editor's note of Article 8 leads to the same place.
    page.goto(specimen_url + "general/operations-rules/")
    page.locator("#art-8 ~ .admonition a[href='#art-10']").first.click()
    assert page.url.endswith("#art-10")
    assert tab.errors == []
