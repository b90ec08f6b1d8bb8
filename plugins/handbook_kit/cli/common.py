"""What every `handbook` command shares: today, the docs folder, exit codes, loading."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handbook_kit.core.codeowners import CODEOWNERS
from handbook_kit.core.languages import Languages, LanguagesError, read_languages
from handbook_kit.core.registry import Handbook, load_handbook
from handbook_kit.core.today import TodayError, resolve_today

EXIT_OK, EXIT_GATE, EXIT_INVALID = 0, 1, 2
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")  # the names MkDocs looks for, in its order


class CommandError(Exception):
    """Bad arguments or unusable input: printed as `handbook <command>: <message>`, exit 2."""


def add_docs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path("handbook"),
        help="the docs folder holding a folder per language (such as zh/ and en/) and roles.yml (default: handbook)",
    )


def add_docs_and_today(parser: argparse.ArgumentParser) -> None:
    add_docs(parser)
    parser.add_argument(
        "--today", help="evaluate as of this day, YYYY-MM-DD (default: $HANDBOOK_TODAY or the system date)"
    )


def today_from(args: argparse.Namespace) -> date:
    try:
        return resolve_today(args.today)
    except TodayError as error:
        raise CommandError(str(error)) from None


def read_handbook(docs: Path) -> Handbook:
    """The registry of `docs`, in the languages its mkdocs.yml configures, with paths shown relative
    to where the command runs."""
    if not docs.is_dir():
        raise CommandError(f"{docs}: no such folder (expected the docs folder holding a folder per language)")
    languages = languages_of(docs)
    docs = docs.resolve()
    return load_handbook(docs, Path.cwd() if docs.is_relative_to(Path.cwd()) else docs.parent, languages)


def titles_in(languages: Languages, title: str | None, **by_language: str | None) -> dict[str, str | None]:
    """A title per language from `--title` (the source language's) and `--title-zh`/`--title-en`: a title
    for a language the handbook does not have, or two for its source, is an error rather than lost."""
    for language, value in by_language.items():
        if value is not None and language not in languages.all:
            raise CommandError(
                f"--title-{language}: the handbook has no {language} (its languages: {languages.describe()})"
            )
    titles = dict(by_language)
    if title is not None:
        if titles.get(languages.source) not in (None, title):
            raise CommandError(
                f"--title and --title-{languages.source} differ (expected one title in {languages.source}, "
                "the source language)"
            )
        titles[languages.source] = title
    return titles


def languages_of(docs: Path) -> Languages:
    """The handbook's languages, as the mkdocs.yml of its repository configures them (zh, en without one)."""
    try:
        return read_languages(repository_of(docs).mkdocs_yml)
    except LanguagesError as error:
        raise CommandError(str(error)) from None


def require_valid(handbook: Handbook) -> None:
    """Commands other than `check` work only on a valid handbook; list what is wrong."""
    if not handbook.valid:
        for problem in handbook.errors:
            print(problem, file=sys.stderr)
        raise CommandError(
            f"{len(handbook.errors)} error(s) in the front matter; fix them first (`handbook check` lists the same)"
        )


@dataclass(frozen=True)
class Repository:
    """The handbook's repository: where mkdocs.yml and .github/ are, and its docs folder."""

    root: Path
    docs: Path

    @property
    def docs_path(self) -> str:
        """The docs folder as paths in the repository start: "handbook", or "content/handbook"."""
        return self.docs.relative_to(self.root).as_posix() if self.docs.is_relative_to(self.root) else self.docs.name

    @property
    def codeowners(self) -> Path:
        return self.root / CODEOWNERS

    @property
    def mkdocs_yml(self) -> Path:
        """The site's configuration: mkdocs.yml, or mkdocs.yaml as MkDocs also reads it."""
        return next((path for path in _configs(self.root) if path.is_file()), self.root / CONFIG_NAMES[0])

    def shown(self, path: Path) -> str:
        """A path as the person running the command reads it: relative when they work in this repository."""
        cwd = Path.cwd()
        return os.path.relpath(path) if cwd.is_relative_to(self.root) or path.is_relative_to(cwd) else str(path)


def repository_of(docs: Path) -> Repository:
    """The repository of a docs folder: the nearest folder above it with mkdocs.yml, else the git
    top level, else the folder's parent. Where a command runs does not matter."""
    docs = docs.resolve()
    for folder in docs.parents:
        if any(path.is_file() for path in _configs(folder)):
            return Repository(folder, docs)
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=docs, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:  # no git on this machine
        top = ""
    return Repository(Path(top) if top else docs.parent, docs)


def _configs(folder: Path) -> list[Path]:
    return [folder / name for name in CONFIG_NAMES]
