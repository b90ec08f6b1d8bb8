"""The pages the site generates from the regulations, in every language: one table, keyed by kind.

Each kind of page says where an editor puts it (a `handbook/regulations`
option), which theme template writes its Markdown source, which interface
phrase titles it, and which data the template gets. The plugin walks this table;
nothing else names a page kind.

Site-wide pages live where their option says; role pages in the option's
folder; a regulation's history pages hang off its own page (`<page>history/`,
`<page>v/<version>/`, `<page>v/<version>/changes/`), made where history holds
them and written after the build (regulations/history_pages.py), not as MkDocs pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from .interface_text import InterfaceText

if TYPE_CHECKING:
    from .language_build import LanguageBuild


class PageKind(StrEnum):
    DASHBOARD = "dashboard"
    REGISTER = "register"
    MATRIX = "matrix"
    ROLE = "role"
    CHANGES = "changes"  # what's new, handbook-wide
    HISTORY = "history"  # one regulation's versions
    VERSION = "version"  # an archived version's text
    COMPARISON = "comparison"  # the 修订对照表 of a version against an earlier one


Scope = Literal["site", "role", "regulation", "version"]


@dataclass(frozen=True)
class PageType:
    option: str  # the plugin option that says where it goes (or, for history pages, whether)
    template: str  # the theme template that writes its source ("": the source is the archived text)
    title: str  # interface phrase of its title ({role}, {title}, {version}, {old}, {new} filled in)
    data: Callable[[LanguageBuild, GeneratedPage], Any]  # what the template gets as `data`
    scope: Scope = "site"  # one page in all, per role, per regulation with history, per archived version
    wide: bool = False  # one wide table: it gives up the table of contents
    searchable: bool = False  # indexed whole (else by title only)

    def source_path(self, option_value: str, role: str = "") -> str:
        """Where a site or role page lives within a language: the option's path, or the role's page in its folder."""
        return f"{option_value.strip('/')}/{role}.md" if self.scope == "role" else option_value

    def front_matter(self, text: InterfaceText, **values: str) -> dict[str, Any]:
        """The page as read from "disk": its title and how search treats it; the body comes from the template.

        Generated pages summarise the regulations: search finds them by title
        only (handbook/search indexes those), as their bodies repeat the
        regulations and grow with the handbook. (A regulation's history pages
        are no MkDocs pages: regulations/history_pages.py writes them.)
        """
        meta: dict[str, Any] = {"title": text[self.title].format(**values)}
        if not self.searchable:
            meta["search"] = {"exclude": True, "title_only": True}
        if self.wide:
            meta["hide"] = ["toc"]
        return meta


PAGE_TYPES: dict[PageKind, PageType] = {
    PageKind.DASHBOARD: PageType(
        "dashboard", "handbook/review-dashboard.html", "dashboard_title", lambda build, _page: build.dashboard()
    ),
    PageKind.REGISTER: PageType(
        "register", "handbook/register.html", "register_title", lambda build, _page: build.register(), wide=True
    ),
    PageKind.MATRIX: PageType(
        "matrix", "handbook/raci-matrix.html", "matrix_title", lambda build, _page: build.matrix(), wide=True
    ),
    # Reached from role names (cards, matrix), not from the navigation.
    PageKind.ROLE: PageType(
        "role_pages", "handbook/role.html", "role_title", lambda build, page: build.role_duties(page.role), scope="role"
    ),
    PageKind.CHANGES: PageType(
        "changes", "handbook/changes.html", "changes_title", lambda build, _page: build.changes(), searchable=True
    ),
    PageKind.HISTORY: PageType(
        "history",
        "handbook/history.html",
        "history_title",
        lambda build, page: build.history_page(page.regulation_id),
        scope="regulation",
    ),
    # An archived text: its source is the text as it stood, converted by MkDocs (no template).
    PageKind.VERSION: PageType("history", "", "version_title", lambda build, page: None, scope="version"),
    PageKind.COMPARISON: PageType(
        "history",
        "handbook/comparison.html",
        "comparison_title",
        lambda build, page: build.comparison(page.regulation_id, page.version, page.base_version),
        scope="version",
    ),
}


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page of one language."""

    kind: PageKind
    src_uri: str  # within the site's sources, language folder included: en/governance/reviews.md
    url: str  # site-relative URL
    role: str = ""  # whose page, on role pages
    regulation_id: str = ""  # on a regulation's history pages
    version: str = ""  # on version and comparison pages: the version shown, or compared
    base_version: str = ""  # on comparison pages: the version it is compared with

    @property
    def type(self) -> PageType:
        return PAGE_TYPES[self.kind]
