"""One language's build of the site: what the plugins and every template know about the handbook.

mkdocs-static-i18n builds the site once per language. The handbook/regulations
plugin makes one `LanguageBuild` per language build, once that language's files
are known; handbook/search reads the same object, and templates see it as
`handbook`. It is plain data: nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin

from .compare import compare_files
from .exports import changes_feed, register_json, reviews_calendar
from .generated_pages import GeneratedPage, PageKind
from .history_views import (
    ArchivedNotice,
    ChangeRow,
    Comparer,
    ComparisonPage,
    HistoryPage,
    VersionRow,
    archived_notice,
    archived_view,
    comparison_page,
    comparison_url,
    history_page,
    history_url,
    rows_of,
    translator_base,
)
from .history_views import changes as change_rows
from .interface_text import InterfaceText, interface_text
from .raci import RaciTable, RoleDuties, raci_csv, raci_matrix, raci_table, role_duties
from .registry import Handbook, RegulationRecord
from .state import RegulationState, evaluate
from .versions import RegulationHistory
from .views import Register, RegulationView, ReviewDashboard, register, regulation_view, review_dashboard

# What the site publishes for tools at the root of each language.
EXPORTS = ("handbook.json", "reviews.ics", "raci.csv")
FEED = "changes.xml"  # the Atom feed of version changes, with the exports when history is on


@dataclass(frozen=True)
class Alternate:
    """A language of the site, as the header's language switch offers it."""

    name: str  # 中文, English
    lang: str  # zh, en
    home: str  # its home, site-relative: "", "en/"


@dataclass(frozen=True)
class PdfLink:
    url: str  # site-relative: pdf/handbook-zh.pdf
    size: str  # as readers see it: 1.2 MB


