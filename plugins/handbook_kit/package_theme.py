"""The templates, styles and script of the handbook, shipped in the package (theme/).

Both plugins add the folder to the site's theme, just before Material's own
templates: a site needs `theme: material` and the plugin entries, and its
`custom_dir` (searched first) overrides any of our templates, such as
`partials/handbook/regulation-card.html`, for its own customisations only.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_theme_dir

THEME = Path(__file__).parent / "theme"
STYLES = "assets/stylesheets/handbook.css"  # the card, badges, notices, tables
SCRIPT = "assets/javascripts/handbook.js"  # the responsibility matrix's filter


def add_package_theme(config: MkDocsConfig, plugin: str) -> None:
    """Our templates and assets in the theme's search path, our styles and script in the page's head and
    foot (as extra_css and extra_javascript: a site's own main.html keeps them; first, so that the site's
    own can override them). Once: a second language's build keeps them."""
    if config.theme.name != "material":
        raise PluginError(
            f"{plugin}: the handbook's templates extend Material for MkDocs; "
            f"set `theme: name: material` in mkdocs.yml (it is {config.theme.name!r})"
        )
    if STYLES not in config.extra_css:
        config.extra_css.insert(0, STYLES)
    if SCRIPT not in (str(script) for script in config.extra_javascript):
        config.extra_javascript.insert(0, SCRIPT)
    dirs = config.theme.dirs
    if str(THEME) in dirs:
        return
    material = get_theme_dir("material")
    dirs.insert(dirs.index(material) if material in dirs else len(dirs), str(THEME))
