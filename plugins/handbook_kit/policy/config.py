"""Options of the `handbook/policy` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PolicyConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off, e.g. to compare a build without it."""
