"""Options of the `handbook/search` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchTermsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (Chinese search then uses jieba's general dictionary only)."""

    user_dictionary = c.Optional(c.File(exists=True))
    """Handbook terms that jieba must keep whole, one per line (relative to mkdocs.yml)."""
