"""The search index per language, with the parts of long Chinese words and ids as tags."""

import re

from handbook_kit.core.search_index import add_word_parts, split_index, tag_pages, word_parts

WORDS = {"第三", "三方", "第三方", "运营", "品牌", "美誉", "美誉度", "绩效", "考核"}


def is_word(text: str) -> bool:
    return text in WORDS


def index(*docs: dict) -> dict:
    return {"config": {"lang": ["en", "zh"], "separator": "[\\s\\u200b\\-，。]+"}, "docs": list(docs)}


def test_each_language_gets_its_own_index_with_locations_from_its_root():
    merged = index(
        {"location": "", "title": "手册", "text": ""},
        {"location": "rules/a/#art-1", "title": "第一条", "text": ""},
        {"location": "en/", "title": "Handbook", "text": ""},
        {"location": "en/rules/a/#art-1", "title": "Article 1", "text": ""},
    )
    split = split_index(merged, ["", "en/"])
    assert [d["location"] for d in split[""]["docs"]] == ["", "rules/a/#art-1"]
    assert [d["location"] for d in split["en/"]["docs"]] == ["", "rules/a/#art-1"]
    assert split["en/"]["docs"][1]["title"] == "Article 1"
    assert split["en/"]["config"] == merged["config"] and split["en/"]["config"] is not merged["config"]


def test_a_page_whose_path_starts_like_a_language_stays_in_the_default_language():
    split = split_index(index({"location": "english/", "title": "x", "text": ""}), ["", "en/"])
    assert [d["location"] for d in split[""]["docs"]] == ["english/"]


def test_parts_of_a_word_are_the_words_inside_it_and_what_is_left_around_them():
    assert word_parts("第三方运营方", is_word) == ["第三", "第三方", "三方", "运营", "运营方"]
    assert word_parts("品牌美誉度", is_word) == ["品牌", "美誉", "美誉度"]
    assert word_parts("绩效考核", is_word) == ["绩效", "考核"]
    assert word_parts("绩效", is_word) == []  # two characters: nothing shorter worth finding


def test_a_rest_that_does_not_start_with_a_word_is_not_a_part():
    # Taking the head 第三 off leaves 方运营方, which starts with no word: not a part.
    assert "方运营方" not in word_parts("第三方运营方", is_word)
    assert "方运营方" in word_parts("第三方运营方", lambda w: is_word(w) or w == "方运")


def test_parts_are_added_hidden_counted_per_occurrence_and_title_parts_stay_in_the_title():
    docs = index(
        {"location": "a/", "title": "第三方运营方管理", "text": "<p>第三方运营方\u200b和\u200b第三方运营方</p>"}
    )
    add_word_parts(docs, is_word)
    title, text = docs["docs"][0]["title"], docs["docs"][0]["text"]
    assert title.startswith("第三方运营方管理<span hidden data-handbook-word-parts>")
    assert text.startswith("<p>第三方运营方\u200b和\u200b第三方运营方</p><p hidden data-handbook-word-parts>")
    hidden = re.search(r"<p hidden data-handbook-word-parts>(.*)</p>", text).group(1).split("\u200b")
    assert hidden.count("运营方") == 2  # once per occurrence, as the reader's text has it


def test_entries_without_long_chinese_words_are_left_alone():
    docs = index({"location": "en/", "title": "Dispute resolution", "text": "<p>Amicable negotiation.</p>"})
    add_word_parts(docs, is_word)
    assert docs["docs"][0] == {"location": "en/", "title": "Dispute resolution", "text": "<p>Amicable negotiation.</p>"}


def test_only_the_page_entry_gets_the_regulation_id_as_a_tag():
    docs = index(
        {"location": "rules/a/", "title": "A", "text": ""}, {"location": "rules/a/#art-1", "title": "1", "text": ""}
    )
    tag_pages(docs, {"rules/a/": ["OPS-TST-001"]})
    assert [d.get("tags") for d in docs["docs"]] == [["OPS-TST-001"], None]
