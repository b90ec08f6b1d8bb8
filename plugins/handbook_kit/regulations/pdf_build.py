"""Every PDF of one language: each regulation's and the handbook, from one render per regulation.

1. Each printed regulation is rendered once, as a chapter without page numbers
   (its own PDF's template), on every core; a render is kept in the build cache
   under the hash of all it depends on, so an unchanged regulation is never
   rendered again.
2. The cover and contents are rendered with the page each chapter starts on
   (known from the renders' page counts; rendered again if the contents' own
   length moves them).
3. The page numbers are rendered as documents of folios: "第 X 页，共 Y 页" for
   every length of regulation, and the book's numbers, some hundred pages per
   document. They change when page counts do, and cost little.
4. Each regulation's PDF is its render with its folios laid over it, and the
   handbook is joined from the front, the renders and its folios
   (pdf_assembly.py). Both are cached too: with nothing changed, the PDFs are
   copied from the cache.

What a step depends on is in its key; the output does not depend on how many
workers there are, or on whether the cache was warm.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handbook_kit.workers import Background

from . import pdf_assembly
from .pdf import render_pdf
from .pdf_assembly import BookChapter
from .pdf_cache import PdfCache, Rendered

FOLIOS_PER_DOCUMENT = 200  # the book's page numbers, rendered this many pages per document (in parallel)


@dataclass(frozen=True)
class Chapter:
    document: str  # its print HTML: the regulation's own PDF without page numbers
    section: str  # the title of its section in the book
    top: str  # its named destination at its start
    target: Path  # where its own PDF goes


@dataclass(frozen=True)
class LanguagePdfs:
    """What one language's PDFs are made of. Chapters are in the book's order, by regulation id."""

    chapters: Mapping[str, Chapter]
    front: Callable[[Mapping[str, int]], str]  # cover and contents, given the page each chapter starts on
    folios: Callable[[Sequence[str]], str]  # a document with a page per folio
    folio: Callable[[int, int], str]  # (page, of pages) -> "第 3 页，共 57 页"
    links: Mapping[str, str]  # an address a chapter links to (no #fragment) -> anchor prefix of that chapter
    book_target: Path


@dataclass(frozen=True)
class Written:
    rendered: int  # chapters rendered anew
    cached: int  # chapters from the cache
    book_pages: int


def write_language_pdfs(
    pdfs: LanguagePdfs,
    cache: PdfCache,
    site_dir: Path,
    progress: Callable[[str, int, int], None] | None = None,
) -> Written:
    """Write each regulation's PDF and the handbook's; `progress` is told now and then how far a long step
    is: ("chapters rendered", done, of all), ("PDFs joined", done, of all)."""
    with ExitStack() as stack:
        renders = _Renders(cache, site_dir, stack)
        order = list(pdfs.chapters)
        chapter_keys = {regulation: cache.key(pdfs.chapters[regulation].document) for regulation in order}
        documents = {chapter_keys[regulation]: chapter.document for regulation, chapter in pdfs.chapters.items()}
        rendered = renders.ensure(documents, _telling(progress, "chapters rendered"))
        chapter_pages = {regulation: renders.get(key).pages for regulation, key in chapter_keys.items()}

        front_key, front_pages = _front(pdfs, renders, order, chapter_pages)
        book_pages = front_pages + sum(chapter_pages.values())

        lengths = sorted(set(chapter_pages.values()))
        regulation_folios = pdfs.folios([pdfs.folio(page, pages) for pages in lengths for page in range(1, pages + 1)])
        starts = {pages: sum(lengths[:index]) for index, pages in enumerate(lengths)}  # its folios' first page
        numbered = [pdfs.folio(page, book_pages) for page in range(2, book_pages + 1)]  # the cover has none
        book_folios = [
            pdfs.folios(numbered[start : start + FOLIOS_PER_DOCUMENT])
            for start in range(0, len(numbered), FOLIOS_PER_DOCUMENT)
        ]
        folio_documents = {cache.key(document): document for document in [regulation_folios, *book_folios]}
        renders.ensure(folio_documents)
        regulation_folios_key = cache.key(regulation_folios)

        # Each regulation's PDF, and the book.
        assembled = {
            regulation: _derived_key(chapter_keys[regulation], regulation_folios_key, starts[chapter_pages[regulation]])
            for regulation in order
        }
        kept = {key: cache.get(key) for key in assembled.values()}  # each read and verified once
        by_key = {key: regulation for regulation, key in assembled.items()}

        def regulation_pdf(regulation: str) -> bytes:
            return pdf_assembly.regulation_pdf(
                renders.get(chapter_keys[regulation]).path,
                renders.get(regulation_folios_key).path,
                starts[chapter_pages[regulation]],
            )

        book_key = _derived_key(
            front_key,
            *(f"{chapter_keys[regulation]} {pdfs.chapters[regulation].section}" for regulation in order),
            *(cache.key(document) for document in book_folios),
            json.dumps(sorted(pdfs.links.items())),
        )

        def handbook_pdf() -> bytes:
            return pdf_assembly.handbook_pdf(
                renders.get(front_key).path,
                [
                    BookChapter(renders.get(chapter_keys[regulation]).path, chapter.section, chapter.top)
                    for regulation, chapter in pdfs.chapters.items()
                ],
                [renders.get(cache.key(document)).path for document in book_folios],
                pdfs.links,
            )

        def assemble(key: str) -> None:
            if key == book_key:
                cache.put(key, handbook_pdf(), book_pages)
            else:
                cache.put(key, regulation_pdf(by_key[key]), chapter_pages[by_key[key]])

        # Joined in workers (what joining holds leaves with them), the book first: it takes longest.
        kept[book_key] = cache.get(book_key)
        missing = sorted(key for key, found in kept.items() if found is None)
        missing.sort(key=lambda key: key != book_key)
        joining = Background(assemble, missing, spare_core=False, progress=_telling(progress, "PDFs joined"))
        joining.start()
        joining.wait()
        kept |= {key: cache.get(key) for key in missing}
        if (book := kept[book_key]) is None:  # a cache that cannot be written: joined here
            book = renders.keep(book_key, handbook_pdf(), book_pages)
        _copy(book.path, pdfs.book_target)
        for regulation, key in assembled.items():
            if (found := kept[key]) is None:
                found = renders.keep(key, regulation_pdf(regulation), chapter_pages[regulation])
            _copy(found.path, pdfs.chapters[regulation].target)
        return Written(rendered, len(documents) - rendered, book_pages)


def _telling(progress: Callable[[str, int, int], None] | None, what: str) -> Callable[[int, int], None] | None:
    return None if progress is None else lambda done, total: progress(what, done, total)


def _front(
    pdfs: LanguagePdfs, renders: _Renders, order: list[str], chapter_pages: Mapping[str, int]
) -> tuple[str, int]:
    """The cover and contents: their key and their pages. The contents give the page each chapter starts
    on, which depends on the contents' length: rendered again while that moves them."""
    hint = f"front pages of {pdfs.book_target.name}"  # a guess: another site sharing the cache costs a render
    front_pages = renders.cache.hint(hint) or 2  # as many as last time, else a cover and a page of contents
    for _ in range(5):
        firsts, page = {}, front_pages + 1
        for regulation in order:
            firsts[regulation] = page
            page += chapter_pages[regulation]
        document = pdfs.front(firsts)
        key = renders.cache.key(document)
        renders.ensure({key: document})
        if (pages := renders.get(key).pages) == front_pages:
            renders.cache.remember(hint, pages)
            return key, pages
        front_pages = pages
    raise RuntimeError("the contents' length does not settle")  # never: more pages only add pages


