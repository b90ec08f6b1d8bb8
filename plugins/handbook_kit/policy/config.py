"""Options of the `handbook/policy` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from handbook_kit.core.review import DUE_SOON_DAYS


class PolicyConfig(Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off, e.g. to compare a build without it."""

    due_soon_days = c.Type(int, default=DUE_SOON_DAYS)
    """A review is "due soon" this many days before its due date."""

    fail_on_overdue = c.Type(bool, default=False)
    """Fail the build itself when a review is overdue (`handbook check` is the usual gate)."""

    dashboard = c.Optional(c.Type(str))
    """Where the review dashboard is generated in each language, e.g. `governance/reviews.md`."""

    register = c.Optional(c.Type(str))
    """Where the register of regulations is generated in each language, e.g. `governance/register.md`."""

    exports = c.Type(bool, default=True)
    """Publish `handbook.json` and `reviews.ics` at the root of each language."""
