"""Pytest plugin for `make test-notebooks` and `make test-portable`: share the notebooks fairly between two workers.

pytest-xdist's `--dist loadgroup` runs each group on one worker. Every
notebook goes, whole, to the group whose measured total is smaller, longest
first, using the chapter times in book/_generated/bench.md (`make bench`), so
the slowest chapter gets a worker of its own instead of sharing one with
another long one. A notebook the table does not list counts as 10 seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BENCH_TABLE = Path(__file__).resolve().parents[1] / "book" / "_generated" / "bench.md"
ROW = re.compile(r"\(`(?P<name>[\w.-]+\.ipynb)`\)[^|]*\|\s*(?P<seconds>\d+(?:\.\d+)?)\s*\|")
WORKERS = 2
UNLISTED_SECONDS = 10.0


def measured_seconds(table: str) -> dict[str, float]:
    """Notebook file name -> seconds, from the rows of the execution-statistics table."""
    return {m["name"]: float(m["seconds"]) for m in ROW.finditer(table)}


def groups(names: list[str], seconds: dict[str, float], workers: int = WORKERS) -> dict[str, int]:
    """Notebook name -> group number: longest first, each into the group with the least time so far."""
    if workers < 1:
        raise ValueError(f"expected at least one worker, got {workers}")
    totals = [0.0] * workers
    chosen = {}
    for name in sorted(names, key=lambda n: (-seconds.get(n, UNLISTED_SECONDS), n)):
        group = totals.index(min(totals))
        chosen[name] = group
        totals[group] += seconds.get(name, UNLISTED_SECONDS)
    return chosen


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    seconds = measured_seconds(BENCH_TABLE.read_text(encoding="utf-8")) if BENCH_TABLE.is_file() else {}
    names = sorted({item.path.name for item in items if item.path.suffix == ".ipynb"})
    chosen = groups(names, seconds)
    for item in items:
        if item.path.name in chosen:
            item.add_marker(pytest.mark.xdist_group(f"notebooks-{chosen[item.path.name]}"))
