"""The search the bilingual fixture site ships: one index per language, found words, fixed queries."""

from __future__ import annotations

import builtins
import json
import logging
import re

import pytest
from mkdocs.exceptions import PluginError

from handbook_kit.search import plugin as search_plugin

from conftest import FIXTURES, build_site, copy_fixture
from pages import read_page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(FIXTURES / "bilingual" / "mkdocs.yml", tmp_path_factory.mktemp("search") / "site")


def search_index(site, root: str) -> dict:
    return json.loads((site / root / "search/search_index.json").read_text(encoding="utf-8"))


def pages_in(index: dict) -> set[str]:
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def page_config(site, page: str) -> dict:
    return json.loads(read_page(site / page).select_one("script#__config").string)


def test_each_language_has_its_own_index(site):
    chinese, english = search_index(site, ""), search_index(site, "en/")
    assert pages_in(chinese) == pages_in(english) == {"", "glossary/", "rules/brand/", "rules/partners/"}
    assert next(d for d in chinese["docs"] if d["location"] == "rules/brand/")["title"].startswith(
        "品牌运营管理制度<span"
    )
    assert next(d for d in english["docs"] if d["location"] == "rules/brand/")["title"] == "Brand Operations Management"
    # A page shown in Chinese for want of a translation is found by English readers too.
    assert next(d for d in english["docs"] if d["location"] == "rules/partners/")["title"].startswith(
        "第三方运营方合作制度"
    )
    assert chinese["config"]["lang"] == ["en", "zh"] and english["config"]["lang"] == ["en"]


def test_english_pages_look_for_the_english_index(site):
    assert page_config(site, "en/rules/brand/index.html")["base"] == "../../../en/"
    assert page_config(site, "en/index.html")["base"] == "../en/"
    assert page_config(site, "rules/brand/index.html")["base"] == "../.."
    english = page_config(site, "en/rules/brand/index.html")
    assert english["translations"]["search.result.none"] == "No matching documents"
    assert english["search"] == "../../../assets/javascripts/workers/" + english["search"].rsplit("/", 1)[1]


def test_regulations_carry_their_id_as_a_search_tag_in_both_languages(site):
    for root in ("", "en/"):
        tags = {doc["location"]: doc["tags"] for doc in search_index(site, root)["docs"] if "tags" in doc}
        assert tags == {"rules/brand/": ["TEST-BRD-001"], "rules/partners/": ["TEST-PTN-001"]}


def test_handbook_terms_stay_whole_and_their_parts_are_found_hidden(site):
    brand = next(d for d in search_index(site, "")["docs"] if d["location"] == "rules/brand/#art-1")
    assert "\u200b品牌美誉度\u200b" in brand["text"]  # the user dictionary keeps it whole
    hidden = re.search(r"<p hidden data-handbook-word-parts>(.*?)</p>", brand["text"]).group(1).split("\u200b")
    assert "美誉度" in hidden and "品牌" in hidden
    partners = next(d for d in search_index(site, "")["docs"] if d["location"] == "rules/partners/")
    assert partners["title"].startswith("第三方运营方合作制度<span hidden")  # a title from the content: one word


def test_the_built_search_worker_has_both_query_fixes(site):
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    for slip, fixed, _ in search_plugin.WORKER_FIXES:
        assert not slip.search(worker) and fixed.search(worker)


def test_an_unknown_worker_is_reported_not_patched(tmp_path, caplog):
    worker = tmp_path / "search.1234.min.js"
    worker.write_text("/* some other search */", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        search_plugin._fix_query_segmentation(tmp_path)
    assert "search.1234.min.js: Material's query segmentation is not the one handbook/search fixes" in caplog.text
    assert worker.read_text(encoding="utf-8") == "/* some other search */"


def test_without_jieba_the_build_stops_and_says_how_to_fix_it(monkeypatch):
    real_import = builtins.__import__

    def no_jieba(name, *args, **kwargs):
        if name == "jieba":
            raise ImportError("No module named 'jieba'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jieba)
    plugin = search_plugin.SearchPlugin()
    plugin.load_config({})
    with pytest.raises(PluginError, match=r"jieba is not installed, so Chinese search would not work \(install"):
        plugin.on_config(None)


def test_titles_indexed_alone_are_escaped_once(tmp_path):
    """Generated pages (here a role page whose name carries markup) go in by title, shown as typed."""
    scenario = copy_fixture("review-states", tmp_path / "review-states")
    config = scenario / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("plugins:\n", "plugins:\n  - search\n  - handbook/search\n", 1)
        .replace(
            "register: governance/register.md", "register: governance/register.md\n      role_pages: governance/roles"
        ),
        encoding="utf-8",
    )
    site = build_site(config, tmp_path / "site")
    titles = [
        doc["title"].replace("\u200b", "")
        for doc in search_index(site, "en/")["docs"]
        if doc["location"] == "governance/roles/compliance/"
    ]
    assert titles and titles[0].startswith("What Compliance &lt;script&gt;alert(1)&lt;/script&gt;")
