"""Checkers for chapter 8, "Why does my Keras port train worse?"."""

import math
from collections.abc import Callable

import keras

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch8_ex1", "check_ch8_ex2", "check_ch8_ex3"]

_KEEP_PROBS = (0.5, 0.7, 0.8, 0.9, 1.0)


def check_ch8_ex1(convert: Callable[[float], keras.layers.Layer]) -> Feedback:
    """Chapter 8, exercise 1: a function turning a TF1 keep_prob into the equivalent Keras Dropout layer."""
    if isinstance(convert, keras.layers.Layer) or not callable(convert):
        raise ValueError(f"expected a function keep_prob -> Dropout layer, got {type(convert).__name__}")
    for keep_prob in _KEEP_PROBS:
        try:
            layer = convert(keep_prob)
        except Exception as error:  # the reader's code: report, do not crash
            return Feedback.fail(f"convert({keep_prob}) raised {type(error).__name__}: {error}")
        if not isinstance(layer, keras.layers.Dropout):
            return Feedback.fail(
                f"convert({keep_prob}) returned {type(layer).__name__}, not a keras.layers.Dropout layer."
            )
        if math.isclose(layer.rate, keep_prob) and keep_prob != 0.5:
            return Feedback.fail(
                f"convert({keep_prob}) gives Dropout(rate={layer.rate:g}): you passed the keep probability, "
                "but Keras's rate is the fraction of units dropped."
            )
        if not math.isclose(layer.rate, 1.0 - keep_prob, abs_tol=1e-9):
            return Feedback.fail(
                f"convert({keep_prob}) gives Dropout(rate={layer.rate:g}); TF1 keeps {keep_prob:g} of the units, "
                f"so Keras must drop {1 - keep_prob:g}."
            )
    return Feedback.ok("rate = 1 - keep_prob for every keep probability tried, including 1.0 (no dropout).")


_TF1_ADAM = {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}


def check_ch8_ex2(optimizer: keras.optimizers.Optimizer) -> Feedback:
    """Chapter 8, exercise 2: a Keras Adam with the defaults of tf.compat.v1.train.AdamOptimizer."""
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise ValueError(f"expected a keras.optimizers.Optimizer instance, got {type(optimizer).__name__}")
    if not isinstance(optimizer, keras.optimizers.Adam):
        return Feedback.fail(f"This is {type(optimizer).__name__}; AdamOptimizer's counterpart is keras.optimizers.Adam.")
    for name, expected in _TF1_ADAM.items():
        value = float(getattr(optimizer, name))  # learning_rate is a Variable; float() reads it
        if not math.isclose(value, expected, rel_tol=1e-6):
            return Feedback.fail(
                f"{name} is {value:g} but AdamOptimizer's default is {expected:g}"
                + (": Keras's own default epsilon is 1e-7, ten times TF1's." if name == "epsilon" else ".")
            )
    if optimizer.amsgrad:
        return Feedback.fail("amsgrad is on; TF1's AdamOptimizer has no AMSGrad variant, so leave it off.")
    return Feedback.ok("learning_rate 1e-3, beta_1 0.9, beta_2 0.999 and epsilon 1e-8, as in TF1.")


def check_ch8_ex3(layer: keras.layers.Layer) -> Feedback:
    """Chapter 8, exercise 3: a Dense layer initialised as the TF1 code did (Glorot-uniform weights, N(0, 1) biases)."""
    if not isinstance(layer, keras.layers.Layer):
        raise ValueError(f"expected a keras Dense layer, got {type(layer).__name__}")
    if not isinstance(layer, keras.layers.Dense):
        return Feedback.fail(f"This is a {type(layer).__name__} layer; the TF1 layer was a matmul plus bias: Dense.")
    kernel = layer.kernel_initializer
    glorot = isinstance(kernel, keras.initializers.VarianceScaling) and (
        (kernel.scale, kernel.mode, kernel.distribution) == (1.0, "fan_avg", "uniform")
    )
    if not glorot:
        return Feedback.fail(
            f"The kernel initializer is {type(kernel).__name__}; a uniform range of sqrt(6 / (fan_in + fan_out)) "
            "is what GlorotUniform draws."
        )
    bias = layer.bias_initializer
    if not isinstance(bias, keras.initializers.RandomNormal):
        return Feedback.fail(
            f"The bias initializer is {type(bias).__name__}; tf.random_normal(shape) draws from a normal distribution."
        )
    if not (math.isclose(bias.mean, 0.0, abs_tol=1e-12) and math.isclose(bias.stddev, 1.0)):
        return Feedback.fail(
            f"RandomNormal has mean {bias.mean:g} and stddev {bias.stddev:g}; tf.random_normal defaults to mean 0 "
            "and stddev 1, while Keras's RandomNormal defaults to stddev 0.05."
        )
    return Feedback.ok("GlorotUniform weights and RandomNormal(stddev=1.0) biases, as the TF1 code drew them.")
