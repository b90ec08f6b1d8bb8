"""Events of the `handbook/regulations` plugin; the logic lives in `handbook_kit.core`.

Data flow per language build (mkdocs-static-i18n runs one build per language,
so every event below fires once per language and state is rebuilt in on_config):
on_config reads and validates every regulation (once per build); on_files finds each
regulation's page and adds the generated pages and exports; on_page_markdown
writes the generated pages' source from templates; on_page_context hands a
regulation page its card, banners and revisions for `partials/content.html`.
"""

from __future__ import annotations

import time
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

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

from handbook_kit.core.exports import register_json, reviews_calendar
from handbook_kit.core.interface_text import interface_text
from handbook_kit.core.markup import escape_markdown
from handbook_kit.core.print_book import anchor_prefix, chapter_html, printed, review_summary
from handbook_kit.core.raci import raci_csv, raci_matrix, raci_table, role_duties
from handbook_kit.core.registry import Handbook, load_handbook
from handbook_kit.core.review import ReviewStatus
from handbook_kit.core.state import RegulationState, evaluate
from handbook_kit.core.text import code_point, shorten
from handbook_kit.core.today import TodayError, resolve_today
from handbook_kit.core.views import regulation_view, register, review_dashboard
from handbook_kit.i18n import building_another_language, language_root

from . import pdf
from .config import RegulationsConfig

log = get_plugin_logger(__name__)

# Generated page kind -> the template under overrides/ that writes its source.
GENERATED_TEMPLATES = {
    "dashboard": "handbook/review-dashboard.html",
    "register": "handbook/register.html",
    "matrix": "handbook/raci-matrix.html",
    "role": "handbook/role.html",
}
EXPORTS = ("handbook.json", "reviews.ics", "raci.csv")


