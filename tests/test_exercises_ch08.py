import keras
import pytest
from keras import layers

from helpers.exercises.ch08 import check_ch8_ex1, check_ch8_ex2, check_ch8_ex3, check_ch8_ex4


def test_ex1_accepts_one_minus_keep_prob():
    result = check_ch8_ex1(lambda keep_prob: layers.Dropout(1 - keep_prob))
    assert result.passed and repr(result).startswith("Correct! ")


@pytest.mark.parametrize(
    "convert, message",
    [
        (lambda keep_prob: layers.Dropout(keep_prob), "you passed the keep probability"),
        (lambda keep_prob: layers.Dropout(0.3), "Keras must drop 0.5"),
        (lambda keep_prob: layers.Dense(3), "not a keras.layers.Dropout layer"),
        (lambda keep_prob: layers.Dropout(keep_prob / 2), "Dropout(rate=0.25)"),
    ],
)
def test_ex1_rejects_typical_mistakes(convert, message):
    result = check_ch8_ex1(convert)
    assert not result.passed and message in result.message


def test_ex1_reports_an_exception_and_rejects_non_callables():
    def broken(keep_prob):
        raise RuntimeError("boom")

    result = check_ch8_ex1(broken)
    assert not result.passed and "raised RuntimeError: boom" in result.message
    with pytest.raises(
        ValueError, match="expected a function keep_prob -> Dropout layer, got Dropout"
    ):
        check_ch8_ex1(layers.Dropout(0.3))


def test_ex2_accepts_tf1_defaults():
    assert check_ch8_ex2(keras.optimizers.Adam(learning_rate=1e-3, epsilon=1e-8)).passed


@pytest.mark.parametrize(
    "optimizer, message",
    [
        (keras.optimizers.Adam(), "epsilon is 1e-07"),
        (keras.optimizers.Adam(learning_rate=1e-2, epsilon=1e-8), "learning_rate is 0.01"),
        (keras.optimizers.Adam(beta_2=0.99, epsilon=1e-8), "beta_2 is 0.99"),
        (keras.optimizers.Adam(epsilon=1e-8, amsgrad=True), "amsgrad is on"),
        (keras.optimizers.SGD(1e-3), "This is SGD"),
    ],
)
def test_ex2_rejects_typical_mistakes(optimizer, message):
    result = check_ch8_ex2(optimizer)
    assert not result.passed and message in result.message


def test_ex2_rejects_wrong_type():
    with pytest.raises(ValueError, match="expected a keras.optimizers.Optimizer instance, got str"):
        check_ch8_ex2("adam")


def test_ex3_accepts_glorot_uniform_and_unit_normal():
    layer = layers.Dense(
        8,
        kernel_initializer=keras.initializers.GlorotUniform(),
        bias_initializer=keras.initializers.RandomNormal(stddev=1.0),
    )
    assert check_ch8_ex3(layer).passed
    same = layers.Dense(
        8,
        kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_avg", "uniform"),
        bias_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
    )
    assert check_ch8_ex3(same).passed


@pytest.mark.parametrize(
    "layer, message",
    [
        (layers.Dense(8), "The bias initializer is Zeros"),
        (
            layers.Dense(8, bias_initializer="random_normal"),
            "Keras's RandomNormal defaults to stddev 0.05",
        ),
        (
            layers.Dense(8, kernel_initializer="glorot_normal", bias_initializer="random_normal"),
            "GlorotNormal",
        ),
        (
            layers.Dense(8, kernel_initializer=keras.initializers.RandomUniform(-0.1, 0.1)),
            "RandomUniform",
        ),
        (layers.Dropout(0.3), "This is a Dropout layer"),
    ],
)
def test_ex3_rejects_typical_mistakes(layer, message):
    result = check_ch8_ex3(layer)
    assert not result.passed and message in result.message


def test_ex3_rejects_wrong_type():
    with pytest.raises(ValueError, match="expected a keras Dense layer, got str"):
        check_ch8_ex3("dense")


def _ordered(variable, new_value, loss, accuracy):
    import tensorflow as tf

    with tf.control_dependencies([loss, accuracy]):
        return variable.assign(new_value, read_value=False)


def _unordered(variable, new_value, loss, accuracy):
    return variable.assign(new_value, read_value=False)


def _loss_only(variable, new_value, loss, accuracy):
    import tensorflow as tf

    with tf.control_dependencies([loss]):
        return variable.assign(new_value, read_value=False)


def _wrong_value(variable, new_value, loss, accuracy):
    import tensorflow as tf

    with tf.control_dependencies([loss, accuracy]):
        return variable.assign(new_value + 1.0, read_value=False)


def _grouped_outside(variable, new_value, loss, accuracy):
    import tensorflow as tf

    assign = variable.assign(new_value, read_value=False)
    with tf.control_dependencies([loss, accuracy]):
        return tf.group(assign)


def _grouped_inside(variable, new_value, loss, accuracy):
    import tensorflow as tf

    with tf.control_dependencies([loss, accuracy]):
        return tf.group(variable.assign(new_value, read_value=False))


def _raises(variable, new_value, loss, accuracy):
    raise RuntimeError("boom")


@pytest.mark.parametrize("make_update", [_ordered, _grouped_inside])
def test_ex4_accepts_an_update_inside_control_dependencies(make_update):
    feedback = check_ch8_ex4(make_update)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize(
    "make_update, message",
    [
        (_unordered, "does not wait for the loss"),
        (_loss_only, "does not wait for the accuracy"),
        (_wrong_value, "does not hold new_value"),
        (_grouped_outside, "assignment does not wait for the loss"),
        (lambda variable, new_value, loss, accuracy: loss.op, "assigns nothing"),
        (_raises, "raised RuntimeError: boom"),
        (lambda variable, new_value, loss, accuracy: 3, "returned int"),
    ],
)
def test_ex4_rejects_typical_mistakes(make_update, message):
    feedback = check_ch8_ex4(make_update)
    assert not feedback.passed and message in feedback.message, feedback.message


def test_ex4_rejects_a_non_callable():
    with pytest.raises(ValueError, match="expected a function"):
        check_ch8_ex4("not a function")
