"""PDFs made of PDFs: a regulation's with its page numbers, the handbook's from its chapters (pikepdf).

WeasyPrint renders each regulation once, as a chapter without page numbers
(pdf.py, cached by pdf_cache.py). Its own PDF is that render with "第 X 页，共 Y
页" laid over each page; the handbook is the rendered cover and contents
followed by every chapter, with numbers that run through the book laid over
its pages. The numbers are themselves rendered by WeasyPrint (a page per
number: print-folios.html), so they look as the rest. Joining keeps what one
render of the whole book had: bookmarks (sections, regulations, 章), named
destinations, the tagged structure for screen readers, links between
regulations (made links inside the book), and one subset per font
(pdf_fonts.py). The same input gives the same bytes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, OutlineItem, Pdf, String

from .pdf_fonts import font_union, installed, postscript_name


@dataclass(frozen=True)
class BookChapter:
    render: Path  # the regulation's render, without page numbers
    section: str  # the title of its section: its bookmark opens with the section's first chapter
    top: str  # its named destination at its start: ops-gen-001-top


def regulation_pdf(render: Path, folios: Path, first: int) -> bytes:
    """A regulation's PDF: its render with the pages of `folios` from `first` on laid over its pages."""
    with pikepdf.open(render) as pdf, pikepdf.open(folios) as numbers:
        for number, (page, folio) in enumerate(zip(pdf.pages, numbers.pages[first:], strict=False), start=1):
            _lay_over(page, folio, number)
        _share_font_programs(pdf)
        return _saved(pdf)


def handbook_pdf(
    front: Path,
    chapters: Sequence[BookChapter],
    folios: Sequence[Path],
    links: Mapping[str, str],
) -> bytes:
    """The handbook: `front` (cover and contents), then each chapter; the pages of the `folios` documents,
    in turn, laid over its pages after the cover. `links` maps the address a render links to (without
    its #fragment) to the anchor prefix of the chapter it is: such links lead into the book.

    One chapter is open at a time, and its fonts are left behind (the book gets one
    subset per face at the end): memory holds the book being made, never every
    chapter's render or font.
    """
    with ExitStack() as sources:
        book = sources.enter_context(pikepdf.open(front))
        destinations = _destinations(book)
        structure = _Structure(book)
        faces = _Faces()
        bookmarks: list[OutlineItem] = []
        section: OutlineItem | None = None
        for chapter in chapters:
            with pikepdf.open(chapter.render) as source:
                faces.leave_out(source)
                first = len(book.pages)
                structure.detach(source)  # before any copy: a copied element must not drag its old tree along
                with warnings.catch_warnings():  # "named destinations are not preserved": they are, below
                    warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                    book.pages.extend(source.pages)
                structure.join(source, first)
                faces.share_widths(book, book.pages[first:])
                for name, destination in _named(source):
                    destinations[name] = _copy(book, source, destination)
                if chapter.section and (section is None or section.title != chapter.section):
                    section = OutlineItem(chapter.section, String(chapter.top))  # opens at its first chapter
                    bookmarks.append(section)
                elif not chapter.section:
                    section = None
                (section.children if section else bookmarks).extend(_copied_outline(book, source))
                for page in book.pages[first:]:
                    _read_now(page.obj)  # then the chapter's file can close
        _link_inside(book, links, destinations)
        numbers = [sources.enter_context(pikepdf.open(path)) for path in folios]
        folios_in_order = (page for pdf in numbers for page in pdf.pages)
        for number, (page, folio) in enumerate(zip(book.pages[1:], folios_in_order, strict=False), start=2):
            _lay_over(page, folio, number)  # the cover has no number
        with book.open_outline() as written:
            written.root[:] = bookmarks
        faces.fill_shared_widths()
        _unite_fonts(book, faces)
        return _saved(book)


