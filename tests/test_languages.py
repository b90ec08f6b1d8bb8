"""The handbook's languages, as mkdocs.yml configures them for the plugins and the CLI alike."""

import pytest

from handbook_kit.core.languages import DEFAULT, Languages, LanguagesError, parse_languages, read_languages

from conftest import REPO, handbook_command


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ("zh,en", Languages("zh", "en")),
        ("en,zh", Languages("en", "zh")),
        ("zh", Languages("zh", None)),
        (" en ", Languages("en", None)),
    ],
)
def test_codes_name_the_source_first(codes, expected):
    assert parse_languages(codes.split(",")) == expected


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("fr", "unknown language 'fr' (expected zh or en"),
        ("zh,zh", "zh,zh: expected the source language and at most one translation"),
        ("", "no language: expected the source language"),
    ],
)
def test_codes_that_make_no_handbook_are_named(codes, message):
    with pytest.raises(LanguagesError, match=message.replace("(", r"\(")):
        parse_languages(codes.split(","))


def test_this_handbook_is_chinese_with_an_english_translation():
    """Read as the CLI reads it: plain YAML, with MkDocs' !ENV and Python tags left unread."""
    assert read_languages(REPO / "mkdocs.yml") == DEFAULT == Languages("zh", "en")


def test_the_default_language_of_the_i18n_plugin_is_the_source(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [SITE, 'http://localhost/']\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:handbook_kit.core.anchors.slugify\n"
        "plugins:\n  - search\n  - i18n:\n      languages:\n"
        "        - {locale: zh, name: 中文}\n        - {locale: en, name: English, default: true}\n"
    )
    assert read_languages(config) == Languages("en", "zh")
    assert read_languages(tmp_path / "absent.yml") == DEFAULT  # a docs folder on its own


def test_a_site_without_the_i18n_plugin_is_told_what_to_add(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - search\n  - handbook/regulations\n")
    with pytest.raises(LanguagesError, match="no i18n plugin"):
        read_languages(config)


def test_an_inherited_configuration_gives_its_languages(tmp_path):
    """MkDocs merges a file into the one it INHERITs (mappings merged, lists replaced): so does the CLI."""
    (tmp_path / "base.yml").write_text(
        "plugins:\n  - i18n:\n      languages:\n        - {locale: en, name: English, default: true}\n"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Handbook\n")
    assert read_languages(tmp_path / "mkdocs.yml") == Languages("en", None)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: missing.yml\n")
    with pytest.raises(LanguagesError, match=r"INHERIT: missing\.yml is not a configuration file"):
        read_languages(tmp_path / "mkdocs.yml")


def test_the_command_finds_mkdocs_yaml_too(tmp_path):
    (tmp_path / "docs/en").mkdir(parents=True)
    (tmp_path / "docs/roles.yml").write_text("general-manager: {en: General Manager, can_approve: true}\n")
    (tmp_path / "mkdocs.yaml").write_text(
        "plugins:\n  - i18n:\n      languages:\n        - {locale: en, default: true}\n"
    )
    result = handbook_command("check", "--docs", "docs", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr  # read as English only: no zh name needed
