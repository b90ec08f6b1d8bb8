"""Archived versions' HTML, kept between builds: a version's text never changes once superseded.

Converting an archived text's Markdown costs what converting a regulation
page's does, and a handbook holds several archived versions of every
regulation: most of what its history pages cost. The cache keeps each
conversion in `archived/` of the build cache (build_cache.py), keyed by a hash of all the output depends on: the text,
where its page is, the site's Markdown extensions and their options, and
every file of the site with its address (a link resolves against them). A
cache that cannot be read or written costs the speed, never the build.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

import handbook_kit
from handbook_kit.core import compare as compare_module
from handbook_kit.core.compare import Comparison, compare_files
from handbook_kit.core.regulation import Regulation

from .build_cache import cache_folder, used


class HistoryCache:
    def __init__(self, config: MkDocsConfig, files: Files) -> None:
        self.folder = cache_folder(config)
        site = [(file.src_uri, file.url) for file in files]
        self.salt = _digest(
            [
                mkdocs.__version__,
                markdown.__version__,
                handbook_kit.__version__,
                _stable(config.markdown_extensions),
                _stable(config.mdx_configs),
                config.use_directory_urls,
                sorted(site),
            ]
        )

    def render(self, page: Page, source: str, convert: Callable[[], None]) -> None:
        """Give `page` its content and table of contents for Markdown `source`: from the cache, or by
        `convert()` (which renders `page.markdown`), then kept."""
        path = self._path("archived", [self.salt, page.file.src_uri, page.url, source])
        with suppress(OSError, ValueError, KeyError, TypeError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            page.content, page.toc = kept["html"], get_toc(kept["toc"])
            used(path)
            return
        page.markdown = source
        convert()
        _keep(path, {"html": page.content, "toc": [_token(item) for item in page.toc]})

    def compare(
        self, old_text: str, new_text: str, metadata: Callable[[], tuple[Regulation | None, Regulation | None]]
    ) -> Comparison:
        """core/compare.compare_files, remembered (the metadata are read only when it compares anew)."""
        path = self._path("compared", [_COMPARE_CODE, old_text, new_text])
        with suppress(OSError, ValueError, KeyError, TypeError):
            compared = Comparison.from_data(json.loads(path.read_text(encoding="utf-8")))
            used(path)
            return compared
        compared = compare_files(old_text, new_text, metadata)
        _keep(path, compared.to_data())
        return compared

    def _path(self, kind: str, key: list) -> Path:
        digest = _digest(key)
        return self.folder / kind / digest[:2] / f"{digest}.json"


# The comparison's code is part of its key: a better comparison is not served from an older cache.
_COMPARE_CODE = hashlib.sha256(Path(compare_module.__file__).read_bytes()).hexdigest()


def _keep(path: Path, data: object) -> None:
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)  # whole or not at all, should two builds write it at once


def _token(item: AnchorLink) -> dict[str, Any]:
    """A table-of-contents entry as Python-Markdown's toc extension gave it (mkdocs.structure.toc.get_toc)."""
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_token(c) for c in item.children]}


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, default=str).encode()).hexdigest()


def _stable(value: object) -> object:
    """Configuration as data that is the same from one run to the next (functions by their names)."""
    if isinstance(value, dict):
        return {str(key): _stable(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_stable(item) for item in value]
    if callable(value):  # by its name and its code: a changed slugify is another configuration
        try:
            code = inspect.getsource(value)  # type: ignore[arg-type]
        except (OSError, TypeError):
            code = ""
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}:{code}"
    return value if isinstance(value, str | int | float | bool | type(None)) else type(value).__qualname__
