"""Reproducible set-up shared by every chapter."""

import keras


def _check_seed(seed: object) -> int:
    """Return ``seed`` if it is a usable random seed, else raise (every chapter)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an int in [0, 2**32), got {seed!r} ({type(seed).__name__})")
    return seed


def set_seed(seed: int = 42) -> None:
    """Seed Python, NumPy and the backend and make TensorFlow ops deterministic (every chapter)."""
    keras.utils.set_random_seed(_check_seed(seed))
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
