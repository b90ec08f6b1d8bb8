"""The handbook's languages: the one its regulations are written in, and the one they are translated into.

They are configured once, as the languages of mkdocs-static-i18n in `mkdocs.yml`:
the default language is the source (its pages carry the metadata and are
served at `/`), the other one, if any, the translation. The plugins and the
CLI read the same lines with `read_languages` (plain YAML, no MkDocs), so both
agree without a second setting; the i18n plugin's own view can differ for a
build (`build_only_locale` makes the one language it builds the default).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .interface_text import LANGUAGES


class LanguagesError(ValueError):
    """The configured languages cannot make a handbook; the message says which and why."""


@dataclass(frozen=True)
class Languages:
    source: str = "zh"
    translation: str | None = "en"

    @property
    def all(self) -> tuple[str, ...]:
        """The source first, then the translation: the order of the site and of front-matter texts."""
        return (self.source, self.translation) if self.translation else (self.source,)

    def is_translation(self, language: str) -> bool:
        """True for pages in a language other than the source: they may lag behind or be missing."""
        return language != self.source

    def describe(self) -> str:
        return ",".join(self.all)


# This handbook's own languages, and what a docs folder without mkdocs.yml is taken to have.
DEFAULT = Languages()


def parse_languages(codes: Iterable[str]) -> Languages:
    """Languages from codes, source first: ("zh", "en"), ("en", "zh"), ("zh",)."""
    codes = [code.strip() for code in codes if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise LanguagesError(
            f"unknown language {unknown[0]!r} (expected {' or '.join(LANGUAGES)}: "
            "the languages handbook-kit's interface text is written in)"
        )
    if not codes or len(codes) > 2 or len(set(codes)) != len(codes):
        raise LanguagesError(
            f"{','.join(codes) or 'no language'}: expected the source language and at most one translation, "
            "such as zh,en or en,zh or zh"
        )
    return Languages(codes[0], codes[1] if len(codes) > 1 else None)


def from_i18n(entries: Iterable[tuple[str, bool]]) -> Languages:
    """Languages from mkdocs-static-i18n's list of (locale, default): the default one is the source."""
    entries = list(entries)
    defaults = [locale for locale, default in entries if default]
    if len(defaults) != 1:
        raise LanguagesError(
            f"the i18n plugin marks {len(defaults)} languages `default: true` "
            "(expected exactly one: the source language of the regulations)"
        )
    return parse_languages([defaults[0], *(locale for locale, default in entries if not default)])


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV`, `!relative` and `!!python/name:` values become None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_languages(mkdocs_yml: Path) -> Languages:
    """The languages that `mkdocs.yml` configures (following `INHERIT`); DEFAULT when there is no such file."""
    if not mkdocs_yml.is_file():
        return DEFAULT
    i18n = _plugin_options(_load_config(mkdocs_yml, ()), "i18n")
    if i18n is None:
        raise LanguagesError(
            f"{mkdocs_yml}: no i18n plugin (expected mkdocs-static-i18n with docs_structure: folder, "
            "listing the handbook's languages)"
        )
    entries = [
        (str(entry.get("locale", "")), bool(entry.get("default", False)))
        for entry in i18n.get("languages") or []
        if isinstance(entry, dict)
    ]
    try:
        return from_i18n(entries)
    except LanguagesError as error:
        raise LanguagesError(f"{mkdocs_yml}: {error}") from None


def _load_config(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """A configuration file as MkDocs reads it: merged into the file it INHERITs (mappings merged, lists replaced)."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise LanguagesError(f"{path}: not a readable configuration ({error})") from None
    if not isinstance(config, dict):
        raise LanguagesError(f"{path}: not a configuration (expected a mapping of settings)")
    parent = config.pop("INHERIT", None)
    if not isinstance(parent, str):
        return config
    inherited = (path.parent / parent).resolve()
    if inherited in seen or not inherited.is_file():
        raise LanguagesError(f"{path}: INHERIT: {parent} is not a configuration file to inherit from")
    return _merged(_load_config(inherited, (*seen, inherited)), config)


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both else value
    return merged


def _plugin_options(config: Any, name: str) -> dict[str, Any] | None:
    """The options of plugin `name` in a `plugins:` list or mapping; None when it is not there."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for item, options in items:
        if isinstance(item, dict):
            item, options = next(iter(item.items()), (None, None))
        if item == name:
            return options if isinstance(options, dict) else {}
    return None
