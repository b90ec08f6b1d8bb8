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
