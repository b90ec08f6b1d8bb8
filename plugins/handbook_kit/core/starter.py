"""A new handbook repository, as `handbook init` writes it: the files of the package's starter/ folder.

The starter is a handbook of its own (mkdocs.yml, requirements.txt, a Makefile
with the two commands, handbook/ with roles, home pages and one example
regulation in each language, the GitHub workflows, the pull request template,
pre-commit), filled in with the organisation's names and written in the
handbook's languages: a folder handbook/<language>/ only for those, the example
regulation's metadata in the source language's file, each bilingual text in
exactly those languages. Its templates use [[ … ]] for values and [% … %] for
blocks, so that GitHub's ${{ … }}, Make's $(…) and Jinja-free Markdown pass
through untouched; a file or folder named dot-x is written as .x (dotfiles do
not survive package data), and one named _x is a part that other templates
include, not a file of the new repository.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .interface_text import LANGUAGES
from .languages import DEFAULT, Languages
from .markup import escape_markdown
from .scaffold import texts_in
from .text import display_width

STARTER = Path(__file__).resolve().parent.parent / "starter"
_GITHUB_NAME = re.compile(r"^(?=.{1,39}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")  # GitHub's rule for organisations


class StarterError(ValueError):
    """An option the new handbook cannot be written with."""


@dataclass(frozen=True)
class Starter:
    title: str  # the site's title in Chinese
    title_en: str  # and in English
    organisation: str  # as the Chinese pages name it
    organisation_en: str  # as the English pages name it ("the company" where it has no English name)
    github_org: str  # the GitHub organisation of the teams in roles.yml and CODEOWNERS
    today: date  # the example regulation's effective date
    version: str  # the handbook-kit the new handbook pins
    languages: Languages = DEFAULT  # the source, served at /, and the translation, if any

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
        loader=FileSystemLoader(STARTER),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        trim_blocks=True,  # a line holding only [% … %] leaves no blank line
        lstrip_blocks=True,
        undefined=StrictUndefined,
        autoescape=False,
    )
    environment.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)  # a YAML scalar
    environment.filters["md"] = escape_markdown  # Markdown text that shows as itself: *Acme* stays *Acme*
    environment.filters["pad"] = _padded
    languages = starter.languages
    environment.globals.update(
        languages=languages.all,
        source=languages.source,
        translation=languages.translation,  # None in a handbook of one language
        texts=lambda **by_language: texts_in(languages, by_language),
        in_languages=partial(_in_languages, languages),
        title=starter.title,
        title_en=starter.title_en,
        titles={"zh": starter.title, "en": starter.title_en},
        organisation=starter.organisation,
        organisation_en=starter.organisation_en,
        organisations={"zh": starter.organisation, "en": starter.organisation_en},
        github_org=starter.github_org,
        today=starter.today.isoformat(),
        year=starter.today.year,
        version=starter.version,
    )
    files = {}
    for path in sorted(STARTER.rglob("*")):
        relative = path.relative_to(STARTER)
        if not path.is_file() or any(part.startswith("_") for part in relative.parts):  # parts, __pycache__
            continue
        language = _language_of(relative)
        if language and language not in languages.all:
            continue
        template = environment.get_template(relative.as_posix())
        files[PurePosixPath(*map(_dotted, relative.parts))] = template.render(language=language)
    return files


def _language_of(relative: Path) -> str | None:
    """The language of a page of handbook/<language>/; None for every other file."""
    parts = relative.parts
    return parts[1] if len(parts) > 2 and parts[0] == "handbook" and parts[1] in LANGUAGES else None


def _in_languages(languages: Languages, zh: str, en: str, between: str = " ") -> str:
    """A text in each of the handbook's languages, the source first: `改了什么 / What changed`."""
    return between.join({"zh": zh, "en": en}[code] for code in languages.all)


def _padded(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` columns (a Chinese character takes two): aligned YAML."""
    return text + " " * max(width - display_width(text), 0)


def _dotted(part: str) -> str:
    return "." + part.removeprefix("dot-") if part.startswith("dot-") else part
