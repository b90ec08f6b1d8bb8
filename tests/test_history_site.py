"""Change history on the site, built from a real git repository made here.

The specimen is committed as it is (brand operations at 1.0, 2024), then revised
twice: 1.1 in 2025 (第一条 reworded in both languages, an article added, the
owner changed) and 1.2 in 2026 (第二条 reworded in Chinese only, so the English
translation is outdated). Every version, its comparison, the what's-new page and
the feed are read back as a reader (and a feed reader) would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from browser import serious_axe_violations, serve, without_search_entries
from conftest import PINNED_TODAY, build_site, copy_fixture, edit_file, git, git_repository
from pages import read_page

ZH = "handbook/zh/specialised/brand-operations.md"
EN = "handbook/en/specialised/brand-operations.md"
PAGE = "specialised/brand-operations/"


def revision(version: str, day: str, zh: str, en: str) -> tuple[str, str]:
    return ("revisions:\n", f'revisions:\n  - {{version: "{version}", date: {day}, summary: {{zh: {zh}, en: {en}}}}}\n')


def revise(repo: Path) -> None:
    """Two revisions of brand operations after the specimen as committed."""
    edit_file(
        repo,
        ZH,
        ('version: "1.0"', 'version: "1.1"'),
        ("owner: brand-ops", "owner: marketing"),
        revision("1.1", "2025-10-15", "修订第一条", "Article 1 revised"),
        ("特制定本制度。", "特制定本制度，并定期评估执行效果。"),
        ("### 第二条\n", "### 第二条之一\n\n品牌运营应当遵守法律法规。\n\n### 第二条\n"),
    )
    edit_file(
        repo,
        EN,
        ('source_version: "1.0"', 'source_version: "1.1"'),
        ("and market competitiveness.", "and market competitiveness, and to assess its effect regularly."),
    )
    git(repo, "commit", "-q", "-am", "Brand operations 1.1", day="2025-10-15")
    edit_file(
        repo,
        ZH,
        ('version: "1.1"', 'version: "1.2"'),
        revision("1.2", "2026-03-01", "修订第二条", "Article 2 revised"),
        ("包括品牌定位", "包括品牌定位、品牌命名"),
    )
    git(repo, "commit", "-q", "-am", "Brand operations 1.2", day="2026-03-01")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = git_repository(copy_fixture("specimen", tmp_path_factory.mktemp("history") / "handbook"))
    revise(repo)
    return repo


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    return build_site(repo / "mkdocs.yml", repo / "site")


def test_every_archived_version_is_readable_with_its_card_anchors_and_a_superseded_notice(site: Path):
    page = read_page(site / PAGE / "v/1.0/index.html")
    notice = page.select_one('[data-notice="superseded"]')
    assert "已被 1.1 版取代（2025-10-15）" in notice.get_text()
    assert notice.select_one("a[data-current]")["href"] == "../../"
    assert page.select_one('.hb-card [data-field="version"]').get_text(strip=True) == "1.0"
    assert page.select_one('.hb-card [data-field="owner"]')["data-role"] == "brand-ops"  # as it stood
    article = page.select_one("#art-1")
    assert article is not None
    assert "特制定本制度。" in page.select_one("article").get_text()
    assert "定期评估" not in page.select_one("article").get_text()
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    middle = read_page(site / PAGE / "v/1.1/index.html")
    assert "已被 1.2 版取代（2026-03-01）" in middle.select_one('[data-notice="superseded"]').get_text()
    assert "并定期评估执行效果" in middle.select_one("article").get_text()


def test_english_versions_show_the_translation_of_that_version_and_switch_language_on_it(site: Path):
    first = read_page(site / "en" / PAGE / "v/1.0/index.html")
    assert "superseded by version 1.1 (2025-10-15)" in first.select_one('[data-notice="superseded"]').get_text()
    assert "and market competitiveness." in first.select_one("article").get_text()
    assert first.select_one('[data-notice="version-translation-missing"]') is None
    switch = {a.get("hreflang"): a["href"] for a in first.select(".md-select__link")}
    assert switch["zh"].endswith("/specialised/brand-operations/v/1.0/")


def test_the_history_page_lists_every_version_newest_first_with_text_and_comparison(site: Path):
    page = read_page(site / PAGE / "history/index.html")
    rows = page.select("tr[data-version]")
    assert [(r["data-version"], r["data-state"]) for r in rows] == [
        ("1.2", "current"),
        ("1.1", "superseded"),
        ("1.0", "superseded"),
    ]
    assert [a["href"] for a in rows[1].select("a")] == ["../v/1.1/", "../v/1.1/changes/"]
    assert rows[0].select("a")[0]["href"] == "../"
    assert not rows[2].select("td")[5].select("a")  # the first version has nothing to compare with
    card = read_page(site / PAGE / "index.html").select_one("a[data-history]")
    assert card["href"] == "history/"


def test_versions_that_predate_the_history_are_not_archived(site: Path):
    rows = read_page(site / "general/operations-rules/history/index.html").select("tr[data-version]")
    states = {r["data-version"]: r["data-state"] for r in rows}
    assert states == {"1.1": "current", "1.0": "not-archived"}


def test_the_comparison_marks_metadata_and_text_changes_article_by_article(site: Path):
    page = read_page(site / PAGE / "v/1.1/changes/index.html")
    owner = page.select_one('tr[data-field="field_owner"]')
    assert owner.select_one("del").get_text() == "品牌运营部门" and owner.select_one("ins").get_text() == "市场部门"
    changes = {row["data-change"]: row for row in page.select("tr[data-change]")}
    assert set(changes) == {"changed", "added"}
    assert changes["changed"].select_one("ins").get_text() == "，并定期评估执行效果"
    assert "品牌运营应当遵守法律法规" in changes["added"].get_text()
    assert "另有" in page.select_one("article").get_text()  # the unchanged articles are counted
    phone = page.select_one("tr[data-change] td")["data-label"]
    assert phone == "原条款（1.0 版）"


def test_a_translators_link_goes_to_the_chinese_changes_since_the_translated_version(site: Path):
    page = read_page(site / "en" / PAGE / "index.html")
    link = page.select_one('[data-notice="translation-outdated"] a[data-translator-changes]')
    assert link["href"] == "../../../specialised/brand-operations/v/1.2/changes/"
    compared = read_page(site / PAGE / "v/1.2/changes/index.html")
    # Of the places the same insertion could be marked, the one a reader expects: a whole list item.
    assert compared.select_one("tr[data-change] ins").get_text() == "品牌命名、"


def test_whats_new_lists_every_version_change_newest_first(site: Path):
    rows = read_page(site / "governance/changes/index.html").select("tr[data-regulation]")
    days = [r.select_one("time")["datetime"] for r in rows]
    assert days == sorted(days, reverse=True) and days[0] == "2026-03-01"
    brand = [r for r in rows if r["data-regulation"] == "OPS-BRD-001"]
    assert [r["data-version"] for r in brand] == ["1.2", "1.1", "1.0"]
    assert brand[0].select("a")[1]["href"] == "../../specialised/brand-operations/v/1.2/changes/"


def test_the_feed_is_atom_with_a_stable_entry_per_version_change(site: Path):
    for root, language in (("", "zh"), ("en/", "en")):
        feed = feedparser.parse((site / root / "changes.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10" and feed.feed.language == language
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids))
        brand = [entry for entry in feed.entries if "OPS-BRD-001/" in entry.id]
        assert [entry.id.rsplit("/", 1)[1] for entry in brand] == ["1.2", "1.1", "1.0"]
        assert brand[0].link.endswith(f"/{root}specialised/brand-operations/v/1.2/changes/")
        assert brand[0].updated.startswith("2026-03-01")
    head = read_page(site / PAGE / "index.html").select_one('link[type="application/atom+xml"]')
    assert head["href"] == "../../changes.xml" and "alternate" in head["rel"]  # a feed reader's autodiscovery


def test_archived_pages_stay_out_of_search_and_the_sitemap_and_whats_new_is_searchable(site: Path):
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "/v/1.0/" not in index and "history/" not in index and "governance/changes/" in index
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/v/1.0/" not in sitemap and "/history/" not in sitemap and "specialised/brand-operations/" in sitemap


def test_a_shallow_clone_builds_and_says_what_history_it_lacks(repo: Path, tmp_path: Path, caplog):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    (clone / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with caplog.at_level("INFO"):
        site = build_site(clone / "mkdocs.yml", tmp_path / "site")
    lacking = [r.getMessage() for r in caplog.records if "shallow clone" in r.getMessage()]
    assert len(lacking) == 1 and "fetch-depth: 0" in lacking[0]
    rows = read_page(site / PAGE / "history/index.html").select("tr[data-version]")
    assert [(r["data-version"], r["data-state"]) for r in rows] == [
        ("1.2", "current"),
        ("1.1", "not-archived"),
        ("1.0", "not-archived"),
    ]


@pytest.fixture(scope="module")
def url(site: Path):
    with serve(site) as address:
        yield address


@pytest.mark.browser
@pytest.mark.parametrize("language", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("address", ["v/1.1/changes/", "v/1.0/", "history/"], ids=["comparison", "version", "history"])
def test_history_pages_in_chromium_load_cleanly_and_axe_finds_nothing_serious(tab, url, language, address):
    without_search_entries(tab.page)
    tab.page.goto(url + language + PAGE + address)
    assert serious_axe_violations(tab.page) == []
    assert tab.foreign_requests(url) == [] and tab.failures == [] and tab.errors == []


@pytest.mark.browser
def test_the_comparison_reads_on_a_phone_old_above_new_and_nothing_wider_than_the_screen(browser, url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    without_search_entries(page)
    page.goto(url + PAGE + "v/1.1/changes/")
    row = page.locator('tr[data-change="changed"]')
    old, new = row.locator("td").nth(0).bounding_box(), row.locator("td").nth(1).bounding_box()
    assert new["y"] >= old["y"] + old["height"] - 1  # stacked, not side by side
    assert old["width"] > 300  # each as wide as the screen allows
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert row.locator("ins").first.is_visible()
    assert (
        row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content").strip('"')
        == "原条款（1.0 版）"
    )
    context.close()


def test_archived_texts_and_comparisons_are_kept_between_builds_and_give_the_same_pages(
    repo: Path, tmp_path: Path, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("HANDBOOK_CACHE", str(cache))
    archived = [f"{root}{PAGE}v/{version}/index.html" for root in ("", "en/") for version in ("1.0", "1.1")]
    archived += [f"{root}{PAGE}v/{version}/changes/index.html" for root in ("", "en/") for version in ("1.1", "1.2")]
    first = build_site(repo / "mkdocs.yml", tmp_path / "first")
    kept = sorted((cache / "archived").rglob("*.json"))
    assert len(kept) == 4  # two archived versions, in two languages
    # 1.0 → 1.1 in both languages, 1.1 → 1.2 once: English has no 1.2, so both compare the Chinese.
    assert len(list((cache / "compared").rglob("*.json"))) == 3
    second = build_site(repo / "mkdocs.yml", tmp_path / "second")
    assert sorted((cache / "archived").rglob("*.json")) == kept
    assert all((second / page).read_bytes() == (first / page).read_bytes() for page in archived)
    kept[0].write_text("{not json", encoding="utf-8")  # a damaged cache costs the speed, not the page
    third = build_site(repo / "mkdocs.yml", tmp_path / "third")
    assert all((third / page).read_bytes() == (first / page).read_bytes() for page in archived)


def test_history_pages_are_the_same_written_by_the_build_or_by_workers(repo: Path, tmp_path: Path):
    """Several processes write them while MkDocs writes its pages (handbook_kit/workers.py), or the build
    alone: the pages are the same. Built by `mkdocs build` itself, a process that runs no other thread."""
    sites = {}
    for workers in ("1", "3"):
        sites[workers] = tmp_path / f"site-{workers}"
        environment = {
            **os.environ,
            "HANDBOOK_TODAY": PINNED_TODAY,
            "HANDBOOK_PDF": "false",
            "HANDBOOK_WORKERS": workers,
            "HANDBOOK_CACHE": str(tmp_path / f"cache-{workers}"),  # converted anew, not read back
        }
        subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(sites[workers])],
            cwd=repo,
            env=environment,
            check=True,
        )
    pages = {path.relative_to(sites["1"]) for path in sites["1"].rglob("*") if path.is_file()}
    assert pages == {path.relative_to(sites["3"]) for path in sites["3"].rglob("*") if path.is_file()}
    history = {str(page) for page in pages if {"v", "history"} & set(page.parts)}
    brand = {"history/", "v/1.0/", "v/1.1/", "v/1.1/changes/", "v/1.2/changes/"}
    assert {f"{root}{PAGE}{path}index.html" for root in ("", "en/") for path in brand} <= history
    assert all((sites["1"] / page).read_bytes() == (sites["3"] / page).read_bytes() for page in pages)


def test_an_archived_version_does_not_offer_the_current_pdf(repo: Path, tmp_path: Path):
    site = build_site(repo / "mkdocs.yml", tmp_path / "site", pdf=True)
    assert read_page(site / PAGE / "index.html").select_one(".hb-card a[data-regulation-pdf]") is not None
    for version in ("1.0", "1.1"):
        archived = read_page(site / PAGE / "v" / version / "index.html")
        assert archived.select_one(".hb-card") is not None  # its card, with that version's metadata
        assert archived.select_one("a[data-regulation-pdf]") is None
