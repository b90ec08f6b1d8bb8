"""Reading front matter: every defect is a located problem, never a traceback."""

from pathlib import Path

import pytest

from conftest import REPO
from handbook_kit.core.frontmatter import FrontMatterError, read_front_matter


def read(tmp_path: Path, raw: bytes):
    path = tmp_path / "rule.md"
    path.write_bytes(raw)
    return read_front_matter(path, "zh/rule.md")


@pytest.mark.parametrize(
    ("raw", "line", "field", "message"),
    [
        (b"", 1, "(file)", "the file is empty"),
        (b"  \n\n", 1, "(file)", "the file is empty"),
        ("# 标题\n正文\n".encode(), 1, "(front matter)", "no front matter (expected the file to start with a --- line)"),
        (b"---\nid: OPS-A-1\ntitle: t\n", 1, "(front matter)", "the front matter is not closed"),
        (b"---\nid: OPS-A-1\nraci:\n\t- activity: x\n---\n", 4, "(front matter)", "tab used for indentation"),
        (b"---\nid: OPS-A-1\ntitle: [a\nowner: b\n---\n", 4, "(front matter)", "malformed YAML"),
        (b"---\nid: OPS-A-1\n  title: t\n---\n", 3, "(front matter)", "malformed YAML"),
        ("---\ntitle: 品牌运营\n---\n".encode("gb18030"), 2, "(file)", "not UTF-8, it looks like GBK/GB18030"),
        ("---\ntitle: x\n---\n".encode("utf-16"), 1, "(file)", "the file is UTF-16"),
        (b"---\n- a\n- b\n---\n", 2, "(front matter)", "not a set of `key: value` lines"),
    ],
)
def test_unreadable_front_matter_names_file_line_and_field(tmp_path, raw, line, field, message):
    with pytest.raises(FrontMatterError) as caught:
        read(tmp_path, raw)
    problem = caught.value.problem
    assert (problem.path, problem.line, problem.field) == ("zh/rule.md", line, field)
    assert message in problem.message


def test_windows_bom_and_crlf_are_accepted(tmp_path):
    front = read(tmp_path, "\ufeff---\r\nid: OPS-A-1\r\ntitle: 标题\r\n---\r\n正文\r\n".encode())
    assert front.data == {"id": "OPS-A-1", "title": "标题"}
    assert front.lines[("title",)] == 3
    assert front.end_line == 4


def test_every_key_knows_its_line():
    front = read_front_matter(REPO / "handbook/zh/specialised/brand-operations.md", "zh/brand.md")
    text = (REPO / "handbook/zh/specialised/brand-operations.md").read_text(encoding="utf-8").splitlines()
    assert text[front.lines[("review_cycle",)] - 1].startswith("review_cycle:")
    assert text[front.lines[("raci", 1, "A")] - 1].strip().startswith("A:")
    assert front.line_of(("raci", 1, "C", 5)) == front.lines[("raci", 1, "C")]  # deepest known key
    assert text[front.end_line - 1] == "---"
