"""The Regulation model reads every spelling editors use and rejects malformed metadata at its field."""

from datetime import date

import pytest
from pydantic import ValidationError

from handbook_kit.core.regulation import RaciRow, Regulation
from handbook_kit.core.review import ReviewCycle

MINIMAL = {
    "id": "OPS-X-001",
    "title": "制度",
    "owner": "brand-ops",
    "approver": "general-manager",
    "version": "1.0",
    "effective_date": "2024年1月31日",
    "review_cycle": "1个月",
}


def test_tolerant_parsing_of_dates_and_cycles():
    regulation = Regulation.model_validate(MINIMAL)
    assert regulation.effective_date == date(2024, 1, 31)
    assert regulation.review_cycle == ReviewCycle(months=1)
    assert regulation.status == "active" and regulation.last_reviewed is None


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ({"owenr": "brand-ops"}, ("owenr",), "Extra inputs are not permitted"),
        ({"version": 1.0}, ("version",), 'quote it, e.g. "1.0"'),
        ({"version": "1"}, ("version",), "should match pattern"),
        ({"id": "ops-1"}, ("id",), "should match pattern"),
        ({"status": "in force"}, ("status",), "'draft', 'active' or 'retired'"),
        ({"effective_date": "2024/01/01"}, ("effective_date",), "expected YYYY-MM-DD or YYYY年M月D日"),
        ({"review_cycle": "yearly"}, ("review_cycle",), "is not a review cycle"),
    ],
)
def test_malformed_metadata_is_rejected_at_its_field(change, location, message):
    with pytest.raises(ValidationError) as caught:
        Regulation.model_validate(MINIMAL | change)
    errors = caught.value.errors()
    assert [error["loc"] for error in errors] == [location]
    assert message in errors[0]["msg"]


def test_raci_needs_one_a_at_least_one_r_and_one_letter_per_role():
    activity = {"zh": "活动", "en": "Activity"}
    with pytest.raises(ValidationError, match="at least 1 item"):
        RaciRow.model_validate({"activity": activity, "R": [], "A": "general-manager"})
    with pytest.raises(ValidationError, match="A\n  Field required"):
        RaciRow.model_validate({"activity": activity, "R": ["brand-ops"]})
    with pytest.raises(ValidationError, match="Input should be a valid string"):
        RaciRow.model_validate({"activity": activity, "R": ["brand-ops"], "A": ["a", "b"]})
    with pytest.raises(ValidationError, match="'brand-ops' is both R and C"):
        RaciRow.model_validate({"activity": activity, "R": ["brand-ops"], "A": "general-manager", "C": ["brand-ops"]})
