"""Shared fixtures: a pinned "today" for every test, and site builds into tmp_path."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from playwright.sync_api import sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, RecordedPage, serve
from handbook_kit.core.registry import load_handbook

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ZH, EN = REPO / "handbook" / "zh", REPO / "handbook" / "en"
# The zh files of the real handbook that are regulations, as the registry decides.
REGULATIONS = sorted(REPO / record.path for record in load_handbook(REPO / "handbook", REPO).regulations)
PINNED_TODAY = "2026-11-24"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test evaluates the handbook on the same day."""
    monkeypatch.setenv("HANDBOOK_TODAY", PINNED_TODAY)
    return PINNED_TODAY


def build_site(config_file: Path, site_dir: Path) -> Path:
    """Build a site strictly, as `mkdocs build --strict` would, and return site_dir."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


@pytest.fixture
def build_fixture(tmp_path: Path) -> Callable[[str], Path]:
    """Build `tests/fixtures/<scenario>/mkdocs.yml` into a fresh directory under tmp_path."""

    def _build(scenario: str) -> Path:
        return build_site(FIXTURES / scenario / "mkdocs.yml", tmp_path / f"site-{scenario}")

    return _build


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test session."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_TODAY", PINNED_TODAY)
        return build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("handbook") / "site")


# The browser tests' shared fixtures: the real handbook served locally, one
# headless Chromium per session, and a fresh recording tab per test.

@pytest.fixture(scope="session")
def site_url(handbook_site):
    with serve(handbook_site) as url:
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
