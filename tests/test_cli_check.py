"""`handbook check`: exit codes, the gate and the three output formats."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import SPECIMEN, handbook_command
from test_registry import GOOD, ROLES, handbook_with


def run(*args: str, cwd: Path = SPECIMEN) -> subprocess.CompletedProcess:
    return handbook_command("check", *args, cwd=cwd)


def test_the_default_gate_fails_on_an_overdue_regulation():
    result = run()
    assert result.returncode == 1
    assert "OPS-COM-001  公司运营管理制度  operations-management  2026-10-15  overdue" in result.stdout
    assert "read .github/CODEOWNERS" in result.stdout.splitlines()
    assert result.stdout.rstrip().endswith("9 regulations checked as of 2026-11-24: valid, gate failed")


def test_the_gate_passes_before_anything_is_overdue():
    result = run("--today", "2026-01-01")
    assert result.returncode == 0, result.stdout
    assert "gate passed" in result.stdout


def test_due_soon_can_fail_the_gate():
    assert run("--today", "2026-01-01", "--fail-on", "due-soon").returncode == 0
    result = run("--fail-on", "due-soon", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["gate"] == {"fail_on": ["due-soon"], "failed": True}


def test_json_is_one_object_with_every_regulation():
    report = json.loads(run("--format", "json").stdout)
    assert set(report) == {"today", "regulations", "errors", "warnings", "gate", "codeowners", "unversioned_change"}
    assert report["codeowners"] == ".github/CODEOWNERS"
    assert report["today"] == "2026-11-24" and report["errors"] == report["warnings"] == []
    by_id = {p["id"]: p for p in report["regulations"]}
    assert len(by_id) == 9
    assert by_id["OPS-COM-001"] == {
        "id": "OPS-COM-001",
        "path": "handbook/zh/company/operations-management.md",
        "title": "公司运营管理制度",
        "owner": "operations-management",
        "status": "active",
        "review": "overdue",
        "due": "2026-10-15",
        "translation": "ok",
        "unversioned_change": False,
    }
    assert by_id["OPS-COM-002"]["review"] == "due-soon"
    assert {p["review"] for p in report["regulations"]} == {"overdue", "due-soon", "current"}


def test_github_format_annotates_the_file_and_line(tmp_path):
    docs = handbook_with(tmp_path, {"zh/a.md": GOOD.replace("owner: brand-ops", "owner: nobody")})
    result = run("--docs", str(docs), "--format", "github", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "::error file=handbook/zh/a.md,line=4,title=owner::"
        "unknown role 'nobody' (expected a key of handbook/roles.yml)",
        "::error file=handbook/zh/a.md,line=8,title=OPS-T-001 overdue::"
        "测试制度 (OPS-T-001), owner nobody: review overdue since 2025-01-01",
    ]


def test_invalid_input_exits_2_and_names_file_line_field(tmp_path):
    docs = handbook_with(tmp_path, {"zh/a.md": GOOD.replace("12 months", "yearly"), "zh/b.md": ""})
    result = run("--docs", str(docs), cwd=tmp_path)
    assert result.returncode == 2
    assert "handbook/zh/a.md:8: review_cycle: 'yearly' is not a review cycle" in result.stdout
    assert "handbook/zh/b.md:1: (file): the file is empty" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2_with_a_reason():
    result = run("--fail-on", "late")
    assert result.returncode == 2 and "late is not a gate condition" in result.stderr
    result = run("--today", "2026-02-30")
    assert result.returncode == 2 and "--today: '2026-02-30' is not a date" in result.stderr
    result = run("--docs", "nowhere")
    assert result.returncode == 2 and "nowhere: no such folder" in result.stderr


def test_warnings_are_shown_but_do_not_fail_the_check(tmp_path):
    roles = (SPECIMEN / "handbook/roles.yml").read_text(encoding="utf-8") + "idle: {zh: 闲置, en: Idle}\n"
    docs = tmp_path / "handbook"
    shutil.copytree(SPECIMEN / "handbook", docs)
    shutil.copytree(SPECIMEN / ".github", tmp_path / ".github")
    (docs / "roles.yml").write_text(roles, encoding="utf-8")
    line = len(roles.splitlines())
    text = run("--docs", str(docs), "--today", "2026-01-01", cwd=tmp_path)
    assert text.returncode == 0, text.stdout
    assert f"warning: handbook/roles.yml:{line}: idle: this role appears in no RACI matrix" in text.stdout
    assert text.stdout.rstrip().endswith("valid, 1 warning(s), gate passed")
    github = run("--docs", str(docs), "--today", "2026-01-01", "--format", "github", cwd=tmp_path)
    assert github.stdout.startswith(f"::warning file=handbook/roles.yml,line={line},title=idle::")
    document = json.loads(run("--docs", str(docs), "--format", "json", cwd=tmp_path).stdout)
    assert document["errors"] == [] and [w["field"] for w in document["warnings"]] == ["idle"]


# -- where the repository is: .github/CODEOWNERS is read at its root, wherever the command runs ----------------


def codeowners(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return handbook_command("codeowners", *args, cwd=cwd)


def test_check_finds_codeowners_beside_mkdocs_yml_from_any_folder(tmp_path):
    shutil.copytree(SPECIMEN, tmp_path / "repo")
    inside = tmp_path / "repo/handbook/zh/company"
    result = run("--docs", "../..", "--fail-on", "none", cwd=inside)
    assert result.returncode == 0, result.stdout
    assert "read ../../../.github/CODEOWNERS" in result.stdout.splitlines()
    (tmp_path / "repo/.github/CODEOWNERS").unlink()
    result = run("--docs", "../..", "--fail-on", "none", "--format", "json", cwd=inside)
    document = json.loads(result.stdout)
    assert result.returncode == 2 and document["codeowners"] == "../../../.github/CODEOWNERS"
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("../../../.github/CODEOWNERS", "missing (expected the file `handbook codeowners` writes)")
    ]
    written = codeowners("--docs", "../..", cwd=inside)
    assert written.stdout == "wrote ../../../.github/CODEOWNERS\n"
    assert (tmp_path / "repo/.github/CODEOWNERS").read_text() == (SPECIMEN / ".github/CODEOWNERS").read_text()


def test_without_mkdocs_yml_the_git_top_level_is_the_root(tmp_path):
    docs = handbook_with(tmp_path / "content", {"zh/a.md": GOOD}, roles=ROLES)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    written = codeowners("--docs", str(docs), cwd=tmp_path / "content")
    assert written.stdout == "wrote ../.github/CODEOWNERS\n"
    assert "/content/handbook/zh/a.md @acme/brand-ops" in (tmp_path / ".github/CODEOWNERS").read_text().splitlines()
    assert run("--docs", "handbook", "--fail-on", "none", cwd=tmp_path / "content").returncode == 0
