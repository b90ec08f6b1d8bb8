"""The `handbook` command line: works on the Markdown files, never needs a site build."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from handbook_kit import __version__

from . import check, codeowners, init, new, reviews, schema
from .common import EXIT_INVALID, EXIT_OK, CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description=(
            "Tools for the company handbook (运营管理制度): the regulations are Markdown "
            "files under handbook/<language>/ (the languages mkdocs.yml's i18n plugin lists, "
            "the default one the source), published by `mkdocs build`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (check, reviews, new, codeowners, schema, init):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return args.run(args)
    except CommandError as error:
        print(f"handbook {args.command}: {error}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
