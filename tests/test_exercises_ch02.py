import keras
import numpy as np
import pytest
from keras import layers

from helpers.exercises import check_ch2_ex1, check_ch2_ex2, check_ch2_ex3


def _two_outputs(rating_activation="sigmoid", genre_units=5, rating_name="rating", title_shape=(10,)):
    title = keras.Input(shape=title_shape, dtype="int32", name="title")
    price = keras.Input(shape=(3,), name="price")
    x = layers.Flatten()(layers.Embedding(50, 4)(title))
    x = layers.Concatenate()([x, layers.Dense(4)(price)])
    rating = layers.Dense(1, activation=rating_activation, name=rating_name)(x)
    genre = layers.Dense(genre_units, activation="softmax", name="genre")(x)
    return keras.Model([title, price], [rating, genre])


def test_ex1_accepts_a_correct_model():
    assert check_ch2_ex1(_two_outputs())


@pytest.mark.parametrize(
    "kwargs, hint",
    [
        ({"title_shape": (12,)}, "inputs should be"),
        ({"rating_name": "score"}, "named 'rating'"),
        ({"genre_units": 4}, "(8, 5)"),
        ({"rating_activation": None}, "sigmoid"),
    ],
)
def test_ex1_explains_typical_mistakes(kwargs, hint):
    feedback = check_ch2_ex1(_two_outputs(**kwargs))
    assert not feedback and hint in feedback.message


def _trunk_model():
    tokens = keras.Input(shape=(4,), dtype="int32", name="tokens")
    measurements = keras.Input(shape=(5,), name="measurements")
    numeric = layers.Dense(3, activation="relu", name="numeric_dense")(measurements)
    x = layers.Concatenate(name="concat")([layers.Flatten()(layers.Embedding(10, 2)(tokens)), numeric])
    model = keras.Model([tokens, measurements], layers.Dense(1, name="head")(x))
    rng = np.random.default_rng(1)
    x = {"tokens": rng.integers(0, 10, size=(6, 4)), "measurements": rng.normal(size=(6, 5)).astype("float32")}
    return model, x


def test_ex2_accepts_an_extractor_over_the_trained_layer():
    model, x = _trunk_model()
    extractor = keras.Model(model.inputs, model.get_layer("numeric_dense").output)
    assert check_ch2_ex2(extractor, model, x)


def test_ex2_explains_typical_mistakes():
    model, x = _trunk_model()
    every_layer = keras.Model(model.inputs, [layer.output for layer in model.layers])
    assert "one tensor" in check_ch2_ex2(every_layer, model, x).message
    wrong_layer = keras.Model(model.inputs, model.get_layer("concat").output)
    assert "shape" in check_ch2_ex2(wrong_layer, model, x).message
    fresh = keras.Model(model.inputs, layers.Dense(3, activation="relu")(model.inputs[1]))
    assert "values differ" in check_ch2_ex2(fresh, model, x).message
    one_input = keras.Model(model.inputs[1], model.get_layer("numeric_dense").output)
    assert "same 2 inputs" in check_ch2_ex2(one_input, model, x).message


def _siamese(shared=True, then_dense=False):
    left, right = keras.Input(shape=(8,), name="left"), keras.Input(shape=(8,), name="right")
    first = layers.Dense(4)
    second = first if shared else layers.Dense(4)
    out = layers.Concatenate()([first(left), second(right)])
    if then_dense:
        out = layers.Dense(8)(out)
    return keras.Model([left, right], out)


def test_ex3_accepts_a_shared_dense():
    assert check_ch2_ex3(_siamese())


def test_ex3_explains_typical_mistakes():
    assert "call that same object" in check_ch2_ex3(_siamese(shared=False)).message
    assert "holds 2 Dense layers" in check_ch2_ex3(_siamese(then_dense=True)).message
    left, right = keras.Input(shape=(8,), name="a"), keras.Input(shape=(8,), name="b")
    dense = layers.Dense(4)
    misnamed = keras.Model([left, right], layers.Concatenate()([dense(left), dense(right)]))
    assert "inputs should be" in check_ch2_ex3(misnamed).message
    left, right = keras.Input(shape=(8,), name="left"), keras.Input(shape=(8,), name="right")
    dense = layers.Dense(4)
    summed = keras.Model([left, right], layers.Concatenate()([dense(left), dense(left) + dense(right)]))
    assert "Swapping" in check_ch2_ex3(summed).message


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_ch2_ex1("a model"),
        lambda: check_ch2_ex2(None, _trunk_model()[0], {}),
        lambda: check_ch2_ex2(_trunk_model()[0], _siamese(), {}),
        lambda: check_ch2_ex3([1, 2]),
    ],
)
def test_checkers_reject_arguments_of_the_wrong_type(call):
    with pytest.raises(ValueError, match="must"):
        call()
