"""`handbook init`: a new handbook repository that checks clean and builds strictly as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook_kit.core.frontmatter import front_matter_data
from handbook_kit.core.languages import parse_languages, read_languages

from conftest import PINNED_TODAY, actionlint, build_site, handbook_command, workflow_schema
from pages import language_links, read_page


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
    assert "1 regulation checked" in result.stdout and "gate passed" in result.stdout


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


# -- the languages: --languages en,zh, zh, en (zh,en, the default, is the handbook above) -------------

TITLES = {"zh": "制度管理办法", "en": "Regulation on Managing the Handbook"}  # the example regulation's
GOVERNANCE = ("governance/reviews", "governance/register", "governance/raci", "governance/changes")
ROLES = ["all-departments", "all-staff", "general-manager", "handbook-editors"]


@pytest.fixture(scope="module", params=["en,zh", "zh", "en"])
def chosen(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A handbook written by `handbook init --languages <choice>`: the choice and the folder."""
    folder = tmp_path_factory.mktemp("init-languages") / "handbook"
    result = handbook_command("init", str(folder), "--languages", request.param, cwd=folder.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, folder


@pytest.fixture(scope="module")
def chosen_build(chosen: tuple[str, Path]) -> tuple[subprocess.CompletedProcess, Path]:
    """`mkdocs build --strict` in the new folder, as its README's commands run it (PDFs for two languages only)."""
    choice, folder = chosen
    pdf = "true" if "," in choice else "false"
    env = {
        "PATH": "/usr/bin:/bin",
        "HANDBOOK_TODAY": PINNED_TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "HANDBOOK_PDF": pdf,
        "HANDBOOK_CACHE": os.environ["HANDBOOK_CACHE"],
    }
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", "site"], cwd=folder, capture_output=True, text=True, env=env
    )
    return result, folder / "site"


def test_init_writes_the_chosen_languages_into_mkdocs_yml_and_their_folders_only(chosen: tuple[str, Path]):
    choice, folder = chosen
    languages = parse_languages(choice.split(","))
    assert read_languages(folder / "mkdocs.yml") == languages  # what the plugins and every command read
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"  language: {languages.source}\n" in config
    assert sorted(path.name for path in (folder / "handbook").iterdir() if path.name != "roles.yml") == sorted(
        [*languages.all, "schemas"]
    )
    roles = yaml.safe_load((folder / "handbook/roles.yml").read_text(encoding="utf-8"))
    assert all(list(role)[: len(languages.all)] == list(languages.all) for role in roles.values())
    assert not any(set(role) & {"zh", "en"} - set(languages.all) for role in roles.values())


