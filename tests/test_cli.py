import subprocess
import sys
from pathlib import Path

from handbook_kit import __version__

BIN = Path(sys.executable).parent


def test_handbook_help_is_installed_as_a_console_script():
    result = subprocess.run([BIN / "handbook", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: handbook")
    assert "运营管理制度" in result.stdout


def test_handbook_version():
    result = subprocess.run([BIN / "handbook", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"handbook {__version__}"
