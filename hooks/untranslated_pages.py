"""Site glue: mark the pages mkdocs-static-i18n shows in Chinese for want of a translation.

With `fallback_to_default: true` the English site shows the Chinese page where
there is no English file; `partials/content.html` then says so above the text
(`partials/handbook/untranslated.html`). A regulation says it in its own
notices instead (handbook/regulations). Stateless: the page's file knows its
language, the configuration this build's.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    locale = getattr(page.file, "locale", None)  # set by mkdocs-static-i18n on the files it chose
    context["untranslated"] = locale is not None and locale != config.theme.get("language")
    return context
