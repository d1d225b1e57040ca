import keras
import numpy as np
import pytest

from helpers import set_seed


def test_same_seed_gives_same_draws():
    set_seed(7)
    first = (np.random.rand(3), keras.ops.convert_to_numpy(keras.random.normal((3,))))
    set_seed(7)
    second = (np.random.rand(3), keras.ops.convert_to_numpy(keras.random.normal((3,))))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


def test_same_seed_gives_same_model_weights():
    def build():
        set_seed(3)
        return keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)]).get_weights()

    for a, b in zip(build(), build()):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("bad", [-1, 2**32, 1.5, "42", None, True])
def test_bad_seed_is_rejected(bad):
    with pytest.raises(ValueError, match="seed must be an int"):
        set_seed(bad)