@dataclass(frozen=True)
class LanguageBuild:
    language: str  # zh, en
    root: str  # where the language lives in the site: "", "en/"
    today: date
    due_soon_days: int
    text: InterfaceText  # the interface phrases of this language
    handbook: Handbook  # every regulation and role (the same in every language)
    states: tuple[RegulationState, ...]  # by due date, undated last
    pages: Mapping[str, RegulationState]  # src_uri of each regulation's page -> its state
    urls: Mapping[str, str]  # regulation id -> site-relative URL of its page
    generated: Mapping[str, GeneratedPage]  # src_uri of each generated page -> what it is
    alternates: tuple[Alternate, ...] = ()
    pdf: PdfLink | None = None  # the handbook PDF of this language, once written
    regulation_pdfs: Mapping[str, PdfLink] = field(default_factory=dict)  # each printed regulation's, by id
    site_url: str = ""  # where the site is published (exports link there)
    histories: Mapping[str, RegulationHistory] = field(default_factory=dict)  # by id; empty: history is off
    history_lacking: str = ""  # what the history read lacks, and why ("" when complete)
    docs_dir: str = ""  # the docs folder, where the current texts are read for comparisons
    site_name: str = ""  # the feed's title
    changes_url: str = ""  # site-relative URL of the what's-new page, if generated
    comparing: Comparer = compare_files  # how two versions are compared (the plugin's remembers them)

    @classmethod
    def create(
        cls,
        handbook: Handbook,
        *,
        language: str,
        root: str,
        today: date,
        due_soon_days: int,
        page_files: Mapping[str, tuple[str, str]],
        generated: Iterable[GeneratedPage] = (),
        alternates: Iterable[Alternate] = (),
        site_url: str = "",
        histories: Mapping[str, RegulationHistory] | None = None,
        history_lacking: str = "",
        docs_dir: str = "",
        site_name: str = "",
        comparing: Comparer = compare_files,
    ) -> LanguageBuild:
        """`page_files`: a regulation's page (path in its language folder) -> (src_uri, url) in this build."""
        generated = tuple(generated)
        states = tuple(evaluate(handbook, today, due_soon_days))
        pages, urls = {}, {}
        for state in states:
            if found := page_files.get(state.record.page):
                pages[found[0]] = state
                urls[state.record.regulation.id] = found[1]
        return cls(
            language,
            root,
            today,
            due_soon_days,
            interface_text(language, *handbook.languages.all),
            handbook,
            states,
            pages,
            urls,
            {page.src_uri: page for page in generated},
            tuple(alternates),
            site_url=site_url,
            histories=histories or {},
            history_lacking=history_lacking,
            docs_dir=docs_dir,
            site_name=site_name,
            changes_url=next((page.url for page in generated if page.kind is PageKind.CHANGES), ""),
            comparing=comparing,
        )

    @cached_property
    def role_urls(self) -> dict[str, str]:
        """Role key -> site-relative URL of its page, where role pages are generated."""
        return {page.role: page.url for page in self.generated.values() if page.kind is PageKind.ROLE}

    # -- what pages show --------------------------------------------------------------

    @cached_property
    def views(self) -> dict[str, RegulationView]:
        """Every regulation as this language's pages show it, by id, in the order of `states`: made once,
        read by its page, the dashboard, the register, the exports and the PDF."""
        return {
            state.record.regulation.id: regulation_view(
                state,
                self.handbook.roles,
                self.language,
                self.text,
                self.urls.get(state.record.regulation.id, ""),
                self.role_urls,
            )
            for state in self.states
        }

    def view(self, state: RegulationState) -> RegulationView:
        return self.views[state.record.regulation.id]

    def raci(self, state: RegulationState) -> RaciTable | None:
        if not state.record.regulation.raci:
            return None
        return raci_table(
            state.record,
            self.handbook.roles,
            self.language,
            self.urls.get(state.record.regulation.id, ""),
            self.role_urls,
        )

    def dashboard(self) -> ReviewDashboard:
        return review_dashboard(self.views.values(), self.today)

    def register(self) -> Register:
        return register(self.views.values(), self.today)

    def matrix(self) -> list[RaciTable]:
        return raci_matrix(self.handbook, self.language, self.urls, self.role_urls)

    def role_duties(self, role: str) -> RoleDuties:
        return self._duties[role]

    @cached_property
    def _duties(self) -> dict[str, RoleDuties]:
        return role_duties(self.handbook, self.language, self.urls, self.role_urls)

    # -- history -------------------------------------------------------------------------

    @cached_property
    def records(self) -> dict[str, RegulationRecord]:
        return {record.regulation.id: record for record in self.handbook.regulations}

    def history_url(self, regulation_id: str) -> str:
        """Site-relative URL of a regulation's history page ("" without history)."""
        url = self.urls.get(regulation_id, "")
        return history_url(url) if url and regulation_id in self.histories else ""

    def alternate_links(self, url: str) -> list[dict[str, str]]:
        """The language switch of a page at site-relative `url` that exists at the same path in every
        language (as Material reads it from `extra.alternate`)."""
        path = url.removeprefix(self.root)
        return [
            {"name": language.name, "lang": language.lang, "link": language.home + path} for language in self.alternates
        ]

    def regulation_pdf(self, regulation_id: str) -> PdfLink | None:
        """A regulation's own PDF in this language (None: no PDF was written, or it is a draft)."""
        return self.regulation_pdfs.get(regulation_id)

    def history_page(self, regulation_id: str) -> HistoryPage:
        return history_page(
            self.records[regulation_id],
            self.histories[regulation_id],
            self.language,
            self.urls[regulation_id],
            bool(self.history_lacking),
        )

    def archived(self, regulation_id: str, version: str) -> tuple[RegulationView | None, ArchivedNotice]:
        """An archived version's card (None when its metadata no longer read as valid) and its notice."""
        history, url = self.histories[regulation_id], self.urls[regulation_id]
        found = history.get(version)
        assert found is not None
        card = archived_view(
            self.records[regulation_id], found, self.handbook.roles, self.language, self.text, self.role_urls, url
        )
        return card, archived_notice(history, found, self.language, url)

    def comparison(self, regulation_id: str, version: str, base: str) -> ComparisonPage:
        record = self.records[regulation_id]
        languages = self.handbook.languages
        source = Path(self.docs_dir) / languages.source / record.page
        translation = Path(self.docs_dir) / languages.translation / record.page if languages.translation else None
        return comparison_page(
            record,
            self.histories[regulation_id],
            version,
            base,
            self.language,
            self.urls[regulation_id],
            source.read_text(encoding="utf-8-sig"),
            translation.read_text(encoding="utf-8-sig") if translation and record.translation else None,
            self.handbook.roles,
            self.comparing,
        )

    def changes(self) -> tuple[ChangeRow, ...]:
        """Every version change, newest first: the what's-new page and the feed read the same rows."""
        return self._changes

    @cached_property
    def _changes(self) -> tuple[ChangeRow, ...]:
        return change_rows(self.records, self.histories, self.language, self.urls)

    def version_rows(self, regulation_id: str) -> dict[str, VersionRow]:
        """A regulation's versions as its history page lists them (text and comparison links), by version."""
        return self._version_rows.get(regulation_id, {})

    @cached_property
    def _version_rows(self) -> dict[str, dict[str, VersionRow]]:
        return {
            regulation_id: {row.version: row for row in rows_of(history, self.language, self.urls[regulation_id])}
            for regulation_id, history in self.histories.items()
            if regulation_id in self.urls
        }

    def translator_changes_url(self, regulation_id: str) -> str:
        """The source's comparison an outdated translation links to: the current version against the version
        it translates ("" when history does not hold that version)."""
        history, url = self.histories.get(regulation_id), self.urls.get(regulation_id, "")
        base = translator_base(self.records[regulation_id], history) if history and url else ""
        if not base:
            return ""
        previous = history.previous(history.current)
        source_url = url.removeprefix(self.root)  # the source is the default language, at the site's root
        return comparison_url(source_url, history.current.version, base, previous.version if previous else "")

    # -- files for tools --------------------------------------------------------------

    def exports(self) -> dict[str, str | bytes]:
        """The files of EXPORTS, their links absolute (they are read outside the site)."""
        absolute = {regulation_id: urljoin(self.site_url, url) for regulation_id, url in self.urls.items()}
        views = {key: replace(view, url=absolute.get(key, "")) for key, view in self.views.items()}
        files: dict[str, str | bytes] = {
            "handbook.json": register_json(self.states, views, self.language, self.handbook.languages, self.today),
            "reviews.ics": reviews_calendar(self.states, views, self.language, self.text, self.today, self.site_url),
            "raci.csv": raci_csv(raci_matrix(self.handbook, self.language, absolute), self.text),
        }
        if self.histories:
            files[FEED] = changes_feed(
                self.changes(),
                self.language,
                self.text,
                self.site_name,
                self.site_url,
                self.root + FEED,
                self.changes_url,
            )
        return files
