"""handbook-kit as another company gets it: the sdist and the wheel built as a release is built, the wheel
installed into a fresh virtualenv outside this repository, and a handbook built and checked with it alone."""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from handbook_kit import __version__

from conftest import PINNED_TODAY, fresh_virtualenv, new_user_env, source_copy

pytestmark = pytest.mark.slow  # a release build, a virtualenv from the package registry, a site with PDFs

TEMPLATES = (
    "theme/main.html",
    "theme/partials/content.html",
    "theme/partials/handbook/regulation-card.html",
    "theme/handbook/print.html",
    "theme/handbook/print-style.html",
    "theme/assets/stylesheets/handbook.css",
    "theme/assets/javascripts/handbook.js",
    "core/interface_text.yml",
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build`: the sdist, then the wheel built from the sdist (so the sdist must hold everything)."""
    out = tmp_path_factory.mktemp("dist")
    copy = source_copy(tmp_path_factory.mktemp("source") / "handbook-kit")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(copy)], capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


def test_the_wheel_holds_the_templates_the_licence_and_the_changelog(dist: Path):
    (wheel,) = dist.glob(f"handbook_kit-{__version__}-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {f"handbook_kit/{name}" for name in TEMPLATES} <= names
        info = f"handbook_kit-{__version__}.dist-info"
        assert f"{info}/licenses/LICENSE" in names
        metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert metadata["Version"] == __version__ and metadata["License-Expression"] == "MIT"
    changelog = metadata.get_payload().split("# Changelog", 1)[1]
    assert re.search(r"^## (\S+)", changelog, re.MULTILINE)[1] == __version__  # the newest entry is this version
    assert any(requirement.startswith("mkdocs<2,>=1.6") for requirement in metadata.get_all("Requires-Dist"))
    entry_points = archive_text(wheel, f"{info}/entry_points.txt")
    assert "handbook/regulations = handbook_kit.regulations.plugin:RegulationsPlugin" in entry_points
    assert "handbook = handbook_kit.cli:main" in entry_points


def test_the_sdist_holds_the_changelog_the_licence_and_the_templates(dist: Path):
    (sdist,) = dist.glob(f"handbook_kit-{__version__}.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"CHANGELOG.md", "LICENSE", "pyproject.toml", "README.md"} <= names
    assert {f"plugins/handbook_kit/{name}" for name in TEMPLATES} <= names
    assert not any(name.startswith(("handbook/", "tests/", "site/")) for name in names)  # our content stays home


@pytest.mark.parametrize("languages", ["zh,en", "en,zh"])
def test_a_new_user_installs_the_wheel_runs_init_and_the_new_readmes_two_commands(
    dist: Path, tmp_path: Path, languages: str
):
    """As the README tells another company: install the package, `handbook init`, then `make test` and
    `make build` in the new folder (its Makefile makes its own virtualenv from its requirements.txt);
    for this handbook's languages and for an English source translated into Chinese."""
    (wheel,) = dist.glob("*.whl")
    tools = fresh_virtualenv(tmp_path / "tools", str(wheel))
    versions = subprocess.run(
        [tools / "bin" / "python", "-c", "import mkdocs, handbook_kit as kit; print(mkdocs.__version__, kit.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=new_user_env(),
    ).stdout.split()
    assert versions[0].startswith("1.") and Path(versions[1]).is_relative_to(tools)  # MkDocs 1; our code, installed

    project = tmp_path / "my-handbook"
    init = subprocess.run(
        [tools / "bin" / "handbook", "init", str(project), "--organisation", "Acme", "--languages", languages],
        capture_output=True,
        text=True,
        check=False,
        env=new_user_env(HANDBOOK_TODAY=PINNED_TODAY),
    )
    assert init.returncode == 0, init.stdout + init.stderr
    # handbook-kit is not on the package registry: pip finds it beside the wheel, the rest on the registry.
    env = new_user_env(HANDBOOK_TODAY=PINNED_TODAY, PIP_FIND_LINKS=str(dist))
    for command in (["make", "test"], ["make", "build"]):
        made = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, env=env)
        assert made.returncode == 0, " ".join(command) + "\n" + made.stdout[-3000:] + made.stderr[-3000:]
    site = project / "site"
    source, translation = languages.split(",")
    for root, language in (("", source), (f"{translation}/", translation)):  # the source at the site's root
        regulation = (site / root / "general" / "handbook-management" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in regulation
        assert 'class="hb-card"' in regulation and "assets/stylesheets/handbook.css" in regulation
        for page in ("governance/reviews", "governance/register", "governance/raci", "governance/changes"):
            assert (site / root / page / "index.html").is_file(), root + page
    assert (site / "assets" / "stylesheets" / "handbook.css").is_file()
    for language in ("zh", "en"):
        assert (site / "pdf" / f"handbook-{language}.pdf").stat().st_size > 10_000
        assert (site / "pdf" / language / "HB-GEN-001.pdf").is_file()
    assert (project / ".venv" / "bin" / "handbook").is_file()  # its own virtualenv, from requirements.txt


def archive_text(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name).decode()
