"""Checkers for the chapter 5 exercises (custom layers)."""

import os
import tempfile

import keras
import numpy as np
from keras import ops

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch5_ex1", "check_ch5_ex2", "check_ch5_ex3"]

_FEATURES = 5


def _require_fresh_layer(layer: object, exercise: str) -> Feedback | None:
    """Raise for a non-layer; return a failure for a layer that was already built (chapter 5)."""
    if not isinstance(layer, keras.layers.Layer):
        raise ValueError(
            f"{exercise} expects a keras.layers.Layer instance, got {type(layer).__name__}"
        )
    if layer.weights:
        return Feedback.fail(
            "The layer has weights before it has seen any input: create them in build(), where the "
            "input shape is known, not in __init__(), and pass a layer you have not called yet."
        )
    if layer.built:
        return Feedback.fail(
            "The layer is already built: pass a fresh instance that has not been called yet."
        )
    return None


def _weight_named(layer: keras.layers.Layer, name: str) -> keras.Variable | None:
    """The layer's weight called ``name``, or None (chapter 5)."""
    found = [w for w in layer.weights if w.name == name]
    return found[0] if len(found) == 1 else None


def check_ch5_ex1(layer: keras.layers.Layer) -> Feedback:
    """Chapter 5, exercise 1: a per-feature affine layer creating gamma and beta in build()."""
    problem = _require_fresh_layer(layer, "check_ch5_ex1")
    if problem is not None:
        return problem
    x = np.random.default_rng(1).normal(size=(3, _FEATURES)).astype("float32")
    try:
        y = ops.convert_to_numpy(layer(x))
    except Exception as error:  # the reader's layer may fail in any way
        return Feedback.fail(
            f"Calling the layer on a (3, {_FEATURES}) batch failed: {type(error).__name__}: {error}"
        )
    gamma, beta = _weight_named(layer, "gamma"), _weight_named(layer, "beta")
    if gamma is None or beta is None:
        names = [w.name for w in layer.weights]
        return Feedback.fail(
            f"Expected one weight named 'gamma' and one named 'beta' (use name=...), got {names}."
        )
    for weight in (gamma, beta):
        if tuple(weight.shape) != (_FEATURES,) or not weight.trainable:
            return Feedback.fail(
                f"'{weight.name}' should be trainable with shape ({_FEATURES},) for {_FEATURES} "
                f"input features, got shape {tuple(weight.shape)}, trainable={weight.trainable}: "
                "use input_shape[-1] in build()."
            )
    if not np.allclose(y, x, atol=1e-6):
        return Feedback.fail(
            "A fresh layer should return its input: initialise gamma with 'ones' and beta with "
            "'zeros'."
        )
    rng = np.random.default_rng(2)
    gamma.assign(rng.normal(size=_FEATURES).astype("float32"))
    beta.assign(rng.normal(size=_FEATURES).astype("float32"))
    expected = x * ops.convert_to_numpy(gamma) + ops.convert_to_numpy(beta)
    if not np.allclose(ops.convert_to_numpy(layer(x)), expected, atol=1e-5):
        return Feedback.fail(
            "The output should be inputs * gamma + beta, feature by feature: check call()."
        )
    return Feedback.ok(
        f"gamma and beta are created in build() with shape ({_FEATURES},) and the output is x * "
        "gamma + beta."
    )


def _count(layer: keras.layers.Layer) -> float:
    """The value of the layer's only non-trainable weight (chapter 5)."""
    return float(ops.convert_to_numpy(layer.non_trainable_weights[0]))


