import keras
import pytest
from keras import layers, ops

from helpers.exercises import check_ch5_ex1, check_ch5_ex2, check_ch5_ex3


class Affine(layers.Layer):
    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="beta")

    def call(self, inputs):
        return inputs * self.gamma + self.beta


class AffineInInit(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gamma = self.add_weight(shape=(5,), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(5,), initializer="zeros", name="beta")

    def call(self, inputs):
        return inputs * self.gamma + self.beta


class AffineScalar(Affine):
    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(1,), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(1,), initializer="zeros", name="beta")


class AffineWrongCall(Affine):
    def call(self, inputs):
        return (inputs + self.beta) * self.gamma


def test_ex1_accepts_a_correct_layer():
    feedback = check_ch5_ex1(Affine())
    assert feedback.passed, feedback


@pytest.mark.parametrize(
    "layer, words",
    [
        (AffineInInit(), "in build()"),
        (AffineScalar(), "shape (5,)"),
        (AffineWrongCall(), "inputs * gamma + beta"),
    ],
)
def test_ex1_explains_typical_mistakes(layer, words):
    feedback = check_ch5_ex1(layer)
    assert not feedback.passed and words in feedback.message, feedback


class Counter(layers.Layer):
    def build(self, input_shape):
        self.count = self.add_weight(shape=(), initializer="zeros", trainable=False, name="count")

    def call(self, inputs, training=False):
        if training:
            self.count.assign_add(ops.cast(ops.shape(inputs)[0], self.count.dtype))
        return inputs


class CounterAlways(Counter):
    def call(self, inputs, training=False):
        self.count.assign_add(ops.cast(ops.shape(inputs)[0], self.count.dtype))
        return inputs


class CounterTrainable(Counter):
    def build(self, input_shape):
        self.count = self.add_weight(shape=(), initializer="zeros", name="count")


class CounterOnePerCall(Counter):
    def call(self, inputs, training=False):
        if training:
            self.count.assign_add(4.0)
        return inputs


def test_ex2_accepts_a_correct_layer():
    feedback = check_ch5_ex2(Counter())
    assert feedback.passed, feedback


@pytest.mark.parametrize(
    "layer, words",
    [
        (CounterAlways(), "training=False"),
        (CounterTrainable(), "non-trainable"),
        (CounterOnePerCall(), "not a constant"),
    ],
)
def test_ex2_explains_typical_mistakes(layer, words):
    feedback = check_ch5_ex2(layer)
    assert not feedback.passed and words in feedback.message, feedback


@keras.saving.register_keras_serializable(package="test_ch05")
class Clip(layers.Layer):
    def __init__(self, low, high, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = low, high

    def call(self, inputs):
        return ops.clip(inputs, self.low, self.high)

    def get_config(self):
        return {**super().get_config(), "low": self.low, "high": self.high}


@keras.saving.register_keras_serializable(package="test_ch05")
class ClipNoConfig(Clip):
    def get_config(self):
        return layers.Layer.get_config(self)


class ClipUnregistered(Clip):
    pass


@keras.saving.register_keras_serializable(package="test_ch05")
class ClipDefaultsLost(layers.Layer):
    def __init__(self, low=-1.0, high=1.0, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = low, high

    def call(self, inputs):
        return ops.clip(inputs, self.low, self.high)

    def get_config(self):  # forgets low and high, so a reloaded layer falls back to the defaults
        return layers.Layer.get_config(self)


def test_ex3_accepts_a_correct_layer():
    feedback = check_ch5_ex3(Clip(-0.5, 2.0))
    assert feedback.passed, feedback


@pytest.mark.parametrize(
    "layer, words",
    [
        (layers.Lambda(lambda x: ops.clip(x, -0.5, 2.0)), "Lambda"),
        (ClipUnregistered(-0.5, 2.0), "not registered"),
        (ClipNoConfig(-0.5, 2.0), "every constructor argument"),
    ],
)
def test_ex3_explains_typical_mistakes(layer, words):
    feedback = check_ch5_ex3(layer)
    assert not feedback.passed and words in feedback.message, feedback


def test_ex3_catches_a_config_that_drops_argument_values():
    feedback = check_ch5_ex3(ClipDefaultsLost(-0.5, 2.0))
    assert not feedback.passed and "different outputs" in feedback.message, feedback


@pytest.mark.parametrize("check", [check_ch5_ex1, check_ch5_ex2, check_ch5_ex3])
def test_checkers_reject_a_non_layer(check):
    with pytest.raises(ValueError, match="expects a keras.layers.Layer instance, got int"):
        check(3)
