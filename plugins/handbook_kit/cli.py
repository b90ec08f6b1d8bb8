"""The `handbook` command line: works on the Markdown files, never needs a site build."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook_kit import __version__
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.schema import write_schemas
from handbook_kit.core.state import DEFAULT_GATE, GATE_CONDITIONS, evaluate, gate_failures
from handbook_kit.core.today import TodayError, resolve_today

EXIT_OK, EXIT_GATE, EXIT_INVALID = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description=(
            "Tools for the company handbook (运营管理制度): the regulations are Markdown "
            "files under handbook/zh and handbook/en, published by `mkdocs build`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate every regulation and fail when a review is overdue",
        description="Validate the front matter of every regulation and run the review gate. "
        "Exit 0: valid and the gate passes; 1: valid but the gate fails; 2: invalid input.",
    )
    check.add_argument("--docs", type=Path, default=Path("handbook"), help="the docs folder (default: handbook)")
    check.add_argument("--today", help="evaluate as of this day, YYYY-MM-DD (default: $HANDBOOK_TODAY or the system date)")
    check.add_argument("--fail-on", default=",".join(DEFAULT_GATE), type=_gate_list,
                       help=f"comma list of what fails the gate: {', '.join(GATE_CONDITIONS)} (default: overdue)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text for people, json for tools, github for workflow annotations")

    schema = commands.add_parser(
        "schema",
        help="write the front matter's JSON Schemas (for editors' YAML tooling)",
        description="Write DOCS/schemas/regulation.schema.json and translation.schema.json from the model.",
    )
    schema.add_argument("--docs", type=Path, default=Path("handbook"), help="the docs folder (default: handbook)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args)
    if args.command == "schema":
        for path in write_schemas(args.docs):
            print(f"wrote {path}")
        return EXIT_OK
    parser.print_help()
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    try:
        today = resolve_today(args.today)
    except TodayError as error:
        print(f"handbook check: {error}", file=sys.stderr)
        return EXIT_INVALID
    if not args.docs.is_dir():
        print(f"handbook check: {args.docs}: no such folder (expected the docs folder holding zh/ and en/)",
              file=sys.stderr)
        return EXIT_INVALID
    docs = args.docs.resolve()
    handbook = load_handbook(docs, shown_root=Path.cwd() if docs.is_relative_to(Path.cwd()) else docs.parent)
    states = evaluate(handbook, today)
    failing = gate_failures(states, args.fail_on)
    invalid = not handbook.valid
    if args.format == "json":
        print(json.dumps({
            "today": today.isoformat(),
            "policies": [{
                "id": s.record.policy.id, "path": s.record.path, "title": s.record.policy.title,
                "owner": s.record.policy.owner, "status": s.record.policy.status, "review": s.review.value,
                "due": s.due.isoformat() if s.due else None, "translation": s.translation.value,
            } for s in states],
            "errors": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message}
                       for p in handbook.problems],
            "gate": {"fail_on": list(args.fail_on), "failed": bool(failing)},
        }, ensure_ascii=False, indent=2))
    elif args.format == "github":
        for problem in handbook.problems:
            print(f"::error file={problem.path},line={problem.line},title={_escape(problem.field)}::{_escape(problem.message)}")
        for state, met in failing:
            line = state.record.front.line_of(("last_reviewed",)) if "last_reviewed" in state.record.front.data \
                else state.record.front.line_of(("review_cycle",))
            print(f"::error file={state.record.path},line={line},title={state.record.policy.id} "
                  f"{'/'.join(met)}::{_escape(_describe(state, met))}")
    else:
        for problem in handbook.problems:
            print(problem)
        if failing:
            print(f"{len(failing)} regulation(s) fail the gate ({', '.join(args.fail_on)}) as of {today}:")
            print(_table([("id", "title", "owner", "due", "fails on")] + [
                (s.record.policy.id, s.record.policy.title, s.record.policy.owner,
                 s.due.isoformat() if s.due else "-", ", ".join(met)) for s, met in failing]))
        summary = f"{len(states)} regulations checked as of {today}: "
        summary += f"{len(handbook.problems)} error(s), " if invalid else "valid, "
        summary += "gate failed" if failing else "gate passed"
        print(summary)
    if invalid:
        return EXIT_INVALID
    return EXIT_GATE if failing else EXIT_OK


def _gate_list(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in GATE_CONDITIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'nothing'} is not a gate condition (expected a comma list of {', '.join(GATE_CONDITIONS)})")
    return names


def _describe(state, met: list[str]) -> str:
    policy = state.record.policy
    parts = []
    if "overdue" in met:
        parts.append(f"review overdue since {state.due}")
    if "due-soon" in met:
        parts.append(f"review due on {state.due}")
    if any(m.startswith("translation") for m in met):
        parts.append(f"English translation {state.translation.value}")
    return f"{policy.title} ({policy.id}), owner {policy.owner}: " + "; ".join(parts)


def _escape(text: str) -> str:
    """Workflow commands end at a newline and treat % specially."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _table(rows: list[tuple[str, ...]]) -> str:
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)

    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
                     for row in rows)


if __name__ == "__main__":
    sys.exit(main())
