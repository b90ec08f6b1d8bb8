"""`handbook codeowners`: write .github/CODEOWNERS from the regulations' owners and their teams."""

from __future__ import annotations

import argparse

from handbook_kit.core.codeowners import codeowners

from .common import EXIT_OK, add_docs, read_handbook, repository_of, require_valid


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "codeowners",
        help="write .github/CODEOWNERS: each regulation's files owned by its owner's team",
        description="Write .github/CODEOWNERS at the root of the handbook's repository (where mkdocs.yml is, "
        "else the git top level) so that GitHub asks the owning "
        "team of a regulation to review every change to it, in both languages. Teams come from "
        "the `team` of each role in roles.yml.",
    )
    add_docs(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    handbook = read_handbook(args.docs)
    require_valid(handbook)
    repository = repository_of(args.docs)
    path = repository.codeowners
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(codeowners(handbook, repository.docs_path), encoding="utf-8")
    print(f"wrote {repository.shown(path)}")
    return EXIT_OK
