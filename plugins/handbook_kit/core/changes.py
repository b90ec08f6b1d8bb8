"""Changes are identified: a regulation's text does not change under the version it had.

ISO 9001 asks that changes to documented information be identified. A
regulation's text (below its front matter) is fixed for a given `version`: an
editor who changes it, a typo included, raises the version and adds a
`revisions` entry. Recording a review, changing an owner or any other front
matter is no change of the text.

`unversioned_changes` compares every regulation with the same file at a base
revision: HEAD by default (uncommitted edits), a pull request's base in CI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import FrontMatterError, front_matter_data, split_front_matter
from .history import files_at
from .registry import Handbook


@dataclass(frozen=True)
class UnversionedChange:
    regulation_id: str
    path: str  # the source-language file, as shown to editors
    line: int  # its `version` line
    version: str  # the version both texts claim
    base: str  # the revision compared with, as given


def body(text: str) -> str:
    """The text below the front matter, with line ends and trailing blanks normalised (no change to a reader)."""
    return "\n".join(line.rstrip() for line in split_front_matter(text)[1].split("\n")).strip("\n")


_VERSION = re.compile(r"""^version:[ \t]*(["']?)([0-9][0-9.]*)\1[ \t]*(?:#.*)?$""", re.M)


def version_in(text: str) -> str | None:
    """The `version` of a committed file: read from its line, as a YAML parser would, else by one."""
    front, _ = split_front_matter(text)
    if (found := _VERSION.findall("\n".join(front or []))) and len(found) == 1:
        return found[0][1]
    try:
        version = front_matter_data(text).get("version")
    except FrontMatterError:
        return None
    return str(version) if version is not None else None


def unversioned_changes(handbook: Handbook, docs: Path, base: str = "HEAD") -> tuple[list[UnversionedChange], str]:
    """The regulations whose text differs from `base`'s under the same version; and what is lacking to tell
    ("" when `base` was read)."""
    files = {docs / handbook.languages.source / record.page: record for record in handbook.regulations}
    then, lacking = files_at(docs, base, files)
    changes = []
    for path, record in files.items():
        if (old := then.get(path)) is None:
            continue  # new since the base: nothing to compare with
        regulation = record.regulation
        if version_in(old) != regulation.version:
            continue  # a new version: the text may change
        if body(old) != body(path.read_text(encoding="utf-8-sig")):
            line = record.front.line_of(("version",))
            changes.append(UnversionedChange(regulation.id, record.path, line, regulation.version, base))
    return sorted(changes, key=lambda change: change.regulation_id), lacking
