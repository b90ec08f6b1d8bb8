"""Events of the `handbook/regulations` plugin; the logic lives in `handbook_kit.core`.

mkdocs-static-i18n runs one build per language, so every event below fires once
per language. on_config reads and checks the handbook and its git history (once
per build, for every language); on_files makes this language's `LanguageBuild`
(core/language_build), adds the generated pages and the exports; on_page_markdown
writes the generated pages' sources from their templates; on_env writes the PDF,
then starts writing each regulation's history pages (history_pages.py) in worker
processes, on the cores MkDocs leaves idle (workers.py); on_page_context hands a
regulation page its card, notices and RACI table; on_post_build waits for the
history pages. Templates
see the LanguageBuild as `handbook`; handbook/search reads it through `language_build`.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, TemplateNotFound
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook_kit.core.generated_pages import PAGE_TYPES, GeneratedPage, PageKind
from handbook_kit.core.history_views import comparison_url, comparisons, version_url
from handbook_kit.core.interface_text import DEFAULT_LANGUAGE, interface_text
from handbook_kit.core.language_build import EXPORTS, Alternate, LanguageBuild, PdfLink
from handbook_kit.core.markup import escape_markdown
from handbook_kit.core.print_book import PrintBook, SitePage, print_book, regulation_books
from handbook_kit.core.registry import Handbook, load_handbook
from handbook_kit.core.review import ReviewStatus
from handbook_kit.core.state import evaluate
from handbook_kit.core.text import code_point, shorten
from handbook_kit.core.today import TodayError, resolve_today
from handbook_kit.core.versions import HandbookHistory, handbook_history
from handbook_kit.i18n import building_another_language, handbook_languages, language_root
from handbook_kit.package_theme import THEME, add_package_theme
from handbook_kit.workers import Background, WorkerError

from . import pdf
from .build_cache import KEEP_DAYS, cache_folder, prune
from .config import RegulationsConfig
from .history_cache import HistoryCache
from .history_pages import HistoryPages
from .html_blocks import HtmlBlocks
from .pdf_build import Chapter, LanguagePdfs, write_language_pdfs
from .pdf_cache import PdfCache
from .templates import speed_up

log = get_plugin_logger(__name__)
NAME = "handbook/regulations"


def language_build(config: MkDocsConfig) -> LanguageBuild | None:
    """This language's build, as handbook/regulations made it (None without the plugin, or before on_files)."""
    plugin = config.plugins.get(NAME)
    return plugin.build if isinstance(plugin, RegulationsPlugin) else None


