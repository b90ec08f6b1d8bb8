"""A minimal bilingual site with our plugins, built strictly into tmp_path."""

import json

import pytest
from mkdocs.exceptions import Abort

from conftest import FIXTURES, build_site, copy_fixture
from pages import language_links, page_urls, read_page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(FIXTURES / "bilingual" / "mkdocs.yml", tmp_path_factory.mktemp("bilingual") / "site")


def test_both_languages_are_built_with_the_same_pages(site):
    # glossary and partners have no English file: English readers get them as fallbacks.
    pages = {"", "glossary/", "rules/brand/", "rules/partners/", "rules/brand/history/", "rules/partners/history/"}
    assert page_urls(site, "zh") == page_urls(site, "en") == pages
    assert read_page(site / "index.html").html["lang"] == "zh"
    assert read_page(site / "en" / "index.html").html["lang"] == "en"


def test_language_switch_points_to_the_same_page(site):
    zh = language_links(read_page(site / "rules/brand/index.html"))
    en = language_links(read_page(site / "en/rules/brand/index.html"))
    assert zh == {"zh": "./", "en": "../../en/rules/brand/"}
    assert en == {"zh": "../../../rules/brand/", "en": "./"}


def test_section_titles_are_translated(site):
    zh_nav = read_page(site / "rules/brand/index.html").select_one("nav.md-nav--primary").get_text()
    en_nav = read_page(site / "en/rules/brand/index.html").select_one("nav.md-nav--primary").get_text()
    assert "制度" in zh_nav and "Regulations" not in zh_nav
    assert "Regulations" in en_nav


def test_articles_and_chapters_have_the_same_anchors_in_both_languages(site):
    zh = read_page(site / "rules/brand/index.html")
    en = read_page(site / "en/rules/brand/index.html")
    for page in (zh, en):
        assert [h["id"] for h in page.select("article h2, article h3")] == [
            "ch-1",
            "art-1",
            "art-2",
            page.select("article h2")[-1]["id"],
        ]
        assert page.find(id="art-2").select_one("a.headerlink")["href"] == "#art-2"
    # Other headings keep readable anchors in their own language.
    assert zh.select("article h2")[-1]["id"] == "附则"
    assert en.select("article h2")[-1]["id"] == "supplementary-provisions"
    # The cross-reference in the text points at the article in both languages.
    assert zh.find("a", string="第一条")["href"] == "#art-1"
    assert en.find("a", string="Article 1")["href"] == "#art-1"


def test_the_permalink_says_what_it_is_in_the_page_language(site):
    zh = read_page(site / "rules/brand/index.html").find(id="art-1").select_one("a.headerlink")
    en = read_page(site / "en/rules/brand/index.html").find(id="art-1").select_one("a.headerlink")
    assert zh["title"] == "本节的固定链接，可复制引用"
    assert en["title"] == "Permanent link to this section, for citing"


def test_a_reference_to_a_missing_article_fails_the_strict_build(tmp_path, caplog):
    scenario = copy_fixture("bilingual", tmp_path / "bilingual")
    chapter = scenario / "docs/zh/rules/brand.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("(#art-1)", "(#art-9)"), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(scenario / "mkdocs.yml", tmp_path / "site")
    assert "contains a link '#art-9', but there is no such anchor on this page" in caplog.text


def test_footer_shows_the_pinned_build_day_in_the_page_language(site):
    zh = read_page(site / "index.html").select_one(".md-copyright__build").get_text(" ", strip=True)
    en = read_page(site / "en/index.html").select_one(".md-copyright__build").get_text(" ", strip=True)
    assert zh == "本站生成于 2026-11-24"
    assert en == "Site built on 2026-11-24"


def test_chinese_search_keeps_handbook_terms_whole(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"] if doc["location"].startswith("rules/brand/")]
    # jieba's general dictionary would cut 品牌美誉度 into 品牌 + 美誉度.
    assert any("\u200b品牌美誉度\u200b" in text for text in texts)


def test_an_invalid_pinned_today_fails_the_build_and_says_why(tmp_path, caplog):
    with pytest.raises(Abort):
        build_site(FIXTURES / "bilingual" / "mkdocs.yml", tmp_path / "site", today="2026-02-30")
    assert "HANDBOOK_TODAY: '2026-02-30' is not a date (expected YYYY-MM-DD" in caplog.text


def test_a_missing_search_dictionary_is_a_configuration_error(tmp_path, caplog):
    scenario = copy_fixture("bilingual", tmp_path / "bilingual")
    (scenario / "terms.txt").unlink()
    with pytest.raises(Abort):
        build_site(scenario / "mkdocs.yml", tmp_path / "site")
    assert f"'user_dictionary': The path '{scenario / 'terms.txt'}' isn't an existing file" in caplog.text


def test_a_malformed_search_dictionary_names_file_and_line(tmp_path, caplog):
    scenario = copy_fixture("bilingual", tmp_path / "bilingual")
    (scenario / "terms.txt").write_text("品牌美誉度 high\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(scenario / "mkdocs.yml", tmp_path / "site")
    assert f"{scenario / 'terms.txt'}:1: frequency 'high' of '品牌美誉度' is not a whole number" in caplog.text


def test_a_page_without_translation_is_shown_in_english_with_a_notice(site):
    glossary = read_page(site / "en/glossary/index.html")
    notice = glossary.select_one('[data-notice="page-untranslated"]')
    assert notice.get_text(" ", strip=True) == (
        "No translation yet This page has not been translated into English yet: the Chinese text is shown below."
    )
    # The Chinese text is marked as Chinese: a screen reader reads it with a Chinese voice.
    assert "受公司委托开展运营工作的外部单位" in glossary.select_one('article div[lang="zh"]').get_text()
    assert read_page(site / "glossary/index.html").select_one("[data-notice], article div[lang]") is None
    assert read_page(site / "en/rules/brand/index.html").select_one('[data-notice="page-untranslated"]') is None
    # A regulation says so in its own words, next to its metadata card.
    partners = read_page(site / "en/rules/partners/index.html")
    assert partners.select_one('[data-notice="translation-missing"]') is not None
    assert partners.select_one('[data-notice="page-untranslated"]') is None
    assert "第三方运营方应当遵守本制度" in partners.select_one('article div[lang="zh"]').get_text()


def test_titles_are_escaped_even_with_the_plugin_switched_off(tmp_path):
    """Escaping is a security property: it holds whatever the configuration says."""
    scenario = copy_fixture("bilingual", tmp_path / "bilingual")
    config = scenario / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - handbook/regulations\n", "  - handbook/regulations:\n      enabled: false\n")
    )
    glossary = scenario / "docs/zh/glossary.md"
    source = glossary.read_text(encoding="utf-8")
    glossary.write_text(source.replace("title: 术语表", 'title: "术语 <script>alert(1)</script>"'), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    page = read_page(site / "glossary/index.html")
    assert page.h1.get_text() == "术语 <script>alert(1)</script>" and not page.select("script:-soup-contains('alert')")
    assert page.select_one(".hb-card") is None and not (site / "handbook.json").exists()  # the rest is off
