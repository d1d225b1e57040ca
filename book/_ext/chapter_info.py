"""Sphinx extension: under each chapter's title, what it was last executed with and how long
it takes.

Both facts are read from the build's own inputs, never typed:

- the versions come from the chapter's stored Setup output, the line
  ``helpers.environment.environment_report()`` printed when the committed
  outputs were recorded ("As pinned: TensorFlow 2.21.0, Keras 3.15.1, ...");
- the run time comes from ``book/_generated/bench.md`` (``make bench``).

A chapter whose Setup output or bench row is missing says so instead, so a
stale or partial recording shows on the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

PINNED = re.compile(r"^As pinned: (?P<versions>.+?); numeric settings in effect", re.M)
BENCH_ROW = re.compile(r"\(`(?P<name>[\w.-]+\.ipynb)`\)[^|]*\|\s*(?P<seconds>\d+(?:\.\d+)?)\s*\|")
BENCH_TABLE = Path("book") / "_generated" / "bench.md"
MEASURED_ON = re.compile(r"^Measured on (?P<date>\d{4}-\d{2}-\d{2}): .*?(?P<cpus>\d+ CPUs)", re.M)


def recorded_with(notebook: dict) -> str:
    """The versions line the stored Setup output holds, or a note that there is none."""
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            match = PINNED.search(text)
            if match:
                return f"recorded with {match['versions']} (as pinned)"
            if "Not as pinned" in text:  # the report of a run that was not as pinned
                return (
                    "recorded with versions or settings other than the pinned ones (see the Setup "
                    "output)"
                )
    return "recorded without a Setup report"


def bench(srcdir: Path) -> tuple[dict[str, float], str]:
    """Seconds per notebook file name, and where and when they were measured."""
    path = srcdir / BENCH_TABLE
    if not path.is_file():
        return {}, ""
    text = path.read_text(encoding="utf-8")
    seconds = {m["name"]: float(m["seconds"]) for m in BENCH_ROW.finditer(text)}
    where = MEASURED_ON.search(text)
    return seconds, f" on {where['date']}, {where['cpus']}" if where else ""


def add_info(app: Sphinx, doctree: nodes.document) -> None:
    """Insert the line after the title of a chapter (a notebook page)."""
    docname = app.env.docname
    source = Path(app.srcdir) / f"{docname}.ipynb"
    if not docname.startswith("notebooks/") or not source.is_file():
        return
    notebook = json.loads(source.read_text(encoding="utf-8"))
    seconds, where = bench(Path(app.srcdir))
    if source.name in seconds:
        timing = (
            f"the chapter runs in {seconds[source.name]:.0f} s in a fresh kernel (measured by "
            f"`make bench`{where})"
        )
    else:
        timing = "the chapter's run time is not measured yet (`make bench`)"
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    text = f"The outputs on this page were {recorded_with(notebook)}; {timing}."
    paragraph = nodes.paragraph("", "", classes=["chapter-run-info"])
    for index, part in enumerate(text.split("`")):
        paragraph += nodes.literal(part, part) if index % 2 else nodes.Text(part)
    section.insert(1, paragraph)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the doctree-read hook."""
    app.connect("doctree-read", add_info)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
