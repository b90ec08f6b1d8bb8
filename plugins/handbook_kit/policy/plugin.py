"""Events of the `handbook/policy` plugin; the logic lives in `handbook_kit.core`."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook_kit.core.interface_text import interface_text
from handbook_kit.core.today import TodayError, resolve_today

from .config import PolicyConfig

log = get_plugin_logger(__name__)


class PolicyPlugin(BasePlugin[PolicyConfig]):
    """Owns the regulations' metadata and the day they are evaluated against."""

    today: date

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # The i18n plugin rebuilds once per language: everything is recomputed here.
        if not self.config.enabled:
            return None
        try:
            self.today = resolve_today()
        except TodayError as error:
            raise PluginError(f"handbook/policy: {error}") from None
        log.debug("evaluating the handbook as of %s", self.today)
        return None

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled:
            # Our `status` (draft | active | retired) is not Material's page status
            # (new | deprecated), which would put an unexplained icon in the navigation.
            page.meta.pop("status", None)
        return None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        language = config.theme.get("language") or "zh"
        # Templates read `handbook.text.<key>` and `handbook.today`; they own the HTML.
        env.globals["handbook"] = {
            "today": self.today.isoformat(),
            "language": language,
            "text": interface_text(language),
        }
        return env
