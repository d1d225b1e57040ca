"""Sphinx extension: the whole book as one zip, to download from the landing page.

At the start of each build it writes ``book/_generated/building-keras-models.zip``
(ignored by git): the notebooks, the ``helpers`` package and everything ``make``
needs to run them (Makefile, pins, tests, tools) and to build this site, under
one top folder. The landing page links it with the ``{download}`` role, so
Sphinx copies it into the site. Unzip it and run ``make test``.

Files are written in sorted order with a fixed date, so the same sources give
the same zip, byte for byte.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sphinx.application import Sphinx

FOLDER = "building-keras-models"
ZIP = Path("book") / "_generated" / f"{FOLDER}.zip"
#: What the zip holds, relative to the book root: files and whole folders.
CONTENTS = [
    "README.md",
    "CONTRIBUTING.md",
    "Makefile",
    "requirements.txt",
    "pyproject.toml",
    "_config.yml",
    "_toc.yml",
    ".ci",
    "_static",
    "book",
    "notebooks",
    "src",
    "tests",
    "tools",
]
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", "_build"}
FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def members(root: Path) -> list[Path]:
    """The files to pack, sorted, without caches, builds, egg-info or the zip itself."""
    found = []
    for entry in CONTENTS:
        path = root / entry
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in candidates:
            relative = file.relative_to(root)
            if not file.is_file() or relative == ZIP:
                continue
            if SKIP_PARTS & set(relative.parts) or any(
                p.endswith(".egg-info") for p in relative.parts
            ):
                continue
            found.append(file)
    return found


def write_zip(root: Path) -> Path:
    """Write the zip under book/_generated/ and return its path."""
    target = root / ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in members(root):
            info = zipfile.ZipInfo(f"{FOLDER}/{file.relative_to(root).as_posix()}", FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if file.stat().st_mode & 0o111 else 0o644) << 16
            archive.writestr(info, file.read_bytes())
    return target


def on_builder_inited(app: Sphinx) -> None:
    write_zip(Path(app.srcdir))


def setup(app: Sphinx) -> dict[str, object]:
    """Register the builder-inited hook."""
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
