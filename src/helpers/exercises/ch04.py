"""Checkers for the exercises of chapter 4 (one model, three APIs)."""

import keras
import numpy as np

from helpers.capture import recorded_warnings
from helpers.compare import compare_arrays
from helpers.exercises.arguments import require_batch, require_instance
from helpers.exercises.feedback import Feedback

__all__ = ["check_ch4_ex1", "check_ch4_ex2", "check_ch4_ex3"]


def _first_dense(model: keras.Model) -> keras.layers.Dense | None:
    """The first Dense layer among a model's outer layers, or None (chapter 4 checkers)."""
    return next((layer for layer in model.layers if isinstance(layer, keras.layers.Dense)), None)


def _dense_by_hand(layer: keras.layers.Dense, x: np.ndarray) -> np.ndarray:
    """activation(x @ kernel + bias) of a built Dense layer, by hand (chapter 4 checkers)."""
    kernel, bias = layer.get_weights()
    return keras.ops.convert_to_numpy(
        layer.activation(keras.ops.convert_to_tensor(x @ kernel + bias))
    )


def _api(model: keras.Model) -> str:
    """'Sequential', 'Functional' or 'subclassed' (chapter 4 checkers)."""
    if isinstance(model, keras.Sequential):
        return "Sequential"
    return "Functional" if type(model).__name__ == "Functional" else "subclassed"


def check_ch4_ex1(reference: keras.Model, candidate: keras.Model, x: np.ndarray) -> Feedback:
    """Chapter 4, exercise 1: a Functional copy of a Sequential model, with its weights."""
    reference, candidate = (
        require_instance(reference, keras.Model, "reference"),
        require_instance(candidate, keras.Model, "candidate"),
    )
    x = require_batch(x)
    if _api(candidate) != "Functional":
        return Feedback.fail(
            f"This is a {_api(candidate)} model: start from keras.Input, call each layer on the "
            "previous tensor and finish with keras.Model(inputs, outputs)."
        )
    if candidate.count_params() != reference.count_params():
        return Feedback.fail(
            f"Your model has {candidate.count_params()} parameters, the Sequential one "
            f"{reference.count_params()}: compare the units of each Dense layer."
        )
    comparison = compare_arrays(
        reference(x, training=False), candidate(x, training=False), atol=1e-6
    )
    if not comparison.close:
        same_weights = all(
            np.array_equal(a, b) for a, b in zip(reference.get_weights(), candidate.get_weights())
        )
        hint = (
            "The weights match, so look at each layer's activation."
            if same_weights
            else "Copy the weights: candidate.set_weights(reference.get_weights())."
        )
        return Feedback.fail(
            f"The outputs differ (max |difference| {comparison.max_abs_diff:.3g}). {hint}"
        )
    return Feedback.ok(
        f"A Functional model with the same {candidate.count_params()} parameters and the same "
        f"outputs (max |difference| {comparison.max_abs_diff:.3g})."
    )


def check_ch4_ex2(model: keras.Model, extractor: keras.Model, x: np.ndarray) -> Feedback:
    """Chapter 4, exercise 2: a feature extractor sharing the hidden layer of a Functional model."""
    model, extractor = (
        require_instance(model, keras.Model, "model"),
        require_instance(extractor, keras.Model, "extractor"),
    )
    x = require_batch(x)
    hidden = _first_dense(model)
    if hidden is None:
        raise ValueError(
            f"model must contain a Dense layer, got layers {[layer.name for layer in model.layers]}"
        )
    with recorded_warnings(
        UserWarning
    ):  # an extractor built on model.inputs (a list) warns about a bare array
        features = keras.ops.convert_to_numpy(extractor(x, training=False))
    expected = (len(x), hidden.units)
    if features.shape != expected:
        return Feedback.fail(
            f"The extractor outputs shape {features.shape}; the hidden layer gives {expected}. "
            f"End the model at model.get_layer({hidden.name!r}).output."
        )
    if not compare_arrays(features, _dense_by_hand(hidden, x), atol=1e-5).close:
        return Feedback.fail(
            "The features are not the hidden layer's activations: use that layer's output, after "
            "ReLU."
        )
    if not any(layer is hidden for layer in extractor.layers):
        return Feedback.fail(
            "The values are right, but the extractor has its own copy of the layer: build it from "
            "model.inputs and the hidden layer's .output so that it shares the weights."
        )
    return Feedback.ok(
        f"The extractor returns the {hidden.units} hidden activations and shares the weights."
    )


