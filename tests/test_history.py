"""Reading a regulation's committed states from real git repositories made here."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from handbook_kit.core.history import counterpart, read_files_at, read_history

from conftest import git


def regulation(version: str, body: str, reviewed: str = "2024-01-01") -> str:
    return f'---\nid: OPS-TST-001\ntitle: 测试制度\nversion: "{version}"\nlast_reviewed: {reviewed}\n---\n\n{body}\n'


def commit(repo: Path, files: dict[str, str], message: str, day: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Five commits of one regulation: 1.0, a review, 1.1, a rename, 1.2 (with its English each time but the last)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    old, new = "handbook/zh/s/old-name.md", "handbook/zh/s/new-name.md"
    commit(
        repo,
        {old: regulation("1.0", "### 第一条\n\n原文。"), counterpart(old, "zh", "en"): "english 1.0\n"},
        "1.0",
        "2024-01-01",
    )
    commit(repo, {old: regulation("1.0", "### 第一条\n\n原文。", "2024-06-01")}, "review", "2024-06-01")
    commit(
        repo,
        {old: regulation("1.1", "### 第一条\n\n新文。"), counterpart(old, "zh", "en"): "english 1.1\n"},
        "1.1",
        "2025-01-01",
    )
    git(repo, "mv", old, new)
    git(repo, "mv", counterpart(old, "zh", "en"), counterpart(new, "zh", "en"))
    git(repo, "commit", "-q", "-m", "rename", day="2025-02-01")
    commit(repo, {new: regulation("1.2", "### 第一条\n\n再新。")}, "1.2", "2025-03-01")
    return repo


def test_every_committed_state_newest_first_through_a_rename(repo: Path):
    current = repo / "handbook/zh/s/new-name.md"
    history = read_history(repo / "handbook", [current])
    assert history.lacking == ""
    states = history.at("handbook/zh/s/new-name.md")
    assert [s.commit.date for s in states] == [
        date(2025, 3, 1),
        date(2025, 2, 1),
        date(2025, 1, 1),
        date(2024, 6, 1),
        date(2024, 1, 1),
    ]
    assert [s.path.rsplit("/", 1)[1] for s in states] == ["new-name.md"] * 2 + ["old-name.md"] * 3
    assert 'version: "1.2"' in states[0].text and "再新。" in states[0].text
    assert 'version: "1.0"' in states[-1].text and "原文。" in states[-1].text
    assert states[0].text == current.read_text(encoding="utf-8")


def test_the_english_file_as_a_commit_left_it(repo: Path):
    history = read_history(repo / "handbook", [repo / "handbook/zh/s/new-name.md"])
    states = history.at("handbook/zh/s/new-name.md")
    wanted = [(state.commit, counterpart(state.path, "zh", "en")) for state in states]
    files = read_files_at(history, [*wanted, (states[0].commit, "handbook/en/s/missing.md")])
    assert [files.get((c.sha, p)) for c, p in wanted] == [
        "english 1.1\n",  # 1.2 has no new translation: the English file is still 1.1's
        "english 1.1\n",
        "english 1.1\n",
        "english 1.0\n",
        "english 1.0\n",
    ]
    assert (states[0].commit.sha, "handbook/en/s/missing.md") not in files


def test_uncommitted_edits_are_not_history(repo: Path):
    current = repo / "handbook/zh/s/new-name.md"
    current.write_text(regulation("1.3", "### 第一条\n\n未提交。"), encoding="utf-8")
    states = read_history(repo / "handbook", [current]).at("handbook/zh/s/new-name.md")
    assert len(states) == 5 and all("未提交" not in s.text for s in states)


def test_a_new_file_has_no_history(repo: Path):
    new = repo / "handbook/zh/s/brand-new.md"
    new.write_text(regulation("1.0", "新。"), encoding="utf-8")
    history = read_history(repo / "handbook", [new])
    assert history.lacking == "" and history.at("handbook/zh/s/brand-new.md") == ()


def test_a_shallow_clone_says_what_it_lacks(repo: Path, tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    history = read_history(clone / "handbook", [clone / "handbook/zh/s/new-name.md"])
    assert "shallow clone" in history.lacking and "2025-03-01" in history.lacking
    assert "fetch-depth: 0" in history.lacking
    assert [s.commit.date for s in history.at("handbook/zh/s/new-name.md")] == [date(2025, 3, 1)]


def test_outside_a_repository_the_history_is_empty_and_says_why(tmp_path: Path):
    folder = tmp_path / "handbook"
    folder.mkdir()
    history = read_history(folder, [folder / "zh.md"])
    assert history.snapshots == {} and "not in a git repository" in history.lacking


def test_without_git_the_history_is_empty_and_says_why(repo: Path):
    history = read_history(repo / "handbook", [repo / "handbook/zh/s/new-name.md"], git="git-that-is-not-installed")
    assert history.snapshots == {} and "not installed" in history.lacking


def test_history_is_read_in_three_git_calls_whatever_the_number_of_files(repo: Path, monkeypatch):
    for number in range(20):
        commit(repo, {f"handbook/zh/many/r{number}.md": regulation("1.0", f"第{number}。")}, f"r{number}", "2025-04-01")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a[0][3:5]) or real_run(*a, **k))
    paths = sorted((repo / "handbook/zh").rglob("*.md"))
    history = read_history(repo / "handbook", paths)
    assert len(calls) == 3 and all(len(history.at(p.relative_to(repo).as_posix())) >= 1 for p in paths)
