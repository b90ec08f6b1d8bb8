"""A regulation's history pages, written after the build: its history, archived versions and comparisons.

There are several of them for every regulation page (history, each archived
version, each comparison), so they do not go through MkDocs' page pipeline,
which would give each its own Markdown parser, the whole navigation and every
plugin's events: they are rendered here with the theme's `handbook/archive.html`
(a light page of their own, with the site's styles, card and notices), while
MkDocs writes the regular pages (in workers: ../workers.py). Being outside the
build's pages, they stay out of search, of the sitemap and of the PDF by
construction.

An archived version's text is converted by MkDocs itself (`Page.render`: the
site's Markdown extensions, anchors and link rewriting, relative to the
regulation's own source), with a link that no longer resolves reported at INFO:
a past text cannot be corrected, and must not fail today's build. What it
gives is kept between builds (history_cache.py).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import mkdocs
from jinja2 import Environment, TemplateNotFound
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime, get_relative_url, normalize_url, write_file
from mkdocs.utils.templates import TemplateContext

from handbook_kit.core.frontmatter import split_front_matter
from handbook_kit.core.generated_pages import GeneratedPage, PageKind
from handbook_kit.core.language_build import LanguageBuild
from handbook_kit.core.views import title_in

from .history_cache import HistoryCache

TEMPLATE = "handbook/archive.html"


class HistoryPages:
    """Writes the history pages of one language's build, one at a time (`write`): serially or in
    workers (workers.py), each page the same either way."""

    def __init__(
        self,
        build: LanguageBuild,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Environment,
        render: Callable[..., str],
        cache: HistoryCache,
    ) -> None:
        """`render(name, config, **context)` renders one of our source templates."""
        self.build, self.config, self.files, self.nav = build, config, files, nav
        self.render, self.cache = render, cache
        self.frame = env.get_template(TEMPLATE)
        self.stylesheets = theme_stylesheets(env)
        self.documentation_pages = files.documentation_pages()
        self.titles = {
            record.regulation.id: _title(build, record.regulation.id) for record in build.handbook.regulations
        }

    def pages(self) -> list[GeneratedPage]:
        return [page for page in self.build.generated.values() if page.type.scope in ("regulation", "version")]

    def write(self, generated: GeneratedPage) -> None:
        build, config = self.build, self.config
        page_type = generated.type
        values = {"title": self.titles[generated.regulation_id], "version": generated.version}
        values |= {"old": generated.base_version, "new": generated.version}
        page = _page(config, generated) if generated.kind is PageKind.VERSION else _LightPage(generated.url)
        context: dict[str, Any] = {"regulation": None, "archived": None, "raci": None, "text_language": None}
        if generated.kind is PageKind.VERSION:
            card, notice = build.archived(generated.regulation_id, generated.version)
            version = build.histories[generated.regulation_id].get(generated.version)
            assert version is not None
            in_source = build.language == build.handbook.languages.source
            if not in_source and version.translation_title:
                values["title"] = version.translation_title
            elif in_source and version.regulation is not None:
                values["title"] = version.regulation.title
            source = version.translation if not in_source and version.translation else version.text
            with _links_reported_at_info(config):
                self.cache.render(page, split_front_matter(source)[1], lambda: page.render(config, self.files))
            untranslated = not in_source and not version.translation  # the source's text, marked as such
            context.update(
                regulation=card,
                archived=notice,
                text_language=build.handbook.languages.source if untranslated else None,
            )
        else:  # its template writes HTML: no Markdown to convert
            page.content = self.render(
                page_type.template,
                config,
                data=page_type.data(build, generated),
                page=page,
                base_url=get_relative_url(".", page.url),
            )
        # Titles are front matter, untrusted text, which Material prints as HTML: escaped once, marked safe.
        page.title = Markup.escape(build.text[page_type.title].format(**values))
        page.meta = {"title": page.title, "archived": True}
        output = self.frame.render(
            _context(page, config, self.nav, self.documentation_pages)
            | context
            | {
                "handbook": build,
                "generated": generated,
                "stylesheets": self.stylesheets,
                "alternates": build.alternate_links(page.url),  # the same page in every language
            }
        )
        target = os.path.join(config.site_dir, generated.url, "index.html")
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), target)


_STYLESHEET = re.compile(r"""['"](assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css)['"]""")


def theme_stylesheets(env: Environment) -> list[str]:
    """The theme's own stylesheets, as its base template links them (Material names them by their hash)."""
    try:
        source = env.loader.get_source(env, "base.html")[0] if env.loader else ""
    except TemplateNotFound:
        return []
    return list(dict.fromkeys(_STYLESHEET.findall(source)))


def _title(build: LanguageBuild, regulation_id: str) -> str:
    return title_in(build.records[regulation_id], build.language)


@dataclass
class _LightPage:
    """What the frame and MkDocs' `url` filter read of a page, for a page whose content is no Markdown."""

    url: str
    title: str = ""
    content: str = ""
    toc: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _page(config: MkDocsConfig, generated: GeneratedPage) -> Page:
    """An archived text's page, outside the build's files: its source beside the regulation's (its links
    resolve as the regulation's do), its address under the regulation's."""
    file = File.generated(config, generated.src_uri, content="")
    file.dest_uri = generated.url + "index.html"
    return Page(None, file, config)


def _context(page: Page, config: MkDocsConfig, nav: Navigation, documentation_pages: Sequence[File]) -> dict:
    """What MkDocs gives a page's template (mkdocs.commands.build.get_context), the file list made once."""
    base_url = get_relative_url(".", page.url)
    return dict(
        TemplateContext(
            nav=nav,
            pages=documentation_pages,
            base_url=base_url,
            extra_css=[normalize_url(path, page, base_url) for path in config.extra_css],
            extra_javascript=[normalize_url(str(script), page, base_url) for script in config.extra_javascript],
            mkdocs_version=mkdocs.__version__,
            build_date_utc=get_build_datetime(),
            config=config,
            page=page,
        )
    )


@contextmanager
def _links_reported_at_info(config: MkDocsConfig) -> Iterator[None]:
    links = config.validation.links
    saved = (links.not_found, links.anchors, links.absolute_links, links.unrecognized_links)
    links.not_found = links.anchors = links.absolute_links = links.unrecognized_links = logging.INFO
    try:
        yield
    finally:
        links.not_found, links.anchors, links.absolute_links, links.unrecognized_links = saved
