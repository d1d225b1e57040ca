import keras
import numpy as np
import pytest
from keras import layers, ops

from helpers.exercises import check_ch7_ex1, check_ch7_ex2, check_ch7_ex3, check_ch7_ex4

# ---- exercise 7.1: the initializer matching TF1's truncated_normal(stddev=0.1)


def test_ex1_accepts_truncated_normal():
    feedback = check_ch7_ex1(keras.initializers.TruncatedNormal(stddev=0.1, seed=0))
    assert feedback.passed, feedback


@pytest.mark.parametrize(
    "initializer, hint",
    [
        (keras.initializers.RandomNormal(stddev=0.1, seed=0), "truncated distribution"),
        ("glorot_normal", "std"),
        (
            keras.initializers.VarianceScaling(0.01 * 256, "fan_in", "truncated_normal", seed=0),
            "beyond 0.2|std",
        ),
        (keras.initializers.TruncatedNormal(stddev=0.05, seed=0), "std"),
    ],
)
def test_ex1_rejects_other_distributions(initializer, hint):
    feedback = check_ch7_ex1(initializer)
    assert not feedback.passed
    assert feedback.message and any(word in feedback.message for word in hint.split("|"))


def test_ex1_rejects_wrong_type():
    with pytest.raises(ValueError, match="initializer must be .* got float"):
        check_ch7_ex1(0.1)


# ---- exercise 7.2: a batched matmul of two permutations


def test_ex2_accepts_matmul():
    feedback = check_ch7_ex2(
        lambda t: ops.matmul(ops.transpose(t, (0, 3, 1, 2)), ops.transpose(t, (0, 3, 2, 1)))
    )
    assert feedback.passed, feedback


def test_ex2_names_ops_dot():
    feedback = check_ch7_ex2(
        lambda t: ops.dot(ops.transpose(t, (0, 3, 1, 2)), ops.transpose(t, (0, 3, 2, 1)))
    )
    assert not feedback.passed and "ops.dot" in feedback.message


def test_ex2_catches_wrong_permutations_and_errors():
    wrong_shape = check_ch7_ex2(
        lambda t: ops.matmul(ops.transpose(t, (0, 1, 2, 3)), ops.transpose(t, (0, 1, 3, 2)))
    )
    assert not wrong_shape.passed and "(4, 3, 6, 6)" in wrong_shape.message
    wrong_values = check_ch7_ex2(
        lambda t: ops.leaky_relu(
            ops.matmul(ops.transpose(t, (0, 3, 1, 2)), ops.transpose(t, (0, 3, 2, 1)))
        )
    )
    assert not wrong_values.passed and "values differ" in wrong_values.message
    crashing = check_ch7_ex2(lambda t: ops.matmul(t, t))
    assert not crashing.passed and "raised" in crashing.message


def test_ex2_rejects_wrong_type():
    with pytest.raises(ValueError, match="port must be a function or layer .* got str"):
        check_ch7_ex2("ops.matmul")


# ---- exercise 7.3: a kernel stored as [out, in]


def _ex3_problem():
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=(4, 6)).astype("float32"), rng.normal(size=4).astype("float32")
    x = rng.normal(size=(8, 6)).astype("float32")
    z = x @ w.T + b
    return w, b, x, np.where(z > 0, z, 0.2 * z).astype("float32")


def _ex3_model(w, b, slope=0.2):
    model = keras.Sequential(
        [keras.Input(shape=(6,)), layers.Dense(4), layers.LeakyReLU(negative_slope=slope)]
    )
    model.layers[0].set_weights([w, b])
    return model


def test_ex3_accepts_transposed_copy():
    w, b, x, expected = _ex3_problem()
    feedback = check_ch7_ex3(_ex3_model(w.T, b), x, expected)
    assert feedback.passed, feedback


def test_ex3_catches_default_slope_and_missing_bias():
    w, b, x, expected = _ex3_problem()
    slope = check_ch7_ex3(_ex3_model(w.T, b, slope=0.3), x, expected)
    assert not slope.passed and "slope to 0.2" in slope.message
    no_bias = check_ch7_ex3(_ex3_model(w.T, np.zeros(4, "float32")), x, expected)
    assert not no_bias.passed and "transpose W" in no_bias.message


def test_ex3_catches_wrong_shape_and_bad_types():
    w, b, x, expected = _ex3_problem()
    too_wide = keras.Sequential([keras.Input(shape=(6,)), layers.Dense(5)])
    feedback = check_ch7_ex3(too_wide, x, expected)
    assert not feedback.passed and "(8, 5)" in feedback.message
    with pytest.raises(ValueError, match="model must be a Keras layer or model, got int"):
        check_ch7_ex3(3, x, expected)
    with pytest.raises(ValueError, match="NumPy arrays, got list"):
        check_ch7_ex3(too_wide, x.tolist(), expected)


# ---- exercise 7.4: RMSprop with TF1's defaults spelled out


def test_ex4_accepts_tf1_defaults():
    feedback = check_ch7_ex4(keras.optimizers.RMSprop(learning_rate=0.001, epsilon=1e-10))
    assert feedback.passed, feedback


def test_ex4_catches_keras_default_epsilon():
    feedback = check_ch7_ex4(keras.optimizers.RMSprop(learning_rate=0.001))
    assert (
        not feedback.passed
        and "Keras's default" in feedback.message
        and "1e-10" in feedback.message
    )


@pytest.mark.parametrize(
    "optimizer, hint",
    [
        (keras.optimizers.Adam(learning_rate=0.001, epsilon=1e-10), "RMSprop"),
        (keras.optimizers.RMSprop(learning_rate=0.01, epsilon=1e-10), "0.001"),
        (keras.optimizers.RMSprop(learning_rate=0.001, rho=0.99, epsilon=1e-10), "decay"),
        (keras.optimizers.RMSprop(learning_rate=0.001, momentum=0.9, epsilon=1e-10), "momentum"),
        (keras.optimizers.RMSprop(learning_rate=0.001, epsilon=1e-10, centered=True), "centered"),
        (keras.optimizers.RMSprop(learning_rate=0.001, epsilon=1e-8), "1e-10"),
    ],
)
def test_ex4_rejects_other_settings(optimizer, hint):
    feedback = check_ch7_ex4(optimizer)
    assert not feedback.passed and hint in feedback.message


def test_ex4_rejects_a_non_optimizer():
    with pytest.raises(ValueError, match="keras.optimizers.Optimizer, got str"):
        check_ch7_ex4("rmsprop")
