"""The benchmark's synthetic handbook is a valid handbook that builds, so the figures measure real work."""

import sys

from handbook_kit.core.registry import load_handbook

from conftest import REPO, build_site
from pages import page_urls

sys.path.insert(0, str(REPO / "bench"))
from generate import generate


def test_a_synthetic_handbook_is_valid_clean_and_the_same_every_time(tmp_path):
    generate(30, tmp_path / "a")
    generate(30, tmp_path / "b")
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert first == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in first)
    handbook = load_handbook(tmp_path / "a" / "handbook", tmp_path / "a")
    assert handbook.valid and len(handbook.regulations) == 30
    assert [str(p) for p in handbook.warnings if p.path.endswith(".md")] == []
    assert all(
        record.translation and record.regulation.raci and record.regulation.revisions for record in handbook.regulations
    )
    text = (tmp_path / "a/handbook/zh/s01/ops-s01-001.md").read_text(encoding="utf-8")
    assert "## 第一章" in text and "### 第一条" in text and "| 指标 |" in text and "\n1. " in text


def test_it_builds_strictly_with_and_without_our_plugins(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_PDF", "false")
    generate(12, tmp_path)
    full = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    plain = build_site(tmp_path / "mkdocs-plain.yml", tmp_path / "site-plain")
    assert (full / "governance/reviews/index.html").is_file() and not (plain / "governance").exists()
    assert len(page_urls(full, "zh")) > len(page_urls(plain, "zh")) >= 12