def check_ch5_ex2(layer: keras.layers.Layer) -> Feedback:
    """Chapter 5, exercise 2: a pass-through layer that counts the samples it sees in training."""
    problem = _require_fresh_layer(layer, "check_ch5_ex2")
    if problem is not None:
        return problem
    x = np.arange(12, dtype="float32").reshape(4, 3)
    try:
        y = ops.convert_to_numpy(layer(x, training=True))
    except Exception as error:  # the reader's layer may fail in any way
        return Feedback.fail(
            f"Calling the layer with training=True failed: {type(error).__name__}: {error}"
        )
    if layer.trainable_weights or len(layer.non_trainable_weights) != 1:
        return Feedback.fail(
            "Expected exactly one weight, non-trainable (trainable=False), got "
            f"{len(layer.trainable_weights)} trainable and {len(layer.non_trainable_weights)} "
            "non-trainable."
        )
    if not np.array_equal(y, x):
        return Feedback.fail("The layer should return its input unchanged.")
    if _count(layer) != 4:
        return Feedback.fail(
            f"After one training call on 4 samples the count should be 4, got {_count(layer):g}."
        )
    layer(x, training=False)
    if _count(layer) != 4:
        return Feedback.fail(
            "A call with training=False changed the count: update it only when training is true."
        )
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, keras.layers.Dense(1)(layer(inputs)))
    model.compile(optimizer="sgd", loss="mse")
    try:
        model.fit(
            np.ones((10, 3), "float32"),
            np.ones((10, 1), "float32"),
            batch_size=4,
            epochs=2,
            verbose=0,
        )
    except Exception as error:  # the reader's layer may fail in any way
        return Feedback.fail(
            f"fit() failed: {type(error).__name__}: {error}. Use ops.shape(inputs)[0] for the "
            "batch size."
        )
    if _count(layer) != 24:
        return Feedback.fail(
            "After fit() on 10 samples for 2 epochs the count should be 4 + 20 = 24, got "
            f"{_count(layer):g}: add the batch size (ops.shape(inputs)[0]) with assign_add, not a "
            "constant."
        )
    model.predict(np.ones((7, 3), "float32"), verbose=0)
    if _count(layer) != 24:
        return Feedback.fail("predict() changed the count: update it only when training is true.")
    return Feedback.ok(
        "The count grows by the batch size in training only, in eager calls and inside fit()."
    )


def check_ch5_ex3(layer: keras.layers.Layer) -> Feedback:
    """Chapter 5, exercise 3: a registered layer whose config round-trips through a .keras file."""
    if not isinstance(layer, keras.layers.Layer):
        raise ValueError(
            f"check_ch5_ex3 expects a keras.layers.Layer instance, got {type(layer).__name__}"
        )
    if isinstance(layer, keras.layers.Lambda):
        return Feedback.fail(
            "This is still a Lambda layer: write a keras.layers.Layer subclass instead."
        )
    cls = type(layer)
    if keras.saving.get_registered_object(keras.saving.get_registered_name(cls)) is not cls:
        return Feedback.fail(
            f"{cls.__name__} is not registered: decorate it with "
            "@keras.saving.register_keras_serializable()."
        )
    config = layer.get_config()
    try:
        clone = cls.from_config(config)
    except Exception as error:  # the reader's layer may fail in any way
        return Feedback.fail(
            f"from_config(get_config()) failed ({type(error).__name__}: {error}): "
            "get_config() must return every constructor argument."
        )
    if clone.get_config() != config:
        return Feedback.fail(
            "The layer rebuilt from its config has a different config: check get_config() and "
            "__init__()."
        )
    inputs = keras.Input(shape=(6,))
    model = keras.Model(inputs, layer(inputs))
    x = np.linspace(-3, 3, 24, dtype="float32").reshape(4, 6)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ch5_ex3.keras")
        model.save(path)
        try:
            loaded = keras.models.load_model(path)
        except Exception as error:  # the reader's layer may fail in any way
            return Feedback.fail(f"Loading the saved model failed: {type(error).__name__}: {error}")
    if not np.array_equal(ops.convert_to_numpy(model(x)), ops.convert_to_numpy(loaded(x))):
        return Feedback.fail(
            "The reloaded model gives different outputs: get_config() must include the values "
            "you passed to the constructor."
        )
    return Feedback.ok(
        "The layer is registered, its config round-trips and a saved model reloads with safe_mode "
        "on."
    )


# {number: (checker, what the blanks stand for, hints[, notebook])}, read by chapter(5);
# exercise 3 ends the chapter's second part, 05b_saving_custom_layers.ipynb.
EXERCISES = {
    1: (
        check_ch5_ex1,
        "the shape of each weight and what call() returns",
        [
            "build() receives the input's shape; its last entry, input_shape[-1], is the number "
            "of features, so each weight has shape (input_shape[-1],).",
            "Each shape ____ is (input_shape[-1],), and call() returns "
            "inputs * self.gamma + self.beta.",
        ],
    ),
    2: (
        check_ch5_ex2,
        "the test for training and the batch size to add",
        [
            "Count only when training is true, and read the batch size with ops.shape(inputs)[0]: "
            "inside fit it is a tensor, not a Python int.",
            "The first ____ is training; the second is "
            "ops.cast(ops.shape(inputs)[0], self.count.dtype).",
        ],
    ),
    3: (
        check_ch5_ex3,
        "the registration and the config",
        [
            "@keras.saving.register_keras_serializable(package=...) lets load_model find the "
            "class by name; get_config must return what __init__ needs to build the layer again.",
            'The decorator ____ is keras.saving.register_keras_serializable(package="ch05"), and '
            'get_config returns {**super().get_config(), "low": self.low, "high": self.high}.',
        ],
        "05b",
    ),
}
