"""Where builds keep what the next build may reuse, and how it stays small.

One folder, `.cache/handbook-kit/` beside mkdocs.yml (ignored by git, safe to
delete), or the folder `$HANDBOOK_CACHE` names: archived texts' HTML and
comparisons (history_cache.py), rendered PDFs (pdf_cache.py). Every entry is
named by a hash of what it was made from, so an edit leaves the old entry
behind: each use of an entry renews its date, and the entries no build has
used for `KEEP_DAYS` are removed when a build starts.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

FOLDER = Path(".cache") / "handbook-kit"
KINDS = ("archived", "compared", "pdf")  # its subfolders: nothing else in it is ever touched
KEEP_DAYS = 30


def cache_folder(config: MkDocsConfig) -> Path:
    return Path(os.environ.get("HANDBOOK_CACHE") or Path(config.config_file_path).parent / FOLDER)


def used(*paths: Path) -> None:
    """An entry was used: it is kept KEEP_DAYS more (a cache that cannot be written costs nothing here)."""
    for path in paths:
        with suppress(OSError):
            os.utime(path)


def prune(folder: Path, keep_days: float = KEEP_DAYS, now: float | None = None) -> tuple[int, int]:
    """Remove the entries in the cache `folder` that no build used for `keep_days`, and the folders they
    leave empty; (how many files, how many bytes) were removed. Only our own subfolders are looked at:
    `$HANDBOOK_CACHE` may name a folder that holds other things too."""
    limit = (time.time() if now is None else now) - keep_days * 86400
    removed = size = 0
    for kind in KINDS:
        for directory, _, files in os.walk(folder / kind, topdown=False):
            for name in files:
                path = Path(directory, name)
                with suppress(OSError):
                    stat = path.stat()
                    if stat.st_mtime < limit:
                        path.unlink()
                        removed, size = removed + 1, size + stat.st_size
            if Path(directory) != folder / kind:
                with suppress(OSError):
                    os.rmdir(directory)  # only when empty
    return removed, size
