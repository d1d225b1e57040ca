import keras
import pytest
from keras import layers, ops

from helpers.exercises import check_ch6_ex1, check_ch6_ex2, check_ch6_ex3, check_ch6_ex4


# Exercise 1: per-sample MAE plus 0.1 * max(y_pred)
def _mae_right(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred), axis=-1) + 0.1 * ops.max(y_pred, axis=-1)


def _mae_no_penalty(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred), axis=-1)


def _mae_abs_max(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred), axis=-1) + 0.1 * ops.max(ops.abs(y_pred), axis=-1)


def _mae_scalar(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred)) + 0.1 * ops.max(y_pred)


def _mae_crashes(y_true, y_pred):
    raise RuntimeError("boom")


def test_ex1_correct():
    feedback = check_ch6_ex1(_mae_right)
    assert feedback and str(feedback).startswith("Correct!")


@pytest.mark.parametrize(
    "fn, hint",
    [
        (_mae_no_penalty, "mean absolute error alone"),
        (_mae_abs_max, "largest |prediction|"),
        (_mae_scalar, "one value per sample"),
        (_mae_crashes, "raised RuntimeError: boom"),
        (lambda t, p: _mae_right(t, p) * 2, "expected"),
    ],
)
def test_ex1_wrong(fn, hint):
    feedback = check_ch6_ex1(fn)
    assert not feedback and hint in feedback.message


def test_ex1_wrong_type():
    with pytest.raises(ValueError, match="expected a loss function"):
        check_ch6_ex1("mae")


# Exercise 2: an L1 activity loss layer
def _l1_layer(formula, returns_input=True, with_config=True):
    class L1(layers.Layer):
        def __init__(self, rate=1e-2, **kwargs):
            super().__init__(**kwargs)
            self.rate = rate

        def call(self, inputs):
            self.add_loss(self.rate * formula(inputs))
            return inputs if returns_input else 2 * inputs

        def get_config(self):
            extra = {"rate": self.rate} if with_config else {}
            return {**super().get_config(), **extra}

    return L1


def test_ex2_correct():
    assert check_ch6_ex2(_l1_layer(lambda x: ops.mean(ops.abs(x))))


@pytest.mark.parametrize(
    "layer_class, hint",
    [
        (_l1_layer(lambda x: ops.sum(ops.abs(x))), "sums |inputs|"),
        (_l1_layer(lambda x: ops.mean(ops.square(x))), "L2"),
        (_l1_layer(lambda x: ops.mean(x)), "expected a loss of"),
        (_l1_layer(lambda x: ops.mean(ops.abs(x)), returns_input=False), "unchanged"),
        (_l1_layer(lambda x: ops.mean(ops.abs(x)), with_config=False), "get_config"),
        (layers.Dense, "raised"),
    ],
)
def test_ex2_wrong(layer_class, hint):
    feedback = check_ch6_ex2(layer_class)
    assert not feedback and hint in feedback.message


@pytest.mark.parametrize(
    "bad", [_l1_layer(lambda x: ops.mean(ops.abs(x)))(0.05), "L1ActivityLoss", int]
)
def test_ex2_wrong_type(bad):
    with pytest.raises(ValueError, match="expected a keras.layers.Layer subclass"):
        check_ch6_ex2(bad)


# Exercise 3: predict the loss train_on_batch reports
def _expected(model, x, y):
    compiled = ops.mean(keras.losses.mean_squared_error(y, model(x, training=True)))
    return float(compiled + ops.sum(ops.stack(model.losses)))


def _compiled_only(model, x, y):
    return float(ops.mean(keras.losses.mean_squared_error(y, model(x))))


def _after_training(model, x, y):
    return model.train_on_batch(x, y)


def test_ex3_correct():
    assert check_ch6_ex3(_expected)


@pytest.mark.parametrize(
    "fn, hint",
    [
        (_compiled_only, "compiled loss alone"),
        (_after_training, "changed the weights"),
        (lambda m, x, y: _expected(m, x, y) + 1.0, "weights before the step"),
        (lambda m, x, y: "not a number", "raised ValueError"),
    ],
)
def test_ex3_wrong(fn, hint):
    feedback = check_ch6_ex3(fn)
    assert not feedback and hint in feedback.message


def test_ex3_wrong_type():
    with pytest.raises(ValueError, match=r"expected a function \(model, x, y\)"):
        check_ch6_ex3(3.0)


# Exercise 4: a Regularizer with get_config
def _regularizer(formula, config=lambda self: {"rate": self.rate}, default=0.01):
    class MeanAbsolute(keras.regularizers.Regularizer):
        def __init__(self, rate=default):
            self.rate = rate

        def __call__(self, weights):
            return self.rate * formula(weights)

    if config is not None:
        MeanAbsolute.get_config = config
    return MeanAbsolute


def test_ex4_correct():
    feedback = check_ch6_ex4(_regularizer(lambda w: ops.mean(ops.abs(w))))
    assert feedback and str(feedback).startswith("Correct!")


def test_ex4_correct_when_registered():
    cls = keras.saving.register_keras_serializable(package="test_ch06")(
        _regularizer(lambda w: ops.mean(ops.abs(w)))
    )
    assert check_ch6_ex4(cls)


@pytest.mark.parametrize(
    "regularizer_class, hint",
    [
        (_regularizer(lambda w: ops.mean(ops.abs(w)), config=None), "no get_config"),
        (
            _regularizer(lambda w: ops.mean(ops.abs(w)), config=lambda self: {}),
            "every constructor argument",
        ),
        (_regularizer(lambda w: ops.sum(ops.abs(w))), "sums |w|"),
        (_regularizer(lambda w: ops.mean(ops.square(w))), "expected a penalty of"),
        (_regularizer(lambda w: 1 / 0), "raised ZeroDivisionError"),
    ],
)
def test_ex4_wrong(regularizer_class, hint):
    feedback = check_ch6_ex4(regularizer_class)
    assert not feedback and hint in feedback.message


@pytest.mark.parametrize("bad", [keras.regularizers.L1(0.05), "MeanAbsolute", keras.layers.Dense])
def test_ex4_wrong_type(bad):
    with pytest.raises(ValueError, match="expected a keras.regularizers.Regularizer subclass"):
        check_ch6_ex4(bad)
