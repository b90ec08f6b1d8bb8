"""The big HTML blocks of a generated page, kept out of Markdown's way.

A generated page is written as Markdown, so that its headings make the table
of contents, with its tables in HTML. Python-Markdown parses raw HTML to find
where each block ends: on a matrix or a register of hundreds of regulations
that was most of the build. The page's template hands each such block to
`keep` (`{% call html_block() %}…{% endcall %}`), which leaves a placeholder
comment in the Markdown; `restore` puts the blocks back into the HTML that
Markdown made, as they were written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!-- handbook-html-block (\d+) -->")


class HtmlBlocks:
    def __init__(self) -> None:
        self._blocks: list[str] = []

    def keep(self, caller: Callable[[], str]) -> Markup:
        """The block `caller` renders, as a placeholder block of its own in the Markdown."""
        self._blocks.append(caller().strip())
        return Markup(f"\n\n<!-- handbook-html-block {len(self._blocks) - 1} -->\n\n")

    def restore(self, html: str) -> str:
        return _PLACEHOLDER.sub(lambda match: self._blocks[int(match.group(1))], html)
