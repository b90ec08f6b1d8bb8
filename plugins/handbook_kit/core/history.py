"""Every version of every regulation, as the repository's git history holds it.

The text of version V of a regulation is its source-language file at the last
commit at which that file's `version` was V; its translation is the translated
file at that same commit. The source files' history is read with three calls of
the `git` command whatever the size of the handbook: one `rev-parse`, one `log`
of the docs folder (first parent only: what was merged, not the work in
progress of a branch), one `cat-file --batch` for every file content needed;
the translations at the commits that need them, with one more
(`read_files_at`). Renames are followed.

Without git, outside a repository or in a shallow clone, `History` says what
it lacks and why, and holds what there is: the site still builds.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import TypeVar

from .problems import Problem, Severity

# `git log` record and field separators (ASCII RS), and its -z NUL.
_RECORD = "\x1e"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: date  # the committer's date, in the committer's time zone: fixed once committed

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Snapshot:
    """A file as one commit left it."""

    commit: Commit
    path: str  # repository-relative, as the file was named at that commit
    text: str


@dataclass(frozen=True)
class History:
    """The committed states of the files asked for, newest first, by their current repository-relative path."""

    top: Path | None = None  # the repository's top folder
    snapshots: Mapping[str, tuple[Snapshot, ...]] = field(default_factory=dict)
    lacking: str = ""  # what history is missing and why, for the log ("" when complete)

    def at(self, path: str) -> tuple[Snapshot, ...]:
        return self.snapshots.get(path, ())


class GitError(Exception):
    pass


def read_history(folder: Path, paths: Iterable[Path], *, git: str = "git") -> History:
    """The history of `paths` (files under `folder`, in the repository that holds `folder`).

    Never raises: a missing `git`, a folder outside any repository or a broken
    repository give an empty History that says so.
    """
    try:
        top_text, shallow = _run(git, folder, "rev-parse", "--show-toplevel", "--is-shallow-repository").split("\n")[:2]
    except FileNotFoundError:
        return History(lacking=f"no history: the `{git}` command is not installed")
    except GitError as error:
        return History(lacking=f"no history: {folder} is not in a git repository ({error})")
    top = Path(top_text)
    wanted = {name for path in paths if (name := _in_repository(top, path))}  # outside it: no history
    try:
        changes = _log(git, top, folder)
        snapshots = _follow(changes, wanted)
        texts = _blobs(git, top, {s.text for found in snapshots.values() for s in found})
    except GitError as error:
        return History(top, lacking=f"no history: git could not read it ({error})")
    lacking = ""
    if shallow.strip() == "true":
        oldest = min((commit.date for commit, _ in changes), default=None)
        lacking = (
            f"history since {oldest} only: this is a shallow clone, and versions committed before are shown as "
            "not archived (clone with full history: `git fetch --unshallow`, or `fetch-depth: 0` in a workflow)"
        )
    return History(
        top,
        {
            path: tuple(Snapshot(s.commit, s.path, texts[s.text]) for s in found if s.text in texts)
            for path, found in snapshots.items()
        },
        lacking,
    )


def _has_commits(git: str, folder: Path) -> bool:
    try:
        return bool(_run(git, folder, "rev-list", "--max-count=1", "--all"))
    except GitError:
        return False


def files_at(folder: Path, revision: str, paths: Iterable[Path], *, git: str = "git") -> tuple[dict[Path, str], str]:
    """`paths` (files under `folder`) as `revision` holds them, absent ones left out; and what is lacking
    ("" when the revision was read): three calls of `git`, however many files."""
    try:
        top = Path(_run(git, folder, "rev-parse", "--show-toplevel"))
        sha = _run(git, folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except FileNotFoundError:
        return {}, f"the `{git}` command is not installed"
    except GitError as error:
        if "not a git repository" in str(error).lower():
            return {}, f"{folder} is not in a git repository"
        if not _has_commits(git, folder):
            return {}, "the repository has no commit yet (nothing to compare with)"
        return {}, f"{revision} is not a commit here (a shallow clone? check out with fetch-depth: 0)"
    try:
        return _files(git, top, {f"{sha}:{name}": path for path in paths if (name := _in_repository(top, path))}), ""
    except GitError as error:
        return {}, f"git could not read {revision} ({error})"


def read_files_at(
    history: History, requests: Iterable[tuple[Commit, str]], *, git: str = "git"
) -> dict[tuple[str, str], str]:
    """Files by (commit sha, repository-relative path), as those commits hold them; absent ones left out."""
    if history.top is None:
        return {}
    try:
        return _files(git, history.top, {f"{commit.sha}:{path}": (commit.sha, path) for commit, path in requests})
    except GitError:
        return {}


# -- reading git ---------------------------------------------------------------------


def _run(git: str, folder: Path, *arguments: str) -> str:
    return _run_bytes(git, folder, *arguments).decode("utf-8", "replace").strip()


def _run_bytes(git: str, folder: Path, *arguments: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            [git, "-C", str(folder), "-c", "core.quotePath=false", *arguments],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except NotADirectoryError as error:
        raise GitError(str(error)) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {arguments[0]} failed ({done.returncode})")
    return done.stdout


# One change of one file in one commit: status letter, blob id after, path before (renames), path after.
_Change = tuple[str, str, str, str]


def _log(git: str, top: Path, folder: Path) -> list[tuple[Commit, list[_Change]]]:
    """Every first-parent commit that changed a file under `folder`, newest first, with its changes."""
    scope = folder.resolve().relative_to(top.resolve()).as_posix() if folder.resolve() != top.resolve() else "."
    output = _run_bytes(
        git, top, "log", "--first-parent", "--format=%x1e%H %cI", "--raw", "--no-abbrev", "-M", "-z", "--", scope
    ).decode("utf-8", "replace")
    commits = []
    for record in output.split(_RECORD)[1:]:
        fields = record.split("\0")
        sha, stamp = fields[0].split(" ", 1)
        commit = Commit(sha, datetime.fromisoformat(stamp.strip()).date())
        changes: list[_Change] = []
        index = 1
        while index < len(fields):
            meta = fields[index].strip()
            if not meta.startswith(":"):
                index += 1
                continue
            parts = meta[1:].split()  # old mode, new mode, old blob, new blob, status
            status = parts[4][0]
            if status in "RC":
                changes.append((status, parts[3], fields[index + 1], fields[index + 2]))
                index += 3
            else:
                changes.append((status, parts[3], fields[index + 1], fields[index + 1]))
                index += 2
        commits.append((commit, changes))
    return commits


def _follow(changes: Sequence[tuple[Commit, list[_Change]]], wanted: set[str]) -> dict[str, list[Snapshot]]:
    """For each wanted path, its committed states newest first (text: the blob id, read later), through renames."""
    found: dict[str, list[Snapshot]] = {path: [] for path in wanted}
    names = {path: path for path in wanted}  # current path -> its name at the commit being read
    for commit, commit_changes in changes:
        by_new_path = {new: (status, blob, old) for status, blob, old, new in commit_changes}
        for path, name in list(names.items()):
            if (change := by_new_path.get(name)) is None:
                continue
            status, blob, old = change
            if status == "D":  # walking back, the file was deleted here before being made anew: a new life
                del names[path]
                continue
            found[path].append(Snapshot(commit, name, blob))
            if status == "A":  # no older state under any name
                del names[path]
            elif status == "R":
                names[path] = old
    return found


_Key = TypeVar("_Key")


def _in_repository(top: Path, path: Path) -> str | None:
    """`path` as the repository names it (relative to its top folder), None outside it."""
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None


def _files(git: str, top: Path, specs: Mapping[str, _Key]) -> dict[_Key, str]:
    """Files by whatever `specs` maps each object name (`commit:path`) to; absent ones left out."""
    return {specs[name]: text for name, text in _blobs(git, top, set(specs)).items()}


def _blobs(git: str, top: Path, objects: set[str]) -> dict[str, str]:
    """Object names (blob ids or commit:path) -> their text, in one `git cat-file --batch`; missing ones left out."""
    if not objects:
        return {}
    order = sorted(objects)
    output = _run_bytes(git, top, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in order).encode())
    texts, position = {}, 0
    for name in order:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[name] = output[position : position + size].decode("utf-8", "replace")
            position += size + 1
        elif len(header) == 3:  # a tree or a commit where a file was expected: skip its content
            position += int(header[2]) + 1
    return texts


def counterpart(path: str, source: str, target: str) -> str:
    """handbook/zh/a/b.md -> handbook/en/a/b.md: the same path in the other language's folder."""
    parts = list(PurePosixPath(path).parts)
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == source:
            parts[index] = target
            return PurePosixPath(*parts).as_posix()
    return path


def history_problem(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, "version", message, Severity.WARNING)
