import keras
import numpy as np
import pytest

from helpers import set_seed
from helpers.reproducibility import seed_offset, shifted_seed


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


def test_seed_offset_shifts_every_seed(monkeypatch):
    monkeypatch.delenv("BOOK_SEED_OFFSET", raising=False)
    set_seed(7)
    stored = keras.ops.convert_to_numpy(keras.random.normal((3,)))
    monkeypatch.setenv("BOOK_SEED_OFFSET", "1000")
    assert shifted_seed(7) == 1007 and shifted_seed(2**32 - 1) == 999
    set_seed(7)
    shifted = keras.ops.convert_to_numpy(keras.random.normal((3,)))
    monkeypatch.delenv("BOOK_SEED_OFFSET")
    set_seed(1007)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(keras.random.normal((3,))), shifted)
    assert not np.array_equal(stored, shifted)


@pytest.mark.parametrize("bad", ["-1", "1.5", "many", str(2**32)])
def test_bad_seed_offset_is_rejected(monkeypatch, bad):
    monkeypatch.setenv("BOOK_SEED_OFFSET", bad)
    with pytest.raises(ValueError, match="BOOK_SEED_OFFSET must be an int"):
        seed_offset()
