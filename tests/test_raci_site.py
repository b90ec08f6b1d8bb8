"""Responsibility (RACI) on the specimen's site: per-regulation tables, the matrix,
role pages and raci.csv, in both languages."""

from __future__ import annotations

import csv
import io
import json

from handbook_kit.core.raci import RaciActivity, RaciTable, raci_csv
from handbook_kit.core.views import RoleView

from pages import read_page


def rows(table) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.select("tr")]


def test_regulation_page_has_its_raci_table_with_a_legend_in_both_languages(specimen_site):
    zh = read_page(specimen_site / "specialised/brand-operations/index.html").select_one(".hb-raci")
    en = read_page(specimen_site / "en/specialised/brand-operations/index.html").select_one(".hb-raci")
    assert zh.h2.get_text(strip=True) == "职责分工（RACI）" and en.h2.get_text(strip=True) == "Responsibilities (RACI)"
    assert rows(zh.table)[0] == [
        "事项",
        "总经理",
        "各部门",
        "品牌运营部门",
        "市场部门",
        "法律顾问",
        "财务部门",
        "人力资源部门",
    ]
    assert rows(zh.table)[1] == ["明确品牌定位与核心价值", "A", "I", "R", "C", "", "", ""]
    assert rows(en.table)[1] == ["Define the brand positioning and core values", "A", "I", "R", "C", "", "", ""]
    assert (
        "Accountable" in en.select_one(".hb-raci-legend").get_text()
        and "批准" in zh.select_one(".hb-raci-legend").get_text()
    )
    assert zh.select_one("tbody tr")["id"] == "raci-1"


def test_pages_without_raci_have_no_table(specimen_site):
    assert read_page(specimen_site / "guidance/overview/index.html").select_one(".hb-raci") is None


def test_matrix_lists_every_activity_under_its_regulation_for_every_role(specimen_site):
    for prefix, corner in (("", "事项"), ("en/", "Activity")):
        page = read_page(specimen_site / prefix / "governance/raci/index.html")
        matrix = page.select_one("[data-raci-matrix] table")
        header = rows(matrix.thead)[0]
        assert header[0] == corner and len(header) == 1 + 13
        groups = matrix.select("tbody[data-regulation]")
        assert [g["data-regulation"] for g in groups] == [
            "OPS-BRD-001",
            "OPS-COM-001",
            "OPS-COM-002",
            "OPS-GEN-001",
            "OPS-SWO-001",
            "OPS-TPO-001",
        ]
        assert sum(len(g.select("tr[data-activity]")) for g in groups) == 5 + 5 + 8 + 7 + 7 + 7
        for activity in matrix.select("tr[data-activity]"):
            letters = [td["data-letter"] for td in activity.select("td")]
            assert letters.count("A") == 1 and letters.count("R") >= 1


def test_role_pages_list_what_a_role_does_and_are_linked_from_cards_and_the_matrix(specimen_site):
    page = read_page(specimen_site / "en/governance/roles/finance/index.html")
    assert page.h1.get_text(strip=True) == "What Finance is responsible for"
    duties = [(tr["data-regulation"], tr["data-letter"]) for tr in page.select("tr[data-letter]")]
    assert duties[:2] == [("OPS-COM-001", "R"), ("OPS-COM-002", "R")]
    assert [letter for _, letter in duties] == sorted((letter for _, letter in duties), key="RCI".index)
    link = page.select_one('tr[data-regulation="OPS-COM-001"] td:nth-of-type(2) a')["href"]
    assert link == "../../../company/operations-management/#raci-3"

    card = read_page(specimen_site / "specialised/brand-operations/index.html").select_one('[data-field="owner"] a')
    assert card.get_text() == "品牌运营部门" and card["href"] == "../../governance/roles/brand-ops/"
    matrix = read_page(specimen_site / "governance/raci/index.html")
    assert matrix.select_one('th[data-role="finance"] a')["href"] == "../roles/finance/"
    zh = read_page(specimen_site / "governance/roles/finance/index.html")
    assert zh.h1.get_text(strip=True) == "财务部门 负责什么"


def test_raci_csv_opens_in_a_spreadsheet_with_chinese_intact(specimen_site):
    raw = (specimen_site / "raci.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese correctly
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:4] == ["制度编号", "制度名称", "事项", "总经理"]
    assert table[1][:4] == ["OPS-BRD-001", "品牌运营管理制度", "明确品牌定位与核心价值", "A"]
    assert len(table) == 1 + 39
    english = list(csv.reader(io.StringIO((specimen_site / "en/raci.csv").read_text(encoding="utf-8-sig"))))
    assert english[0][:4] == ["ID", "Title", "Activity", "General Manager"]


def test_raci_is_in_handbook_json(specimen_site):
    document = json.loads((specimen_site / "handbook.json").read_text(encoding="utf-8"))
    brand = next(r for r in document["regulations"] if r["id"] == "OPS-BRD-001")
    assert brand["raci"][0] == {
        "activity": {"zh": "明确品牌定位与核心价值", "en": "Define the brand positioning and core values"},
        "R": ["brand-ops"],
        "A": "general-manager",
        "C": ["marketing"],
        "I": ["all-departments"],
    }


def test_csv_cells_that_look_like_formulas_stay_text():
    table = RaciTable(
        "OPS-X-1", '=HYPERLINK("http://evil")', "", (RoleView("r", "@role"),), (RaciActivity(1, "-1+2", ("R",)),)
    )
    parsed = list(
        csv.reader(io.StringIO(raci_csv([table], {"field_id": "id", "field_title": "t", "raci_activity": "a"})[1:]))
    )
    assert parsed == [["id", "t", "a", "'@role"], ["OPS-X-1", '\'=HYPERLINK("http://evil")', "'-1+2", "R"]]
