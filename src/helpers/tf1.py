"""Running TF1 graph code next to Keras 3, and moving its weights across."""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import keras
import numpy as np
import tensorflow as tf

from helpers.reproducibility import shifted_seed


@contextmanager
def tf1_session(seed: int = 0) -> Iterator[tuple[tf.Graph, tf.compat.v1.Session]]:
    """A fresh graph with a graph-level seed and a session on it; eager outside (chapters 7-12)."""
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(shifted_seed(seed))
        with tf.compat.v1.Session(graph=graph) as session:
            yield graph, session


def fetch_variables(
    session: tf.compat.v1.Session, scope: str | None = None
) -> dict[str, np.ndarray]:
    """Values of the session's global variables by name, optionally in one scope (chapters 7-8)."""
    if not isinstance(session, tf.compat.v1.Session):
        raise ValueError(f"session must be a tf.compat.v1.Session, got {type(session).__name__}")
    with session.graph.as_default():
        variables = tf.compat.v1.global_variables(scope=scope)
    if not variables:
        where = "the graph" if scope is None else f"scope {scope!r}"
        raise ValueError(f"expected at least one variable in {where}, found none")
    values = session.run(variables)
    return {v.name: value for v, value in zip(variables, values)}


def count_parameters(arrays: Mapping[str, np.ndarray] | Sequence[np.ndarray]) -> int:
    """Total number of values in a dict or list of weight arrays (chapters 7-8)."""
    items = arrays.values() if isinstance(arrays, Mapping) else arrays
    return int(sum(np.size(a) for a in items))


def copy_weights(layer: keras.layers.Layer, arrays: Sequence[np.ndarray]) -> None:
    """Load arrays into a built layer's weights, checking count and shapes first (chapters 7-8)."""
    if not isinstance(layer, keras.layers.Layer):
        raise ValueError(f"layer must be a keras Layer, got {type(layer).__name__}")
    if not layer.built:
        raise ValueError(f"layer {layer.name!r} must be built before weights are copied into it")
    weights = layer.weights
    arrays = [np.asarray(a) for a in arrays]
    if len(arrays) != len(weights):
        raise ValueError(
            f"layer {layer.name!r} expects {len(weights)} arrays "
            f"({[tuple(w.shape) for w in weights]}), got {len(arrays)}"
        )
    for weight, array in zip(weights, arrays):
        if tuple(weight.shape) != array.shape:
            raise ValueError(
                f"layer {layer.name!r}: weight {weight.path!r} has shape {tuple(weight.shape)}, "
                f"got an array of shape {array.shape}"
            )
    layer.set_weights(arrays)
