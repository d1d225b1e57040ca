"""Checkers for chapter 8, "Why does my Keras port train worse?"."""

import math
from collections.abc import Callable

import keras
import numpy as np

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch8_ex1", "check_ch8_ex2", "check_ch8_ex3", "check_ch8_ex4"]

_KEEP_PROBS = (0.5, 0.7, 0.8, 0.9, 1.0)


def check_ch8_ex1(convert: Callable[[float], keras.layers.Layer]) -> Feedback:
    """Chapter 8, exercise 1: turning a TF1 keep_prob into the equivalent Keras Dropout layer."""
    if isinstance(convert, keras.layers.Layer) or not callable(convert):
        raise ValueError(
            f"expected a function keep_prob -> Dropout layer, got {type(convert).__name__}"
        )
    for keep_prob in _KEEP_PROBS:
        try:
            layer = convert(keep_prob)
        except Exception as error:  # the reader's code: report, do not crash
            return Feedback.fail(f"convert({keep_prob}) raised {type(error).__name__}: {error}")
        if not isinstance(layer, keras.layers.Dropout):
            return Feedback.fail(
                f"convert({keep_prob}) returned {type(layer).__name__}, not a keras.layers.Dropout "
                "layer."
            )
        if math.isclose(layer.rate, keep_prob) and keep_prob != 0.5:
            return Feedback.fail(
                f"convert({keep_prob}) gives Dropout(rate={layer.rate:g}): you passed the keep "
                "probability, but Keras's rate is the fraction of units dropped."
            )
        if not math.isclose(layer.rate, 1.0 - keep_prob, abs_tol=1e-9):
            return Feedback.fail(
                f"convert({keep_prob}) gives Dropout(rate={layer.rate:g}); TF1 keeps {keep_prob:g} "
                f"of the units, so Keras must drop {1 - keep_prob:g}."
            )
    return Feedback.ok(
        "rate = 1 - keep_prob for every keep probability tried, including 1.0 (no dropout)."
    )


_TF1_ADAM = {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}


def check_ch8_ex2(optimizer: keras.optimizers.Optimizer) -> Feedback:
    """Chapter 8, exercise 2: a Keras Adam with the defaults of tf.compat.v1.train.AdamOptimizer."""
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise ValueError(
            f"expected a keras.optimizers.Optimizer instance, got {type(optimizer).__name__}"
        )
    if not isinstance(optimizer, keras.optimizers.Adam):
        return Feedback.fail(
            f"This is {type(optimizer).__name__}; AdamOptimizer's counterpart is "
            "keras.optimizers.Adam."
        )
    for name, expected in _TF1_ADAM.items():
        value = float(getattr(optimizer, name))  # learning_rate is a Variable; float() reads it
        if not math.isclose(value, expected, rel_tol=1e-6):
            return Feedback.fail(
                f"{name} is {value:g} but AdamOptimizer's default is {expected:g}"
                + (
                    ": Keras's own default epsilon is 1e-7, ten times TF1's."
                    if name == "epsilon"
                    else "."
                )
            )
    if optimizer.amsgrad:
        return Feedback.fail(
            "amsgrad is on; TF1's AdamOptimizer has no AMSGrad variant, so leave it off."
        )
    return Feedback.ok("learning_rate 1e-3, beta_1 0.9, beta_2 0.999 and epsilon 1e-8, as in TF1.")


def check_ch8_ex3(layer: keras.layers.Layer) -> Feedback:
    """Chapter 8, exercise 3: a Dense layer with TF1's Glorot-uniform weights and N(0, 1) biases."""
    if not isinstance(layer, keras.layers.Layer):
        raise ValueError(f"expected a keras Dense layer, got {type(layer).__name__}")
    if not isinstance(layer, keras.layers.Dense):
        return Feedback.fail(
            f"This is a {type(layer).__name__} layer; the TF1 layer was a matmul plus bias: Dense."
        )
    kernel = layer.kernel_initializer
    glorot = isinstance(kernel, keras.initializers.VarianceScaling) and (
        (kernel.scale, kernel.mode, kernel.distribution) == (1.0, "fan_avg", "uniform")
    )
    if not glorot:
        return Feedback.fail(
            f"The kernel initializer is {type(kernel).__name__}; a uniform range of sqrt(6 / "
            "(fan_in + fan_out)) is what GlorotUniform draws."
        )
    bias = layer.bias_initializer
    if not isinstance(bias, keras.initializers.RandomNormal):
        return Feedback.fail(
            f"The bias initializer is {type(bias).__name__}; tf.random_normal(shape) draws from a "
            "normal distribution."
        )
    if not (math.isclose(bias.mean, 0.0, abs_tol=1e-12) and math.isclose(bias.stddev, 1.0)):
        return Feedback.fail(
            f"RandomNormal has mean {bias.mean:g} and stddev {bias.stddev:g}; tf.random_normal "
            "defaults to mean 0 and stddev 1, while Keras's RandomNormal defaults to stddev 0.05."
        )
    return Feedback.ok(
        "GlorotUniform weights and RandomNormal(stddev=1.0) biases, as the TF1 code drew them."
    )


