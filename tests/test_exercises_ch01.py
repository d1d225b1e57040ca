import warnings

import keras
import numpy as np
import pytest
from keras import layers

from helpers import load_digits_split
from helpers.exercises import check_ch1_ex1, check_ch1_ex2, check_ch1_ex3


def _good():
    return keras.Sequential(
        [
            keras.Input((64,)),
            layers.Dense(32, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )


def test_ex1_accepts_the_solution():
    feedback = check_ch1_ex1(_good())
    assert feedback.passed and "2410 parameters" in feedback.message


@pytest.mark.parametrize(
    "model, hint",
    [
        (
            keras.Sequential(
                [layers.Dense(32, activation="relu"), layers.Dense(10, activation="softmax")]
            ),
            "not built",
        ),
        (
            keras.Sequential(
                [
                    keras.Input((8, 8)),
                    layers.Dense(32, activation="relu"),
                    layers.Dense(10, activation="softmax"),
                ]
            ),
            "input shape",
        ),
        (
            keras.Sequential(
                [keras.Input((64,)), layers.Dense(32, activation="relu"), layers.Dense(10)]
            ),
            "'linear'",
        ),
    ],
)
def test_ex1_explains_typical_mistakes(model, hint):
    feedback = check_ch1_ex1(model)
    assert not feedback.passed and hint in feedback.message


def test_ex1_rejects_input_shape_on_a_layer():
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", UserWarning
        )  # Keras warns about input_shape=; the checker must fail too
        first = keras.Sequential(
            [
                layers.Dense(32, activation="relu", input_shape=(64,)),
                layers.Dense(10, activation="softmax"),
            ]
        )
        dim = keras.Sequential(
            [
                layers.Dense(32, activation="relu", input_dim=64),
                layers.Dense(10, activation="softmax"),
            ]
        )
        later = keras.Sequential(
            [
                keras.Input((64,)),
                layers.Dense(32, activation="relu"),
                layers.Dense(10, activation="softmax", input_shape=(32,)),
            ]
        )
    assert first.built and first.count_params() == 2410, "the legacy model is otherwise right"
    for model in (first, dim, later):
        feedback = check_ch1_ex1(model)
        assert (
            not feedback.passed
            and "input_shape=" in feedback.message
            and "keras.Input(shape=(64,))" in feedback.message
        )


def test_ex2_accepts_shared_layers_and_rejects_copies_and_wrong_cut():
    original = _good()
    extractor = keras.Sequential([keras.Input((64,))] + original.layers[:1])
    assert check_ch1_ex2(extractor, original).passed
    copy = keras.Sequential([keras.Input((64,)), layers.Dense(32, activation="relu")])
    assert "new layer" in check_ch1_ex2(copy, original).message
    whole = keras.Sequential([keras.Input((64,))] + original.layers)
    assert "(None, 10)" in check_ch1_ex2(whole, original).message


def test_ex3_accepts_a_trained_model_and_rejects_an_untrained_one():
    (x_train, y_train), (x_test, y_test) = load_digits_split()
    keras.utils.set_random_seed(0)
    model = _good()
    untrained = check_ch1_ex3(model, x_test, y_test)
    assert not untrained.passed and "below 0.93" in untrained.message
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=30, verbose=0)
    assert check_ch1_ex3(model, x_test, y_test).passed
    wrong_head = keras.Sequential([keras.Input((64,)), layers.Dense(3)])
    assert "10 class scores" in check_ch1_ex3(wrong_head, x_test, y_test).message


def test_wrong_types_are_rejected():
    with pytest.raises(ValueError, match="model must be a keras.Sequential, got str"):
        check_ch1_ex1("model")
    with pytest.raises(ValueError, match="original must be a keras.Sequential"):
        check_ch1_ex2(_good(), None)
    with pytest.raises(ValueError, match=r"x_test must be \(n, 64\)"):
        check_ch1_ex3(_good(), np.zeros((3, 8)), np.zeros(3))
