"""Compiled templates kept between builds: Jinja's bytecode cache, made safe to fail.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n
builds once per language, so every build compiled the theme's templates again
for each language: on the real handbook that was a quarter of the build, more
than everything our plugins do. Jinja's file cache in the temporary folder keys
each template by its name, file and source, so an edited template is compiled
anew. A cache is an optimisation: a temporary folder that cannot be written
costs the speed, never the build.
"""

from __future__ import annotations

from contextlib import suppress

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


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


def cache_compiled_templates(env: Environment) -> None:
    if env.bytecode_cache is None:
        env.bytecode_cache = template_cache()
