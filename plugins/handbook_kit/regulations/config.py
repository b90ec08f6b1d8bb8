"""Options of the `handbook/regulations` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from handbook_kit.core.review import DUE_SOON_DAYS


class RegulationsConfig(Config):
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

    matrix = c.Optional(c.Type(str))
    """Where the handbook-wide responsibility (RACI) matrix is generated, e.g. `governance/raci.md`."""

    role_pages = c.Optional(c.Type(str))
    """A folder where one page per role is generated ("what X is responsible for"), e.g. `governance/roles`."""

    changes = c.Optional(c.Type(str))
    """Where the list of every version change ("what's new") is generated, e.g. `governance/changes.md`."""

    history = c.Type(bool, default=True)
    """Read every regulation's versions from git: its history page, each archived version's text and the
    comparison of each version with the one before (`<page>history/`, `<page>v/<version>/`,
    `<page>v/<version>/changes/`), and the Atom feed `changes.xml` with the exports."""

    exports = c.Type(bool, default=True)
    """Publish `handbook.json`, `reviews.ics` and `raci.csv` at the root of each language."""

    pdf = c.Type(bool, default=True)
    """Write the handbook as one PDF per language (`mkdocs serve` never does: it would on every save)."""

    pdf_dir = c.Type(str, default="pdf")
    """Where the PDFs go in the site: `pdf/handbook-zh.pdf`, `pdf/handbook-en.pdf`."""
