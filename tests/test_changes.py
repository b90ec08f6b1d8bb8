"""Changes are identified: `handbook check` fails `unversioned-change` on a text changed under its version.

Each test makes a real git repository of the specimen handbook, edits it as an
editor would, and runs the command as an editor does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_fixture, edit_file, git, git_repository, handbook_command

BRAND = "handbook/zh/specialised/brand-operations.md"
GATE = ("--fail-on", "unversioned-change")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return git_repository(copy_fixture("specimen", tmp_path / "handbook-repo"))


def test_a_typo_fixed_without_a_new_version_fails_naming_file_line_and_what_to_do(repo: Path):
    edit_file(repo, BRAND, ("特制定本制度", "特制订本制度"))
    result = handbook_command("check", *GATE, cwd=repo)
    assert result.returncode == 1
    assert (
        f"{BRAND}:7: version: OPS-BRD-001's text differs from HEAD's, under the same version 1.0 "
        "(raise `version` and add a `revisions` entry)"
    ) in result.stdout
    assert "OPS-BRD-001" in result.stdout.split("fail the gate")[1]


def test_front_matter_edits_are_no_change_of_the_text(repo: Path):
    edit_file(repo, BRAND, ("last_reviewed: 2026-06-30", "last_reviewed: 2026-11-20"))  # a review recorded
    edit_file(repo, BRAND, ("owner: brand-ops", "owner: marketing"))  # an owner changed
    (repo / BRAND).write_text((repo / BRAND).read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    assert handbook_command("codeowners", cwd=repo).returncode == 0
    result = handbook_command("check", *GATE, cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "unversioned-change not checked" not in result.stdout


def test_a_revision_with_a_new_version_passes(repo: Path):
    edit_file(
        repo,
        BRAND,
        ("特制定本制度", "特制订本制度"),
        ('version: "1.0"', 'version: "1.1"'),
        ("revisions:\n", 'revisions:\n  - {version: "1.1", date: 2026-11-20, summary: {zh: 修订, en: Revised}}\n'),
    )
    assert handbook_command("check", *GATE, cwd=repo).returncode == 0


def test_a_new_regulation_has_nothing_to_compare_with(repo: Path):
    result = handbook_command(
        "new", "OPS-HR-001", "--title", "人力资源管理制度", "--title-en", "Human Resources Management",
        "--owner", "brand-ops", "--approver", "general-manager", "--section", "company", "--name", "hr-management",
        cwd=repo,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert handbook_command("check", *GATE, cwd=repo).returncode == 0


def test_a_committed_change_fails_against_the_pull_requests_base(repo: Path):
    base = git(repo, "rev-parse", "HEAD")
    edit_file(repo, BRAND, ("特制定本制度", "特制订本制度"))
    git(repo, "commit", "-q", "-am", "Typo")
    assert handbook_command("check", *GATE, cwd=repo).returncode == 0  # HEAD holds the change itself
    result = handbook_command("check", *GATE, "--base", base, "--format", "json", cwd=repo)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["regulations"] if r["unversioned_change"]] == ["OPS-BRD-001"]
    assert report["unversioned_change"] == {"base": base, "checked": True}


def test_without_history_the_check_says_it_could_not_tell_and_does_not_fail(tmp_path: Path):
    folder = copy_fixture("specimen", tmp_path / "no-repo")
    result = handbook_command("check", *GATE, cwd=folder)
    assert result.returncode == 0
    assert "unversioned-change not checked:" in result.stdout and "not in a git repository" in result.stdout
    github = handbook_command("check", *GATE, "--format", "github", cwd=folder)
    assert "::notice title=handbook check::unversioned-change not checked:" in github.stdout


def test_a_repository_without_a_commit_says_there_is_nothing_to_compare_with(tmp_path: Path):
    folder = copy_fixture("specimen", tmp_path / "new-repo")
    git(folder, "init", "-q", "-b", "main")  # as `handbook init` leaves a new handbook
    result = handbook_command("check", *GATE, cwd=folder)
    assert result.returncode == 0
    assert "unversioned-change not checked: the repository has no commit yet" in result.stdout


def test_an_unknown_base_says_so(repo: Path):
    result = handbook_command("check", *GATE, "--base", "0" * 40, cwd=repo)
    assert result.returncode == 0
    assert "is not a commit here (a shallow clone? check out with fetch-depth: 0)" in result.stdout
