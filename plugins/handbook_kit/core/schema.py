"""JSON Schemas of the front matter, generated from the models, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path

from .regulation import Regulation, Translation

SCHEMA_FOLDER = "schemas"
SCHEMAS = {
    "regulation.schema.json": (Regulation, "Front matter of a regulation (handbook/zh/…)"),
    "translation.schema.json": (Translation, "Front matter of a translation (handbook/en/…)"),
}


def render_schemas() -> dict[str, str]:
    """File name -> schema text, deterministic (sorted keys, trailing newline)."""
    rendered = {}
    for name, (model, title) in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        schema["title"] = title
        rendered[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return rendered


def write_schemas(docs_dir: Path) -> list[Path]:
    folder = docs_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
