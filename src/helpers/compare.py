"""Comparing the outputs of two models, or of a model and its port."""

from dataclasses import dataclass

import keras
import numpy as np


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two sets of outputs (chapters 4, 5, 7)."""

    max_abs_diff: float
    mean_abs_diff: float
    size: int
    atol: float

    @property
    def close(self) -> bool:
        """True when the largest absolute difference is within ``atol``."""
        return self.max_abs_diff <= self.atol

    def __str__(self) -> str:
        verdict = "same within tolerance" if self.close else "DIFFERENT"
        return (
            f"max |a - b| = {self.max_abs_diff:.3g}, mean |a - b| = {self.mean_abs_diff:.3g} "
            f"over {self.size} values (atol {self.atol:g}): {verdict}"
        )


def _as_arrays(outputs: object, label: str) -> list[np.ndarray]:
    """Flatten a tensor, array or nest of them into a list of NumPy arrays (chapters 4, 5, 7)."""
    leaves = keras.tree.flatten(outputs)
    if not leaves:
        raise ValueError(f"{label} must hold at least one array, got {outputs!r}")
    return [np.asarray(keras.ops.convert_to_numpy(leaf), dtype="float64") for leaf in leaves]


def max_abs_difference(a: object, b: object) -> float:
    """Largest absolute elementwise difference between two same-shaped outputs (chapters 4-11)."""
    return compare_arrays(a, b).max_abs_diff


def compare_arrays(a: object, b: object, atol: float = 1e-5) -> Comparison:
    """Compare two outputs (arrays, tensors or matching nests) elementwise (chapters 4-11)."""
    if isinstance(atol, bool) or not isinstance(atol, (int, float)) or atol < 0:
        raise ValueError(f"atol must be a non-negative number, got {atol!r}")
    left, right = _as_arrays(a, "a"), _as_arrays(b, "b")
    if len(left) != len(right):
        raise ValueError(
            f"a and b must hold the same number of outputs, got {len(left)} and {len(right)}"
        )
    diffs = []
    for i, (x, y) in enumerate(zip(left, right)):
        if x.shape != y.shape:
            raise ValueError(
                f"output {i} must have the same shape in a and b, got {x.shape} and {y.shape}"
            )
        diffs.append(np.abs(x - y).ravel())
    diff = np.concatenate(diffs)
    if diff.size == 0:
        raise ValueError("a and b are empty: there is nothing to compare")
    if not np.all(np.isfinite(diff)):
        raise ValueError("a and b must be finite, got NaN or infinity in their difference")
    return Comparison(float(diff.max()), float(diff.mean()), int(diff.size), float(atol))


def compare_models(
    model_a: keras.Model, model_b: keras.Model, x: object, atol: float = 1e-5
) -> Comparison:
    """Run both models on one input in inference mode and compare their outputs (chapters 4, 7)."""
    for name, model in (("model_a", model_a), ("model_b", model_b)):
        if not callable(model):
            raise ValueError(f"{name} must be a callable Keras model, got {type(model).__name__}")
    return compare_arrays(model_a(x, training=False), model_b(x, training=False), atol=atol)
