"""`handbook check`: validate every regulation and run the review gate."""

from __future__ import annotations

import argparse
import json

from handbook_kit.core.problems import Problem
from handbook_kit.core.state import DEFAULT_GATE, GATE_CONDITIONS, PolicyState, evaluate, gate_failures

from .common import EXIT_GATE, EXIT_INVALID, EXIT_OK, add_docs_and_today, read_handbook, today_from
from .tables import table


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate every regulation and fail when a review is overdue",
        description="Validate the front matter of every regulation and run the review gate. "
        "Exit 0: valid and the gate passes; 1: valid but the gate fails; 2: invalid input.",
    )
    add_docs_and_today(parser)
    parser.add_argument("--fail-on", default=",".join(DEFAULT_GATE), type=gate_list,
                        help=f"comma list of what fails the gate: {', '.join(GATE_CONDITIONS)} (default: overdue)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text for people, json for tools, github for workflow annotations")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = read_handbook(args.docs)
    states = evaluate(handbook, today)
    failing = gate_failures(states, args.fail_on)
    if args.format == "json":
        print(json.dumps({
            "today": today.isoformat(),
            "policies": [{
                "id": s.record.policy.id, "path": s.record.path, "title": s.record.policy.title,
                "owner": s.record.policy.owner, "status": s.record.policy.status, "review": s.review.value,
                "due": s.due.isoformat() if s.due else None, "translation": s.translation.value,
            } for s in states],
            "errors": [_problem(p) for p in handbook.errors],
            "warnings": [_problem(p) for p in handbook.warnings],
            "gate": {"fail_on": list(args.fail_on), "failed": bool(failing)},
        }, ensure_ascii=False, indent=2))
    elif args.format == "github":
        for problem in handbook.problems:
            print(f"::{problem.severity.value} file={problem.path},line={problem.line},title={_escape(problem.field)}"
                  f"::{_escape(problem.message)}")
        for state, met in failing:
            front = state.record.front
            line = front.line_of(("last_reviewed",)) if "last_reviewed" in front.data else front.line_of(("review_cycle",))
            print(f"::error file={state.record.path},line={line},title={state.record.policy.id} "
                  f"{'/'.join(met)}::{_escape(_describe(state, met))}")
    else:
        for problem in handbook.errors:
            print(problem)
        for problem in handbook.warnings:
            print(f"warning: {problem}")
        if failing:
            print(f"{len(failing)} regulation(s) fail the gate ({', '.join(args.fail_on)}) as of {today}:")
            print(table([("id", "title", "owner", "due", "fails on")] + [
                (s.record.policy.id, s.record.policy.title, s.record.policy.owner,
                 s.due.isoformat() if s.due else "-", ", ".join(met)) for s, met in failing]))
        summary = f"{len(states)} regulations checked as of {today}: "
        summary += f"{len(handbook.errors)} error(s), " if not handbook.valid else "valid, "
        summary += f"{len(handbook.warnings)} warning(s), " if handbook.warnings else ""
        summary += "gate failed" if failing else "gate passed"
        print(summary)
    if not handbook.valid:
        return EXIT_INVALID
    return EXIT_GATE if failing else EXIT_OK


def _problem(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "line": problem.line, "field": problem.field, "message": problem.message}


def gate_list(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in GATE_CONDITIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'nothing'} is not a gate condition "
            f"(expected a comma list of {', '.join(GATE_CONDITIONS)})")
    return names


def _describe(state: PolicyState, met: list[str]) -> str:
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
