"""Events of the `handbook/search` plugin: Chinese search that finds things, per language.

- on_config: jieba must import (Material silently indexes whole sentences
  without it).
- on_files: jieba learns the handbook's terms (before any page is indexed);
  which language this build is, and which page is which regulation, from the
  LanguageBuild that handbook/regulations made (without that plugin: the user
  dictionary only, and no ids).
- on_post_page: a page outside the default language looks for the search
  index of its own language (`base` in Material's page configuration).
- on_post_build, after mkdocs-static-i18n merged every language into one
  index: one index per language, with the parts of long Chinese words and the
  regulation ids as tags; and Material's query segmentation fixed (below).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook_kit.core.language_build import LanguageBuild
from handbook_kit.core.search_index import add_word_parts, split_index, tag_pages
from handbook_kit.core.search_terms import SearchTerm, SearchTermsError, handbook_terms, load_search_terms
from handbook_kit.i18n import building_another_language, language_root
from handbook_kit.package_theme import add_package_theme
from handbook_kit.regulations.plugin import language_build

from .config import SearchConfig

log = get_plugin_logger(__name__)

INDEX = "search/search_index.json"
WORKERS = "assets/javascripts/workers"
_PAGE_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# Material segments a Chinese query by the words of the index (upstream
# src/templates/assets/javascripts/integrations/search/query/segment), with two
# slips we fix in the built worker, each in one place:
# - its loop `for (j = i + 1; j < query.length; j++)` never tries a word that
#   ends where the query ends: 第十条 was searched as 第*, 运营方 as 运营*;
# - it joins the words with "* " before every term gets its own "*", so a query
#   of two words (长效管理) searched for 长效** and missed it.
WORKER_FIXES = (
    (
        re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in "),
        re.compile(r"for\(let (\w+)=(\w+)\+1;\1<=(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in "),
        lambda match: match.group(0).replace("<", "<=", 1),
    ),
    (
        re.compile(r"\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\]\.join\(\"\* \"\)"),
        re.compile(r"\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\]\.join\(\" \"\)"),
        lambda match: match.group(0).replace('"* "', '" "'),
    ),
)


class SearchPlugin(BasePlugin[SearchConfig]):
    """Chinese segmentation that cannot silently degrade, and results in the reader's language."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: list[SearchTerm] | None = None  # once per build, not once per language
        self.languages: dict[str, str] = {}  # language root ("", "en/") -> its language
        self.page_tags: dict[str, list[str]] = {}  # page URL within its language -> [regulation id]
        self.title_entries: list[dict] = []  # pages indexed by their title only
        self.language_root = ""  # this language build's folder in the site: "", "en/"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        try:
            import jieba
        except ImportError:
            raise PluginError(
                "handbook/search: jieba is not installed, so Chinese search would not work "
                "(install the project with `pip install -e .` or run `make build`)"
            ) from None
        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not ours
        add_package_theme(config, "handbook/search")  # partials/search.html names its dialog
        if not building_another_language(config):  # a new build: the content may have changed
            self.languages, self.page_tags, self.terms, self.title_entries = {}, {}, None, []
        return None

    @event_priority(-110)  # after handbook/regulations made this language's build (-105)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        build = language_build(config)
        if self.terms is None:  # once per build, before any page is indexed
            import jieba

            self.terms = self._load_terms(build, Path(config.docs_dir))
            _forget_taught_words(jieba)
            for term in self.terms:
                jieba.add_word(term.word, term.frequency, term.tag)
            log.debug("taught jieba %d handbook terms", len(self.terms))
        self.language_root = language_root(files)
        self.languages[self.language_root] = config.theme.get("language") or "en"
        if build is not None:
            for regulation_id, url in build.urls.items():
                self.page_tags[url.removeprefix(self.language_root)] = [regulation_id]
        return None

    def on_page_context(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: object) -> dict | None:
        if not self.config.enabled:
            return None
        search = page.meta.get("search") or {}
        if isinstance(search, dict) and search.get("exclude") and search.get("title_only"):
            # Material's search leaves the page out; we index its title, as Material writes titles.
            import jieba

            # handbook/regulations escaped the title to Markup already; escape() leaves that alone.
            title = str(escape(page.meta.get("title") or page.title or ""))
            entry = {"location": page.url, "title": "\u200b".join(jieba.cut(title)), "text": ""}
            if "boost" in search:
                entry["boost"] = search["boost"]
            self.title_entries.append(entry)
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not (self.config.enabled and self.config.scope_by_language and self.language_root):
            return None
        return _PAGE_CONFIG.sub(
            lambda match: match.group(1) + _rebase(match.group(2), self.language_root) + match.group(3), output, count=1
        )

    @event_priority(-120)  # after mkdocs-static-i18n (-100) merged the languages' entries
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or building_another_language(config):
            return  # inside one language's build: the merged index comes at the end of the outer one
        site = Path(config.site_dir)
        merged = site / INDEX
        if not merged.is_file():
            return  # no search plugin, nothing to do
        index = json.loads(merged.read_text(encoding="utf-8"))
        index["docs"] += self.title_entries
        import jieba

        roots = self.languages if self.config.scope_by_language else {"": "en"}
        for root, part in split_index(index, roots).items():
            if self.config.scope_by_language:  # English for ids and English words in any language
                part["config"]["lang"] = list(dict.fromkeys(["en", roots.get(root, "en")]))
            add_word_parts(part, lambda word: bool(jieba.get_FREQ(word)))
            tag_pages(part, self.page_tags)
            path = site / root / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        _fix_query_segmentation(site / WORKERS)

    def _load_terms(self, build: LanguageBuild | None, docs: Path) -> list[SearchTerm]:
        terms: list[SearchTerm] = []
        if self.config.terms_from_content and build is not None:
            terms += handbook_terms(build.handbook, docs)
        if self.config.user_dictionary:
            try:
                terms += load_search_terms(Path(self.config.user_dictionary))
            except SearchTermsError as error:
                raise PluginError(f"handbook/search: {error}") from None
        return terms


