"""`handbook init`: a new handbook repository that checks clean and builds strictly as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import PINNED_TODAY, actionlint, build_site, handbook_command, workflow_schema
from pages import read_page


@pytest.fixture(scope="module")
def new_handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "acme-handbook"
    result = handbook_command(
        "init", str(folder), "--title", "Acme 制度手册: 总则 #1", "--title-en", "*Acme* [Handbook]_2",
        "--organisation", "Acme Ltd", cwd=folder.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def new_site(new_handbook: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(new_handbook / "mkdocs.yml", tmp_path_factory.mktemp("init-site"))


def test_the_new_handbook_passes_handbook_check(new_handbook: Path):
    result = handbook_command("check", cwd=new_handbook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 regulations checked" in result.stdout and "gate passed" in result.stdout


def test_its_front_matter_passes_the_json_schema_it_carries(new_handbook: Path):
    pages = sorted(str(path) for path in (new_handbook / "handbook").rglob("*.md"))
    result = handbook_command("schema", "--validate", *pages, cwd=new_handbook)
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_the_new_site_has_every_page_kind_in_both_languages(new_site: Path):
    for root in ("", "en/"):
        regulation = read_page(new_site / root / "general/handbook-management/index.html")
        assert regulation.select_one(".hb-card [data-field]") is not None
        assert regulation.select_one("[data-revisions]") is not None
        for page in ("governance/reviews", "governance/register", "governance/raci", "governance/changes"):
            assert (new_site / root / page / "index.html").is_file(), root + page
        roles = sorted(path.parent.name for path in (new_site / root / "governance/roles").glob("*/index.html"))
        assert roles == ["all-departments", "all-staff", "general-manager", "handbook-editors"]
    assert read_page(new_site / "index.html").title.text.startswith("Acme 制度手册: 总则 #1")  # quoted in YAML
    english = read_page(new_site / "en/index.html")
    assert english.title.text.startswith("*Acme* [Handbook]_2")
    assert english.select_one("h1").text.startswith("*Acme* [Handbook]_2")  # Markdown shows as text
    assert "the regulations of Acme Ltd" in english.text
    assert (new_site / "assets/stylesheets/handbook.css").is_file()  # the package's own, no custom_dir
    footer = read_page(new_site / "index.html").select_one(".md-copyright").text
    assert f"© {PINNED_TODAY[:4]} Acme Ltd" in footer


def test_the_example_regulation_is_owned_by_a_team_of_the_organisation(new_handbook: Path):
    codeowners = (new_handbook / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/handbook/zh/general/handbook-management.md @acme-ltd/handbook-editors" in codeowners
    front = (new_handbook / "handbook/zh/general/handbook-management.md").read_text(encoding="utf-8")
    assert f"effective_date: {PINNED_TODAY}" in front


def test_the_readme_gives_two_commands_that_the_makefile_has(new_handbook: Path):
    readme = (new_handbook / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^make (\w+)", readme.split("## Set up and build")[1].split("```")[1], re.MULTILINE)
    assert commands == ["build", "test"]
    makefile = (new_handbook / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: ", makefile, re.MULTILINE) and re.search(r"^test: ", makefile, re.MULTILINE)
    assert "handbook-kit==" in (new_handbook / "requirements.txt").read_text(encoding="utf-8")


def test_the_new_workflows_pass_actionlint_and_githubs_schema_with_least_privilege(new_handbook: Path):
    workflows = sorted((new_handbook / ".github/workflows").glob("*.yml"))
    assert [path.stem for path in workflows] == ["ci", "publish", "reviews"]
    assert actionlint(workflows) == []
    schema = workflow_schema(workflows)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    for path in workflows:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["permissions"] == {"contents": "read"}
    ci = yaml.safe_load((new_handbook / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in ci["jobs"]["handbook"]["steps"]]
    assert "make test" in runs  # the README's test command


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = handbook_command("init", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "is not an empty folder" in result.stderr
    result = handbook_command("init", str(tmp_path / "notes.txt"), cwd=tmp_path)
    assert result.returncode == 2 and "is not an empty folder" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_that_cannot_be_written_is_named_without_a_traceback(tmp_path: Path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = handbook_command("init", str(tmp_path / "a-file" / "handbook"), cwd=tmp_path)
    assert result.returncode == 2 and "cannot write the new handbook" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_chinese_organisation_name_stays_out_of_the_english_pages_and_the_team_names(tmp_path: Path):
    result = handbook_command("init", str(tmp_path / "new"), "--organisation", "示例公司", cwd=tmp_path)
    assert result.returncode == 0 and "name your GitHub organisation with --github-org" in result.stdout
    english = (tmp_path / "new/handbook/en/index.md").read_text(encoding="utf-8")
    assert "示例公司" not in english and "the regulations of the company" in english
    assert "示例公司" in (tmp_path / "new/handbook/zh/index.md").read_text(encoding="utf-8")
    assert '"@example/handbook-editors"' in (tmp_path / "new/handbook/roles.yml").read_text(encoding="utf-8")


def test_a_bad_option_is_named_and_nothing_is_written(tmp_path: Path):
    result = handbook_command("init", str(tmp_path / "new"), "--github-org", "acme corp", cwd=tmp_path)
    assert result.returncode == 2 and "--github-org 'acme corp'" in result.stderr
    result = handbook_command("init", str(tmp_path / "new"), "--title", "two\nlines", cwd=tmp_path)
    assert result.returncode == 2 and "--title" in result.stderr
    assert not (tmp_path / "new").exists()
