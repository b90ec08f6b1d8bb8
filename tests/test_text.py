"""Text measured as it shows: Chinese characters take two columns."""

from handbook_kit.core.text import display_width, shorten


def test_chinese_characters_take_two_columns():
    assert display_width("制度 OPS") == 8 and display_width("𠀀") == 2


def test_a_long_title_is_cut_to_its_width_with_an_ellipsis():
    assert shorten("运营管理制度" * 10, 20) == "运营管理制度运营管…"
    assert display_width(shorten("运营管理制度" * 10, 20)) <= 20
    assert shorten("Rules on the long-term operations of the company", 24) == "Rules on the long-term…"


def test_a_short_title_is_kept_on_one_line():
    assert shorten("公司运营\n管理制度", 64) == "公司运营 管理制度"
