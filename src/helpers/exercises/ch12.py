"""Checkers for chapter 12, "Port metrics, summaries and saved models"."""

import tempfile
from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch12_ex1", "check_ch12_ex2"]


def _short(error: Exception) -> str:
    """An exception as one short line (chapter 12 exercises)."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200] if text else ''}"


def check_ch12_ex1(metric_class: type) -> Feedback:
    """Chapter 12, exercise 1: a streaming mean absolute error, a keras.metrics.Metric subclass."""
    if not (isinstance(metric_class, type) and issubclass(metric_class, keras.metrics.Metric)):
        raise ValueError(
            "expected a subclass of keras.metrics.Metric (the class, not an instance), "
            f"got {type(metric_class).__name__}"
        )
    rng = np.random.default_rng(12)
    sizes = (5, 2, 9)
    pairs = [(rng.normal(size=(n, 3)), rng.normal(size=(n, 3))) for n in sizes]
    pairs = [(a.astype("float32"), b.astype("float32")) for a, b in pairs]
    expected = float(np.mean(np.abs(np.concatenate([a - b for a, b in pairs]))))
    batch_means = float(np.mean([np.mean(np.abs(a - b)) for a, b in pairs]))
    try:
        metric = metric_class()
        for y_true, y_pred in pairs:
            metric.update_state(y_true, y_pred)
        value = float(metric.result())
        metric.reset_state()
        after_reset = float(metric.result())
        metric.update_state(*pairs[1])
        restarted = float(metric.result())
    except Exception as error:  # the reader's class: report, do not crash
        return Feedback.fail(f"Using the metric raised {_short(error)}")
    if np.isclose(value, batch_means, rtol=1e-5) and not np.isclose(value, expected, rtol=1e-5):
        return Feedback.fail(
            f"It gives {value:.5f}, the mean of the batch means; over batches of {sizes} values "
            f"per row the mean over all values is {expected:.5f}: count values, not batches."
        )
    if not np.isclose(value, expected, rtol=1e-5):
        return Feedback.fail(
            f"After three batches it gives {value:.5f}; the mean |y_true - y_pred| over all of "
            f"them is {expected:.5f}."
        )
    if after_reset != 0.0 or not np.isclose(
        restarted, float(np.mean(np.abs(pairs[1][0] - pairs[1][1]))), rtol=1e-5
    ):
        return Feedback.fail("After reset_state the metric should start over from nothing.")
    wide = [
        (a.astype("float32"), b.astype("float32"))
        for a, b in [(rng.normal(size=(n, 4)), rng.normal(size=(n, 4))) for n in (7, 1)]
    ]
    try:  # as fit runs it: inside a tf.function, with an unknown batch size
        traced = metric_class()
        spec = tf.TensorSpec([None, 4], tf.float32)
        update = tf.function(traced.update_state, input_signature=[spec, spec])
        for y_true, y_pred in wide:
            update(y_true, y_pred)
        in_graph = float(traced.result())
    except Exception as error:  # the reader's class: report, do not crash
        return Feedback.fail(
            f"Inside a tf.function with an unknown batch size, as fit runs it, update_state "
            f"raised {_short(error)}. Count with ops (ops.size), not with Python numbers."
        )
    wide_expected = float(np.mean(np.abs(np.concatenate([a - b for a, b in wide]))))
    if not np.isclose(in_graph, wide_expected, rtol=1e-5):
        return Feedback.fail(
            f"With 4 columns inside a tf.function it gives {in_graph:.5f}, not "
            f"{wide_expected:.5f}: count every value, whatever the shape."
        )
    return Feedback.ok(
        f"{expected:.5f} over batches of {', '.join(map(str, sizes))} rows, as one mean over "
        "every value, and reset_state starts over."
    )


def check_ch12_ex2(serving_layer: Callable[[str], keras.layers.Layer]) -> Feedback:
    """Chapter 12, exercise 2: a Keras layer that serves a model.export() folder."""
    if not callable(serving_layer) or isinstance(serving_layer, keras.layers.Layer):
        raise ValueError(
            "expected a function serving_layer(folder) -> layer, "
            f"got {type(serving_layer).__name__}"
        )
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(3)])
    model.set_weights(
        [np.linspace(-1, 1, 64 * 3, dtype="float32").reshape(64, 3), np.ones(3, "float32")]
    )
    x = np.random.default_rng(12).normal(size=(4, 64)).astype("float32")
    expected = model.predict(x, verbose=0)
    with tempfile.TemporaryDirectory() as folder:
        model.export(folder, verbose=False)
        try:
            layer = serving_layer(folder)
            outputs = keras.Sequential([keras.Input((64,)), layer])(x)
        except Exception as error:  # the reader's code: report, do not crash
            hint = (
                " keras.models.load_model reads .keras files; a SavedModel loads as a TFSMLayer."
                if "File format not supported" in str(error)
                else ""
            )
            return Feedback.fail(f"Building the model on it raised {_short(error)}.{hint}")
    if isinstance(outputs, dict):
        return Feedback.fail(
            f"The layer returns a dict ({', '.join(outputs)}): the 'serving_default' signature "
            "names its outputs. The endpoint model.export writes for a plain call is 'serve'."
        )
    outputs = np.asarray(keras.ops.convert_to_numpy(outputs))
    if outputs.shape != expected.shape or not np.allclose(outputs, expected, atol=1e-5):
        return Feedback.fail("The layer's outputs differ from the exported model's.")
    return Feedback.ok(
        "TFSMLayer(folder, call_endpoint='serve') runs the exported computation: the same "
        "outputs as the model that was exported."
    )


EXERCISES = {
    1: (
        check_ch12_ex1,
        "what each update adds",
        [
            "total holds the sum of every |error| so far and count the number of values; "
            "result divides one by the other.",
            "self.total.assign_add(ops.sum(errors)) and "
            'self.count.assign_add(ops.cast(ops.size(errors), "float32")).',
        ],
    ),
    2: (
        check_ch12_ex2,
        "the endpoint",
        [
            "model.export writes two signatures; tf.saved_model.load(folder).signatures lists "
            "them, and one of them returns the output tensor itself, not a dict.",
            'keras.layers.TFSMLayer(folder, call_endpoint="serve").',
        ],
    ),
}