def _training_call(model: keras.Model, x: np.ndarray, seed: int = 0):
    """model(x, training=True, return_hidden=True), seed states fixed then restored (chapter 4)."""
    weight_ids = {id(weight) for weight in model.weights}
    states = [variable for variable in model.variables if id(variable) not in weight_ids]
    saved = [keras.ops.convert_to_numpy(state) for state in states]
    try:
        for state, value in zip(states, saved):
            state.assign(np.full(value.shape, seed, dtype=value.dtype))
        return model(x, training=True, return_hidden=True)
    finally:
        for state, value in zip(states, saved):
            state.assign(value)


def check_ch4_ex3(source: keras.Model, model: keras.Model, x: np.ndarray) -> Feedback:
    """Chapter 4, exercise 3: a trained subclass whose call() returns hidden features on request."""
    source, model = (
        require_instance(source, keras.Model, "source"),
        require_instance(model, keras.Model, "model"),
    )
    x = require_batch(x)
    if _api(model) != "subclassed":
        return Feedback.fail(
            f"This is a {_api(model)} model; the exercise asks for a keras.Model subclass."
        )
    hidden = _first_dense(model)
    if hidden is None or not hidden.built:
        return Feedback.fail(
            "Build the model first (call it on keras.Input or a batch), then copy the weights."
        )
    try:
        pair = model(x, training=False, return_hidden=True)
    except TypeError:
        return Feedback.fail(
            "call() does not accept return_hidden: add `return_hidden=False` to its signature."
        )
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        return Feedback.fail(
            "With return_hidden=True, return a pair: (probabilities, hidden features)."
        )
    probabilities = model(x, training=False)
    if isinstance(probabilities, (tuple, list)):
        return Feedback.fail(
            "With return_hidden=False, return the probabilities alone, not a pair."
        )
    if not compare_arrays(pair[0], probabilities, atol=1e-6).close:
        return Feedback.fail(
            "The first item of the pair should be the same probabilities a plain call returns."
        )
    if not compare_arrays(pair[1], _dense_by_hand(hidden, x), atol=1e-5).close:
        return Feedback.fail(
            "The second item should be the hidden layer's activations after ReLU, before dropout."
        )
    training_pair = _training_call(model, x)
    if not compare_arrays(training_pair[1], _dense_by_hand(hidden, x), atol=1e-5).close:
        return Feedback.fail(
            "With training=True the second item changes, so it comes after dropout: return the "
            "hidden layer's activations after ReLU, before dropout."
        )
    comparison = compare_arrays(probabilities, source(x, training=False), atol=1e-6)
    if not comparison.close:
        weights, trained = model.get_weights(), source.get_weights()
        copied = len(weights) == len(trained) and all(
            np.array_equal(a, b) for a, b in zip(weights, trained)
        )
        hint = (
            "The weights are the trained ones, so compare the layers call() uses with the source "
            "model's."
            if copied
            else "Copy the trained weights after building: model.set_weights(source.get_weights())."
        )
        return Feedback.fail(
            "The probabilities differ from the trained model's (max |difference| "
            f"{comparison.max_abs_diff:.3g}). {hint}"
        )
    return Feedback.ok(
        "call() returns the trained model's probabilities (max |difference| "
        f"{comparison.max_abs_diff:.3g}), and with return_hidden=True also the {hidden.units} "
        "hidden features."
    )


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(4).
EXERCISES = {
    1: (
        check_ch4_ex1,
        "the two layers, called as in the Functional API",
        [
            "In the Functional API a layer is created and called in one go: the first ____ is "
            'layers.Dense(16, activation="tanh"), called on pixels.',
            'The second ____ is layers.Dense(10, activation="softmax"); with the same layer sizes, '
            "set_weights accepts exercise_sequential's weights in order.",
        ],
    ),
    2: (
        check_ch4_ex2,
        "the output of the trained model's hidden layer",
        [
            "A Functional model can end at any tensor of another model's graph, and then shares "
            "that model's layers and weights.",
            'keras.Model(functional.input, functional.get_layer("hidden").output).',
        ],
    ),
    3: (
        check_ch4_ex3,
        "what call() returns",
        [
            "return_hidden is a plain Python argument: an if on it picks what call() returns.",
            "return (probabilities, hidden) if return_hidden else probabilities.",
        ],
    ),
}