def _copy(book: Pdf, source: Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """`value` of `source` in the book; what it refers to that is copied already (pages) is not copied again."""
    if isinstance(value, Dictionary | Array) and not value.is_indirect:
        value = source.make_indirect(value)
    return book.copy_foreign(value) if isinstance(value, pikepdf.Object) and value.is_indirect else value


def _lay_over(page: pikepdf.Page, folio: pikepdf.Page, number: int) -> None:
    """`folio` drawn over `page`, page `number`, as pikepdf's add_overlay does, under a name of its own
    (pages may share their resources) and not a random one (the same input gives the same bytes)."""
    form = folio.as_form_xobject()
    name = page.add_resource(form, Name.XObject, Name(f"/HandbookFolio{number}"))
    placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)  # the page's drawing state does not leak into the folio
    page.contents_add(b"Q\n" + placement)
    page.contents_coalesce()


def _saved(pdf: Pdf) -> bytes:
    written = BytesIO()
    # The id from the content, not the clock; objects packed in streams as WeasyPrint does.
    pdf.save(
        written,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        linearize=False,
    )
    return written.getvalue()


def _destinations(book: Pdf) -> NameTree:
    if Name.Names not in book.Root:
        book.Root.Names = book.make_indirect(Dictionary())
    if Name.Dests not in book.Root.Names:
        book.Root.Names.Dests = NameTree.new(book).obj
    return NameTree(book.Root.Names.Dests)


