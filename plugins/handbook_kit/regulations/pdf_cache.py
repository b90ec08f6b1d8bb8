"""Rendered PDFs, kept between builds under a hash of everything the render depends on.

Rendering is most of what a PDF costs, and a regulation's PDF changes only
when what it is made of does: its print HTML (which holds its text, metadata,
interface words, template and styles), the files it shows (images of the
site), the fonts and the engine (WeasyPrint, pydyf, our rendering code). The
hash of all of them names the entry, in `pdf/` of the build cache
(build_cache.py). An entry is
the PDF and a record of its hash, key and pages: a damaged or foreign entry
does not match its record, and is rendered again, never trusted. A cache that
cannot be read or written costs the speed, never the build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build_cache import used

_FILE = re.compile(r"""\b(?:src|href)=["'](file://[^"']+)["']""")


@dataclass(frozen=True)
class Rendered:
    path: Path  # the PDF, in the cache
    pages: int


class PdfCache:
    def __init__(self, folder: Path, engine: str) -> None:
        """`engine`: what every render depends on beside its document (pdf.engine_identity)."""
        self.folder = folder / "pdf"
        self.engine = engine

    def key(self, document: str) -> str:
        """The name of `document`'s render: its HTML, the files it shows, the engine."""
        digest = hashlib.sha256(self.engine.encode())
        digest.update(document.encode())
        for url in sorted(set(_FILE.findall(document))):
            digest.update(url.encode())
            try:
                digest.update(hashlib.sha256(Path(unquote(urlsplit(url).path)).read_bytes()).digest())
            except OSError:
                digest.update(b"missing")
        return digest.hexdigest()

    def get(self, key: str) -> Rendered | None:
        """The render named `key`, if kept and whole."""
        path = self._path(key)
        try:
            record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            content = path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("key") != key or not isinstance(record.get("pages"), int):
            return None
        if record.get("sha256") != hashlib.sha256(content).hexdigest() or not content.startswith(b"%PDF-"):
            return None
        used(path, path.with_suffix(".json"))
        return Rendered(path, record["pages"])

    def put(self, key: str, content: bytes, pages: int) -> None:
        """Keep a render: the PDF, then its record (an entry without its record is not one)."""
        path = self._path(key)
        with suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, content)
            record = {"key": key, "pages": pages, "sha256": hashlib.sha256(content).hexdigest()}
            _write(path.with_suffix(".json"), json.dumps(record).encode())

    def hint(self, name: str) -> int | None:
        """A number a build kept for the next (a guess it checks, never trusted): see remember."""
        path = self.folder / "hints" / f"{hashlib.sha256(name.encode()).hexdigest()}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        used(path)
        return value if isinstance(value, int) else None

    def remember(self, name: str, value: int) -> None:
        path = self.folder / "hints" / f"{hashlib.sha256(name.encode()).hexdigest()}.json"
        with suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, json.dumps(value).encode())

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf"


def _write(path: Path, content: bytes) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)  # whole or not at all, should two builds write it at once
