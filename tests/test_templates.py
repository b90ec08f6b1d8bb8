"""Templates render fast: compiled ones kept between builds, page-relative URLs remembered; never at the cost
of a right page or of the build."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.utils.templates import url_filter as mkdocs_url_filter

from handbook_kit.package_theme import THEME
from handbook_kit.regulations.templates import _Page, _TemplateCache, url_filter

from conftest import build_site, copy_fixture


def pages(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*.html"))}


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder Python hands out (where Jinja keeps its cache), this test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_second_build_reads_compiled_templates_and_writes_the_same_site(tmp_path: Path, temporary_folder: Path):
    project = copy_fixture("specimen", tmp_path / "specimen")
    first = pages(build_site(project / "mkdocs.yml", tmp_path / "first"))
    cached = list(temporary_folder.glob("_jinja2-cache-*/__jinja2_*.cache"))
    assert len(cached) >= 30  # Material's main template, its partials and ours
    second = pages(build_site(project / "mkdocs.yml", tmp_path / "second"))
    assert second == first


def test_a_site_overrides_our_template_in_its_custom_dir_and_an_edit_shows_in_the_next_build(
    tmp_path: Path, temporary_folder: Path
):
    project = copy_fixture("specimen", tmp_path / "specimen")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    card = project / "overrides" / "partials" / "handbook" / "regulation-card.html"
    card.parent.mkdir(parents=True)
    shipped = THEME / "partials" / "handbook" / "regulation-card.html"
    card.write_text(shipped.read_text(encoding="utf-8") + "<p>our-card-marker</p>\n", encoding="utf-8")
    # A main.html of the site's own, as Material's customisation guide writes one: our styles and script stay.
    (project / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    page = Path("company") / "operations-management" / "index.html"
    before = build_site(config, tmp_path / "before")
    html = (before / page).read_text(encoding="utf-8")
    assert "our-card-marker" in html
    assert "assets/stylesheets/handbook.css" in html and "assets/javascripts/handbook.js" in html
    assert (before / "assets" / "stylesheets" / "handbook.css").is_file()  # the rest of the package still serves
    card.write_text(card.read_text(encoding="utf-8").replace("our-card-marker", "edited-card-marker"), encoding="utf-8")
    after = build_site(config, tmp_path / "after")
    assert "edited-card-marker" in (after / page).read_text(encoding="utf-8")


def test_without_a_usable_temporary_folder_the_build_still_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    site = build_site(copy_fixture("specimen", tmp_path / "specimen") / "mkdocs.yml", tmp_path / "site")
    assert (site / "index.html").is_file()


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path):
    cache = _TemplateCache(str(tmp_path / "cache"))  # a folder that does not exist: every write fails
    environment = Environment(bytecode_cache=cache)
    bucket = cache.get_bucket(environment, "page.html", None, "{{ 1 + 1 }}")
    bucket.code = compile("1", "page.html", "eval")
    cache.set_bucket(bucket)  # would raise FileNotFoundError without the guard


@pytest.mark.parametrize("page_url", ["", "company/operations-management/", "en/roles/brand-ops/", "404.html", None])
@pytest.mark.parametrize(
    "value",
    [
        "",
        ".",
        "company/",
        "en/specialised/brand-operations/#art-3",
        "pdf/handbook-zh.pdf",
        "https://example.com/a",
        "/absolute/",
        "#raci",
        "../up/",
        "mailto:ops@example.com",
    ],
)
def test_the_remembered_url_filter_gives_mkdocs_urls(value: str, page_url: str | None):
    ours, theirs = Environment(), Environment()
    ours.filters["url"], theirs.filters["url"] = url_filter, mkdocs_url_filter
    context = {"value": value, "page": _Page(page_url) if page_url is not None else None, "base_url": "../.."}
    template = "{{ value | url }}|{{ value | url }}"
    assert ours.from_string(template).render(context) == theirs.from_string(template).render(context)
