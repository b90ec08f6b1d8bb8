"""One font program for the subsets of one font that separate renders embedded.

The handbook PDF joins chapters that WeasyPrint rendered one by one, and each
embeds its own subset of the same Noto CJK fonts: kept apart, the book would
carry most of a megabyte of font per face per chapter. WeasyPrint subsets with
HarfBuzz keeping glyph ids, so glyph 4711 is the same glyph in every subset of
a face: the union is the installed face subset once more, the same way, to
the glyphs all of them use, and the text of every chapter keeps its codes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from functools import cache
from io import BytesIO

# WeasyPrint's subsetting (weasyprint/pdf/fonts.py, HarfBuzz): what it keeps and drops.
_DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


def postscript_name(program: bytes) -> str | None:
    """The PostScript name of an embedded font program (NotoSansCJKsc-Regular): which installed face it is."""
    from fontTools.ttLib import TTFont, TTLibError  # a WeasyPrint dependency

    try:
        with TTFont(BytesIO(program), lazy=True) as font:  # reads the name table only
            return font["name"].getDebugName(6) if "name" in font else None
    except (TTLibError, OSError, ValueError, AssertionError):
        return None


@cache
def installed_faces() -> dict[str, tuple[str, int]]:
    """Every installed face by PostScript name: its file and index in the file (fontconfig)."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{postscriptname}|%{file}|%{index}\n"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    faces: dict[str, tuple[str, int]] = {}
    for line in sorted(listed.splitlines()):  # sorted: the same face wherever fontconfig lists it twice
        name, _, rest = line.partition("|")
        file, _, index = rest.rpartition("|")
        if name and file and index.isdigit():
            faces.setdefault(name, (file, int(index)))
    return faces


def installed(name: str) -> bool:
    """Whether the face of this PostScript name is installed (so that it can be subset again)."""
    return name in installed_faces()


def font_union(name: str, glyphs: Iterable[int]) -> bytes | None:
    """The installed face `name` subset to `glyphs` as WeasyPrint subsets it (glyph ids kept), or None
    when the face is not installed. An id past the face's glyphs (WeasyPrint's code for a character
    no font has) shows the face's .notdef, as WeasyPrint's own subset does."""
    import uharfbuzz as harfbuzz

    if (face := _face(name)) is None:
        return None
    wanted = sorted(glyph for glyph in set(glyphs) if glyph < face.glyph_count) or [0]
    missing = any(glyph >= face.glyph_count for glyph in glyphs)
    # Two passes, as WeasyPrint's: the glyphs, ids kept; then the glyphs after the last one used dropped.
    first = harfbuzz.SubsetInput()
    first.glyph_set.update(wanted)
    notdef = harfbuzz.SubsetFlags.NOTDEF_OUTLINE if missing else harfbuzz.SubsetFlags.DEFAULT
    first.flags = (
        harfbuzz.SubsetFlags.RETAIN_GIDS
        | harfbuzz.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | harfbuzz.SubsetFlags.DESUBROUTINIZE
        | notdef
    )
    first.sets(harfbuzz.SubsetInputSets.DROP_TABLE_TAG).update(_tag(table) for table in _DROPPED_TABLES)
    subset = harfbuzz.subset(face, first)
    second = harfbuzz.SubsetInput()
    second.glyph_set.update(range(wanted[-1] + 1))
    second.flags = (
        harfbuzz.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | harfbuzz.SubsetFlags.DESUBROUTINIZE
        | harfbuzz.SubsetFlags.NO_HINTING
        | notdef
    )
    subset = harfbuzz.subset(subset, second) if subset is not None else None
    return bytes(subset.blob.data) if subset is not None else None


@cache
def _face(name: str):  # -> uharfbuzz.Face | None, read once per build process
    import uharfbuzz as harfbuzz

    if (found := installed_faces().get(name)) is None:
        return None
    file, index = found
    return harfbuzz.Face(harfbuzz.Blob.from_file_path(file), index)


def _tag(table: str) -> int:
    return int.from_bytes(table.encode("ascii"), "big")
