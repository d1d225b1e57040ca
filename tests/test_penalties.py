import math
import os
import tempfile

import keras
import numpy as np
import pytest

from helpers.penalties import ActivityPenalty


def _model(weight: float = 0.5) -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(3, activation="relu")(inputs)
    hidden = ActivityPenalty(weight, name="penalty")(hidden)
    return keras.Model(inputs, keras.layers.Dense(2)(hidden))


def test_output_is_the_input_and_the_loss_is_weight_times_mean_square():
    x = np.array([[1.0, -2.0], [3.0, 0.5]], dtype="float32")
    layer = ActivityPenalty(0.1)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(x)), x)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(layer.losses[0]), 0.1 * np.mean(x**2), rtol=1e-6)


def test_losses_are_replaced_not_accumulated_by_a_second_call():
    model = _model()
    first_input = np.ones((5, 4), dtype="float32")
    second_input = np.linspace(-1, 1, 20, dtype="float32").reshape(5, 4)
    model(second_input)
    alone = [float(v) for v in model.losses]
    model = _model()
    model(first_input)
    first = [float(v) for v in model.losses]
    model(second_input)
    second = [float(v) for v in model.losses]
    assert len(second) == 1 and not np.allclose(second, first), (
        "the second call's loss should differ"
    )
    np.testing.assert_allclose(
        second, alone, err_msg="the second call's loss should replace the first"
    )


def test_config_round_trip_and_registered_name():
    layer = ActivityPenalty(0.25, name="p")
    config = layer.get_config()
    assert config["weight"] == 0.25 and config["name"] == "p"
    clone = ActivityPenalty.from_config(config)
    assert clone.weight == 0.25 and clone.name == "p"
    assert keras.saving.get_registered_name(ActivityPenalty) == "helpers>ActivityPenalty"


def test_keras_file_round_trip_in_safe_mode():
    model = _model()
    x = np.linspace(-1, 1, 24, dtype="float32").reshape(6, 4)
    expected = keras.ops.convert_to_numpy(model(x))
    expected_losses = [float(v) for v in model.losses]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        model.save(path)
        loaded = keras.models.load_model(path)  # safe_mode=True is the default
    assert isinstance(loaded.get_layer("penalty"), ActivityPenalty)
    assert loaded.get_layer("penalty").weight == 0.5
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(loaded(x)), expected)
    np.testing.assert_array_equal([float(v) for v in loaded.losses], expected_losses)


def test_zero_weight_and_integer_weight_are_allowed():
    assert ActivityPenalty(0).weight == 0.0
    assert ActivityPenalty(2).weight == 2.0 and isinstance(ActivityPenalty(2).weight, float)
    assert ActivityPenalty(np.float32(0.5)).weight == 0.5


@pytest.mark.parametrize(
    "bad, message",
    [
        ("0.1", r"weight must be a number, got '0.1' \(str\)"),
        (None, r"weight must be a number, got None \(NoneType\)"),
        (True, r"weight must be a number, got True \(bool\)"),
        (-0.1, r"weight must be a finite number >= 0, got -0.1"),
        (math.inf, r"weight must be a finite number >= 0, got inf"),
        (math.nan, r"weight must be a finite number >= 0, got nan"),
    ],
)
def test_bad_weight_is_rejected(bad, message):
    with pytest.raises(ValueError, match=message):
        ActivityPenalty(bad)
