"""tools/compare.py (`make compare`): the comparison of stored and new outputs."""

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

TOOLS = Path(__file__).parents[1] / "tools"
sys.path.insert(0, str(TOOLS))  # compare.py imports bench.py from its folder
SPEC = importlib.util.spec_from_file_location("compare_tool", TOOLS / "compare.py")
compare_tool = importlib.util.module_from_spec(SPEC)
sys.modules["compare_tool"] = compare_tool  # dataclasses look their module up there
SPEC.loader.exec_module(compare_tool)


def notebook(*outputs: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title"))
    for text in outputs:
        cell = nbformat.v4.new_code_cell("print(...)")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        nb.cells.append(cell)
    return nb


def test_numbers_side_by_side():
    rows = compare_tool.numbers_side_by_side("sum 0.008277, count 6", "sum 0.008275, count 6")
    assert rows == ["0.008277 -> 0.008275 (difference -2e-06, relative -2.4e-04)"]


def test_lines_of_another_shape_get_no_number_rows():
    assert compare_tool.numbers_side_by_side("loss 0.5", "accuracy 0.5 0.6") == []


def test_only_differing_cells_and_lines_are_reported():
    stored = notebook("a 1\nb 2.000\n", "same\n")
    new = notebook("a 1\nb 2.001\n", "same\n")
    (cell,) = compare_tool.differences(stored, new, [])
    assert (cell.index, cell.stored, cell.new) == (0, ["b 2.000"], ["b 2.001"])
    assert "      2.000 -> 2.001 (difference +0.001, relative +5.0e-04)" in compare_tool.report(
        [cell]
    )


def test_timings_are_replaced_as_nbval_does():
    rules = compare_tool.sanitizers()
    stored, new = (
        notebook("13/13 - 0s - 5ms/step - loss 0.5\n"),
        notebook("13/13 - 0s - 9ms/step - loss 0.5\n"),
    )
    assert compare_tool.differences(stored, new, rules) == []
    assert compare_tool.differences(notebook("loss 0.5\n"), notebook("loss 0.6\n"), rules)


def test_errors_are_compared_by_name_and_message():
    stored, new = notebook(), notebook()
    for nb, message in ((stored, "expected 8"), (new, "expected 9")):
        cell = nbformat.v4.new_code_cell("raise")
        cell.outputs = [
            nbformat.v4.new_output("error", ename="ValueError", evalue=message, traceback=[])
        ]
        nb.cells.append(cell)
    (cell,) = compare_tool.differences(stored, new, [])
    assert cell.stored == ["ValueError: expected 8"] and cell.new == ["ValueError: expected 9"]


def test_a_run_with_other_cells_is_refused():
    with pytest.raises(ValueError, match="expected 2 code cells in the new run, got 1"):
        compare_tool.differences(notebook("a\n", "b\n"), notebook("a\n"), [])
