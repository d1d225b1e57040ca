"""Browser test of the built site: headless Chromium walks every page of the book.

Run it with `make site-test` (which builds the site first); `make test` runs it
after the notebooks' tests. It serves _build/html on 127.0.0.1 from a thread
and, through Playwright, checks each page in _toc.yml (plus the search page):

- the page answers 200, has a <title> that names its H1, logs no console error;
- every local image, stylesheet, script and link target it references loads,
  and in-page anchors exist;
- no request leaves the machine (the site works offline), except MathJax from
  its CDN, whose absence only leaves formulas as TeX;
- absolute links go only to documentation hosts in ALLOWED_LINK_HOSTS, and
  there are no launch (Binder, Colab, JupyterHub) or repository buttons;
- each page offers its source for download (.ipynb for a chapter) and the
  download answers 200 with the same content;
- each chapter shows its stored outputs and every figure the notebook holds,
  and, under its title, the versions its outputs were recorded with and its
  measured run time (book/_ext/chapter_info.py);
- the search page finds each chapter by a word of its title;
- the helpers reference documents every module of the helpers package;
- at a desktop (1366 px) and a phone (390 px) width, no page scrolls sideways,
  no output, traceback or table is clipped (a table wider than a phone scrolls
  inside its own box), every image has real alt text,
  every exercise solution (`hide-input`) is collapsed with its output and opens
  on click, and
  every exercise starter shows its "Not attempted yet" answer;
- at the phone width, the menu and the contents drawers open on a tap.

It saves screenshots of the landing page and the first chapter at both widths
under _build/screenshots/. The file is named check_site.py so that `pytest tests`
(the helper tests, run before the site exists) does not collect it.
Environment: CHROMIUM (default /usr/bin/chromium), SITE_DIR (default
_build/html).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import pkgutil
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from book_toc import toc_files  # noqa: E402  (shared with the Error messages page)

SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000  # the machine may be busy
# The widths readers use: a laptop and a phone (an iPhone 12 to 15's CSS pixels).
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# Absolute links may only point at these documentation hosts (or their subdomains).
ALLOWED_LINK_HOSTS = {
    "keras.io",
    "tensorflow.org",
    "jupyterbook.org",
    "numpy.org",
    "scipy.org",
    "scikit-learn.org",
    "matplotlib.org",
    "arxiv.org",
    "python.org",
    "graphviz.org",
    "jupyter.org",
    "readthedocs.io",  # nbval, Sphinx, MyST docs
    "sphinx-doc.org",
    "pytest.org",
    "playwright.dev",
    "pydata.org",
}
# Requests the site may make to the network without failing offline: MathJax
# (a page with formulas shows them as TeX when it cannot load).
OPTIONAL_EXTERNAL_HOSTS = {"cdn.jsdelivr.net"}
LAUNCH_WORDS = re.compile(r"binder|colab|jupyterhub|launch|thebe", re.IGNORECASE)
STOP_WORDS = {"model", "models", "keras", "with", "your", "from", "into", "three", "their"}


# --- the pages -------------------------------------------------------------


def toc_docnames() -> list[str]:
    """Every document in _toc.yml, root first, in reading order."""
    return [re.sub(r"\.(md|ipynb)$", "", name) for name in toc_files(ROOT)]


DOCNAMES = toc_docnames()
CHAPTERS = [name for name in DOCNAMES if name.startswith("notebooks/")]


def notebook_expectations(docname: str) -> dict[str, int]:
    """How many code cells show outputs, and how many image outputs, the notebook stores."""
    nb = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    cells_with_output = images = 0
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] != "code" or tags & {
            "remove-output",
            "remove-cell",
            "remove_output",
            "remove_cell",
        }:
            continue
        outputs = cell.get("outputs", [])
        if outputs:
            cells_with_output += 1
        images += sum(
            1 for out in outputs if any(mime.startswith("image/") for mime in out.get("data", {}))
        )
    return {"cells_with_output": cells_with_output, "images": images, "cells": len(nb["cells"])}


def notebook_title(docname: str) -> str:
    """The text of the notebook's H1."""
    nb = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def search_word(docname: str) -> str:
    """A distinctive word of a chapter's title to search for."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]+", notebook_title(docname))
    candidates = [w for w in words if len(w) >= 5 and w.lower() not in STOP_WORDS]
    return max(candidates or words or [Path(docname).name], key=len)


# --- fixtures: server, browser, shared caches ------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site without logging each request to the terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no site in {SITE}: run 'make book' first", pytrace=False)
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: set CHROMIUM=/path/to/chromium", pytrace=False
        )
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def context(playwright: Playwright, base_url: str) -> Iterator[BrowserContext]:
    with tempfile.TemporaryDirectory(prefix="site-test-profile-") as profile:
        ctx = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
            service_workers="block",
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        ctx.set_default_navigation_timeout(TIMEOUT_MS)
        ctx.route("**/*", functools.partial(_offline_route, base_url))
        yield ctx
        ctx.close()


EXTERNAL_REQUESTS: list[str] = []


def _offline_route(base_url: str, route, request) -> None:
    """Let requests to the local server through; block (and record) all others."""
    if request.url.startswith(base_url) or request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        EXTERNAL_REQUESTS.append(request.url)
        route.abort("internetdisconnected")


class UrlChecker:
    """Fetches local URLs once each and remembers status and element ids."""

    def __init__(self, context: BrowserContext) -> None:
        self.request = context.request
        self.status: dict[str, int] = {}
        self.ids: dict[str, set[str]] = {}

    def get(self, url: str) -> int:
        url = url.split("#", 1)[0]
        if url not in self.status:
            response = self.request.get(url, timeout=TIMEOUT_MS)
            self.status[url] = response.status
            if response.ok and "html" in response.headers.get("content-type", ""):
                self.ids[url] = set(re.findall(r'\bid="([^"]+)"', response.text()))
        return self.status[url]

    def has_anchor(self, url: str) -> bool:
        page_url, _, fragment = url.partition("#")
        return self.get(page_url) == 200 and unquote(fragment) in self.ids.get(page_url, set())


@pytest.fixture(scope="session")
def urls(context: BrowserContext) -> UrlChecker:
    return UrlChecker(context)


def allowed_host(host: str) -> bool:
    host = host.lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in ALLOWED_LINK_HOSTS)


# --- loading a page and collecting what went wrong -------------------------


def open_page(
    context: BrowserContext, url: str, viewport: dict[str, int] | None = None
) -> tuple[Page, int | None, list[str]]:
    """Open url in a new tab (of the given size); return the page, HTTP status and problems seen."""
    problems: list[str] = []
    page = context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    local = url.split("/")[0] + "//" + urlsplit(url).netloc

    def on_console(message) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if urlsplit(source).hostname in OPTIONAL_EXTERNAL_HOSTS:
            return
        if "ERR_INTERNET_DISCONNECTED" in message.text and not source.startswith(local):
            return  # reported below as an external request, with its URL
        problems.append(f"console error: {message.text} ({source})")

    def on_response(response) -> None:
        if response.url.startswith(local) and response.status >= 400:
            problems.append(f"HTTP {response.status} for {response.url}")

    def on_failed(request) -> None:
        if request.url.startswith(local):
            problems.append(f"request failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    before = len(EXTERNAL_REQUESTS)
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    for external in EXTERNAL_REQUESTS[before:]:
        if urlsplit(external).hostname not in OPTIONAL_EXTERNAL_HOSTS:
            problems.append(f"request to the network (the site must work offline): {external}")
    return page, (response.status if response else None), problems


# Some lines of this JavaScript run past 100 columns; wrapping them would change the script's
# text, so the line-length check (E501) is silenced on its closing quotes.
LOAD_IMAGES = """async () => {
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = "eager"; });
  await Promise.all(imgs.map(img => img.complete ? null :
    new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  return imgs.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth,
                           inOutput: !!img.closest(".cell_output")}));
}"""  # noqa: E501

H1_TEXT = """() => {
  const h1 = document.querySelector("main h1, article h1, h1");
  if (!h1) return "";
  const copy = h1.cloneNode(true);
  copy.querySelectorAll(".headerlink, .section-number").forEach(el => el.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
}"""

# Some lines of this JavaScript run past 100 columns; wrapping them would change the script's
# text, so the line-length check (E501) is silenced on its closing quotes.
REFERENCES = """() => {
  const out = [];
  const add = (kind, value) => { if (value) out.push([kind, value]); };
  document.querySelectorAll("img[src]").forEach(el => add("image", el.src));
  document.querySelectorAll("script[src]").forEach(el => add("script", el.src));
  document.querySelectorAll("link[href]").forEach(el => add("link rel=" + el.rel, el.href));
  document.querySelectorAll("source[src], video[src], iframe[src]").forEach(el => add("media", el.src));
  document.querySelectorAll("a[href]").forEach(el => add("a", el.href));
  return out;
}"""  # noqa: E501


def page_problems(page: Page, page_url: str, urls: UrlChecker) -> list[str]:
    """Title, references, links and images of a loaded page."""
    problems = []
    h1 = page.evaluate(H1_TEXT)
    title = page.title()
    if not h1:
        problems.append("the page has no H1")
    if not title.strip():
        problems.append("the page has no <title>")
    elif h1 and h1 not in title:
        problems.append(f"<title> {title!r} does not name the H1 {h1!r}")

    local = page_url.split("/")[0] + "//" + urlsplit(page_url).netloc + "/"
    for kind, url in page.evaluate(REFERENCES):
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "javascript", "data", "blob"):
            continue
        if url.startswith(local):
            if kind == "a" and parts.fragment and url.split("#")[0] in (page_url.split("#")[0], ""):
                if not urls.has_anchor(url):
                    problems.append(f"link to a missing anchor: #{parts.fragment}")
                continue
            status = urls.get(url)
            if status != 200:
                problems.append(f"{kind} {url} answers {status}")
            elif kind == "a" and parts.fragment and url.endswith(".html#" + parts.fragment):
                if not urls.has_anchor(url):
                    problems.append(f"link to a missing anchor: {url}")
        elif parts.scheme in ("http", "https"):
            if kind != "a" and parts.hostname in OPTIONAL_EXTERNAL_HOSTS:
                continue
            if kind != "a":
                problems.append(f"{kind} loads from the network: {url}")
            elif not allowed_host(parts.hostname or ""):
                problems.append(f"link to a host outside the allow-list: {url}")
            if LAUNCH_WORDS.search(url) and kind == "a":
                problems.append(f"launch link: {url}")
        else:
            problems.append(f"{kind} with an unexpected URL: {url}")

    for image in page.evaluate(LOAD_IMAGES):
        if image["width"] == 0:
            problems.append(f"image does not display: {image['src']}")
    launch = page.locator(
        ".dropdown-launch-buttons, .launch-buttons, .btn-launch, .repository-button"
    ).count()
    if launch:
        problems.append(f"{launch} launch or repository button(s) on the page")
    return problems


def download_problems(page: Page, docname: str, urls: UrlChecker) -> list[str]:
    """The page offers its source (a chapter: its .ipynb) and the download works."""
    suffix = ".ipynb" if docname.startswith("notebooks/") else ".md"
    links = page.eval_on_selector_all(
        ".dropdown-download-buttons a[href], a.btn[href*='_sources/']",
        "els => els.map(el => el.href)",
    )
    wanted = [href for href in links if href.split("?")[0].endswith(Path(docname).name + suffix)]
    if not wanted:
        return [f"no download link for the {suffix} source (found {links})"]
    problems = []
    for href in sorted(set(wanted)):
        status = urls.get(href)
        if status != 200:
            problems.append(f"download {href} answers {status}")
            continue
        body = urls.request.get(href).body()
        if body != (ROOT / f"{docname}{suffix}").read_bytes():
            problems.append(f"download {href} differs from {docname}{suffix}")
    return problems


def chapter_problems(page: Page, docname: str) -> list[str]:
    """A chapter shows every stored output and every stored figure."""
    expected = notebook_expectations(docname)
    shown = page.locator(".cell_output").count()
    problems = []
    if not expected["cells_with_output"]:
        problems.append("the notebook stores no outputs: run `make notebooks NB=...` and commit it")
    if shown < expected["cells_with_output"]:
        problems.append(
            f"{shown} cells show outputs, but {expected['cells_with_output']} code cells store "
            "outputs"
        )
    info = page.locator("p.chapter-run-info")
    if info.count() != 1:
        problems.append(
            f"{info.count()} lines saying what the outputs were recorded with, expected one"
        )
    elif not re.search(
        r"recorded with TensorFlow [\d.]+, Keras [\d.]+.*; the chapter (runs in \d+ s|'s run time)",
        info.inner_text(),
    ):
        problems.append(f"the recorded-with line reads {info.inner_text()!r}")
    figures = [img for img in page.evaluate(LOAD_IMAGES) if img["inOutput"] and img["width"] > 0]
    if len(figures) < expected["images"]:
        problems.append(
            f"{len(figures)} figures displayed in outputs, the notebook stores {expected['images']}"
        )
    return problems


# --- the tests -------------------------------------------------------------


@pytest.mark.parametrize("docname", DOCNAMES)
def test_page(context: BrowserContext, base_url: str, urls: UrlChecker, docname: str) -> None:
    """Every page of the table of contents loads fully, offline, and links only where it may."""
    url = urljoin(base_url, f"{docname}.html")
    if not (SITE / f"{docname}.html").is_file():
        pytest.fail(f"{docname}.html is missing from the site", pytrace=False)
    page, status, problems = open_page(context, url)
    try:
        if status != 200:
            problems.append(f"HTTP {status}")
        problems += page_problems(page, url, urls)
        problems += download_problems(page, docname, urls)
        if docname in CHAPTERS:
            problems += chapter_problems(page, docname)
    finally:
        page.close()
    assert not problems, f"{docname}.html:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_landing_page(context: BrowserContext, base_url: str, width: str) -> None:
    """The site root leads to the introduction; screenshot it."""
    page, status, problems = open_page(context, base_url, WIDTHS[width])
    try:
        page.wait_for_url(re.compile(re.escape(DOCNAMES[0]) + r"\.html"))
        page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"landing-{width}.png"), full_page=True)
        nav = page.eval_on_selector_all(
            "nav.bd-links a.reference.internal[href]", "els => els.map(el => el.href)"
        )
    finally:
        page.close()
    assert status == 200 and not problems, problems
    listed = {urlsplit(href).path.lstrip("/").removesuffix(".html") for href in nav}
    missing = [name for name in DOCNAMES[1:] if name not in listed]
    assert not missing, f"the sidebar does not list {missing}"


@pytest.mark.skipif(not CHAPTERS, reason="no chapters in the table of contents")
@pytest.mark.parametrize("width", WIDTHS)
def test_chapter_screenshot(context: BrowserContext, base_url: str, width: str) -> None:
    """Screenshot the first chapter, scrolled to its first figure if it has one."""
    page, status, problems = open_page(
        context, urljoin(base_url, f"{CHAPTERS[0]}.html"), WIDTHS[width]
    )
    try:
        figure = page.locator(".cell_output img").first
        if figure.count():
            figure.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"chapter-{width}.png"))
    finally:
        page.close()
    assert status == 200 and not problems, problems


def test_search_page_loads(context: BrowserContext, base_url: str) -> None:
    page, status, problems = open_page(context, urljoin(base_url, "search.html"))
    page.close()
    assert status == 200 and not problems, problems


@pytest.mark.parametrize("docname", CHAPTERS)
def test_search_finds_chapter(context: BrowserContext, base_url: str, docname: str) -> None:
    """Searching offline for a word of a chapter's title lists that chapter."""
    word = search_word(docname)
    page, status, problems = open_page(context, urljoin(base_url, f"search.html?q={word}"))
    try:
        # Sphinx's searchtools retitles the results "Search Results" when it is done
        # (the theme keeps that heading hidden, so wait for its text, not for it to show).
        page.wait_for_function(
            '() => (document.querySelector("#search-results h2") || {}).textContent '
            '=== "Search Results" '
        )
        summary = page.locator("#search-results .search-summary").inner_text()
        found = page.eval_on_selector_all(
            "#search-results ul.search li a", "els => els.map(el => el.href)"
        )
    finally:
        page.close()
    assert status == 200 and not problems, problems
    paths = {urlsplit(href).path.lstrip("/") for href in found}
    assert f"{docname}.html" in paths, f"searching {word!r}: {summary!r}; results: {sorted(paths)}"


# helpers.exercises documents Feedback, which helpers.exercises.feedback defines.
UNDOCUMENTED_OK = {"helpers.exercises.feedback"}


@pytest.mark.skipif("book/helpers_reference" not in DOCNAMES, reason="no helpers reference page")
def test_helpers_reference_covers_every_module(urls: UrlChecker, base_url: str) -> None:
    """Each module of the helpers package has its section on the reference page."""
    import helpers

    modules = {"helpers"} | {
        info.name
        for info in pkgutil.walk_packages(helpers.__path__, "helpers.")
        if not info.name.split(".")[-1].startswith("_")
    }
    url = urljoin(base_url, "book/helpers_reference.html")
    assert urls.get(url) == 200
    documented = {i.removeprefix("module-") for i in urls.ids[url] if i.startswith("module-")}
    missing = sorted(modules - documented - UNDOCUMENTED_OK)
    assert not missing, f"add these modules to book/helpers_reference.md: {missing}"


# --- what readers see, at a desktop and a phone width ------------------------

# Some lines of this JavaScript run past 100 columns; wrapping them would change the script's
# text, so the line-length check (E501) is silenced on its closing quotes.
LAYOUT = """() => {
  const out = [];
  const text = el => ((el && el.textContent) || "").trim().replace(/\\s+/g, " ").slice(0, 70);
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1)
    out.push(`the page scrolls sideways: ${root.scrollWidth} px of content in a ${root.clientWidth} px window`);
  // Outputs and tracebacks wrap; only a table drawn in box characters (model.summary())
  // may be wider than its box, and then it must scroll inside it.
  document.querySelectorAll(".cell_output pre").forEach(el => {
    if (el.scrollWidth <= el.clientWidth + 1) return;
    const drawn = /[\u2500-\u257f]{3}/.test(el.textContent);
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    if (!(drawn && scrolls))
      out.push(`an output is clipped (${el.scrollWidth} px in a ${el.clientWidth} px box): ${text(el)}`);
  });
  // A table fits its column, or (on a phone, where book.css gives it a readable width) scrolls
  // sideways inside its own box.
  document.querySelectorAll("article table").forEach(el => {
    const box = el.parentElement;
    const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
    if (el.offsetWidth > box.clientWidth + 1 && !scrolls)
      out.push(`a table is ${el.offsetWidth} px wide in a ${box.clientWidth} px column: ${text(el.rows[0])}`);
  });
  // Coloured output text (model.summary()) must be readable on its box: 4.5:1 (WCAG AA).
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = c => {
    const [r, g, b] = rgb(c).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  };
  const seen = new Set();
  document.querySelectorAll(".cell_output pre span[style*='color']").forEach(el => {
    const fg = getComputedStyle(el).color, bg = background(el);
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5 && !seen.has(fg + bg)) {
      seen.add(fg + bg);
      out.push(`output text in ${fg} on ${bg} has contrast ${ratio.toFixed(2)}:1, under 4.5:1: ${text(el)}`);
    }
  });
  document.querySelectorAll("article img").forEach(el => {
    const alt = (el.getAttribute("alt") || "").trim();
    if (!alt || /[\\/]|\\.(png|svg|jpe?g|gif)$/i.test(alt))
      out.push(`an image has no real alt text: ${alt || "(none)"}`);
  });
  return out;
}"""  # noqa: E501

# Some lines of this JavaScript run past 100 columns; wrapping them would change the script's
# text, so the line-length check (E501) is silenced on its closing quotes.
SOLUTIONS = """() => [...document.querySelectorAll(".cell.tag_hide-input")].map(cell => {
  const details = cell.querySelector("details.hide");
  const code = cell.querySelector(".cell_input pre");
  // A closed <details> hides its content with content-visibility, which offsetHeight ignores.
  const label = details ? details.querySelector("summary").textContent.replace(/\\s+/g, " ").trim() : "";
  const outputVisible = [...cell.querySelectorAll(".cell_output")].some(out => out.checkVisibility());
  return {collapsed: !!details && !details.open, codeVisible: !!code && code.checkVisibility(), outputVisible, label};
})"""  # noqa: E501


# At the desktop width every code line fits its cell: the notebooks are formatted at 88
# characters (`make lint`), so a code cell that scrolls sideways means a longer line slipped in
# or the column got narrower.
CODE_FITS = """() => [...document.querySelectorAll(".cell_input pre")]
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => `a code cell scrolls sideways (${el.scrollWidth} px in a ${el.clientWidth} px box): `
    + el.textContent.trim().split("\\n")[0].slice(0, 70))"""

# Figures stored with a display size (matplotlib's, in the retina format: tests/test_figures.py)
# are shown at that size, with twice its pixels, so they are sharp on high-resolution screens.
FIGURES_SHARP = """() => [...document.querySelectorAll(".cell_output img")]
  .filter(el => el.style.width && el.naturalWidth < 1.9 * parseFloat(el.style.width))
  .map(el => `a figure has ${el.naturalWidth} px for a ${el.style.width} display`)"""


@pytest.mark.parametrize("docname", CHAPTERS)
def test_code_is_not_cut_off_in_print(context: BrowserContext, base_url: str, docname: str) -> None:
    """Printed (as in the book's PDF: A4 less 12 mm margins, 703 px), every code line is whole."""
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 703, "height": 1000})
        page.emulate_media(media="print")
        page.goto(urljoin(base_url, f"{docname}.html"), wait_until="load")
        problems = page.evaluate(CODE_FITS)
    finally:
        page.close()
    assert not problems, f"{docname}.html in print:\n  " + "\n  ".join(problems)


