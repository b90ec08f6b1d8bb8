from pathlib import Path

import jieba
import pytest

from handbook_kit.core.registry import load_handbook
from handbook_kit.core.search_terms import SearchTerm, SearchTermsError, handbook_terms, load_search_terms

from conftest import SPECIMEN


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_terms_with_optional_frequency_and_tag(tmp_path):
    path = write(tmp_path, "# comment\n\n第三方运营方\n绩效考核 20\n品牌美誉度 20 n  # note\n")
    assert load_search_terms(path) == [
        SearchTerm("第三方运营方"),
        SearchTerm("绩效考核", 20),
        SearchTerm("品牌美誉度", 20, "n"),
    ]


def test_bom_written_by_windows_editors_is_accepted(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_bytes("\ufeff绩效考核 5\r\n".encode())
    assert load_search_terms(path) == [SearchTerm("绩效考核", 5)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("品牌\n绩效考核 many\n", r"terms.txt:2: frequency 'many' of '绩效考核' is not a whole number"),
        ("a 1 n extra\n", r"terms.txt:1: 'a 1 n extra' has 4 parts"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, text, message):
    with pytest.raises(SearchTermsError, match=message):
        load_search_terms(write(tmp_path, text))


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_bytes("绩效考核".encode("gb18030"))
    with pytest.raises(SearchTermsError, match="not UTF-8"):
        load_search_terms(path)


def test_the_handbook_dictionary_keeps_terms_jieba_would_split():
    terms = load_search_terms(SPECIMEN / "handbook" / "search_terms.txt")
    general = jieba.Tokenizer()  # a fresh tokenizer: only jieba's general dictionary
    split_by_default = [t.word for t in terms if list(general.cut(t.word)) != [t.word]]
    assert "品牌美誉度" in split_by_default and "第三方运营方" in split_by_default


def test_terms_come_from_role_names_titles_and_what_regulations_define():
    handbook = load_handbook(SPECIMEN / "handbook", SPECIMEN)
    words = [term.word for term in handbook_terms(handbook, SPECIMEN / "handbook")]
    assert len(words) == len(set(words))
    for word in (
        "第三方运营方",
        "软件运营负责人",  # role names
        "品牌运营管理制度",
        "公司运营长效管理制度",  # regulation titles
        "绩效考核",
        "运营数据分析与改进",  # chapter names (第六章 绩效考核)
        "第十二条",
        "第二十三条",  # article numbers, one word each
        "公司章程",
        "岗位职责与目标制定",  # "term：definition" list labels
        "优化运营流程",
    ):  # a quoted term
        assert word in words, word
    # Lead-ins of a list define nothing; two characters jieba knows already.
    assert "考核内容包括" not in words
    assert all(len(word) >= 3 for word in words)


def test_defined_terms_skip_code_blocks_and_front_matter(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "roles.yml").write_text("gm: {zh: 总经理, en: GM, can_approve: true}\n", encoding="utf-8")
    (tmp_path / "zh" / "rules.md").write_text(
        '---\nid: OPS-TST-001\ntitle: 测试管理制度\nowner: gm\napprover: gm\nversion: "1.0"\n'
        "effective_date: 2024-01-01\nreview_cycle: 12 months\n---\n"
        "## 第一章 总则\n\n1. **审批流程**：由总经理审批。\n\n```\n## 代码里的标题\n```\n",
        encoding="utf-8",
    )
    handbook = load_handbook(tmp_path, tmp_path)
    assert [t.word for t in handbook_terms(handbook, tmp_path)] == ["总经理", "测试管理制度", "第一章", "审批流程"]
