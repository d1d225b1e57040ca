"""Checkers for chapter 11, "Load a TF1 checkpoint, and resume exactly"."""

import os
import tempfile
from collections.abc import Callable

import keras
import numpy as np

from helpers.exercises.feedback import Feedback

__all__ = ["check_ch11_ex1", "check_ch11_ex2"]

_KEYS = {
    ("layer0/kernel", None): "layer0/weights",
    ("layer0/bias", None): "layer0/bias",
    ("dense_3/kernel", "momentum"): "dense_3/weights/Adam",
    ("dense_3/kernel", "velocity"): "dense_3/weights/Adam_1",
    ("output/bias", "momentum"): "output/bias/Adam",
    ("output/bias", "velocity"): "output/bias/Adam_1",
}


def _require_callable(candidate: object, what: str) -> Callable:
    """Reject an answer that is not a function (chapter 11 exercises)."""
    if not callable(candidate):
        raise ValueError(f"expected a function {what}, got {type(candidate).__name__}")
    return candidate


def check_ch11_ex1(tf1_key: Callable[..., str]) -> Feedback:
    """Chapter 11, exercise 1: a Keras weight path (and Adam slot) to its TF1 checkpoint name."""
    _require_callable(tf1_key, "tf1_key(path, slot=None) -> str")
    for (path, slot), expected in _KEYS.items():
        try:
            key = tf1_key(path) if slot is None else tf1_key(path, slot)
        except Exception as error:  # the reader's code: report, do not crash
            return Feedback.fail(
                f"tf1_key({path!r}, {slot!r}) raised {type(error).__name__}: {error}"
            )
        if key == expected:
            continue
        if slot is not None and isinstance(key, str) and key.endswith(("/Adam", "/Adam_1")):
            return Feedback.fail(
                f"tf1_key({path!r}, {slot!r}) gives {key!r}, TF1's name is {expected!r}: "
                "Adam holds the mean of the gradients (Keras's momentum), Adam_1 that of their "
                "squares (the velocity)."
            )
        return Feedback.fail(f"tf1_key({path!r}, {slot!r}) gives {key!r}, not {expected!r}.")
    return Feedback.ok(
        "kernel -> weights, and the slots momentum -> /Adam and velocity -> /Adam_1, as TF1's "
        "AdamOptimizer names them."
    )


class _Crash(keras.callbacks.Callback):
    """Stops fit with an exception after the given epoch (chapter 11, exercise 2)."""

    def __init__(self, after_epoch: int) -> None:
        super().__init__()
        self.after_epoch = after_epoch

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if epoch + 1 == self.after_epoch:
            raise RuntimeError("stopped by the checker")


def _small_fit(callbacks: list) -> tuple[keras.Model, list[int]]:
    """A small model trained 4 epochs from fixed weights; the model and the epochs run."""
    rng = np.random.default_rng(11)
    x, y = rng.normal(size=(64, 3)).astype("float32"), rng.normal(size=(64, 2)).astype("float32")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.set_weights([np.full((3, 2), 0.5, "float32"), np.zeros(2, "float32")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit(
        x, y, batch_size=16, epochs=4, shuffle=False, verbose=0, callbacks=callbacks
    )
    return model, history.epoch


def check_ch11_ex2(resume_callbacks: Callable[[str], list]) -> Feedback:
    """Chapter 11, exercise 2: callbacks that let an interrupted fit resume where it stopped."""
    _require_callable(resume_callbacks, "resume_callbacks(folder) -> list of callbacks")
    reference, _ = _small_fit([])
    with tempfile.TemporaryDirectory() as folder:
        try:
            first = list(resume_callbacks(folder))
        except Exception as error:  # the reader's code: report, do not crash
            return Feedback.fail(f"resume_callbacks(folder) raised {type(error).__name__}: {error}")
        if not all(isinstance(c, keras.callbacks.Callback) for c in first):
            return Feedback.fail(
                "resume_callbacks(folder) should return a list of Keras callbacks."
            )
        try:
            _small_fit([*first, _Crash(after_epoch=2)])
        except Exception:  # the checker's crash, or the reader's callbacks failing: go on
            pass
        wrote = bool(os.listdir(folder))
        model, epochs = _small_fit(list(resume_callbacks(folder)))
    names = ", ".join(type(c).__name__ for c in first) or "none"
    if not wrote:
        return Feedback.fail(
            f"Your callbacks ({names}) wrote nothing into the folder they were given: save the "
            "backup there, so that the next run finds it."
        )
    if epochs[:1] == [0]:
        return Feedback.fail(
            f"The second fit ran epochs {epochs}: it started again from scratch. Your callbacks "
            f"({names}) do not restore a run"
            + (
                ": ModelCheckpoint writes files, but fit never reads them back."
                if any(isinstance(c, keras.callbacks.ModelCheckpoint) for c in first)
                else "."
            )
        )
    if epochs != [2, 3]:
        return Feedback.fail(
            f"The second fit ran epochs {epochs}, not [2, 3]: it resumed, but not from the last "
            "finished epoch. Save the backup at the end of every epoch (save_freq='epoch')."
        )
    for a, b in zip(model.get_weights(), reference.get_weights(), strict=True):
        if not np.array_equal(a, b):
            return Feedback.fail(
                "The second fit resumed at epoch 2, but its weights differ from an "
                "uninterrupted run's: did the backup hold the optimizer's state?"
            )
    return Feedback.ok(
        "The second fit ran epochs 2 and 3 only and ended with exactly the weights of an "
        "uninterrupted run: BackupAndRestore restored the weights, the optimizer and the epoch."
    )


EXERCISES = {
    1: (
        check_ch11_ex1,
        "the two slot suffixes",
        [
            "TF1's AdamOptimizer names its first slot after the variable plus /Adam and its "
            "second plus /Adam_1; the first is the running mean of the gradients.",
            'suffixes = {None: "", "momentum": "/Adam", "velocity": "/Adam_1"}.',
        ],
    ),
    2: (
        check_ch11_ex2,
        "the callback",
        [
            "Of the callbacks with a folder or a file, one is read back by fit when it starts; "
            "the other only writes.",
            "return [keras.callbacks.BackupAndRestore(folder)].",
        ],
    ),
}
