"""The registry checks the whole handbook in one run and pins every problem to path, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from handbook_kit.core.registry import load_handbook

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
    return [(p.path, p.line, p.field, p.message) for p in load_handbook(docs).problems]


def test_the_real_handbook_is_valid():
    handbook = load_handbook(REPO / "handbook")
    assert [str(p) for p in handbook.problems] == []
    assert len(handbook.policies) == 9
    assert all(record.translation is not None for record in handbook.policies)


def test_a_valid_chapter_and_translation(tmp_path):
    docs = handbook_with(tmp_path, {"zh/a.md": GOOD, "en/a.md": '---\ntitle: Test\nsource_version: "1.0"\n---\n\nText.\n'})
    handbook = load_handbook(docs)
    assert handbook.problems == []
    assert handbook.policies[0].translation.title == "Test"


CASES = {
    "unknown key with a suggestion": (GOOD.replace("owner:", "onwer:"), [
        (2 + 2, "onwer", "unknown key (did you mean 'owner'?"),
        (1, "owner", "required field is missing (expected a role key from handbook/roles.yml)"),
    ]),
    "unknown owner role": (GOOD.replace("owner: brand-ops", "owner: brand-opps"), [
        (4, "owner", "unknown role 'brand-opps' (expected a key of handbook/roles.yml; did you mean 'brand-ops'?)"),
    ]),
    "approver who may not approve": (GOOD.replace("approver: general-manager", "approver: brand-ops").replace("R: [brand-ops]", "R: [general-manager]").replace("A: general-manager", "A: brand-ops"), [
        (5, "approver", "role 'brand-ops' may not approve (expected a role with can_approve: true)"),
    ]),
    "version as a number": (GOOD.replace('version: "1.0"', "version: 1.0"), [
        (6, "version", '1.0 is a number; quote it, e.g. "1.0"'),
    ]),
    "bad date": (GOOD.replace("effective_date: 2024-01-01", "effective_date: 2024-13-01"), [
        (7, "effective_date", "'2024-13-01' is not a real calendar day (expected YYYY-MM-DD or YYYY年M月D日)"),
    ]),
    "bad cycle": (GOOD.replace("12 months", "yearly"), [
        (8, "review_cycle", "'yearly' is not a review cycle"),
    ]),
    "bad status": (GOOD.replace("version:", "status: live\nversion:"), [
        (6, "status", "Input should be 'draft', 'active' or 'retired'"),
    ]),
    "raci without A": (GOOD.replace("    A: general-manager\n", ""), [
        (1, "raci[0].A", "required field is missing (expected exactly one accountable role)"),
    ]),
    "raci role unknown": (GOOD.replace("R: [brand-ops]", "R: [marketing]"), [
        (11, "raci[0].R[0]", "unknown role 'marketing'"),
    ]),
    "raci role with two letters": (GOOD.replace("R: [brand-ops]", "R: [brand-ops]\n    C: [brand-ops]"), [
        (10, "raci[0]", "role 'brand-ops' is both R and C (expected one letter per role)"),
    ]),
    "raci activity missing English": (GOOD.replace("{zh: 活动, en: Activity}", "{zh: 活动}"), [
        (1, "raci[0].activity.en", "required field is missing"),
    ]),
    "id pattern": (GOOD.replace("OPS-T-001", "ops_t_1"), [
        (2, "id", "String should match pattern"),
    ]),
    "metadata keys without id": (GOOD.replace("id: OPS-T-001\n", ""), [
        (3, "owner", "a regulation needs an `id`"),
    ]),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_front_matter_is_reported_where_it_is(tmp_path, case):
    text, expected = CASES[case]
    found = problems_of(handbook_with(tmp_path, {"zh/a.md": text}))
    for line, field, message in expected:
        assert any(p[0] == "handbook/zh/a.md" and p[1] == line and p[2] == field and message in p[3] for p in found), found


def test_only_home_and_section_pages_may_lack_front_matter(tmp_path):
    files = {"zh/index.md": "# 首页\n", "zh/sec/index.md": "# 章节\n", "zh/sec/rule.md": "# 制度\n正文。\n"}
    assert problems_of(handbook_with(tmp_path, files)) == [
        ("handbook/zh/sec/rule.md", 1, "(front matter)", "no front matter (expected the file to start with a --- line)"),
    ]


def test_duplicate_ids_name_the_first_file(tmp_path):
    found = problems_of(handbook_with(tmp_path, {"zh/a.md": GOOD, "zh/b.md": GOOD}))
    assert found == [("handbook/zh/b.md", 2, "id",
                      "OPS-T-001 is already used by handbook/zh/a.md (expected an id used by no other regulation)")]


def test_translation_must_not_redefine_metadata(tmp_path):
    en = '---\ntitle: Test\nsource_version: "1.0"\nowner: brand-ops\n---\n'
    found = problems_of(handbook_with(tmp_path, {"zh/a.md": GOOD, "en/a.md": en}))
    assert found == [("handbook/en/a.md", 4, "owner", "metadata belongs in the zh file only (expected just title and source_version)")]


def test_every_file_is_checked_in_one_run(tmp_path):
    files = {"zh/a.md": GOOD.replace("12 months", "soon"), "zh/b.md": "", "zh/c.md": GOOD.replace("OPS-T-001", "OPS-T-003").replace("brand-ops]", "nobody]")}
    found = problems_of(handbook_with(tmp_path, files))
    assert [(p[0], p[2]) for p in found] == [
        ("handbook/zh/a.md", "review_cycle"), ("handbook/zh/b.md", "(file)"), ("handbook/zh/c.md", "raci[0].R[0]"),
    ]


def test_bad_role_registry_entries(tmp_path):
    roles = ROLES + "Bad Key: {zh: 甲, en: A}\nmarketing: {zh: 市场部门, en: Marketing, team: acme}\n"
    found = problems_of(handbook_with(tmp_path, {"zh/a.md": GOOD}, roles=roles))
    assert [(p[0], p[1], p[2]) for p in found] == [("handbook/roles.yml", 3, "Bad Key"), ("handbook/roles.yml", 4, "marketing.team")]
