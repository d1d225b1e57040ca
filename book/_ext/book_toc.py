"""The book's table of contents, read once for everything that walks it.

`_toc.yml` (Jupyter Book 1) holds a root, then parts with chapters, and any
entry may hold sections. The Error messages page (`error_index.py`), the
browser test of the site and the PDF (`tests/site/check_site.py`, which
`tools/book_pdf.py` imports) all read it through `toc_files`.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def toc_files(root: Path) -> list[str]:
    """Every file `_toc.yml` names, root first, in reading order, as written there (no suffix)."""
    path = Path(root) / "_toc.yml"
    if not path.is_file():
        raise ValueError(f"expected a table of contents at {path}, found none")
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict] | None) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files
