"""What every `handbook` command shares: today, the docs folder, exit codes, loading."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from handbook_kit.core.registry import Handbook, load_handbook
from handbook_kit.core.today import TodayError, resolve_today

EXIT_OK, EXIT_GATE, EXIT_INVALID = 0, 1, 2


class CommandError(Exception):
    """Bad arguments or unusable input: printed as `handbook <command>: <message>`, exit 2."""


def add_docs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", type=Path, default=Path("handbook"),
                        help="the docs folder holding zh/, en/ and roles.yml (default: handbook)")


def add_docs_and_today(parser: argparse.ArgumentParser) -> None:
    add_docs(parser)
    parser.add_argument("--today", help="evaluate as of this day, YYYY-MM-DD "
                        "(default: $HANDBOOK_TODAY or the system date)")


def today_from(args: argparse.Namespace) -> date:
    try:
        return resolve_today(args.today)
    except TodayError as error:
        raise CommandError(str(error)) from None


def read_handbook(docs: Path) -> Handbook:
    """The registry of `docs`, with paths shown relative to where the command runs."""
    if not docs.is_dir():
        raise CommandError(f"{docs}: no such folder (expected the docs folder holding zh/ and en/)")
    docs = docs.resolve()
    return load_handbook(docs, shown_root=Path.cwd() if docs.is_relative_to(Path.cwd()) else docs.parent)


def require_valid(handbook: Handbook) -> None:
    """Commands other than `check` work only on a valid handbook; list what is wrong."""
    if not handbook.valid:
        for problem in handbook.errors:
            print(problem, file=sys.stderr)
        raise CommandError(f"{len(handbook.errors)} error(s) in the front matter; fix them first "
                           "(`handbook check` lists the same)")


def repository_of(docs: Path) -> tuple[Path, str]:
    """The repository that holds the docs folder (its parent) and the folder's name in it."""
    docs = docs.resolve()
    return docs.parent, docs.name
