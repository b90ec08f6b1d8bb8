"""The typed records of the handbook: a regulation (`Regulation`) and its translation.

Parsing is tolerant (both date spellings, every cycle spelling) and validation
strict (unknown keys, wrong types and malformed values are errors). References
to other records (roles, ids) are checked by `handbook_kit.core.registry`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from .languages import DEFAULT, Languages
from .review import CYCLE_EXPECTED, DATE_EXPECTED, ReviewCycle, parse_date

ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
VERSION_PATTERN = r"^\d+\.\d+$"
ROLE_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


def _version(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f'{value} is a number; quote it, e.g. "{value}" (expected "MAJOR.MINOR" as a string)')
    return value


def _day(value: Any) -> date:
    return parse_date(value)


def _cycle(value: Any) -> ReviewCycle:
    return value if isinstance(value, ReviewCycle) else ReviewCycle.parse(value)


RegulationId = Annotated[str, Field(pattern=ID_PATTERN, description="制度编号 such as OPS-BRD-001")]
Version = Annotated[
    str, BeforeValidator(_version), Field(pattern=VERSION_PATTERN, description='"MAJOR.MINOR" such as "1.0"')
]
RoleKey = Annotated[str, Field(pattern=ROLE_PATTERN, description="a role key from handbook/roles.yml")]
Day = Annotated[
    date,
    BeforeValidator(_day),
    Field(description=DATE_EXPECTED),
    PlainSerializer(lambda day: day.isoformat(), return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)$", "description": DATE_EXPECTED}
    ),
]
Cycle = Annotated[
    ReviewCycle,
    BeforeValidator(_cycle),
    Field(description=CYCLE_EXPECTED),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": CYCLE_EXPECTED,
            "pattern": r"^(\s*\d+\s*(days?|weeks?|months?|years?|天|日|周|星期|个月|月|年)\s*"
            r"|[Pp](\d+[Yy])?(\d+[Mm])?(\d+[Ww])?(\d+[Dd])?)$",
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def languages_of(info: ValidationInfo) -> Languages:
    """The handbook's languages, given to validation as context: `model_validate(data, context=...)`."""
    return (info.context or {}).get("languages", DEFAULT)


def missing_languages(model: BaseModel, info: ValidationInfo) -> tuple[list[str], str]:
    """The handbook's languages that `model` (a field per language) has no text in, and the form
    expected of it: `zh: …, en: …`."""
    languages = languages_of(info)
    missing = [language for language in languages.all if getattr(model, language) is None]
    return missing, ", ".join(f"{language}: …" for language in languages.all)


class Bilingual(_Strict):
    """A short text in each of the handbook's languages (a text in another language is kept, unused)."""

    zh: Text | None = Field(default=None, description="the Chinese text, not empty")
    en: Text | None = Field(default=None, description="the English text, not empty")

    @model_validator(mode="after")
    def _in_every_language(self, info: ValidationInfo) -> Bilingual:
        missing, form = missing_languages(self, info)
        if missing:
            raise ValueError(f"no {' or '.join(missing)} text (expected one text per language of the handbook: {form})")
        return self

    def text(self, language: str) -> str:
        """The text in `language`; in another of the handbook's languages when it has none."""
        return getattr(self, language, None) or self.zh or self.en or ""


class Revision(_Strict):
    version: Version
    date: Day
    summary: Bilingual = Field(description="what changed, in each language: {zh: 首次发布, en: First issue}")


class RaciRow(_Strict):
    """Who is Responsible, Accountable, Consulted and Informed for one activity."""

    activity: Bilingual
    R: list[RoleKey] = Field(min_length=1, description="at least one responsible role")
    A: RoleKey = Field(description="exactly one accountable role")
    C: list[RoleKey] = []
    I: list[RoleKey] = []

    @model_validator(mode="after")
    def _one_letter_per_role(self) -> RaciRow:
        seen: dict[str, str] = {}
        for letter, roles in self.assignments():
            for role in roles:
                if role in seen:
                    raise ValueError(f"role {role!r} is both {seen[role]} and {letter} (expected one letter per role)")
                seen[role] = letter
        return self

    def assignments(self) -> tuple[tuple[str, list[str]], ...]:
        """(letter, roles) in R, A, C, I order; A as a one-role list."""
        return (("R", self.R), ("A", [self.A]), ("C", self.C), ("I", self.I))

    def letters(self) -> dict[str, str]:
        """role -> its letter in this activity."""
        return {role: letter for letter, roles in self.assignments() for role in roles}


class Regulation(_Strict):
    """The metadata of one regulation, from its source-language file's front matter (contract version 2)."""

    id: RegulationId
    title: Text = Field(description="the regulation's title, not empty")
    owner: RoleKey
    approver: RoleKey = Field(description="a role key whose registry entry has can_approve: true")
    status: Literal["draft", "active", "retired"] = "active"
    version: Version
    effective_date: Day
    last_reviewed: Day | None = None
    review_cycle: Cycle
    supersedes: list[RegulationId] = Field(default=[], description="a list of 制度编号 such as [OPS-BRD-001]")
    revisions: list[Revision] = []
    raci: list[RaciRow] = []


class Translation(_Strict):
    """What a translation may say: its title and the version of the source it translates."""

    title: Text = Field(description="the translated title, not empty")
    source_version: Version


def is_regulation(data: dict[str, Any]) -> bool:
    """A page in the source language is a regulation when its front matter has an `id`."""
    return "id" in data


def strip_pydantic_prefix(message: str) -> str:
    return re.sub(r"^(Value error|Assertion failed), ", "", message)
