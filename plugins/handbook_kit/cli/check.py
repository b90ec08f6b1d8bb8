"""`handbook check`: validate every regulation and run the review gate."""

from __future__ import annotations

import argparse
import json
from datetime import date

from handbook_kit.core.changes import unversioned_changes
from handbook_kit.core.codeowners import codeowners_problem
from handbook_kit.core.markup import escape_markdown
from handbook_kit.core.problems import Problem
from handbook_kit.core.registry import Handbook
from handbook_kit.core.state import DEFAULT_GATE, GATE_CONDITIONS, RegulationState, evaluate, gate_failures
from handbook_kit.core.versions import handbook_history

from .common import EXIT_GATE, EXIT_INVALID, EXIT_OK, add_docs_and_today, read_handbook, repository_of, today_from
from .tables import table


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate every regulation and fail when a review is overdue",
        description="Validate the front matter of every regulation, the structure of every page and "
        ".github/CODEOWNERS (at the root of the repository: where mkdocs.yml is, else the git top level), "
        "and run the review gate. "
        "Exit 0: valid and the gate passes; 1: valid but the gate fails; 2: invalid input.",
    )
    add_docs_and_today(parser)
    parser.add_argument(
        "--fail-on",
        default=",".join(DEFAULT_GATE),
        type=gate_list,
        help=f"comma list of what fails the gate: {', '.join(GATE_CONDITIONS)}, "
        "or none to validate only (default: overdue)",
    )
    parser.add_argument(
        "--base",
        default="HEAD",
        help="the git revision whose texts unversioned-change compares with: a text changed under the same "
        "version fails it (default: HEAD, i.e. uncommitted edits; in a pull request's workflow, its base)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github", "markdown"),
        default="text",
        help="text for people, json for tools, github for workflow annotations, markdown for a workflow's job summary",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = read_handbook(args.docs)
    # When roles have teams, CODEOWNERS must follow (checked on valid input only: one thing at a time).
    codeowners = None
    if handbook.valid and any(role.team for role in handbook.roles.values()):
        repository = repository_of(args.docs)
        codeowners = repository.shown(repository.codeowners)
        if problem := codeowners_problem(handbook, repository.codeowners, repository.docs_path, codeowners):
            handbook.problems.append(problem)
    changes, history_lacking = [], ""
    if handbook.valid:  # one thing at a time, as for CODEOWNERS
        changes, history_lacking = unversioned_changes(handbook, args.docs.resolve(), args.base)
        # What history says against itself (a version gone backwards, two texts under one version): warnings.
        handbook.problems.extend(handbook_history(handbook, args.docs.resolve()).problems)
        if history_lacking:
            history_lacking = f"unversioned-change not checked: {history_lacking}"
    states = evaluate(handbook, today, unversioned={change.regulation_id for change in changes})
    failing = gate_failures(states, args.fail_on)
    changed = {change.regulation_id: change for change in changes}
    if args.format == "json":
        print(
            json.dumps(
                {
                    "today": today.isoformat(),
                    "regulations": [
                        {
                            "id": s.record.regulation.id,
                            "path": s.record.path,
                            "title": s.record.regulation.title,
                            "owner": s.record.regulation.owner,
                            "status": s.record.regulation.status,
                            "review": s.review.value,
                            "due": s.due.isoformat() if s.due else None,
                            "translation": s.translation.value,
                            "unversioned_change": s.unversioned_change,
                        }
                        for s in states
                    ],
                    "errors": [_problem(p) for p in handbook.errors],
                    "warnings": [_problem(p) for p in handbook.warnings],
                    "gate": {"fail_on": list(args.fail_on), "failed": bool(failing)},
                    "codeowners": codeowners,
                    "unversioned_change": {"base": args.base, "checked": not history_lacking and handbook.valid},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif args.format == "markdown":
        print(markdown_summary(handbook, states, failing, args.fail_on, today))
    elif args.format == "github":
        for problem in handbook.problems:
            print(
                f"::{problem.severity.value} file={_escape_property(problem.path)},line={problem.line},"
                f"title={_escape_property(problem.field)}::{_escape(problem.message)}"
            )
        if history_lacking:
            print(f"::notice title=handbook check::{_escape(history_lacking)}")
        for state, met in failing:
            front = state.record.front
            if (change := changed.get(state.record.regulation.id)) and "unversioned-change" in met:
                line = change.line
            elif "last_reviewed" in front.data:
                line = front.line_of(("last_reviewed",))
            else:
                line = front.line_of(("review_cycle",))
            print(
                f"::error file={_escape_property(state.record.path)},line={line},title={state.record.regulation.id} "
                f"{'/'.join(met)}::{_escape(_describe(state, met))}"
            )
    else:
        for problem in handbook.errors:
            print(problem)
        for problem in handbook.warnings:
            print(f"warning: {problem}")
        if failing:
            print(f"{len(failing)} regulation(s) fail the gate ({', '.join(args.fail_on)}) as of {today}:")
            print(
                table(
                    [("id", "title", "owner", "due", "fails on")]
                    + [
                        (
                            s.record.regulation.id,
                            s.record.regulation.title,
                            s.record.regulation.owner,
                            s.due.isoformat() if s.due else "-",
                            ", ".join(met),
                        )
                        for s, met in failing
                    ]
                )
            )
        for change in changes:
            print(
                f"{change.path}:{change.line}: version: {change.regulation_id}'s text differs from {change.base}'s, "
                f"under the same version {change.version} (raise `version` and add a `revisions` entry)"
            )
        if history_lacking:
            print(history_lacking)
        if codeowners:
            print(f"read {codeowners}")
        summary = f"{_regulations(len(states))} checked as of {today}: "
        summary += f"{len(handbook.errors)} error(s), " if not handbook.valid else "valid, "
        summary += f"{len(handbook.warnings)} warning(s), " if handbook.warnings else ""
        summary += "gate failed" if failing else "gate passed"
        print(summary)
    if not handbook.valid:
        return EXIT_INVALID
    return EXIT_GATE if failing else EXIT_OK


def _problem(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "line": problem.line, "field": problem.field, "message": problem.message}


def markdown_summary(
    handbook: Handbook,
    states: list[RegulationState],
    failing: list[tuple[RegulationState, list[str]]],
    fail_on: tuple[str, ...],
    today: date,
) -> str:
    """The check as a job summary: the verdict, then what fails the gate and who owns it."""
    verdict = "failed" if failing or not handbook.valid else "passed"
    lines = [
        f"## Handbook check {verdict} ({today})",
        "",
        f"{_regulations(len(states))} checked; gate: {', '.join(fail_on) or 'none'}; "
        f"{len(handbook.errors)} error(s), {len(handbook.warnings)} warning(s).",
        "",
    ]
    if failing:
        lines += ["| Regulation | Title | Owner | Due | Fails on |", "|---|---|---|---|---|"]
        for state, met in failing:
            regulation, owner = state.record.regulation, handbook.roles.get(state.record.regulation.owner)
            owner_name = (
                f"{_cell(owner.names_in(handbook.languages))} (`{regulation.owner}`)"
                if owner
                else f"`{regulation.owner}`"
            )
            lines.append(
                "| "
                + " | ".join(
                    (
                        f"{regulation.id} (`{state.record.path}`)",
                        _cell(regulation.title),
                        owner_name,
                        state.due.isoformat() if state.due else "-",
                        ", ".join(met),
                    )
                )
                + " |"
            )
        lines.append("")
    for problem in handbook.errors:
        lines.append(f"- error: `{problem.path}:{problem.line}` {_cell(problem.field)}: {_cell(problem.message)}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text that shows as itself in a Markdown table cell: no markup, links or images from it, no row break."""
    return escape_markdown(text).replace("|", "\\|")


def gate_list(text: str) -> tuple[str, ...]:
    if text.strip() == "none":
        return ()  # validation only: no review state fails the check
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in GATE_CONDITIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'nothing'} is not a gate condition "
            f"(expected a comma list of {', '.join(GATE_CONDITIONS)})"
        )
    return names


def _describe(state: RegulationState, met: list[str]) -> str:
    regulation = state.record.regulation
    parts = []
    if "overdue" in met:
        parts.append(f"review overdue since {state.due}")
    if "due-soon" in met:
        parts.append(f"review due on {state.due}")
    if any(m.startswith("translation") for m in met):
        parts.append(f"translation {state.translation.value}")
    if "unversioned-change" in met:
        parts.append(
            f"the text changed under version {regulation.version}: raise `version` and add a `revisions` entry"
        )
    return f"{regulation.title} ({regulation.id}), owner {regulation.owner}: " + "; ".join(parts)


def _escape(text: str) -> str:
    """Workflow commands end at a newline and treat % specially."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property also ends at `,` and `::` (as @actions/core escapes them)."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def _regulations(count: int) -> str:
    return f"{count} regulation{'s' * (count != 1)}"
