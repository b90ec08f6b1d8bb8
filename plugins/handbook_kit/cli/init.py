"""`handbook init`: write a new handbook repository that builds strictly and passes `handbook check`."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

from handbook_kit import __version__
from handbook_kit.core.codeowners import CODEOWNERS, codeowners
from handbook_kit.core.languages import Languages, LanguagesError, parse_languages
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.schema import write_schemas
from handbook_kit.core.starter import Starter, StarterError, starter_files

from .common import EXIT_INVALID, EXIT_OK, CommandError, titles_in, today_from

DEFAULT_TITLES = {"zh": "制度手册", "en": "Handbook"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "init",
        help="write a new handbook repository (site, roles, an example regulation, CI) into an empty folder",
        description="Write a new handbook repository into DIR (new or empty): mkdocs.yml with the handbook-kit "
        "plugins, requirements.txt pinning handbook-kit, a Makefile (make build, make test), handbook/ with "
        "roles.yml, home pages and one example regulation in the handbook's languages (--languages), the GitHub "
        "workflows (tests, review gate, publishing), CODEOWNERS, the pull request template, pre-commit and a "
        "README. It builds strictly and passes `handbook check` as written.",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="the folder to write (created if missing; must be empty)")
    parser.add_argument(
        "--languages",
        default="zh,en",
        help="the languages, the source first: zh,en (Chinese, translated into English; the default), en,zh "
        "(English, translated into Chinese), or one language alone, zh or en",
    )
    parser.add_argument(
        "--title", help="the site's title in the source language (or give it as --title-zh or --title-en)"
    )
    parser.add_argument("--title-zh", help=f"the site's title in Chinese (default: {DEFAULT_TITLES['zh']})")
    parser.add_argument("--title-en", help=f"the site's title in English (default: {DEFAULT_TITLES['en']})")
    parser.add_argument(
        "--organisation", default="本公司", help="the organisation, as the Chinese pages name it (default: 本公司)"
    )
    parser.add_argument(
        "--organisation-en",
        help="the organisation, as the English pages name it (default: --organisation if it is written in "
        "Latin letters, else: the company)",
    )
    parser.add_argument(
        "--github-org",
        help="the GitHub organisation of the teams in roles.yml and CODEOWNERS (default: from --organisation-en)",
    )
    parser.add_argument("--today", help="the example regulation's effective date, YYYY-MM-DD (default: today)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target: Path = args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):  # never mix ours with what is there
        raise CommandError(f"{target} is not an empty folder (expected a new or empty folder; nothing was written)")
    languages = _languages(args.languages)
    titles = titles_in(languages, args.title, zh=args.title_zh, en=args.title_en)
    latin = args.organisation if args.organisation.isascii() else ""
    organisation_en = args.organisation_en or latin or "the company"
    github_org = args.github_org or _github_name(args.organisation_en or latin)
    unnamed = github_org is None  # no Latin name to make it of
    github_org = github_org or "example"
    try:
        starter = Starter(
            title=titles["zh"] or DEFAULT_TITLES["zh"],
            title_en=titles["en"] or DEFAULT_TITLES["en"],
            organisation=args.organisation,
            organisation_en=organisation_en,
            github_org=github_org,
            today=today_from(args),
            version=__version__,
            languages=languages,
        )
        files = starter_files(starter)
    except StarterError as error:
        raise CommandError(str(error)) from None
    try:
        for path, text in files.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text, encoding="utf-8")
        docs = target / "handbook"
        written = len(files) + len(write_schemas(docs, languages)) + 1  # and CODEOWNERS, from the roles
        handbook = load_handbook(docs, target, languages)
        for problem in handbook.errors:  # the starter is tested to have none; never hide one if it does
            print(problem)
        if handbook.errors:
            return EXIT_INVALID
        (target / CODEOWNERS).write_text(codeowners(handbook, "handbook"), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"{target}: cannot write the new handbook ({error.strerror or error})") from None
    if shutil.which("git") and not (target / ".git").exists():  # the site's change history reads git
        subprocess.run(["git", "init", "--quiet", "--initial-branch", "main", str(target)], check=False)
    print(f"wrote a new handbook to {target} ({written} files)")
    if unnamed:
        print("note: the teams in handbook/roles.yml are @example/…: name your GitHub organisation with --github-org")
    print(f"next: cd {target} && make build   (then commit it, and push it to GitHub with its workflows)")
    return EXIT_OK


def _languages(value: str) -> Languages:
    try:
        return parse_languages(value.split(","))
    except LanguagesError as error:
        raise CommandError(f"--languages {value!r}: {error}; nothing was written") from None


def _github_name(organisation: str) -> str | None:
    """A GitHub organisation name from the organisation's, where it is written in Latin letters."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", organisation).strip("-").lower()[:39].strip("-")
    return name or None
