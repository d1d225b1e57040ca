"""Pytest plugin for `make test-notebooks` and `make test-portable`: order the notebooks so two
workers finish together.

pytest-xdist's `--dist loadscope --no-loadscope-reorder` runs each notebook
whole on one worker and hands notebooks out in collection order: the first
to the first worker, the second to the second, then the third queued behind
the first and the fourth behind the second, then one at a time to whichever
worker runs out. This plugin sorts the notebooks by the chapter times in
book/_generated/bench.md (`make bench`): the slowest first, then the
quickest (so what waits behind the slowest is short), then the rest slowest
first. A notebook the table does not list counts as 10 seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BENCH_TABLE = Path(__file__).resolve().parents[1] / "book" / "_generated" / "bench.md"
ROW = re.compile(r"\(`(?P<name>[\w.-]+\.ipynb)`\)[^|]*\|\s*(?P<seconds>\d+(?:\.\d+)?)\s*\|")
UNLISTED_SECONDS = 10.0


def measured_seconds(table: str) -> dict[str, float]:
    """Notebook file name -> seconds, from the rows of the execution-statistics table."""
    return {m["name"]: float(m["seconds"]) for m in ROW.finditer(table)}


def running_order(names: list[str], seconds: dict[str, float]) -> list[str]:
    """The slowest notebook, then the quickest, then the rest slowest first (ties by name)."""
    ranked = sorted(set(names), key=lambda n: (-seconds.get(n, UNLISTED_SECONDS), n))
    if len(ranked) < 3:
        return ranked
    return [ranked[0], ranked[-1], *ranked[1:-1]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    seconds = (
        measured_seconds(BENCH_TABLE.read_text(encoding="utf-8")) if BENCH_TABLE.is_file() else {}
    )
    order = running_order([item.path.name for item in items], seconds)
    rank = {name: i for i, name in enumerate(order)}
    items.sort(key=lambda item: rank[item.path.name])  # stable: cells keep their order
