import keras
import pytest
import tensorflow as tf

from helpers.exercises.ch10 import check_ch10_ex1, check_ch10_ex2, check_ch10_ex3

ExponentialDecay = keras.optimizers.schedules.ExponentialDecay


def test_ex1_accepts_the_staircase_schedule():
    result = check_ch10_ex1(ExponentialDecay(0.01, 100, 0.96, staircase=True))
    assert result.passed and repr(result).startswith("Correct! ")


@pytest.mark.parametrize(
    "schedule, message",
    [
        (ExponentialDecay(0.01, 100, 0.96), "keeps the rate until step 100"),
        (ExponentialDecay(0.1, 100, 0.96, staircase=True), "At step 0 the rate is 0.1"),
        (ExponentialDecay(0.01, 10, 0.96, staircase=True), "At step 50 the rate is"),
        (ExponentialDecay(0.01, 100, 0.9, staircase=True), "At step 100 the rate is"),
        (keras.optimizers.schedules.PiecewiseConstantDecay([100], [0.01, 0.0096]), "step 100 "),
    ],
)
def test_ex1_rejects_typical_mistakes(schedule, message):
    result = check_ch10_ex1(schedule)
    assert not result.passed and message in result.message, result.message


def test_ex1_reports_a_failing_schedule_and_refuses_other_types():
    class Broken(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            raise RuntimeError("boom")

    result = check_ch10_ex1(Broken())
    assert not result.passed and "raised RuntimeError: boom" in result.message
    with pytest.raises(ValueError, match="LearningRateSchedule, got float"):
        check_ch10_ex1(0.01)


def test_ex2_accepts_global_clipnorm_with_tf1_epsilon():
    optimizer = keras.optimizers.Adam(learning_rate=1e-3, epsilon=1e-8, global_clipnorm=5.0)
    assert check_ch10_ex2(optimizer).passed


@pytest.mark.parametrize(
    "optimizer, message",
    [
        (keras.optimizers.Adam(epsilon=1e-8, clipnorm=5.0), "clips each gradient by its own norm"),
        (keras.optimizers.Adam(epsilon=1e-8, clipvalue=5.0), "clips each value"),
        (keras.optimizers.Adam(global_clipnorm=5.0), "epsilon is 1e-07"),
        (keras.optimizers.Adam(epsilon=1e-8), "global_clipnorm is None"),
        (keras.optimizers.Adam(epsilon=1e-8, global_clipnorm=1.0), "global_clipnorm is 1.0"),
        (keras.optimizers.Adam(1e-2, epsilon=1e-8, global_clipnorm=5.0), "learning_rate is 0.01"),
        (keras.optimizers.SGD(1e-3, global_clipnorm=5.0), "This is SGD"),
    ],
)
def test_ex2_rejects_typical_mistakes(optimizer, message):
    result = check_ch10_ex2(optimizer)
    assert not result.passed and message in result.message, result.message


def test_ex2_refuses_other_types():
    with pytest.raises(ValueError, match="Optimizer instance, got str"):
        check_ch10_ex2("adam")


def test_ex3_accepts_a_signature_for_any_batch_and_a_scalar():
    @tf.function(
        input_signature=[tf.TensorSpec([None, 64], tf.float32), tf.TensorSpec([], tf.float32)]
    )
    def scale(x, learning_rate):
        return x * learning_rate

    assert check_ch10_ex3(scale).passed


def test_ex3_rejects_no_signature_a_fixed_batch_and_wrong_values():
    @tf.function
    def unsigned(x, learning_rate):
        return x * learning_rate

    result = check_ch10_ex3(unsigned)
    assert not result.passed and "no input_signature" in result.message

    @tf.function(
        input_signature=[tf.TensorSpec([100, 64], tf.float32), tf.TensorSpec([], tf.float32)]
    )
    def fixed(x, learning_rate):
        return x * learning_rate

    result = check_ch10_ex3(fixed)
    assert not result.passed and "a (57, 64) batch" in result.message, result.message

    @tf.function(
        input_signature=[tf.TensorSpec([None, 64], tf.float32), tf.TensorSpec([], tf.float32)]
    )
    def added(x, learning_rate):
        return x + learning_rate

    result = check_ch10_ex3(added)
    assert not result.passed and "wrong values" in result.message


def test_ex3_refuses_a_plain_function():
    with pytest.raises(ValueError, match="decorated with @tf.function, got function"):
        check_ch10_ex3(lambda x, learning_rate: x * learning_rate)
