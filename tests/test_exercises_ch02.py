import keras
import numpy as np
import pytest
from keras import layers

from helpers.exercises import (
    check_ch2_ex1,
    check_ch2_ex2,
    check_ch2_ex3,
    check_ch2_ex4,
    check_ch2_ex5,
)


def _two_outputs(
    rating_activation="sigmoid", genre_units=5, rating_name="rating", title_shape=(10,)
):
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
    x = layers.Concatenate(name="concat")(
        [layers.Flatten()(layers.Embedding(10, 2)(tokens)), numeric]
    )
    model = keras.Model([tokens, measurements], layers.Dense(1, name="head")(x))
    rng = np.random.default_rng(1)
    x = {
        "tokens": rng.integers(0, 10, size=(6, 4)),
        "measurements": rng.normal(size=(6, 5)).astype("float32"),
    }
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
    summed = keras.Model(
        [left, right], layers.Concatenate()([dense(left), dense(left) + dense(right)])
    )
    assert "Swapping" in check_ch2_ex3(summed).message


def _fine_tune_setup(pretrain=True):
    keras.utils.set_random_seed(0)
    encoder_input = keras.Input(shape=(6,))
    encoder = keras.Model(
        encoder_input, layers.Dense(4, activation="relu")(encoder_input), name="encoder"
    )
    inputs = keras.Input(shape=(6,))
    model = keras.Model(inputs, layers.Dense(2, activation="softmax", name="head")(encoder(inputs)))
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 6)).astype("float32"), rng.integers(0, 2, size=64)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    if pretrain:
        model.fit(x, y, epochs=1, verbose=0)
    return model, encoder, x, y


def _fine_tune(freeze=True, recompile=True, fit=True, pretrain=True):
    model, encoder, x, y = _fine_tune_setup(pretrain)
    encoder.trainable = not freeze
    if recompile:
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = encoder.get_weights()
    if fit:
        model.fit(x, y, epochs=1, verbose=0)
    return model, encoder, before


def test_ex4_accepts_freeze_recompile_fit():
    feedback = check_ch2_ex4(*_fine_tune())
    assert feedback and "2 weight tensors of the head" in feedback.message


@pytest.mark.parametrize(
    "kwargs, hint",
    [
        ({"freeze": False}, "still trainable"),
        (
            {"recompile": False},
            "weights changed during fit",
        ),  # the named mistake: fit kept its old train step
        ({"recompile": False, "pretrain": False}, "compiled while the encoder was trainable"),
        ({"fit": False}, "not trained since"),
    ],
)
def test_ex4_explains_typical_mistakes(kwargs, hint):
    feedback = check_ch2_ex4(*_fine_tune(**kwargs))
    assert not feedback and hint in feedback.message


def test_ex4_rejects_bad_arguments():
    model, encoder, before = _fine_tune()
    with pytest.raises(ValueError, match="encoder_before must be a list"):
        check_ch2_ex4(model, encoder, "weights")
    with pytest.raises(ValueError, match="shapes"):
        check_ch2_ex4(model, encoder, before[:1])
    with pytest.raises(ValueError, match="does not hold"):
        check_ch2_ex4(model, layers.Dense(3), before)


def _residual(shortcut="input", units=8):
    inputs = keras.Input(shape=(8,))
    hidden = layers.Dense(16, activation="relu")(inputs)
    branch = layers.Dense(units)(hidden)
    if shortcut == "input":
        return keras.Model(inputs, layers.Add()([inputs, branch]))
    if shortcut == "branch":
        return keras.Model(inputs, layers.Add()([branch, branch]))
    return keras.Model(inputs, branch)


def test_ex5_accepts_a_residual_block():
    feedback = check_ch2_ex5(_residual())
    assert feedback and "1 Add layer" in feedback.message


def test_ex5_explains_typical_mistakes():
    assert (
        "shortcut is missing" in check_ch2_ex5(_residual(shortcut=None)).message
    )  # the named mistake
    assert "shortcut is missing" in check_ch2_ex5(_residual(shortcut="branch")).message
    assert "end with 8 units" in check_ch2_ex5(_residual(shortcut=None, units=4)).message
    inputs = keras.Input(shape=(8,))
    assert (
        "no weights"
        in check_ch2_ex5(keras.Model(inputs, layers.Activation("linear")(inputs))).message
    )
    wide = keras.Input(shape=(6,))
    assert "(None, 8)" in check_ch2_ex5(keras.Model(wide, layers.Dense(8)(wide))).message


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_ch2_ex1("a model"),
        lambda: check_ch2_ex2(None, _trunk_model()[0], {}),
        lambda: check_ch2_ex2(_trunk_model()[0], _siamese(), {}),
        lambda: check_ch2_ex3([1, 2]),
        lambda: check_ch2_ex4("model", None, []),
        lambda: check_ch2_ex5(None),
    ],
)
def test_checkers_reject_arguments_of_the_wrong_type(call):
    with pytest.raises(ValueError, match="must"):
        call()