class RegulationsPlugin(BasePlugin[RegulationsConfig]):
    """Owns the regulations' metadata, their review state and the pages made from them."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = False  # `mkdocs serve`: no PDF on every save
        self._handbook: Handbook | None = None  # read once per build; every language shows the same files
        self._history: HandbookHistory | None = None  # every regulation's versions, read with the handbook
        self._today: date | None = None
        self.build: LanguageBuild | None = None  # this language's; made in on_files
        self._nav: Navigation | None = None  # this language's, for the PDF's order of chapters
        self._templates: Environment | None = None  # renders generated pages and the PDF, one per build
        self._html_blocks: dict[str, HtmlBlocks] = {}  # a generated page's, from its Markdown to its HTML
        self._files: Files | None = None  # this language's, for the history pages written after the build
        self._writing_history: Background | None = None  # this language's history pages, from on_env on
        self._cache: HistoryCache | None = None  # archived texts' HTML and comparisons, kept between builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    # The i18n plugin sets this build's language in its on_config (priority -100).
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.build, self._nav = None, None
        new_build = not building_another_language(config)  # files and templates may have changed since the last
        if new_build:
            self._templates = None
        if not self.config.enabled:
            return None
        add_package_theme(config, NAME)
        if "toc" in config.mdx_configs:  # the permalink's tooltip, in this build's language
            config.mdx_configs["toc"]["permalink_title"] = interface_text(_language(config))["permalink_title"]
        if new_build:
            _prune_cache(config)
        if new_build or self._handbook is None:
            try:
                self._today = resolve_today()
            except TodayError as error:
                raise PluginError(f"{NAME}: {error}") from None
            self._handbook = self._read_handbook(config, self._today)
            self._history = self._read_history(config, self._handbook) if self.config.history else None
        return None

    # After the i18n plugin chose this language's files (-100), before handbook/search reads the build (-110).
    @event_priority(-105)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        handbook, today, history = self._handbook, self._today, self._history
        if not self.config.enabled or handbook is None or today is None:
            return None
        language, root = _language(config), language_root(files)
        self._files = files
        self._cache = HistoryCache(config, files) if history else None
        page_files = {
            record.page: (file.src_uri, file.url)
            for record in handbook.regulations
            if (file := files.get_file_from_path(record.page)) and file.is_documentation_page()
        }
        self.build = LanguageBuild.create(
            handbook,
            language=language,
            root=root,
            today=today,
            due_soon_days=self.config.due_soon_days,
            page_files=page_files,
            generated=self._add_generated_pages(files, config, handbook, language, root)
            + (_history_pages(files, handbook, history, root) if history else []),
            alternates=_alternates(config),
            site_url=config.site_url or "",
            histories=history.regulations if history else None,
            history_lacking=history.lacking if history else "",
            docs_dir=config.docs_dir,
            site_name=config.site_name,
            **({"comparing": self._cache.compare} if self._cache else {}),
        )
        if self.config.exports:
            for name, content in self.build.exports().items():
                files.append(File.generated(config, root + name, content=content))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # What every site needs, whatever the configuration: our `status` (draft | active |
        # retired) is not Material's page status (new | deprecated), which would put an
        # unexplained icon in the navigation; and titles are front matter, i.e. untrusted
        # text, which Material prints unescaped (heading, navigation, footer). Escaped once
        # here and marked safe, every template shows them as typed and none escapes twice.
        page.meta.pop("status", None)
        if isinstance(title := page.meta.get("title"), str):
            page.meta["title"] = escape(title)
        if self.build is None or (generated := self.build.generated.get(page.file.src_uri)) is None:
            return None
        blocks = self._html_blocks[page.file.src_uri] = HtmlBlocks()
        return self._render(
            generated.type.template,
            config,
            data=generated.type.data(self.build, generated),
            html_block=blocks.keep,
            page=page,
            base_url=get_relative_url(".", page.url),
            exports={name: self.build.root + name for name in EXPORTS} if self.config.exports else {},
        )

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if (blocks := self._html_blocks.pop(page.file.src_uri, None)) is not None:
            return blocks.restore(html)
        return None

    @event_priority(-110)  # after the i18n plugin translated the section titles
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self._nav = nav
        return None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        speed_up(env)  # the theme's, for every page of every site: see templates.py
        if self.build is None:
            return env
        # Every page's Markdown is HTML by now and no page is written yet: the PDF
        # is made first, so that every page links to it with its size.
        if self.config.pdf and not self._serving and self._nav is not None:
            self.build = self._write_pdfs(config, self.build, self._nav)
        env.globals["handbook"] = self.build
        if self._cache is not None and self._files is not None and self._nav is not None:
            # All that the history pages need is known: they are written while MkDocs writes its pages.
            pages = HistoryPages(self.build, config, self._files, self._nav, env, self._render, self._cache)
            self._writing_history = Background(pages.write, pages.pages())
            self._writing_history.start()
        return env

    @event_priority(50)  # before the i18n plugin's (-100) builds the next language, with the same plugin
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        writing, self._writing_history = self._writing_history, None
        if writing is None:
            return
        try:
            writing.wait()
        except WorkerError as error:
            raise PluginError(f"{NAME}: writing the history pages failed: {error}") from None

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if self.build is None:
            return None
        # A page mkdocs-static-i18n shows in the default language for want of a translation says so
        # above its text (partials/content.html); a regulation says it in its own notices.
        locale = getattr(page.file, "locale", None)
        context["untranslated"] = locale is not None and locale != config.theme.get("language")
        # Its text is marked as in the language it is written in, for screen readers and hyphenation.
        context["text_language"] = locale if context["untranslated"] else None
        src_uri = page.file.src_uri
        if state := self.build.pages.get(src_uri):
            # Read by partials/content.html: card and notices above the text, RACI after it.
            context["regulation"], context["raci"] = self.build.view(state), self.build.raci(state)
        if src_uri in self.build.generated:
            # A generated page exists at the same path in every language: point the language
            # switch there (the i18n plugin only knows the files it found on disk). Assigned
            # as an attribute, as the i18n plugin does: an item would be shadowed.
            config.extra.alternate = self.build.alternate_links(page.url)
        return context

    # -- helpers ---------------------------------------------------------------

    def _add_generated_pages(
        self, files: Files, config: MkDocsConfig, handbook: Handbook, language: str, root: str
    ) -> list[GeneratedPage]:
        """Add the pages the options ask for, each as read from "disk": its front matter (title, search)."""
        text, generated = interface_text(language, *handbook.languages.all), []
        for kind, page_type in PAGE_TYPES.items():
            if page_type.scope not in ("site", "role") or not (where := self.config[page_type.option]):
                continue
            for role in handbook.roles if page_type.scope == "role" else [""]:
                role_name = handbook.roles[role].name(language) if role else ""
                file = File.generated(
                    config,
                    root + page_type.source_path(where, role),
                    content=_front_matter(page_type.front_matter(text, role=role_name)),
                    inclusion=InclusionLevel.NOT_IN_NAV if page_type.scope == "role" else InclusionLevel.UNDEFINED,
                )
                files.append(file)
                generated.append(GeneratedPage(kind, file.src_uri, file.url, role))
        return generated

    def _read_history(self, config: MkDocsConfig, handbook: Handbook) -> HandbookHistory:
        """Every regulation's versions from git; what history lacks, and what it says against itself, in the log."""
        history = handbook_history(handbook, Path(config.docs_dir))
        if history.lacking:
            log.info(f"history: {history.lacking}")
        for problem in history.problems:
            log.info("%s (warning)", problem)
        return history

    def _read_handbook(self, config: MkDocsConfig, today: date) -> Handbook:
        """Read and check every regulation; report findings once per build, not once per language."""
        languages = handbook_languages(config, NAME)
        handbook = load_handbook(Path(config.docs_dir), Path(config.config_file_path).parent, languages)
        if not handbook.valid:
            problems = "\n".join(f"  {problem}" for problem in handbook.errors)
            raise PluginError(
                f"{NAME}: {len(handbook.errors)} error(s) in the front matter "
                f"(run `handbook check` for the same list):\n{problems}"
            )
        overdue = [
            state
            for state in evaluate(handbook, today, self.config.due_soon_days)
            if state.review is ReviewStatus.OVERDUE
        ]
        lines = [
            f"{state.record.path}: {state.record.regulation.id} review overdue since {state.due}, "
            f"owner {state.record.regulation.owner}"
            for state in overdue
        ]
        if overdue and self.config.fail_on_overdue:
            raise PluginError(
                f"{NAME}: {len(overdue)} review(s) overdue as of {today} "
                "(fail_on_overdue is on):\n" + "\n".join(f"  {line}" for line in lines)
            )
        for line in lines:
            log.info(line)
        for warning in handbook.warnings:  # `handbook check` shows them too; not build failures
            log.info("%s (warning)", warning)
        return handbook

    def _write_pdfs(self, config: MkDocsConfig, build: LanguageBuild, nav: Navigation) -> LanguageBuild:
        """Write this language's PDFs, each regulation's and the handbook's, from one render per regulation
        (pdf_build.py); return the build with their links (site-relative URL and size)."""
        started, folder = time.perf_counter(), self.config.pdf_dir.strip("/")
        site_dir = Path(config.site_dir)
        pages = [
            SitePage(page.file.src_uri, page.url, page.parent.title if page.parent else "", page.content or "")
            for page in nav.pages
            if page.file.src_uri in build.pages
        ]
        site_root = _site_root(config.site_url or "", build.root)
        style = pdf.print_style()
        regulations = regulation_books(
            build, pages, title=config.site_name, site_root=site_root, site_dir=config.site_dir
        )
        book = print_book(
            build,
            regulations,
            title=config.site_name,
            description=config.site_description or "",
            author=config.site_author or config.site_name,
            site_root=site_root,
        )
        book_path = f"{folder}/handbook-{build.language}.pdf"
        running_title = pdf.css_content(shorten(config.site_name, 30))
        chapters, regulation_paths, missing = {}, {}, set[str]()
        for regulation_id, alone in regulations.items():
            regulation_paths[regulation_id] = f"{folder}/{build.language}/{regulation_id}.pdf"
            chapters[regulation_id] = Chapter(
                self._printable(
                    "handbook/print-regulation.html", config, alone, style, missing, running_title=running_title
                ),
                alone.sections[0].title,
                alone.chapters[0].prefix + "top",
                site_dir / regulation_paths[regulation_id],
            )
        language_pdfs = LanguagePdfs(
            chapters=chapters,
            front=lambda first_pages: self._printable(
                "handbook/print.html", config, book, style, missing, first_pages=first_pages
            ),
            folios=lambda folios: self._render(
                "handbook/print-folios.html", config, fonts=style, folios=folios, lang=book.lang
            ),
            folio=lambda page, pages: build.text["pdf_page_of"].format(page=page, pages=pages),
            links={chapter.address: chapter.prefix for chapter in book.chapters},
            book_target=site_dir / book_path,
        )

        def progress(what: str, done: int, total: int) -> None:  # a long PDF build says how far it is
            log.info(f"PDF ({build.language}): {done} of {total} {what}, {time.perf_counter() - started:.0f} s")

        cache = PdfCache(cache_folder(config), pdf.engine_identity())
        written = write_language_pdfs(language_pdfs, cache, site_dir, progress)
        book_size = pdf.human_size((site_dir / book_path).stat().st_size)
        log.info(
            f"PDF ({build.language}): {len(regulation_paths)} regulation{'s' * (len(regulation_paths) != 1)} "
            "and the handbook, chapters: "
            f"{written.rendered} rendered, {written.cached} from the cache, {written.book_pages} pages, "
            f"in {time.perf_counter() - started:.1f} s"
        )
        log.info(f"wrote {book_path}: {written.book_pages} pages, {book_size}")
        if missing:
            codes = ", ".join(f"{char} ({code_point(char)})" for char in sorted(missing))
            installed = ", ".join(font.family for font in pdf.print_fonts() + pdf.fallback_fonts())
            log.info(
                f"PDF ({build.language}): {codes} in none of the print fonts, printed as [U+…] "
                f"(installed: {installed}; `make build` installs the fallbacks, "
                "or add a font to handbook/print-style.html)"
            )
        links = {
            regulation_id: PdfLink(path, pdf.human_size((site_dir / path).stat().st_size))
            for regulation_id, path in regulation_paths.items()
        }
        return replace(build, pdf=PdfLink(book_path, book_size), regulation_pdfs=links)

    def _printable(
        self,
        template: str,
        config: MkDocsConfig,
        book: PrintBook,
        style: pdf.PrintStyle,
        missing: set[str],
        **context: Any,
    ) -> str:
        """A print document; what no print font has is written as its code point, and added to `missing`."""
        document = self._render(template, config, book=book, fonts=style, **context)
        if found := pdf.missing_characters(document):
            missing.update(found)
            document = pdf.show_missing_characters(document, found)
        return document

    def _render(self, name: str, config: MkDocsConfig, **context: Any) -> str:
        """Render one of our templates (the theme's, so that a site can override it)."""
        if self._templates is None:  # one environment (and template cache) for every language
            self._templates = config.theme.get_env()
            speed_up(self._templates)
            self._templates.filters["markdown_text"] = escape_markdown
            self._templates.filters["shorten"] = shorten
        try:
            template = self._templates.get_template(name)
        except TemplateNotFound:
            raise PluginError(
                f"{NAME}: template {name} not found in the theme (handbook-kit's templates are in {THEME})"
            ) from None
        return template.render(config=config, handbook=self.build, **context)


