import keras
import numpy as np
import pytest

from helpers import plot_history


def test_one_panel_per_metric_with_validation_curves():
    logs = {
        "loss": [1.0, 0.5],
        "val_loss": [1.1, 0.7],
        "accuracy": [0.5, 0.8],
        "val_accuracy": [0.4, 0.7],
    }
    fig = plot_history(logs, title="run")
    assert [ax.get_title() for ax in fig.axes] == ["accuracy", "loss"]
    assert all(len(ax.lines) == 2 for ax in fig.axes)
    assert fig._suptitle.get_text() == "run"


def test_accepts_a_keras_history():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 2)), np.zeros((4, 1)), epochs=2, verbose=0)
    fig = plot_history(history, metrics=["loss"])
    assert len(fig.axes) == 1 and len(fig.axes[0].lines[0].get_xdata()) == 2


@pytest.mark.parametrize("bad", [None, {}, [1, 2], "loss"])
def test_bad_history_is_rejected(bad):
    with pytest.raises(ValueError, match="history must be a keras History"):
        plot_history(bad)


def test_unknown_metric_is_rejected():
    with pytest.raises(ValueError, match=r"metrics must be among \['loss'\], got \['acc'\]"):
        plot_history({"loss": [1.0]}, metrics=["acc"])


def test_empty_metric_list_is_rejected():
    with pytest.raises(ValueError, match="metrics must be among"):
        plot_history({"loss": [1.0]}, metrics=[])
