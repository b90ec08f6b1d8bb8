"""The catalogue of bad input: each case is a small handbook with one defect, and the
exact problems `handbook check` (and the build) report: path, line, field and what
is expected. Every other file is still checked, and nothing raises."""

from __future__ import annotations

import pytest

from handbook_kit.core.registry import load_handbook

from test_registry import GOOD, ROLES, handbook_with

ZH, EN = "handbook/zh/a.md", "handbook/en/a.md"
TRANSLATION = '---\ntitle: Test\nsource_version: "1.0"\n---\n\nText.\n'


def zh(text: str | bytes) -> dict[str, str | bytes]:
    return {"zh/a.md": text, "en/a.md": TRANSLATION}


def with_line(before: str, added: str) -> str:
    """GOOD with `added` inserted as a new line before the line starting with `before`."""
    return GOOD.replace(f"\n{before}", f"\n{added}\n{before}", 1)


# name -> (files, [(path, line, field, part of the message)])
CATALOGUE = {
    # The file itself.
    "empty file": (zh(""), [(ZH, 1, "(file)", "the file is empty")]),
    "only blank lines": (zh("  \n\n"), [(ZH, 1, "(file)", "the file is empty")]),
    "no front matter": (
        zh("# 标题\n正文\n"),
        [(ZH, 1, "(front matter)", "no front matter (expected the file to start with a --- line)")],
    ),
    "front matter not closed": (
        zh("---\nid: OPS-A-1\ntitle: t\n"),
        [(ZH, 1, "(front matter)", "the front matter is not closed")],
    ),
    "GBK file": (
        zh("---\ntitle: 品牌运营\n---\n".encode("gb18030")),
        [(ZH, 2, "(file)", "not UTF-8, it looks like GBK/GB18030")],
    ),
    "UTF-16 file": (zh("---\ntitle: x\n---\n".encode("utf-16")), [(ZH, 1, "(file)", "the file is UTF-16")]),
    # YAML.
    "tab indentation": (
        zh(GOOD.replace("    R: [brand-ops]", "\tR: [brand-ops]")),
        [(ZH, 11, "(front matter)", "tab used for indentation")],
    ),
    "unclosed flow list": (
        zh(GOOD.replace("R: [brand-ops]", "R: [brand-ops")),
        [(ZH, 12, "(front matter)", "malformed YAML")],
    ),
    "bad indentation": (
        zh(GOOD.replace("title: 测试制度", "  title: 测试制度")),
        [(ZH, 3, "(front matter)", "malformed YAML")],
    ),
    "a list, not a mapping": (
        zh("---\n- a\n- b\n---\n"),
        [(ZH, 2, "(front matter)", "not a set of `key: value` lines")],
    ),
    "control character pasted into the YAML": (
        zh(GOOD.replace("title: 测试制度", "title: 测试\x1b制度")),
        [(ZH, 3, "(front matter)", "control character U+001B (expected printable text")],
    ),
    # Fields.
    "misspelt key": (
        zh(GOOD.replace("owner:", "onwer:")),
        [
            (ZH, 1, "owner", "required field is missing (expected a role key from handbook/roles.yml)"),
            (ZH, 4, "onwer", "unknown key (did you mean 'owner'?"),
        ],
    ),
    "id in lower case": (
        zh(GOOD.replace("OPS-T-001", "ops_t_1")),
        [(ZH, 2, "id", "'ops_t_1' is not in the expected form (expected 制度编号 such as OPS-BRD-001)")],
    ),
    "empty title": (
        zh(GOOD.replace("title: 测试制度", 'title: ""')),
        [(ZH, 3, "title", "expected the regulation's title, not empty")],
    ),
    "status not in the list": (
        zh(with_line("version:", "status: live")),
        [(ZH, 6, "status", "Input should be 'draft', 'active' or 'retired'")],
    ),
    "version as a number": (
        zh(GOOD.replace('version: "1.0"', "version: 1.0")),
        [(ZH, 6, "version", '1.0 is a number; quote it, e.g. "1.0"')],
    ),
    "impossible date": (
        zh(GOOD.replace("effective_date: 2024-01-01", "effective_date: 2024-13-01")),
        [(ZH, 7, "effective_date", "'2024-13-01' is not a real calendar day (expected YYYY-MM-DD or YYYY年M月D日)")],
    ),
    "impossible Chinese date": (
        zh(GOOD.replace("effective_date: 2024-01-01", "effective_date: 2024年2月30日")),
        [(ZH, 7, "effective_date", "'2024年2月30日' is not a real calendar day")],
    ),
    "last reviewed in words": (
        zh(with_line("review_cycle:", "last_reviewed: yesterday")),
        [(ZH, 8, "last_reviewed", "'yesterday' is not a date (expected YYYY-MM-DD or YYYY年M月D日)")],
    ),
    "cycle in words": (
        zh(GOOD.replace("12 months", "yearly")),
        [(ZH, 8, "review_cycle", "'yearly' is not a review cycle (expected N days/weeks/months/years")],
    ),
    "empty cycle": (
        zh(GOOD.replace("12 months", "0 months")),
        [(ZH, 8, "review_cycle", "'0 months' is an empty review cycle (expected a positive length)")],
    ),
    "superseded id malformed": (
        zh(with_line("raci:", "supersedes: [old-1]")),
        [(ZH, 9, "supersedes[0]", "'old-1' is not in the expected form (expected a list of 制度编号")],
    ),
    "revision without summary": (
        zh(with_line("raci:", 'revisions:\n  - {version: "1.0", date: 2024-01-01}')),
        [(ZH, 10, "revisions[0].summary", "required field is missing (expected what changed, in each language")],
    ),
    "owner as a list": (
        zh(GOOD.replace("owner: brand-ops", "owner: [brand-ops]")),
        [(ZH, 4, "owner", "Input should be a valid string (expected a role key from handbook/roles.yml)")],
    ),
    # References to the role registry.
    "unknown owner": (
        zh(GOOD.replace("owner: brand-ops", "owner: brand-opps")),
        [
            (
                ZH,
                4,
                "owner",
                "unknown role 'brand-opps' (expected a key of handbook/roles.yml; did you mean 'brand-ops'?)",
            )
        ],
    ),
    "approver who may not approve": (
        zh(
            GOOD.replace("approver: general-manager", "approver: brand-ops")
            .replace("R: [brand-ops]", "R: [general-manager]")
            .replace("A: general-manager", "A: brand-ops")
        ),
        [(ZH, 5, "approver", "role 'brand-ops' may not approve (expected a role with can_approve: true)")],
    ),
    "role registry entry without English": (
        {**zh(GOOD), "roles.yml": ROLES + "marketing: {zh: 市场部门}\n"},
        [("handbook/roles.yml", 3, "marketing", "no en name (expected {zh: …, en: …})")],
    ),
    # RACI.
    "activity without A": (
        zh(GOOD.replace("    A: general-manager\n", "")),
        [(ZH, 10, "raci[0].A", "required field is missing (expected exactly one accountable role)")],
    ),
    "activity without R": (
        zh(GOOD.replace("R: [brand-ops]", "R: []")),
        [(ZH, 11, "raci[0].R", "expected at least one responsible role")],
    ),
    "unknown RACI role": (
        zh(GOOD.replace("R: [brand-ops]", "R: [marketing]")),
        [(ZH, 11, "raci[0].R[0]", "unknown role 'marketing'")],
    ),
    "role with two letters": (
        zh(GOOD.replace("R: [brand-ops]", "R: [brand-ops]\n    C: [brand-ops]")),
        [(ZH, 10, "raci[0]", "role 'brand-ops' is both R and C (expected one letter per role)")],
    ),
    "activity without English": (
        zh(GOOD.replace("{zh: 活动, en: Activity}", "{zh: 活动}")),
        [(ZH, 10, "raci[0].activity", "no en text (expected one text per language of the handbook: zh: …, en: …)")],
    ),
    # Across files.
    "regulation keys without an id": (
        zh(GOOD.replace("id: OPS-T-001\n", "")),
        [
            (ZH, line, field, "a regulation needs an `id`")
            for line, field in (
                (3, "owner"),
                (4, "approver"),
                (5, "version"),
                (6, "effective_date"),
                (7, "review_cycle"),
                (8, "raci"),
            )
        ],
    ),
    "duplicate id": (
        {"zh/a.md": GOOD, "zh/b.md": GOOD},
        [("handbook/zh/b.md", 2, "id", "OPS-T-001 is already used by handbook/zh/a.md")],
    ),
    "translation redefines metadata": (
        {"zh/a.md": GOOD, "en/a.md": TRANSLATION.replace("title: Test", "title: Test\nowner: brand-ops")},
        [(EN, 3, "owner", "metadata belongs in the zh file only (expected just title and source_version)")],
    ),
    "translation without source_version": (
        {"zh/a.md": GOOD, "en/a.md": "---\ntitle: Test\n---\n"},
        [(EN, 1, "source_version", 'required field is missing (expected "MAJOR.MINOR" such as "1.0")')],
    ),
    "translation with a misspelt key": (
        {"zh/a.md": GOOD, "en/a.md": TRANSLATION.replace("source_version", "source_verison")},
        [
            (EN, 1, "source_version", "required field is missing"),
            (EN, 3, "source_verison", "unknown key (did you mean 'source_version'?"),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CATALOGUE), ids=list(CATALOGUE))
def test_bad_input_is_reported_exactly_where_it_is(tmp_path, case):
    files, expected = CATALOGUE[case]
    docs = handbook_with(tmp_path, {})
    for name, content in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    found = load_handbook(docs).errors
    assert [(p.path, p.line, p.field) for p in found] == [(path, line, field) for path, line, field, _ in expected]
    for problem, (*_, message) in zip(found, expected, strict=True):
        assert message in problem.message


def test_the_catalogue_covers_at_least_twenty_defects():
    assert len(CATALOGUE) >= 20


def test_all_defects_of_a_handbook_are_reported_in_one_run(tmp_path):
    docs = handbook_with(tmp_path, {})
    files = {
        "zh/tab.md": CATALOGUE["tab indentation"][0]["zh/a.md"],
        "zh/owner.md": CATALOGUE["unknown owner"][0]["zh/a.md"].replace("OPS-T-001", "OPS-T-002"),
        "zh/empty.md": "",
        "zh/good.md": GOOD.replace("OPS-T-001", "OPS-T-003"),
    }
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    handbook = load_handbook(docs)
    assert [(p.path, p.field) for p in handbook.problems] == [
        ("handbook/zh/empty.md", "(file)"),
        ("handbook/zh/owner.md", "owner"),
        ("handbook/zh/tab.md", "(front matter)"),
    ]
    # A regulation with a wrong reference is still read; only unreadable files have no record.
    assert [r.regulation.id for r in handbook.regulations] == ["OPS-T-003", "OPS-T-002"]


def test_suspicious_raci_is_a_warning_not_an_error(tmp_path):
    crowded = GOOD.replace("    A: general-manager\n", "    A: general-manager\n    C: [c1, c2, c3, c4, c5]\n")
    roles = (
        ROLES
        + "".join(f"c{n}: {{zh: 顾问{n}, en: Adviser {n}}}\n" for n in range(1, 6))
        + "idle: {zh: 闲置, en: Idle}\n"
    )
    docs = handbook_with(tmp_path, {"zh/a.md": crowded, "en/a.md": TRANSLATION}, roles=roles)
    handbook = load_handbook(docs)
    assert handbook.valid and handbook.errors == []
    assert [(p.path, p.line, p.field, p.severity.value) for p in handbook.warnings] == [
        ("handbook/roles.yml", 8, "idle", "warning"),
        (ZH, 13, "raci[0].C", "warning"),
    ]
    assert "5 consulted roles (expected at most 4" in handbook.warnings[1].message
    assert "appears in no RACI matrix" in handbook.warnings[0].message


def test_control_characters_written_as_escapes_are_kept_visible_and_named(tmp_path):
    """YAML accepts "\\a" and "\\x85": the text keeps them as pictures, and the editor hears where."""
    chapter = GOOD.replace("title: 测试制度", 'title: "测试\\a制度\\x85"').replace(
        "{zh: 活动, en: Activity}", '{zh: 活动, en: "Act\\eivity"}'
    )
    roles = ROLES.replace("{zh: 总经理,", '{zh: "总经理\\x7f",')
    docs = handbook_with(tmp_path, {"zh/a.md": chapter, "en/a.md": TRANSLATION}, roles=roles)
    handbook = load_handbook(docs)
    assert handbook.valid
    assert [(p.path, p.line, p.field, p.message.split(" (expected")[0]) for p in handbook.warnings] == [
        ("handbook/roles.yml", 1, "general-manager.zh", "control character U+007F, shown as \u2421"),
        (ZH, 3, "title", "control character U+0007, U+0085, shown as \u2407\ufffd"),
        (ZH, 10, "raci[0].activity.en", "control character U+001B, shown as \u241b"),
    ]
    regulation = handbook.regulations[0].regulation
    assert (regulation.title, regulation.raci[0].activity.en) == ("测试\u2407制度\ufffd", "Act\u241bivity")
    assert handbook.roles["general-manager"].name("zh") == "总经理\u2421"
