"""Checkers for chapter 1 (the Sequential API)."""

import keras
import numpy as np

from helpers.exercises.arguments import require_instance
from helpers.exercises.feedback import Feedback

__all__ = ["check_ch1_ex1", "check_ch1_ex2", "check_ch1_ex3"]


def _dense_layout(model: keras.Sequential) -> list[tuple[int, str]]:
    """(units, activation name) per layer, (0, class name) if not Dense (chapter 1 exercises)."""
    return [
        (layer.units, layer.activation.__name__)
        if isinstance(layer, keras.layers.Dense)
        else (0, type(layer).__name__)
        for layer in model.layers
    ]


def check_ch1_ex1(model: keras.Sequential) -> Feedback:
    """Exercise 1.1: a built 64 -> Dense(32, relu) -> Dense(10, softmax) Sequential (chapter 1)."""
    require_instance(model, keras.Sequential, "model")
    legacy = [
        layer.name for layer in model.layers if getattr(layer, "_input_shape_arg", None) is not None
    ]
    if legacy:
        return Feedback.fail(
            f"Layer {legacy[0]!r} was given input_shape= (or input_dim=), which the exercise rules "
            "out: drop the argument and start the list of layers with keras.Input(shape=(64,))."
        )
    if not model.built:
        return Feedback.fail(
            "The model is not built yet: start the list of layers with keras.Input(shape=(64,))."
        )
    if tuple(model.inputs[0].shape) != (None, 64):
        return Feedback.fail(
            f"The input shape is {tuple(model.inputs[0].shape)}; each digit has 64 values, so use "
            "keras.Input(shape=(64,))."
        )
    layout = _dense_layout(model)
    if layout != [(32, "relu"), (10, "softmax")]:
        return Feedback.fail(
            f"The layers are {layout} as (units, activation); expected [(32, 'relu'), (10, "
            "'softmax')]."
        )
    return Feedback.ok(
        f"Two Dense layers on a 64-value input, {model.count_params()} parameters (64*32+32 + "
        "32*10+10)."
    )


def check_ch1_ex2(extractor: keras.Sequential, original: keras.Sequential) -> Feedback:
    """Exercise 1.2: a feature extractor sharing the original model's hidden layer (chapter 1)."""
    require_instance(extractor, keras.Sequential, "extractor")
    require_instance(original, keras.Sequential, "original")
    if not extractor.built or tuple(extractor.outputs[0].shape) != (None, 32):
        shape = tuple(extractor.outputs[0].shape) if extractor.built else "unknown (not built)"
        return Feedback.fail(
            f"The extractor's output shape is {shape}; it should stop at the 32-unit hidden layer, "
            "(None, 32)."
        )
    if extractor.layers[0] is not original.layers[0]:
        return Feedback.fail(
            "The hidden layer is a new layer, not the original's: reuse original.layers instead of "
            "creating Dense layers again."
        )
    x = np.linspace(0, 1, 64 * 3, dtype="float32").reshape(3, 64)
    expected = keras.ops.convert_to_numpy(original.layers[0](x))
    if not np.allclose(keras.ops.convert_to_numpy(extractor(x)), expected, rtol=1e-6):
        return Feedback.fail(
            "The extractor's output differs from the hidden layer's: does it stop right after the "
            "first Dense layer?"
        )
    return Feedback.ok(
        "The extractor outputs the 32 hidden features and shares its weights with the classifier."
    )


def check_ch1_ex3(model: keras.Sequential, x_test: np.ndarray, y_test: np.ndarray) -> Feedback:
    """Exercise 1.3: a trained digits classifier with at least 0.93 test accuracy (chapter 1)."""
    require_instance(model, keras.Sequential, "model")
    x_test, y_test = np.asarray(x_test), np.asarray(y_test)
    if x_test.ndim != 2 or x_test.shape[1] != 64 or len(x_test) != len(y_test):
        raise ValueError(
            f"x_test must be (n, 64) with n labels, got {x_test.shape} and {y_test.shape}"
        )
    if not model.built:
        return Feedback.fail(
            "The model is not built: declare its input with keras.Input(shape=(64,)) and train it "
            "with fit."
        )
    probabilities = keras.ops.convert_to_numpy(model(x_test, training=False))
    if probabilities.shape != (len(x_test), 10):
        return Feedback.fail(
            f"The model outputs {probabilities.shape}; it needs one row of 10 class scores per "
            "image."
        )
    accuracy = float((probabilities.argmax(axis=1) == y_test).mean())
    if accuracy < 0.93:
        return Feedback.fail(
            f"Test accuracy is {accuracy:.3f}, below 0.93: did you compile and fit it (try more "
            "epochs)?"
        )
    return Feedback.ok(f"Test accuracy {accuracy:.3f} on {len(y_test)} digits the model never saw.")


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(1).
EXERCISES = {
    1: (
        check_ch1_ex1,
        "a layer: the hidden Dense layer first, then the output layer",
        [
            "A Dense layer takes its number of units first and its activation by name: "
            'layers.Dense(units, activation="...").',
            'The hidden layer is layers.Dense(32, activation="relu"); the output layer has one '
            "unit per class, 10, and turns scores into probabilities with a softmax.",
        ],
    ),
    2: (
        check_ch1_ex2,
        "the layers the extractor keeps, taken from classifier.layers",
        [
            "classifier.layers lists the model's layers (keras.Input is not one of them); the "
            "extractor keeps the first and drops the output layer.",
            "The ____ is *classifier.layers[:1]: it puts the hidden layer object itself in the "
            "new model, so the two models share its weights.",
        ],
    ),
    3: (
        check_ch1_ex3,
        "the arguments of compile and fit",
        [
            "compile needs an optimizer, a loss that takes integer labels "
            '("sparse_categorical_crossentropy") and metrics=["accuracy"] to watch progress.',
            'optimizer="adam" with 30 epochs of batch_size=32 is enough; train a clone '
            "(keras.models.clone_model) so that exercise 2's extractor keeps the weights it had.",
        ],
    ),
}
