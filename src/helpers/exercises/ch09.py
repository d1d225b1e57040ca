"""Checkers for chapter 9 (porting tensor operations)."""

import re
from collections.abc import Callable

import keras
import numpy as np

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch9_ex1", "check_ch9_ex2", "check_ch9_ex3", "check_ch9_ex4"]


def _require_callable(candidate: object, name: str) -> Callable:
    """Reject anything that cannot be called on a tensor (chapter 9 exercises)."""
    if not callable(candidate):
        raise ValueError(
            f"{name} must be a callable (a function or a Keras layer) taking a 4-D tensor, "
            f"got {type(candidate).__name__}"
        )
    return candidate


def _run(candidate: Callable, x: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Call the reader's answer on x: its NumPy output, or None and what went wrong (chapter 9)."""
    try:
        return np.asarray(keras.ops.convert_to_numpy(candidate(x)), dtype="float64"), ""
    except Exception as error:  # the reader's code may fail in any way: report it, do not crash
        lines = [
            line for line in re.sub(r"\x1b\[[0-9;]*m", "", str(error)).splitlines() if line.strip()
        ]
        core = next((line for line in lines if not line.startswith("Exception encountered")), "")
        core = re.sub(r"\{\{[^}]*\}\}", "", core)  # TF's "{{function_node ...}}" prefix
        return (
            None,
            f"calling it on an input of shape {x.shape} raised {type(error).__name__}: "
            f"{core.strip()[:160]}",
        )


def _embeddings(batch: int, channels: int, seed: int, size: int = 1) -> np.ndarray:
    """(batch, size, size, channels) embeddings with values of both signs (chapter 9 exercises)."""
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(batch, size, size, channels)) * 3 - 1).astype("float32")


def check_ch9_ex1(normalize: Callable) -> Feedback:
    """Chapter 9, exercise 1: the question's TF min-max scaling in keras.ops, batch axis kept."""
    _require_callable(normalize, "normalize")
    x = _embeddings(6, 5, seed=91)
    out, problem = _run(normalize, x)
    if out is None:
        return Feedback.fail(f"Your function failed: {problem}.")
    if out.shape != (6, 5):
        return Feedback.fail(
            f"A (6, 1, 1, 5) batch of embeddings should give (6, 5), got {out.shape}: flatten each "
            "sample."
        )
    rows = x.reshape(-1, 5).astype("float64")
    shifted = rows - rows.min()
    if np.allclose(out, shifted / rows.max(), atol=1e-5):
        return Feedback.fail(
            "You divide by the maximum of the input; the TF original divides by the maximum of the "
            "shifted tensor, so the largest output is 1."
        )
    if not np.allclose(out, shifted / shifted.max(), atol=1e-5):
        return Feedback.fail(
            "The outputs differ from the TF original by up to "
            f"{np.abs(out - shifted / shifted.max()).max():.3g}: take one minimum and one maximum "
            "over the whole batch (no axis), as tf.reduce_min does."
        )
    bigger = _embeddings(3, 5, seed=92, size=2)
    out, problem = _run(normalize, bigger)
    if out is None:
        return Feedback.fail(
            f"Your function works on 1x1 embeddings but {problem}: use a reshape that keeps the "
            "batch axis, such as layers.Flatten()."
        )
    if out.shape[0] != 3:
        return Feedback.fail(
            f"On a (3, 2, 2, 5) batch your function returns {out.shape[0]} rows instead of 3: a "
            "reshape to (-1, channels) moves positions into the batch axis."
        )
    return Feedback.ok(
        "Same numbers as the question's TF lines, outputs in [0, 1], and the batch axis survives a "
        "bigger input."
    )


def check_ch9_ex2(head: Callable) -> Feedback:
    """Chapter 9, exercise 2: a head from (batch, H, W, C) maps of any size to (batch, C) maxima."""
    _require_callable(head, "head")
    for batch, size in ((4, 1), (4, 3), (1, 3)):
        x = _embeddings(batch, 6, seed=93 + size + batch, size=size)
        out, problem = _run(head, x)
        if out is None:
            return Feedback.fail(
                f"Your head failed: {problem}. It must accept any height and width."
            )
        if out.shape != (batch, 6):
            return Feedback.fail(
                f"A ({batch}, {size}, {size}, 6) input should give ({batch}, 6), got {out.shape}: "
                "keep one row per sample and one value per channel."
            )
        expected = x.max(axis=(1, 2))
        if not np.allclose(out, expected, atol=1e-5):
            if np.allclose(out, x.mean(axis=(1, 2)), atol=1e-5):
                return Feedback.fail(
                    "You average over the positions; the exercise asks for the maximum "
                    "(GlobalMaxPooling2D)."
                )
            return Feedback.fail(
                f"On a ({batch}, {size}, {size}, 6) input the values are not the maximum over the "
                "positions of each channel."
            )
    return Feedback.ok(
        "One vector per sample for any input size and any batch size: the maximum of each channel "
        "over all positions."
    )


