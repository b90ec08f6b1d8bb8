"""Structure lint: numbers that skip or repeat, empty headings, declared exceptions."""

import re
from textwrap import dedent

from handbook_kit.core.registry import load_handbook
from handbook_kit.core.structure import RULES, lint, outline

from conftest import REPO, SPECIMEN


def findings(text: str, chinese: str | None = None) -> list[tuple[int, str, str]]:
    original = outline(dedent(chinese)) if chinese is not None else None
    return [(p.line, p.field, p.message) for p in lint(outline(dedent(text)), "x.md", original)]


def rules(text: str, chinese: str | None = None) -> list[tuple[int, str]]:
    return [(line, rule) for line, rule, _ in findings(text, chinese)]


REGULATION = """\
    ---
    id: OPS-TST-001
    ---
    ## 第一章 总则

    ### 第一条

    为规范运营，制定本制度。

    ### 第二条

    运营流程包括：

    1. 制定；
    2. 落实。

    ## 第二章 附则

    ### 第三条

    本制度自发布之日起施行。
"""


def test_a_well_numbered_regulation_has_no_findings():
    assert findings(REGULATION) == []


def test_an_article_that_skips_a_number_names_the_missing_one():
    text = REGULATION.replace("第三条", "第四条")
    assert findings(text) == [(19, "article-number", "第四条 follows 第二条 (expected 第三条)")]


def test_a_repeated_article_points_at_the_first_one():
    text = REGULATION.replace("第二条", "第一条")
    assert findings(text)[0] == (10, "article-number", "第一条 appears again (first on line 6; expected 第二条)")


def test_chapters_and_articles_are_counted_separately_and_articles_run_through_chapters():
    text = REGULATION.replace("第二章", "第三章")
    assert findings(text) == [(17, "chapter-number", "第三章 follows 第一章 (expected 第二章)")]


def test_the_first_article_must_be_the_first():
    text = REGULATION.replace("第一条", "第零条")
    assert findings(text)[0] == (6, "article-number", "第零条 is the first (expected 第一条)")


def test_english_chapters_articles_and_sections_are_checked_alike():
    text = """\
        ## Chapter 1 General

        ### Article 1

        Text.

        ### Article 3

        Text.

        ## 1. Scope

        Text.

        ## 3. Duties

        Text.
    """
    assert findings(text) == [
        (7, "article-number", "Article 3 follows Article 1 (expected Article 2)"),
        (15, "section-number", "3. follows 1. (expected 2.)"),
    ]


def test_sections_count_under_their_parent_heading():
    text = """\
        ## 一、总则

        ### 1. 目标

        文字。

        ## 二、管理

        ### 1. 计划

        文字。

        ### 3. 执行

        文字。
    """
    assert findings(text) == [(13, "section-number", "3. follows 1. (expected 2.)")]


def test_a_list_item_that_skips_a_number_is_found_even_after_a_note():
    text = """\
        ### 第一条

        1. 一项；
        2. 二项；

        !!! note "编者注"
            原文缺第 3 项。

        4. 四项。
    """
    assert findings(text) == [(9, "list-number", "item 4 follows item 2 (line 4) (expected 3)")]


def test_lists_may_start_again_at_one_and_nest_and_restart_under_each_heading():
    text = """\
        ### 第一条

        1. 一；
            1. 子项一；
            2. 子项二；
        2. 二。

        说明文字。

        1. 另一列表。
        2. 其二。

        ### 第二条

        1. 新的条从 1 开始。
    """
    assert findings(text) == []


def test_a_list_continued_after_a_paragraph_keeps_counting():
    text = """\
        1. 一；
        2. 二；

        说明。

        3. 三。
    """
    assert findings(text) == []


def test_a_list_that_does_not_start_at_one():
    assert findings("3. 三。\n") == [(1, "list-number", "item 3 starts the list (expected 1)")]


def test_code_blocks_are_not_headings_or_items():
    text = """\
        ### 第一条

        ```markdown
        ### 第九条
        5. 示例
        ```
    """
    assert findings(text) == []


def test_a_heading_with_nothing_under_it():
    text = """\
        ## 第一章 总则

        ### 第一条

        ### 第二条

        文字。
    """
    assert findings(text) == [
        (3, "empty-heading", "'第一条' has no text under it (expected its text, or remove the heading)")
    ]


