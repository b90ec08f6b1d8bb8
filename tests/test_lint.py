"""The code is linted and formatted by ruff, configured in pyproject.toml: zero findings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

RUFF = Path(sys.executable).parent / "ruff"


def ruff(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([RUFF, *args], cwd=cwd, capture_output=True, text=True)


def test_ruff_finds_nothing_to_lint_and_nothing_to_format():
    lint = ruff("check", ".")
    assert lint.returncode == 0, lint.stdout
    form = ruff("format", "--check", ".")
    assert form.returncode == 0, form.stdout


def test_the_configuration_catches_what_it_is_there_for(tmp_path):
    sloppy = tmp_path / "sloppy.py"
    sloppy.write_text("import os, sys\ndef f(x):\n    return x==None\n", encoding="utf-8")
    config = ("--config", str(REPO / "pyproject.toml"))
    found = ruff("check", *config, "--output-format", "concise", str(sloppy), cwd=tmp_path).stdout
    for rule in ("E401", "F401", "E711"):
        assert rule in found, found
    assert ruff("format", *config, "--check", str(sloppy), cwd=tmp_path).returncode == 1


def test_pre_commit_runs_ruff_on_python_files():
    hooks = {
        hook["id"]: hook
        for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"]
        for hook in repo["hooks"]
    }
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
    assert all("python" in hooks[name]["types_or"] for name in ("ruff-check", "ruff-format"))
