"""Browser test of the local path: chapter 1 run in JupyterLab, as a reader runs it.

`make site-test` (so `make test`) runs it after the site's test. It starts
JupyterLab exactly as `make lab` does (the same make target, on a free port on
127.0.0.1, on a temporary copy of chapter 1 so nothing in notebooks/ changes),
reads the URL `make lab` prints, opens the chapter in headless Chromium, runs
all cells from the Run menu, saves, and checks the saved notebook: every code
cell ran, only the cells tagged `raises-exception` show an error (JupyterLab
does not stop at those, as nbval does not), the exercise starters answer "Not
attempted yet", and the last cell has its output.
The server is stopped at the end, even when the test fails. Named check_lab.py
so that `pytest tests` does not collect it. Environment: CHROMIUM.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from check_site import CHROMIUM, CHROMIUM_ARGS  # the site test's Chromium, run the same way
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "01_sequential_api.ipynb"
URL = re.compile(r"(http://127\.0\.0\.1:\d+/lab\?token=\w+)")
START_TIMEOUT_S = 120
RUN_TIMEOUT_MS = 120_000
# Some code cell shows [*] (running) or [n] (ran).
STARTED = (
    "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
    ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"
)
SCREENSHOT = ROOT / "_build" / "screenshots" / "lab-chapter-1.png"


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture()
def lab() -> Iterator[tuple[str, Path]]:
    """`make lab` on a copy of chapter 1: yields the URL it printed and the copy's folder."""
    folder = Path(tempfile.mkdtemp(prefix="lab-test-"))
    # The copy starts with no outputs and no execution counts, so that every
    # output and prompt checked below comes from this run.
    notebook = json.loads((ROOT / "notebooks" / CHAPTER).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    (folder / CHAPTER).write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    port = free_port()
    log = folder / "lab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_DIR={folder}"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        url = None
        while url is None and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.5)
            url = next(iter(URL.findall(log.read_text(errors="replace"))), None)
        assert url, (
            f"make lab printed no URL within {START_TIMEOUT_S} s:\n"
            f"{log.read_text(errors='replace')[-2000:]}"
        )
        assert f":{port}/" in url, (
            f"make lab listens on {url}, not on the port it was given ({port})"
        )
        yield url, folder
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        stopped = not listening(port)
        shutil.rmtree(folder, ignore_errors=True)
        assert stopped, f"JupyterLab still listens on 127.0.0.1:{port} after the test"


def test_chapter_1_runs_in_jupyterlab(lab: tuple[str, Path]) -> None:
    url, folder = lab
    base = url.split("/lab?")[0]
    token = url.split("token=")[1]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(RUN_TIMEOUT_MS)
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        try:
            page.goto(f"{base}/lab/tree/{CHAPTER}?token={token}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-Notebook-ExecutionIndicator')]"
                ".some(el => el.getAttribute('data-status') === 'idle')"
            )
            # The kernel must be connected before Run All, or JupyterLab queues
            # nothing: wait for the status bar's kernel name and "Idle", then
            # click again if no cell has started after a while.
            page.wait_for_function(
                "() => /Python 3.*\\| *Idle/.test(document.querySelector('#jp-main-statusbar')"
                "?.textContent || '')"
            )
            for _ in range(3):
                page.get_by_role("menuitem", name="Run", exact=True).click()
                page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
                try:
                    page.wait_for_function(STARTED, timeout=20_000)
                    break
                except PlaywrightTimeout:
                    continue
            # Running: some prompt shows [*]; done: none does, and the kernel is idle again.
            # A collapsed solution cell shows an empty prompt (an unrun cell shows "[ ]:"),
            # so only non-empty prompts count here; the saved notebook's execution counts
            # below cover every cell.
            page.wait_for_function(
                "() => document.querySelectorAll('.jp-InputPrompt').length > 0 && "
                "![...document.querySelectorAll('.jp-InputPrompt')]"
                ".some(p => p.textContent.includes('*')) && "
                "[...document.querySelectorAll('.jp-Notebook-ExecutionIndicator')]"
                ".some(el => el.getAttribute('data-status') === 'idle') && "
                "[...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                ".filter(p => p.textContent.trim() !== '')"
                ".every(p => /\\[\\d+\\]/.test(p.textContent))"
            )
            page.keyboard.press("Control+s")
            page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        finally:
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT, full_page=True)
            browser.close()
    saved = json.loads((folder / CHAPTER).read_text(encoding="utf-8"))
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    unrun = [i for i, cell in enumerate(code) if cell.get("execution_count") is None]
    assert not unrun, f"code cells {unrun} did not run"
    wrong = [
        (i, output.get("ename"), output.get("evalue", "")[:120])
        for i, cell in enumerate(code)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
        and "raises-exception" not in cell["metadata"].get("tags", [])
    ]
    assert not wrong, f"cells that show an error they should not: {wrong}"
    deliberate = [cell for cell in code if "raises-exception" in cell["metadata"].get("tags", [])]
    assert all(
        any(o.get("output_type") == "error" for o in cell["outputs"]) for cell in deliberate
    ), "a raises-exception cell ran without its error"
    starters = [cell for cell in code if cell.get("id", "").endswith("-starter")]
    verdicts = ["".join(o.get("text", "")) for cell in starters for o in cell["outputs"]]
    assert len(verdicts) == len(starters) > 0, f"starter cells without one verdict: {verdicts}"
    assert all(v.startswith("Not attempted yet:") for v in verdicts), (
        f"in JupyterLab the starter cells answered {verdicts}, not 'Not attempted yet'"
    )
    assert code[-1]["outputs"], "the last code cell shows no output"
    original = json.loads((ROOT / "notebooks" / CHAPTER).read_text(encoding="utf-8"))
    last_stored = [c for c in original["cells"] if c["cell_type"] == "code"][-1]["outputs"]
    assert [o.get("text") for o in code[-1]["outputs"]] == [o.get("text") for o in last_stored], (
        "the last cell's output in JupyterLab differs from the stored one"
    )
