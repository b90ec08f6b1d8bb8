"""Every version of a regulation from real git history, what history says against itself, and the 修订对照表."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handbook_kit.core.compare import articles, compare, inline
from handbook_kit.core.registry import load_handbook
from handbook_kit.core.versions import handbook_history

from conftest import copy_fixture, edit_file, git, git_repository

BRAND = "handbook/zh/specialised/brand-operations.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return git_repository(copy_fixture("specimen", tmp_path / "handbook"), day="2024-01-01")


def edit_and_commit(repo: Path, day: str, *replacements: tuple[str, str]) -> None:
    edit_file(repo, BRAND, *replacements)
    git(repo, "commit", "-q", "-am", f"Edit of {day}", day=day)


def history_of(repo: Path):
    docs = repo / "handbook"
    history = handbook_history(load_handbook(docs, repo), docs)
    return history.regulations["OPS-BRD-001"], [str(p) for p in history.problems]


def test_versions_newest_first_with_texts_dates_and_not_archived_ones(repo: Path):
    edit_and_commit(
        repo,
        "2025-05-01",
        ('version: "1.0"', 'version: "1.1"'),
        ("特制定本制度。", "特制定本制度，并定期评估。"),
        ("revisions:\n", 'revisions:\n  - {version: "1.1", date: 2025-05-01, summary: {zh: 修订, en: Revised}}\n'),
        (
            '  - {version: "1.0"',
            '  - {version: "0.9", date: 2023-01-01, summary: {zh: 试行, en: Trial}}\n  - {version: "1.0"',
        ),
    )
    versions, problems = history_of(repo)
    assert problems == []
    assert [(v.version, v.current, v.archived, v.date) for v in versions.versions] == [
        ("1.1", True, False, date(2025, 5, 1)),
        ("1.0", False, True, date(2024, 1, 1)),
        ("0.9", False, False, date(2023, 1, 1)),  # listed in revisions, older than the repository
    ]
    archived = versions.get("1.0")
    assert "特制定本制度。" in archived.text and archived.regulation.version == "1.0"
    assert archived.translation is not None and archived.translation_title  # the English of 1.0
    assert versions.previous(versions.current) is archived and versions.previous(archived) is None


def test_two_texts_committed_under_one_version_warn_naming_the_commits_and_the_later_is_shown(repo: Path):
    first = git(repo, "rev-parse", "--short=7", "HEAD")
    edit_and_commit(repo, "2024-03-01", ("特制定本制度。", "特制订本制度。"))
    second = git(repo, "rev-parse", "--short=7", "HEAD")
    edit_and_commit(repo, "2024-06-01", ('version: "1.0"', 'version: "1.1"'))
    versions, problems = history_of(repo)
    assert len(problems) == 1
    assert f"version 1.0 was committed with two different texts ({first}, then {second})" in problems[0]
    assert problems[0].startswith(f"{BRAND}:7: version:")
    assert "特制订本制度。" in versions.get("1.0").text


def test_a_version_that_goes_backwards_warns_and_every_version_is_kept(repo: Path):
    edit_and_commit(repo, "2024-03-01", ('version: "1.0"', 'version: "1.2"'), ("特制定本制度。", "文本甲。"))
    edit_and_commit(repo, "2024-06-01", ('version: "1.2"', 'version: "1.1"'), ("文本甲。", "文本乙。"))
    versions, problems = history_of(repo)
    assert any("the version went backwards in history: 1.2 at commit" in p for p in problems)
    assert [v.version for v in versions.versions] == ["1.2", "1.1", "1.0"]
    assert versions.current.version == "1.1"


def test_a_revision_date_that_history_contradicts_warns(repo: Path):
    edit_and_commit(
        repo,
        "2024-06-01",
        ('version: "1.0"', 'version: "1.1"'),
        ("特制定本制度。", "新。"),
        ('{version: "1.0", date: 2024-01-01', '{version: "1.0", date: 2024-09-01'),
    )
    _, problems = history_of(repo)
    assert any("the revision of 1.0 is dated 2024-09-01, after history replaced it (2024-06-01)" in p for p in problems)


def test_a_state_whose_front_matter_cannot_be_read_is_reported_not_silently_dropped(repo: Path):
    edit_and_commit(repo, "2024-03-01", ('version: "1.0"', 'version: ["1.0"'))
    edit_and_commit(repo, "2024-04-01", ('version: ["1.0"', 'version: "1.0"'))
    versions, problems = history_of(repo)
    assert any("has no readable version: that state is not shown" in p for p in problems)
    assert [v.version for v in versions.versions] == ["1.0"]


# -- the 修订对照表 -------------------------------------------------------------------


def test_articles_are_cut_at_articles_and_chapters_end_them():
    text = (
        "前言。\n\n## 第一章 总则\n\n### 第一条\n\n甲。\n\n### 第二条\n\n乙。\n\n## 第二章 附则\n\n### 第三条\n\n丙。\n"
    )
    assert [(a.heading, a.anchor, a.text) for a in articles(text)] == [
        ("", "", "前言。"),
        ("第一条", "art-1", "甲。"),
        ("第二条", "art-2", "乙。"),
        ("第三条", "art-3", "丙。"),
    ]


def test_a_document_without_articles_is_cut_at_its_headings():
    text = "## Overview\n\nOne.\n\n## Scope\n\nTwo.\n"
    assert [(a.heading, a.text) for a in articles(text)] == [("Overview", "One."), ("Scope", "Two.")]


def test_an_inserted_article_is_added_and_the_others_stay_unchanged_however_renumbered():
    old = "### 第一条\n\n甲。\n\n### 第二条\n\n乙。\n\n### 第三条\n\n丙。\n"
    new = "### 第一条\n\n甲。\n\n### 第二条\n\n新增。\n\n### 第三条\n\n乙。\n\n### 第四条\n\n丙。\n"
    compared = compare(old, new)
    kinds = [(c.kind, c.new.heading if c.new else "") for c in compared.articles]
    assert ("added", "第二条") in kinds
    assert compared.unchanged == 1  # 第一条; 乙 and 丙 are renumbered: shown with their new numbers
    assert {k for k, _ in kinds} == {"added", "changed"}


def test_chinese_is_compared_by_character_and_english_by_word():
    old, new = inline("应当于每月五日前提交。", "应当于每月十日前提交。")
    assert [(s.kind, s.text) for s in old if s.kind != "equal"] == [("delete", "五")]
    assert [(s.kind, s.text) for s in new if s.kind != "equal"] == [("insert", "十")]
    old, new = inline("Submit the report monthly.", "Submit the summary monthly.")
    assert [(s.kind, s.text) for s in old if s.kind != "equal"] == [("delete", "report")]
    assert [(s.kind, s.text) for s in new if s.kind != "equal"] == [("insert", "summary")]


def test_a_removed_article_is_shown_whole():
    compared = compare("### 第一条\n\n甲。\n\n### 第二条\n\n乙。\n", "### 第一条\n\n甲。\n")
    (removed,) = compared.articles
    assert removed.kind == "removed" and removed.old_segments[0].text == "第二条\n乙。"


def test_an_archived_version_without_its_translation_says_so(repo: Path):
    edit_and_commit(repo, "2024-06-01", ('version: "1.0"', 'version: "1.1"'), ("特制定本制度。", "新一。"))
    edit_and_commit(repo, "2024-09-01", ('version: "1.1"', 'version: "1.2"'), ("新一。", "新二。"))
    versions, _ = history_of(repo)
    assert versions.get("1.0").translation is not None  # the English file translated 1.0
    assert versions.get("1.1").translation is None  # it still said source_version 1.0 when 1.1 was committed
