"""Print the built site to one PDF, in table-of-contents order: `make pdf`.

Serves _build/html on 127.0.0.1 (a free port, from a thread that stops at the
end), opens each page of _toc.yml in the headless Chromium the browser test
uses, prints it with the print stylesheet (no sidebars; solutions stay
collapsed, as on the site), and merges the pages into
_build/html/building-keras-models.pdf, with one bookmark per page. The landing
page links that file. Environment: CHROMIUM (default /usr/bin/chromium),
SITE_DIR (default _build/html).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "site"))
from check_site import CHROMIUM, CHROMIUM_ARGS, DOCNAMES, QuietHandler  # noqa: E402

SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()
PDF_NAME = "building-keras-models.pdf"


def main() -> None:
    if not (SITE / "index.html").is_file():
        sys.exit(f"error: no site in {SITE}: run 'make book' first")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    writer = PdfWriter()
    try:
        with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            for number, docname in enumerate(DOCNAMES):
                page.goto(f"{base}{docname}.html", wait_until="load")
                path = Path(folder) / f"{number:02d}.pdf"
                page.pdf(
                    path=str(path),
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
                start = len(writer.pages)
                writer.append(str(path))
                title = page.title().split(" — ")[0].strip() or docname
                writer.add_outline_item(title=title, page_number=start)
            browser.close()
        writer.add_metadata({"/Title": "Building Keras Models"})
        with open(SITE / PDF_NAME, "wb") as out:
            writer.write(out)
    finally:
        server.shutdown()
        server.server_close()
    print(
        f"{len(writer.pages)} pages from {len(DOCNAMES)} documents in "
        f"{SITE.relative_to(ROOT) if SITE.is_relative_to(ROOT) else SITE}/{PDF_NAME}"
    )


if __name__ == "__main__":
    main()
