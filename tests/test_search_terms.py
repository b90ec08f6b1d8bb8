from pathlib import Path

import jieba
import pytest

from conftest import REPO
from handbook_kit.core.search_terms import SearchTerm, SearchTermsError, load_search_terms


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
    terms = load_search_terms(REPO / "handbook" / "search_terms.txt")
    general = jieba.Tokenizer()  # a fresh tokenizer: only jieba's general dictionary
    split_by_default = [t.word for t in terms if list(general.cut(t.word)) != [t.word]]
    assert "品牌美誉度" in split_by_default and "第三方运营方" in split_by_default
