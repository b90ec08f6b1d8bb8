"""Rendering a print document with WeasyPrint: the fonts it needs, what it may read, what it depends on.

The PDFs are made in the regulation plugin's on_env (pdf_build.py): by then
every page's Markdown is HTML and no page template has been rendered yet, so
each PDF exists, with its size known, before the pages that link to it are
written.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from handbook_kit.core.text import code_point

log = get_plugin_logger(__name__)

# The fonts of theme/handbook/print-style.html: Simplified Chinese forms (not the
# JP variant of the same collection), embedded and subset by WeasyPrint. Required.
SERIF, SANS = FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")
# After them, for what they lack, when installed (`make build` installs them): emoji,
# symbols and control pictures (␇), and CJK beyond the basic block (𠀀, Extension B on).
# The emoji font serves emoji only: it also has digits and a space, which WeasyPrint
# would otherwise take from it ("第 3 页" with an emoji 3; WeasyPrint issue 2291).
EMOJI = (
    (0x200D, 0x200D),
    (0x20E3, 0x20E3),
    (0x2300, 0x23FF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0xFE0F, 0xFE0F),
    (0x1F000, 0x1FAFF),
)
FALLBACK_FONTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("Noto Color Emoji", EMOJI),
    ("Symbola", ()),
    ("HanaMinA", ()),
    ("HanaMinB", ()),
)  # (family, only these ranges)
_TAG = re.compile(r"<[^>]*>")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


@dataclass(frozen=True)
class Font:
    family: str
    file: str
    index: int
    ranges: tuple[tuple[int, int], ...] = ()  # the characters it serves, if not all it has

    @property
    def css_family(self) -> str:
        """The name the stylesheet uses: its own, or that of an @font-face limited to `ranges`."""
        return f"Handbook {self.family}" if self.ranges else self.family

    def font_face(self) -> str:
        ranges = ", ".join(f"U+{low:X}" if low == high else f"U+{low:X}-{high:X}" for low, high in self.ranges)
        return (
            f'@font-face {{ font-family: "{self.css_family}"; src: local("{self.family}"); unicode-range: {ranges}; }}'
        )


class FontMissing(PluginError):
    pass


@cache
def print_fonts() -> tuple[Font, ...]:
    """The installed fonts the print stylesheet names; stop if one is missing (never print boxes)."""
    if shutil.which("fc-match") is None:
        raise FontMissing(
            "handbook/regulations: fontconfig is not installed, so the PDF's fonts cannot be found "
            "(`make build` installs it; or apt-get install fontconfig fonts-noto-cjk)"
        )
    fonts = []
    for family in FONTS:
        if (font := _installed(family)) is None:
            raise FontMissing(
                f"handbook/regulations: the font {family!r} is not installed, so the PDF would print "
                "Chinese as boxes (`make build` installs it; or apt-get install fonts-noto-cjk)"
            )
        fonts.append(font)
    return tuple(fonts)


@cache
def fallback_fonts() -> tuple[Font, ...]:
    """The fallback fonts that are installed, in the stylesheet's order."""
    return tuple(
        replace(font, ranges=ranges) for family, ranges in FALLBACK_FONTS if (font := _installed(family)) is not None
    )


@dataclass(frozen=True)
class PrintStyle:
    """The fonts of the print stylesheet, as CSS."""

    serif: str  # font-family values: the print font, then the installed fallbacks
    sans: str
    font_faces: str  # @font-face rules of the fallbacks limited to some characters


def print_style() -> PrintStyle:
    return PrintStyle(font_stack(SERIF), font_stack(SANS), font_faces())


def font_stack(first: str) -> str:
    """A CSS font-family value: `first`, then the installed fallbacks (so the check below matches the print)."""
    return ", ".join(f'"{family}"' for family in (first, *(font.css_family for font in fallback_fonts())))


def font_faces() -> str:
    """The @font-face rules of the fallbacks limited to some characters."""
    return "\n".join(font.font_face() for font in fallback_fonts() if font.ranges)