UNATTEMPTED = """() => [...document.querySelectorAll("div.cell_output")]
  .filter(output => output.textContent.trimStart().startsWith("Not attempted yet:")).length"""


def starter_cells(docname: str) -> int:
    """How many exercise starter cells (id `exN-starter`) the notebook has."""
    nb = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    return sum(str(cell.get("id", "")).endswith("-starter") for cell in nb["cells"])


def hidden_input_cells(docname: str) -> int:
    """How many code cells of the notebook are tagged `hide-input` (the exercise solutions)."""
    nb = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    return sum("hide-input" in cell.get("metadata", {}).get("tags", []) for cell in nb["cells"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_reads_at_width(
    context: BrowserContext, base_url: str, docname: str, width: str
) -> None:
    """Nothing scrolls sideways or is clipped, images have alt text, solutions are collapsed,
    and each exercise starter shows its "Not attempted yet" answer."""
    page, status, problems = open_page(context, urljoin(base_url, f"{docname}.html"), WIDTHS[width])
    try:
        problems += page.evaluate(LAYOUT)
        if width == "desktop":
            problems += page.evaluate(CODE_FITS)
            problems += page.evaluate(FIGURES_SHARP)
        if docname in CHAPTERS:
            solutions = page.evaluate(SOLUTIONS)
            if len(solutions) != hidden_input_cells(docname):
                problems.append(
                    f"{len(solutions)} hidden solutions shown, the notebook has "
                    f"{hidden_input_cells(docname)}"
                )
            for number, solution in enumerate(solutions, 1):
                if not solution["collapsed"] or solution["codeVisible"]:
                    problems.append(f"solution {number} is not collapsed")
                if solution["outputVisible"]:
                    problems.append(f"solution {number}'s output shows while it is collapsed")
                if not solution["label"].startswith("Show the solution"):
                    problems.append(f"solution {number}'s toggle reads {solution['label']!r}")
            if solutions:
                page.locator(".cell.tag_hide-input details.hide summary").first.click()
                opened = page.evaluate(SOLUTIONS)[0]
                if not (opened["codeVisible"] and opened["outputVisible"]):
                    problems.append("the first solution and its output do not open on click")
            shown = page.evaluate(UNATTEMPTED)
            if shown != starter_cells(docname):
                problems.append(
                    f"{shown} 'Not attempted yet' answers shown, the notebook has "
                    f"{starter_cells(docname)} starter cells"
                )
    finally:
        page.close()
    assert status == 200 and not problems, (
        f"{docname}.html at the {width} width:\n  " + "\n  ".join(problems)
    )


@pytest.mark.skipif(not CHAPTERS, reason="no chapters in the table of contents")
@pytest.mark.parametrize("drawer", ["primary", "secondary"])
def test_phone_drawers_open(context: BrowserContext, base_url: str, drawer: str) -> None:
    """At phone width, the menu (primary) and contents (secondary) buttons open their drawers."""
    page, status, problems = open_page(
        context, urljoin(base_url, f"{CHAPTERS[0]}.html"), WIDTHS["phone"]
    )
    try:
        buttons = page.locator(f"button.{drawer}-toggle:visible")
        assert buttons.count() == 1, (
            f"{buttons.count()} visible {drawer} toggle buttons, expected one"
        )
        buttons.first.click()
        dialog = page.locator(f"dialog#pst-{drawer}-sidebar-modal")
        dialog.wait_for(state="visible", timeout=5_000)
        links = dialog.locator("a[href]:visible").count()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"phone-{drawer}-drawer.png"))
    finally:
        page.close()
    assert status == 200 and not problems, problems
    assert links > 0, f"the {drawer} drawer opened with no links in it"


