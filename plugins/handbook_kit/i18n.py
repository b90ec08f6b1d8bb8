"""What our plugins need to know about mkdocs-static-i18n's one build per language."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from handbook_kit.core.languages import Languages, LanguagesError, read_languages


def handbook_languages(config: MkDocsConfig, plugin: str) -> Languages:
    """The handbook's languages, as its configuration file lists them for the i18n plugin (the default
    one is the source), read as the `handbook` command reads them."""
    try:
        return read_languages(Path(config.config_file_path or ""))
    except LanguagesError as error:
        raise PluginError(f"{plugin}: {error}") from None


def building_another_language(config: MkDocsConfig) -> bool:
    """True during the builds that mkdocs-static-i18n runs inside the first language's build.

    MkDocs keeps plugin instances for a whole process (`mkdocs serve` rebuilds
    with the same ones), so what a plugin reads once per build it reads again
    when this is False, and reuses while it is True.
    """
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def language_root(files: Files) -> str:
    """Where this build's language lives in the site: "" for the default language, "en/" for English."""
    home = files.get_file_from_path("index.md")
    folder = posixpath.dirname(home.dest_uri) if home else ""
    return f"{folder}/" if folder else ""