def check_ch9_ex3(normalize: Callable) -> Feedback:
    """Chapter 9, exercise 3: per-sample, per-channel min-max scaling, safe on constant inputs."""
    _require_callable(normalize, "normalize")
    x = _embeddings(4, 5, seed=95, size=3)
    out, problem = _run(normalize, x)
    if out is None:
        return Feedback.fail(f"Your function failed: {problem}.")
    if out.shape != x.shape:
        return Feedback.fail(
            f"The output shape should be the input shape {x.shape}, got {out.shape}: normalise, do "
            "not reshape."
        )
    constant, problem = _run(normalize, np.full((2, 3, 3, 5), 4.0, dtype="float32"))
    if constant is None or not np.all(np.isfinite(constant)):
        return Feedback.fail(
            "A constant input gives NaN or infinity (0 / 0): divide by ops.maximum(max - min, "
            "epsilon)."
        )
    alone, problem = _run(normalize, x[1:2])
    if alone is None or alone.shape != (1, 3, 3, 5) or not np.allclose(alone[0], out[1], atol=1e-6):
        return Feedback.fail(
            "Sample 1 gives a different output alone than in its batch: leave axis 0 (the batch) "
            "out of the min and max."
        )
    if not (
        np.allclose(out.min(axis=(1, 2)), 0, atol=1e-5)
        and np.allclose(out.max(axis=(1, 2)), 1, atol=1e-5)
    ):
        return Feedback.fail(
            "Some channel of some sample does not span [0, 1]: reduce over the height and width "
            "axes (1, 2) only, not the channels."
        )
    return Feedback.ok(
        "Every channel of every sample spans [0, 1], a sample's output ignores its batch, and a "
        "constant input gives zeros."
    )


def _ex4_expected(x: np.ndarray) -> tuple[int, np.ndarray]:
    """What the TF1 while_loop of exercise 9.4 returns: halve while max |x| > 1 (chapter 9)."""
    halvings = 0
    while np.abs(x).max() > 1.0:
        x, halvings = x / 2, halvings + 1
    return halvings, x


def check_ch9_ex4(halve: Callable) -> Feedback:
    """Chapter 9, exercise 4: tf.while_loop (halve while max |x| > 1) ported to ops.while_loop."""
    _require_callable(halve, "halve")
    found = []
    for largest in (0.5, 4.0, 40.0):  # 0, 2 and 6 halvings; 4.0 stops exactly at 1
        x = np.array([[largest, -0.25, 0.0], [0.5, 0.125, -largest / 2]], dtype="float32")
        try:
            result = halve(x)
            if not isinstance(result, (tuple, list)) or len(result) != 2:
                return Feedback.fail(
                    "Return both loop variables, (halvings, halved), as tf.while_loop returns them."
                )
            halvings, halved = result
            halvings = int(keras.ops.convert_to_numpy(halvings))
            halved = np.asarray(keras.ops.convert_to_numpy(halved), dtype="float64")
        except Exception as error:  # the reader's code may fail in any way: report it, do not crash
            return Feedback.fail(
                f"Your function failed on a (2, 3) batch: {type(error).__name__}: {error}"
            )
        expected_halvings, expected = _ex4_expected(x.astype("float64"))
        found.append(halvings)
        if halvings == expected_halvings and (
            halved.shape != x.shape or not np.allclose(halved, expected, rtol=1e-6, atol=0)
        ):
            return Feedback.fail(
                f"The count is right ({halvings}) but the halved batch is not x / 2**{halvings}."
            )
    if found == [0, 3, 6]:
        return Feedback.fail(
            "One halving too many when the largest |value| reaches exactly 1: loop while it is > "
            "1, not >= 1."
        )
    if len(set(found)) == 1:
        return Feedback.fail(
            f"Your function halves {found[0]} times whatever the batch; TF1's loop halves 0, 2 and "
            "6 times on these batches: the count depends on the data, so use ops.while_loop, not a "
            "fixed count."
        )
    if found != [0, 2, 6]:
        return Feedback.fail(
            f"Your function halves {found} times; TF1's loop halves [0, 2, 6] times on these "
            "batches."
        )
    try:
        halve(keras.Input((3,)))
    except Exception as error:  # a Python loop or if on a symbolic tensor fails here
        return Feedback.fail(
            "Your function works eagerly but not on the symbolic input of a Functional model "
            f"({type(error).__name__}: {str(error)[:120]}): a Python while on a tensor needs its "
            "value; use ops.while_loop."
        )
    return Feedback.ok(
        "0, 2 and 6 halvings on three batches, exactly TF1's numbers, eagerly and on a symbolic "
        "input."
    )


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(9).
EXERCISES = {
    1: (
        check_ch9_ex1,
        "the flattening and the division",
        [
            "The TF lines take one minimum and one maximum over the whole batch: ops.min and "
            "ops.max without an axis. layers.Flatten() keeps the batch axis, where a reshape to a "
            "fixed size would not.",
            "x = layers.Flatten()(x), and divide shifted by ops.max(shifted).",
        ],
    ),
    2: (
        check_ch9_ex2,
        "the pooling layer",
        [
            "A global pooling layer reduces every position of each channel, whatever the height "
            "and width, and keeps the batch axis.",
            "layers.GlobalMaxPooling2D().",
        ],
    ),
    3: (
        check_ch9_ex3,
        "the axes to reduce over and the smallest divisor",
        [
            "Reduce over height and width only, axis=(1, 2), with keepdims=True so that the "
            "result broadcasts against x. A constant channel has a range of 0.",
            "Divide by ops.maximum(value_range, epsilon): a range of 0 then gives 0 / epsilon = 0.",
        ],
    ),
    4: (
        check_ch9_ex4,
        "the loop's condition and body",
        [
            "ops.while_loop(cond, body, loop_vars) runs body while cond is true, with the same "
            "loop variables in and out, as tf.while_loop does.",
            "cond is lambda i, t: ops.max(ops.abs(t)) > 1.0, and body is "
            "lambda i, t: (i + 1, t / 2).",
        ],
    ),
}
