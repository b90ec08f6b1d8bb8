"""The pages the site generates from the regulations, in every language: one table, keyed by kind.

Each kind of page says where an editor puts it (a `handbook/regulations`
option), which theme template writes its Markdown source, which interface
phrase titles it, and which data the template gets. The plugin walks this table;
nothing else names a page kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .interface_text import InterfaceText

if TYPE_CHECKING:
    from .language_build import LanguageBuild


class PageKind(StrEnum):
    DASHBOARD = "dashboard"
    REGISTER = "register"
    MATRIX = "matrix"
    ROLE = "role"


@dataclass(frozen=True)
class PageType:
    option: str  # the plugin option that says where it goes
    template: str  # the theme template that writes its source
    title: str  # interface phrase of its title ({role} on role pages)
    data: Callable[[LanguageBuild, str], Any]  # what the template gets as `data`, per role if per_role
    per_role: bool = False  # one page per role, in the folder the option names
    wide: bool = False  # one wide table: it gives up the table of contents

    def source_path(self, option_value: str, role: str = "") -> str:
        """Where the page lives within a language: the option's path, or the role's page in its folder."""
        return f"{option_value.strip('/')}/{role}.md" if self.per_role else option_value

    def front_matter(self, text: InterfaceText, role_name: str = "") -> dict[str, Any]:
        """The page as read from "disk": its title and how search treats it; the body comes from the template.

        Generated pages summarise the regulations: search finds them by title
        only (handbook/search indexes those), as their bodies repeat the
        regulations and grow with the handbook.
        """
        meta: dict[str, Any] = {
            "title": text[self.title].format(role=role_name),
            "search": {"exclude": True, "title_only": True},
        }
        if self.wide:
            meta["hide"] = ["toc"]
        return meta


PAGE_TYPES: dict[PageKind, PageType] = {
    PageKind.DASHBOARD: PageType(
        "dashboard", "handbook/review-dashboard.html", "dashboard_title", lambda build, _role: build.dashboard()
    ),
    PageKind.REGISTER: PageType(
        "register", "handbook/register.html", "register_title", lambda build, _role: build.register(), wide=True
    ),
    PageKind.MATRIX: PageType(
        "matrix", "handbook/raci-matrix.html", "matrix_title", lambda build, _role: build.matrix(), wide=True
    ),
    # Reached from role names (cards, matrix), not from the navigation.
    PageKind.ROLE: PageType(
        "role_pages", "handbook/role.html", "role_title", lambda build, role: build.role_duties(role), per_role=True
    ),
}


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page of one language."""

    kind: PageKind
    src_uri: str  # within the site's sources, language folder included: en/governance/reviews.md
    url: str  # site-relative URL
    role: str = ""  # whose page, on role pages

    @property
    def type(self) -> PageType:
        return PAGE_TYPES[self.kind]
