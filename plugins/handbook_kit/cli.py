"""The `handbook` command line: works on the Markdown files, never needs a site build."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from handbook_kit import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description=(
            "Tools for the company handbook (运营管理制度): the regulations are Markdown "
            "files under handbook/zh and handbook/en, published by `mkdocs build`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
