import keras
import numpy as np
import pytest

from helpers import compare_arrays, compare_models, max_abs_difference


def test_difference_and_report():
    result = compare_arrays(np.zeros((2, 3)), np.full((2, 3), 1e-3), atol=1e-2)
    assert result.max_abs_diff == pytest.approx(1e-3) and result.size == 6 and result.close
    assert str(result) == (
        "max |a - b| = 0.001, mean |a - b| = 0.001 over 6 values (atol 0.01): same within tolerance"
    )
    assert not compare_arrays(np.zeros(2), np.ones(2)).close
    assert "DIFFERENT" in str(compare_arrays(np.zeros(2), np.ones(2)))


def test_nested_outputs_and_tensors():
    a = [keras.ops.zeros((2,)), {"x": np.ones(3)}]
    b = [np.zeros(2), {"x": np.ones(3) * 2}]
    assert max_abs_difference(a, b) == 1.0


def test_models_are_compared_in_inference_mode():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dropout(0.9), keras.layers.Dense(2)])
    x = np.ones((5, 3), dtype="float32")
    assert compare_models(model, model, x).max_abs_diff == 0.0


def test_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"got \(2, 3\) and \(3, 2\)"):
        compare_arrays(np.zeros((2, 3)), np.zeros((3, 2)))


def test_output_count_mismatch():
    with pytest.raises(ValueError, match="same number of outputs, got 2 and 1"):
        compare_arrays([np.zeros(2), np.zeros(2)], [np.zeros(2)])


@pytest.mark.parametrize("bad", [-1.0, "1e-5", None, True])
def test_bad_tolerance(bad):
    with pytest.raises(ValueError, match="atol must be a non-negative number"):
        compare_arrays(np.zeros(2), np.zeros(2), atol=bad)


def test_empty_and_nonfinite_inputs():
    with pytest.raises(ValueError, match="nothing to compare"):
        compare_arrays(np.zeros(0), np.zeros(0))
    with pytest.raises(ValueError, match="must be finite"):
        compare_arrays(np.array([np.nan]), np.array([0.0]))
    with pytest.raises(ValueError, match="at least one array"):
        compare_arrays([], [])


def test_non_model_is_rejected():
    with pytest.raises(ValueError, match="model_b must be a callable Keras model, got int"):
        compare_models(lambda x, training: x, 3, np.zeros(2))
