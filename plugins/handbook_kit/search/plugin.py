"""Events of the `handbook/search` plugin.

Material's search plugin segments Chinese with jieba only if jieba imports, and
silently indexes whole sentences otherwise. This plugin makes a missing jieba a
build error and teaches jieba the handbook's terms before any page is indexed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from handbook_kit.core.search_terms import SearchTermsError, load_search_terms

from .config import SearchTermsConfig

log = get_plugin_logger(__name__)


class SearchTermsPlugin(BasePlugin[SearchTermsConfig]):
    """Loads the handbook's user dictionary into jieba."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        try:
            import jieba
        except ImportError:
            raise PluginError(
                "handbook/search: jieba is not installed, so Chinese search would not work "
                "(install the project with `pip install -e .` or run `make build`)"
            ) from None
        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not ours
        if self.config.user_dictionary:
            path = Path(self.config.user_dictionary)
            try:
                terms = load_search_terms(path)
            except SearchTermsError as error:
                raise PluginError(f"handbook/search: {error}") from None
            # jieba's dictionary is process-wide; adding a word twice is harmless.
            for term in terms:
                jieba.add_word(term.word, term.frequency, term.tag)
            log.debug("taught jieba %d handbook terms from %s", len(terms), path)
        return None
