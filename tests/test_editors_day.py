"""An editor's day: every edit the README tells editors to make keeps the handbook valid and building.

A copy of this repository's handbook, as it is now, gets each edit of the
README's "Changing the handbook", made in its files as an editor makes it:

- a review recorded on every regulation (`last_reviewed`);
- a regulation's owner changed, and CODEOWNERS regenerated (`handbook codeowners`);
- a regulation added with `handbook new`, then made active with text in both languages;
- an article revised in both languages: `version` and `source_version` raised, a `revisions` entry added.

Then `handbook check` passes with its default gate and finds nothing wrong with
the structure, the copy builds strictly, and the content checks of
tests/test_content.py pass on it: the edits an editor is told to make never
fail CI. (The PDFs of the handbook as it is are tests/test_handbook.py's.)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook_kit.core.registry import RegulationRecord, load_handbook
from handbook_kit.core.structure import RULES

from conftest import PINNED_TODAY, REPO, build_site, handbook_command
from pages import read_page
from test_content import TRANSCRIBED, fidelity_problems, unmirrored

NEW_SENTENCE = (
    "本条所称运营数据，包括各部门在日常运营中形成的全部业务记录。",
    "Operations data in this article means every business record that departments keep in their daily work.",
)


def handbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return handbook_command(*args, cwd=cwd)


def edit(path: Path, pattern: str, replacement: str, *, count: int = 1) -> None:
    """Change the file as an editor would in their editor: the pattern must be there."""
    text = path.read_text(encoding="utf-8")
    changed, made = re.subn(pattern, replacement, text, count=count, flags=re.M)
    assert made, f"{path}: no {pattern!r} to change"
    path.write_text(changed, encoding="utf-8")


def record_a_review(zh: Path) -> None:
    if re.search(r"^last_reviewed:", zh.read_text(encoding="utf-8"), re.M):
        edit(zh, r"^last_reviewed: .*$", f"last_reviewed: {PINNED_TODAY}")
    else:
        edit(zh, r"^(effective_date: .*)$", rf"\1\nlast_reviewed: {PINNED_TODAY}")


def add_revision(zh: Path, version: str, summary_zh: str, summary_en: str) -> None:
    entry = f'  - {{version: "{version}", date: {PINNED_TODAY}, summary: {{zh: {summary_zh}, en: {summary_en}}}}}'
    if re.search(r"^revisions:", zh.read_text(encoding="utf-8"), re.M):
        edit(zh, r"^revisions:[ \t]*\n", f"revisions:\n{entry}\n")  # newest first
    else:
        edit(zh, r"^(review_cycle: .*)$", rf"\1\nrevisions:\n{entry}")


def reword_first_line_under(path: Path, heading: str, text: str) -> None:
    """The first line of text under the heading (a paragraph or a list item) rewritten as `text`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if re.match(heading, line))
    index = next(index for index in range(start + 1, len(lines)) if lines[index].strip())
    assert not lines[index].startswith("#"), f"{path}: nothing under {heading}"
    marker = re.match(r"[ \t]*(?:\d+[.)]|[-*+])?[ \t]*", lines[index]).group(0)  # a list item stays one
    lines[index] = marker + text + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def revise_an_article(docs: Path, record: RegulationRecord) -> tuple[str, int]:
    """Reword the first article in both languages; return the new version and the article's number."""
    zh, en = docs / "zh" / record.page, docs / "en" / record.page
    major, minor = record.regulation.version.split(".")
    version = f"{major}.{int(minor) + 1}"
    article = re.search(r"^### 第(\S+)条", zh.read_text(encoding="utf-8"), re.M)
    number = re.search(r"^### Article (\d+)", en.read_text(encoding="utf-8"), re.M)
    assert article and number, record.path
    reword_first_line_under(zh, rf"### 第{article.group(1)}条", NEW_SENTENCE[0])
    reword_first_line_under(en, rf"### Article {number.group(1)}\b", NEW_SENTENCE[1])
    edit(zh, r"^version: .*$", f'version: "{version}"')
    edit(en, r"^source_version: .*$", f'source_version: "{version}"')
    add_revision(zh, version, f"修订第{article.group(1)}条", f"Article {number.group(1)} revised")
    return version, int(number.group(1))


