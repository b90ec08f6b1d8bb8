"""A new regulation: its source file and translation with valid front matter, and its place in the nav.

The files are written as text (not dumped from a dict) so that editors get the
same layout and comments as the rest of the handbook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import yaml

from .languages import Languages
from .registry import Handbook
from .regulation import ID_PATTERN

DEFAULT_CYCLE = "12 months"
FIRST_VERSION = "1.0"


class ScaffoldError(ValueError):
    """The request cannot make a valid regulation; the message says why and what is expected."""


@dataclass(frozen=True)
class NewRegulation:
    id: str
    title: str  # in the source language
    translated_title: str  # the translation's (the source's, to translate, when none is given)
    owner: str
    approver: str
    section: str
    slug: str
    effective_date: date

    @property
    def page(self) -> str:
        """The path inside each language folder, e.g. specialised/ops-hr-001.md."""
        return f"{self.section}/{self.slug}.md"


def plan(
    handbook: Handbook,
    sections: list[str],
    *,
    id: str,
    title: str,
    owner: str,
    today: date,
    translated_title: str | None = None,
    approver: str | None = None,
    section: str | None = None,
    slug: str | None = None,
) -> NewRegulation:
    """Check a request against the registry and fill in the defaults."""
    if not re.fullmatch(ID_PATTERN, id):  # fullmatch: "OPS-1\n" is not an id
        raise ScaffoldError(f"id {id!r} is not a 制度编号 (expected upper-case parts joined by -, e.g. OPS-HR-001)")
    if any(record.regulation.id == id for record in handbook.regulations):
        used = next(record.path for record in handbook.regulations if record.regulation.id == id)
        raise ScaffoldError(f"id {id} is already used by {used} (expected an id used by no other regulation)")
    if not title.strip():
        raise ScaffoldError("title is empty (expected the regulation's title in the source language)")
    roles = handbook.roles
    if owner not in roles:
        raise ScaffoldError(f"owner {owner!r} is not a role (expected one of: {', '.join(roles)})")
    approvers = [key for key, role in roles.items() if role.can_approve]
    approver = approver or (approvers[0] if approvers else "")
    if approver not in approvers:
        raise ScaffoldError(f"approver {approver!r} may not approve (expected one of: {', '.join(approvers)})")
    section = section or "specialised"
    if section not in sections:
        raise ScaffoldError(f"section {section!r} does not exist (expected one of: {', '.join(sections)})")
    slug = slug or id.lower()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ScaffoldError(f"file name {slug!r} is not lower-case words joined by - (expected e.g. hr-management)")
    translated = (translated_title or title).strip()
    return NewRegulation(id, title.strip(), translated, owner, approver, section, slug, today)


# The first article's heading and placeholder, as written in the source and as translated.
_FIRST_ARTICLE = {
    "zh": ("## 第一章 总则\n\n### 第一条\n\n", "（在此撰写第一条。）", "（在此翻译第一条。）"),
    "en": (
        "## Chapter 1 General provisions\n\n### Article 1\n\n",
        "(Write Article 1 here.)",
        "(Translate Article 1 here.)",
    ),
}
_FIRST_ISSUE = {"zh": "首次发布", "en": "First issue"}


def texts_in(languages: Languages, texts: Mapping[str, str]) -> str:
    """A bilingual field's entries as YAML flow mapping, in the handbook's languages and only those, the
    source first: `zh: 首次发布, en: First issue`."""
    return ", ".join(f"{language}: {texts[language]}" for language in languages.all)


def source_file(new: NewRegulation, languages: Languages) -> str:
    """The regulation in its source language: every field of the metadata, and a first article to write."""
    day = new.effective_date.isoformat()
    summary = texts_in(languages, _FIRST_ISSUE)
    heading, write, _ = _FIRST_ARTICLE[languages.source]
    return f"""---
id: {new.id}
title: {_quoted(new.title)}
owner: {new.owner}
approver: {new.approver}
status: draft              # draft until approved; then active
version: "{FIRST_VERSION}"
effective_date: {day}
review_cycle: {DEFAULT_CYCLE}
revisions:
  - {{version: "{FIRST_VERSION}", date: {day}, summary: {{{summary}}}}}
---
{heading}{write}
"""


def translation_file(new: NewRegulation, language: str) -> str:
    """Its translation into `language`: the title and the version it translates, and the first article."""
    heading, _, translate = _FIRST_ARTICLE[language]
    return f"""---
title: {_quoted(new.translated_title)}
source_version: "{FIRST_VERSION}"
---
{heading}{translate}
"""


def add_to_nav(mkdocs_yml: str, new: NewRegulation) -> str | None:
    """mkdocs.yml with the page listed after the last page of its section; None if no such list."""
    lines = mkdocs_yml.splitlines(keepends=True)
    entry = re.compile(rf"^(\s*)- {re.escape(new.section)}/\S+\.md\s*(#.*)?$")
    matches = [(index, match.group(1)) for index, line in enumerate(lines) if (match := entry.match(line))]
    if not matches:
        return None
    index, indent = matches[-1]
    lines.insert(index + 1, f"{indent}- {new.page}\n")
    return "".join(lines)


def _quoted(text: str) -> str:
    """The title as a YAML scalar: plain when YAML reads it back unchanged, else quoted (JSON is YAML)."""
    try:
        if yaml.safe_load(f"title: {text}") == {"title": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