THEME = "() => document.documentElement.dataset.theme"


@pytest.mark.skipif(not CHAPTERS, reason="no chapters in the table of contents")
def test_theme_button_changes_the_theme(context: BrowserContext, base_url: str) -> None:
    """Each of two clicks on the theme button visibly changes the page (light to dark and back)."""
    page, status, problems = open_page(context, urljoin(base_url, f"{CHAPTERS[0]}.html"))
    try:
        page.evaluate("() => localStorage.clear()")
        page.reload(wait_until="load")
        themes = [page.evaluate(THEME)]
        for _ in range(2):
            page.locator(".theme-switch-button:visible").first.click()
            themes.append(page.evaluate(THEME))
        page.evaluate("() => localStorage.clear()")
    finally:
        page.close()
    assert status == 200 and not problems, problems
    assert themes[0] != themes[1] != themes[2], f"themes after 0, 1 and 2 clicks: {themes}"


@pytest.mark.skipif("book/error_index" not in DOCNAMES, reason="no error index page")
def test_search_finds_an_error_message(context: BrowserContext, base_url: str) -> None:
    """Pasting the start of an error a chapter shows into the search box lists the error index."""
    page, status, problems = open_page(
        context, urljoin(base_url, "search.html?q=could+not+be+deserialized")
    )
    try:
        page.wait_for_function(
            '() => (document.querySelector("#search-results h2") || {}).textContent '
            '=== "Search Results" '
        )
        found = page.eval_on_selector_all(
            "#search-results ul.search li a", "els => els.map(el => el.href)"
        )
    finally:
        page.close()
    assert status == 200 and not problems, problems
    paths = {urlsplit(href).path.lstrip("/") for href in found}
    assert "book/error_index.html" in paths, f"results: {sorted(paths)}"


