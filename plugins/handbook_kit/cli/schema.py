"""`handbook schema`: write the front matter's JSON Schemas for editors' YAML tooling."""

from __future__ import annotations

import argparse
from pathlib import Path

from handbook_kit.core.schema import write_schemas

from .common import EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schema",
        help="write the front matter's JSON Schemas (for editors' YAML tooling)",
        description="Write DOCS/schemas/regulation.schema.json and translation.schema.json from the model.",
    )
    parser.add_argument("--docs", type=Path, default=Path("handbook"), help="the docs folder (default: handbook)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for path in write_schemas(args.docs):
        print(f"wrote {path}")
    return EXIT_OK
