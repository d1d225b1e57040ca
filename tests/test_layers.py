import os

import keras
import numpy as np
import pytest
from keras import ops

from helpers.layers import RandomMask, SimpleDense


def _model() -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(6,))
    x = SimpleDense(8, activation="relu")(inputs)
    x = RandomMask(0.5, seed=3)(x)
    return keras.Model(inputs, SimpleDense(2)(x))


def test_save_and_load_under_default_safe_mode_gives_identical_outputs(tmp_path):
    model = _model()
    x = np.random.default_rng(0).normal(size=(5, 6)).astype("float32")
    path = os.path.join(tmp_path, "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)  # safe_mode=True is the default
    assert [type(layer).__name__ for layer in loaded.layers[1:]] == ["SimpleDense", "RandomMask", "SimpleDense"]
    np.testing.assert_array_equal(ops.convert_to_numpy(model(x)), ops.convert_to_numpy(loaded(x)))


def test_layers_are_registered_under_the_helpers_package():
    assert keras.saving.get_registered_name(SimpleDense) == "helpers>SimpleDense"
    assert keras.saving.get_registered_name(RandomMask) == "helpers>RandomMask"


@pytest.mark.parametrize(
    "layer",
    [SimpleDense(4), SimpleDense(3, activation="tanh", name="d"), RandomMask(0.25), RandomMask(0.0, seed=7)],
)
def test_get_config_round_trips(layer):
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config


def test_simple_dense_matches_keras_dense():
    x = np.random.default_rng(1).normal(size=(4, 3)).astype("float32")
    ours, theirs = SimpleDense(2, activation="relu"), keras.layers.Dense(2, activation="relu")
    ours(x), theirs(x)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(ours(x)), ops.convert_to_numpy(theirs(x)), rtol=1e-6)
    assert ours.compute_output_shape((None, 3)) == (None, 2)


def test_simple_dense_creates_weights_in_build():
    layer = SimpleDense(5)
    assert layer.weights == []
    layer(np.ones((2, 3), "float32"))
    assert [tuple(w.shape) for w in layer.weights] == [(3, 5), (5,)]


def test_random_mask_is_identity_at_inference_and_masks_in_training():
    layer = RandomMask(0.5, seed=1)
    x = np.ones((200, 50), "float32")
    np.testing.assert_array_equal(ops.convert_to_numpy(layer(x)), x)
    y = ops.convert_to_numpy(layer(x, training=True))
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert abs((y == 0).mean() - 0.5) < 0.03


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"units": 0}, r"units must be a positive int, got 0 \(int\)"),
        ({"units": 2.5}, r"units must be a positive int, got 2.5 \(float\)"),
        ({"units": True}, r"units must be a positive int, got True \(bool\)"),
        ({"units": 2, "activation": "nope"}, r"activation must be None, a Keras activation name .* got 'nope'"),
    ],
)
def test_simple_dense_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SimpleDense(**kwargs)


def test_simple_dense_needs_a_known_last_dimension():
    with pytest.raises(ValueError, match=r"last input dimension must be known, got input shape \(None, None\)"):
        SimpleDense(2).build((None, None))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rate": 1.0}, r"rate must be a number in \[0, 1\), got 1.0 \(float\)"),
        ({"rate": -0.1}, r"rate must be a number in \[0, 1\), got -0.1 \(float\)"),
        ({"rate": "0.5"}, r"rate must be a number in \[0, 1\), got '0.5' \(str\)"),
        ({"rate": 0.5, "seed": -1}, r"seed must be None or a non-negative int, got -1 \(int\)"),
        ({"rate": 0.5, "seed": 1.5}, r"seed must be None or a non-negative int, got 1.5 \(float\)"),
    ],
)
def test_random_mask_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        RandomMask(**kwargs)
