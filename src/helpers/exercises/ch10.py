"""Checkers for chapter 10, "Port the training loop, step for step"."""

import math

import keras
import numpy as np

from helpers.exercises.ch08 import check_ch8_ex2
from helpers.exercises.feedback import Feedback

__all__ = ["check_ch10_ex1", "check_ch10_ex2", "check_ch10_ex3"]

# tf.compat.v1.train.exponential_decay(0.01, global_step, 100, 0.96, staircase=True)
_STEPS = (0, 1, 50, 99, 100, 101, 250, 999, 1000)


def _tf1_rate(step: int, staircase: bool = True) -> float:
    """The TF1 exercise's decayed learning rate at `step` (chapter 10, exercise 1)."""
    exponent = step // 100 if staircase else step / 100
    return 0.01 * 0.96**exponent


def check_ch10_ex1(schedule: keras.optimizers.schedules.LearningRateSchedule) -> Feedback:
    """Chapter 10, exercise 1: tf.train.exponential_decay as a Keras ExponentialDecay schedule."""
    if not isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule):
        raise ValueError(
            "expected a keras.optimizers.schedules.LearningRateSchedule, "
            f"got {type(schedule).__name__}"
        )
    try:
        rates = {step: float(schedule(step)) for step in _STEPS}
    except Exception as error:  # the reader's schedule: report, do not crash
        return Feedback.fail(f"Calling the schedule raised {type(error).__name__}: {error}")
    if not math.isclose(rates[0], 0.01, rel_tol=1e-6):
        return Feedback.fail(
            f"At step 0 the rate is {rates[0]:g}; TF1 starts at its learning_rate, 0.01."
        )
    smooth = all(math.isclose(rates[s], _tf1_rate(s, False), rel_tol=1e-5) for s in _STEPS)
    if smooth and not math.isclose(rates[50], 0.01, rel_tol=1e-6):
        return Feedback.fail(
            f"At step 50 the rate is {rates[50]:.6g}, already decayed: TF1's staircase=True "
            "keeps the rate until step 100, then multiplies it by 0.96 at once."
        )
    for step in _STEPS:
        expected = _tf1_rate(step)
        if not math.isclose(rates[step], expected, rel_tol=1e-5):
            return Feedback.fail(
                f"At step {step} the rate is {rates[step]:.6g}, TF1's is {expected:.6g}: decay "
                "by decay_rate=0.96 every decay_steps=100 steps."
            )
    return Feedback.ok(
        "0.01 until step 99, then 0.0096 from step 100, and 0.01 x 0.96**10 at step 1000, "
        "as in TF1."
    )


def check_ch10_ex2(optimizer: keras.optimizers.Optimizer) -> Feedback:
    """Chapter 10, exercise 2: TF1's AdamOptimizer with clip_by_global_norm, as a Keras Adam."""
    defaults = check_ch8_ex2(optimizer)  # TF1's AdamOptimizer defaults, as in chapter 8
    if not defaults.passed:
        return defaults
    if optimizer.clipnorm is not None:
        return Feedback.fail(
            f"clipnorm={optimizer.clipnorm:g} clips each gradient by its own norm, like "
            "tf.clip_by_norm per gradient; tf.clip_by_global_norm scales all of them together: "
            "global_clipnorm."
        )
    if optimizer.clipvalue is not None:
        return Feedback.fail(
            f"clipvalue={optimizer.clipvalue:g} clips each value; tf.clip_by_global_norm scales "
            "the gradients by their joint norm: global_clipnorm."
        )
    if optimizer.global_clipnorm is None or not math.isclose(optimizer.global_clipnorm, 5.0):
        return Feedback.fail(
            f"global_clipnorm is {optimizer.global_clipnorm}; the TF1 code clips the joint norm "
            "to 5.0."
        )
    return Feedback.ok(
        "Adam(learning_rate=1e-3, epsilon=1e-8, global_clipnorm=5.0): TF1's defaults, and all "
        "gradients scaled together to a joint norm of at most 5."
    )


def check_ch10_ex3(function: object) -> Feedback:
    """Chapter 10, exercise 3: a tf.function with an input_signature that never retraces."""
    tracing_count = getattr(function, "experimental_get_tracing_count", None)
    if tracing_count is None:
        raise ValueError(
            f"expected a function decorated with @tf.function, got {type(function).__name__}"
        )
    if getattr(function, "input_signature", None) is None:
        return Feedback.fail(
            "The function has no input_signature, so every new Python float traces it again: "
            "pass input_signature=[...] to @tf.function."
        )
    before = tracing_count()
    rng = np.random.default_rng(10)
    for rows, rate in ((100, 1e-2), (57, 5e-3), (100, 2.5e-3), (1, 1.0)):
        x = rng.normal(size=(rows, 64)).astype("float32")
        try:
            result = np.asarray(function(x, rate))
        except Exception as error:  # the reader's signature may refuse the input: report it
            first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            return Feedback.fail(
                f"Calling it with a ({rows}, 64) batch and the float {rate} raised "
                f"{type(error).__name__}: {first}. Does the signature allow any number of rows "
                "(None) and a scalar ([]) rate?"
            )
        if result.shape != x.shape or not np.allclose(result, x * np.float32(rate), rtol=1e-6):
            return Feedback.fail(
                f"With a ({rows}, 64) batch and rate {rate} it returned the wrong values: it "
                "should return x * learning_rate."
            )
    traces = tracing_count() - before
    if traces > 1:
        return Feedback.fail(
            f"Four calls traced it {traces} times; with a signature of float32 tensors it "
            "traces once."
        )
    return Feedback.ok(
        "Batches of 100, 57 and 1 rows and four Python floats, and the function traced at most "
        "once: the signature turns the floats into float32 tensors before tracing."
    )


EXERCISES = {
    1: (
        check_ch10_ex1,
        "the decay steps, the decay rate and the staircase flag",
        [
            "ExponentialDecay takes the same arguments as tf.compat.v1.train.exponential_decay, "
            "without the global step: Keras's optimizer passes its own step count.",
            "ExponentialDecay(0.01, decay_steps=100, decay_rate=0.96, staircase=True).",
        ],
    ),
    2: (
        check_ch10_ex2,
        "epsilon and the clipping argument",
        [
            "TF1's AdamOptimizer defaults to epsilon=1e-8. Of clipnorm, clipvalue and "
            "global_clipnorm, one scales all gradients together, as tf.clip_by_global_norm does.",
            "keras.optimizers.Adam(learning_rate=1e-3, epsilon=1e-8, global_clipnorm=5.0).",
        ],
    ),
    3: (
        check_ch10_ex3,
        "the two shapes of the signature",
        [
            "A TensorSpec's shape uses None for a dimension of any size, and [] for a scalar.",
            "tf.TensorSpec([None, 64], tf.float32) for the batch and tf.TensorSpec([], tf.float32) "
            "for the rate.",
        ],
    ),
}
