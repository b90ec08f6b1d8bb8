"""`handbook reviews`: what is due, per owner, most urgent first."""

from __future__ import annotations

import json
import subprocess

from conftest import SPECIMEN, handbook_command


def reviews(*args: str) -> subprocess.CompletedProcess:
    return handbook_command("reviews", *args, cwd=SPECIMEN)


def test_lists_overdue_and_due_soon_per_owner():
    result = reviews()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Reviews overdue or due within 30 days as of 2026-11-24:",
        "",
        "运营管理部门 / Operations Management (operations-management)",
        "id           title                 due         state",
        "OPS-COM-001  公司运营管理制度      2026-10-15  overdue by 40 days",
        "OPS-COM-002  公司运营长效管理制度  2026-12-10  due in 16 days",
    ]


def test_within_widens_the_window_and_groups_each_owner():
    result = reviews("--within", "120", "--format", "json")
    document = json.loads(result.stdout)
    assert document["within"] == 120
    owners = {group["owner"]: [r["id"] for r in group["regulations"]] for group in document["owners"]}
    assert owners == {
        "operations-management": ["OPS-COM-001", "OPS-COM-002", "OPS-TPO-001", "OPS-GEN-001"],
        "software-ops": ["OPS-SWO-001"],
    }
    first = document["owners"][0]
    assert first["name"] == {"zh": "运营管理部门", "en": "Operations Management"}
    assert first["regulations"][0] | {"path": None} == {
        "id": "OPS-COM-001",
        "title": "公司运营管理制度",
        "path": None,
        "due": "2026-10-15",
        "review": "overdue",
        "days": -40,
    }


def test_owner_filters_and_says_when_nothing_is_due():
    assert "OPS-SWO-001" in reviews("--within", "120", "--owner", "software-ops").stdout
    result = reviews("--owner", "brand-ops")
    assert result.returncode == 0
    assert result.stdout.strip() == "No review is overdue or due within 30 days for brand-ops as of 2026-11-24."


def test_an_unknown_owner_is_an_error_with_a_suggestion():
    result = reviews("--owner", "brand")
    assert result.returncode == 2
    assert "--owner 'brand' is not a role (expected a key of roles.yml; did you mean 'brand-ops'?)" in result.stderr


def test_a_bad_window_is_an_argument_error():
    result = reviews("--within", "soon")
    assert result.returncode == 2
    assert "'soon' is not a number of days" in result.stderr
