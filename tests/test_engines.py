"""The engine plan, tested: the site built by ProperDocs 1.6 (the maintained continuation of MkDocs 1.x)
is the site built by MkDocs 1.6.1, file for file and byte for byte (the generator tag aside), with no
warning; so every test of the built site holds under either engine. And no install picks up MkDocs 2."""

from __future__ import annotations

import filecmp
import re
import subprocess
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, copy_fixture, fresh_virtualenv, new_user_env, source_copy

pytestmark = pytest.mark.slow  # a virtualenv from the package registry, two builds

PROPERDOCS = "properdocs>=1.6.5,<1.7"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with handbook-kit (this checkout) and ProperDocs beside the MkDocs it brings."""
    source = source_copy(tmp_path_factory.mktemp("source") / "handbook-kit")  # pip builds in it
    return fresh_virtualenv(tmp_path_factory.mktemp("engines") / "venv", PROPERDOCS, str(source))


def test_properdocs_builds_the_site_mkdocs_builds(engines: Path, tmp_path: Path):
    project = copy_fixture("specimen", tmp_path / "handbook")
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        sites[engine] = tmp_path / f"site-{engine}"
        built = subprocess.run(
            [engines / "bin" / engine, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(sites[engine])],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=new_user_env(HANDBOOK_TODAY=PINNED_TODAY, HANDBOOK_PDF="false"),
        )
        assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr[-3000:]
    version = subprocess.run(
        [engines / "bin" / "python", "-c", "import importlib.metadata as m; print(m.version('mkdocs'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert version.startswith("1.6.")  # MkDocs 2 drops plugins: nothing may install it

    files = {name: sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for name, site in sites.items()}
    assert files["mkdocs"] == files["properdocs"] and len(files["mkdocs"]) > 50
    different = [
        path
        for path in files["mkdocs"]
        if not filecmp.cmp(sites["mkdocs"] / path, sites["properdocs"] / path, shallow=False)
        and GENERATOR.sub(b"", (sites["mkdocs"] / path).read_bytes())
        != GENERATOR.sub(b"", (sites["properdocs"] / path).read_bytes())
    ]
    assert different == []
    page = (sites["properdocs"] / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="ProperDocs 1.6.' in page
