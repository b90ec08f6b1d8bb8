"""The committed JSON Schemas are generated from the model and describe the real front matter."""

import json

import jsonschema
import pytest

from conftest import EN, REGULATIONS, REPO, ZH
from handbook_kit.core.frontmatter import read_front_matter
from handbook_kit.core.schema import render_schemas

SCHEMAS = REPO / "handbook" / "schemas"


@pytest.mark.parametrize("name", sorted(render_schemas()))
def test_committed_schema_is_up_to_date(name):
    assert (SCHEMAS / name).read_text(encoding="utf-8") == render_schemas()[name], \
        "run `.venv/bin/handbook schema` and commit handbook/schemas/"


@pytest.mark.parametrize("path", REGULATIONS, ids=lambda p: p.stem)
def test_schemas_accept_the_real_front_matter(path):
    regulation = json.loads((SCHEMAS / "regulation.schema.json").read_text(encoding="utf-8"))
    translation = json.loads((SCHEMAS / "translation.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(read_front_matter(path, path.name).data, regulation)
    en = EN / path.relative_to(ZH)
    jsonschema.validate(read_front_matter(en, en.name).data, translation)


def test_schema_rejects_what_the_model_rejects():
    regulation = json.loads((SCHEMAS / "regulation.schema.json").read_text(encoding="utf-8"))
    data = read_front_matter(REGULATIONS[0], "x").data
    for bad in ({"onwer": "x"}, {"version": 1.0}, {"review_cycle": "yearly"}, {"effective_date": "2024/1/1"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data | bad, regulation)
