"""Options of the `handbook/search` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (Material's search then works as it ships)."""

    user_dictionary = c.Optional(c.File(exists=True))
    """Terms jieba must keep whole beyond those found in the content, one per line (relative to mkdocs.yml)."""

    terms_from_content = c.Type(bool, default=True)
    """Teach jieba the role names, regulation titles and defined terms of the handbook."""

    scope_by_language = c.Type(bool, default=True)
    """One search index per language: readers of a language get results in that language."""
