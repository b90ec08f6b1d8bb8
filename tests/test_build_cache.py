"""The build cache stays small: what builds use is kept, what none used for a month goes, nothing else is touched."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from handbook_kit.regulations.build_cache import KEEP_DAYS, prune

from conftest import build_site, copy_fixture

OLD = time.time() - (KEEP_DAYS + 5) * 86400


def aged(path: Path) -> None:
    os.utime(path, (OLD, OLD))


def test_entries_no_build_used_for_a_month_go_and_nothing_else_is_touched(tmp_path):
    old, fresh = tmp_path / "pdf" / "ab" / "old.pdf", tmp_path / "pdf" / "cd" / "fresh.pdf"
    mine = tmp_path / "notes.txt"  # not ours: $HANDBOOK_CACHE may name a folder with other things in it
    for path in (old, fresh, mine):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)
    aged(old)
    aged(mine)
    assert prune(tmp_path) == (1, 100)
    assert not old.exists() and not old.parent.exists() and fresh.exists() and mine.exists()


def test_a_build_renews_what_it_uses_and_removes_what_it_no_longer_does(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    cache = tmp_path / "cache"
    monkeypatch.setenv("HANDBOOK_CACHE", str(cache))
    project = copy_fixture("bilingual", tmp_path / "bilingual")
    build_site(project / "mkdocs.yml", tmp_path / "first", pdf=True)
    entries = sorted(path for path in (cache / "pdf").rglob("*") if path.is_file())
    # Per language: 2 chapters rendered, the cover and contents, 2 documents of page numbers (the
    # regulations', the book's), the 2 regulations' PDFs and the book; each with its record; and the
    # contents' length, the next build's first guess.
    assert len(entries) == 2 * (8 * 2 + 1)
    for path in entries:
        aged(path)
    orphan = cache / "pdf" / "ff" / ("f" * 64 + ".pdf")  # what an edit leaves behind
    orphan.parent.mkdir(parents=True, exist_ok=True)  # a real entry may share its folder
    orphan.write_bytes(b"%PDF-1.7 old")
    aged(orphan)
    caplog.clear()
    build_site(project / "mkdocs.yml", tmp_path / "second", pdf=True)
    assert any("build cache: removed" in record.getMessage() for record in caplog.records)
    assert not orphan.exists()
    # Everything was rendered again (its entries were a month old), and is kept from now on.
    assert all(path.stat().st_mtime > time.time() - 3600 for path in (cache / "pdf").rglob("*") if path.is_file())
    caplog.clear()
    build_site(project / "mkdocs.yml", tmp_path / "third", pdf=True)
    kept = sorted(path for path in (cache / "pdf").rglob("*") if path.is_file())
    for path in kept:
        os.utime(path, (time.time() - 86400, time.time() - 86400))  # used yesterday
    build_site(project / "mkdocs.yml", tmp_path / "fourth", pdf=True)
    assert sorted(path for path in (cache / "pdf").rglob("*") if path.is_file()) == kept
    assert all(path.stat().st_mtime > time.time() - 3600 for path in kept)  # used again: renewed
