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
    assert [type(layer).__name__ for layer in loaded.layers[1:]] == [
        "SimpleDense",
        "RandomMask",
        "SimpleDense",
    ]
    np.testing.assert_array_equal(ops.convert_to_numpy(model(x)), ops.convert_to_numpy(loaded(x)))


def test_layers_are_registered_under_the_helpers_package():
    assert keras.saving.get_registered_name(SimpleDense) == "helpers>SimpleDense"
    assert keras.saving.get_registered_name(RandomMask) == "helpers>RandomMask"


@pytest.mark.parametrize(
    "layer",
    [
        SimpleDense(4),
        SimpleDense(3, activation="tanh", name="d"),
        RandomMask(0.25),
        RandomMask(0.0, seed=7),
    ],
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
    np.testing.assert_allclose(
        ops.convert_to_numpy(ours(x)), ops.convert_to_numpy(theirs(x)), rtol=1e-6
    )
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
        (
            {"units": 2, "activation": "nope"},
            r"activation must be None, a Keras activation name .* got 'nope'",
        ),
    ],
)
def test_simple_dense_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SimpleDense(**kwargs)


def test_simple_dense_needs_a_known_last_dimension():
    with pytest.raises(
        ValueError, match=r"last input dimension must be known, got input shape \(None, None\)"
    ):
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


def test_random_mask_follows_a_float16_compute_dtype():
    layer = RandomMask(0.5, seed=2, dtype="mixed_float16")
    y = layer(np.ones((50, 40), "float32"), training=True)
    assert keras.backend.standardize_dtype(y.dtype) == "float16"
    assert set(np.unique(ops.convert_to_numpy(y))) == {0.0, 2.0}
    assert keras.config.dtype_policy().name == "float32"


def test_simple_dense_computes_in_float16_with_float32_weights():
    layer = SimpleDense(3, dtype="mixed_float16")
    y = layer(np.ones((2, 4), "float32"))
    assert keras.backend.standardize_dtype(y.dtype) == "float16"
    assert [w.dtype for w in layer.weights] == ["float32", "float32"]


def _summing_model(rate: float) -> keras.Model:
    inputs = keras.Input(shape=(100,))
    masked = RandomMask(rate, seed=1)(inputs)
    outputs = keras.layers.Dense(1, use_bias=False, kernel_initializer="ones")(masked)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    return model


def test_random_mask_masks_inside_fit_only():
    model = _summing_model(0.5)
    x, y = np.ones((64, 100), "float32"), np.full((64, 1), 100.0, "float32")
    fit_loss = model.fit(x, y, batch_size=16, epochs=1, verbose=0).history["loss"][0]
    assert fit_loss > 1, fit_loss  # the sum of 100 masked and doubled ones is rarely exactly 100
    assert model.evaluate(x, y, verbose=0) == 0.0
    np.testing.assert_array_equal(model.predict(x[:4], verbose=0), y[:4])


def test_random_mask_with_rate_zero_is_identity_in_training():
    x = np.random.default_rng(3).normal(size=(8, 5)).astype("float32")
    np.testing.assert_array_equal(
        ops.convert_to_numpy(RandomMask(0.0, seed=1)(x, training=True)), x
    )
    model = _summing_model(0.0)
    ones, target = np.ones((32, 100), "float32"), np.full((32, 1), 100.0, "float32")
    assert model.fit(ones, target, batch_size=8, verbose=0).history["loss"][0] == 0.0


def test_random_mask_same_seed_same_sequence_other_seed_other_masks():
    x = np.ones((30, 30), "float32")
    first, twin, other = RandomMask(0.5, seed=4), RandomMask(0.5, seed=4), RandomMask(0.5, seed=5)
    masks = [ops.convert_to_numpy(first(x, training=True)) for _ in range(2)]
    twin_masks = [ops.convert_to_numpy(twin(x, training=True)) for _ in range(2)]
    np.testing.assert_array_equal(masks[0], twin_masks[0])
    np.testing.assert_array_equal(masks[1], twin_masks[1])
    assert not np.array_equal(masks[0], masks[1]), "the seed generator advances on each call"
    assert not np.array_equal(masks[0], ops.convert_to_numpy(other(x, training=True)))


@pytest.mark.parametrize(
    "make_layer, shape",
    [
        (lambda: SimpleDense(5), (2, 3)),
        (lambda: SimpleDense(5), (2, 7, 3)),
        (lambda: RandomMask(0.5, seed=0), (2, 3)),
        (lambda: RandomMask(0.5, seed=0), (2, 7, 3)),
    ],
)
def test_compute_output_shape_matches_the_real_and_the_traced_output(make_layer, shape):
    layer = make_layer()
    call_kwargs = {"training": True} if isinstance(layer, RandomMask) else {}
    real = layer(np.ones(shape, "float32"), **call_kwargs)
    symbolic_shape = (None, *shape[1:])
    assert layer.compute_output_shape(shape) == tuple(real.shape)
    assert layer.compute_output_shape(symbolic_shape) == tuple(
        layer(keras.Input(shape=shape[1:])).shape
    )
    # Keras uses compute_output_shape instead of tracing call, so trace call by hand to compare.
    traced = keras.Operation.compute_output_spec(
        layer, keras.KerasTensor(symbolic_shape), **call_kwargs
    )
    assert layer.compute_output_shape(symbolic_shape) == tuple(traced.shape)


class _WrongShapeDense(SimpleDense):
    def compute_output_shape(self, input_shape):
        return input_shape


def test_a_wrong_compute_output_shape_is_trusted_not_checked():
    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, _WrongShapeDense(3)(inputs))
    assert model.output.shape == (None, 4)
    assert tuple(model(np.ones((2, 4), "float32")).shape) == (2, 3)
    traced = keras.Operation.compute_output_spec(model.layers[1], keras.KerasTensor((None, 4)))
    assert tuple(traced.shape) == (None, 3), "tracing call by hand finds the real shape"
