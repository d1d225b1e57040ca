"""Endpoint layers that add a penalty with ``add_loss`` and pass their input through."""

import math
from numbers import Real

import keras
from keras import ops


def _check_weight(weight: object) -> float:
    """Return ``weight`` as a float if it is a finite number >= 0, else raise (chapter 6)."""
    if isinstance(weight, bool) or not isinstance(weight, Real):
        raise ValueError(f"weight must be a number, got {weight!r} ({type(weight).__name__})")
    if not math.isfinite(weight) or weight < 0:
        raise ValueError(f"weight must be a finite number >= 0, got {weight!r}")
    return float(weight)


@keras.saving.register_keras_serializable(package="helpers")
class ActivityPenalty(keras.layers.Layer):
    """Add ``weight * mean(square(inputs))`` to the losses; the output is the input (chapter 6)."""

    def __init__(self, weight: float = 1e-2, **kwargs: object) -> None:
        weight = _check_weight(weight)
        super().__init__(**kwargs)
        self.weight = weight

    def call(self, inputs: keras.KerasTensor) -> keras.KerasTensor:
        """Record the penalty on ``inputs`` (``add_loss``); the output is the input (chapter 6)."""
        self.add_loss(self.weight * ops.mean(ops.square(inputs)))
        return inputs

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        """The output has the input's shape (chapter 6)."""
        return input_shape

    def get_config(self) -> dict:
        """The base layer's config (name, dtype, trainable) plus ``weight`` (chapter 6)."""
        return {**super().get_config(), "weight": self.weight}
