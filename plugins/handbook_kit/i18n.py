"""What our plugins need to know about mkdocs-static-i18n's one build per language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def building_another_language(config: MkDocsConfig) -> bool:
    """True during the builds that mkdocs-static-i18n runs inside the first language's build.

    MkDocs keeps plugin instances for a whole process (`mkdocs serve` rebuilds
    with the same ones), so what a plugin reads once per build it reads again
    when this is False, and reuses while it is True.
    """
    return bool(getattr(config.plugins.get("i18n"), "building", False))