_pristine: tuple[dict[str, int], int, dict[str, str]] | None = None


def _forget_taught_words(jieba: Any) -> None:
    """Give jieba back the dictionary it had before any build taught it words.

    Its dictionary is process-wide, and every word added also raises its total
    count, which weighs every cut: without this, a second build in the same
    process (`mkdocs serve`, tests) would cut some text differently from the
    first, or keep the words of content that no longer exists.
    """
    global _pristine
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    if _pristine is None:
        _pristine = (dict(tokenizer.FREQ), tokenizer.total, dict(tokenizer.user_word_tag_tab))
    else:
        tokenizer.FREQ, tokenizer.total, tokenizer.user_word_tag_tab = (
            dict(_pristine[0]),
            _pristine[1],
            dict(_pristine[2]),
        )


def _rebase(page_config: str, language_root: str) -> str:
    """Material's page configuration with `base` at this language's root, where its index is."""
    data = json.loads(page_config)
    data["base"] = posixpath.join(data["base"], language_root)  # "../../en/": a folder, as URLs resolve
    text = json.dumps(data, ensure_ascii=True)
    # As Jinja's tojson writes it: nothing in the script can close the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _fix_query_segmentation(workers: Path) -> None:
    for worker in sorted(workers.glob("search.*.min.js")):
        script = worker.read_text(encoding="utf-8")
        for slip, fixed, fix in WORKER_FIXES:
            script, count = slip.subn(fix, script)
            if count != 1 and not fixed.search(script):
                log.warning(
                    f"{worker.name}: Material's query segmentation is not the one handbook/search fixes "
                    "(a new Material version?): check Chinese search with tests/test_search_quality.py "
                    "and update or drop WORKER_FIXES in handbook_kit/search/plugin.py"
                )
        worker.write_text(script, encoding="utf-8")
