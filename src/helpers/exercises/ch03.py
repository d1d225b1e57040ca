"""Checkers for the exercises of chapter 3 (subclassed models)."""

import contextlib
import io
import os
import tempfile

import keras
import numpy as np

from helpers.capture import recorded_warnings
from helpers.compare import compare_arrays
from helpers.exercises.arguments import require_batch, require_instance
from helpers.exercises.feedback import Feedback

__all__ = ["check_ch3_ex1", "check_ch3_ex2", "check_ch3_ex3", "check_ch3_ex4"]


def _subclass_problem(model: keras.Model) -> str | None:
    """Why ``model`` is not a subclassed model, or None if it is one (chapter 3 checkers)."""
    if isinstance(model, keras.Sequential) or type(model).__name__ == "Functional":
        return (
            f"This is a {type(model).__name__} model; write a class that subclasses keras.Model "
            "and defines call()."
        )
    if not model.built or not model.weights:
        return "The model has no weights yet: call it on x_batch once before checking it."
    return None


def check_ch3_ex1(model: keras.Model, x: np.ndarray) -> Feedback:
    """Chapter 3, exercise 1: a subclassed classifier; call() adds input noise only in training."""
    model, x = require_instance(model, keras.Model, "model"), require_batch(x)
    problem = _subclass_problem(model)
    if problem:
        return Feedback.fail(problem)
    inference = keras.ops.convert_to_numpy(model(x, training=False))
    if inference.shape != (len(x), 10):
        return Feedback.fail(
            f"The output has shape {inference.shape}; expected ({len(x)}, 10), one column per "
            "digit."
        )
    if not np.allclose(inference.sum(axis=-1), 1.0, atol=1e-4):
        return Feedback.fail(
            "The rows do not sum to 1: give the last Dense layer activation='softmax'."
        )
    if compare_arrays(inference, model(x, training=False), atol=0.0).max_abs_diff != 0.0:
        return Feedback.fail(
            "Two calls with training=False differ: the noise is added at inference too. "
            "Accept `training` in call() and add the noise only when it is True."
        )
    if compare_arrays(inference, model(x), atol=0.0).max_abs_diff != 0.0:
        return Feedback.fail(
            "A call without the argument adds noise: there `training` is None (or your default), "
            "which must mean inference. Test `if training:`, not `if training is not False:`."
        )
    first, second = model(x, training=True), model(x, training=True)
    if compare_arrays(inference, first).close:
        return Feedback.fail(
            "training=True gives the same outputs as training=False: the noise is never added. "
            "Branch on `training` in call() and add keras.random.normal noise in that branch."
        )
    if compare_arrays(first, second, atol=0.0).max_abs_diff == 0.0:
        return Feedback.fail(
            "Two calls with training=True add the same noise: an integer seed repeats the draw. "
            "Create a keras.random.SeedGenerator in __init__() and pass it as the seed."
        )
    expected = x.shape[1] * 32 + 32 + 32 * 10 + 10
    if model.count_params() != expected:
        return Feedback.fail(
            f"The model has {model.count_params()} parameters; Dense(32) then Dense(10) on "
            f"{x.shape[1]} inputs has {expected}."
        )
    return Feedback.ok(
        f"fresh noise in every training call, none at inference or without the argument; "
        f"{expected} parameters."
    )


def check_ch3_ex2(model_class: type) -> Feedback:
    """Chapter 3, exercise 2: a three-Dense Model subclass whose build() creates every weight."""
    if not isinstance(model_class, type) or not issubclass(model_class, keras.Model):
        raise ValueError(f"expected a keras.Model subclass (the class itself), got {model_class!r}")
    try:
        model = model_class()
    except Exception as error:  # the reader's constructor
        return Feedback.fail(
            f"{model_class.__name__}() failed with {type(error).__name__}: give every argument a "
            "default."
        )
    with recorded_warnings() as messages:
        try:
            model.build((None, 64))
        except Exception as error:  # the reader's build()
            return Feedback.fail(f"build((None, 64)) raised {type(error).__name__}: {error}")
    if any("build()" in message for message in messages) or not model.weights:
        return Feedback.fail(
            "build((None, 64)) created no weights: the inherited Model.build() does not run "
            "call(). Define build(self, input_shape) and build each sublayer in it."
        )
    built_weights = len(model.weights)
    try:
        model(np.zeros((2, 64), dtype="float32"))
    except Exception as error:  # a sublayer built for the wrong input size
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return Feedback.fail(
            f"Calling the built model raised {type(error).__name__} ({first_line[:120]}). Build "
            "each layer with the shape the previous one outputs (its compute_output_shape), not "
            "the model's input shape."
        )
    if len(model.weights) != built_weights:
        return Feedback.fail(
            f"build() created {built_weights} of {len(model.weights)} weights; the rest appeared "
            "at the first call. Build every sublayer, feeding each the shape the previous one "
            "outputs."
        )
    expected = 64 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10
    if model.count_params() != expected:
        return Feedback.fail(
            f"The model has {model.count_params()} parameters; Dense(64), Dense(32) then Dense(10) "
            f"on 64 inputs has {expected}."
        )
    return Feedback.ok(
        f"build((None, 64)) created all {built_weights} weights ({expected} parameters) without a "
        "warning."
    )


