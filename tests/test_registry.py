"""The registry checks the whole handbook in one run and pins every problem to path, line and field."""

from __future__ import annotations

from pathlib import Path

from handbook_kit.core.registry import load_handbook

from conftest import SPECIMEN

GOOD = """---
id: OPS-T-001
title: 测试制度
owner: brand-ops
approver: general-manager
version: "1.0"
effective_date: 2024-01-01
review_cycle: 12 months
raci:
  - activity: {zh: 活动, en: Activity}
    R: [brand-ops]
    A: general-manager
---

正文。
"""
ROLES = """general-manager: {zh: 总经理, en: General Manager, can_approve: true, team: "@acme/leadership"}
brand-ops: {zh: 品牌运营部门, en: Brand Operations, team: "@acme/brand-ops"}
"""


def handbook_with(tmp_path: Path, files: dict[str, str], roles: str = ROLES) -> Path:
    docs = tmp_path / "handbook"
    (docs / "zh").mkdir(parents=True)
    (docs / "en").mkdir(parents=True)
    (docs / "roles.yml").write_text(roles, encoding="utf-8")
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def problems_of(docs: Path) -> list[tuple[str, int, str, str]]:
    return [(p.path, p.line, p.field, p.message) for p in load_handbook(docs).errors]


def test_the_specimen_is_read_whole():
    handbook = load_handbook(SPECIMEN / "handbook")
    assert [str(p) for p in handbook.problems] == []
    assert len(handbook.regulations) == 9 and len(handbook.roles) == 13
    assert all(record.translation is not None for record in handbook.regulations)


def test_a_valid_chapter_and_translation(tmp_path):
    docs = handbook_with(
        tmp_path, {"zh/a.md": GOOD, "en/a.md": '---\ntitle: Test\nsource_version: "1.0"\n---\n\nText.\n'}
    )
    handbook = load_handbook(docs)
    assert handbook.problems == []
    assert handbook.regulations[0].translation.title == "Test"


def test_only_home_and_section_pages_may_lack_front_matter(tmp_path):
    files = {"zh/index.md": "# 首页\n", "zh/sec/index.md": "# 章节\n", "zh/sec/rule.md": "# 制度\n正文。\n"}
    assert problems_of(handbook_with(tmp_path, files)) == [
        (
            "handbook/zh/sec/rule.md",
            1,
            "(front matter)",
            "no front matter (expected the file to start with a --- line)",
        ),
    ]


def test_every_file_is_checked_in_one_run(tmp_path):
    files = {
        "zh/a.md": GOOD.replace("12 months", "soon"),
        "zh/b.md": "",
        "zh/c.md": GOOD.replace("OPS-T-001", "OPS-T-003").replace("brand-ops]", "nobody]"),
    }
    found = problems_of(handbook_with(tmp_path, files))
    assert [(p[0], p[2]) for p in found] == [
        ("handbook/zh/a.md", "review_cycle"),
        ("handbook/zh/b.md", "(file)"),
        ("handbook/zh/c.md", "raci[0].R[0]"),
    ]


def test_bad_role_registry_entries(tmp_path):
    roles = ROLES + "Bad Key: {zh: 甲, en: A}\nmarketing: {zh: 市场部门, en: Marketing, team: acme}\n"
    found = problems_of(handbook_with(tmp_path, {"zh/a.md": GOOD}, roles=roles))
    assert [(p[0], p[1], p[2]) for p in found] == [
        ("handbook/roles.yml", 3, "Bad Key"),
        ("handbook/roles.yml", 4, "marketing.team"),
    ]
