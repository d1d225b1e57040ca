import keras
import numpy as np
import pytest
from keras import ops

from helpers.exercises.ch12 import check_ch12_ex1, check_ch12_ex2


def _mae(count_values: bool):
    class MAE(keras.metrics.Metric):
        def __init__(self, name="mae_test", **kwargs):
            super().__init__(name=name, **kwargs)
            self.total = self.add_variable(shape=(), initializer="zeros", name="total")
            self.count = self.add_variable(shape=(), initializer="zeros", name="count")

        def update_state(self, y_true, y_pred, sample_weight=None):
            errors = ops.abs(ops.convert_to_tensor(y_true) - y_pred)
            if count_values:
                self.total.assign_add(ops.sum(errors))
                self.count.assign_add(ops.cast(ops.size(errors), "float32"))
            else:  # a mean of batch means
                self.total.assign_add(ops.mean(errors))
                self.count.assign_add(1.0)

        def result(self):
            return ops.divide_no_nan(self.total, self.count)

        def reset_state(self):
            self.total.assign(0.0)
            self.count.assign(0.0)

    return MAE


def test_ex1_accepts_a_count_of_values_and_rejects_a_mean_of_batch_means():
    assert check_ch12_ex1(_mae(True)).passed
    result = check_ch12_ex1(_mae(False))
    assert not result.passed and "count values, not batches" in result.message


def test_ex1_rejects_a_fixed_column_count_and_python_counts():
    class ThreeColumns(_mae(True)):
        def update_state(self, y_true, y_pred, sample_weight=None):
            errors = ops.abs(ops.convert_to_tensor(y_true) - y_pred)
            self.total.assign_add(ops.sum(errors))
            self.count.assign_add(ops.cast(ops.shape(errors)[0] * 3, "float32"))

    result = check_ch12_ex1(ThreeColumns)
    assert not result.passed and "With 4 columns" in result.message, result.message

    class PythonCount(_mae(True)):
        def update_state(self, y_true, y_pred, sample_weight=None):
            errors = ops.abs(ops.convert_to_tensor(y_true) - y_pred)
            self.total.assign_add(ops.sum(errors))
            self.count.assign_add(float(np.prod(errors.shape)))

    result = check_ch12_ex1(PythonCount)
    assert not result.passed and "unknown batch size" in result.message, result.message


def test_ex1_rejects_a_metric_that_does_not_reset_and_refuses_instances():
    class Sticky(_mae(True)):
        def reset_state(self):
            pass

    result = check_ch12_ex1(Sticky)
    assert not result.passed and "start over" in result.message
    with pytest.raises(ValueError, match="the class, not an instance"):
        check_ch12_ex1(_mae(True)())


def test_ex2_accepts_serve_and_explains_the_other_answers():
    def serve(folder):
        return keras.layers.TFSMLayer(folder, call_endpoint="serve")

    assert check_ch12_ex2(serve).passed
    result = check_ch12_ex2(lambda folder: keras.layers.TFSMLayer(folder, "serving_default"))
    assert not result.passed and "returns a dict" in result.message, result.message
    result = check_ch12_ex2(lambda folder: keras.models.load_model(folder))
    assert not result.passed and "raised" in result.message


def test_ex2_refuses_a_layer():
    with pytest.raises(ValueError, match="expected a function serving_layer"):
        check_ch12_ex2(keras.layers.Dense(3))
