"""The numeric environment every chapter runs in, and a check of the installed versions.

TensorFlow and NumPy choose some of their float kernels at run time, from the
CPU they find and the number of threads they start. The settings below fix
those choices, so every x86-64 machine with AVX2 computes the same bits as
the machine that recorded the stored outputs. They are environment
variables, read once when TensorFlow or NumPy loads, so a chapter's Setup
cell calls `pin_numerics()` before it imports either, and the Makefile
exports the same values (it reads them from this file: run it as a script).

This module imports only the standard library, so importing it loads neither.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import sys
import warnings
from pathlib import Path

# Each setting, with the reason for it. The values contain no spaces: the
# Makefile splits the script's output on whitespace.
SETTINGS: dict[str, str] = {
    # TensorFlow's C++ logging, silenced before it starts.
    "TF_CPP_MIN_LOG_LEVEL": "3",
    # No oneDNN graph rewrites (fused MatMul+BiasAdd, oneDNN convolutions):
    # TensorFlow's own kernels, the same on every CPU.
    "TF_ENABLE_ONEDNN_OPTS": "0",
    # TensorFlow's float32 matmul still calls oneDNN's sgemm, which picks its
    # kernel from the CPU's instruction set: AVX-512 and AVX2 kernels round
    # differently. Cap it at AVX2, the newest set every current x86-64 CPU has.
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    # Eigen splits matmuls and reductions into as many blocks as it has
    # threads, and the blocks are summed in another order: fix the count.
    "TF_NUM_INTRAOP_THREADS": "2",
    "TF_NUM_INTEROP_THREADS": "2",
    # NumPy dispatches its loops to AVX2 (X86_V3) or AVX-512 (X86_V4 and up)
    # code at run time; keep it at AVX2 too.
    "NPY_DISABLE_CPU_FEATURES": "X86_V4,AVX512_ICL,AVX512_SPR",
}

# The pins in requirements.txt that the stored outputs depend on.
PINNED_PACKAGES = {"tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy"}
REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


def pin_numerics() -> None:
    """Set `SETTINGS` in `os.environ` where unset; call before NumPy or TF loads (every chapter)."""
    missing = [name for name in SETTINGS if name not in os.environ]
    for name in missing:
        os.environ[name] = SETTINGS[name]
    loaded = [module for module in ("numpy", "tensorflow") if module in sys.modules]
    if missing and loaded:
        warnings.warn(
            f"{' and '.join(loaded)} loaded before pin_numerics() set {', '.join(missing)}: "
            "restart the kernel and run the Setup cell first, or the numbers may differ from the "
            "book's",
            RuntimeWarning,
            stacklevel=2,
        )


def overridden_settings(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Settings not at their pinned value in `environ` (default `os.environ`) (every chapter)."""
    environ = os.environ if environ is None else environ
    return {
        name: environ.get(name, "(unset)")
        for name, value in SETTINGS.items()
        if environ.get(name) != value
    }


def read_pins(path: Path | str = REQUIREMENTS) -> dict[str, str]:
    """A requirements file's `name==version` pins, lower-cased (every chapter; `make compare`)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"expected a requirements file at {path}, found none")
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+).*", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def version_differences(
    pins: dict[str, str], names: tuple[str, ...] | None = None
) -> dict[str, tuple[str, str]]:
    """`{name: (installed, pinned)}` for the packages not installed as pinned (`make compare`)."""
    differences = {}
    for name in pins if names is None else names:
        if name not in pins:
            raise ValueError(f"expected a package pinned in requirements.txt, got {name!r}")
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != pins[name]:
            differences[name] = (installed, pins[name])
    return differences


def cpu_has_avx2() -> bool | None:
    """Whether the CPU has AVX2 and FMA: False if not x86-64, None if unknown (every chapter)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        flags = next(
            line
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("flags")
        ).split()
    except (OSError, StopIteration):
        return None
    return "avx2" in flags and "fma" in flags


def gpu_count() -> int:
    """How many GPUs TensorFlow sees, 0 if TensorFlow is not loaded yet (every chapter)."""
    tf = sys.modules.get("tensorflow")
    return len(tf.config.list_physical_devices("GPU")) if tf is not None else 0


def keras_backend() -> str:
    """The backend Keras runs on, without importing Keras if not loaded yet (every chapter)."""
    keras = sys.modules.get("keras")
    if keras is not None:
        return keras.backend.backend()
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def environment_report() -> str:
    """One line: are versions, settings, seeds, CPU and GPU as pinned? (every chapter's Setup)."""
    problems = [
        f"{name} {installed} (pinned {pinned})"
        for name, (installed, pinned) in version_differences(
            read_pins(), tuple(PINNED_PACKAGES)
        ).items()
    ]
    problems += [
        f"{name}={value} (pinned {SETTINGS[name]})" for name, value in overridden_settings().items()
    ]
    if os.environ.get("BOOK_SEED_OFFSET", "0") != "0":
        problems.append(f"BOOK_SEED_OFFSET={os.environ['BOOK_SEED_OFFSET']} (other seeds)")
    if cpu_has_avx2() is False:
        problems.append(f"a {platform.machine()} CPU without AVX2 and FMA")
    if gpu_count():
        problems.append(
            f"{gpu_count()} GPU(s), which TensorFlow runs on (and Keras then compiles with XLA)"
        )
    if not problems:
        versions = ", ".join(
            f"{label} {importlib.metadata.version(name)}" for name, label in PINNED_PACKAGES.items()
        )
        return (
            f"As pinned: {versions}; numeric settings in effect; Keras backend: {keras_backend()}."
        )
    return "Not as pinned, so last digits may differ from the book's: " + "; ".join(problems) + "."


def main() -> None:
    """Print the settings as NAME=value lines, for the Makefile."""
    for name, value in SETTINGS.items():
        print(f"{name}={value}")


if __name__ == "__main__":
    main()
