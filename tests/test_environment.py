import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import environment
from helpers.environment import (
    SETTINGS,
    environment_report,
    overridden_settings,
    pin_numerics,
    read_pins,
    version_differences,
)

SCRIPT = Path(environment.__file__)


@pytest.fixture
def pinned(monkeypatch):
    """The book's environment: every setting pinned, no seed offset."""
    monkeypatch.delenv("BOOK_SEED_OFFSET", raising=False)
    for name, value in SETTINGS.items():
        monkeypatch.setenv(name, value)


def test_settings_have_no_spaces_for_the_makefile():
    for name, value in SETTINGS.items():
        assert value and not any(ch.isspace() for ch in name + value), (name, value)


def test_script_prints_every_setting_once():
    out = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [f"{name}={value}" for name, value in SETTINGS.items()]


def test_script_imports_neither_numpy_nor_tensorflow():
    code = (
        f"import runpy, sys; runpy.run_path({str(SCRIPT)!r}); print('numpy' in sys.modules, "
        "'tensorflow' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[-2:] == ["False", "False"]


def test_pin_sets_missing_and_keeps_existing(monkeypatch):
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX")
    with pytest.warns(
        RuntimeWarning, match="restart the kernel"
    ):  # numpy is loaded in this process
        pin_numerics()
    assert os.environ["ONEDNN_MAX_CPU_ISA"] == "AVX"
    assert all(
        os.environ[name] == value
        for name, value in SETTINGS.items()
        if name != "ONEDNN_MAX_CPU_ISA"
    )
    assert overridden_settings() == {"ONEDNN_MAX_CPU_ISA": "AVX"}


def test_pin_is_silent_when_everything_is_set(pinned, recwarn):
    pin_numerics()
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_overridden_settings_names_unset_ones():
    assert overridden_settings({}) == {name: "(unset)" for name in SETTINGS}
    assert overridden_settings(dict(SETTINGS)) == {}


def test_read_pins(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text(
        "# comment\nTensorFlow==2.21.0\nnumpy == 2.4.6  # why\nsome_pkg==1.0 ; "
        "python_version>'3'\n-e .\nloose>=1\n"
    )
    assert read_pins(path) == {"tensorflow": "2.21.0", "numpy": "2.4.6", "some-pkg": "1.0"}


def test_read_pins_of_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="expected a requirements file"):
        read_pins(tmp_path / "nothing.txt")


def test_version_differences():
    assert version_differences({"pytest": "0.0.1"}) == {"pytest": (pytest.__version__, "0.0.1")}
    assert version_differences({"pytest": pytest.__version__}) == {}
    assert version_differences({"no-such-package-here": "1"}) == {
        "no-such-package-here": ("not installed", "1")
    }
    with pytest.raises(ValueError, match="pinned in requirements.txt, got 'keras'"):
        version_differences({"pytest": "1"}, ("keras",))


def test_the_book_environment_is_as_pinned(pinned):
    assert environment_report().startswith(
        "As pinned: TensorFlow 2.21.0, Keras 3.15.1, NumPy 2.4.6;"
    )


def test_report_names_an_override(pinned, monkeypatch):
    monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "8")
    assert "TF_NUM_INTRAOP_THREADS=8 (pinned 2)" in environment_report()
    assert environment_report().startswith("Not as pinned")


def test_report_names_a_seed_offset(pinned, monkeypatch):
    monkeypatch.setenv("BOOK_SEED_OFFSET", "1000")
    assert "BOOK_SEED_OFFSET=1000 (other seeds)" in environment_report()
