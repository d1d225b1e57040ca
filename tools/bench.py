"""Time every chapter notebook in a fresh kernel; write the Execution statistics table.

Usage (through make, which exports the notebooks' environment variables):

    make bench                                        # every notebook
    make bench NB=notebooks/01_sequential_api.ipynb   # some notebooks

Each notebook runs once with nbclient, in a fresh kernel, on a copy of
notebooks/ in a temporary folder: the committed notebooks are never written.
The time is wall-clock, from kernel start to the end of the last cell. In the
same run, the *floor* is measured the same way, before and after the chapters:
a fresh kernel that only imports keras, tensorflow and helpers. A run over
every notebook also times strict nbval (`make test-notebooks`), the portable tier
(`make test-portable`) and a clean
`make book` (into a temporary folder) and writes book/_generated/bench.md,
which the book's Execution statistics page shows; a run over some notebooks
writes _build/bench-partial.md and leaves the committed table alone.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from helpers.environment import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
FULL_TABLE = ROOT / "book" / "_generated" / "bench.md"
PARTIAL_TABLE = ROOT / "_build" / "bench-partial.md"

# The same variables the Makefile exports, for runs outside make.
ENVIRONMENT = {
    **SETTINGS,
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
}

FLOOR_SOURCE = """\
import helpers.environment
helpers.environment.pin_numerics()
import keras
import tensorflow
import helpers"""


@dataclass
class Timing:
    """One measured run."""

    label: str
    seconds: float
    ok: bool = True
    note: str = ""


def run_notebook(nb: nbformat.NotebookNode, workdir: Path, timeout: int) -> tuple[float, str]:
    """Execute nb in a fresh kernel in workdir; return seconds and an error ('' if none)."""
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    error = ""
    try:
        # The kernel's stderr is TensorFlow's C++ start-up chatter: keep it out of the report.
        client.execute(stderr=subprocess.DEVNULL)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        lines = str(exc).strip().splitlines()
        error = lines[-1] if lines else type(exc).__name__
    return time.perf_counter() - start, error


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(FLOOR_SOURCE))
    return nb


def title_of(path: Path) -> str:
    """The notebook's H1, or its file name."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def timed_command(label: str, command: list[str]) -> Timing:
    """Run a command from the repository root and time it."""
    print(f"bench: {label} ...", flush=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        print(f"bench: {label} failed:\n  " + "\n  ".join(tail), file=sys.stderr)
    return Timing(
        label, seconds, result.returncode == 0, "" if result.returncode == 0 else "failed"
    )


def machine_line(load: float) -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(dist)}"
        for name, dist in [("TensorFlow", "tensorflow"), ("Keras", "keras")]
    )
    return (
        f"Measured on {datetime.date.today().isoformat()}: {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs{f' ({cpu})' if cpu else ''}, Python "
        f"{platform.python_version()}, {versions}; load average {load:.1f} when the run started."
    )


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(
    floor: list[float], chapters: list[Timing], extras: list[Timing], load: float, partial: bool
) -> str:
    base = sum(floor) / len(floor)
    lines = [
        "| What ran | Seconds | Ratio to floor |",
        "| --- | ---: | ---: |",
        f"| Floor: a fresh kernel that imports keras, tensorflow and helpers "
        f"(mean of {' and '.join(f'{s:.1f}' for s in floor)} s) | {base:.1f} | 1.0 |",
    ]
    for t in chapters:
        status = "" if t.ok else f" (**failed**: {cell(t.note)})"
        lines.append(f"| {cell(t.label)}{status} | {t.seconds:.1f} | {t.seconds / base:.1f} |")
    total = sum(t.seconds for t in chapters)
    floors = base * len(chapters)
    lines.append(
        f"| Every notebook above, one after the other | {total:.1f} | {total / base:.1f} |"
    )
    lines.append(f"| One floor per notebook, summed | {floors:.1f} | {len(chapters)}.0 |")
    for t in extras:
        status = "" if t.ok else " (**failed**)"
        lines.append(f"| {t.label}{status} | {t.seconds:.1f} | {t.seconds / base:.1f} |")
    lines += ["", machine_line(load)]
    if partial:
        lines += ["", f"A partial run: {len(chapters)} notebook(s), not the whole book."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to time (default: notebooks/*.ipynb)"
    )
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds allowed per cell (default 600)"
    )
    parser.add_argument(
        "--no-extras", action="store_true", help="skip timing strict nbval and make book"
    )
    parser.add_argument("--output", type=Path, help="where to write the table (default: see above)")
    args = parser.parse_args(argv)

    for key, value in ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    every = sorted((ROOT / "notebooks").glob("*.ipynb"))
    chosen = [p.resolve() for p in args.notebooks] or every
    missing = [str(p) for p in chosen if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    partial = sorted(chosen) != every
    output = args.output or (PARTIAL_TABLE if partial else FULL_TABLE)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        # A copy of notebooks/, so whatever a notebook writes lands in the copy.
        workdir = Path(tmp) / "notebooks"
        shutil.copytree(
            ROOT / "notebooks", workdir, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
        floor, chapters = [], []
        # A first kernel reads TensorFlow from disk, later ones from the page cache:
        # run one untimed so that the floor measures what every notebook pays.
        print("bench: warm-up kernel (not timed) ...", flush=True)
        run_notebook(floor_notebook(), workdir, args.timeout)
        print("bench: floor (fresh kernel, imports only) ...", flush=True)
        floor.append(run_notebook(floor_notebook(), workdir, args.timeout)[0])
        for path in chosen:
            copy = workdir / path.name
            if not copy.exists():  # a notebook given from outside notebooks/
                shutil.copy(path, copy)
            print(f"bench: {path.name} ...", flush=True)
            seconds, error = run_notebook(nbformat.read(copy, as_version=4), workdir, args.timeout)
            chapters.append(Timing(f"{title_of(path)} (`{path.name}`)", seconds, not error, error))
            print(
                f"bench: {path.name}: {seconds:.1f} s{' FAILED: ' + error if error else ''}",
                flush=True,
            )
        print("bench: floor again ...", flush=True)
        floor.append(run_notebook(floor_notebook(), workdir, args.timeout)[0])

        extras = []
        if not partial and not args.no_extras:
            make = os.environ.get("MAKE", "make")
            extras.append(
                timed_command(
                    "`make test-notebooks` (strict nbval, every notebook, two at a time)",
                    [make, "--no-print-directory", "test-notebooks"],
                )
            )
            extras.append(
                timed_command(
                    "`make test-portable` (lax nbval under simulated other machines, two at a "
                    "time)",
                    [make, "--no-print-directory", "test-portable"],
                )
            )
            extras.append(
                timed_command(
                    "`make book` (a clean build of the site)",
                    [make, "--no-print-directory", "book", f"BOOK_OUT={Path(tmp) / 'book'}"],
                )
            )

    text = table(floor, chapters, extras, load, partial)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text)
    print(f"bench: wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0 if all(t.ok for t in chapters + extras) else 1


if __name__ == "__main__":
    sys.exit(main())
