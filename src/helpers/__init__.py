"""Helpers for the Building Keras Models notebooks.

Only the necessary-but-uninteresting parts live here (seeding, data, plots,
comparisons, TF1 plumbing); the Keras API a chapter teaches stays in the
chapter's notebook.
"""

from helpers.compare import Comparison, compare_arrays, compare_models, max_abs_difference
from helpers.data import load_digits_split
from helpers.plotting import plot_history
from helpers.reproducibility import set_seed

__all__ = [
    "Comparison",
    "compare_arrays",
    "compare_models",
    "load_digits_split",
    "max_abs_difference",
    "plot_history",
    "set_seed",
]
