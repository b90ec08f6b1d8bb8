"""A new handbook repository, as `handbook init` writes it: the files of the package's starter/ folder.

The starter is a handbook of its own (mkdocs.yml, requirements.txt, a Makefile
with the two commands, handbook/ with roles, home pages and one example
regulation in both languages, the GitHub workflows, the pull request template,
pre-commit), filled in with the organisation's names. Its templates use [[ … ]]
for values, so that GitHub's ${{ … }}, Make's $(…) and Jinja-free Markdown
pass through untouched; a file or folder named dot-x is written as .x (dotfiles
do not survive package data).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from jinja2 import Environment, StrictUndefined

from .markup import escape_markdown

STARTER = Path(__file__).resolve().parent.parent / "starter"
_GITHUB_NAME = re.compile(r"^(?=.{1,39}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")  # GitHub's rule for organisations


class StarterError(ValueError):
    """An option the new handbook cannot be written with."""


@dataclass(frozen=True)
class Starter:
    title: str  # the site's title in Chinese (the source language)
    title_en: str  # and in English
    organisation: str  # as the Chinese pages name it
    organisation_en: str  # as the English pages name it ("the company" where it has no English name)
    github_org: str  # the GitHub organisation of the teams in roles.yml and CODEOWNERS
    today: date  # the example regulation's effective date
    version: str  # the handbook-kit the new handbook pins

    def __post_init__(self) -> None:
        for name in ("title", "title_en", "organisation", "organisation_en"):
            value = getattr(self, name)
            if not value.strip() or any(char in value for char in "\r\n"):
                raise StarterError(f"--{name.replace('_', '-')} {value!r}: expected text on one line, not empty")
        if not _GITHUB_NAME.match(self.github_org):
            raise StarterError(
                f"--github-org {self.github_org!r}: expected a GitHub organisation name "
                "(letters, digits and single hyphens, at most 39)"
            )


def starter_files(starter: Starter) -> dict[PurePosixPath, str]:
    """Each file of the new repository (its path inside it) and its text."""
    environment = Environment(
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=False,
    )
    environment.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)  # a YAML scalar
    environment.filters["md"] = escape_markdown  # Markdown text that shows as itself: *Acme* stays *Acme*
    values = {
        "title": starter.title,
        "title_en": starter.title_en,
        "organisation": starter.organisation,
        "organisation_en": starter.organisation_en,
        "github_org": starter.github_org,
        "today": starter.today.isoformat(),
        "year": starter.today.year,
        "version": starter.version,
    }
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = PurePosixPath(*(_dotted(part) for part in path.relative_to(STARTER).parts))
            files[relative] = environment.from_string(path.read_text(encoding="utf-8")).render(values)
    return files


def _dotted(part: str) -> str:
    return "." + part.removeprefix("dot-") if part.startswith("dot-") else part
