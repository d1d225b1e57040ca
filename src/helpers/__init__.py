"""Helpers for the Building Keras Models notebooks.

Only the necessary-but-uninteresting parts live here (seeding, data, plots,
comparisons, captured warnings, TF1 plumbing); the Keras API a chapter teaches stays in the
chapter's notebook.

The names below load their module, and with it Keras, on first use, so that
`import helpers.environment` can pin the numeric environment before NumPy or
TensorFlow loads.
"""

import importlib

_EXPORTS = {
    "Comparison": "helpers.compare",
    "compare_arrays": "helpers.compare",
    "compare_models": "helpers.compare",
    "max_abs_difference": "helpers.compare",
    "load_digits_split": "helpers.data",
    "recorded_warnings": "helpers.capture",
    "plot_history": "helpers.plotting",
    "set_seed": "helpers.reproducibility",
    "shifted_seed": "helpers.reproducibility",
    "summary_text": "helpers.capture",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    """Load a re-exported name from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