def test_a_chapter_holding_only_articles_is_not_empty():
    assert not [f for f in findings(REGULATION) if f[1] == "empty-heading"]


def test_an_allow_comment_keeps_a_gap_faithful_to_the_source():
    text = """\
        1. 一；
        2. 二；

        <!-- handbook-check allow list-number: 原文缺第 3 项 -->
        4. 四。
    """
    assert findings(text) == []


def test_an_allow_comment_without_a_reason_is_reported():
    text = "1. 一\n\n<!-- handbook-check allow list-number -->\n3. 三\n"
    assert findings(text) == [
        (
            3,
            "unused-allow",
            "the exception for list-number gives no reason "
            "(expected <!-- handbook-check allow list-number: why the gap is kept -->)",
        )
    ]


def test_an_allow_comment_that_covers_nothing_is_reported():
    text = "<!-- handbook-check allow list-number: stale -->\n1. 一\n2. 二\n"
    assert rules(text) == [(1, "unused-allow")]


def test_an_allow_comment_covers_only_its_own_rule():
    text = "<!-- handbook-check allow empty-heading: no -->\n3. 三\n"
    assert rules(text) == [(1, "unused-allow"), (2, "list-number")]


def test_an_allow_comment_with_an_unknown_rule_lists_the_rules():
    ((line, rule, message),) = findings("<!-- handbook-check allow list-numbers: x -->\n文字\n")
    assert (line, rule) == (1, "unused-allow")
    assert message == f"unknown rule 'list-numbers' (expected one of: {', '.join(RULES)})"


def test_control_characters_in_the_text_are_named_with_their_line():
    text = REGULATION.replace("为规范运营", "为规范\f运营\x1b").replace("1. 制定", "1. 制\x0b定")
    assert [(line, rule, message) for line, rule, message in findings(text) if rule == "control-character"] == [
        (
            8,
            "control-character",
            "control character U+000C, U+001B, shown as \u240c\u241b, invisible on the page "
            "(expected printable text: remove it)",
        ),
        (
            14,
            "control-character",
            "control character U+000B, shown as \u240b, invisible on the page (expected printable text: remove it)",
        ),
    ]
    # A form feed or vertical tab does not end a line for the editor, so no later line number moves.
    assert rules(text.replace("\f", "").replace("\x1b", "").replace("\x0b", "")) == []


def test_english_text_with_an_article_less_or_more_than_the_chinese():
    chinese = REGULATION
    english = """\
        ## Chapter 1 General provisions

        ### Article 1

        Text.

        ### Article 2

        Text.

        ## Chapter 2 Supplementary provisions

        Text.
    """
    assert findings(english, chinese) == [
        (
            7,
            "article-parity",
            "Article 3 of the Chinese text is missing here (expected a translation of every chapter and article)",
        ),
    ]
    extra = english.replace('        Text.\n    """', "") + "\n### Article 3\n\nText.\n\n### Article 4\n\nText.\n"
    assert "article-parity" in {rule for _, rule in rules(extra, chinese)}
    assert any("Article 4 is not in the Chinese text" in message for _, _, message in findings(extra, chinese))


def test_the_real_handbook_is_clean_apart_from_its_declared_exceptions():
    handbook = load_handbook(REPO / "handbook", REPO)
    assert [str(p) for p in handbook.warnings if p.field in RULES] == []


def test_a_declared_exception_keeps_a_faithful_gap_clean():
    handbook = load_handbook(SPECIMEN / "handbook", SPECIMEN)
    assert [str(p) for p in handbook.warnings if p.field in RULES] == []
    exceptions = [
        path
        for path in (SPECIMEN / "handbook").rglob("*.md")
        if re.search(r"^<!-- handbook-check allow", path.read_text(encoding="utf-8"), re.M)
    ]
    # The one gap the content keeps on purpose: item 3 of 第十六条, missing from the source, in both languages.
    assert sorted(path.relative_to(SPECIMEN).as_posix() for path in exceptions) == [
        "handbook/en/general/operations-rules.md",
        "handbook/zh/general/operations-rules.md",
    ]
    # Without the comment, the gap is reported.
    source = (SPECIMEN / "handbook/zh/general/operations-rules.md").read_text(encoding="utf-8")
    without = re.sub(r"^<!-- handbook-check allow.*\n", "", source, flags=re.M)
    assert [rule for _, rule in rules(without)] == ["list-number"]
