from handbook_kit.core.interface_text import interface_table, interface_text, missing_translations


def test_every_phrase_exists_in_both_languages():
    assert interface_table(), "the translation table is empty"
    assert missing_translations() == []


def test_unknown_language_falls_back_to_chinese():
    assert interface_text("fr") == interface_text("zh")
    assert interface_text("en")["site_built_on"] == "Site built on"
