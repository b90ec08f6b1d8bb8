"""Reading a chapter's YAML front matter with the line of every key.

Editors write these files by hand, on any operating system. A UTF-8 byte-order
mark and CRLF line ends are accepted as they are; everything else that would
stop a YAML parser (another encoding, tabs, a missing or unclosed block,
malformed YAML) becomes a `Problem` naming the file and line, never an exception.
A control character written as a YAML escape is kept, shown by its picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Severity, field_label
from .text import CONTROL, code_point, control_characters, visible_controls

KeyPath = tuple[str | int, ...]
FILE = "(file)"
FRONT_MATTER = "(front matter)"


@dataclass
class FrontMatter:
    """The parsed front matter of one Markdown file."""

    path: str  # as shown to the editor (relative to the docs folder's parent)
    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)  # key path -> 1-based line in the file
    end_line: int = 1  # the closing `---`
    warnings: list[Problem] = field(default_factory=list)

    def line_of(self, key_path: KeyPath) -> int:
        """Line of the deepest known key on `key_path` (the block start if none)."""
        for length in range(len(key_path), 0, -1):
            if (line := self.lines.get(tuple(key_path[:length]))) is not None:
                return line
        return 1


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it: 5x faster
    """Safe YAML whose dates stay text: our date parser reports `2024-13-01` with a line,
    where PyYAML's timestamp constructor would raise a bare ValueError."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class FrontMatterError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class NoFrontMatter(FrontMatterError):
    """The file does not start with a front matter block (fine for a plain home or section page)."""


def read_front_matter(path: Path, shown_as: str) -> FrontMatter:
    """Parse the front matter of `path`; raise FrontMatterError with a located problem."""
    return front_matter_of(decode_source(path.read_bytes(), shown_as), shown_as)


def split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """(the lines of a file's front matter, the text below it); (None, the whole text) without a closed one."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines[0].rstrip() == "---":
        closing = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
        if closing is not None:
            return lines[1:closing], "\n".join(lines[closing + 1 :])
    return None, text


def front_matter_data(text: str) -> dict[str, Any]:
    """Only the data of a file's front matter, without the lines of its keys (a committed file's, read
    many at a time); FrontMatterError when there is none that reads as a mapping."""
    front, _ = split_front_matter(text)
    if front is None:
        raise FrontMatterError(Problem("", 1, FRONT_MATTER, "no front matter"))
    try:
        data = yaml.load("\n".join(front), Loader=_Loader)
    except yaml.YAMLError as error:
        raise FrontMatterError(Problem("", 1, FRONT_MATTER, str(error))) from None
    if not isinstance(data, dict):
        raise FrontMatterError(Problem("", 1, FRONT_MATTER, "not a mapping"))
    return data


def front_matter_of(text: str, shown_as: str) -> FrontMatter:
    """Parse the front matter of a file's text (decoded); raise FrontMatterError with a located problem."""
    lines = text.splitlines()
    if not text.strip():
        raise _error(shown_as, 1, FILE, "the file is empty (expected front matter between --- lines, then the text)")
    if lines[0].rstrip() != "---":
        raise NoFrontMatter(
            Problem(shown_as, 1, FRONT_MATTER, "no front matter (expected the file to start with a --- line)")
        )
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if closing is None:
        raise _error(shown_as, 1, FRONT_MATTER, "the front matter is not closed (expected a second --- line)")
    block = lines[1:closing]
    for number, line in enumerate(block, start=2):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _error(shown_as, number, FRONT_MATTER, "tab used for indentation (YAML needs spaces)")
    data, key_lines, warnings = load_yaml("\n".join(block), shown_as, first_line=2)
    if not isinstance(data, dict):
        raise _error(shown_as, 2, FRONT_MATTER, "the front matter is not a set of `key: value` lines")
    return FrontMatter(path=shown_as, data=data, lines=key_lines, end_line=closing + 1, warnings=warnings)


def load_yaml(
    source: str, shown_as: str, first_line: int = 1, field: str = FRONT_MATTER
) -> tuple[Any, dict[KeyPath, int], list[Problem]]:
    """Parse YAML: the data, the line of every key, and warnings for control characters in its text.

    `first_line` is the file line of the source's first line.
    """
    loader = _Loader(source)
    try:
        node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:  # a raw control character: YAML refuses the whole block
        # The reader stops at the first such character (libyaml counts its position in bytes).
        line = source.count("\n", 0, source.find(chr(error.character))) + first_line
        raise _error(
            shown_as,
            line,
            field,
            f"control character {code_point(chr(error.character))} (expected printable text: {_REMOVE_IT})",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        raise _error(
            shown_as,
            line,
            field,
            f"malformed YAML: {error.problem or error.context} (expected `key: value` lines indented with spaces)",
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - every parser error is marked
        raise _error(shown_as, first_line, field, f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    key_lines: dict[KeyPath, int] = {}
    _record_lines(node, (), key_lines, offset=first_line)
    found: list[tuple[KeyPath, str]] = []
    data = _show_controls(data, (), found)
    warnings = [
        Problem(
            shown_as,
            key_lines.get(key_path, first_line),
            field_label(key_path) or field,
            f"{control_characters(text)} (expected printable text: {_REMOVE_IT})",
            Severity.WARNING,
        )
        for key_path, text in found
    ]
    return data, key_lines, warnings


_REMOVE_IT = "remove it; it often comes with text pasted from another program"


def _show_controls(value: Any, key_path: KeyPath, found: list[tuple[KeyPath, str]]) -> Any:
    """`value` with control characters in its strings made visible; each string changed goes to `found`."""
    if isinstance(value, str):
        if CONTROL.search(value):
            found.append((key_path, value))
            return visible_controls(value)
        return value
    if isinstance(value, dict):
        return {key: _show_controls(item, (*key_path, key), found) for key, item in value.items()}
    if isinstance(value, list):
        return [_show_controls(item, (*key_path, index), found) for index, item in enumerate(value)]
    return value


def decode_source(raw: bytes, shown_as: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(shown_as, 1, FILE, "the file is UTF-16 (expected UTF-8: save it as UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _error(
            shown_as,
            line,
            FILE,
            f"the file is not UTF-8, it looks like {_guess_encoding(raw)} (expected UTF-8: save it as UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str:
    for name, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5"), ("shift_jis", "Shift-JIS")):
        try:
            raw.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "Latin-1 or another single-byte encoding"


def _record_lines(node: yaml.Node | None, prefix: KeyPath, lines: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*prefix, key_node.value)
            lines[key_path] = key_node.start_mark.line + offset
            _record_lines(value_node, key_path, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = item.start_mark.line + offset
            _record_lines(item, (*prefix, index), lines, offset)


def _error(path: str, line: int, field: str, message: str) -> FrontMatterError:
    return FrontMatterError(Problem(path, line, field, message))
