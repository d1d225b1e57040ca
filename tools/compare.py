"""Re-run chapters on this machine and print every stored output that comes back different.

Usage (through make, which exports the notebooks' environment variables):

    make compare NB=notebooks/03_subclassed_models.ipynb
    make compare                                  # every chapter

Each notebook runs once with nbclient, in a fresh kernel, on a copy in a
temporary folder (the committed notebook is never written). Then, code cell
by code cell, its text outputs are compared with the stored ones after the
same timing replacements strict nbval makes (tests/nbval_sanitize.cfg).
For each line that differs the stored and the new line are printed, and the
numbers in them side by side with their difference. Last come the installed
packages whose versions differ from requirements.txt and the numeric
settings (src/helpers/environment.py) that this environment overrides.
Exit status: 0 when every output matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import configparser
import difflib
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from bench import run_notebook  # tools/bench.py, beside this file

from helpers.environment import overridden_settings, read_pins, version_differences

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


@dataclass
class CellDifference:
    """The lines of one code cell's output that differ between the stored and the new run.

    `index` counts code cells from 0, as nbval's "Cell N" does.
    """

    index: int
    stored: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


def sanitizers(path: Path = SANITIZE) -> list[tuple[re.Pattern[str], str]]:
    """The (regex, replacement) pairs of an nbval sanitize file."""
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


def output_text(cell: dict, rules: list[tuple[re.Pattern[str], str]]) -> list[str]:
    """The text a code cell shows (streams, text/plain results, errors), sanitized, as lines."""
    parts = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            parts.append(output.get("text", ""))
        elif kind in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
        elif kind == "error":
            parts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
    text = "".join("".join(p) if isinstance(p, list) else p for p in parts)
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text.splitlines()


def differences(
    stored: dict, new: dict, rules: list[tuple[re.Pattern[str], str]]
) -> list[CellDifference]:
    """Every code cell whose sanitized text output differs, with only the differing lines."""
    found = []
    code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    fresh = [c for c in new["cells"] if c["cell_type"] == "code"]
    if len(code) != len(fresh):
        raise ValueError(f"expected {len(code)} code cells in the new run, got {len(fresh)}")
    for index, (old_cell, new_cell) in enumerate(zip(code, fresh)):
        before, after = output_text(old_cell, rules), output_text(new_cell, rules)
        if before == after:
            continue
        cell = CellDifference(index)
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                cell.stored += before[i1:i2]
                cell.new += after[j1:j2]
        found.append(cell)
    return found


def numbers_side_by_side(stored: str, new: str) -> list[str]:
    """For two lines of the same shape, each pair of numbers that differs, with the difference."""
    a, b = NUMBER.findall(stored), NUMBER.findall(new)
    if len(a) != len(b) or NUMBER.sub("#", stored) != NUMBER.sub("#", new):
        return []
    rows = []
    for x, y in zip(a, b):
        if x != y:
            diff = float(y) - float(x)
            relative = f", relative {diff / float(x):+.1e}" if float(x) else ""
            rows.append(f"{x} -> {y} (difference {diff:+.3g}{relative})")
    return rows


def report(cells: list[CellDifference]) -> list[str]:
    """The printed report of a notebook's differing cells."""
    lines = []
    for cell in cells:
        lines.append(f"  cell {cell.index}:")
        for old, new in zip(cell.stored, cell.new):
            lines += [f"    stored: {old}", f"    here:   {new}"]
            lines += [f"      {row}" for row in numbers_side_by_side(old, new)]
        for old in cell.stored[len(cell.new) :]:
            lines.append(f"    stored: {old}")
        for new in cell.new[len(cell.stored) :]:
            lines.append(f"    here:   {new}")
    return lines


def run(path: Path, workdir: Path, timeout: int) -> tuple[nbformat.NotebookNode, str]:
    """Execute a copy of the notebook in workdir; return it and an error line ('' if none)."""
    nb = nbformat.read(path, as_version=4)
    _, error = run_notebook(nb, workdir, timeout)
    return nb, error


def environment_lines() -> list[str]:
    """What in this environment differs from the pins and the numeric settings."""
    lines = []
    changed = version_differences(read_pins())
    if changed:
        lines.append("Installed versions that differ from requirements.txt:")
        lines += [
            f"  {name}: {installed} (pinned {pinned})"
            for name, (installed, pinned) in sorted(changed.items())
        ]
    else:
        lines.append("Installed versions: every package as pinned in requirements.txt.")
    overridden = overridden_settings()
    if overridden:
        lines.append(
            "Numeric settings overridden here: "
            + ", ".join(f"{k}={v}" for k, v in overridden.items())
        )
    else:
        lines.append("Numeric settings: as in src/helpers/environment.py.")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)"
    )
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds allowed per cell (default 600)"
    )
    args = parser.parse_args(argv)
    chosen = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = [str(p) for p in chosen if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    rules = sanitizers()
    all_match = True
    with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
        workdir = Path(tmp) / "notebooks"
        shutil.copytree(
            ROOT / "notebooks", workdir, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
        for path in chosen:
            print(f"compare: {path.name}: running a copy in a fresh kernel ...", flush=True)
            new, error = run(path, workdir, args.timeout)
            stored = nbformat.read(path, as_version=4)
            cells = differences(stored, new, rules)
            total = sum(c.cell_type == "code" for c in stored.cells)
            verdict = (
                f"{len(cells)} of {total} code cells differ"
                if cells
                else f"all {total} code cells match"
            )
            print(f"{path.name}: {verdict}{f'; the run stopped: {error}' if error else ''}")
            print("\n".join(report(cells)) if cells else "", end="\n" if cells else "")
            all_match = all_match and not cells and not error
    print("\n".join(environment_lines()))
    return 0 if all_match else 1


if __name__ == "__main__":
    sys.exit(main())
