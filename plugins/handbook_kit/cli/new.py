"""`handbook new`: scaffold a regulation, with its translation, that passes `handbook check`."""

from __future__ import annotations

import argparse
from pathlib import Path

from handbook_kit.core.codeowners import codeowners
from handbook_kit.core.scaffold import ScaffoldError, add_to_nav, plan, source_file, translation_file

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandError,
    add_docs,
    read_handbook,
    repository_of,
    require_valid,
    titles_in,
    today_from,
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "new",
        help="create a new regulation (its file and translation, with valid front matter) and list it in the nav",
        description="Create handbook/<source>/SECTION/NAME.md and its translation handbook/<translation>/"
        "SECTION/NAME.md (the handbook's languages, as mkdocs.yml configures them: zh and en here) for a new "
        "regulation (status draft, version 1.0, effective today, reviewed every 12 months) and add the page to "
        "its section in mkdocs.yml.",
    )
    parser.add_argument("id", help="the new 制度编号, e.g. OPS-HR-001 (unique, never reused)")
    parser.add_argument("--title", help="the title in the source language (or give it as --title-zh or --title-en)")
    parser.add_argument("--title-zh", help="the Chinese title")
    parser.add_argument("--title-en", help="the English title (a translation's default: the source title)")
    parser.add_argument("--owner", required=True, metavar="ROLE", help="the owning role, a key of roles.yml")
    parser.add_argument(
        "--approver", metavar="ROLE", help="the approving role (default: the first role of roles.yml that can approve)"
    )
    parser.add_argument("--section", help="the section folder, e.g. company (default: specialised)")
    parser.add_argument("--name", dest="slug", help="the file name without .md (default: the id in lower case)")
    add_docs(parser)
    parser.add_argument(
        "--mkdocs",
        type=Path,
        help="the site configuration whose nav lists the page (default: the repository's mkdocs.yml)",
    )
    parser.add_argument("--today", help="the effective date, YYYY-MM-DD (default: $HANDBOOK_TODAY or today)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = read_handbook(args.docs)
    require_valid(handbook)
    languages = handbook.languages
    titles = titles_in(languages, args.title, zh=args.title_zh, en=args.title_en)
    title = titles[languages.source]
    if not title:
        raise CommandError(f"no title (expected --title, the title in {languages.source}, the source language)")
    source_root = args.docs / languages.source
    sections = sorted(path.name for path in source_root.iterdir() if path.is_dir()) if source_root.is_dir() else []
    try:
        new = plan(
            handbook,
            sections,
            id=args.id,
            title=title,
            translated_title=titles[languages.translation] if languages.translation else None,
            owner=args.owner,
            approver=args.approver,
            section=args.section,
            slug=args.slug,
            today=today,
        )
    except ScaffoldError as error:
        raise CommandError(str(error)) from None
    files = {source_root / new.page: source_file(new, languages)}
    if languages.translation:
        files[args.docs / languages.translation / new.page] = translation_file(new, languages.translation)
    for path in files:
        if path.exists():
            raise CommandError(f"{path} already exists (expected a new file name; choose one with --name)")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"created {path}")

    updated_handbook = read_handbook(args.docs)
    problems = [p for p in updated_handbook.errors if p.path.endswith(new.page)]
    for problem in problems:  # cannot happen for a request `plan` accepted; never hide it if it does
        print(problem)
    if problems:
        return EXIT_INVALID

    repository = repository_of(args.docs)
    if repository.codeowners.is_file():  # the owning team reviews the new regulation too
        repository.codeowners.write_text(codeowners(updated_handbook, repository.docs_path), encoding="utf-8")
        print(f"updated {repository.shown(repository.codeowners)}")

    mkdocs_yml = args.mkdocs or repository.mkdocs_yml
    if mkdocs_yml.is_file():
        updated = add_to_nav(mkdocs_yml.read_text(encoding="utf-8"), new)
        if updated is not None:
            mkdocs_yml.write_text(updated, encoding="utf-8")
            print(f"listed {new.page} in the nav of {repository.shown(mkdocs_yml)}")
        else:
            print(
                f"note: {repository.shown(mkdocs_yml)} lists no page of {new.section}/; add `- {new.page}` to its nav"
            )
    print("next: write the text, set status: active when it is approved, preview with `make serve`")
    return EXIT_OK
