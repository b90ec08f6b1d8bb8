"""What readers and owners see of the regulations' metadata, built from a fixture
with one regulation per review state (tests/fixtures/review-states), as of the
pinned day 2026-11-24."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from mkdocs.exceptions import Abort

from conftest import FIXTURES, PINNED_TODAY, build_site, copy_fixture
from pages import language_links, read_page

SCENARIO = FIXTURES / "review-states"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(SCENARIO / "mkdocs.yml", tmp_path_factory.mktemp("review-states") / "site")


def page(site: Path, url: str):
    return read_page(site / url / "index.html")


def card(site: Path, url: str) -> dict[str, str]:
    """The metadata card as label -> value."""
    fields = page(site, url).select_one(".hb-card").select("dl > div")
    return {f.dt.get_text(strip=True): " ".join(f.dd.get_text(" ", strip=True).split()) for f in fields}


def notices(site: Path, url: str) -> list[str]:
    return [n["data-notice"] for n in page(site, url).select(".hb-notice")]


def notice_text(site: Path, url: str, kind: str) -> str:
    return page(site, url).select_one(f'.hb-notice[data-notice="{kind}"]').get_text(" ", strip=True)


# -- the card -----------------------------------------------------------------


def test_card_shows_the_metadata_in_chinese(site):
    assert card(site, "rules/overdue") == {
        "制度编号": "TEST-OVD-001",
        "版本": "1.0",
        "状态": "现行有效",
        "负责人": "品牌运营部门",
        "审批人": "总经理",
        "生效日期": "2024-01-01",
        "上次复审": "2025-11-01",
        "下次复审": "2026-11-01 已逾期",
        "复审周期": "12 个月",
    }


def test_card_shows_the_metadata_in_english_with_english_role_names(site):
    assert card(site, "en/rules/overdue") == {
        "ID": "TEST-OVD-001",
        "Version": "1.0",
        "Status": "In force",
        "Owner": "Brand Operations",
        "Approver": "General Manager",
        "Effective date": "2024-01-01",
        "Last reviewed": "2025-11-01",
        "Next review": "2026-11-01 Overdue",
        "Review cycle": "12 months",
    }


def test_card_sits_between_the_title_and_the_text(site):
    article = page(site, "rules/current").select_one("article")
    order = [el.name if el.name != "section" else el["class"][0] for el in article.find_all(["h1", "section", "h2"])]
    assert order[:3] == ["h1", "hb-card", "h2"]


def test_never_reviewed_and_unscheduled_reviews_say_so(site):
    assert card(site, "rules/upcoming")["上次复审"] == "尚未复审"
    assert card(site, "rules/draft")["下次复审"] == "不适用 草案"
    assert card(site, "en/rules/retired")["Next review"] == "Not scheduled Retired"


def test_every_cycle_spelling_reads_naturally(site):
    assert card(site, "en/rules/due-soon")["Review cycle"] == "1 year"
    assert card(site, "en/rules/upcoming")["Review cycle"] == "6 months"
    assert card(site, "rules/current")["复审周期"] == "12 个月"


# -- notices ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("rules/overdue", ["overdue"]),
        ("rules/due-soon", ["due-soon"]),
        ("rules/upcoming", ["upcoming"]),
        ("rules/current", []),
        ("rules/retired", ["retired"]),
        ("rules/draft", ["draft"]),
        ("en/rules/overdue", ["overdue"]),
        ("en/rules/due-soon", ["due-soon", "translation-outdated"]),
        ("en/rules/upcoming", ["upcoming", "translation-missing"]),
        ("en/rules/current", []),
    ],
)
def test_each_page_shows_the_notices_of_its_state(site, url, expected):
    assert notices(site, url) == expected


def test_notices_say_what_is_due_and_who_owns_it(site):
    assert "2026-11-01" in notice_text(site, "rules/overdue", "overdue")
    assert "品牌运营部门" in notice_text(site, "rules/overdue", "overdue")
    assert "2026-12-24" in notice_text(site, "en/rules/due-soon", "due-soon")
    assert "2027-01-01" in notice_text(site, "en/rules/upcoming", "upcoming")


def test_outdated_translation_names_both_versions(site):
    text = notice_text(site, "en/rules/due-soon", "translation-outdated")
    assert "version 1.0 of the Chinese text" in text and "now version 2.0" in text


def test_missing_translation_shows_the_chinese_text_under_en(site):
    assert "未生效制度的正文" in page(site, "en/rules/upcoming").select_one("article").get_text()
    assert "not been translated" in notice_text(site, "en/rules/upcoming", "translation-missing")


# -- revisions and escaping -------------------------------------------------------


def test_revision_history_follows_the_text_in_the_page_language(site):
    zh = page(site, "rules/overdue").select_one(".hb-revisions")
    en = page(site, "en/rules/overdue").select_one(".hb-revisions")
    assert [td.get_text(strip=True) for td in zh.select("tbody td")][:2] == ["1.0", "2024-01-01"]
    assert zh.h2.get_text(strip=True) == "修订记录" and en.h2.get_text(strip=True) == "Revision history"
    assert en.select("tbody td")[2].get_text() == "First issue <img src=x onerror=alert(1)>"


@pytest.mark.parametrize(
    "url",
    [
        "rules/due-soon",
        "en/rules/due-soon",
        "rules/draft",
        "en/rules/draft",
        "governance/reviews",
        "en/governance/reviews",
        "governance/register",
        "en/governance/register",
    ],
)
def test_front_matter_and_role_names_are_shown_as_text_never_as_markup(site, url):
    whole = page(site, url)  # the table of contents included
    assert not [s for s in whole.find_all("script") if "alert" in s.get_text()]
    assert whole.find("img", onerror=True) is None and whole.find("b", string="合规部") is None
    assert whole.find("i", string="斜体") is None
    text = whole.select_one("article").get_text()
    assert '<b>合规部</b> & "法务"' in text or "Compliance <script>alert(1)</script>" in text
    # The payload titles show as typed: in the navigation, and as the heading on their own pages.
    nav = whole.select_one("nav.md-nav--primary").get_text()
    assert "草案制度 <i>斜体</i>" in nav or "Draft Regulation <script>alert(2)</script>" in nav


# -- generated pages ------------------------------------------------------------------


def test_dashboard_counts_every_status(site):
    counts = {c["data-review"]: int(c.strong.get_text()) for c in page(site, "governance/reviews").select(".hb-count")}
    assert counts == {"overdue": 1, "due-soon": 1, "current": 1, "upcoming": 1, "draft": 1, "retired": 1}


def test_dashboard_lists_regulations_by_due_date_with_owner_and_dates(site):
    table = page(site, "en/governance/reviews").select_one("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[1] for row in rows] == [
        "Overdue Regulation TEST-OVD-001",
        "Due-soon Regulation TEST-DUE-001",
        "Current Regulation TEST-CUR-001",
        "未生效制度 TEST-UPC-001",
        "Draft Regulation <script>alert(2)</script> TEST-DRF-001",
        "Retired Regulation TEST-RET-001",
    ]
    assert rows[0] == [
        "Overdue",
        "Overdue Regulation TEST-OVD-001",
        "Brand Operations",
        "2025-11-01",
        "2026-11-01",
        "Up to date",
    ]
    assert rows[1][-1] == "Outdated" and rows[3][-1] == "Missing"
    assert rows[4][3:5] == ["Not yet reviewed", "Not scheduled"]


def test_dashboard_groups_regulations_per_owner_in_the_table_of_contents(site):
    dashboard = page(site, "governance/reviews")
    owners = [h.get_text(strip=True).rstrip("¶") for h in dashboard.select("article h3")]
    assert owners == ["品牌运营部门", '<b>合规部</b> & "法务"']  # the most urgent owner first
    toc = [a.get_text(strip=True) for a in dashboard.select("nav.md-nav--secondary a")]
    assert "品牌运营部门" in toc
    brand = dashboard.select("article h3")[0].find_next("table")
    assert [tr["data-regulation"] for tr in brand.select("tbody tr")] == [
        "TEST-OVD-001",
        "TEST-CUR-001",
        "TEST-RET-001",
    ]


def test_register_lists_every_regulation_by_id(site):
    table = page(site, "en/governance/register").select_one("table")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    assert header == ["ID", "Title", "Version", "Status", "Owner", "Approver", "Effective date", "Review cycle"]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    assert [
        "TEST-RET-001",
        "Retired Regulation",
        "1.0",
        "Retired",
        "Brand Operations",
        "General Manager",
        "2020-01-01",
        "12 months",
    ] in rows


@pytest.mark.parametrize(
    "url", ["governance/reviews", "en/governance/reviews", "governance/register", "en/governance/register"]
)
def test_generated_pages_link_to_existing_pages_and_downloads(site, url):
    generated = site / url / "index.html"
    links = [a["href"] for a in read_page(generated).select("article a[href]") if not a["href"].startswith("#")]
    assert links
    for href in links:
        target = (generated.parent / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_generated_pages_switch_language_to_themselves(site):
    assert language_links(page(site, "governance/reviews")) == {"zh": "./", "en": "../../en/governance/reviews/"}
    assert language_links(page(site, "en/governance/register")) == {"zh": "../../../governance/register/", "en": "./"}


def test_a_title_is_text_in_the_heading_and_the_browser_tab(site):
    zh, en = page(site, "rules/draft"), page(site, "en/rules/draft")
    assert zh.h1.get_text() == "草案制度 <i>斜体</i>" and zh.title.get_text().startswith("草案制度 <i>斜体</i> - ")
    assert en.h1.get_text() == "Draft Regulation <script>alert(2)</script>"


def test_generated_pages_are_titled_in_their_language(site):
    assert page(site, "governance/reviews").h1.get_text(strip=True) == "复审看板"
    assert page(site, "en/governance/register").h1.get_text(strip=True) == "Register of regulations"


# -- exports ----------------------------------------------------------------------------


def test_handbook_json_is_the_register_with_review_and_translation_states(site):
    document = json.loads((site / "en" / "handbook.json").read_text(encoding="utf-8"))
    assert document["today"] == PINNED_TODAY and (document["language"], document["source_language"]) == ("en", "zh")
    by_id = {r["id"]: r for r in document["regulations"]}
    assert list(by_id) == sorted(by_id)
    assert by_id["TEST-DUE-001"] | {"owner": None} == {
        "id": "TEST-DUE-001",
        "title": "Due-soon Regulation",
        "source_title": "将到期制度",
        "url": "https://handbook.example.com/en/rules/due-soon/",
        "version": "2.0",
        "status": "active",
        "owner": None,
        "approver": {"key": "general-manager", "name": "General Manager"},
        "effective_date": "2024-01-01",
        "last_reviewed": "2025-12-24",
        "review_cycle": "P1Y",
        "due": "2026-12-24",
        "review": "due-soon",
        "translation": "outdated",
        "source_version": "1.0",
        "supersedes": [],
        "raci": [],
    }
    assert by_id["TEST-RET-001"]["due"] is None and by_id["TEST-UPC-001"]["translation"] == "missing"


def test_reviews_ics_parses_as_one_all_day_event_per_scheduled_review(site):
    calendar = icalendar.Calendar.from_ical((site / "reviews.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == [
        f"{i}-review@handbook.example.com" for i in ("TEST-CUR-001", "TEST-DUE-001", "TEST-OVD-001", "TEST-UPC-001")
    ]
    overdue = events["TEST-OVD-001-review@handbook.example.com"]
    assert overdue.decoded("dtstart").isoformat() == "2026-11-01"
    assert overdue.decoded("dtend").isoformat() == "2026-11-02"
    assert str(overdue["summary"]) == "制度复审：逾期制度（TEST-OVD-001）"
    assert str(overdue["url"]) == "https://handbook.example.com/rules/overdue/"
    assert "品牌运营部门" in str(overdue["description"])
    due_soon = events["TEST-DUE-001-review@handbook.example.com"]
    assert '<b>合规部</b> & "法务"' in str(due_soon["description"])  # text survives RFC 5545 escaping


def test_english_calendar_speaks_english(site):
    calendar = icalendar.Calendar.from_ical((site / "en" / "reviews.ics").read_bytes())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert "Review due: Overdue Regulation (TEST-OVD-001)" in summaries


def test_exports_are_reproducible_for_a_pinned_day(site, tmp_path):
    again = build_site(SCENARIO / "mkdocs.yml", tmp_path / "again")
    for name in ("handbook.json", "reviews.ics", "en/reviews.ics", "governance/reviews/index.html"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


# -- the build fails on bad input, and on overdue reviews when asked ----------------------


def copy_scenario(tmp_path: Path) -> Path:
    return copy_fixture("review-states", tmp_path / "review-states")


def test_invalid_front_matter_fails_the_build_naming_file_line_and_field(tmp_path, caplog):
    scenario = copy_scenario(tmp_path)
    regulation = scenario / "docs/zh/rules/current.md"
    regulation.write_text(regulation.read_text().replace("owner: brand-ops", "owner: brand-opps"))
    with pytest.raises(Abort):
        build_site(scenario / "mkdocs.yml", tmp_path / "site")
    assert (
        "docs/zh/rules/current.md:4: owner: unknown role 'brand-opps' "
        "(expected a key of handbook/roles.yml; did you mean 'brand-ops'?)"
    ) in caplog.text


def test_fail_on_overdue_fails_the_build_naming_the_overdue_regulation(tmp_path, caplog):
    scenario = copy_scenario(tmp_path)
    config = scenario / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "register: governance/register.md", "register: governance/register.md\n      fail_on_overdue: true"
        )
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "1 review(s) overdue as of 2026-11-24" in caplog.text
    assert "docs/zh/rules/overdue.md: TEST-OVD-001 review overdue since 2026-11-01, owner brand-ops" in caplog.text


def test_without_fail_on_overdue_the_strict_build_passes_and_reports_once(site, tmp_path, caplog):
    caplog.set_level("INFO")
    build_site(SCENARIO / "mkdocs.yml", tmp_path / "site")
    reports = [r for r in caplog.records if "TEST-OVD-001 review overdue" in r.getMessage()]
    assert len(reports) == 1 and reports[0].levelname == "INFO"
