"""What the README's "Guarantees" promise: reproducible output, no half-built site, a safe CLI.

On the specimen (tests/fixtures/specimen), as a handbook repository of its own."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, SPECIMEN, build_site, handbook_command, make_project

BIN = Path(sys.executable).parent


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_of_the_same_commit_and_day_are_byte_identical(specimen_site, tmp_path):
    again = build_site(SPECIMEN / "mkdocs.yml", tmp_path / "again", pdf=True)
    first, second = digests(specimen_site), digests(again)
    assert "pdf/handbook-zh.pdf" in first and "search/search_index.json" in first and "sitemap.xml.gz" in first
    assert first == second


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def make_build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_TODAY": PINNED_TODAY, "HANDBOOK_PDF": "false"}
    return subprocess.run(["make", "build"], cwd=project, capture_output=True, text=True, env=env, timeout=600)


def test_make_build_replaces_the_site_whole_or_leaves_it_as_it_was(project):
    """A build that succeeds replaces site/ whole; one that fails leaves it as it was, and says why."""
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("an old page", encoding="utf-8")
    assert make_build(project).returncode == 0
    assert not (project / "site/stale.html").exists() and (project / "site/index.html").is_file()
    assert not (project / "site.new").exists() and not (project / "site.old").exists()
    before = digests(project / "site")
    chapter = project / "handbook/zh/specialised/brand-operations.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("owner: brand-ops", "owner: brand-opps"), encoding="utf-8"
    )
    failed = make_build(project)
    assert failed.returncode != 0
    assert "error: the build failed (see above); site/ is unchanged" in failed.stderr
    assert (
        "handbook/zh/specialised/brand-operations.md:4: owner: unknown role 'brand-opps'"
        in failed.stdout + failed.stderr
    )
    assert digests(project / "site") == before
    assert not (project / "site.new").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["../../etc/x"], "is not a 制度编号"),
        (["/etc/passwd"], "is not a 制度编号"),
        (["OPS-HR-001\n"], "is not a 制度编号"),
        (["ops-hr-001"], "is not a 制度编号"),
        (["OPS-HR-001", "--section", "../.."], "section '../..' does not exist"),
        (["OPS-HR-001", "--section", "/tmp"], "section '/tmp' does not exist"),
        (["OPS-HR-001", "--name", "../../outside"], "is not lower-case words joined by -"),
        (["OPS-HR-001", "--name", "/tmp/x"], "is not lower-case words joined by -"),
        (["OPS-HR-001", "--name", "brand-operations", "--section", "specialised"], "already exists"),
    ],
)
def test_handbook_new_never_writes_outside_the_handbook_nor_over_a_file(project, arguments, message):
    before = {path: path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file()}
    result = handbook_command(
        "new", *arguments[:1], "--title", "测试", "--owner", "brand-ops", *arguments[1:], cwd=project
    )
    assert result.returncode == 2 and message in result.stderr
    after = {path: path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file()}
    assert after == before  # nothing written, nothing changed, inside or out
