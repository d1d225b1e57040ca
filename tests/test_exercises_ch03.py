import keras
import numpy as np
import pytest
from keras import layers

from helpers.exercises import check_ch3_ex1, check_ch3_ex2, check_ch3_ex3, check_ch3_ex4

X = np.random.default_rng(0).uniform(size=(8, 64)).astype("float32")


class _Noisy(keras.Model):
    """Exercise 1: input noise (training) -> Dense(32) -> Dense(10, softmax); `mode` picks a bug."""

    def __init__(self, mode="correct", activation="softmax", **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.seed_generator = keras.random.SeedGenerator(1)
        self.hidden = layers.Dense(32, activation="relu")
        self.classifier = layers.Dense(10, activation=activation)

    def _noise(self, inputs):
        seed = 7 if self.mode == "integer_seed" else self.seed_generator
        return keras.random.normal(keras.ops.shape(inputs), stddev=0.1, seed=seed)

    def call(self, inputs, training=None):
        noisy = {
            "correct": bool(training),
            "integer_seed": bool(training),
            "always": True,  # ignores the flag
            "never": False,  # ignores the flag
            "none_is_training": training is not False,
        }[self.mode]
        if noisy:
            inputs = inputs + self._noise(inputs)
        return self.classifier(self.hidden(inputs))


def _called(model):
    model(X)
    return model


def test_ex1_accepts_the_solution():
    feedback = check_ch3_ex1(_called(_Noisy()), X)
    assert feedback.passed and "2410 parameters" in feedback.message


@pytest.mark.parametrize(
    "model, hint",
    [
        (lambda: _Noisy(), "call it on x_batch"),
        (lambda: _called(_Noisy("always")), "added at inference too"),
        (lambda: _called(_Noisy("never")), "never added"),
        (lambda: _called(_Noisy("none_is_training")), "without the argument"),
        (lambda: _called(_Noisy("integer_seed")), "SeedGenerator"),
        (lambda: _called(_Noisy(activation=None)), "softmax"),
        (
            lambda: keras.Sequential(
                [keras.Input((64,)), layers.GaussianNoise(0.1), layers.Dense(10)]
            ),
            "subclasses keras.Model",
        ),
    ],
)
def test_ex1_explains_typical_mistakes(model, hint):
    feedback = check_ch3_ex1(model(), X)
    assert not feedback.passed and hint in feedback.message, feedback.message


class _ThreeDense(keras.Model):
    """Exercise 2 without a build(): Dense(64) -> Dense(32) -> Dense(10)."""

    def __init__(self, sizes=(64, 32, 10), **kwargs):
        super().__init__(**kwargs)
        self.stack = [layers.Dense(n) for n in sizes]

    def call(self, inputs):
        for dense in self.stack:
            inputs = dense(inputs)
        return inputs


class _BuildsAll(_ThreeDense):
    def build(self, input_shape):
        for dense in self.stack:
            dense.build(input_shape)
            input_shape = dense.compute_output_shape(input_shape)


class _BuildsTwo(_ThreeDense):
    def build(self, input_shape):
        for dense in self.stack[:2]:
            dense.build(input_shape)
            input_shape = dense.compute_output_shape(input_shape)


class _BuildsFromInputShape(_ThreeDense):
    def build(self, input_shape):
        for dense in self.stack:
            dense.build(input_shape)


class _TooSmall(_BuildsAll):
    def __init__(self, **kwargs):
        super().__init__(sizes=(16, 32, 10), **kwargs)


def test_ex2_accepts_a_complete_build_and_explains_partial_or_missing_ones():
    feedback = check_ch3_ex2(_BuildsAll)
    assert feedback.passed and "6 weights (6570 parameters)" in feedback.message
    assert "inherited Model.build()" in check_ch3_ex2(_ThreeDense).message
    assert "created 4 of 6 weights" in check_ch3_ex2(_BuildsTwo).message
    assert "the shape the previous one outputs" in check_ch3_ex2(_BuildsFromInputShape).message
    assert "has 6570" in check_ch3_ex2(_TooSmall).message


@keras.saving.register_keras_serializable(package="test_ch03")
class _Tower(keras.Model):
    def __init__(self, units=(32,), **kwargs):
        super().__init__(**kwargs)
        self.units = tuple(units)
        self.hidden_layers = [layers.Dense(n, activation="relu") for n in self.units]
        self.classifier = layers.Dense(10, activation="softmax")

    def call(self, inputs):
        for dense in self.hidden_layers:
            inputs = dense(inputs)
        return self.classifier(inputs)

    def get_config(self):
        return {**super().get_config(), "units": list(self.units)}


@keras.saving.register_keras_serializable(package="test_ch03")
class _TowerWithoutConfig(_Tower):
    get_config = keras.Model.get_config


class _UnregisteredTower(_Tower):
    pass


def test_ex3_accepts_a_round_trip_and_explains_missing_config_or_registration():
    assert check_ch3_ex3(_called(_Tower(units=(24, 12))), X).passed
    assert (
        "saves the defaults"
        in check_ch3_ex3(_called(_TowerWithoutConfig(units=(24, 12))), X).message
    )
    assert "not registered" in check_ch3_ex3(_called(_UnregisteredTower(units=(24, 12))), X).message


class _Printing(keras.Model):
    """Exercise 4: Dense(16) -> Dense(10, softmax), printing the hidden mean in call() (or not)."""

    def __init__(self, show="print", **kwargs):
        super().__init__(**kwargs)
        self.show = show
        self.hidden = layers.Dense(16, activation="relu")
        self.classifier = layers.Dense(10, activation="softmax")

    def call(self, inputs):
        hidden = self.hidden(inputs)
        if self.show == "print":
            print("hidden mean:", keras.ops.mean(hidden))
        elif self.show == "numpy":
            print("hidden mean:", float(keras.ops.convert_to_numpy(keras.ops.mean(hidden))))
        return self.classifier(hidden)


Y = np.arange(len(X)) % 10


def _printing(show="print", run_eagerly=True, compiled=True):
    model = _called(_Printing(show, name="printing"))
    if compiled:
        model.compile(
            optimizer="adam", loss="sparse_categorical_crossentropy", run_eagerly=run_eagerly
        )
    return model


def test_ex4_accepts_eager_prints_with_or_without_numpy():
    for show in ("print", "numpy"):
        feedback = check_ch3_ex4(_printing(show), X, Y)
        assert feedback.passed and "2 steps" in feedback.message, feedback.message


@pytest.mark.parametrize(
    "model, hint",
    [
        (lambda: _printing(run_eagerly=False), "symbolic tensor"),
        (lambda: _printing("numpy", run_eagerly=False), "needs eager execution"),
        (lambda: _printing("nothing"), "printed nothing"),
        (lambda: _printing(compiled=False), "not compiled"),
        (lambda: _Printing(), "call it on x_batch"),
    ],
)
def test_ex4_explains_typical_mistakes(model, hint):
    feedback = check_ch3_ex4(model(), X, Y)
    assert not feedback.passed and hint in feedback.message, feedback.message


def test_wrong_types_are_rejected():
    with pytest.raises(ValueError, match="model must be a keras.Model, got str"):
        check_ch3_ex1("model", X)
    with pytest.raises(ValueError, match="x must be a non-empty 2-D NumPy batch"):
        check_ch3_ex1(_Noisy(), np.zeros(3))
    with pytest.raises(ValueError, match="expected a keras.Model subclass"):
        check_ch3_ex2(_BuildsAll())
    with pytest.raises(ValueError, match="model must be a keras.Model, got NoneType"):
        check_ch3_ex3(None, X)
    with pytest.raises(ValueError, match="the same length"):
        check_ch3_ex4(_printing(), X, Y[:3])