def _installed(family: str) -> Font | None:
    found = subprocess.run(
        ["fc-match", "-f", "%{family}|%{file}|%{index}", family], capture_output=True, text=True, check=False
    ).stdout
    families, file, index = [*found.split("|"), "", "", "0"][:3]
    return Font(family, file, int(index or 0)) if family in families.split(",") else None


@cache
def _coverage(font: Font) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency

    with TTFont(font.file, fontNumber=font.index, lazy=True) as opened:  # reads the cmap table only
        return frozenset(opened.getBestCmap())


def _served(font: Font) -> frozenset[int]:
    if not font.ranges:
        return _coverage(font)
    return frozenset(code for code in _coverage(font) if any(low <= code <= high for low, high in font.ranges))


@cache
def _covered() -> frozenset[int]:
    """Characters every print font has, itself or through a fallback."""
    fallbacks = frozenset().union(*(_served(font) for font in fallback_fonts()))
    return frozenset.intersection(*(_coverage(font) for font in print_fonts())) | fallbacks


def missing_characters(markup: str) -> str:
    """Characters of the text that no print font has (they would print as boxes, or not at all)."""
    covered = _covered()
    return "".join(
        sorted(
            char for char in set(html.unescape(_TAG.sub("", markup))) if ord(char) not in covered and not char.isspace()
        )
    )


def show_missing_characters(markup: str, missing: str) -> str:
    """The markup with each character of `missing` written as its code: 🫠 -> [U+1FAE0].

    Plain text, so it is valid wherever the character was (text, a title, an attribute
    the running header shows): the reader sees that something is there and what it
    is, never a box or a gap.
    """
    if not missing:
        return markup
    codes = {char: f"[{code_point(char)}]" for char in missing}

    def referenced(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16) if match.group(1) else int(match.group(2)))
        return codes.get(char, match.group())

    written = re.sub("|".join(re.escape(char) for char in missing), lambda match: codes[match.group()], markup)
    return _CHARACTER_REFERENCE.sub(referenced, written)


def render_pdf(document: str, site_dir: Path) -> tuple[bytes, int]:
    """The PDF of the print HTML, and its number of pages. It may read files of the built site only."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    site = site_dir.resolve()

    fonts = {Path(font.file).resolve() for font in fallback_fonts()}  # an @font-face's local() is read as a file

    class SiteFiles(URLFetcher):
        """The PDF shows the site's own files and its fonts, nothing else: no network, no other file."""

        def fetch(self, url, headers=None):
            path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file://") else None
            if path is not None and (path.is_relative_to(site) or path in fonts):
                return super().fetch(url, headers)
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"not a file of the built site: {url}")

    with _weasyprint_warnings_as_ours():
        source = HTML(
            string=document, base_url=site.as_uri() + "/", url_fetcher=SiteFiles(allowed_protocols={"file", "data"})
        )
        rendered = source.render(presentational_hints=True)  # <ol start="4">: a list missing an item keeps its numbers
        content = rendered.write_pdf(
            pdf_tags=True,  # a tagged PDF: structure for screen readers and text extraction
            # The same document gives the same file: its id comes from its content, not the clock.
            pdf_identifier=hashlib.sha256(document.encode()).hexdigest()[:32].encode(),
        )
    return content, len(rendered.pages)


@cache
def engine_identity() -> str:
    """What every PDF depends on beside its document: the engine's versions, the fonts (by file, size and
    time), and this module's code (how it calls the engine). A cached render of another is not reused."""
    import pydyf
    import weasyprint

    fonts = [
        (font.file, font.index, *((stat.st_size, stat.st_mtime_ns) if (stat := _stat(font.file)) else ()))
        for font in print_fonts() + fallback_fonts()
    ]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return json.dumps([weasyprint.__version__, pydyf.__version__, fonts, code])


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


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
    tokens = [
        values[part] if index % 2 else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for index, part in enumerate(parts)
        if part or index % 2
    ]
    return " ".join(tokens)