def test_landing_page_offers_the_book_as_a_zip(
    context: BrowserContext, base_url: str, urls: UrlChecker
) -> None:
    """The landing page links a zip of every notebook as committed, the helpers and the Makefile."""
    import io
    import zipfile

    page, status, problems = open_page(context, urljoin(base_url, f"{DOCNAMES[0]}.html"))
    try:
        links = page.eval_on_selector_all("a[href$='.zip']", "els => els.map(el => el.href)")
    finally:
        page.close()
    assert status == 200 and not problems, problems
    assert len(set(links)) == 1, f"expected one zip link on the landing page, found {links}"
    response = urls.request.get(links[0])
    assert response.ok, f"{links[0]} answers {response.status}"
    archive = zipfile.ZipFile(io.BytesIO(response.body()))
    names = set(archive.namelist())
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"building-keras-models"}, (
        f"the zip should unpack into one folder, not {sorted(top)}"
    )
    for needed in (
        "Makefile",
        "requirements.txt",
        "pyproject.toml",
        "src/helpers/__init__.py",
        "tests/nbval_balance.py",
    ):
        assert f"building-keras-models/{needed}" in names, f"the zip lacks {needed}"
    for docname in CHAPTERS:
        inside = archive.read(f"building-keras-models/{docname}.ipynb")
        assert inside == (ROOT / f"{docname}.ipynb").read_bytes(), (
            f"the zip's {docname}.ipynb differs from the book's"
        )


