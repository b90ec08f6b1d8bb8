"""Citable anchors: 第十二条 and Article 12 are both #art-12, in every spelling."""

import pytest

from handbook_kit.core.anchors import numbered_heading, slugify
from handbook_kit.core.numerals import to_chinese_numeral


def test_every_article_from_1_to_999_has_the_same_anchor_in_both_languages():
    for number in range(1, 1000):
        chinese = f"第{to_chinese_numeral(number)}条"
        assert slugify(chinese, "-") == slugify(f"Article {number}", "-") == f"art-{number}", chinese


def test_every_chapter_from_1_to_99_has_the_same_anchor_in_both_languages():
    for number in range(1, 100):
        assert (
            slugify(f"第{to_chinese_numeral(number)}章 总则", "-")
            == slugify(f"Chapter {number} General", "-")
            == f"ch-{number}"
        )


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("第十二条", "art-12"),
        ("第一十二条", "art-12"),  # 一十二 is an accepted spelling of 十二
        ("第一百零五条", "art-105"),
        ("第一百十条", "art-110"),
        ("第两百条", "art-200"),
        ("第三条 为规范品牌运营", "art-3"),  # an article heading with its text
        ("Article 7 Scope", "art-7"),
        ("第二章 软件上线管理", "ch-2"),
        ("Chapter 12", "ch-12"),
    ],
)
def test_article_and_chapter_anchors(heading, anchor):
    assert slugify(heading, "-") == anchor


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("第一章总则", "ch-1"),
        ("附则", "附则"),
        ("一、组织管理制度", "一组织管理制度"),
        ("Supplementary provisions", "supplementary-provisions"),
        ("第十十条", "第十十条"),  # not a numeral: not an article, a readable slug
        ("条款说明", "条款说明"),
        ("关于第三条的说明", "关于第三条的说明"),  # mentions an article but does not open one
    ],
)
def test_other_headings_keep_readable_anchors(heading, anchor):
    assert slugify(heading, "-") == anchor


def test_numbered_heading_reports_kind_and_number():
    assert numbered_heading("第九十九条") == numbered_heading("Article 99")
    assert numbered_heading("第九十九条").kind == "article"
    assert numbered_heading("第三章 附则").kind == "chapter"
    assert numbered_heading("Section 3") is None
