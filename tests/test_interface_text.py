from handbook_kit.core.interface_text import interface_table, interface_text, missing_translations


def test_every_phrase_exists_in_both_languages():
    assert interface_table(), "the translation table is empty"
    assert missing_translations() == []


def test_unknown_language_falls_back_to_chinese():
    assert interface_text("fr") == interface_text("zh")
    assert interface_text("en")["site_built_on"] == "Site built on"


def test_every_phrase_a_template_or_the_code_asks_for_is_in_the_table():
    """Literal keys in templates (t.key, text.key, text["key"]) and code (text["key"])."""
    import re

    from conftest import REPO

    used = set()
    for path in [*(REPO / "plugins").rglob("*.html"), *(REPO / "plugins").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:t|text|handbook\.text)\.([a-z][a-z_]+)\b(?!\()", source))
        used |= set(re.findall(r"\b(?:t|text|self\.text)\[\"([a-z][a-z_-]+)\"\]", source))
    used -= {"yml", "html"}  # file names (interface_text.yml), not phrases
    table = interface_table()
    assert used and sorted(key for key in used if key not in table) == []


def test_asking_for_a_phrase_that_does_not_exist_fails_loudly():
    import pytest
    from jinja2 import Environment

    from handbook_kit.core.interface_text import UnknownPhrase

    template = Environment().from_string("{{ t.field_owner }} / {{ t.field_owner_typo }}")
    with pytest.raises(UnknownPhrase, match="no interface phrase 'field_owner_typo'"):
        template.render(t=interface_text("en"))
