"""JSON Schemas of the front matter, generated from the models, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path

from .languages import DEFAULT, Languages
from .regulation import Regulation, Translation

SCHEMA_FOLDER = "schemas"
SCHEMAS = {
    "regulation.schema.json": (Regulation, "Front matter of a regulation (handbook/{source}/…)"),
    "translation.schema.json": (Translation, "Front matter of a translation (handbook/{translation}/…)"),
}


def render_schemas(languages: Languages = DEFAULT) -> dict[str, str]:
    """File name -> schema text, deterministic (sorted keys, trailing newline), for the handbook's languages."""
    rendered = {}
    for name, (model, title) in SCHEMAS.items():
        if model is Translation and not languages.translation:
            continue
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        schema["title"] = title.format(source=languages.source, translation=languages.translation)
        if bilingual := schema.get("$defs", {}).get("Bilingual"):
            _require_languages(bilingual, languages)
        rendered[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return rendered


def _require_languages(bilingual: dict, languages: Languages) -> None:
    """The model takes a text in any language the interface knows; the handbook needs its own ones."""
    properties = bilingual["properties"]
    for spec in properties.values():
        texts = [option for option in spec.pop("anyOf", []) if option.get("type") != "null"]
        spec.pop("default", None)
        spec.update(texts[0] if texts else {})
    bilingual["required"] = list(languages.all)


def write_schemas(docs_dir: Path, languages: Languages = DEFAULT) -> list[Path]:
    folder = docs_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(languages).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
