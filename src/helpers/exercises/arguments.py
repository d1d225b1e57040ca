"""Argument checks and conversions shared by the exercise checkers."""

import keras
import numpy as np


def require_instance(obj: object, cls: type, name: str) -> object:
    """Return ``obj`` if a ``cls``, else raise a ValueError naming both (chapters 1-4 exercises)."""
    if not isinstance(obj, cls):
        expected = f"keras.{cls.__name__}" if cls.__module__.startswith("keras") else cls.__name__
        raise ValueError(f"{name} must be a {expected}, got {type(obj).__name__}")
    return obj


def require_batch(x: object, name: str = "x") -> np.ndarray:
    """Return ``x`` as float32 (n, features) array, or raise ValueError (chapters 3-4 exercises)."""
    array = np.asarray(x) if isinstance(x, (np.ndarray, list)) else None
    if array is None or array.ndim != 2 or len(array) == 0:
        shape = getattr(array, "shape", None)
        raise ValueError(
            f"{name} must be a non-empty 2-D NumPy batch such as x_test, got {type(x).__name__}"
            + (f" of shape {shape}" if shape is not None else "")
        )
    return array.astype("float32")


def to_numpy(value: object) -> np.ndarray:
    """A tensor, array or number as a float64 NumPy array (every chapter's exercises)."""
    return np.asarray(keras.ops.convert_to_numpy(value), dtype="float64")
