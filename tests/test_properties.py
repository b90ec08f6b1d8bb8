"""Property tests: whatever an editor writes, the handbook answers with a record or clean errors."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook_kit.core.frontmatter import FrontMatterError, read_front_matter
from handbook_kit.core.registry import PAGE_KEYS, load_handbook
from handbook_kit.core.regulation import Regulation
from handbook_kit.core.review import ReviewCycle, add_months

from test_registry import ROLES

KEYS = [*Regulation.model_fields, "onwer", "reviewed", "标题", ""]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["12 months", "6个月", "P1Y", "1.0", "brand-ops", "general-manager", "2024年1月1日", "OPS-A-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["zh", "en", "R", "A", "C", "I", "activity", "version", "date", "summary", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=10,
)
front_matters = st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_files(files: dict[str, bytes]) -> None:
    """Load a handbook made of `files`: never an exception, every problem pinned and worded."""
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "handbook"
        (docs / "zh").mkdir(parents=True)
        (docs / "en").mkdir()
        (docs / "roles.yml").write_text(ROLES, encoding="utf-8")
        for name, raw in files.items():
            (docs / name).write_bytes(raw)
        handbook = load_handbook(docs)
        for problem in handbook.problems:
            assert problem.path.startswith("handbook/") and problem.line >= 1
            assert problem.field and problem.message and "Traceback" not in problem.message
        shown = {record.path for record in handbook.regulations} | {problem.path for problem in handbook.problems}
        # Nothing is silently dropped: each zh file is a regulation, has a problem, or is an
        # ordinary page (front matter without `id` and only Material's page keys).
        for name in files:
            if name.startswith("zh/") and f"handbook/{name}" not in shown:
                data = read_front_matter(docs / name, name).data
                assert "id" not in data and set(data) <= PAGE_KEYS


@FAST
@given(front_matters)
def test_any_front_matter_mapping_yields_a_record_or_pinned_errors(data):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\n正文。\n"
    check_files({"zh/a.md": text.encode("utf-8"), "en/a.md": text.encode("utf-8")})


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_yield_a_record_or_pinned_errors(raw):
    check_files({"zh/a.md": raw})


@FAST
@given(st.text(alphabet=st.sampled_from("-: \t\n\r'\"[]{}#&*!|>%@`abc中文12"), max_size=120))
def test_yaml_punctuation_soup_never_raises(body):
    check_files({"zh/a.md": f"---\n{body}\n---\n".encode()})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_text(f"---\n{body}\n---\n", encoding="utf-8")
        try:
            read_front_matter(path, "a.md")
        except FrontMatterError as error:  # one of the two outcomes the property allows
            assert error.problem.line >= 1  # noqa: PT017


@given(st.text(max_size=20))
def test_any_cycle_text_parses_or_says_what_is_expected(text):
    try:
        cycle = ReviewCycle.parse(text)
    except ValueError as error:  # one of the two outcomes the property allows
        assert "expected" in str(error)  # noqa: PT017
    else:
        assert not cycle.is_zero


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)), st.integers(0, 240))
def test_adding_months_lands_in_the_right_month_and_never_overshoots_it(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)), st.integers(1, 20))
def test_every_spelling_of_a_cycle_lands_on_the_same_day(start, years):
    spellings = [
        f"{years} years",
        f"{years}年",
        f"P{years}Y",
        f"{12 * years} months",
        f"{12 * years}个月",
        f"P{12 * years}M",
    ]
    assert len({ReviewCycle.parse(s).after(start) for s in spellings}) == 1