def test_the_source_file_carries_the_metadata_and_the_translation_its_title(chosen: tuple[str, Path]):
    choice, folder = chosen
    languages = parse_languages(choice.split(","))
    source = folder / "handbook" / languages.source / "general/handbook-management.md"
    front = front_matter_data(source.read_text(encoding="utf-8"))
    assert (front["id"], front["title"]) == ("HB-GEN-001", TITLES[languages.source])
    assert list(front["revisions"][0]["summary"]) == list(languages.all)
    assert all(list(row["activity"]) == list(languages.all) for row in front["raci"])
    if languages.translation:
        translated = folder / "handbook" / languages.translation / "general/handbook-management.md"
        front = front_matter_data(translated.read_text(encoding="utf-8"))
        assert front == {"title": TITLES[languages.translation], "source_version": "1.0"}
    codeowners = (folder / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert f"/handbook/{languages.source}/general/handbook-management.md @example/handbook-editors" in codeowners


def test_the_chosen_handbook_passes_handbook_check_and_its_schema(chosen: tuple[str, Path]):
    _, folder = chosen
    result = handbook_command("check", "--fail-on", "overdue,translation-missing,translation-outdated", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 regulation checked" in result.stdout
    makefile = (folder / "Makefile").read_text(encoding="utf-8")
    find = re.search(r"schema --validate \$\$\(find (.*?) -name", makefile)
    assert find, makefile  # make test validates exactly the language folders there are
    pages = sorted(str(path) for folder_name in find[1].split() for path in (folder / folder_name).rglob("*.md"))
    result = handbook_command("schema", "--validate", *pages, cwd=folder)
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_the_chosen_handbook_builds_strictly_with_no_warning(chosen_build: tuple[subprocess.CompletedProcess, Path]):
    result, _ = chosen_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_the_source_is_at_the_root_and_the_translation_under_its_code(
    chosen: tuple[str, Path], chosen_build: tuple[subprocess.CompletedProcess, Path]
):
    choice, _ = chosen
    languages = parse_languages(choice.split(","))
    _, site = chosen_build
    for language in languages.all:
        root = site if language == languages.source else site / language
        page = read_page(root / "general/handbook-management/index.html")
        assert page.html["lang"] == language
        assert page.h1.get_text(strip=True).rstrip("¶") == TITLES[language]
        assert page.select_one(".hb-card [data-field=owner]") is not None  # the metadata card, in each language
        assert page.select_one("[data-revisions]") is not None
        footer = page.select_one(".md-copyright").get_text()  # the organisation as this language names it
        assert {"zh": "本公司", "en": "the company"}[language] in footer
        assert sorted(language_links(page)) == (sorted(languages.all) if languages.translation else [])
        for generated in GOVERNANCE:
            assert (root / generated / "index.html").is_file(), language + generated
        assert sorted(path.parent.name for path in (root / "governance/roles").glob("*/index.html")) == ROLES
    other = {"zh", "en"} - set(languages.all)
    assert not any((site / language).exists() for language in {languages.source, *other})
    if languages.translation:  # one PDF book per language
        assert sorted(path.name for path in (site / "pdf").glob("handbook-*.pdf")) == sorted(
            f"handbook-{language}.pdf" for language in languages.all
        )


def test_the_new_repository_describes_its_own_languages(chosen: tuple[str, Path]):
    choice, folder = chosen
    languages = parse_languages(choice.split(","))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    template = (folder / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    names = {"zh": "Chinese", "en": "English"}
    assert f"handbook/{languages.source}/        the regulations in {names[languages.source]} (the source" in readme
    if languages.translation:
        assert f"`/{languages.translation}/`" in readme
        assert f"equals the {languages.source} `version`" in template
    else:
        assert "bilingual" not in readme and "translation" not in readme.lower()
        assert "source_version" not in template and "Translation" not in template
    for other in {"zh", "en"} - set(languages.all):
        assert f"handbook/{other}" not in readme + (folder / "Makefile").read_text(encoding="utf-8")
        assert names[other] not in readme
    if languages.source == "en":  # nothing says Chinese is the source
        assert "new OPS-XX-001 --title Title " in readme
        assert not re.search(r"Chinese (is|first)|the regulations in Chinese", readme)


@pytest.mark.parametrize("choice", ["fr", "zh,zh", "zh,en,fr", ""])
def test_languages_that_cannot_make_a_handbook_are_named_and_nothing_is_written(tmp_path: Path, choice: str):
    result = handbook_command("init", str(tmp_path / "new"), "--languages", choice, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"handbook init: --languages {choice!r}: ") and result.stderr.count("\n") == 1
    assert "expected" in result.stderr
    assert not (tmp_path / "new").exists()


def test_title_names_the_source_language_s_title_and_a_title_for_a_missing_language_is_refused(tmp_path: Path):
    result = handbook_command(
        "init", str(tmp_path / "en"), "--languages", "en", "--title", "Acme Handbook", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert 'site_name: "Acme Handbook"' in (tmp_path / "en/mkdocs.yml").read_text(encoding="utf-8")
    refused = handbook_command("init", str(tmp_path / "zh"), "--languages", "en", "--title-zh", "手册", cwd=tmp_path)
    assert refused.returncode == 2 and not (tmp_path / "zh").exists()
    assert "--title-zh: the handbook has no zh (its languages: en)" in refused.stderr
