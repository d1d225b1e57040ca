import keras
import numpy as np
import pytest
from keras import layers

from helpers.exercises import check_ch4_ex1, check_ch4_ex2, check_ch4_ex3

X = np.random.default_rng(0).uniform(size=(8, 64)).astype("float32")


def _sequential(activation="tanh", units=16):
    return keras.Sequential(
        [
            keras.Input((64,)),
            layers.Dense(units, activation=activation),
            layers.Dense(10, activation="softmax"),
        ]
    )


def _functional(activation="tanh", units=16):
    inputs = keras.Input((64,))
    hidden = layers.Dense(units, activation=activation, name="hidden")(inputs)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(hidden))


def test_ex1_accepts_a_functional_copy_with_the_weights():
    reference, candidate = _sequential(), _functional()
    candidate.set_weights(reference.get_weights())
    feedback = check_ch4_ex1(reference, candidate, X)
    assert feedback.passed and "1210 parameters" in feedback.message


def test_ex1_explains_typical_mistakes():
    reference = _sequential()
    assert "Copy the weights" in check_ch4_ex1(reference, _functional(), X).message
    wrong_activation = _functional(activation="relu")
    wrong_activation.set_weights(reference.get_weights())
    assert "activation" in check_ch4_ex1(reference, wrong_activation, X).message
    assert "parameters" in check_ch4_ex1(reference, _functional(units=8), X).message
    assert "This is a Sequential model" in check_ch4_ex1(reference, _sequential(), X).message


def test_ex2_accepts_a_shared_extractor_and_rejects_copies_and_wrong_cuts():
    model = _functional(activation="relu", units=32)
    shared = keras.Model(model.inputs, model.get_layer("hidden").output)
    assert check_ch4_ex2(model, shared, X).passed
    copy = _functional(activation="relu", units=32)
    copy.set_weights(model.get_weights())
    copied = keras.Model(copy.inputs, copy.get_layer("hidden").output)
    assert "shares the weights" in check_ch4_ex2(model, copied, X).message
    assert "(8, 32)" in check_ch4_ex2(model, model, X).message
    pre_activation = keras.Model(model.inputs, layers.Dense(32)(model.inputs[0]))
    assert "after ReLU" in check_ch4_ex2(model, pre_activation, X).message


class _Classifier(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(32, activation="relu")
        self.dropout = layers.Dropout(0.2)
        self.classifier = layers.Dense(10, activation="softmax")

    def call(self, inputs, training=None):
        return self.classifier(self.dropout(self.hidden(inputs), training=training))


class _WithFeatures(_Classifier):
    def call(self, inputs, training=None, return_hidden=False):
        hidden = self.hidden(inputs)
        probabilities = self.classifier(self.dropout(hidden, training=training))
        return (probabilities, hidden) if return_hidden else probabilities


class _AlwaysPair(_Classifier):
    def call(self, inputs, training=None, return_hidden=False):
        hidden = self.hidden(inputs)
        return self.classifier(hidden), hidden


class _DropoutFeatures(_Classifier):
    def call(self, inputs, training=None, return_hidden=False):
        hidden = self.dropout(self.hidden(inputs), training=training) * 2.0
        probabilities = self.classifier(hidden)
        return (probabilities, hidden) if return_hidden else probabilities


def _built(model):
    model(keras.Input((64,)))
    return model


def _trained_source():
    """A Sequential model with the same layers as _Classifier, trained for one epoch."""
    keras.utils.set_random_seed(0)
    source = keras.Sequential(
        [
            keras.Input((64,)),
            layers.Dense(32, activation="relu"),
            layers.Dropout(0.2),
            layers.Dense(10, activation="softmax"),
        ]
    )
    source.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    source.fit(X, np.arange(len(X)) % 10, epochs=1, verbose=0)
    return source


def _copied(model, source):
    model = _built(model)
    model.set_weights(source.get_weights())
    return model


def test_ex3_accepts_the_solution_with_the_trained_weights():
    source = _trained_source()
    feedback = check_ch4_ex3(source, _copied(_WithFeatures(), source), X)
    assert feedback.passed and "max |difference| 0" in feedback.message, feedback.message


def test_ex3_rejects_fresh_weights():
    source = _trained_source()
    feedback = check_ch4_ex3(source, _built(_WithFeatures()), X)
    assert not feedback.passed and "Copy the trained weights" in feedback.message, feedback.message


class _SkipsHidden(_WithFeatures):
    def call(self, inputs, training=None, return_hidden=False):
        hidden = self.hidden(inputs)
        probabilities = self.classifier(hidden * 0.5)
        return (probabilities, hidden) if return_hidden else probabilities


def test_ex3_explains_typical_mistakes():
    source = _trained_source()
    assert (
        "does not accept return_hidden"
        in check_ch4_ex3(source, _copied(_Classifier(), source), X).message
    )
    assert "probabilities alone" in check_ch4_ex3(source, _copied(_AlwaysPair(), source), X).message
    assert "after ReLU" in check_ch4_ex3(source, _copied(_DropoutFeatures(), source), X).message
    assert "Build the model first" in check_ch4_ex3(source, _WithFeatures(), X).message
    assert "keras.Model subclass" in check_ch4_ex3(source, _functional(), X).message
    wrong_forward = check_ch4_ex3(source, _copied(_SkipsHidden(), source), X)
    assert "weights are the trained ones" in wrong_forward.message, wrong_forward.message


class _FeaturesAfterDropout(_Classifier):
    def call(self, inputs, training=None, return_hidden=False):
        hidden = self.dropout(self.hidden(inputs), training=training)
        probabilities = self.classifier(hidden)
        return (probabilities, hidden) if return_hidden else probabilities


def test_ex3_rejects_features_taken_after_dropout():
    source = _trained_source()
    model = _copied(_FeaturesAfterDropout(), source)
    seed_state = keras.ops.convert_to_numpy(model.dropout.seed_generator.state)
    feedback = check_ch4_ex3(source, model, X)
    assert str(feedback).startswith("Not yet.") and "With training=True" in feedback.message, (
        feedback
    )
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(model.dropout.seed_generator.state), seed_state
    )


def test_wrong_types_are_rejected():
    with pytest.raises(ValueError, match="reference must be a keras.Model, got str"):
        check_ch4_ex1("model", _functional(), X)
    with pytest.raises(ValueError, match="x must be a non-empty 2-D NumPy batch"):
        check_ch4_ex2(_functional(), _functional(), np.zeros(64, dtype="float32"))
    with pytest.raises(ValueError, match="model must contain a Dense layer"):
        check_ch4_ex2(keras.Sequential([keras.Input((64,)), layers.Dropout(0.1)]), _functional(), X)
    with pytest.raises(ValueError, match="model must be a keras.Model, got NoneType"):
        check_ch4_ex3(_functional(), None, X)
    with pytest.raises(ValueError, match="source must be a keras.Model, got str"):
        check_ch4_ex3("sequential", _built(_WithFeatures()), X)
