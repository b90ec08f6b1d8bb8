"""What pages show, as plain data: notices, cycles in words, escaped Markdown, the nav entry of a new page."""

from __future__ import annotations

import html
from datetime import date

import markdown
import pytest

from handbook_kit.core.interface_text import interface_text
from handbook_kit.core.markup import escape_markdown
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.review import ReviewCycle
from handbook_kit.core.scaffold import NewRegulation, add_to_nav
from handbook_kit.core.state import evaluate
from handbook_kit.core.views import banners, describe_cycle, regulation_view, review_dashboard

from conftest import SPECIMEN

HANDBOOK = load_handbook(SPECIMEN / "handbook")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("12 months", "12 个月", "12 months"),
        ("1 year", "1 年", "1 year"),
        ("P1Y6M", "1 年 6 个月", "1 year 6 months"),
        ("2周", "2 周", "2 weeks"),
        ("1 day", "1 天", "1 day"),
    ],
)
def test_cycles_in_words(text, zh, en):
    cycle = ReviewCycle.parse(text)
    assert describe_cycle(cycle, interface_text("zh")) == zh
    assert describe_cycle(cycle, interface_text("en")) == en


def test_translation_notices_are_for_english_readers_only():
    states = {s.record.regulation.id: s for s in evaluate(HANDBOOK, date(2026, 11, 24))}
    overdue = states["OPS-COM-001"]
    assert banners(overdue, "zh") == ("overdue",) == banners(overdue, "en")
    assert banners(states["OPS-BRD-001"], "en") == ()


def test_dashboard_counts_and_orders_the_specimen():
    states = evaluate(HANDBOOK, date(2026, 11, 24))
    views = [regulation_view(state, HANDBOOK.roles, "en", interface_text("en")) for state in states]
    dashboard = review_dashboard(views, date(2026, 11, 24))
    assert dict(dashboard.counts) == {
        "overdue": 1,
        "due-soon": 1,
        "current": 7,
        "upcoming": 0,
        "draft": 0,
        "retired": 0,
    }
    assert [row.id for row in dashboard.regulations[:2]] == ["OPS-COM-001", "OPS-COM-002"]
    assert dashboard.owners[0].owner.name == "Operations Management"
    assert sum(len(group.regulations) for group in dashboard.owners) == len(states)


@pytest.mark.parametrize(
    "text",
    [
        "<b>R&D</b>",
        "*strong* _em_",
        "[link](http://x)",
        "# not a heading",
        "`code` \\ back",
        "1. list",
        "- item",
        "!important",
    ],
)
def test_escaped_text_renders_as_itself_in_markdown(text):
    rendered = markdown.markdown(f"## {escape_markdown(text)}")
    assert rendered.startswith("<h2>") and rendered.endswith("</h2>") and rendered.count("<") == 2
    assert html.unescape(rendered.removeprefix("<h2>").removesuffix("</h2>")) == text


def test_a_new_page_goes_after_the_last_page_of_its_section():
    new = NewRegulation("OPS-X-001", "标题", "Title", "finance", "general-manager", "company", "x", date(2026, 1, 1))
    nav = (
        "nav:\n  - 公司级制度:\n      - company/index.md\n      - company/a.md   # note\n"
        "  - 其他:\n      - other/b.md\n"
    )
    assert add_to_nav(nav, new) == nav.replace("# note\n", "# note\n      - company/x.md\n")
    assert add_to_nav("nav:\n  - other/b.md\n", new) is None
