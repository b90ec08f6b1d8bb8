"""Untrusted text stays text: no script from front matter, role names or revisions runs in the browser.

The review-states fixture carries HTML and JavaScript payloads in a role's
names (`<script>alert(1)</script>`), in titles (`<script>alert(2)</script>`,
`<i>`) and in every revision summary (`<img src=x onerror=alert(1)>`).
"""

from __future__ import annotations

import pytest

from browser import serve
from pages import page_urls

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import FIXTURES, PINNED_TODAY, build_site
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_TODAY", PINNED_TODAY)
        site = build_site(FIXTURES / "review-states" / "mkdocs.yml", tmp_path_factory.mktemp("hostile") / "site")
    with serve(site) as url:
        yield site, url


def test_no_script_from_the_payloads_runs_on_any_page(browser, hostile_site):
    site, url = hostile_site
    pages = [url + page for page in sorted(page_urls(site, "zh"))] + [url + "en/" + page for page in sorted(page_urls(site, "en"))]
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    shown = 0
    for address in pages:
        page.goto(address)
        page.wait_for_load_state("networkidle")
        # The payloads are on the page as text, and no element came from them.
        shown += page.locator("text=<script>alert(").count() + page.locator("text=onerror=alert(1)").count()
        assert page.locator("img[onerror], script:text-matches('alert\\\\(')").count() == 0, address
    context.close()
    assert dialogs == [] and errors == []
    assert len(pages) >= 16 and shown > 10  # every page of both languages; the payloads shown, as text
