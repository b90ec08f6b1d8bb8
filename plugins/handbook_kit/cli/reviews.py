"""`handbook reviews`: what is due for review, per owner."""

from __future__ import annotations

import argparse
import difflib
import json
from datetime import date

from handbook_kit.core.review import DUE_SOON_DAYS
from handbook_kit.core.roles import Role
from handbook_kit.core.state import RegulationState, evaluate

from .common import EXIT_OK, CommandError, add_docs_and_today, read_handbook, require_valid, today_from
from .tables import table


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reviews",
        help="list the reviews that are overdue or due soon, per owner",
        description="List the regulations whose review is overdue or due within DAYS, grouped by owner, "
        "most urgent first.",
    )
    add_docs_and_today(parser)
    parser.add_argument("--owner", metavar="ROLE", help="only this owner's regulations (a key of roles.yml)")
    parser.add_argument(
        "--within",
        metavar="DAYS",
        type=_days,
        default=DUE_SOON_DAYS,
        help=f"include reviews due within DAYS from today (default: {DUE_SOON_DAYS})",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = read_handbook(args.docs)
    require_valid(handbook)
    if args.owner and args.owner not in handbook.roles:
        guess = difflib.get_close_matches(args.owner, handbook.roles, n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        raise CommandError(f"--owner {args.owner!r} is not a role (expected a key of roles.yml{hint})")
    due = [
        s
        for s in evaluate(handbook, today)  # sorted by due date
        if s.due is not None
        and (s.due - today).days <= args.within
        and (args.owner is None or s.record.regulation.owner == args.owner)
    ]
    groups: dict[str, list[RegulationState]] = {}
    for state in due:
        groups.setdefault(state.record.regulation.owner, []).append(state)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "today": today.isoformat(),
                    "within": args.within,
                    "owners": [
                        {
                            "owner": key,
                            "name": _names(handbook.roles.get(key)),
                            "regulations": [_entry(s, today) for s in states],
                        }
                        for key, states in groups.items()
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not due:
        who = f" for {args.owner}" if args.owner else ""
        print(f"No review is overdue or due within {args.within} days{who} as of {today}.")
        return EXIT_OK
    print(f"Reviews overdue or due within {args.within} days as of {today}:")
    for key, states in groups.items():
        role = handbook.roles.get(key)
        print(f"\n{role.names_in(handbook.languages)} ({key})" if role else f"\n{key}")
        print(
            table(
                [("id", "title", "due", "state")]
                + [
                    (s.record.regulation.id, s.record.regulation.title, s.due.isoformat(), _when(s, today))
                    for s in states
                ]
            )
        )
    return EXIT_OK


def _entry(state: RegulationState, today: date) -> dict[str, object]:
    regulation = state.record.regulation
    return {
        "id": regulation.id,
        "title": regulation.title,
        "path": state.record.path,
        "due": state.due.isoformat(),
        "review": state.review.value,
        "days": (state.due - today).days,
    }


def _when(state: RegulationState, today: date) -> str:
    days = (state.due - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' * (days != -1)}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' * (days != 1)}"


def _names(role: Role | None) -> dict[str, str] | None:
    return dict(role.names) if role else None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (expected a whole number such as 30)")
    return int(text)
