"""The handbook as one PDF per language, written by WeasyPrint from our print template.

Called from the policy plugin's on_env: by then every page's Markdown is HTML
and no page template has been rendered yet, so the PDF exists, with its size
known, before the pages that link to it are written.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

# The fonts of overrides/handbook/print-style.html: Simplified Chinese forms (not the
# JP variant of the same collection), embedded and subset by WeasyPrint.
FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Font:
    family: str
    file: str
    index: int


class FontMissing(PluginError):
    pass


@cache
def print_fonts() -> tuple[Font, ...]:
    """The installed fonts the print stylesheet names; stop if one is missing (never print boxes)."""
    if shutil.which("fc-match") is None:
        raise FontMissing("handbook/policy: fontconfig is not installed, so the PDF's fonts cannot be found "
                          "(`make build` installs it; or apt-get install fontconfig fonts-noto-cjk)")
    fonts = []
    for family in FONTS:
        found = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", family],
                               capture_output=True, text=True, check=False).stdout
        families, file, index = (found.split("|") + ["", "", "0"])[:3]
        if family not in families.split(","):
            raise FontMissing(f"handbook/policy: the font {family!r} is not installed, so the PDF would print "
                              "Chinese as boxes (`make build` installs it; or apt-get install fonts-noto-cjk)")
        fonts.append(Font(family, file, int(index or 0)))
    return tuple(fonts)


@cache
def _coverage(font: Font) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency

    with TTFont(font.file, fontNumber=font.index, lazy=True) as opened:  # reads the cmap table only
        return frozenset(opened.getBestCmap())


def missing_characters(markup: str) -> str:
    """Characters of the text that a print font lacks (they would print as boxes)."""
    text = html.unescape(_TAG.sub("", markup))
    covered = frozenset.intersection(*(_coverage(font) for font in print_fonts()))
    return "".join(sorted({char for char in text if ord(char) not in covered and not char.isspace()}))


def write_pdf(document: str, target: Path, site_dir: Path) -> int:
    """Render the print HTML to `target`; return its number of pages. It may read files of the built site only."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    site = site_dir.resolve()

    class SiteFiles(URLFetcher):
        """The PDF shows the site's own files and nothing else: no network, no other file."""

        def fetch(self, url, headers=None):
            if url.startswith("file://") and Path(url.removeprefix("file://")).resolve().is_relative_to(site):
                return super().fetch(url, headers)
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"not a file of the built site: {url}")

    target.parent.mkdir(parents=True, exist_ok=True)
    with _weasyprint_warnings_as_ours():
        source = HTML(string=document, base_url=site.as_uri() + "/",
                      url_fetcher=SiteFiles(allowed_protocols={"file", "data"}))
        rendered = source.render(presentational_hints=True)  # <ol start="4">: a list missing an item keeps its numbers
        rendered.write_pdf(
            target,
            pdf_tags=True,  # a tagged PDF: structure for screen readers and text extraction
            # The same document gives the same file: its id comes from its content, not the clock.
            pdf_identifier=hashlib.sha256(document.encode()).hexdigest()[:32].encode())
    return len(rendered.pages)


class _Forward(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log.warning(f"PDF: {record.getMessage()}")


class _weasyprint_warnings_as_ours:
    """WeasyPrint logs what it could not do (a missing image, unknown CSS) on its own
    logger; as our warnings they reach the build log and fail a strict build."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.handler = _Forward(logging.WARNING)
        self.logger.addHandler(self.handler)

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)


def human_size(size: float) -> str:
    """1234567 -> "1.2 MB" (the same in both languages)."""
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def css_content(phrase: str, **values: str) -> str:
    """A phrase with {placeholders} as a CSS `content` value: "第 {page} 页" -> "第 " counter(page) " 页"."""
    parts = re.split(r"\{(\w+)\}", phrase)
    tokens = [values[part] if index % 2 else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
              for index, part in enumerate(parts) if part or index % 2]
    return " ".join(tokens)
