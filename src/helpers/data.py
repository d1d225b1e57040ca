"""Offline data: scikit-learn's handwritten digits, split and scaled."""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from helpers.reproducibility import _check_seed

Arrays = tuple[np.ndarray, np.ndarray]


def load_digits_split(
    test_size: float = 0.3, seed: int = 0, flatten: bool = True
) -> tuple[Arrays, Arrays]:
    """Float32 digits in [0, 1], stratified into ((x, y) train, (x, y) test) (chapters 1, 3, 8)."""
    if (
        isinstance(test_size, bool)
        or not isinstance(test_size, (int, float))
        or not 0 < test_size < 1
    ):
        raise ValueError(
            f"test_size must be a fraction strictly between 0 and 1, got {test_size!r}"
        )
    digits = load_digits()
    images = (digits.images / 16.0).astype("float32")  # pixel values are 0..16
    x = images.reshape(len(images), -1) if flatten else images[..., np.newaxis]
    y = digits.target.astype("int64")
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=test_size, stratify=y, random_state=_check_seed(seed)
    )
    return (x_train, y_train), (x_test, y_test)