def _prune_cache(config: MkDocsConfig) -> None:
    """What the build cache holds that no build used for a while goes, once per build (build_cache.py)."""
    removed, size = prune(cache_folder(config))
    if removed:
        log.info(f"build cache: removed {removed} files unused for {KEEP_DAYS} days ({pdf.human_size(size)})")


def _history_pages(files: Files, handbook: Handbook, history: HandbookHistory, root: str) -> list[GeneratedPage]:
    """Each regulation's history page, its archived versions' texts and their comparisons, in the language at
    `root`: written after the build (history_pages.py), an archived text's source beside the regulation's, so
    that its relative links resolve."""
    pages: list[GeneratedPage] = []
    for record in handbook.regulations:
        versions, rid = history.regulations.get(record.regulation.id), record.regulation.id
        page_file = files.get_file_from_path(root + record.page)
        if versions is None or page_file is None or not page_file.url.endswith("/"):
            continue  # not built in this language, or without directory URLs
        folder, url = root + record.page.removesuffix(".md"), page_file.url
        pages.append(GeneratedPage(PageKind.HISTORY, f"{folder}/history.md", f"{url}history/", regulation_id=rid))
        pages += [
            GeneratedPage(
                PageKind.VERSION,
                f"{folder}@{version.version}.md",
                version_url(url, version.version),
                regulation_id=rid,
                version=version.version,
            )
            for version in versions.versions
            if version.archived
        ]
        pages += [
            GeneratedPage(
                PageKind.COMPARISON,
                f"{folder}/v/{version.version}/changes{f'/{base}' if base != previous else ''}.md",
                comparison_url(url, version.version, base, previous),
                regulation_id=rid,
                version=version.version,
                base_version=base,
            )
            for version, base, previous in comparisons(record, versions)
        ]
    return pages


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"


def _language(config: MkDocsConfig) -> str:
    return config.theme.get("language") or DEFAULT_LANGUAGE


def _alternates(config: MkDocsConfig) -> list[Alternate]:
    """The site's languages with their homes, as the i18n plugin set the language switch for this build
    (read before any page rewrote it)."""
    base = urlsplit(config.site_url or "").path or "/"
    return [
        Alternate(
            alternate["name"],
            alternate["lang"],
            link.removeprefix(base) if (link := alternate["link"]).startswith(base) else link,
        )
        for alternate in config.extra.get("alternate") or []
    ]


def _site_root(site_url: str, language_root: str) -> str:
    """The published site's root URL ("https://handbook.example.com/"), whatever the language build."""
    if not site_url:
        return ""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return site_url.removesuffix(language_root) if language_root else site_url
