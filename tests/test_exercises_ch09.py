import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers, ops

from helpers.exercises import check_ch9_ex1, check_ch9_ex2, check_ch9_ex3, check_ch9_ex4


# Exercise 1: the question's TF normalisation in keras.ops, batch axis kept.
def _ex1_correct(x):
    x = layers.Flatten()(x)
    shifted = x - ops.min(x)
    return shifted / ops.max(shifted)


def _ex1_old_maximum(x):
    x = layers.Flatten()(x)
    return (x - ops.min(x)) / ops.max(x)


def _ex1_minus_one_reshape(x):
    x = ops.reshape(x, (-1, x.shape[-1]))
    shifted = x - ops.min(x)
    return shifted / ops.max(shifted)


def _ex1_per_sample(x):
    x = layers.Flatten()(x)
    shifted = x - ops.min(x, axis=1, keepdims=True)
    return shifted / ops.max(shifted, axis=1, keepdims=True)


def test_ex1_accepts_the_port():
    feedback = check_ch9_ex1(_ex1_correct)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        (_ex1_old_maximum, "maximum of the shifted tensor"),
        (_ex1_minus_one_reshape, "returns 12 rows instead of 3"),
        (_ex1_per_sample, "one minimum and one maximum over the whole batch"),
        (lambda x: ops.reshape(x, (-1, 10)), "should give (6, 5), got (3, 10)"),
        (
            lambda x: ops.reshape(x, (-1, 4)),
            "raised InvalidArgumentError: Input to reshape is a tensor with 30 values",
        ),
    ],
)
def test_ex1_explains_wrong_answers(answer, hint):
    feedback = check_ch9_ex1(answer)
    assert not feedback.passed and hint in feedback.message, feedback.message


# Exercise 2: a global max pooling head.
def test_ex2_accepts_global_max_pooling():
    assert check_ch9_ex2(layers.GlobalMaxPooling2D()).passed
    assert check_ch9_ex2(lambda x: ops.max(x, axis=(1, 2))).passed


@pytest.mark.parametrize(
    "answer, hint",
    [
        (layers.GlobalAveragePooling2D(), "You average over the positions"),
        (layers.Flatten(), "should give (4, 6), got (4, 54)"),
        (lambda x: tf.reshape(x, (-1, 6)), "should give (4, 6), got (36, 6)"),
        (
            keras.Sequential([keras.Input((1, 1, 6)), layers.Reshape((6,))]),
            "must accept any height and width",
        ),
        (lambda x: ops.min(x, axis=(1, 2)), "not the maximum over the positions"),
    ],
)
def test_ex2_explains_wrong_answers(answer, hint):
    feedback = check_ch9_ex2(answer)
    assert not feedback.passed and hint in feedback.message, feedback.message


# Exercise 3: per-sample, per-channel scaling with an epsilon.
def _scale(x, axes, epsilon=1e-6):
    shifted = x - ops.min(x, axis=axes, keepdims=True)
    value_range = ops.max(shifted, axis=axes, keepdims=True)
    return shifted / (ops.maximum(value_range, epsilon) if epsilon else value_range)


def test_ex3_accepts_per_sample_per_channel_scaling():
    assert check_ch9_ex3(lambda x: _scale(x, (1, 2))).passed
    assert check_ch9_ex3(layers.Lambda(lambda x: _scale(x, (1, 2)))).passed


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda x: _scale(x, (1, 2), epsilon=0), "constant input gives NaN"),
        (lambda x: _scale(x, (0, 1, 2)), "leave axis 0 (the batch) out"),
        (lambda x: _scale(x, (1, 2, 3)), "reduce over the height and width axes (1, 2) only"),
        (layers.Flatten(), "should be the input shape"),
        (lambda x: x.no_such_method(), "raised AttributeError"),
    ],
)
def test_ex3_explains_wrong_answers(answer, hint):
    feedback = check_ch9_ex3(answer)
    assert not feedback.passed and hint in feedback.message, feedback.message


@pytest.mark.parametrize("checker", [check_ch9_ex1, check_ch9_ex2, check_ch9_ex3])
def test_checkers_reject_what_cannot_be_called(checker):
    with pytest.raises(ValueError, match="must be a callable .* got ndarray"):
        checker(np.zeros((2, 2)))


# Exercise 4: tf.while_loop ported to ops.while_loop.
def _ex4_correct(x):
    return ops.while_loop(
        lambda i, t: ops.max(ops.abs(t)) > 1.0,
        lambda i, t: (i + 1, t / 2),
        (ops.zeros((), "int32"), x),
    )


def test_ex4_accepts_while_loop():
    feedback = check_ch9_ex4(_ex4_correct)
    assert feedback.passed, feedback


def test_ex4_catches_a_fixed_count():
    feedback = check_ch9_ex4(lambda x: (2, ops.fori_loop(0, 2, lambda i, t: t / 2, x)))
    assert (
        not feedback.passed
        and "whatever the batch" in feedback.message
        and "ops.while_loop" in feedback.message
    )


def test_ex4_catches_greater_or_equal():
    def at_least_one(x):
        return ops.while_loop(
            lambda i, t: ops.max(ops.abs(t)) >= 1.0,
            lambda i, t: (i + 1, t / 2),
            (ops.zeros((), "int32"), x),
        )

    feedback = check_ch9_ex4(at_least_one)
    assert not feedback.passed and "not >= 1" in feedback.message


def test_ex4_catches_a_python_while_loop():
    def python_loop(x):
        count = 0
        while ops.max(ops.abs(x)) > 1.0:  # works eagerly, not on a symbolic tensor
            x, count = x / 2, count + 1
        return count, x

    feedback = check_ch9_ex4(python_loop)
    assert not feedback.passed and "symbolic input" in feedback.message


def test_ex4_catches_a_single_return_value_and_wrong_values():
    only_halved = check_ch9_ex4(lambda x: _ex4_correct(x)[1])
    assert not only_halved.passed and "both loop variables" in only_halved.message
    wrong_values = check_ch9_ex4(lambda x: (_ex4_correct(x)[0], x))
    assert not wrong_values.passed and "x / 2**" in wrong_values.message


def test_ex4_rejects_a_non_callable():
    with pytest.raises(ValueError, match="halve must be a callable"):
        check_ch9_ex4(3)
