"""The registry: every regulation of the handbook (in each language) and the roles.

`load_handbook` reads `roles.yml`, every chapter in the source language and its translation with
the core parsers, checks what single files cannot (unique ids, known roles, an
approver who may approve, a translation that does not redefine metadata) and
returns the records with every problem found, all files checked in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .frontmatter import FILE, FrontMatter, FrontMatterError, NoFrontMatter, decode_source, load_yaml, read_front_matter
from .languages import DEFAULT, Languages
from .problems import Problem, Severity, field_label
from .regulation import Regulation, Translation, is_regulation, strip_pydantic_prefix
from .roles import Role, roles_from_yaml
from .structure import Outline, lint, outline

# Keys an ordinary page (home, section index, guide) may carry: Material's own.
PAGE_KEYS = {"title", "description", "hide", "icon", "search", "template"}
ROLES_FILE = "roles.yml"


@dataclass
class RegulationRecord:
    """One regulation: its validated metadata, where it lives, and its translation."""

    regulation: Regulation
    path: str  # the source-language file, as shown to editors
    page: str  # the same file within a language folder, e.g. company/rules.md
    front: FrontMatter
    language: str = DEFAULT.source  # the source language, which `path` is written in
    translation: Translation | None = None
    translation_path: str | None = None


@dataclass
class Handbook:
    roles: dict[str, Role]
    languages: Languages = DEFAULT
    regulations: list[RegulationRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        """No errors; warnings (allowed but suspicious) do not make a handbook invalid."""
        return not self.errors


def load_handbook(docs_dir: Path, shown_root: Path | None = None, languages: Languages = DEFAULT) -> Handbook:
    """Read `docs_dir` (a folder per language, such as zh/ and en/, and roles.yml) into a registry."""
    shown_root = shown_root or docs_dir.parent

    def shown(path: Path) -> str:
        return path.relative_to(shown_root).as_posix() if path.is_relative_to(shown_root) else str(path)

    problems: list[Problem] = []
    roles = _load_roles(docs_dir / ROLES_FILE, shown(docs_dir / ROLES_FILE), problems, languages)
    handbook = Handbook(roles=roles, languages=languages, problems=problems)
    source_dir = docs_dir / languages.source
    translation_dir = docs_dir / languages.translation if languages.translation else None
    if not source_dir.is_dir():
        problems.append(
            Problem(
                shown(source_dir),
                1,
                FILE,
                f"no such folder (expected the regulations in {languages.source}, the source language "
                "that mkdocs.yml's i18n plugin marks default: true)",
            )
        )
    for path in sorted(source_dir.rglob("*.md")):
        page = path.relative_to(source_dir).as_posix()
        record = _load_chapter(path, shown(path), page, roles, problems, languages)
        if record is None:
            continue
        translated = translation_dir / page if translation_dir else None
        if translated and translated.is_file():
            record.translation_path = shown(translated)
            record.translation = _load_translation(translated, record.translation_path, problems, languages)
        handbook.regulations.append(record)
    if translation_dir:
        problems.extend(_untranslatable(source_dir, translation_dir, shown, languages))
    problems.extend(_structure_warnings(source_dir, translation_dir, shown, languages.source))
    _check_unique_ids(handbook.regulations, problems)
    problems.extend(raci_warnings(handbook.regulations, roles, shown(docs_dir / ROLES_FILE)))
    problems.sort()
    return handbook


# More consulted roles than this in one activity suggests a mailing list, not a RACI row.
MAX_CONSULTED = 4


def raci_warnings(records: list[RegulationRecord], roles: dict[str, Role], roles_path: str) -> list[Problem]:
    """Allowed but suspicious: a role in no matrix, an activity that consults too many roles."""
    warnings = []
    used: set[str] = set()
    for record in records:
        for index, row in enumerate(record.regulation.raci):
            used.update(row.letters())
            if len(row.C) > MAX_CONSULTED:
                warnings.append(
                    Problem(
                        record.path,
                        record.front.line_of(("raci", index, "C")),
                        f"raci[{index}].C",
                        f"{len(row.C)} consulted roles (expected at most {MAX_CONSULTED}: "
                        "consult those whose advice is needed, inform the others)",
                        Severity.WARNING,
                    )
                )
    if any(record.regulation.raci for record in records):
        for key, role in roles.items():
            if key not in used:
                warnings.append(
                    Problem(
                        roles_path,
                        role.line,
                        key,
                        "this role appears in no RACI matrix (expected it in some activity, or remove it)",
                        Severity.WARNING,
                    )
                )
    return warnings


def _untranslatable(
    source_dir: Path, translation_dir: Path, shown: Callable[[Path], str], languages: Languages
) -> list[Problem]:
    """A regulation or a translation in the translation's folder with no source beside it: it would be
    published without its metadata, or translate nothing."""
    problems = []
    for path in sorted(translation_dir.rglob("*.md")):
        source = source_dir / path.relative_to(translation_dir)
        if source.is_file():
            continue
        try:
            front = read_front_matter(path, shown(path))
        except FrontMatterError:
            continue  # a plain page, or front matter reported with its own problem
        for key in ("id", "source_version"):
            if key in front.data:
                problems.append(
                    Problem(
                        front.path,
                        front.line_of((key,)),
                        key,
                        f"no {shown(source)} beside it (expected a regulation's file in {languages.source}, "
                        f"the source language, and its translation here)",
                    )
                )
                break
    return problems


def _structure_warnings(
    source_dir: Path, translation_dir: Path | None, shown: Callable[[Path], str], source_language: str
) -> list[Problem]:
    """Numbering and empty headings on every page; chapters and articles missing in the translation."""
    outlines: dict[Path, Outline] = {}
    translated = sorted(translation_dir.rglob("*.md")) if translation_dir else []
    for path in sorted([*source_dir.rglob("*.md"), *translated]):
        try:
            outlines[path] = outline(decode_source(path.read_bytes(), shown(path)))
        except FrontMatterError:
            continue  # reported with the front matter
    warnings = []
    for path, page in outlines.items():
        in_translation = translation_dir is not None and path.is_relative_to(translation_dir)
        original = source_dir / path.relative_to(translation_dir) if in_translation else None
        warnings += lint(page, shown(path), outlines.get(original) if original else None, source_language)
    return warnings


def validation_problems(error: ValidationError, front: FrontMatter, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into path:line:field problems an editor can act on."""
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        label = field_label(location) or "(front matter)"
        message = strip_pydantic_prefix(item["msg"])
        if item["type"] == "missing":
            # On the line of the entry that lacks it (the opening --- for a top-level field).
            problems.append(
                Problem(
                    front.path,
                    front.line_of(location),
                    label,
                    f"required field is missing ({_expected(model, location)})",
                )
            )
            continue
        if item["type"] == "extra_forbidden":
            known = _known_keys(model, location)
            guess = difflib.get_close_matches(str(location[-1]), known, n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            message = f"unknown key ({hint}expected one of: {', '.join(known)})"
        elif item["type"] == "string_pattern_mismatch":
            message = f"{item['input']!r} is not in the expected form ({_expected(model, location)})"
        elif "expected" not in message:
            message = f"{message} ({_expected(model, location)})"
        problems.append(Problem(front.path, front.line_of(location), label, message))
    return problems


def _load_roles(path: Path, shown_as: str, problems: list[Problem], languages: Languages) -> dict[str, Role]:
    if not path.is_file():
        problems.append(Problem(shown_as, 1, FILE, "the role registry is missing (expected handbook/roles.yml)"))
        return {}
    try:
        data, lines, warnings = load_yaml(decode_source(path.read_bytes(), shown_as), shown_as, field="(roles)")
    except FrontMatterError as error:
        problems.append(error.problem)
        return {}
    problems.extend(warnings)
    roles, role_problems = roles_from_yaml(data, lines, shown_as, languages)
    problems.extend(role_problems)
    return roles


def _load_chapter(
    path: Path, shown_as: str, page: str, roles: dict[str, Role], problems: list[Problem], languages: Languages
) -> RegulationRecord | None:
    try:
        front = read_front_matter(path, shown_as)
    except NoFrontMatter as error:
        if path.name != "index.md":  # a home or section page may be plain Markdown
            problems.append(error.problem)
        return None
    except FrontMatterError as error:
        problems.append(error.problem)
        return None
    problems.extend(front.warnings)
    if not is_regulation(front.data):
        problems.extend(_page_key_problems(front))
        return None
    try:
        regulation = Regulation.model_validate(front.data, context={"languages": languages})
    except ValidationError as error:
        problems.extend(validation_problems(error, front, Regulation))
        return None
    problems.extend(_reference_problems(regulation, front, roles))
    return RegulationRecord(regulation=regulation, path=shown_as, page=page, front=front, language=languages.source)


def _load_translation(path: Path, shown_as: str, problems: list[Problem], languages: Languages) -> Translation | None:
    try:
        front = read_front_matter(path, shown_as)
        problems.extend(front.warnings)
        return Translation.model_validate(front.data)
    except FrontMatterError as error:
        problems.append(error.problem)
    except ValidationError as error:
        for problem in validation_problems(error, front, Translation):
            if problem.field in Regulation.model_fields:
                problem = Problem(
                    problem.path,
                    problem.line,
                    problem.field,
                    f"metadata belongs in the {languages.source} file only (expected just title and source_version)",
                )
            problems.append(problem)
    return None


def _page_key_problems(front: FrontMatter) -> list[Problem]:
    """A page without `id` is not a regulation; regulation keys there mean a lost `id`."""
    problems = []
    for key in front.data:
        if key in PAGE_KEYS:
            continue
        if key in Regulation.model_fields:
            message = "a regulation needs an `id` (expected id: such as OPS-BRD-001, or no regulation keys)"
        else:
            message = f"unknown key (expected one of: {', '.join(sorted(PAGE_KEYS))}, or `id` for a regulation)"
        problems.append(Problem(front.path, front.line_of((key,)), field_label((str(key),)), message))
    return problems


def _reference_problems(regulation: Regulation, front: FrontMatter, roles: dict[str, Role]) -> list[Problem]:
    problems = []

    def check_role(role: str, location: tuple[Any, ...]) -> None:
        if roles and role not in roles:
            guess = difflib.get_close_matches(role, roles, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            problems.append(
                Problem(
                    front.path,
                    front.line_of(location),
                    field_label(location),
                    f"unknown role {role!r} (expected a key of handbook/roles.yml{hint})",
                )
            )

    check_role(regulation.owner, ("owner",))
    check_role(regulation.approver, ("approver",))
    if regulation.approver in roles and not roles[regulation.approver].can_approve:
        problems.append(
            Problem(
                front.path,
                front.line_of(("approver",)),
                "approver",
                f"role {regulation.approver!r} may not approve (expected a role with can_approve: true)",
            )
        )
    for index, row in enumerate(regulation.raci):
        for letter, members in row.assignments():
            for position, role in enumerate(members):
                location = ("raci", index, letter) if letter == "A" else ("raci", index, letter, position)
                check_role(role, location)
    return problems


def _check_unique_ids(records: list[RegulationRecord], problems: list[Problem]) -> None:
    first_seen: dict[str, RegulationRecord] = {}
    for record in records:
        regulation_id = record.regulation.id
        if regulation_id in first_seen:
            problems.append(
                Problem(
                    record.path,
                    record.front.line_of(("id",)),
                    "id",
                    f"{regulation_id} is already used by {first_seen[regulation_id].path} "
                    "(expected an id used by no other regulation)",
                )
            )
        else:
            first_seen[regulation_id] = record


def _model_at(model: type[BaseModel], parts: tuple[Any, ...]) -> type[BaseModel]:
    """The model that holds the field at the end of `parts` (list indexes skipped)."""
    current = model
    for part in parts:
        if isinstance(part, str) and part in current.model_fields:
            current = _model_in(current.model_fields[part].annotation) or current
    return current


def _known_keys(model: type[BaseModel], location: tuple[Any, ...]) -> list[str]:
    return list(_model_at(model, location[:-1]).model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        if found := _model_in(argument):
            return found
    return None


def _expected(model: type[BaseModel], location: tuple[Any, ...]) -> str:
    names = [index for index, part in enumerate(location) if isinstance(part, str)]
    info = None
    if names:
        last = names[-1]
        info = _model_at(model, location[:last]).model_fields.get(location[last])
    description = info.description if info else None
    return f"expected {description}" if description else "see the front-matter contract in the README"
