"""The role registry (`handbook/roles.yml`): who can own, approve and take part in a regulation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import Problem, field_label
from .regulation import ROLE_PATTERN, strip_pydantic_prefix


class RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    zh: str = Field(min_length=1, description="the role's Chinese name")
    en: str = Field(min_length=1, description="the role's English name")
    can_approve: bool = False
    team: str | None = Field(
        default=None, pattern=r"^@[\w.-]+(/[\w.-]+)?$", description="a GitHub team or user such as @acme/brand-ops"
    )


@dataclass(frozen=True)
class Role:
    key: str
    zh: str
    en: str
    can_approve: bool = False
    team: str | None = None
    line: int = 1  # where roles.yml defines it

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.zh


def roles_from_yaml(data: Any, lines: dict, shown_as: str) -> tuple[dict[str, Role], list[Problem]]:
    problems: list[Problem] = []
    roles: dict[str, Role] = {}
    if not isinstance(data, dict):
        return roles, [Problem(shown_as, 1, "(roles)", "expected one `role-key: {zh: …, en: …}` entry per line")]
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
            entry = RoleEntry.model_validate(value)
        except ValidationError as error:
            for item in error.errors():
                location = (key, *item["loc"])
                problems.append(
                    Problem(
                        shown_as, lines.get(location, line), field_label(location), strip_pydantic_prefix(item["msg"])
                    )
                )
            continue
        roles[key] = Role(key, entry.zh, entry.en, entry.can_approve, entry.team, line)
    return roles, problems
