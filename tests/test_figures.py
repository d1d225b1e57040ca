"""Every matplotlib figure in the chapters is stored at twice the pixels it is shown at.

The Setup cells of the chapters that plot set IPython's retina format, which
draws each figure at double resolution and stores its display size in the
output's metadata; the site shows it at that size (tests/site/check_site.py
checks the page). A chapter that plots without that line stores a 1x figure,
blurry on high-resolution screens, and fails here.
"""

import base64
import json
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def png_info(data: bytes) -> tuple[int, bool]:
    """A PNG's pixel width, and whether matplotlib wrote it (its Software text chunk)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("expected PNG data, got another format")
    width = struct.unpack(">I", data[16:20])[0]
    return width, b"Matplotlib" in data[:4096]


def figures(path: Path) -> list[tuple[int, dict, bool]]:
    """(cell number, the output's image/png metadata, by matplotlib) per stored PNG output."""
    found = []
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                width, by_matplotlib = png_info(base64.b64decode(output["data"]["image/png"]))
                meta = dict(output.get("metadata", {}).get("image/png", {}), pixels=width)
                found.append((number, meta, by_matplotlib))
    return found


def test_the_book_has_matplotlib_figures() -> None:
    assert sum(by for path in NOTEBOOKS for _, _, by in figures(path)) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_matplotlib_figures_are_stored_at_twice_their_display_width(path: Path) -> None:
    blurry = [
        f"cell {number}: {meta['pixels']} px for a display width of {meta.get('width')}"
        for number, meta, by_matplotlib in figures(path)
        if by_matplotlib and abs(meta["pixels"] - 2 * meta.get("width", meta["pixels"])) > 1
    ]
    assert not blurry, f"{path.name}: figures not in the retina format: {blurry}"


def test_png_info_refuses_other_data() -> None:
    with pytest.raises(ValueError, match="expected PNG data"):
        png_info(b"GIF89a" + bytes(30))
