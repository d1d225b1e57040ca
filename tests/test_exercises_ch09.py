import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers, ops

from helpers.exercises import check_ch9_ex1, check_ch9_ex2, check_ch9_ex3


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
        (lambda x: ops.reshape(x, (-1, 4)), "raised InvalidArgumentError: Input to reshape is a tensor with 30 values"),
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
        (keras.Sequential([keras.Input((1, 1, 6)), layers.Reshape((6,))]), "must accept any height and width"),
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
