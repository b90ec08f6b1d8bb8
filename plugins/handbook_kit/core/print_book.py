"""The printed handbook: which regulations, in what order, each regulation's text as a chapter.

Each regulation is printed as a book of its own, and the handbook's book is
made of those chapters (its PDF is joined from theirs). Every regulation's
anchors get its own prefix (`#art-10` of OPS-GEN-001 becomes
`#ops-gen-001-art-10`), so that they stay apart in the joined book; a link to
its own articles stays inside its PDF, and any other link points at the
published site (the joined book turns links to other regulations inward).
Nothing here knows about MkDocs or WeasyPrint: it turns HTML strings into HTML
strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .language_build import LanguageBuild
from .raci import RaciTable
from .review import ReviewStatus
from .state import RegulationState
from .views import REVIEW_ORDER, RegulationView

_ATTRIBUTE = re.compile(r'\b(id|href|src)="([^"]*)"')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class SitePage:
    """A regulation's page of the built site, as the print book takes it (in navigation order)."""

    src_uri: str
    url: str  # site-relative
    section: str  # the title of its navigation section ("" at the top level)
    html: str  # its content, rendered


@dataclass(frozen=True)
class PrintChapter:
    view: RegulationView
    raci: RaciTable | None
    prefix: str  # its anchors in the book: ops-gen-001-
    body: str  # its text, anchors prefixed and links made to work on paper
    address: str  # its page's address, where other chapters' links to it point (the book turns them inward)
    text_lang: str = ""  # the language tag of its text when that is not the book's (the source, untranslated)

    @property
    def modified(self) -> str:
        """When its current version came in: the date `revisions` gives it, else its effective date."""
        dates = [revision.date for revision in self.view.revisions if revision.version == self.view.version]
        return max(dates, default=self.view.effective_date)


@dataclass(frozen=True)
class PrintSection:
    title: str
    chapters: tuple[PrintChapter, ...]


@dataclass(frozen=True)
class PrintBook:
    """What the print template makes a PDF of, in one language."""

    lang: str  # the document's language tag: zh-Hans, en
    title: str
    description: str
    author: str
    today: str
    site_url: str  # this language's home on the published site, or ""
    summary: tuple[tuple[str, int], ...]  # (review status, number of regulations), attention first
    sections: tuple[PrintSection, ...]

    @property
    def chapters(self) -> tuple[PrintChapter, ...]:
        return tuple(chapter for section in self.sections for chapter in section.chapters)


def print_book(
    build: LanguageBuild,
    regulations: Mapping[str, PrintBook],
    *,
    title: str,
    description: str,
    author: str,
    site_root: str,
) -> PrintBook:
    """The handbook's book: the chapters of the regulations' own books (regulation_books, in the order
    of the navigation), grouped by section. Its PDF is joined from theirs."""
    sections: dict[str, list[PrintChapter]] = {}
    for alone in regulations.values():
        for section in alone.sections:
            sections.setdefault(section.title, []).extend(section.chapters)
    return PrintBook(
        lang=document_language(build.language),
        title=title,
        description=description,
        author=author,
        today=build.today.isoformat(),
        site_url=site_root + build.root if site_root else "",
        summary=review_summary(chapter.view.review for chapters in sections.values() for chapter in chapters),
        sections=tuple(PrintSection(section, tuple(chapters)) for section, chapters in sections.items()),
    )


def regulation_books(
    build: LanguageBuild, pages: Sequence[SitePage], *, title: str, site_root: str, site_dir: str
) -> dict[str, PrintBook]:
    """Each printed regulation among `pages` as a book of its own, by id, its author its owner: its links
    to other regulations point at their pages on the published site (the handbook PDF, joined from these,
    turns them into links inside the book)."""
    books = {}
    for page, state in printed(build, pages):
        regulation_id, prefix = state.record.regulation.id, anchor_prefix(state.record.regulation.id)
        body = chapter_html(page.url, page.html, prefix, {page.url: prefix}, site_root, site_dir)
        view = build.view(state)
        untranslated = build.language != state.record.language and state.record.translation is None
        text_lang = document_language(state.record.language) if untranslated else ""
        books[regulation_id] = PrintBook(
            lang=document_language(build.language),
            title=title,
            description="",
            author=view.owner.name,
            today=build.today.isoformat(),
            site_url=site_root + build.root if site_root else "",
            summary=review_summary([view.review]),
            sections=(
                PrintSection(
                    page.section,
                    (
                        PrintChapter(
                            view,
                            build.raci(state),
                            prefix,
                            body,
                            page_address(page.url, site_root, site_dir),
                            text_lang,
                        ),
                    ),
                ),
            ),
        )
    return books


def printed(build: LanguageBuild, pages: Sequence[SitePage]) -> list[tuple[SitePage, RegulationState]]:
    """The printed regulations among `pages`, in their order, with their state."""
    return [(page, state) for page in pages if (state := build.pages.get(page.src_uri)) and is_printed(state)]


def page_address(url: str, site_url: str, site_dir: str) -> str:
    """Where a link to the page at site-relative `url` points from a PDF: the published site, else the
    page in the built site."""
    return urljoin(site_url or Path(site_dir).resolve().as_uri() + "/", url)


def document_language(language: str) -> str:
    """The language tag of a printed document: zh-Hans (Simplified Chinese), en."""
    return "zh-Hans" if language == "zh" else language


def anchor_prefix(regulation_id: str) -> str:
    """The prefix of a regulation's anchors in the PDF: OPS-GEN-001 -> ops-gen-001-."""
    return regulation_id.lower() + "-"


def is_printed(state: RegulationState) -> bool:
    """The PDF holds every regulation but drafts, which are not in force."""
    return state.review is not ReviewStatus.DRAFT


def review_summary(reviews: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """How many printed regulations are in each review state (ReviewStatus values), attention first."""
    counts = Counter(reviews)
    return tuple((status.value, counts[status.value]) for status in REVIEW_ORDER if counts[status.value])


def chapter_html(url: str, html: str, prefix: str, targets: Mapping[str, str], site_url: str, site_dir: str) -> str:
    """One regulation's content (`html`, its page at site-relative `url`) as a chapter of the PDF.

    `targets` maps the site-relative URL of every printed page to its anchor
    prefix. Ids get `prefix`; a link to a printed page (this one or another)
    becomes a link inside the PDF; any other link points at the published site;
    an image is read from the built site (the only files the PDF may read).
    """
    page_path = "/" + url

    def rewrite(match: re.Match[str]) -> str:
        name, value = match.groups()
        if name == "id":
            return f'id="{prefix}{value}"'
        if urlsplit(value).scheme or value.startswith("//"):
            return match.group(0)  # mailto:, https:, ... unchanged
        target = urlsplit(urljoin(page_path, value))
        path = target.path.lstrip("/")
        if name == "src":
            return f'src="{Path(site_dir, path).as_uri()}"'
        if path in targets:
            fragment = target.fragment or "top"
            return f'href="#{targets[path]}{fragment}"'
        return f'href="{page_address(path, site_url, site_dir)}{"#" + target.fragment if target.fragment else ""}"'

    return _ATTRIBUTE.sub(rewrite, _PERMALINK.sub("", html))
