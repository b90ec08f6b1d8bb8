"""A regulation's page made a chapter of the PDF: its anchors, links and images."""

from handbook_kit.core.print_book import anchor_prefix, chapter_html

TARGETS = {"general/rules/": "ops-gen-001-", "company/other/": "ops-com-001-"}
SITE = "https://handbook.example.com/"


def chapter(html: str, url: str = "general/rules/") -> str:
    return chapter_html(url, html, TARGETS[url], TARGETS, SITE, "/srv/site")


def test_anchors_get_the_regulations_prefix_and_permalinks_go():
    html = '<h3 id="art-10">第十条<a class="headerlink" href="#art-10" title="x">&para;</a></h3>'
    assert chapter(html) == '<h3 id="ops-gen-001-art-10">第十条</h3>'
    assert anchor_prefix("OPS-GEN-001") == "ops-gen-001-"


def test_links_to_printed_regulations_stay_inside_the_pdf():
    html = (
        '<a href="#art-10">第十条</a> <a href="../../company/other/#art-2">第二条</a> '
        '<a href="../../company/other/">另一制度</a>'
    )
    assert chapter(html) == (
        '<a href="#ops-gen-001-art-10">第十条</a> <a href="#ops-com-001-art-2">第二条</a> '
        '<a href="#ops-com-001-top">另一制度</a>'
    )


def test_other_links_point_at_the_published_site_and_external_ones_are_kept():
    html = (
        '<a href="../../governance/raci/">矩阵</a> <a href="../../guide/#search">搜索</a> '
        '<a href="https://example.org/x">外部</a> <a href="mailto:ops@example.com">邮件</a>'
    )
    assert chapter(html) == (
        '<a href="https://handbook.example.com/governance/raci/">矩阵</a> '
        '<a href="https://handbook.example.com/guide/#search">搜索</a> '
        '<a href="https://example.org/x">外部</a> <a href="mailto:ops@example.com">邮件</a>'
    )


def test_images_are_read_from_the_built_site():
    assert (
        chapter('<img alt="" src="../../assets/chart.png">') == '<img alt="" src="file:///srv/site/assets/chart.png">'
    )


def test_english_pages_resolve_within_their_language():
    targets = {"en/general/rules/": "ops-gen-001-"}
    html = '<a href="../../../en/general/rules/#art-3">Article 3</a>'
    assert (
        chapter_html("en/general/rules/", html, "ops-gen-001-", targets, SITE, "/srv/site")
        == '<a href="#ops-gen-001-art-3">Article 3</a>'
    )
