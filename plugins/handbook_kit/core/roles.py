"""The role registry (`handbook/roles.yml`): who can own, approve and take part in a regulation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from .interface_text import LANGUAGES
from .languages import DEFAULT, Languages
from .problems import Problem, field_label
from .regulation import ROLE_PATTERN, missing_languages, strip_pydantic_prefix


class RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    zh: str | None = Field(default=None, min_length=1, description="the role's Chinese name")
    en: str | None = Field(default=None, min_length=1, description="the role's English name")
    can_approve: bool = False
    team: str | None = Field(
        default=None, pattern=r"^@[\w.-]+(/[\w.-]+)?$", description="a GitHub team or user such as @acme/brand-ops"
    )

    @model_validator(mode="after")
    def _named_in_every_language(self, info: ValidationInfo) -> RoleEntry:
        missing, form = missing_languages(self, info)
        if missing:
            raise ValueError(f"no {' or '.join(missing)} name (expected {{{form}}})")
        return self


@dataclass(frozen=True)
class Role:
    key: str
    names: Mapping[str, str] = field(hash=False)  # language -> the role's name in it
    can_approve: bool = False
    team: str | None = None
    line: int = 1  # where roles.yml defines it

    def name(self, language: str) -> str:
        """The name in `language`, else in another language roles.yml gives (never empty)."""
        return self.names.get(language) or next(iter(self.names.values()), self.key)

    def names_in(self, languages: Languages) -> str:
        """Every name, "总经理 / General Manager", for text read in any language (the CLI's)."""
        return " / ".join(dict.fromkeys(self.name(language) for language in languages.all))


def _entry_form(languages: Languages) -> str:
    return "{" + ", ".join(f"{language}: …" for language in languages.all) + "}"


def roles_from_yaml(
    data: Any, lines: dict, shown_as: str, languages: Languages = DEFAULT
) -> tuple[dict[str, Role], list[Problem]]:
    problems: list[Problem] = []
    roles: dict[str, Role] = {}
    if not isinstance(data, dict):
        return roles, [
            Problem(shown_as, 1, "(roles)", f"expected one `role-key: {_entry_form(languages)}` entry per line")
        ]
    for key, value in data.items():
        line = lines.get((key,), 1)
        if not isinstance(key, str) or not re.match(ROLE_PATTERN, key):
            problems.append(
                Problem(
                    shown_as, line, str(key), "role key must be lower-case words joined by - (expected e.g. brand-ops)"
                )
            )
            continue
        try:
            entry = RoleEntry.model_validate(value, context={"languages": languages})
        except ValidationError as error:
            for item in error.errors():
                location = (key, *item["loc"])
                problems.append(
                    Problem(
                        shown_as, lines.get(location, line), field_label(location), strip_pydantic_prefix(item["msg"])
                    )
                )
            continue
        names = {language: name for language in LANGUAGES if (name := getattr(entry, language))}
        roles[key] = Role(key, names, entry.can_approve, entry.team, line)
    return roles, problems