class RegulationsPlugin(BasePlugin[RegulationsConfig]):
    """Owns the regulations' metadata, their review state and the pages made from them."""

    def __init__(self) -> None:
        super().__init__()
        self._findings_reported = False  # findings are logged once, not once per language
        self._handbook: Handbook | None = None  # read once per build; every language shows the same files
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"  # no PDFs on every save of a live preview

    # The i18n plugin sets this build's language in its on_config (priority -100).
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        try:
            self.today: date = resolve_today()
        except TodayError as error:
            raise PluginError(f"handbook/regulations: {error}") from None
        self.language: str = config.theme.get("language") or "zh"
        self.text = interface_text(self.language)
        if "toc" in config.mdx_configs:  # the permalink's tooltip, in this build's language
            config.mdx_configs["toc"]["permalink_title"] = self.text["permalink_title"]
        if not building_another_language(config):  # a new build: the files may have changed
            self._handbook = load_handbook(Path(config.docs_dir), Path(config.config_file_path).parent)
            self._findings_reported = False
        assert self._handbook is not None
        self.handbook: Handbook = self._handbook
        if not self.handbook.valid:
            problems = "\n".join(f"  {problem}" for problem in self.handbook.errors)
            raise PluginError(f"handbook/regulations: {len(self.handbook.errors)} error(s) in the front matter "
                              f"(run `handbook check` for the same list):\n{problems}")
        self.states: list[RegulationState] = evaluate(self.handbook, self.today, self.config.due_soon_days)
        self._check_overdue()
        # The language switch links as the i18n plugin set them, before any page rewrote them.
        self.alternates: list[dict[str, Any]] = deepcopy(config.extra.get("alternate") or [])
        self.page_states: dict[str, RegulationState] = {}   # src_uri of a regulation page -> its state
        self.urls: dict[str, str] = {}                  # regulation id -> site-relative URL
        self.generated: dict[str, tuple[str, str]] = {}  # src_uri of a generated page -> (kind, role key)
        self.role_urls: dict[str, str] = {}             # role key -> site-relative URL of its page
        self.language_root = ""
        self.pdf_link: dict[str, str] | None = None     # this language's PDF: site-relative URL and size
        self._source_env: Environment | None = None     # renders generated pages' sources, made once
        return None

    @event_priority(-110)  # after the i18n plugin has chosen this language's files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.language_root = language_root(files)
        for state in self.states:
            file = files.get_file_from_path(state.record.page)
            if file is not None and file.is_documentation_page():
                self.page_states[file.src_uri] = state
                self.urls[state.record.regulation.id] = file.url
        for kind in ("dashboard", "register", "matrix"):
            if path := self.config[kind]:
                self._generate(files, config, path, kind)
        if folder := self.config.role_pages:
            for key in self.handbook.roles:
                # Reached from role names (cards, matrix), not from the navigation.
                file = self._generate(files, config, f"{folder.strip('/')}/{key}.md", "role", key,
                                      InclusionLevel.NOT_IN_NAV)
                self.role_urls[key] = file.url
        if self.config.exports:
            self._add_exports(files, config)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        # Our `status` (draft | active | retired) is not Material's page status
        # (new | deprecated), which would put an unexplained icon in the navigation.
        page.meta.pop("status", None)
        # Titles are front matter, i.e. untrusted text, and Material prints page titles
        # unescaped (heading, navigation, footer). Escaped once here and marked safe,
        # every template shows them as typed and none escapes them twice.
        if isinstance(title := page.meta.get("title"), str):
            page.meta["title"] = escape(title)
        if page.file.src_uri in self.generated:
            return self._generated_source(*self.generated[page.file.src_uri], page, config)
        return None

    @event_priority(-110)  # after the i18n plugin translated the section titles
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        # Every page's Markdown is HTML by now and no page is written yet: the
        # PDF is made first, so every page can link to it with its size.
        if self.config.pdf and not self._serving:
            self.pdf_link = self._write_pdf(config)
        # Templates read `handbook.text.<key>` and `handbook.today`; they own the HTML.
        env.globals["handbook"] = self._template_globals()
        return env

    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        if not self.config.enabled:
            return None
        state = self.page_states.get(page.file.src_uri)
        if state is not None:
            # Read by overrides/partials/content.html: card and notices above the text, revisions below.
            url = self.urls.get(state.record.regulation.id, "")
            context["regulation"] = regulation_view(state, self.handbook.roles, self.language, self.text, url,
                                                    self.role_urls)
            context["raci"] = raci_table(state.record, self.handbook.roles, self.language, url, self.role_urls) \
                if state.record.regulation.raci else None
        elif getattr(page.file, "locale", self.language) != self.language:
            # mkdocs-static-i18n shows the default language's page where a translation is missing.
            context["untranslated"] = True
        if page.file.src_uri in self.generated:
            # A generated page exists at the same path in every language: point the
            # language switch there (the i18n plugin only knows the files it found on disk).
            # (Assigned as an attribute, as the i18n plugin does: an item would be shadowed.)
            path = page.url.removeprefix(self.language_root)
            config.extra.alternate = [{**alternate, "link": _site_relative(alternate["link"], config) + path}
                                      for alternate in self.alternates]
        return context

    # -- helpers ---------------------------------------------------------------

    def _check_overdue(self) -> None:
        overdue = [s for s in self.states if s.review is ReviewStatus.OVERDUE]
        lines = [f"  {s.record.path}: {s.record.regulation.id} review overdue since {s.due}, "
                 f"owner {s.record.regulation.owner}" for s in overdue]
        if overdue and self.config.fail_on_overdue:
            raise PluginError(f"handbook/regulations: {len(overdue)} review(s) overdue as of {self.today} "
                              "(fail_on_overdue is on):\n" + "\n".join(lines))
        if not self._findings_reported:
            self._findings_reported = True
            for line in lines:
                log.info(line.strip())
            for warning in self.handbook.warnings:  # `handbook check` shows them too; not build failures
                log.info("%s (warning)", warning)

    def _template_globals(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "language": self.language, "text": self.text,
                "due_soon_days": self.config.due_soon_days, "pdf": self.pdf_link}

    def _write_pdf(self, config: MkDocsConfig) -> dict[str, str]:
        """Write this language's PDF; return its site-relative URL and size for the download link."""
        path = f"{self.config.pdf_dir.strip('/')}/handbook-{self.language}.pdf"
        target = Path(config.site_dir) / path
        document = self._render_template("handbook/print.html", config, book=self._print_book(config))
        if missing := pdf.missing_characters(document):
            document = pdf.show_missing_characters(document, missing)
            codes = ", ".join(f"{char} ({code_point(char)})" for char in missing)
            log.info(f"PDF ({self.language}): {codes} in none of the print fonts, printed as [U+…] "
                     f"(installed: {', '.join(font.family for font in pdf.print_fonts() + pdf.fallback_fonts())}; "
                     "`make build` installs the fallbacks, or add a font to handbook/print-style.html)")
        started = time.perf_counter()
        pages = pdf.write_pdf(document, target, Path(config.site_dir))
        size = pdf.human_size(target.stat().st_size)
        log.info(f"wrote {path}: {pages} pages, {size}, in {time.perf_counter() - started:.1f} s")
        return {"url": path, "size": size}

    def _print_book(self, config: MkDocsConfig) -> dict[str, Any]:
        """The print template's data: the regulations in navigation order, grouped by section."""
        states = {state.record.regulation.id: state for state in printed(self.states)}
        pages = [page for page in self.nav.pages
                 if (state := self.page_states.get(page.file.src_uri)) and state.record.regulation.id in states]
        targets = {page.url: anchor_prefix(self.page_states[page.file.src_uri].record.regulation.id) for page in pages}
        site_root = _site_root(config.site_url or "", self.language_root)
        sections: dict[str, list[dict[str, Any]]] = {}
        for page in pages:
            state = self.page_states[page.file.src_uri]
            section = page.parent.title if page.parent else ""
            url = self.urls.get(state.record.regulation.id, "")
            body = chapter_html(page.url, page.content or "", targets[page.url], targets, site_root, config.site_dir)
            sections.setdefault(section, []).append({
                "view": regulation_view(state, self.handbook.roles, self.language, self.text, url),
                "raci": raci_table(state.record, self.handbook.roles, self.language, url)
                if state.record.regulation.raci else None,
                "prefix": targets[page.url], "body": body})
        return {
            "lang": "zh-Hans" if self.language == "zh" else self.language,
            "title": config.site_name, "description": config.site_description or "",
            "author": config.site_author or config.site_name, "today": self.today.isoformat(),
            "site_url": site_root + self.language_root if site_root else "",
            "summary": review_summary(list(states.values())),
            "sections": list(sections.items()),
            "chapters": [chapter for chapters in sections.values() for chapter in chapters],
            "serif": pdf.font_stack(pdf.SERIF),
            "sans": pdf.font_stack(pdf.SANS),
            "font_faces": pdf.font_faces(),
            "page_counter": pdf.css_content(self.text["pdf_page_of"], page="counter(page)", pages="counter(pages)"),
        }

    def _generate(self, files: Files, config: MkDocsConfig, path: str, kind: str, role: str = "",
                  inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        src_uri = self.language_root + path
        file = File.generated(config, src_uri, content=self._page_source_stub(kind, role), inclusion=inclusion)
        files.append(file)
        self.generated[src_uri] = (kind, role)
        return file

    def _page_source_stub(self, kind: str, role: str) -> str:
        """The generated page as read from "disk": its title; the body is written in on_page_markdown."""
        if kind == "role":
            title = self.text["role_title"].format(role=self.handbook.roles[role].name(self.language))
        else:
            title = self.text[f"{kind}_title"]
        # Generated pages summarise the regulations: search finds them by their
        # titles only (handbook/search indexes those), as their bodies repeat the
        # regulations and grow with the handbook.
        meta: dict[str, Any] = {"title": title, "search": {"exclude": True, "title_only": True}}
        if kind in ("register", "matrix"):
            meta["hide"] = ["toc"]  # one wide table: give it the room
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"

    def _page_data(self, kind: str, role: str) -> Any:
        roles, language = self.handbook.roles, self.language
        if kind == "dashboard":
            return review_dashboard(self.states, roles, language, self.text, self.today, self.urls)
        if kind == "register":
            return register(self.states, roles, language, self.text, self.today, self.urls)
        if kind == "matrix":
            return raci_matrix(self.handbook, language, self.urls, self.role_urls)
        return role_duties(role, self.handbook, language, self.urls, self.role_urls)

    def _generated_source(self, kind: str, role: str, page: Page, config: MkDocsConfig) -> str:
        """Render the page's Markdown source from its template."""
        return self._render_template(
            GENERATED_TEMPLATES[kind], config, data=self._page_data(kind, role), page=page,
            base_url=get_relative_url(".", page.url),
            exports={name: self.language_root + name for name in EXPORTS} if self.config.exports else {},
        )

    def _render_template(self, name: str, config: MkDocsConfig, **context: Any) -> str:
        """Render one of our templates (the theme's, so a site can override it)."""
        if self._source_env is None:  # one environment (and template cache) for every generated page
            self._source_env = config.theme.get_env()
            self._source_env.filters["markdown_text"] = escape_markdown
            self._source_env.filters["shorten"] = shorten
        try:
            template = self._source_env.get_template(name)
        except TemplateNotFound:
            raise PluginError(f"handbook/regulations: template {name} not found "
                              "(expected the handbook's overrides/ folder as theme.custom_dir)") from None
        return template.render(config=config, handbook=self._template_globals(), **context)

    def _add_exports(self, files: Files, config: MkDocsConfig) -> None:
        absolute = {regulation_id: urljoin(config.site_url or "", url) for regulation_id, url in self.urls.items()}
        arguments = (self.states, self.handbook.roles, self.language, self.text, self.today, absolute)
        files.append(File.generated(config, self.language_root + "handbook.json",
                                    content=register_json(*arguments)))
        files.append(File.generated(config, self.language_root + "reviews.ics",
                                    content=reviews_calendar(*arguments, site_url=config.site_url or "")))
        matrix = raci_matrix(self.handbook, self.language, absolute)
        files.append(File.generated(config, self.language_root + "raci.csv", content=raci_csv(matrix, self.text)))


def _site_root(site_url: str, language_root: str) -> str:
    """The published site's root URL ("https://handbook.example.com/"), whatever the language build."""
    if not site_url:
        return ""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return site_url.removesuffix(language_root) if language_root else site_url


def _site_relative(link: str, config: MkDocsConfig) -> str:
    """A language's home link ("/en/", or "/handbook/en/" under a site path) as "en/"."""
    base = urlsplit(config.site_url or "").path or "/"
    return link.removeprefix(base) if link.startswith(base) else link