class _Renders:
    """Renders from the cache, or rendered anew on every core; kept in a temporary folder when the
    cache cannot be written (a cache costs the speed, never the build)."""

    def __init__(self, cache: PdfCache, site_dir: Path, stack: ExitStack) -> None:
        self.cache, self.site_dir, self.stack = cache, site_dir, stack
        self.found: dict[str, Rendered] = {}
        self.scratch: Path | None = None

    def ensure(self, documents: Mapping[str, str], progress: Callable[[int, int], None] | None = None) -> int:
        """The render of every document (by its key) at hand; how many were rendered anew."""
        wanted = sorted(set(documents) - set(self.found))
        for key in wanted:
            if (found := self.cache.get(key)) is not None:
                self.found[key] = found
        missing = [key for key in wanted if key not in self.found]

        def render(key: str) -> None:
            self.cache.put(key, *render_pdf(documents[key], self.site_dir))

        rendering = Background(render, missing, spare_core=False, progress=progress)
        rendering.start()
        rendering.wait()
        for key in missing:
            found = self.cache.get(key)
            self.found[key] = found or self.keep(key, *render_pdf(documents[key], self.site_dir))
        return len(missing)

    def get(self, key: str) -> Rendered:
        return self.found[key]

    def keep(self, key: str, content: bytes, pages: int) -> Rendered:
        if self.scratch is None:
            self.scratch = Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="handbook-pdf-")))
        path = self.scratch / f"{key}.pdf"
        path.write_bytes(content)
        self.found[key] = Rendered(path, pages)
        return self.found[key]


def _derived_key(*parts: object) -> str:
    """The key of a PDF joined from others: their keys, and how it is joined."""
    digest = hashlib.sha256(_assembly_identity().encode())
    for part in parts:
        digest.update(str(part).encode() + b"\0")
    return digest.hexdigest()


@cache
def _assembly_identity() -> str:
    """What joining depends on beside its parts: pikepdf, HarfBuzz, and our code that joins."""
    import pikepdf
    import uharfbuzz

    here = Path(__file__).parent
    code = hashlib.sha256(b"".join((here / name).read_bytes() for name in ("pdf_assembly.py", "pdf_fonts.py")))
    return json.dumps(["assembly", pikepdf.__version__, uharfbuzz.__version__, code.hexdigest()])


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
