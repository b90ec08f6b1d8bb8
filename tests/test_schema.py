"""The committed JSON Schemas are generated from the model and describe the real front matter."""

import json

import jsonschema
import pytest

from handbook_kit.core.frontmatter import read_front_matter
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.schema import render_schemas

from conftest import REPO, SPECIMEN

SCHEMAS = REPO / "handbook" / "schemas"
# Every regulation of the real handbook, whatever editors add: (zh file, en file or None).
REGULATIONS = [
    (REPO / record.path, REPO / record.translation_path if record.translation_path else None)
    for record in load_handbook(REPO / "handbook", REPO).regulations
]


@pytest.mark.parametrize("name", sorted(render_schemas()))
def test_committed_schema_is_up_to_date(name):
    assert (SCHEMAS / name).read_text(encoding="utf-8") == render_schemas()[name], (
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
