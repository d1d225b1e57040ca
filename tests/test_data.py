import numpy as np
import pytest

from helpers import load_digits_split


def test_shapes_range_and_dtype():
    (x_train, y_train), (x_test, y_test) = load_digits_split()
    assert x_train.shape == (1257, 64) and x_test.shape == (540, 64)
    assert x_train.dtype == np.float32 and y_train.dtype == np.int64
    assert x_train.min() == 0.0 and x_train.max() == 1.0


def test_split_is_stratified_and_deterministic():
    (_, y_train), (_, y_test) = load_digits_split(seed=1)
    (_, y_train_again), _ = load_digits_split(seed=1)
    np.testing.assert_array_equal(y_train, y_train_again)
    train_share = np.bincount(y_train) / len(y_train)
    test_share = np.bincount(y_test) / len(y_test)
    assert np.abs(train_share - test_share).max() < 0.01


def test_images_keep_their_shape_when_not_flattened():
    (x_train, _), _ = load_digits_split(flatten=False)
    assert x_train.shape[1:] == (8, 8, 1)


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, "0.3", True])
def test_bad_test_size_is_rejected(bad):
    with pytest.raises(ValueError, match="test_size must be a fraction"):
        load_digits_split(test_size=bad)


def test_bad_seed_is_rejected():
    with pytest.raises(ValueError, match="seed must be an int"):
        load_digits_split(seed=-3)
