"""The printed handbook: which regulations, in what order, and their text made one document.

The site has one page per regulation; the PDF is one document, so every
regulation's anchors get its own prefix (`#art-10` of OPS-GEN-001 becomes
`#ops-gen-001-art-10`), links between regulations become links inside the
PDF, and links to the rest of the site point at the published site. Nothing
here knows about MkDocs or WeasyPrint: it turns HTML strings into HTML strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .review import ReviewStatus
from .state import RegulationState
from .views import REVIEW_ORDER

_ATTRIBUTE = re.compile(r'\b(id|href|src)="([^"]*)"')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def anchor_prefix(regulation_id: str) -> str:
    """The prefix of a regulation's anchors in the PDF: OPS-GEN-001 -> ops-gen-001-."""
    return regulation_id.lower() + "-"


def printed(states: list[RegulationState]) -> list[RegulationState]:
    """The regulations the PDF holds: everything but drafts, which are not in force."""
    return [state for state in states if state.review is not ReviewStatus.DRAFT]


def review_summary(states: list[RegulationState]) -> tuple[tuple[str, int], ...]:
    """How many printed regulations are in each review state, attention first."""
    counts = Counter(state.review.value for state in states)
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
        return f'href="{urljoin(site_url, path)}{"#" + target.fragment if target.fragment else ""}"'

    return _ATTRIBUTE.sub(rewrite, _PERMALINK.sub("", html))
