"""The one translation table for interface words (labels, banners, footers).

Content is translated by editors in the language folders (`handbook/zh`, `handbook/en`); the words our
templates add around it live in `interface_text.yml`, one key per phrase, with
every supported language filled in (a test enforces it).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"  # of the interface text, for a site in a language the table lacks


@cache
def interface_table() -> dict[str, dict[str, str]]:
    """Every phrase key with its text per language."""
    source = files("handbook_kit.core").joinpath("interface_text.yml").read_text(encoding="utf-8")
    return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's: read on every build


class UnknownPhrase(Exception):
    """A template asked for a phrase the table does not have.

    Not a KeyError on purpose: Jinja turns lookup errors into empty text, and a
    label that silently disappears from every page is worse than a failed build.
    """


class InterfaceText(dict[str, str]):
    """The phrases of one language; asking for an unknown key is an error, not empty text."""

    def __missing__(self, key: str) -> str:
        raise UnknownPhrase(f"no interface phrase {key!r} (add it, in zh and en, to interface_text.yml)")


def interface_text(language: str, source: str = DEFAULT_LANGUAGE, translation: str | None = None) -> InterfaceText:
    """The phrases for one language (unknown languages fall back to Chinese), with the handbook's
    source and translation languages named in it: "the {source_language} text" reads "the Chinese text"."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    table = interface_table()
    names = {
        "{source_language}": table[f"language_{source}"][language],
        "{translation_language}": table[f"language_{translation or source}"][language],
    }
    phrases = {}
    for key, texts in table.items():
        phrase = texts[language]
        for token, name in names.items():
            phrase = phrase.replace(token, name)
        phrases[key] = phrase
    return InterfaceText(phrases)


def missing_translations() -> list[tuple[str, str]]:
    """(key, language) pairs that have no text: must be empty."""
    return [
        (key, language)
        for key, phrases in interface_table().items()
        for language in LANGUAGES
        if not (phrases or {}).get(language)
    ]
