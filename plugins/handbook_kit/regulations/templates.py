"""Rendering the theme's templates fast, for every page of the site, ours and the theme's.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n
builds once per language, so every build compiled the theme's templates again
for each language: on the real handbook that was a quarter of the build, more
than everything our plugins do. Jinja's file cache in the temporary folder keys
each template by its name, file and source, so an edited template is compiled
anew. A cache is an optimisation: a temporary folder that cannot be written
costs the speed, never the build.

MkDocs' `url` filter works a page-relative URL out anew on every call; a
navigation or a role page asks for the same few hundred URLs thousands of times.
The same function, remembered: the same URLs.
"""

from __future__ import annotations

from collections import namedtuple
from contextlib import suppress
from functools import lru_cache

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from mkdocs.utils import normalize_url


def speed_up(env: Environment) -> None:
    """Cache `env`'s compiled templates between builds and remember its page-relative URLs."""
    if env.bytecode_cache is None:
        env.bytecode_cache = template_cache()
    env.filters["url"] = url_filter


class _TemplateCache(FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache() -> BytecodeCache | None:
    """The per-user cache in the temporary folder, or None where there is none to be had."""
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe (another user's)
        return None


@pass_context
def url_filter(context: Context, value: object) -> str:
    """MkDocs' `url` filter (mkdocs.utils.templates.url_filter), remembered per URL and page."""
    page = context.get("page")
    return _normalized(str(value), page.url if page is not None else None, context.get("base_url", ""))


_Page = namedtuple("_Page", "url")  # all of a page that normalize_url reads


@lru_cache(maxsize=1 << 16)
def _normalized(value: str, page_url: str | None, base: str) -> str:
    return normalize_url(value, page=_Page(page_url) if page_url is not None else None, base=base)
