import keras
import numpy as np
import pytest
import tensorflow as tf

from helpers.tf1 import copy_weights, count_parameters, fetch_variables, tf1_session


def _graph_dense(seed):
    with tf1_session(seed) as (_, session):
        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        with tf.compat.v1.variable_scope("fc"):
            w = tf.compat.v1.get_variable(
                "w", [3, 2], initializer=tf.compat.v1.random_normal_initializer()
            )
            b = tf.compat.v1.get_variable("b", [2], initializer=tf.compat.v1.zeros_initializer())
        y = tf.matmul(x, w) + b
        session.run(tf.compat.v1.global_variables_initializer())
        inputs = np.arange(6, dtype="float32").reshape(2, 3)
        return session.run(y, {x: inputs}), fetch_variables(session, "fc"), inputs


def test_graph_runs_seeded_and_eager_stays_on():
    out_a, vars_a, _ = _graph_dense(1)
    out_b, vars_b, _ = _graph_dense(1)
    np.testing.assert_array_equal(out_a, out_b)
    assert list(vars_a) == ["fc/w:0", "fc/b:0"] and count_parameters(vars_a) == 8
    assert tf.executing_eagerly()


def test_weights_move_into_keras_and_outputs_match():
    expected, variables, inputs = _graph_dense(2)
    layer = keras.layers.Dense(2)
    layer.build((None, 3))
    copy_weights(layer, list(variables.values()))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer(inputs)), expected, rtol=1e-6)


def test_count_parameters_of_a_list():
    assert count_parameters([np.zeros((2, 3)), np.zeros(4)]) == 10


def test_shape_mismatch_names_layer_and_shapes():
    layer = keras.layers.Dense(2, name="head")
    layer.build((None, 3))
    with pytest.raises(
        ValueError,
        match=r"layer 'head': weight .*kernel.* has shape \(3, 2\), got an array of shape \(2, 3\)",
    ):
        copy_weights(layer, [np.zeros((2, 3)), np.zeros(2)])


def test_wrong_count_unbuilt_and_non_layer():
    layer = keras.layers.Dense(2, name="head")
    with pytest.raises(ValueError, match="must be built"):
        copy_weights(layer, [])
    layer.build((None, 3))
    with pytest.raises(ValueError, match=r"expects 2 arrays .* got 1"):
        copy_weights(layer, [np.zeros((3, 2))])
    with pytest.raises(ValueError, match="layer must be a keras Layer, got str"):
        copy_weights("head", [])


def test_fetch_rejects_bad_session_and_empty_scope():
    with pytest.raises(ValueError, match="session must be a tf.compat.v1.Session, got NoneType"):
        fetch_variables(None)
    with tf1_session() as (_, session):
        with pytest.raises(ValueError, match="scope 'nothing'"):
            fetch_variables(session, "nothing")


def test_bad_seed_is_rejected():
    with pytest.raises(ValueError, match="seed must be an int"):
        with tf1_session(-1):
            pass