_ASSIGN_TYPES = {
    "AssignVariableOp",
    "AssignSubVariableOp",
    "AssignAddVariableOp",
    "Assign",
    "AssignSub",
    "AssignAdd",
}


def _ancestors(op: object) -> set:
    """Every op that `op` waits for, through data and control edges."""
    seen, todo = set(), [op]
    while todo:
        current = todo.pop()
        for parent in [tensor.op for tensor in current.inputs] + list(current.control_inputs):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def check_ch8_ex4(make_update: Callable) -> Feedback:
    """Chapter 8, exercise 4: a TF1 update op that waits for loss and accuracy, as Keras 2 did."""
    if not callable(make_update):
        raise ValueError(
            "expected a function (variable, new_value, loss, accuracy) -> op, got "
            f"{type(make_update).__name__}"
        )
    import tensorflow as tf

    with tf.Graph().as_default(), tf.compat.v1.Session() as session:
        x = tf.constant(np.linspace(-1.0, 1.0, 24, dtype="float32").reshape(6, 4))
        labels = tf.constant([0, 1, 2, 0, 1, 2])
        w = tf.compat.v1.get_variable("w", [4, 3], initializer=tf.compat.v1.zeros_initializer())
        logits = tf.matmul(x, w)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        )
        predicted = tf.argmax(logits, 1, output_type=tf.int32)
        accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, labels), tf.float32))
        new_w = w - 2.0 * tf.gradients(loss, w)[0]
        try:
            update = make_update(w, new_w, loss, accuracy)
        except Exception as error:  # the reader's code: report, do not crash
            return Feedback.fail(f"make_update raised {type(error).__name__}: {error}")
        op = getattr(update, "op", update)
        if not isinstance(op, tf.Operation):
            return Feedback.fail(
                f"make_update returned {type(update).__name__}; return the op that assigns "
                "new_value."
            )
        assigns = [o for o in {op} | _ancestors(op) if o.type in _ASSIGN_TYPES]
        if not assigns:
            return Feedback.fail(
                "The op you returned assigns nothing: return variable.assign(new_value, ...)."
            )
        for assign in assigns:
            waits = _ancestors(assign)
            for name, tensor in (("loss", loss), ("accuracy", accuracy)):
                if tensor.op not in waits:
                    return Feedback.fail(
                        f"The assignment does not wait for the {name}: create it inside "
                        "tf.control_dependencies([loss, accuracy]), after new_value is built."
                    )
        session.run(tf.compat.v1.global_variables_initializer())
        expected = session.run(new_w)
        session.run(update)
        if not np.allclose(session.run(w), expected, rtol=1e-6, atol=1e-7):
            return Feedback.fail(
                "After running the op, the variable does not hold new_value: assign new_value "
                "itself."
            )
    return Feedback.ok("the assignment waits for the loss and the accuracy, and assigns new_value.")


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(8).
EXERCISES = {
    1: (
        check_ch8_ex1,
        "Keras's rate for this keep_prob",
        [
            "keep_prob is the fraction of units TF1 keeps; Keras's Dropout(rate) takes the "
            "fraction it drops.",
            "layers.Dropout(rate=1.0 - keep_prob); keep_prob=1.0 gives rate 0, a layer that "
            "drops nothing.",
        ],
    ),
    2: (
        check_ch8_ex2,
        "TF1's defaults",
        [
            "tf.compat.v1.train.AdamOptimizer's defaults are learning_rate=0.001, beta1=0.9, "
            "beta2=0.999 and epsilon=1e-08; Keras's epsilon default is 1e-7.",
            "keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8).",
        ],
    ),
    3: (
        check_ch8_ex3,
        "the two Keras initialisers",
        [
            "Uniform in +-sqrt(6 / (fan_in + fan_out)) is Glorot uniform, and tf.random_normal's "
            "defaults are mean 0 and stddev 1.",
            "kernel_initializer=keras.initializers.GlorotUniform() and "
            "bias_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0).",
        ],
    ),
    4: (
        check_ch8_ex4,
        "the block that makes the assignment wait",
        [
            "In a TF1 graph, the ops created inside a `with tf.control_dependencies([...]):` "
            "block run only after the tensors listed.",
            "with tf.control_dependencies([loss, accuracy]): return variable.assign(new_value, "
            "read_value=False). new_value was built before the block, so only the assignment "
            "waits.",
        ],
    ),
}
