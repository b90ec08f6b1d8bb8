"""The real handbook builds strictly and is complete in both languages."""

from pages import language_links, page_urls, read_page


def test_real_handbook_has_home_pages_in_both_languages(handbook_site):
    assert (handbook_site / "index.html").is_file()
    assert (handbook_site / "en" / "index.html").is_file()
    assert read_page(handbook_site / "index.html").title.string.strip() == "运营管理制度手册"
    assert read_page(handbook_site / "en/index.html").title.string.strip() == "Operations Handbook"


def test_both_languages_have_the_same_pages(handbook_site):
    zh, en = page_urls(handbook_site, "zh"), page_urls(handbook_site, "en")
    assert zh == en
    assert len(zh) >= 4


def test_every_page_switches_language_to_its_counterpart(handbook_site):
    for url in page_urls(handbook_site, "zh") - {""}:
        depth = url.count("/")
        zh = language_links(read_page(handbook_site / url / "index.html"))
        en = language_links(read_page(handbook_site / "en" / url / "index.html"))
        assert zh["en"] == "../" * depth + "en/" + url, url
        assert en["zh"] == "../" * (depth + 1) + url, url


def test_no_page_loads_anything_from_another_host(handbook_site):
    """Intranet: no web fonts, CDNs or remote scripts in any page's markup."""
    for html in handbook_site.rglob("*.html"):
        page = read_page(html)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attribute) or ""
                if tag == "link" and "stylesheet" not in element.get("rel", []) and "icon" not in element.get("rel", []):
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{html}: {tag} loads {url}"


SECTIONS = {
    "总则": "General",
    "公司级制度": "Company-wide regulations",
    "专项制度": "Specialised regulations",
    "制度指引": "Guidance",
}
CHAPTERS = {
    "general/operations-rules/": ("运营公司规章管理制度全套", "Complete Rules for Operations Management"),
    "company/operations-management/": ("公司运营管理制度", "Company Operations Management"),
    "company/long-term-management/": ("公司运营长效管理制度", "Long-term Operations Management"),
    "specialised/brand-operations/": ("品牌运营管理制度", "Brand Operations Management"),
    "specialised/third-party-operations/": ("第三方运营管理制度", "Third-party Operations Management"),
    "specialised/software-operations/": ("软件运营管理制度", "Software Operations Management"),
    "guidance/overview/": ("运营管理制度概述", "Operations Management: An Overview"),
    "guidance/significance/": ("运营管理制度意义", "Why Operations Management Systems Matter"),
    "guidance/examples/": ("运营管理制度范例", "Examples of Operations Management Systems"),
}


def test_navigation_has_the_sections_in_each_language(handbook_site):
    zh_nav = read_page(handbook_site / "index.html").select_one("nav.md-nav--primary").get_text(" ")
    en_nav = read_page(handbook_site / "en/index.html").select_one("nav.md-nav--primary").get_text(" ")
    for zh, en in SECTIONS.items():
        assert zh in zh_nav and en in en_nav
        assert en not in zh_nav


def test_every_chapter_is_published_in_both_languages(handbook_site):
    for url, (zh_title, en_title) in CHAPTERS.items():
        zh = read_page(handbook_site / url / "index.html")
        en = read_page(handbook_site / "en" / url / "index.html")
        assert zh.h1.get_text(strip=True).rstrip("¶") == zh_title, url
        assert en.h1.get_text(strip=True).rstrip("¶") == en_title, url
        assert en.html["lang"] == "en"


def test_a_missing_list_item_keeps_the_numbering_honest(handbook_site):
    page = read_page(handbook_site / "general/operations-rules/index.html")
    article = page.find(id="art-16")
    lists = article.find_all_next("ol", limit=2)
    assert [li.get_text(strip=True) for li in lists[0].find_all("li")] == ["运营管理制度；", "运营流程；"]
    assert lists[1].get("start") == "4"
    assert "缺少第 3 项" in article.find_next("div", class_="admonition").get_text()


def test_regulation_status_is_not_mistaken_for_material_page_status(handbook_site):
    page = read_page(handbook_site / "specialised/brand-operations/index.html")
    assert page.select(".md-nav .md-status") == []
