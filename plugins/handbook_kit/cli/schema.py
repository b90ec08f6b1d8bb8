"""`handbook schema`: write the front matter's JSON Schemas, or check files against them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from handbook_kit.core.frontmatter import FrontMatterError, NoFrontMatter, read_front_matter
from handbook_kit.core.languages import DEFAULT, Languages
from handbook_kit.core.problems import Problem, field_label
from handbook_kit.core.schema import SCHEMA_FOLDER, write_schemas

from .common import EXIT_INVALID, EXIT_OK, add_docs, languages_of


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schema",
        help="write the front matter's JSON Schemas (for editors' YAML tooling), or check files against them",
        description="Write DOCS/schemas/regulation.schema.json and translation.schema.json from the model; "
        "with --validate, check the front matter of the given Markdown files against those schemas "
        "(what editors' tooling and the pre-commit hook see).",
    )
    add_docs(parser)
    parser.add_argument(
        "--validate",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="Markdown files to check: regulations (in the source language, with an id) and their translations",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.validate:
        languages = languages_of(args.docs)
        problems = [problem for path in args.validate for problem in schema_problems(path, args.docs, languages)]
        for problem in problems:
            print(problem)
        return EXIT_INVALID if problems else EXIT_OK
    for path in write_schemas(args.docs, languages_of(args.docs)):
        print(f"wrote {path}")
    return EXIT_OK


def schema_problems(path: Path, docs: Path, languages: Languages = DEFAULT) -> list[Problem]:
    """The front matter of one file against the committed schema of its kind."""
    from jsonschema import Draft202012Validator

    try:
        front = read_front_matter(path, str(path))
    except NoFrontMatter:
        return []  # a home or section page: no front matter to check
    except FrontMatterError as error:
        return [error.problem]
    translated = languages.translation is not None and path.resolve().is_relative_to(
        (docs / languages.translation).resolve()
    )
    source = _source_front_matter(path, docs, languages) if translated else front.data
    if source is not None and "id" not in source:
        return []  # a page that is not a regulation, or the translation of one (a section's home page)
    name = "translation.schema.json" if translated else "regulation.schema.json"
    schema = json.loads((docs / SCHEMA_FOLDER / name).read_text(encoding="utf-8"))
    return [
        Problem(
            str(path),
            front.line_of(tuple(error.absolute_path)),
            field_label(tuple(error.absolute_path)) or "(front matter)",
            f"{error.message} ({name})",
        )
        for error in sorted(Draft202012Validator(schema).iter_errors(front.data), key=lambda e: list(e.path))
    ]


def _source_front_matter(translated: Path, docs: Path, languages: Languages) -> dict | None:
    """The front matter of the source page a translation translates: {} if it has none, None if there
    is no such page (the translation is then checked as one, which it claims to be)."""
    assert languages.translation
    source = docs / languages.source / translated.resolve().relative_to((docs / languages.translation).resolve())
    if not source.is_file():
        return None
    try:
        return read_front_matter(source, str(source)).data
    except (NoFrontMatter, FrontMatterError):
        return {}  # its own problems are reported with it
