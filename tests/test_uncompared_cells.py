"""The cells whose printed output strict nbval does not compare, each listed here with its reason.

Strict nbval compares every stored text output with a fresh run's. A cell tagged
`nbval-ignore-output` still runs, and its assertions still hold or fail the test,
but what it prints is not compared: only for numbers that differ between CPUs
under the book's pinned settings (see "Run it yourself"). This test keeps that
list short and explicit: a tag added anywhere else fails it, and so does a listed
cell without its reason or a chapter that does not say which numbers vary.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TAG = "nbval-ignore-output"

# Notebook -> the ids of its uncompared cells.
UNCOMPARED = {
    # The last bits of a matmul at two batch sizes: what the CPU's kernels give.
    "07_porting_a_tf1_graph.ipynb": {"1b308f7b", "08bbb769", "ch7-per-value"},
    # Accuracies and weight distances after 60 to 520 training steps.
    "08_matching_training_results.ipynb": {
        "cell-028",
        "cell-030",
        "eps-code-3",
        "cell-084",
        "cell-086",
        "cell-088",
        "cell-090",
        "cell-092",
        "c1af0160",
        "cell-096",
        "cell-098",
    },
    # Weight drift and losses after 60 training steps, TF1 against Keras.
    "10_porting_the_training_loop.ipynb": {"ch10-drift", "ch10-dropout-runs"},
}


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_only_the_listed_cells_go_uncompared(path: Path) -> None:
    tagged = {cell["id"] for cell in cells(path) if TAG in cell["metadata"].get("tags", [])}
    assert tagged == UNCOMPARED.get(path.name, set()), (
        f"{path.name}: expected {TAG} on {sorted(UNCOMPARED.get(path.name, set()))}, "
        f"found it on {sorted(tagged)}"
    )


@pytest.mark.parametrize("name", sorted(UNCOMPARED))
def test_each_uncompared_cell_says_why_and_the_chapter_says_what_varies(name: str) -> None:
    chapter = cells(ROOT / "notebooks" / name)
    listed = [cell for cell in chapter if cell["id"] in UNCOMPARED[name]]
    assert len(listed) == len(UNCOMPARED[name]), f"{name}: a listed cell id is missing"
    for cell in listed:
        assert cell["cell_type"] == "code", f"{name} {cell['id']}: expected a code cell"
        assert cell["metadata"].get("uncompared", "").strip(), (
            f"{name} {cell['id']}: expected its reason in metadata['uncompared']"
        )
        assert "raises-exception" not in cell["metadata"].get("tags", []), (
            f"{name} {cell['id']}: an uncompared cell must not be allowed to fail"
        )
    text = " ".join("".join(cell["source"]) for cell in chapter if cell["cell_type"] == "markdown")
    assert "vary by machine" in " ".join(text.split()), (
        f"{name}: expected the chapter to say which numbers vary by machine"
    )


def test_the_kernel_tier_replaces_only_timings_and_the_environment_line() -> None:
    import configparser
    import re

    def sections(name: str) -> dict[str, dict[str, str]]:
        parser = configparser.ConfigParser()
        parser.read(ROOT / "tests" / name, encoding="utf-8")
        return {section: dict(parser[section]) for section in parser.sections()}

    strict, kernels = sections("nbval_sanitize.cfg"), sections("nbval_sanitize_kernels.cfg")
    assert set(kernels) == set(strict) | {"environment-report"}, sorted(kernels)
    assert all(kernels[name] == rule for name, rule in strict.items()), "timing rules must match"
    report = re.compile(kernels["environment-report"]["regex"])
    pinned = "As pinned: TensorFlow 2.21.0, Keras 3.15.1, NumPy 2.4.6; numeric settings in effect."
    changed = "Not as pinned, so last digits may differ from the book's: ONEDNN_MAX_CPU_ISA=AVX."
    for line in (pinned, changed):
        assert report.sub("X", line) == "X", line
    for line in ("test accuracy 0.946", "predict(x), batches of 32: max 2.4e-06", "pinned: 3"):
        assert report.sub("X", line) == line, f"the environment rule must not touch {line!r}"
