"""The Error messages page's generator: every deliberate error has a known habit."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import error_index  # noqa: E402  (a Sphinx extension, not a package)


def test_every_raises_exception_cell_names_a_known_habit() -> None:
    missing = []
    for path in error_index.chapters(ROOT):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells):
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                if cell["metadata"].get("error_habit") not in error_index.HABITS:
                    missing.append(f"{path.name} cell {number}")
    assert not missing, f"raises-exception cells without a known error_habit: {missing}"


def test_the_index_is_grouped_by_habit_with_every_error() -> None:
    text = error_index.error_index(ROOT)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [title for title, _ in error_index.HABITS.values() if title in headings]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    errors = sum(
        output.get("output_type") == "error"
        for path in error_index.chapters(ROOT)
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", [])
    )
    assert len(rows) == errors, f"{len(rows)} rows for {errors} stored errors"


def test_an_unknown_habit_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cell = {
        "cell_type": "code",
        "metadata": {"tags": ["raises-exception"], "error_habit": "typo"},
        "outputs": [{"output_type": "error", "ename": "ValueError", "evalue": "bad"}],
        "source": [],
    }
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    warned = []
    monkeypatch.setattr(error_index.LOGGER, "warning", lambda *args, **kwargs: warned.append(args))
    error_index.chapter_errors(path)
    assert warned and "error_habit" in warned[0][0], warned


def test_the_shared_toc_walk_reaches_sections_and_fails_without_a_toc(tmp_path: Path) -> None:
    import book_toc

    names = book_toc.toc_files(ROOT)
    assert names[0] == "book/intro" and "notebooks/05b_saving_custom_layers" in names
    assert len(names) == len(set(names)), "a file listed twice"
    with pytest.raises(ValueError, match="expected a table of contents"):
        book_toc.toc_files(tmp_path)
