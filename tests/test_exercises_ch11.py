import keras
import pytest

from helpers.exercises.ch11 import check_ch11_ex1, check_ch11_ex2

SUFFIXES = {None: "", "momentum": "/Adam", "velocity": "/Adam_1"}


def test_ex1_accepts_tf1_names():
    def tf1_key(path, slot=None):
        return path.replace("/kernel", "/weights") + SUFFIXES[slot]

    result = check_ch11_ex1(tf1_key)
    assert result.passed and repr(result).startswith("Correct! ")


@pytest.mark.parametrize(
    "tf1_key, message",
    [
        (
            lambda path, slot=None: (
                path.replace("/kernel", "/weights")
                + {None: "", "momentum": "/Adam_1", "velocity": "/Adam"}[slot]
            ),
            "Adam holds the mean of the gradients",
        ),
        (lambda path, slot=None: path + SUFFIXES[slot], "gives 'layer0/kernel'"),
        (lambda path, slot=None: path.replace("/kernel", "/weights"), "not 'dense_3/weights/Adam'"),
    ],
)
def test_ex1_rejects_typical_mistakes(tf1_key, message):
    result = check_ch11_ex1(tf1_key)
    assert not result.passed and message in result.message, result.message


def test_ex1_reports_an_exception_and_refuses_non_callables():
    result = check_ch11_ex1(lambda path, slot=None: {}[slot])
    assert not result.passed and "raised KeyError" in result.message
    with pytest.raises(ValueError, match="expected a function tf1_key"):
        check_ch11_ex1("layer0/weights")


def test_ex2_accepts_backup_and_restore():
    assert check_ch11_ex2(lambda folder: [keras.callbacks.BackupAndRestore(folder)]).passed


def test_ex2_rejects_model_checkpoint_and_nothing():
    def keep(folder):
        return [keras.callbacks.ModelCheckpoint(folder + "/m.weights.h5", save_weights_only=True)]

    result = check_ch11_ex2(keep)
    assert not result.passed and "fit never reads them back" in result.message, result.message
    assert "started again from scratch" in result.message
    result = check_ch11_ex2(lambda folder: [])
    assert not result.passed and "wrote nothing" in result.message
    result = check_ch11_ex2(lambda folder: ["BackupAndRestore"])
    assert not result.passed and "a list of Keras callbacks" in result.message


def test_ex2_rejects_a_backup_elsewhere_or_too_rare(tmp_path):
    elsewhere = str(tmp_path / "elsewhere")
    result = check_ch11_ex2(lambda folder: [keras.callbacks.BackupAndRestore(elsewhere)])
    assert not result.passed and "wrote nothing into the folder" in result.message
    result = check_ch11_ex2(lambda folder: [keras.callbacks.BackupAndRestore(folder, save_freq=4)])
    assert not result.passed and "not from the last finished epoch" in result.message, (
        result.message
    )


def test_ex2_refuses_non_callables():
    with pytest.raises(ValueError, match="expected a function resume_callbacks"):
        check_ch11_ex2([keras.callbacks.BackupAndRestore("/tmp/x")])
