"""A min-max normalisation layer that scales each sample on its own."""

import math
from numbers import Real

import keras
from keras import ops


def _check_per_channel(per_channel: object) -> bool:
    """Return ``per_channel`` if it is a bool, else raise (chapter 9)."""
    if not isinstance(per_channel, bool):
        raise ValueError(
            f"per_channel must be a bool, got {per_channel!r} ({type(per_channel).__name__})"
        )
    return per_channel


def _check_epsilon(epsilon: object) -> float:
    """Return ``epsilon`` as a float if it is a finite number > 0, else raise (chapter 9)."""
    if isinstance(epsilon, bool) or not isinstance(epsilon, Real):
        raise ValueError(f"epsilon must be a number, got {epsilon!r} ({type(epsilon).__name__})")
    if not math.isfinite(epsilon) or epsilon <= 0:
        raise ValueError(f"epsilon must be a finite number > 0, got {epsilon!r}")
    return float(epsilon)


@keras.saving.register_keras_serializable(package="helpers")
class MinMaxNormalization(keras.layers.Layer):
    """Scale every sample (or every channel of every sample) to [0, 1], independent of the
    batch (chapter 9).

    ``(x - min) / max(max - min, epsilon)`` with min and max taken over all the
    axes of one sample except the batch axis (``per_channel=False``), or over
    all its axes except the batch and the last one (``per_channel=True``).
    ``epsilon`` keeps a constant sample finite: it maps to zeros, not NaN.
    """

    def __init__(self, per_channel: bool = False, epsilon: float = 1e-6, **kwargs: object) -> None:
        per_channel = _check_per_channel(per_channel)
        epsilon = _check_epsilon(epsilon)
        super().__init__(**kwargs)
        self.per_channel = per_channel
        self.epsilon = epsilon

    def _reduction_axes(self, rank: int) -> tuple[int, ...]:
        """Min and max axes: never the batch axis, nor the channels if per channel (chapter 9)."""
        last = rank - 1 if self.per_channel else rank
        return tuple(range(1, last))

    def build(self, input_shape: tuple) -> None:
        """Check rank: (batch, features...), or (batch, ..., channels) per channel (chapter 9)."""
        rank = len(input_shape)
        needed = 3 if self.per_channel else 2
        if rank < needed:
            layout = "(batch, ..., channels)" if self.per_channel else "(batch, features...)"
            raise ValueError(
                f"MinMaxNormalization(per_channel={self.per_channel}) expects inputs of rank >= "
                f"{needed} {layout}, got shape {tuple(input_shape)} (rank {rank})"
            )
        super().build(input_shape)

    def call(self, inputs: keras.KerasTensor) -> keras.KerasTensor:
        """Shift each sample's minimum to 0, then divide by the shifted maximum (chapter 9)."""
        axes = self._reduction_axes(len(inputs.shape))
        shifted = inputs - ops.min(inputs, axis=axes, keepdims=True)
        value_range = ops.max(shifted, axis=axes, keepdims=True)
        return shifted / ops.maximum(value_range, self.epsilon)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        """The output has the input's shape (chapter 9)."""
        return input_shape

    def get_config(self) -> dict:
        """Base config (name, dtype, trainable) plus ``per_channel``, ``epsilon`` (chapter 9)."""
        return {**super().get_config(), "per_channel": self.per_channel, "epsilon": self.epsilon}
