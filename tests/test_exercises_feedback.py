import pytest

from helpers.exercises import Feedback


def test_feedback_reads_as_a_sentence_and_is_truthy_when_passed():
    assert repr(Feedback.ok("The model has 3 layers.")) == "Correct! The model has 3 layers."
    assert str(Feedback.fail("Look at the last layer.")) == "Not yet. Look at the last layer."
    assert Feedback.ok("x") and not Feedback.fail("x")


@pytest.mark.parametrize("passed, message", [(1, "x"), (True, ""), (False, None)])
def test_bad_feedback_is_rejected(passed, message):
    with pytest.raises(ValueError, match="must be a"):
        Feedback(passed, message)
