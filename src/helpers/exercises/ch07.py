"""Checkers for chapter 7 (porting a TF1 graph model)."""

from collections.abc import Callable

import keras
import numpy as np

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch7_ex1", "check_ch7_ex2", "check_ch7_ex3", "check_ch7_ex4"]

# Exercise 7.1: TF1 drew a (256, 128) kernel with truncated_normal(stddev=0.1).
_EX1_SHAPE = (256, 128)
_EX1_CUT = 0.2  # TF1 redraws values beyond two stddev of the untruncated normal
_EX1_STD = 0.1 * 0.87962566103423978  # the standard deviation left after that cut


def check_ch7_ex1(initializer: keras.initializers.Initializer | str) -> Feedback:
    """Chapter 7, exercise 1: an initializer distributed as TF1's truncated_normal(stddev=0.1)."""
    if not isinstance(initializer, (keras.initializers.Initializer, str)):
        raise ValueError(
            "initializer must be a keras.initializers.Initializer or its name, got "
            f"{type(initializer).__name__}"
        )
    draw = keras.ops.convert_to_numpy(keras.initializers.get(initializer)(_EX1_SHAPE)).astype(
        "float64"
    )
    std, largest = float(draw.std()), float(np.abs(draw).max())
    if largest > _EX1_CUT * 1.0001:
        return Feedback.fail(
            f"Your draws reach |w| = {largest:.3f}, but TF1 never goes beyond 0.2 (two stddev): "
            "use a truncated distribution cut at 0.2."
        )
    if abs(std / _EX1_STD - 1) > 0.03:
        return Feedback.fail(
            f"Your draws have std {std:.4f}, TF1's have {_EX1_STD:.4f}: TF1's stddev=0.1 is the "
            "std before the cut, and the variance-scaling initialisers correct for the cut while "
            "TruncatedNormal does not."
        )
    if largest < _EX1_CUT * 0.97:
        return Feedback.fail(
            f"Your draws stop at |w| = {largest:.3f}; TF1's reach 0.2: cut at two stddev of 0.1."
        )
    return Feedback.ok(
        "Every |w| <= 0.2 and the std is 0.1 x 0.88, like TF1's truncated_normal(stddev=0.1)."
    )


def _ex2_reference(t: np.ndarray) -> np.ndarray:
    """What the TF1 line of exercise 7.2 computes, in NumPy (chapter 7)."""
    return np.matmul(t.transpose(0, 3, 1, 2), t.transpose(0, 3, 2, 1))


def check_ch7_ex2(port: Callable[[object], object]) -> Feedback:
    """Chapter 7, exercise 2: a Keras 3 batched matmul of two permutations of (batch, 6, 5, 3)."""
    if not callable(port):
        raise ValueError(
            f"port must be a function or layer taking one tensor, got {type(port).__name__}"
        )
    t = np.random.default_rng(7).normal(size=(4, 6, 5, 3)).astype("float32")
    expected = _ex2_reference(t)
    try:
        result = np.asarray(keras.ops.convert_to_numpy(port(t)))
    except Exception as error:  # the reader's code may fail in any way: report it, do not crash
        return Feedback.fail(
            f"Calling port on a (4, 6, 5, 3) batch raised {type(error).__name__}: {error}"
        )
    if result.ndim == 6:
        return Feedback.fail(
            f"The result has shape {result.shape}: that is ops.dot (a tensordot that pairs every "
            "sample with every other). Use ops.matmul, which batches over the leading axes."
        )
    if result.shape != expected.shape:
        return Feedback.fail(
            f"The result has shape {result.shape}, expected {expected.shape}: check the two "
            "permutations (perm [0, 3, 1, 2] gives (batch, 3, 6, 5))."
        )
    if not np.allclose(result, expected, rtol=1e-5, atol=1e-5):
        return Feedback.fail(
            "The shape is right but the values differ: compare your axes with perm [0, 3, 1, 2] "
            "and [0, 3, 2, 1]."
        )
    return Feedback.ok(
        f"Shape {result.shape} and the same values as tf.matmul of the two transposes."
    )


