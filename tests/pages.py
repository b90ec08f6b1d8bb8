"""Reading built HTML pages in tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def read_page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_urls(site: Path, language: str) -> set[str]:
    """Site-relative URLs of the pages of one language ("" is the home page)."""
    root = site / "en" if language == "en" else site
    urls = set()
    for index in root.rglob("index.html"):
        relative = index.parent.relative_to(root).as_posix()
        if language == "zh" and relative.split("/")[0] == "en":
            continue
        urls.add("" if relative == "." else relative + "/")
    return urls


def language_links(page: BeautifulSoup) -> dict[str, str]:
    """The header's language switch: hreflang -> href."""
    return {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