def add_a_regulation(repository: Path, section: str, owner: str, taken: set[str]) -> str:
    new_id = next(f"OPS-NEW-{n:03d}" for n in range(1, 1000) if f"OPS-NEW-{n:03d}" not in taken)
    result = handbook(
        "new",
        new_id,
        "--title",
        "编辑日制度",
        "--title-en",
        "Editor's Day Rules",
        "--owner",
        owner,
        "--section",
        section,
        "--name",
        "editors-day",
        cwd=repository,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    zh, en = (repository / "handbook" / language / section / "editors-day.md" for language in ("zh", "en"))
    edit(zh, r"^status: draft.*$", "status: active")  # approved
    edit(zh, r"^（在此撰写第一条。）$", NEW_SENTENCE[0])
    edit(en, r"^\(Translate Article 1 here\.\)$", NEW_SENTENCE[1])
    return new_id


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, dict]:
    """A copy of the repository with the editor's day done; what was changed, for the tests to look at."""
    repository = tmp_path_factory.mktemp("editors-day") / "repo"
    for folder in ("handbook", ".github"):
        shutil.copytree(REPO / folder, repository / folder)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, repository / name)
    docs = repository / "handbook"
    before = load_handbook(docs, repository)
    assert before.valid and before.regulations

    for record in before.regulations:
        record_a_review(repository / record.path)

    moved = sorted(before.regulations, key=lambda record: record.regulation.id)[0]
    new_owner = next(key for key, role in before.roles.items() if role.team and key != moved.regulation.owner)
    edit(repository / moved.path, r"^owner: .*$", f"owner: {new_owner}")
    assert handbook("codeowners", cwd=repository).returncode == 0

    section = moved.page.split("/")[0]
    new_id = add_a_regulation(repository, section, new_owner, {record.regulation.id for record in before.regulations})

    # A regulation with articles and an up-to-date translation; one transcribed from the source if
    # there is one, so that the revision rewords source text the fidelity check guards.
    candidates = [
        record
        for record in before.regulations
        if record.translation
        and record.translation.source_version == record.regulation.version
        and "### 第" in (repository / record.path).read_text(encoding="utf-8")
    ]
    revised = next((record for record in candidates if record.page in TRANSCRIBED), candidates[0])
    version, article = revise_an_article(docs, revised)
    return repository, {
        "before": before,
        "moved": moved,
        "owner": new_owner,
        "new": new_id,
        "section": section,
        "revised": revised,
        "version": version,
        "article": article,
    }


def test_handbook_check_passes_with_the_default_gate_and_a_clean_structure(edited):
    repository, done = edited
    result = handbook("check", "--format", "json", cwd=repository)
    report = json.loads(result.stdout)
    assert result.returncode == 0, report["errors"] or report["gate"]
    assert report["errors"] == [] and [w for w in report["warnings"] if w["field"] in RULES] == []
    states = {regulation["id"]: regulation for regulation in report["regulations"]}
    assert states[done["new"]]["status"] == "active" and states[done["new"]]["translation"] == "ok"
    assert states[done["revised"].regulation.id]["translation"] == "ok"
    assert {state["review"] for state in states.values()} <= {"current", "upcoming", "retired", "draft"}


def test_codeowners_follows_the_new_owner(edited):
    repository, done = edited
    team = load_handbook(repository / "handbook", repository).roles[done["owner"]].team
    assert f"/handbook/zh/{done['moved'].page} {team}" in (repository / ".github/CODEOWNERS").read_text().splitlines()


def test_the_content_checks_pass_on_the_edited_handbook(edited):
    repository, done = edited
    docs = repository / "handbook"
    handbook_now = load_handbook(docs, repository)
    assert {chapter: missing for chapter, missing in fidelity_problems(docs, handbook_now).items() if missing} == {}
    assert unmirrored(docs, handbook_now) == []
    page = done["revised"].page
    if page in TRANSCRIBED and not fidelity_problems(REPO / "handbook", done["before"])[page]:
        # The reworded source sentence passes because the version was raised with a revision entry.
        assert fidelity_problems(docs, done["before"])[page] != []


def test_the_edited_handbook_builds_strictly(edited):
    repository, done = edited
    site = build_site(repository / "mkdocs.yml", repository / "site")
    revised = read_page(site / done["revised"].page.removesuffix(".md") / "index.html")
    assert NEW_SENTENCE[0] in revised.get_text()
    assert revised.select_one('.hb-card [data-field="version"]').get_text(strip=True) == done["version"]
    english = read_page(site / "en" / done["revised"].page.removesuffix(".md") / "index.html")
    assert NEW_SENTENCE[1] in english.get_text() and not english.select('[data-notice^="translation"]')
    new = read_page(site / "en" / done["section"] / "editors-day" / "index.html")
    assert new.h1.get_text(strip=True).rstrip("¶") == "Editor's Day Rules" and NEW_SENTENCE[1] in new.get_text()
