import os
import tempfile

import keras
import numpy as np
import pytest
from keras import layers

from helpers.normalization import MinMaxNormalization


def _images(n: int = 4, seed: int = 0) -> np.ndarray:
    """Feature maps of shape (n, 3, 3, 2) with negative and positive values."""
    return np.random.default_rng(seed).normal(size=(n, 3, 3, 2)).astype("float32") * 5


def _numpy(x) -> np.ndarray:
    return keras.ops.convert_to_numpy(x)


def test_each_sample_spans_zero_to_one():
    out = _numpy(MinMaxNormalization()(_images()))
    np.testing.assert_allclose(out.min(axis=(1, 2, 3)), 0.0, atol=1e-7)
    np.testing.assert_allclose(out.max(axis=(1, 2, 3)), 1.0, rtol=1e-6)


def test_per_channel_spans_zero_to_one_in_every_channel():
    out = _numpy(MinMaxNormalization(per_channel=True)(_images()))
    np.testing.assert_allclose(out.min(axis=(1, 2)), 0.0, atol=1e-7)
    np.testing.assert_allclose(out.max(axis=(1, 2)), 1.0, rtol=1e-6)
    # Per sample only (not per channel), one channel alone does not reach both ends.
    whole = _numpy(MinMaxNormalization()(_images()))
    assert not np.allclose(whole.max(axis=(1, 2)), 1.0)


def test_matches_a_numpy_reference_on_vectors():
    x = np.array([[-2.0, 0.0, 2.0], [1.0, 3.0, 5.0]], dtype="float32")
    expected = np.array([[0.0, 0.5, 1.0], [0.0, 0.5, 1.0]], dtype="float32")
    np.testing.assert_allclose(_numpy(MinMaxNormalization()(x)), expected, rtol=1e-6)


@pytest.mark.parametrize("per_channel", [False, True])
def test_a_sample_does_not_depend_on_its_batch(per_channel):
    layer = MinMaxNormalization(per_channel=per_channel)
    x = _images(6)
    alone = _numpy(layer(x[:1]))
    in_batch = _numpy(layer(x[[3, 0, 5]]))[1:2]
    np.testing.assert_array_equal(alone, in_batch)


@pytest.mark.parametrize("per_channel", [False, True])
def test_constant_input_gives_zeros_not_nan(per_channel):
    out = _numpy(
        MinMaxNormalization(per_channel=per_channel)(np.full((2, 3, 3, 2), 7.0, "float32"))
    )
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(out, 0.0)


def test_keras_file_round_trip_under_safe_mode():
    inputs = keras.Input((3, 3, 2))
    x = layers.Conv2D(4, 2, name="conv")(inputs)
    outputs = MinMaxNormalization(per_channel=True, epsilon=1e-4, name="minmax")(x)
    model = keras.Model(inputs, outputs)
    x = _images(5)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        restored = keras.models.load_model(path)  # safe_mode=True is the default
    layer = restored.get_layer("minmax")
    assert isinstance(layer, MinMaxNormalization)
    assert layer.per_channel is True and layer.epsilon == 1e-4
    np.testing.assert_array_equal(_numpy(restored(x)), _numpy(model(x)))


def test_config_round_trip():
    layer = MinMaxNormalization(per_channel=True, epsilon=0.5, name="mm")
    config = layer.get_config()
    assert config["per_channel"] is True and config["epsilon"] == 0.5 and config["name"] == "mm"
    clone = MinMaxNormalization.from_config(config)
    assert (clone.per_channel, clone.epsilon, clone.name) == (True, 0.5, "mm")
    assert keras.saving.get_registered_name(MinMaxNormalization) == "helpers>MinMaxNormalization"


def test_output_shape_is_the_input_shape():
    assert MinMaxNormalization().compute_output_shape((None, 4, 4, 3)) == (None, 4, 4, 3)
    assert MinMaxNormalization()(keras.Input((4, 4, 3))).shape == (None, 4, 4, 3)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"per_channel": 1}, "per_channel must be a bool, got 1 (int)"),
        ({"per_channel": "yes"}, "per_channel must be a bool, got 'yes' (str)"),
        ({"epsilon": 0}, "epsilon must be a finite number > 0, got 0"),
        ({"epsilon": -1e-3}, "epsilon must be a finite number > 0, got -0.001"),
        ({"epsilon": float("nan")}, "epsilon must be a finite number > 0, got nan"),
        ({"epsilon": float("inf")}, "epsilon must be a finite number > 0, got inf"),
        ({"epsilon": "1e-6"}, "epsilon must be a number, got '1e-6' (str)"),
        ({"epsilon": True}, "epsilon must be a number, got True (bool)"),
    ],
)
def test_bad_arguments_are_rejected(kwargs, message):
    with pytest.raises(ValueError) as info:
        MinMaxNormalization(**kwargs)
    assert str(info.value) == message


def test_too_low_a_rank_is_rejected():
    with pytest.raises(
        ValueError,
        match=(
            r"expects inputs of rank >= 3 \(batch, \.\.\., channels\), "
            r"got shape \(None, 8\) \(rank 2\)"
        ),
    ):
        MinMaxNormalization(per_channel=True).build((None, 8))
    with pytest.raises(
        ValueError,
        match=(
            r"expects inputs of rank >= 2 \(batch, features\.\.\.\), "
            r"got shape \(None,\) \(rank 1\)"
        ),
    ):
        MinMaxNormalization().build((None,))