def check_ch3_ex3(model: keras.Model, x: np.ndarray) -> Feedback:
    """Chapter 3, exercise 3: a registered Model subclass that survives a .keras round trip."""
    model, x = require_instance(model, keras.Model, "model"), require_batch(x)
    problem = _subclass_problem(model)
    if problem:
        return Feedback.fail(problem)
    name = keras.saving.get_registered_name(type(model))
    if keras.saving.get_registered_object(name) is not type(model):
        return Feedback.fail(
            f"{type(model).__name__} is not registered: decorate the class with "
            "@keras.saving.register_keras_serializable(package=...)."
        )
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        try:
            model.save(path)
            with recorded_warnings():  # loading warnings are not the reader's concern here
                reloaded = keras.models.load_model(path)
        except Exception as error:  # what the reader's get_config led to
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            return Feedback.fail(
                f"The round trip failed ({type(error).__name__}: {first_line[:160]}). Does "
                "get_config() return the arguments you passed? Without it, a Model subclass saves "
                "the defaults."
            )
    if reloaded.get_config() != model.get_config():
        return Feedback.fail(
            "The reloaded model's config differs: get_config() must return every __init__ argument."
        )
    comparison = compare_arrays(model(x, training=False), reloaded(x, training=False), atol=0.0)
    if not comparison.close:
        return Feedback.fail(f"The reloaded model gives different outputs ({comparison}).")
    return Feedback.ok(
        f"{name} was saved, reloaded and gives identical outputs ({model.count_params()} "
        "parameters)."
    )


def check_ch3_ex4(model: keras.Model, x: np.ndarray, y: np.ndarray) -> Feedback:
    """Chapter 3, exercise 4: a compiled model whose call() prints a tensor's value per fit step."""
    model, x = require_instance(model, keras.Model, "model"), require_batch(x)
    y = np.asarray(y)
    if len(x) < 2 or len(y) != len(x):
        raise ValueError(
            f"expected x and y with the same length, at least 2, got {len(x)} and {len(y)}"
        )
    problem = _subclass_problem(model)
    if problem:
        return Feedback.fail(problem)
    if not model.compiled:
        return Feedback.fail("The model is not compiled: compile it with an optimizer and a loss.")
    steps = 2
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            model.fit(x, y, batch_size=-(-len(x) // steps), epochs=1, verbose=0)
    except Exception as error:  # what the reader's call() does in a graph
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return Feedback.fail(
            f"fit raised {type(error).__name__} ({first_line[:120]}). Converting a tensor to NumPy "
            "needs eager execution: compile with run_eagerly=True."
        )
    lines = [line for line in printed.getvalue().splitlines() if line.strip()]
    if not lines:
        return Feedback.fail("fit printed nothing: print the tensor inside call().")
    if any('Tensor("' in line or "KerasTensor" in line for line in lines):
        return Feedback.fail(
            f"fit printed {len(lines)} line(s) showing a symbolic tensor, not values: fit ran "
            "call() as a graph and print() ran only while tracing. Compile with run_eagerly=True."
        )
    if len(lines) < steps:
        return Feedback.fail(
            f"fit ran {steps} steps but printed {len(lines)} line(s); print in call()."
        )
    return Feedback.ok(
        f"fit ran {steps} steps eagerly and printed values on each ({len(lines)} lines)."
    )


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(3).
EXERCISES = {
    1: (
        check_ch3_ex1,
        "the test for training and the noise to add",
        [
            "keras.random.normal(shape, stddev=..., seed=...) draws the noise; pass the "
            "SeedGenerator as the seed, so that each call draws fresh noise.",
            "Branch with `if training:` (None and False both mean inference) and add "
            "keras.random.normal(ops.shape(inputs), stddev=self.stddev, seed=self.seed_generator).",
        ],
    ),
    2: (
        check_ch3_ex2,
        "the method that builds a layer, and the shape it returns",
        [
            "A layer's build(shape) creates its weights; its compute_output_shape(shape) says "
            "the shape it returns, which the next layer receives.",
            "The first ____ is dense.build, called with the shape; the second is "
            "dense.compute_output_shape(shape).",
        ],
    ),
    3: (
        check_ch3_ex3,
        "the config that rebuilds the model",
        [
            "get_config returns everything __init__ needs: the base class's config (name, "
            "trainable, dtype) and the units.",
            'return {**super().get_config(), "units": list(self.units)}; the decorator '
            "registers the class, so that load_model finds it.",
        ],
    ),
    4: (
        check_ch3_ex4,
        "the printed number and the compile argument that runs fit's steps eagerly",
        [
            "Inside fit's traced step a tensor has no value, so print shows a symbolic tensor. "
            "Convert it with ops.convert_to_numpy, and make fit run each step eagerly.",
            "Print float(ops.convert_to_numpy(ops.max(hidden))) and compile with run_eagerly=True.",
        ],
    ),
}
