"""The core and the `handbook` command stand without the site engine: with MkDocs, Material and the i18n
plugin impossible to import, every core module imports and `handbook check` reads a handbook. This is
what a port to another engine keeps (the README's engine plan)."""

from __future__ import annotations

import subprocess
import sys

from conftest import PINNED_TODAY, REPO, SPECIMEN

BLOCKED = ("mkdocs", "material", "mkdocs_static_i18n", "properdocs")

PROGRAM = f"""
import importlib, pkgutil, sys

class NoEngine:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ImportError(f"{{name}} is blocked: the core must not need it")

sys.meta_path.insert(0, NoEngine())
import handbook_kit.core, handbook_kit.cli
for package in (handbook_kit.core, handbook_kit.cli):
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{{package.__name__}}.{{module.name}}")
from handbook_kit.cli import main
sys.exit(main(["check", "--docs", {str(SPECIMEN / "handbook")!r}, "--fail-on", "none", "--today", "{PINNED_TODAY}"]))
"""


def test_the_core_and_the_command_need_no_site_engine():
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "regulations checked" in result.stdout


def test_the_blocker_would_catch_an_engine_import():
    program = PROGRAM.replace("import handbook_kit.core, handbook_kit.cli", "import handbook_kit.core, mkdocs.plugins")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO)
    assert result.returncode != 0 and "mkdocs is blocked" in result.stderr
