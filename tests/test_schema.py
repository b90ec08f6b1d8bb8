"""The committed JSON Schemas are generated from the model and describe the real front matter."""

import json

import jsonschema
import pytest

from handbook_kit.core.frontmatter import read_front_matter
from handbook_kit.core.languages import Languages, read_languages
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.schema import render_schemas

from conftest import REPO, SPECIMEN

SCHEMAS = REPO / "handbook" / "schemas"
LANGUAGES = read_languages(REPO / "mkdocs.yml")
# Every regulation of the real handbook, whatever editors add: (source file, translation or None).
REGULATIONS = [
    (REPO / record.path, REPO / record.translation_path if record.translation_path else None)
    for record in load_handbook(REPO / "handbook", REPO, LANGUAGES).regulations
]


@pytest.mark.parametrize("name", sorted(render_schemas(LANGUAGES)))
def test_committed_schema_is_up_to_date(name):
    assert (SCHEMAS / name).read_text(encoding="utf-8") == render_schemas(LANGUAGES)[name], (
        "run `.venv/bin/handbook schema` and commit handbook/schemas/"
    )


@pytest.mark.parametrize(("zh", "en"), REGULATIONS, ids=lambda path: path.stem if path else "-")
def test_schemas_accept_the_real_front_matter(zh, en):
    regulation = json.loads((SCHEMAS / "regulation.schema.json").read_text(encoding="utf-8"))
    translation = json.loads((SCHEMAS / "translation.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(read_front_matter(zh, zh.name).data, regulation)
    if en is not None:
        jsonschema.validate(read_front_matter(en, en.name).data, translation)


def test_schema_rejects_what_the_model_rejects():
    regulation = json.loads((SCHEMAS / "regulation.schema.json").read_text(encoding="utf-8"))
    data = read_front_matter(SPECIMEN / "handbook/zh/specialised/brand-operations.md", "x").data
    for bad in ({"onwer": "x"}, {"version": 1.0}, {"review_cycle": "yearly"}, {"effective_date": "2024/1/1"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data | bad, regulation)


def test_a_schema_asks_for_the_texts_of_the_handbook_s_languages_only():
    english = json.loads(render_schemas(Languages("en", None))["regulation.schema.json"])
    assert english["$defs"]["Bilingual"]["required"] == ["en"]
    assert english["title"] == "Front matter of a regulation (handbook/en/…)"
    assert "translation.schema.json" not in render_schemas(Languages("en", None))  # nothing to translate
    summary = {"version": "1.0", "date": "2024-01-01", "summary": {"en": "First issue"}}
    data = {"id": "A-1", "title": "T", "owner": "o", "approver": "a", "version": "1.0"}
    data |= {"effective_date": "2024-01-01", "review_cycle": "1 year", "revisions": [summary]}
    jsonschema.validate(data, english)
    bilingual = json.loads(render_schemas(Languages("en", "zh"))["regulation.schema.json"])
    with pytest.raises(jsonschema.ValidationError, match="'zh' is a required property"):
        jsonschema.validate(data, bilingual)
