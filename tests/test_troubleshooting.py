"""The messages book/troubleshooting.md quotes still read that way in the installed code."""

from __future__ import annotations

import sys
from pathlib import Path

import keras
import pytest
from keras.src.utils import model_visualization

from helpers import environment

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "book" / "troubleshooting.md").read_text(encoding="utf-8")


def test_not_as_pinned_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX512_CORE")
    report = environment.environment_report()
    start = "Not as pinned, so last digits may differ from the book's: "
    assert report.startswith(start), report
    assert start.strip() + " ..." in PAGE
    assert "ONEDNN_MAX_CPU_ISA=AVX512_CORE (pinned AVX2)" in report
    assert "ONEDNN_MAX_CPU_ISA=AVX512_CORE (pinned AVX2)" in PAGE


def test_loaded_before_pin_numerics(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "numpy" in sys.modules
    monkeypatch.delenv("TF_NUM_INTRAOP_THREADS", raising=False)
    with pytest.warns(RuntimeWarning) as record:
        environment.pin_numerics()
    message = str(record[0].message)
    assert "loaded before pin_numerics() set TF_NUM_INTRAOP_THREADS" in message
    tail = (
        "restart the kernel and run the Setup cell first, or the numbers may differ from the book's"
    )
    assert message.endswith(tail), message
    assert tail in PAGE


def test_plot_model_without_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_visualization, "check_graphviz", lambda: False)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(ImportError) as error:  # outside a notebook it raises; inside, it prints
        keras.utils.plot_model(model)
    assert str(error.value) in PAGE, str(error.value)
    assert "IPython.core.magics.namespace" in Path(model_visualization.__file__).read_text(
        encoding="utf-8"
    )


def test_site_test_skip_message() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quoted = "Skipped the browser test of the site: Chromium is not installed at"
    assert quoted in makefile and quoted in PAGE
