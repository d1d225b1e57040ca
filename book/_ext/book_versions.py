"""Sphinx extension: the versions the book was built with, as MyST substitutions.

Pages write ``{{ tensorflow_version }}``, ``{{ keras_version }}``,
``{{ jupyter_book_version }}``, ``{{ nbval_version }}`` and
``{{ python_version }}``; the values are read from the installed packages when
the site is built, so the text can never drift from the environment.

It also sets:

- ``helpers_exports``: the names ``helpers`` re-exports at the top level, as
  inline code, for the helpers reference page;
- ``bench_table``: the contents of ``book/_generated/bench.md`` (written by
  ``make bench``), or a sentence saying it has not been measured yet.

Substitutions from ``parse.myst_substitutions`` in ``_config.yml`` are kept and
win over these.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Substitution key -> distribution name on PyPI.
PACKAGES = {
    "tensorflow_version": "tensorflow",
    "keras_version": "keras",
    "jupyter_book_version": "jupyter-book",
    "nbval_version": "nbval",
}

#: Written by tools/bench.py (`make bench`), relative to the book root.
BENCH_TABLE = Path("book") / "_generated" / "bench.md"

NO_BENCH = (
    "No measurements yet: `book/_generated/bench.md` is missing. "
    "Run `make bench` to measure every chapter and write it."
)


def package_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "not installed"."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    """The substitution values for every version the book reports."""
    values = {key: package_version(dist) for key, dist in PACKAGES.items()}
    values["python_version"] = platform.python_version()
    return values


def helpers_exports() -> str:
    """The top-level names of the helpers package, as a comma-separated list of code."""
    try:
        helpers = importlib.import_module("helpers")
    except ImportError as error:  # autodoc reports the same failure with more detail
        logger.warning("book_versions: cannot import helpers: %s", error)
        return "(the helpers package could not be imported)"
    names = sorted(getattr(helpers, "__all__", []))
    return ", ".join(f"`helpers.{name}`" for name in names) or "(none)"


def bench_table(srcdir: Path) -> str:
    """The committed execution-statistics table, or a note that it is missing."""
    path = srcdir / BENCH_TABLE
    if not path.is_file():
        return NO_BENCH
    return path.read_text(encoding="utf-8").strip() or NO_BENCH


def set_substitutions(app: Sphinx, config: Config) -> None:
    """Merge the computed values under the substitutions already configured."""
    computed = versions()
    computed["helpers_exports"] = helpers_exports()
    computed["bench_table"] = bench_table(Path(app.srcdir))
    configured = dict(getattr(config, "myst_substitutions", None) or {})
    config.myst_substitutions = {**computed, **configured}


def setup(app: Sphinx) -> dict[str, object]:
    """Register the config-inited hook (MyST reads its config later, at builder-inited)."""
    app.connect("config-inited", set_substitutions)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
