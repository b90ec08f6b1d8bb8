"""`handbook new`: a zh + en pair that passes `handbook check`, listed in the nav, and builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handbook_kit.core.registry import load_handbook

from conftest import build_site, copy_fixture, handbook_command

BIN = Path(sys.executable).parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the specimen handbook repository to scaffold into."""
    return copy_fixture("specimen", tmp_path / "project")


def run(project: Path, command: str, *args: str) -> subprocess.CompletedProcess:
    return handbook_command(command, *args, cwd=project)


def test_new_regulation_passes_check_is_in_the_nav_and_builds(project, tmp_path):
    result = run(
        project,
        "new",
        "OPS-HR-001",
        "--title",
        "人力资源管理制度",
        "--title-en",
        "Human Resources Management",
        "--owner",
        "human-resources",
        "--section",
        "company",
        "--name",
        "hr-management",
    )
    assert result.returncode == 0, result.stderr
    assert "created handbook/zh/company/hr-management.md" in result.stdout
    handbook = load_handbook(project / "handbook", project)
    assert handbook.valid
    record = next(r for r in handbook.regulations if r.regulation.id == "OPS-HR-001")
    assert (record.regulation.owner, record.regulation.approver, record.regulation.status) == (
        "human-resources",
        "general-manager",
        "draft",
    )
    assert record.regulation.effective_date.isoformat() == "2026-11-24"
    assert record.translation.title == "Human Resources Management" and record.translation.source_version == "1.0"
    # Listed after the last page of its section.
    assert (
        "      - company/long-term-management.md\n      - company/hr-management.md\n"
        in (project / "mkdocs.yml").read_text()
    )
    # Its owner's team is asked to review it: CODEOWNERS follows.
    assert (
        "updated .github/CODEOWNERS" in result.stdout
        and "listed company/hr-management.md in the nav of mkdocs.yml" in result.stdout
    )
    assert "/handbook/zh/company/hr-management.md @acme/hr" in (project / ".github/CODEOWNERS").read_text()
    # Only the existing overdue review fails the gate: the draft is never overdue.
    assert run(project, "check").returncode == 1
    assert "OPS-HR-001" not in run(project, "check").stdout

    site = build_site(project / "mkdocs.yml", tmp_path / "site")
    page = (site / "company/hr-management/index.html").read_text(encoding="utf-8")
    assert "人力资源管理制度" in page and 'data-notice="draft"' in page
    assert "Human Resources Management" in (site / "en/company/hr-management/index.html").read_text(encoding="utf-8")


def test_defaults_section_name_and_approver(project):
    result = run(project, "new", "OPS-QA-001", "--title", "质量: 管理制度", "--owner", "operations-management")
    assert result.returncode == 0, result.stderr
    zh = project / "handbook/zh/specialised/ops-qa-001.md"
    assert zh.is_file() and (project / "handbook/en/specialised/ops-qa-001.md").is_file()
    record = next(r for r in load_handbook(project / "handbook").regulations if r.regulation.id == "OPS-QA-001")
    assert record.regulation.title == "质量: 管理制度"  # a colon in a title is quoted, not a YAML mapping
    assert record.translation.title == "质量: 管理制度"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["OPS-COM-001", "--title", "重复", "--owner", "finance"],
            "id OPS-COM-001 is already used by handbook/zh/company/operations-management.md",
        ),
        (["ops-x-1", "--title", "小写", "--owner", "finance"], "id 'ops-x-1' is not a 制度编号"),
        (["OPS-X-001", "--title", "角色", "--owner", "hr"], "owner 'hr' is not a role"),
        (
            ["OPS-X-001", "--title", "审批", "--owner", "finance", "--approver", "finance"],
            "approver 'finance' may not approve",
        ),
        (["OPS-X-001", "--title", "栏目", "--owner", "finance", "--section", "hr"], "section 'hr' does not exist"),
        (["OPS-X-001", "--title", "文件", "--owner", "finance", "--name", "Bad Name"], "file name 'Bad Name'"),
        (
            [
                "OPS-X-001",
                "--title",
                "已存在",
                "--owner",
                "finance",
                "--section",
                "company",
                "--name",
                "operations-management",
            ],
            "handbook/zh/company/operations-management.md already exists",
        ),
    ],
)
def test_bad_requests_exit_2_and_write_nothing(project, args, message):
    before = sorted(p for p in (project / "handbook").rglob("*") if p.is_file())
    nav_before = (project / "mkdocs.yml").read_text()
    result = run(project, "new", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert sorted(p for p in (project / "handbook").rglob("*") if p.is_file()) == before
    assert (project / "mkdocs.yml").read_text() == nav_before
