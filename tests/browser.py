"""The built site in the system Chromium, served over a local HTTP server."""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, Route

# axe-core, as `make test` installs it from the npm registry (npm ci).
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# Debian's chromium; Playwright must never download a browser of its own.
CHROMIUM = Path(os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))

# As root in a container, and with no background calls to Google's services
# (this network refuses them, and an intranet site must not need them).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that moved on to the next page closes its connections: not an error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class RecordedPage:
    """A browser tab that records every request, every failed one and every console error.

    A request the tab itself abandoned (it went on to another page) is not a failure.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "requestfailed", lambda request: request.failure == "net::ERR_ABORTED" or self.failures.append(request.url)
        )
        page.on("response", lambda response: response.status >= 400 and self.failures.append(response.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self, site_url: str) -> list[str]:
        origin = urlsplit(site_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin
        ]


def without_search_entries(page: Page) -> None:
    """Give the tab's search an index without entries, for tests that are not about search.

    Every page load starts Material's search, which fetches the whole index and
    builds it in a worker: the most work a page does, and none of it looked at.
    The configuration stays as built, so that the search box still works.
    """

    configs: dict[str, dict] = {}  # each language's index has its own, read once

    def empty_index(route: Route) -> None:
        url = route.request.url
        try:
            if url not in configs:
                configs[url] = json.loads(route.fetch().text())["config"]
            route.fulfill(json={"config": configs[url], "docs": []})
        except PlaywrightError:  # the test ended, and closed its tab, while the index was on its way
            pass

    page.route("**/search/search_index.json", empty_index)


def visit(page: Page, url: str) -> None:
    """Open `url` and return once Material's scripts have run: its search worker has fetched the
    search index, the last thing a page asks for (faster than waiting for the network to go idle).
    A page without the search (a regulation's history pages) is done once loaded."""
    fetched: list[str] = []

    def record(response: Response) -> None:
        if response.url.endswith("/search/search_index.json"):
            fetched.append(response.url)

    page.on("response", record)
    try:
        page.goto(url)
        if page.locator("form[name=search]").count():
            for _ in range(1500):  # 30 s
                if fetched:
                    break
                page.wait_for_timeout(20)
            else:
                raise AssertionError(f"{url}: the search index was never fetched")
    finally:
        page.remove_listener("response", record)


def serious_axe_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page as it stands: "rule: the first nodes"."""
    if not AXE.is_file():
        raise AssertionError("axe-core not installed: `make test` installs it from the npm registry (npm ci)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
        .violations.filter(v => ["serious", "critical"].includes(v.impact))
        .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")}`)""")
