"""A handbook written in English and translated into Chinese (`handbook init --languages en,zh`).

The fixture's mkdocs.yml makes English the i18n plugin's default language: it is the source, served at
`/`, and its files carry the metadata; Chinese is the translation, at `/zh/`. Everything this handbook's
own site does for Chinese sources must work the other way round, and the CLI must read the same choice.
"""

import json

import pytest
from pypdf import PdfReader

from browser import serious_axe_violations, serve, without_search_entries
from conftest import build_site, copy_fixture, edit_file, git, handbook_command
from pages import language_links, read_page

BRAND_1_0 = (
    ('version: "1.1"', 'version: "1.0"'),
    ("last_reviewed: 2026-03-01", "last_reviewed: 2024-01-01"),
    (
        '  - {version: "1.1", date: 2026-03-01, summary: {en: Yearly plan due by March, zh: 年度计划须于三月前制定}}\n',
        "",
    ),
    ("makes its yearly plan by March, under", "makes its yearly plan under"),
)


TODAY = "2026-06-01"  # the fixture's reviews are current then, one due soon


def fixture_copy(tmp_path):
    """The fixture, copied to be changed by one test."""
    return copy_fixture("english-source", tmp_path / "project")


def check(project, *options):
    """`handbook check` of the copy's docs folder, as its editor runs it."""
    return handbook_command("check", "--docs", "docs", *options, cwd=project, today=TODAY)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The fixture as a repository with history: version 1.0 (translated) in 2024, then 1.1 in English only."""
    folder = copy_fixture("english-source", tmp_path_factory.mktemp("english-source") / "project")
    current = (folder / "docs/en/rules/brand.md").read_text(encoding="utf-8")
    edit_file(folder, "docs/en/rules/brand.md", *BRAND_1_0)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "The handbook", day="2024-01-01")
    (folder / "docs/en/rules/brand.md").write_text(current, encoding="utf-8")
    edit_file(  # never translated: its old version is shown in English on the Chinese site
        folder,
        "docs/en/rules/partners.md",
        ('version: "1.0"', 'version: "1.1"'),
        ("There is no Chinese translation yet.", "There is no Chinese translation yet; they report monthly."),
    )
    git(folder, "commit", "-q", "-am", "Brand 1.1: the yearly plan by March; partners report monthly", day="2026-03-01")
    return folder


@pytest.fixture(scope="module")
def site(project):
    return build_site(project / "mkdocs.yml", project / "site", pdf=True)


def text_of(site, url: str) -> str:
    return " ".join(read_page(site / url / "index.html").select_one("article").get_text(" ").split())


def test_the_source_is_at_the_root_and_the_translation_under_its_folder(site):
    assert not (site / "en").exists()
    english, chinese = read_page(site / "rules/brand/index.html"), read_page(site / "zh/rules/brand/index.html")
    assert (english.html["lang"], english.h1.get_text(strip=True).rstrip("¶")) == ("en", "Brand Operations Management")
    assert (chinese.html["lang"], chinese.h1.get_text(strip=True).rstrip("¶")) == ("zh", "品牌运营管理制度")
    assert language_links(english) == {"en": "./", "zh": "../../zh/rules/brand/"}
    assert language_links(chinese) == {"en": "../../../rules/brand/", "zh": "./"}
    for root in ("", "zh/"):  # the generated pages, in each language
        for generated in ("governance/reviews", "governance/register", "governance/raci", "governance/changes"):
            assert (site / root / generated / "index.html").is_file(), root + generated


def test_the_card_and_tables_show_each_language_its_own_words(site):
    english, chinese = text_of(site, "rules/brand"), text_of(site, "zh/rules/brand")
    assert "Owner" in english and "Brand Operations" in english and "Draft the brand plan" in english
    card = read_page(site / "zh/rules/brand/index.html").select_one(".hb-card [data-field=owner]")
    assert "品牌运营部门" in card.get_text() and "Brand Operations" not in card.get_text()
    assert "品牌运营部门" in chinese and "制定品牌推广计划" in chinese and "年度计划须于三月前制定" in chinese
    assert "Draft the brand plan" not in chinese


def test_translation_notices_name_english_as_the_source(site):
    outdated = read_page(site / "zh/rules/brand/index.html")
    notice = outdated.select_one('[data-notice="translation-outdated"]').get_text(" ", strip=True)
    assert "第 1.0 版英文文本" in notice and "现行英文文本为第 1.1 版" in notice
    changes = outdated.select_one("a[data-translator-changes]")
    assert changes["hreflang"] == "en"
    assert (site / "zh/rules/brand" / changes["href"] / "index.html").resolve().is_file()
    assert "by March" in text_of(site, changes["href"].replace("../", "", 3).rstrip("/"))
    missing = read_page(site / "zh/rules/partners/index.html")
    assert (
        "本制度尚无中文译文，以下为英文原文。" in missing.select_one('[data-notice="translation-missing"]').get_text()
    )
    assert "Third-party operators follow these rules." in missing.select_one('article div[lang="en"]').get_text()
    for url in ("rules/brand", "rules/partners"):  # the source has nothing to lag behind
        assert not read_page(site / url / "index.html").select('[data-notice^="translation"]')


def test_history_reads_the_english_files_and_the_chinese_of_each_version(site):
    history = text_of(site, "rules/brand/history")
    assert "1.1" in history and "1.0" in history and "Yearly plan due by March" in history
    assert "makes its yearly plan under" in text_of(site, "rules/brand/v/1.0")
    assert "品牌运营部门依照 第一条 制定年度计划" in text_of(site, "zh/rules/brand/v/1.0")  # 1.0 was translated
    comparison = read_page(site / "rules/brand/v/1.1/changes/index.html")
    assert "by March" in " ".join(tag.get_text() for tag in comparison.select("ins"))
    # 1.1 has no Chinese translation: the Chinese page compares the English texts, marked as English.
    chinese = read_page(site / "zh/rules/brand/v/1.1/changes/index.html")
    assert chinese.select_one('[data-notice="comparison-translation-missing"]') is not None
    assert "by March" in " ".join(tag.get_text() for tag in chinese.select('.hb-comparison__text[lang="en"] ins'))
    assert "年度计划须于三月前制定" in text_of(site, "zh/governance/changes")
    untranslated = read_page(site / "zh/rules/partners/v/1.0/index.html")
    assert (
        "该版本没有中文译文，以下为英文原文。"
        in untranslated.select_one('[data-notice="version-translation-missing"]').get_text()
    )
    text = untranslated.select_one('article div[lang="en"]').get_text()
    assert "There is no Chinese translation yet." in text and "monthly" not in text


def test_exports_say_which_language_is_the_source(site):
    register = json.loads((site / "zh/handbook.json").read_text(encoding="utf-8"))
    assert (register["language"], register["source_language"]) == ("zh", "en")
    brand = next(entry for entry in register["regulations"] if entry["id"] == "TEST-BRD-001")
    assert (brand["title"], brand["source_title"], brand["translation"]) == (
        "品牌运营管理制度",
        "Brand Operations Management",
        "outdated",
    )
    assert brand["raci"][0]["activity"] == {"en": "Draft the brand plan", "zh": "制定品牌推广计划"}


def test_each_language_has_its_pdf_book(site):
    english = "".join(page.extract_text() for page in PdfReader(site / "pdf/handbook-en.pdf").pages)
    chinese = "".join(page.extract_text() for page in PdfReader(site / "pdf/handbook-zh.pdf").pages)
    assert "Brand Operations Management" in english and "Workplace Safety" in english
    assert "品牌运营管理制度" in chinese and "工作场所安全制度" in chinese
    assert "Third-party Operators" in chinese  # untranslated: the English text, as on the site
    assert (site / "pdf/zh/TEST-BRD-001.pdf").is_file() and (site / "pdf/en/TEST-BRD-001.pdf").is_file()


def test_chinese_search_segments_the_translation(site):
    index = json.loads((site / "zh/search/search_index.json").read_text(encoding="utf-8"))
    brand = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("rules/brand/"))
    assert "\u200b" in brand  # jieba's word boundaries: Chinese words are found whole
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("zh/") for doc in english["docs"])


# -- the CLI reads the same languages from mkdocs.yml ---------------------------------


def test_check_reads_english_files_as_the_regulations(tmp_path):
    project = fixture_copy(tmp_path)
    result = check(project, "--fail-on", "translation-missing,translation-outdated", "--format", "json")
    assert result.returncode == 1, result.stderr
    regulations = {entry["id"]: entry for entry in json.loads(result.stdout)["regulations"]}
    assert {key: (entry["path"], entry["translation"]) for key, entry in regulations.items()} == {
        "TEST-BRD-001": ("docs/en/rules/brand.md", "outdated"),
        "TEST-PTN-001": ("docs/en/rules/partners.md", "missing"),
        "TEST-SAF-001": ("docs/en/rules/safety.md", "ok"),
    }


def test_metadata_in_the_chinese_file_is_named_as_misplaced(tmp_path):
    project = fixture_copy(tmp_path)
    edit_file(
        project, "docs/zh/rules/safety.md", ('source_version: "1.0"\n', 'source_version: "1.0"\nowner: brand-ops\n')
    )
    result = check(project)
    assert result.returncode == 2
    assert "docs/zh/rules/safety.md:4: owner: metadata belongs in the en file only" in result.stdout


def test_new_writes_the_english_source_and_its_chinese_translation(tmp_path):
    project = fixture_copy(tmp_path)
    result = handbook_command(
        "new", "TEST-NEW-001", "--title", "Travel Expenses", "--title-zh", "差旅费用管理制度",
        "--owner", "brand-ops", "--section", "rules", "--docs", "docs", cwd=project, today=TODAY,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    source = (project / "docs/en/rules/test-new-001.md").read_text(encoding="utf-8")
    translation = (project / "docs/zh/rules/test-new-001.md").read_text(encoding="utf-8")
    assert "id: TEST-NEW-001" in source and "title: Travel Expenses" in source and "### Article 1" in source
    assert "summary: {en: First issue, zh: 首次发布}" in source
    assert "title: 差旅费用管理制度" in translation and "id:" not in translation and "### 第一条" in translation
    assert "/docs/zh/rules/test-new-001.md @acme/brand-ops" in (project / ".github/CODEOWNERS").read_text()
    assert "- rules/test-new-001.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert check(project).returncode == 0


# -- one language -----------------------------------------------------------------------


def english_only(tmp_path):
    """The fixture with its Chinese translation removed: an English-only handbook."""
    project = fixture_copy(tmp_path)
    for path in sorted((project / "docs/zh").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (project / "docs/zh").rmdir()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config[: config.index("        - locale: zh")] + config[config.index("  - handbook/regulations:") :]
    )
    roles = (project / "docs/roles.yml").read_text(encoding="utf-8")
    (project / "docs/roles.yml").write_text(
        roles.replace(", zh: 总经理", "").replace(", zh: 品牌运营部门", "").replace(", zh: 全体员工", "")
    )
    edit_file(
        project,
        "docs/en/rules/safety.md",
        ("{en: Inspect the premises, zh: 检查办公场所}", "{en: Inspect the premises}"),
    )
    handbook_command("codeowners", "--docs", "docs", cwd=project)
    return project


def test_one_language_needs_no_translation_and_its_texts_in_that_language_only(tmp_path):
    project = english_only(tmp_path)
    gate = "translation-missing,translation-outdated,overdue"
    result = check(project, "--fail-on", gate)
    assert result.returncode == 0, result.stdout + result.stderr
    site = build_site(project / "mkdocs.yml", project / "site")
    assert not (site / "zh").exists() and not (site / "en").exists()
    page = read_page(site / "rules/safety/index.html")
    assert not language_links(page) and not page.select('[data-notice^="translation"]')
    assert "Inspect the premises" in text_of(site, "rules/safety")
    dashboard = read_page(site / "governance/reviews/index.html")
    assert not dashboard.select("[data-translation]")  # no translation column
    register = json.loads((site / "handbook.json").read_text(encoding="utf-8"))
    assert {entry["translation"] for entry in register["regulations"]} == {"none"}
    rows = [row for entry in register["regulations"] for row in entry["raci"]]
    assert len(rows) == 2 and all(list(row["activity"]) == ["en"] for row in rows)  # brand's zh text is not exported
    new = ("new", "TEST-NEW-001", "--title", "Travel", "--owner", "brand-ops", "--section", "rules", "--docs", "docs")
    refused = handbook_command(*new, "--title-zh", "差旅", cwd=project, today=TODAY)
    assert refused.returncode == 2 and "--title-zh: the handbook has no zh (its languages: en)" in refused.stderr
    assert handbook_command(*new, cwd=project, today=TODAY).returncode == 0
    assert (
        not (project / "docs/zh").exists()
        and "id: TEST-NEW-001" in (project / "docs/en/rules/test-new-001.md").read_text()
    )


def test_a_bilingual_handbook_needs_each_text_in_both_languages(tmp_path):
    project = fixture_copy(tmp_path)
    edit_file(
        project,
        "docs/en/rules/safety.md",
        ("{en: Inspect the premises, zh: 检查办公场所}", "{en: Inspect the premises}"),
    )
    result = check(project)
    assert result.returncode == 2
    assert "docs/en/rules/safety.md:11: raci[0].activity: no zh text (expected one text per language" in result.stdout


def test_languages_that_cannot_make_a_handbook_are_named(tmp_path):
    project = fixture_copy(tmp_path)
    edit_file(project, "mkdocs.yml", ("        - locale: zh\n", "        - locale: zh\n          default: true\n"))
    result = check(project)
    assert result.returncode == 2
    assert "mkdocs.yml: the i18n plugin marks 2 languages `default: true`" in result.stderr


def test_a_file_in_the_translation_folder_without_a_source_is_named(tmp_path):
    project = fixture_copy(tmp_path)
    (project / "docs/zh/rules/lost.md").write_text(
        (project / "docs/en/rules/partners.md").read_text(encoding="utf-8").replace("TEST-PTN-001", "TEST-LOST-001")
    )
    (project / "docs/zh/rules/orphan.md").write_text('---\ntitle: 孤儿\nsource_version: "1.0"\n---\n正文。\n')
    result = check(project)
    assert result.returncode == 2
    assert "docs/zh/rules/lost.md:2: id: no docs/en/rules/lost.md beside it (expected a regulation's file in en" in (
        result.stdout
    )
    assert "docs/zh/rules/orphan.md:3: source_version: no docs/en/rules/orphan.md beside it" in result.stdout


def test_a_missing_source_folder_is_an_error_not_an_empty_handbook(tmp_path):
    project = fixture_copy(tmp_path)
    (project / "docs/en").rename(project / "docs/EN")
    result = check(project)
    assert result.returncode == 2
    assert "docs/en:1: (file): no such folder (expected the regulations in en, the source language" in result.stdout


def test_missing_articles_of_a_translation_are_named_against_the_english_text(tmp_path):
    project = fixture_copy(tmp_path)
    edit_file(project, "docs/zh/rules/brand.md", ("### 第二条", "### 第三条"))
    result = check(project)
    assert "docs/zh/rules/brand.md" in result.stdout
    assert "第三条 is not in the English text" in result.stdout
    assert "第二条 of the English text is missing here" in result.stdout


def test_the_site_reads_the_languages_its_configuration_file_gives(tmp_path):
    """build_only_locale makes the one language the i18n plugin builds its default; the source stays English."""
    project = fixture_copy(tmp_path)
    edit_file(
        project,
        "mkdocs.yml",
        ("      docs_structure: folder\n", "      docs_structure: folder\n      build_only_locale: zh\n"),
    )
    (project / "docs/zh/rules/partners.md").write_text('---\ntitle: 第三方运营方合作制度\nsource_version: "1.0"\n---\n')
    site = build_site(project / "mkdocs.yml", project / "site")
    notice = read_page(site / "rules/brand/index.html").select_one('[data-notice="translation-outdated"]')
    assert notice is not None and "现行英文文本为第 1.1 版" in notice.get_text()


@pytest.fixture(scope="module")
def url(site):
    with serve(site) as address:
        yield address


@pytest.mark.browser
@pytest.mark.parametrize(
    "address",
    [
        "rules/brand/",
        "zh/rules/brand/",
        "zh/rules/partners/",
        "zh/rules/partners/v/1.0/",
        "zh/rules/brand/v/1.1/changes/",
    ],
    ids=["source", "outdated", "untranslated", "untranslated-version", "comparison"],
)
def test_pages_in_chromium_load_cleanly_and_axe_finds_nothing_serious(tab, url, address):
    without_search_entries(tab.page)
    tab.page.goto(url + address)
    assert serious_axe_violations(tab.page) == []
    assert tab.foreign_requests(url) == [] and tab.failures == [] and tab.errors == []


@pytest.mark.browser
def test_the_language_switch_keeps_the_reader_on_the_regulation(tab, url):
    without_search_entries(tab.page)
    tab.page.goto(url + "rules/brand/")
    tab.page.locator('a.md-select__link[hreflang="zh"]').first.dispatch_event("click")
    tab.page.wait_for_url("**/zh/rules/brand/")
    assert tab.page.locator("h1").first.inner_text().rstrip("¶").strip() == "品牌运营管理制度"
    tab.page.locator('a.md-select__link[hreflang="en"]').first.dispatch_event("click")
    tab.page.wait_for_url(url + "rules/brand/")
    assert tab.page.locator("h1").first.inner_text().rstrip("¶").strip() == "Brand Operations Management"