def test_landing_page_offers_the_book_as_a_pdf(
    context: BrowserContext, base_url: str, urls: UrlChecker
) -> None:
    """The landing page links one PDF of the whole book, a bookmark per page in reading order."""
    import io

    from pypdf import PdfReader

    page, status, problems = open_page(context, urljoin(base_url, f"{DOCNAMES[0]}.html"))
    try:
        links = page.eval_on_selector_all("a[href$='.pdf']", "els => els.map(el => el.href)")
    finally:
        page.close()
    assert status == 200 and not problems, problems
    assert len(set(links)) == 1, f"expected one PDF link on the landing page, found {links}"
    response = urls.request.get(links[0])
    assert response.ok, f"{links[0]} answers {response.status}: run 'make pdf'"
    reader = PdfReader(io.BytesIO(response.body()))
    bookmarks = [item.title for item in reader.outline]
    assert len(bookmarks) == len(DOCNAMES), (
        f"{len(bookmarks)} bookmarks for {len(DOCNAMES)} pages: {bookmarks}"
    )
    for docname, bookmark in zip(CHAPTERS, [b for b in bookmarks if re.match(r"\d+\.", b)]):
        assert notebook_title(docname).replace("`", "") in bookmark, (
            f"bookmark {bookmark!r} for {docname}"
        )
    assert len(reader.pages) > 2 * len(DOCNAMES), f"only {len(reader.pages)} pages"
