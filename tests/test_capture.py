import warnings

import keras
import pytest

from helpers import recorded_warnings, summary_text


def test_recorded_warnings_collects_messages_of_the_category():
    with recorded_warnings(UserWarning) as messages:
        warnings.warn("first", UserWarning)
        warnings.warn("second", DeprecationWarning)
        warnings.warn("first", UserWarning)  # "always": repeats are kept
    assert messages == ["first", "first"]


def test_recorded_warnings_default_takes_every_warning():
    with recorded_warnings() as messages:
        warnings.warn("a", UserWarning)
        warnings.warn("b", DeprecationWarning)
    assert messages == ["a", "b"]


def test_recorded_warnings_fills_even_when_the_block_raises():
    with pytest.raises(RuntimeError), recorded_warnings() as messages:
        warnings.warn("before the error", UserWarning)
        raise RuntimeError("boom")
    assert messages == ["before the error"]


def test_recorded_warnings_catches_keras_input_shape_warning():
    with recorded_warnings(UserWarning) as messages:
        keras.layers.Dense(3, input_shape=(4,))
    assert any("Input(shape)" in m for m in messages)


@pytest.mark.parametrize("bad", [UserWarning("x"), int, "UserWarning", None])
def test_recorded_warnings_rejects_a_non_warning_category(bad):
    with pytest.raises(ValueError, match="category must be a Warning subclass"):
        with recorded_warnings(bad):
            pass


def test_summary_text_returns_the_table_as_text():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="head")])
    text = summary_text(model)
    assert "head" in text and "Total params: 15" in text


@pytest.mark.parametrize("bad", [None, 3, "model"])
def test_summary_text_rejects_what_has_no_summary(bad):
    with pytest.raises(ValueError, match="expected a Keras model or layer"):
        summary_text(bad)
