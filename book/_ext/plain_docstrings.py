"""Sphinx extension: read the helpers' docstrings as plain text with inline code.

The helpers' docstrings are written for help() and the source, not as
reStructuredText. A docstring like "adds rate * mean(|inputs|)" reads fine,
but to reStructuredText "|inputs|" is an undefined substitution and a lone "*"
or "**" opens emphasis; in this nitpicky, warnings-as-errors build either one
fails the site. Before autodoc parses a docstring, this extension escapes "|"
and "*" everywhere except inside code spans (single or double backticks), which
still render as code (the build's default_role is "literal").
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

# Inline literals (``x``) and interpreted text (`x`, rendered as code here) stay as they are.
LITERAL = re.compile(r"(``.+?``|`[^`]+`)")
SPECIAL = re.compile(r"(?<!\\)([|*])")


def escape_line(line: str) -> str:
    """Backslash-escape | and * outside inline code spans."""
    parts = LITERAL.split(line)
    return "".join(part if i % 2 else SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts))


def escape_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """autodoc-process-docstring handler: escape the docstring's lines in place."""
    if not name.startswith("helpers"):
        return
    lines[:] = [escape_line(line) for line in lines]


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-docstring", escape_docstring)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
