"""Tested copies of the custom layers written in chapter 5, for code outside that notebook.

Each layer is registered (``package="helpers"``) and has a complete
``get_config``, so a model that uses it saves to ``.keras`` and loads back
with the default ``safe_mode=True`` once ``helpers.layers`` is imported.
"""

from typing import Any, Callable

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="helpers")
class SimpleDense(keras.layers.Layer):
    """A dense layer written from scratch: ``activation(x @ kernel + bias)`` (chapter 5)."""

    def __init__(self, units: int, activation: str | Callable | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise ValueError(
                f"units must be a positive int, got {units!r} ({type(units).__name__})"
            )
        try:
            self.activation = keras.activations.get(activation)
        except ValueError as error:
            raise ValueError(
                f"activation must be None, a Keras activation name such as 'relu', or a callable, "
                f"got {activation!r}"
            ) from error
        self.units = units

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        """Create the kernel and bias once the input's last dimension is known."""
        if input_shape[-1] is None:
            raise ValueError(
                f"the last input dimension must be known, got input shape {input_shape}"
            )
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel"
        )
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs: Any) -> Any:
        """Apply the affine map and the activation."""
        return self.activation(ops.matmul(inputs, self.kernel) + self.bias)

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """The input shape with its last dimension replaced by ``units``."""
        return (*input_shape[:-1], self.units)

    def get_config(self) -> dict[str, Any]:
        """Every constructor argument, so ``from_config`` rebuilds the same layer."""
        config = super().get_config()
        config.update(units=self.units, activation=keras.activations.serialize(self.activation))
        return config


@keras.saving.register_keras_serializable(package="helpers")
class RandomMask(keras.layers.Layer):
    """Zero units with probability ``rate`` and rescale the rest, in training only (chapter 5)."""

    def __init__(self, rate: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(
                f"rate must be a number in [0, 1), got {rate!r} ({type(rate).__name__})"
            )
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
            raise ValueError(
                f"seed must be None or a non-negative int, got {seed!r} ({type(seed).__name__})"
            )
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs: Any, training: bool = False) -> Any:
        """Keep each unit with probability ``1 - rate`` and divide by it, only when training."""
        if not training or self.rate == 0:
            return inputs
        keep = 1.0 - self.rate
        mask = keras.random.binomial(
            ops.shape(inputs),
            counts=1,
            probabilities=keep,
            seed=self.seed_generator,
            dtype=inputs.dtype,
        )
        return inputs * mask / keep

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """The output has the input's shape."""
        return input_shape

    def get_config(self) -> dict[str, Any]:
        """Every constructor argument, so ``from_config`` rebuilds the same layer."""
        config = super().get_config()
        config.update(rate=self.rate, seed=self.seed)
        return config


__all__ = ["RandomMask", "SimpleDense"]
