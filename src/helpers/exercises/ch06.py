"""Checkers for the chapter 6 exercises (custom losses and add_loss)."""

import os
import tempfile
from collections.abc import Callable

import keras
import numpy as np
from keras import ops

from helpers.exercises.arguments import to_numpy
from helpers.exercises.feedback import Feedback
from helpers.penalties import ActivityPenalty

__all__ = ["check_ch6_ex1", "check_ch6_ex2", "check_ch6_ex3", "check_ch6_ex4"]

# Known inputs with negative predictions, so max(y_pred) and max(|y_pred|) differ.
_Y_TRUE = np.array(
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.5, 0.5, 0.5], [0.0, 0.0, 0.0]], dtype="float32"
)
_Y_PRED = np.array(
    [[0.2, 0.6, -0.9], [0.7, -0.1, 0.8], [0.5, 0.4, 0.1], [-0.3, -0.2, -0.6]], dtype="float32"
)
_X_L1 = np.array([[1.0, -2.0, 0.5], [-0.5, 3.0, 0.0]], dtype="float32")


def check_ch6_ex1(loss_fn: Callable) -> Feedback:
    """Chapter 6, exercise 1: per-sample mean absolute error + 0.1 times the largest prediction."""
    if not callable(loss_fn):
        raise ValueError(f"expected a loss function (y_true, y_pred), got {type(loss_fn).__name__}")
    try:
        got = to_numpy(loss_fn(ops.convert_to_tensor(_Y_TRUE), ops.convert_to_tensor(_Y_PRED)))
    except Exception as e:  # the reader's code may fail in any way
        return Feedback.fail(f"calling your function raised {type(e).__name__}: {e}")
    mae = np.mean(np.abs(_Y_TRUE - _Y_PRED), axis=-1)
    expected = mae + 0.1 * _Y_PRED.max(axis=-1)
    if got.shape != expected.shape:
        return Feedback.fail(
            f"return one value per sample, shape {expected.shape}, got shape {got.shape}: "
            "reduce over the last axis only (axis=-1)."
        )
    if np.allclose(got, expected, rtol=1e-5, atol=1e-6):
        return Feedback.ok(
            "one value per sample: mean absolute error plus 0.1 times the largest prediction."
        )
    if np.allclose(got, mae, rtol=1e-5, atol=1e-6):
        return Feedback.fail(
            "this is the mean absolute error alone: add 0.1 * ops.max(y_pred, axis=-1)."
        )
    if np.allclose(got, mae + 0.1 * np.abs(_Y_PRED).max(axis=-1), rtol=1e-5, atol=1e-6):
        return Feedback.fail(
            "the penalty uses the largest |prediction|: take ops.max of y_pred itself."
        )
    return Feedback.fail(
        f"for the checker's 4 samples expected {np.round(expected, 4)}, got {np.round(got, 4)}."
    )


def check_ch6_ex2(layer_class: type) -> Feedback:
    """Chapter 6, exercise 2: a layer that adds rate * mean(|inputs|) and returns its inputs."""
    if not isinstance(layer_class, type) or not issubclass(layer_class, keras.layers.Layer):
        raise ValueError(
            "expected a keras.layers.Layer subclass (the class itself), got "
            f"{type(layer_class).__name__}"
        )
    try:
        layer = layer_class(rate=0.05)
        outputs = to_numpy(layer(_X_L1))
        layer(_X_L1)  # a second call must not add a second loss
    except Exception as e:  # the reader's code may fail in any way
        return Feedback.fail(
            f"building the layer with rate=0.05 and calling it raised {type(e).__name__}: {e}"
        )
    if outputs.shape != _X_L1.shape or not np.allclose(outputs, _X_L1):
        return Feedback.fail(
            "call() must return its inputs unchanged; the loss goes through self.add_loss."
        )
    if len(layer.losses) != 1:
        return Feedback.fail(
            f"expected one entry in layer.losses after a call, got {len(layer.losses)}."
        )
    got, expected = float(to_numpy(layer.losses[0])), 0.05 * np.mean(np.abs(_X_L1))
    if not np.isclose(got, expected, rtol=1e-5):
        if np.isclose(got, 0.05 * np.sum(np.abs(_X_L1)), rtol=1e-5):
            return Feedback.fail(
                "the loss sums |inputs|: use ops.mean so it does not grow with the batch size."
            )
        if np.isclose(got, 0.05 * np.mean(_X_L1**2), rtol=1e-5):
            return Feedback.fail("the loss squares the inputs (L2): an L1 loss uses ops.abs.")
        return Feedback.fail(
            f"on the checker's input expected a loss of {expected:.4f}, got {got:.4f}."
        )
    config = layer.get_config()
    if config.get("rate") != 0.05:
        return Feedback.fail(
            "get_config() must include 'rate' so the layer can be saved and rebuilt."
        )
    return Feedback.ok(f"the layer returns its inputs and adds rate * mean(|inputs|) = {got:.4f}.")


def _ex3_model() -> keras.Model:
    """An MSE model with an L2 kernel regulariser and an ActivityPenalty (chapter 6, exercise 3)."""
    inputs = keras.Input(shape=(5,))
    hidden = keras.layers.Dense(
        8,
        activation="relu",
        kernel_regularizer=keras.regularizers.L2(0.01),
        kernel_initializer=keras.initializers.GlorotUniform(seed=1),
    )(inputs)
    hidden = ActivityPenalty(0.1)(hidden)
    outputs = keras.layers.Dense(2, kernel_initializer=keras.initializers.GlorotUniform(seed=2))(
        hidden
    )
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
    return model


