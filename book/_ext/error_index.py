"""Sphinx extension: the index of error messages, generated from the notebooks.

Every code cell tagged ``raises-exception`` is a deliberate error that the
chapter explains and fixes. This extension reads the stored error of each such
cell (its class and the first line of its message, as the pinned Keras and
TensorFlow print it) and the heading of the section it sits in, and sets the
MyST substitution ``{{ error_index }}``: per Keras 2 or TensorFlow 1 habit, a
table of the messages, each linked to its chapter's section.
``book/error_index.md`` shows it, so a reader who pastes an error into the
search box finds the page that explains it.

Nothing here is typed by hand but the habit: a ``raises-exception`` cell says
which one it shows in its metadata, ``"error_habit": "<key>"``, with a key of
``HABITS``. A cell without one, or with an unknown key, fails the build (a
warning, and the book builds with ``-W``), as does a heading anchor that does
not exist (``-n``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from book_toc import toc_files
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

# The habits, in the order the page shows them: a title, then what they share.
HABITS = {
    "keras2-api": (
        "A Keras 2 argument or method that Keras 3 removed",
        "The code was right for Keras 2; Keras 3 dropped or renamed what it calls.",
    ),
    "tf1-api": (
        "A TensorFlow 1 module or function",
        "tf.estimator, tf.contrib, tf.layers and the TF1 summary writer are gone from TF 2.21.",
    ),
    "symbolic": (
        "TensorFlow ops or Python control flow on a symbolic Keras tensor",
        "A Functional model's tensors are placeholders: only keras.ops and layers take them.",
    ),
    "saving": (
        "Saving and loading custom code",
        "A .keras file stores names and configs, not code: the class or function must be "
        "registered or passed in, and its config must rebuild it.",
    ),
    "shapes": (
        "Shapes, ranks and dtypes",
        "Keras 3 checks shapes when a layer is called; these are the mismatches ports produce.",
    ),
    "losses": (
        "Losses, targets and outputs in compile and fit",
        "What compile pairs with what: one loss per output, targets matching outputs.",
    ),
    "building": (
        "Building layers and models",
        "Where a layer creates its state, and what a layer or model knows before it is called.",
    ),
    "arguments": (
        "Arguments the book's own layers, losses and helpers refuse",
        "They check their arguments when you create them, so a mistake fails at that line.",
    ),
}

HEADING = re.compile(r"^(#{1,3}) (.+)$")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_CHARS = 200  # the start of a long message is what a reader pastes
SLUG_CLEAN = re.compile(r"[^\w\u4e00-\u9fff\- ]")  # as myst_parser's default_slugify


def chapters(srcdir: Path) -> list[Path]:
    """The notebooks in _toc.yml, in reading order."""
    names = toc_files(srcdir)
    return [srcdir / f"{name}.ipynb" for name in names if name.startswith("notebooks/")]


def plain(heading: str) -> str:
    """A heading's text as rendered: no code marks, emphasis marks or link targets."""
    return LINK.sub(r"\1", heading).replace("`", "").replace("**", "").strip()


def slug(text: str, seen: set[str]) -> str:
    """MyST's anchor for a heading (GitHub's rule), made unique as MyST does."""
    base = SLUG_CLEAN.sub("", text.lower().replace(" ", "-"))
    candidate, number = base, 0
    while candidate in seen:
        number += 1
        candidate = f"{base}-{number}"
    seen.add(candidate)
    return candidate


def code(text: str) -> str:
    """Inline code safe inside a Markdown table cell."""
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def message(error: dict) -> str:
    """Class and first line of a stored error; a wrapper's first line gets the line it wraps."""
    lines = [ANSI.sub("", line).strip() for line in (error.get("evalue") or "").splitlines()]
    lines = [line for line in lines if line]
    text = lines[0] if lines else ""
    if len(lines) > 1 and (
        text.endswith(":") or text.startswith("Exception encountered when calling")
    ):
        text = f"{text} {lines[1]}"
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rstrip() + "…"
    return f"{error['ename']}: {text}" if text else error["ename"]


def chapter_errors(path: Path) -> tuple[str, list[tuple[str, str, str, str]]]:
    """The chapter's title and, for each deliberate error: habit, message, section title, anchor."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    title, section, anchor, seen, rows = path.stem, "", "", set(), []
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            fenced = False
            for line in "".join(cell["source"]).splitlines():
                if line.lstrip().startswith(("```", "~~~")):
                    fenced = not fenced  # a "# comment" in a code block is no heading
                match = None if fenced else HEADING.match(line)
                if not match:
                    continue
                text = plain(match.group(2))
                if len(match.group(1)) == 1:
                    title = text
                section, anchor = text, slug(text, seen)
        elif "raises-exception" in cell.get("metadata", {}).get("tags", []):
            habit = cell["metadata"].get("error_habit")
            if habit not in HABITS:
                LOGGER.warning(
                    "%s, cell %d: a raises-exception cell needs metadata error_habit, one of %s; "
                    "got %r",
                    path.name,
                    number,
                    ", ".join(HABITS),
                    habit,
                )
                continue  # the -W build fails on the warning; no row in a wrong group
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    rows.append((habit, message(output), section, anchor))
    return title, rows


def error_index(srcdir: Path) -> str:
    """The Markdown of the index: per habit, a table of messages linked to their sections."""
    grouped: dict[str, list[str]] = {habit: [] for habit in HABITS}
    for path in chapters(srcdir):
        title, rows = chapter_errors(path)
        for habit, message, section, anchor in rows:
            grouped[habit].append(
                f"| {code(message)} | {title}: [{section}](../notebooks/{path.name}#{anchor}) |"
            )
    blocks = []
    for habit, lines in grouped.items():
        if lines:
            heading, gist = HABITS[habit]
            blocks.append(
                "\n".join(
                    [
                        f"## {heading}",
                        "",
                        gist,
                        "",
                        "| The error, as Keras 3 prints it | Explained and fixed in |",
                        "| --- | --- |",
                        *lines,
                    ]
                )
            )
    return "\n\n".join(blocks) or "No chapter has a deliberate error yet."


def set_substitution(app: Sphinx, config: Config) -> None:
    """Add ``error_index`` to the substitutions, under any configured one."""
    configured = dict(getattr(config, "myst_substitutions", None) or {})
    config.myst_substitutions = {"error_index": error_index(Path(app.srcdir)), **configured}


def setup(app: Sphinx) -> dict[str, object]:
    """Register the config-inited hook (after book_versions, which sets the others)."""
    app.connect("config-inited", set_substitution, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
