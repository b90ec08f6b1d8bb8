"""Reading front matter: what Windows editors write is accepted, and every key knows its line.

Defective files are in the bad-input catalogue (test_bad_input.py)."""

from pathlib import Path

from handbook_kit.core.frontmatter import read_front_matter

from conftest import SPECIMEN


def read(tmp_path: Path, raw: bytes):
    path = tmp_path / "rule.md"
    path.write_bytes(raw)
    return read_front_matter(path, "zh/rule.md")


def test_windows_bom_and_crlf_are_accepted(tmp_path):
    front = read(tmp_path, "\ufeff---\r\nid: OPS-A-1\r\ntitle: 标题\r\n---\r\n正文\r\n".encode())
    assert front.data == {"id": "OPS-A-1", "title": "标题"}
    assert front.lines[("title",)] == 3
    assert front.end_line == 4


def test_every_key_knows_its_line():
    front = read_front_matter(SPECIMEN / "handbook/zh/specialised/brand-operations.md", "zh/brand.md")
    text = (SPECIMEN / "handbook/zh/specialised/brand-operations.md").read_text(encoding="utf-8").splitlines()
    assert text[front.lines[("review_cycle",)] - 1].startswith("review_cycle:")
    assert text[front.lines[("raci", 1, "A")] - 1].strip().startswith("A:")
    assert front.line_of(("raci", 1, "C", 5)) == front.lines[("raci", 1, "C")]  # deepest known key
    assert text[front.end_line - 1] == "---"