def check_ch6_ex3(expected_loss_fn: Callable) -> Feedback:
    """Chapter 6, exercise 3: predict the loss train_on_batch reports, before training."""
    if not callable(expected_loss_fn):
        raise ValueError(
            f"expected a function (model, x, y), got {type(expected_loss_fn).__name__}"
        )
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(16, 5)).astype("float32"), rng.normal(size=(16, 2)).astype("float32")
    model = _ex3_model()
    compiled = float(np.mean((to_numpy(model(x)) - y) ** 2))
    before = [w.copy() for w in model.get_weights()]
    try:
        got = float(to_numpy(expected_loss_fn(model, x, y)))
    except Exception as e:  # the reader's code may fail in any way
        return Feedback.fail(f"calling your function raised {type(e).__name__}: {e}")
    if any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights())):
        return Feedback.fail("your function changed the weights: compute the loss, do not train.")
    reported = float(model.train_on_batch(x, y, return_dict=True)["loss"])
    if np.isclose(got, reported, rtol=1e-5):
        return Feedback.ok(f"you predicted {got:.4f}; train_on_batch reported {reported:.4f}.")
    if np.isclose(got, compiled, rtol=1e-5):
        return Feedback.fail("this is the compiled loss alone: add the sum of model.losses.")
    return Feedback.fail(
        f"train_on_batch reported {reported:.4f}, you predicted {got:.4f}: "
        "it is the compiled loss plus the sum of model.losses, with the weights before the step."
    )


_W_EX4 = np.array([[0.5, -1.0, 0.0], [2.0, -0.25, 1.0]], dtype="float32")


def _ex4_model(regularizer: keras.regularizers.Regularizer) -> keras.Model:
    """A Dense(3) model with a known kernel carrying `regularizer` (chapter 6, exercise 4)."""
    inputs = keras.Input(shape=(2,))
    dense = keras.layers.Dense(3, kernel_regularizer=regularizer)
    model = keras.Model(inputs, dense(inputs))
    dense.kernel.assign(_W_EX4)
    return model


def check_ch6_ex4(regularizer_class: type) -> Feedback:
    """Chapter 6, exercise 4: a Regularizer rate * mean(|w|) that survives a .keras round trip."""
    if not isinstance(regularizer_class, type) or not issubclass(
        regularizer_class, keras.regularizers.Regularizer
    ):
        raise ValueError(
            "expected a keras.regularizers.Regularizer subclass (the class itself), "
            f"got {type(regularizer_class).__name__}"
        )
    try:
        model = _ex4_model(regularizer_class(rate=0.05))
        got = float(to_numpy(model.losses[0]))
    except Exception as e:  # the reader's code may fail in any way
        return Feedback.fail(
            f"a Dense layer with your regularizer(rate=0.05) raised {type(e).__name__}: {e}"
        )
    expected = 0.05 * float(np.mean(np.abs(_W_EX4)))
    if not np.isclose(got, expected, rtol=1e-5):
        if np.isclose(got, 0.05 * float(np.sum(np.abs(_W_EX4))), rtol=1e-5):
            return Feedback.fail(
                "the penalty sums |w|: take ops.mean, which ignores the layer's size."
            )
        return Feedback.fail(
            f"on the checker's kernel expected a penalty of {expected:.4f}, got {got:.4f}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ex4.keras")
        try:
            model.save(path)
        except NotImplementedError:
            return Feedback.fail(
                "saving failed with NotImplementedError: the base Regularizer has no get_config; "
                "return {'rate': self.rate} from yours."
            )
        try:
            custom = {regularizer_class.__name__: regularizer_class}
            loaded = keras.models.load_model(path, custom_objects=custom, compile=False)
        except Exception as e:  # the reader's code may fail in any way
            return Feedback.fail(f"the model saved but loading it raised {type(e).__name__}: {e}")
    reloaded = float(to_numpy(loaded.losses[0]))
    if not np.isclose(reloaded, got, rtol=1e-6):
        return Feedback.fail(
            f"after reloading, the penalty is {reloaded:.4f}, not {got:.4f}: "
            "get_config must hold every constructor argument (rate)."
        )
    return Feedback.ok(f"penalty {got:.4f} = 0.05 * mean(|w|), the same after a .keras round trip.")


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(6).
EXERCISES = {
    1: (
        check_ch6_ex1,
        "the per-sample error and the penalty",
        [
            "ops.mean(..., axis=-1) and ops.max(..., axis=-1) reduce over the last axis and keep "
            "one value per sample, which is what fit expects of a loss function.",
            "error = ops.mean(ops.abs(y_true - y_pred), axis=-1); then add "
            "0.1 * ops.max(y_pred, axis=-1).",
        ],
    ),
    2: (
        check_ch6_ex2,
        "the add_loss call and the config",
        [
            "self.add_loss(tensor) inside call() records a loss, which fit adds to the compiled "
            "one at every step.",
            "self.add_loss(self.rate * ops.mean(ops.abs(inputs))); get_config returns "
            '{**super().get_config(), "rate": self.rate}.',
        ],
    ),
    3: (
        check_ch6_ex3,
        "the forward pass and the losses to add",
        [
            "train_on_batch runs the model with training=True and reports the compiled loss plus "
            "the sum of model.losses: the added losses and the regularisation penalties.",
            "y_pred = model(x, training=True), and add ops.sum(ops.stack(model.losses)).",
        ],
    ),
    4: (
        check_ch6_ex4,
        "the penalty and the config",
        [
            "A Regularizer is called with the weights and returns one number; get_config returns "
            "the constructor's arguments, so that loading can call the constructor again.",
            "return self.rate * ops.mean(ops.abs(weights)); get_config returns "
            '{"rate": self.rate}.',
        ],
    ),
}
