"""Search quality in the real browser: what a reader types, the page they must get.

Each query is typed into Material's search box on the built specimen
(tests/fixtures/specimen: the handbook as transcribed), in headless Chromium,
and the page it is about must be among the first three results. The figures
(share first / in the top 3, index sizes, time to the first result) go to
$HANDBOOK_TEST_ARTIFACTS/search-quality.json.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

# (language root the reader is on, what they type, the page that must be in the top 3)
QUERIES = [
    # Chinese words, found inside longer words and phrases
    ("", "绩效考核", "specialised/software-operations/"),
    ("", "第三方运营方", "specialised/third-party-operations/"),
    ("", "运营方", "specialised/third-party-operations/"),
    ("", "品牌美誉度", "specialised/brand-operations/"),
    ("", "美誉度", "specialised/brand-operations/"),
    ("", "纠纷解决", "specialised/third-party-operations/"),
    ("", "合同管理", "specialised/third-party-operations/"),
    ("", "甄选", "specialised/third-party-operations/"),
    ("", "品牌定位", "specialised/brand-operations/"),
    ("", "团队建设", "specialised/brand-operations/"),
    ("", "用户服务", "specialised/software-operations/"),
    ("", "软件上线", "specialised/software-operations/"),
    ("", "运营数据分析", "general/operations-rules/"),
    ("", "优化运营流程", "general/operations-rules/"),
    ("", "招聘", "company/operations-management/"),
    ("", "薪酬", "company/operations-management/"),
    ("", "预算", "company/operations-management/"),
    ("", "长效管理", "company/long-term-management/"),
    ("", "市场拓展", "company/long-term-management/"),
    ("", "软件运营负责人", "governance/roles/software-ops/"),
    ("", "复审看板", "governance/reviews/"),
    ("", "制度登记册", "governance/register/"),
    ("", "职责矩阵", "governance/raci/"),
    # two Chinese words
    ("", "品牌 传播", "specialised/brand-operations/"),
    ("", "软件 推广", "specialised/software-operations/"),
    ("", "运营 培训", "general/operations-rules/"),
    ("", "合同 纠纷", "specialised/third-party-operations/"),
    # 制度编号 and article references
    ("", "OPS-COM-001", "company/operations-management/"),
    ("", "OPS-SWO-001", "specialised/software-operations/"),
    ("", "ops-tpo-001", "specialised/third-party-operations/"),
    ("", "第十条", "general/operations-rules/"),
    ("", "第二十三条", "specialised/software-operations/"),
    ("", "品牌 第十一条", "specialised/brand-operations/"),
    # English, on English pages
    ("en/", "dispute", "en/specialised/third-party-operations/"),
    ("en/", "brand reputation", "en/specialised/brand-operations/"),
    ("en/", "performance appraisal", "en/specialised/software-operations/"),
    ("en/", "recruitment", "en/company/operations-management/"),
    ("en/", "budget", "en/company/operations-management/"),
    ("en/", "third-party operator", "en/specialised/third-party-operations/"),
    ("en/", "software launch", "en/specialised/software-operations/"),
    ("en/", "review dashboard", "en/governance/reviews/"),
    ("en/", "register of regulations", "en/governance/register/"),
    ("en/", "responsibility matrix", "en/governance/raci/"),
    ("en/", "OPS-BRD-001", "en/specialised/brand-operations/"),
    ("en/", "Article 23", "en/specialised/software-operations/"),
]


class SearchBox:
    """Material's search on one page of the site, as a reader uses it."""

    def __init__(self, page: Page, site_url: str, root: str) -> None:
        self.page, self.site_url = page, site_url
        self.timings: list[float] = []
        # From opening the page to the first result, typing at once: the index
        # is fetched and built before the first query is answered.
        started = time.perf_counter()
        page.goto(site_url + root)
        self._search("运营" if root == "" else "operations")
        self.first_result_ms = (time.perf_counter() - started) * 1000

    def results(self, query: str) -> list[str]:
        """Site-relative pages of the results, best first (one per page, as Material groups them)."""
        pages, elapsed = self._search(query)
        self.timings.append(elapsed)
        return pages

    def _search(self, query: str) -> tuple[list[str], float]:
        box, meta = self.page.locator("input.md-search__input"), self.page.locator(".md-search-result__meta")
        placeholder = self.page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
        )
        box.fill("")
        box.press("End")  # Material reads the query on key up
        expect(meta).to_have_text(placeholder)
        started = time.perf_counter()
        box.fill(query)
        box.press("End")
        expect(meta).not_to_have_text(placeholder)
        elapsed = (time.perf_counter() - started) * 1000
        links = self.page.eval_on_selector_all("li.md-search-result__item > a", "links => links.map(a => a.href)")
        pages = [urlsplit(urljoin(self.site_url, link)).path.lstrip("/") for link in links]
        return list(dict.fromkeys(pages)), elapsed


@pytest.fixture(scope="module")
def search_boxes(browser, specimen_url):
    context = browser.new_context()
    boxes = {root: SearchBox(context.new_page(), specimen_url, root) for root in ("", "en/")}
    yield boxes
    context.close()


@pytest.fixture(scope="module")
def outcomes(search_boxes, specimen_site):
    """Rank of the expected page per query (0: not in the results); reported when the table is done."""
    ranks: dict[tuple[str, str], int] = {}
    yield ranks
    if len(ranks) == len(QUERIES):
        write_report(ranks, search_boxes, specimen_site)


@pytest.mark.parametrize(("root", "query", "expected"), QUERIES, ids=[q for _, q, _ in QUERIES])
def test_the_page_a_reader_looks_for_is_in_the_top_three(search_boxes, outcomes, root, query, expected):
    results = search_boxes[root].results(query)
    outcomes[(root, query)] = results.index(expected) + 1 if expected in results else 0
    assert expected in results[:3], f"{query!r}: {results[:5]}"


def test_results_are_in_the_readers_language(search_boxes):
    chinese = search_boxes[""].results("运营")
    english = search_boxes["en/"].results("operations")
    assert chinese and not [page for page in chinese if page.startswith("en/")]
    assert english and all(page.startswith("en/") for page in english)
    # A Chinese word that only the Chinese text uses is not found from an English page.
    assert search_boxes["en/"].results("绩效考核") == []


def write_report(ranks: dict[tuple[str, str], int], boxes: dict[str, SearchBox], site: Path) -> None:
    values = list(ranks.values())
    report = {
        "queries": len(values),
        "first": round(sum(rank == 1 for rank in values) / len(values), 3),
        "top3": round(sum(1 <= rank <= 3 for rank in values) / len(values), 3),
        "not_first": {f"{root}{query}": rank for (root, query), rank in ranks.items() if rank != 1},
        "first_result_ms": {root or "zh": round(box.first_result_ms) for root, box in boxes.items()},
        "query_ms_median": {root or "zh": round(statistics.median(box.timings)) for root, box in boxes.items()},
        "index": {},
    }
    for language, root in (("zh", ""), ("en", "en/")):
        raw = (site / root / "search/search_index.json").read_bytes()
        report["index"][language] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, mtime=0))}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "search-quality.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