def _named(pdf: Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    names = pdf.Root.get(Name.Names)
    if names is not None and Name.Dests in names:
        yield from NameTree(names.Dests).items()


def _copied_outline(book: Pdf, source: Pdf) -> list[OutlineItem]:
    """The source's bookmarks, their destinations made the book's (its pages are copied by now)."""

    def copied(item: OutlineItem) -> OutlineItem:
        destination = item.destination
        if isinstance(destination, Array):
            destination = _copy(book, source, destination)
        new = OutlineItem(item.title, destination)
        new.children = [copied(child) for child in item.children]
        return new

    with source.open_outline() as outline:
        return [copied(item) for item in outline.root]


def _link_inside(book: Pdf, links: Mapping[str, str], destinations: NameTree) -> None:
    """A link to a regulation in the book (its address on the site) becomes a link to its page."""
    for page in book.pages:
        for annotation in page.obj.get(Name.Annots, ()):
            action = annotation.get(Name.A)
            if action is None or action.get(Name.S) != Name.URI:
                continue
            address, _, fragment = str(action.URI).partition("#")
            if (prefix := links.get(address)) is None:
                continue
            name = prefix + (fragment or "top")
            if name in destinations:
                del annotation.A
                annotation.Dest = String(name)


class _Structure:
    """The tagged structure (for screen readers): each chapter's elements go under the book's document
    element, their keys in the parent tree moved past the book's."""

    def __init__(self, book: Pdf) -> None:
        root = book.Root.get(Name.StructTreeRoot)
        self.document = _document_element(root) if root is not None else None
        self.book = book
        self.detached: list[Dictionary] = []  # the chapter's elements whose parent becomes the book's document
        if self.document is None:
            return
        self.root = root
        _unwrap_spans(_children_of(self.document, root), root)  # the cover's and contents', as each chapter's
        self.parents = NumberTree(root.ParentTree)
        self.next_key = max((key for key, _ in self.parents.items()), default=-1) + 1

    def detach(self, source: Pdf) -> None:
        """Before any copy, the chapter's elements let go of its document element (a copied element
        must not drag its old tree along): its kids, and the elements WeasyPrint gives it as a parent
        without listing them (the text of page margins), which the parent tree names."""
        self.detached = []
        if self.document is None or (document := _source_document(source)) is None:
            return
        children = _children_of(document, source.Root.StructTreeRoot)
        _unwrap_spans(children, source.Root.StructTreeRoot)
        for element in children:
            del element.P
            self.detached.append(element)

    def join(self, source: Pdf, first: int) -> None:
        if self.document is None or (document := _source_document(source)) is None:
            return
        offset = self.next_key
        for page in self.book.pages[first:]:
            if Name.StructParents in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get(Name.Annots, ()):
                if Name.StructParent in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        kids = self.document.get(Name.K)
        if not isinstance(kids, Array):
            self.document.K = kids = Array([] if kids is None else [kids])
        kids.extend(_copy(self.book, source, element) for element in _kids(document))
        for element in self.detached:
            _copy(self.book, source, element).P = self.document
        source_parents = source.Root.StructTreeRoot.get(Name.ParentTree)
        last = -1
        if source_parents is not None:
            for key, value in NumberTree(source_parents).items():
                self.parents[key + offset] = _copy(self.book, source, value)
                last = max(last, key)
        self.next_key = offset + last + 1
        self.root.ParentTreeNextKey = self.next_key


def _document_element(root: Dictionary) -> Dictionary | None:
    kids = root.get(Name.K)
    if isinstance(kids, Array) and len(kids) == 1:
        kids = kids[0]
    return kids if isinstance(kids, Dictionary) else None


def _source_document(source: Pdf) -> Dictionary | None:
    root = source.Root.get(Name.StructTreeRoot)
    return _document_element(root) if root is not None else None


_PLAIN_SPAN = {"/K", "/P", "/Pg", "/S", "/Type"}  # a span with no attributes: no language, no alternative text


def _unwrap_spans(children: list[Dictionary], root: Dictionary) -> None:
    """Each span that only wraps marked content gives it to its parent: a screen reader reads the same,
    and WeasyPrint wraps every run of text in one, which made half of a chapter's elements (the book
    is held whole in memory while it is joined). The parent tree then names the parent. `children`: the
    document element's, page-margin text included (see _children_of)."""
    unwrapped: dict[tuple[int, int], Dictionary] = {}

    def marks_of(span: pikepdf.Object) -> list[pikepdf.Object] | None:
        """Its marked content (content ids, references to them), if it is a span of that alone."""
        if not (
            isinstance(span, Dictionary)
            and span.is_indirect  # the parent tree names it by its object number
            and span.get(Name.S) == Name.Span
            and set(span.keys()) <= _PLAIN_SPAN
            and Name.Pg in span
        ):
            return None
        marks = _kids(span)
        is_mark = lambda kid: isinstance(kid, int) or (isinstance(kid, Dictionary) and kid.get(Name.Type) == Name.MCR)  # noqa: E731
        return marks if marks and all(is_mark(kid) for kid in marks) else None

    def visit(element: Dictionary) -> None:  # its kids first: a span of spans is a span of text once they go
        for kid in _kids(element):
            if isinstance(kid, Dictionary) and kid.get(Name.Type) not in (Name.MCR, Name.OBJR):
                visit(kid)
        kids, changed = [], False
        for kid in _kids(element):
            if (marks := marks_of(kid)) is None:
                kids.append(kid)
                continue
            on_its_page = Name.Pg in element and element.Pg.objgen == kid.Pg.objgen
            for mark in marks:
                kids.append(
                    mark
                    if isinstance(mark, Dictionary) or on_its_page
                    else Dictionary(Type=Name.MCR, Pg=kid.Pg, MCID=int(mark))
                )
            unwrapped[kid.objgen] = element
            changed = True
        if changed:
            element.K = Array(kids)

    for child in children:  # of the document, which has no page of its own: text goes no higher
        visit(child)
    for marked in _parent_tree_values(root):
        if isinstance(marked, Array):
            for index, element in enumerate(marked):
                if isinstance(element, Dictionary) and element.objgen in unwrapped:
                    while element.objgen in unwrapped:  # a span of spans: to the first that stays
                        element = unwrapped[element.objgen]
                    marked[index] = element


def _children_of(document: Dictionary, root: Dictionary) -> list[Dictionary]:
    """The elements whose parent is `document`: its kids, and those found climbing from what the
    parent tree names (WeasyPrint leaves the text of page margins out of the document's kids)."""
    children = {kid.objgen: kid for kid in _kids(document) if isinstance(kid, Dictionary)}
    climbed: set[tuple[int, int]] = set()
    for element in _parent_tree_elements(root):
        while isinstance(element, Dictionary) and element.objgen not in climbed and Name.P in element:
            climbed.add(element.objgen)
            if element.P.objgen == document.objgen:
                children.setdefault(element.objgen, element)
                break
            element = element.P
    return [child for child in children.values() if Name.P in child and child.P.objgen == document.objgen]


def _parent_tree_values(root: Dictionary) -> Iterator[pikepdf.Object]:
    if Name.ParentTree in root:
        for _, value in NumberTree(root.ParentTree).items():
            yield value


def _parent_tree_elements(root: Dictionary) -> Iterator[pikepdf.Object]:
    for value in _parent_tree_values(root):
        yield from value if isinstance(value, Array) else [value]


def _kids(element: Dictionary) -> list[pikepdf.Object]:
    kids = element.get(Name.K)
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def _font_descriptors(pdf: Pdf) -> Iterator[tuple[Dictionary, Dictionary]]:
    """(CIDFont, its descriptor) of every embedded font, on pages and in their forms (the page numbers)."""
    return _font_descriptors_of(pdf.pages)


def _font_descriptors_of(pages: Sequence[pikepdf.Page]) -> Iterator[tuple[Dictionary, Dictionary]]:
    seen: set[tuple[int, int]] = set()

    def fonts(resources: Dictionary) -> Iterator[tuple[Dictionary, Dictionary]]:
        for font in resources.get(Name.Font, Dictionary()).values():
            for descendant in font.get(Name.DescendantFonts, ()):
                if descendant.objgen not in seen and Name.FontDescriptor in descendant:
                    seen.add(descendant.objgen)
                    yield descendant, descendant.FontDescriptor
        for form in resources.get(Name.XObject, Dictionary()).values():
            if form.get(Name.Subtype) == Name.Form and Name.Resources in form and form.objgen not in seen:
                seen.add(form.objgen)
                yield from fonts(form.Resources)

    for page in pages:
        yield from fonts(page.obj.get(Name.Resources, Dictionary()))


def _font_file(descriptor: Dictionary) -> Name | None:
    return next((key for key in (Name.FontFile3, Name.FontFile2) if key in descriptor), None)


def _glyphs(cid_font: Dictionary) -> set[int]:
    """The glyph ids the text uses: those its widths name (CID = glyph id, WeasyPrint's Identity map)."""
    return set(_widths(cid_font.get(Name.W, Array())))


def _widths(w: Array) -> dict[int, object]:
    """Glyph id -> width, of a font's /W."""
    widths: dict[int, object] = {}
    items, index = list(w), 0
    while index < len(items):
        if isinstance(items[index + 1], Array):  # c [w1 w2 …]
            widths.update(enumerate(items[index + 1], start=int(items[index])))
            index += 2
        else:  # c_first c_last w
            widths.update(dict.fromkeys(range(int(items[index]), int(items[index + 1]) + 1), items[index + 2]))
            index += 3
    return widths


def _share_font_programs(pdf: Pdf) -> None:
    """A font embedded twice (the text's, the page numbers') is embedded once where one subset holds
    the other's glyphs: cheap, for a regulation's PDF."""
    by_name: dict[str, list[tuple[Dictionary, set[int]]]] = {}
    for cid_font, descriptor in _font_descriptors(pdf):
        if _font_file(descriptor) is not None:
            by_name.setdefault(str(descriptor.FontName), []).append((descriptor, _glyphs(cid_font)))
    for subsets in by_name.values():
        widest_descriptor, widest = max(subsets, key=lambda subset: len(subset[1]))
        key = _font_file(widest_descriptor)
        for descriptor, glyphs in subsets:
            if glyphs <= widest and _font_file(descriptor) == key:
                descriptor[key] = widest_descriptor[key]


def _read_now(page: Dictionary) -> None:
    """The streams of a copied page read into the book (pikepdf copies them lazily, from their file), so
    that their chapter can be closed."""
    seen: set[tuple[int, int]] = set()
    pending: list[pikepdf.Object] = [page]
    while pending:
        value = pending.pop()
        if value.is_indirect:
            if value.objgen in seen:
                continue
            seen.add(value.objgen)
        if isinstance(value, pikepdf.Stream):
            value.write(value.read_raw_bytes(), filter=value.get(Name.Filter), decode_parms=value.get(Name.DecodeParms))
            pending.extend(item for key, item in value.stream_dict.items() if _followed(key, item))
        elif isinstance(value, Dictionary):
            pending.extend(item for key, item in value.items() if _followed(key, item))
        elif isinstance(value, Array):
            pending.extend(item for item in value if isinstance(item, _CONTAINERS))


_CONTAINERS = (Dictionary, Array, pikepdf.Stream)
_NOT_FOLLOWED = {"/Parent", "/P", "/W", "/Widths"}  # up the tree, or numbers only


def _followed(key: str, value: object) -> bool:
    return isinstance(value, _CONTAINERS) and key not in _NOT_FOLLOWED


class _Faces:
    """The installed faces the chapters use, by font name: their programs are left out of the book as
    each chapter is copied, and one subset per face put in at the end."""

    def __init__(self) -> None:
        self.names: dict[str, str | None] = {}  # font name (ABCDEF+Noto-Sans-CJK-SC) -> PostScript name
        # (program key, face) -> the face's shared /W, and the widths it will hold
        self.widths: dict[tuple[Name, str], tuple[Array, dict[int, object]]] = {}

    def leave_out(self, source: Pdf) -> None:
        for _, descriptor in _font_descriptors(source):
            if (key := _font_file(descriptor)) is None:
                continue
            font_name = str(descriptor.FontName)
            if font_name not in self.names:
                self.names[font_name] = postscript_name(descriptor[key].read_bytes())
            if self.names[font_name] is not None and installed(self.names[font_name]):
                self.names[font_name + str(key)] = self.names[font_name]
                del descriptor[key]  # the face's subset, in the book at the end

    def share_widths(self, book: Pdf, pages: Sequence[pikepdf.Page]) -> None:
        """The widths of a face's glyphs (/W) are the face's: the chapters' fonts of a face left out
        share one /W, filled in at the end (see fill_shared_widths), rather than each keep its own list
        while the book is made. A font whose widths disagree keeps its own."""
        for cid_font, descriptor in _font_descriptors_of(pages):
            if (left_out := self.left_out(descriptor)) is None or Name.W not in cid_font:
                continue
            shared, widths = self.widths.setdefault(left_out, (book.make_indirect(Array()), {}))
            if cid_font.W.is_indirect and cid_font.W.objgen == shared.objgen:
                continue
            own = _widths(cid_font.W)
            if all(widths.get(glyph, width) == width for glyph, width in own.items()):
                widths.update(own)
                cid_font.W = shared

    def fill_shared_widths(self) -> None:
        """Each face's shared /W filled: c [w1 w2 …] for each run of glyph ids."""
        for shared, widths in self.widths.values():
            runs: list[object] = []
            for glyph in sorted(widths):
                if runs and glyph == runs[-2] + len(runs[-1]):
                    runs[-1].append(widths[glyph])
                else:
                    runs += [glyph, [widths[glyph]]]
            shared.extend(Array(run) if isinstance(run, list) else run for run in runs)

    def left_out(self, descriptor: Dictionary) -> tuple[Name, str] | None:
        """(key of its program, PostScript name) of a descriptor whose program was left out."""
        for key in (Name.FontFile3, Name.FontFile2):
            if (name := self.names.get(f"{descriptor.FontName}{key}")) is not None:
                return key, name
        return None


def _unite_fonts(pdf: Pdf, faces: _Faces) -> None:
    """Every face once: one subset of the installed face with the glyphs of all its subsets, put where
    a chapter's program was left out or a subset of the face is (the front's, the page numbers')."""
    united: dict[tuple[str, Name], tuple[list[Dictionary], set[int]]] = {}
    counted: set[tuple[int, int]] = set()  # the shared widths' objects, read once
    for cid_font, descriptor in _font_descriptors(pdf):
        if (left_out := faces.left_out(descriptor)) is None:
            if (key := _font_file(descriptor)) is None:
                continue
            if (name := postscript_name(descriptor[key].read_bytes())) is None or not installed(name):
                continue  # not a face of this machine: its subsets stay as they are
            left_out = key, name
        key, name = left_out
        descriptors, glyphs = united.setdefault((name, key), ([], set()))
        descriptors.append(descriptor)
        widths = cid_font.get(Name.W)
        shared = widths is not None and widths.is_indirect
        if not shared or widths.objgen not in counted:
            glyphs |= _glyphs(cid_font)
        if shared:
            counted.add(widths.objgen)
    for (name, key), (descriptors, glyphs) in sorted(united.items()):
        if (program := font_union(name, glyphs)) is None:
            raise ValueError(f"the font {name} cannot be subset to the book's glyphs")
        extra = {"/Subtype": Name.OpenType} if key == Name.FontFile3 else {"/Length1": len(program)}
        stream = pdf.make_stream(program, Dictionary(extra))
        for descriptor in descriptors:
            descriptor[key] = stream
