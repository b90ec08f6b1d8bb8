"""Untrusted text placed into generated Markdown source must stay text."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Python-Markdown's backslash-escapable characters (Markdown.ESCAPED_CHARS); `<` and `>`
# are HTML-escaped instead.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def escape_markdown(text: object) -> Markup:
    """Text that renders as itself in Markdown: HTML-escaped, punctuation backslash-escaped, one line.

    Marked safe, so a template's autoescape does not escape it a second time.
    """
    one_line = " ".join(str(text).split())
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(one_line, quote=False)))
