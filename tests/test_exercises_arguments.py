import keras
import numpy as np
import pytest

from helpers.exercises.arguments import require_batch, require_instance, to_numpy


def test_require_instance_returns_the_object_or_names_both_types():
    model = keras.Sequential()
    assert require_instance(model, keras.Model, "model") is model
    with pytest.raises(ValueError, match="model must be a keras.Model, got str"):
        require_instance("model", keras.Model, "model")
    with pytest.raises(ValueError, match="count must be a int, got float"):
        require_instance(1.5, int, "count")


def test_require_batch_converts_lists_and_rejects_other_shapes():
    batch = require_batch([[1, 2], [3, 4]])
    assert batch.dtype == np.float32 and batch.shape == (2, 2)
    with pytest.raises(
        ValueError,
        match=r"x must be a non-empty 2-D NumPy batch such as x_test, got ndarray of shape \(3,\)",
    ):
        require_batch(np.zeros(3))
    with pytest.raises(ValueError, match="got ndarray of shape \\(0, 4\\)"):
        require_batch(np.zeros((0, 4)))
    with pytest.raises(ValueError, match="x_batch must be .* got NoneType"):
        require_batch(None, "x_batch")


def test_to_numpy_gives_float64():
    out = to_numpy(keras.ops.ones((2,), dtype="float32"))
    assert out.dtype == np.float64 and out.tolist() == [1.0, 1.0]