def check_ch7_ex3(
    model: Callable[[object], object], x: np.ndarray, expected: np.ndarray
) -> Feedback:
    """Exercise 7.3: a Keras port of a TF1 layer that stores its kernel as [out, in] (chapter 7)."""
    if not callable(model):
        raise ValueError(f"model must be a Keras layer or model, got {type(model).__name__}")
    if not isinstance(x, np.ndarray) or not isinstance(expected, np.ndarray):
        raise ValueError(
            f"x and expected must be NumPy arrays, got {type(x).__name__} and "
            f"{type(expected).__name__}"
        )
    try:
        result = np.asarray(keras.ops.convert_to_numpy(model(x)))
    except Exception as error:  # the reader's code may fail in any way: report it, do not crash
        return Feedback.fail(f"Calling the model on x raised {type(error).__name__}: {error}")
    if result.shape != expected.shape:
        return Feedback.fail(
            f"The model outputs shape {result.shape}, the TF1 graph {expected.shape}."
        )
    difference = float(np.abs(result - expected).max())
    if difference > 1e-5:
        negative = expected < 0
        if np.any(negative) and np.allclose(
            result[negative], expected[negative] * 1.5, rtol=1e-4, atol=1e-6
        ):
            return Feedback.fail(
                "Only the negative outputs differ, by a factor 1.5: set the leaky ReLU slope to "
                "0.2."
            )
        return Feedback.fail(
            f"The outputs differ by up to {difference:.3g}: did you transpose W (TF1 stores it as "
            "[out, in]), copy the bias, and apply leaky ReLU with slope 0.2?"
        )
    return Feedback.ok(f"Same outputs as the TF1 graph (max |difference| {difference:.3g}).")


# Exercise 7.4: the defaults of tf.compat.v1.train.RMSPropOptimizer(learning_rate=0.001), in
# Keras's names.
_EX4_TF1 = {
    "learning_rate": 0.001,
    "rho": 0.9,
    "momentum": 0.0,
    "epsilon": 1e-10,
    "centered": False,
}


def check_ch7_ex4(optimizer: keras.optimizers.Optimizer) -> Feedback:
    """Chapter 7, exercise 4: an RMSprop with TF1's RMSPropOptimizer(0.001) defaults spelled out."""
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise ValueError(
            f"optimizer must be a keras.optimizers.Optimizer, got {type(optimizer).__name__}"
        )
    if not isinstance(optimizer, keras.optimizers.RMSprop):
        return Feedback.fail(
            f"You built {type(optimizer).__name__}; the TF1 program uses RMSProp: "
            "keras.optimizers.RMSprop."
        )
    config = optimizer.get_config()
    if not np.isclose(float(config["epsilon"]), _EX4_TF1["epsilon"], rtol=1e-6, atol=0):
        hint = " (Keras's default)" if np.isclose(float(config["epsilon"]), 1e-7, rtol=1e-6) else ""
        return Feedback.fail(
            f"epsilon is {config['epsilon']:g}{hint}; TF1's RMSPropOptimizer uses 1e-10."
        )
    learning_rate = config["learning_rate"]
    if not isinstance(learning_rate, (int, float)) or not np.isclose(
        learning_rate, 0.001, rtol=1e-6
    ):
        return Feedback.fail(f"The learning rate is {learning_rate!r}; the TF1 program uses 0.001.")
    for name in ("rho", "momentum"):
        if not np.isclose(float(config[name]), _EX4_TF1[name], rtol=1e-6, atol=1e-12):
            tf1_name = "decay" if name == "rho" else name
            return Feedback.fail(
                f"{name} is {config[name]:g}; TF1's {tf1_name} defaults to {_EX4_TF1[name]:g}."
            )
    if config["centered"]:
        return Feedback.fail("centered is True; TF1's RMSPropOptimizer is not centered by default.")
    return Feedback.ok(
        "learning_rate 0.001, rho 0.9 (TF1's decay), momentum 0, epsilon 1e-10, not centered: "
        "TF1's defaults."
    )


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(7).
EXERCISES = {
    1: (
        check_ch7_ex1,
        "a Keras initialiser object",
        [
            "TF1's truncated_normal redraws the values beyond two standard deviations and does "
            "not rescale: the measured std is 0.88 times the stddev argument, and no |w| exceeds "
            "2 x 0.1.",
            "keras.initializers.TruncatedNormal(stddev=0.1) draws the same way; VarianceScaling "
            "with a truncated normal would rescale the std.",
        ],
    ),
    2: (
        check_ch7_ex2,
        "the two transposes",
        [
            "ops.transpose(t, axes) takes the same permutation as tf.transpose's perm, and "
            "ops.matmul multiplies the last two axes, batch by batch.",
            "ops.matmul(ops.transpose(t, (0, 3, 1, 2)), ops.transpose(t, (0, 3, 2, 1))).",
        ],
    ),
    3: (
        check_ch7_ex3,
        "the activation layer, and the kernel as Dense stores it",
        [
            "A Dense kernel is [in, out] = [6, 4], so the TF1 matrix [out, in] goes in "
            "transposed; leaky_relu's alpha is LeakyReLU's negative_slope.",
            'layers.LeakyReLU(negative_slope=0.2), and ex3_weights["w:0"].T for the kernel.',
        ],
    ),
    4: (
        check_ch7_ex4,
        "TF1's defaults",
        [
            "Keras's rho is TF1's decay. tf.compat.v1.train.RMSPropOptimizer's defaults are "
            "decay=0.9, momentum=0.0, epsilon=1e-10 and centered=False.",
            "RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-10, centered=False): "
            "write epsilon out, since Keras's default is 1e-7.",
        ],
    ),
}
