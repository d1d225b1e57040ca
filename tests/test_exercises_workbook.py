"""The reader's side of the exercises: blanks, the with-block, hints, solutions, progress."""

import inspect
import json
from pathlib import Path

import pytest

from helpers.exercises import BlankError, Exercise, Feedback, ____, chapter, has_blanks
from helpers.exercises.workbook import CHAPTER_MODULES

SOLUTION_TAGS = {"hide-input"}
BLANK = ____  # tests name it BLANK: check() treats a caller whose code names ____ as unfinished


def _exercise(checker=lambda answer: Feedback.ok("fine") if answer == 1 else Feedback.fail("no")):
    return Exercise("1", 1, checker, "a number", ("first hint", "second hint"))


def _reader_function():
    return ____


def _reader_function_filled():
    return 1


def test_feedback_has_a_third_verdict_for_blanks():
    feedback = Feedback.unattempted("fill in the layer")
    assert not feedback.passed and not feedback.attempted
    assert repr(feedback) == "Not attempted yet: fill in the layer"
    with pytest.raises(ValueError, match="attempted"):
        Feedback(True, "a pass that was never attempted", attempted=False)
    with pytest.raises(ValueError, match="attempted"):
        Feedback(False, "not a bool", attempted="no")


@pytest.mark.parametrize(
    "answer",
    [____, [1, ____], {"units": ____}, (1, [____]), _reader_function],
)
def test_has_blanks_finds_them_in_values_containers_and_code(answer):
    assert has_blanks(answer)


@pytest.mark.parametrize("answer", [1, [1, 2], {"units": 3}, _reader_function_filled, len, "____"])
def test_has_blanks_leaves_real_answers_alone(answer):
    assert not has_blanks(answer)


def test_has_blanks_reads_the_methods_of_a_class_the_reader_wrote():
    namespace = {"____": ____}
    exec(
        "class Scale:\n    def call(self, x):\n        return x * ____\n"
        "class Done:\n    def call(self, x):\n        return x * 2\n",
        namespace,
    )
    namespace["Scale"].__module__ = namespace["Done"].__module__ = "__main__"
    assert has_blanks(namespace["Scale"]) and has_blanks(namespace["Scale"]())
    assert not has_blanks(namespace["Done"]())


def test_check_prints_the_three_verdicts_and_records_the_status(capsys):
    exercise = _exercise()
    assert exercise.status == "not started"
    exercise.check(BLANK)
    assert capsys.readouterr().out.startswith("Not attempted yet: replace each ____ with a number")
    assert exercise.status == "not started"
    exercise.check(2)
    assert capsys.readouterr().out == "Not yet. no\n" and exercise.status == "attempted"
    exercise.check(1)
    assert capsys.readouterr().out == "Correct! fine\n" and exercise.status == "passed"
    exercise.check(2)
    assert exercise.status == "passed", "a pass stays a pass"


def test_with_block_turns_an_error_from_blanks_into_not_attempted(capsys):
    exercise = _exercise()
    namespace = {"____": ____, "exercise": exercise}
    exec("with exercise:\n    answer = int(____)\n    exercise.check(answer)\n", namespace)
    out = capsys.readouterr().out
    assert out.startswith("Not attempted yet:") and "BlankError" in out
    assert exercise.status == "not started"


def test_with_block_lets_a_real_error_through():
    exercise = _exercise()
    namespace = {"exercise": exercise}
    with pytest.raises(ZeroDivisionError):
        exec("with exercise:\n    answer = 1 / 0\n", namespace)


def test_hints_come_in_order_and_say_how_many(capsys):
    exercise = _exercise()
    exercise.hint()
    assert capsys.readouterr().out == "Hint 1 of 2: first hint (ex1.hint(2) for the next one)\n"
    exercise.hint(2)
    assert capsys.readouterr().out == "Hint 2 of 2: second hint\n"
    for wrong in (0, 3, "1"):
        with pytest.raises(ValueError, match="from 1 to 2"):
            exercise.hint(wrong)


def test_an_exercise_needs_a_hint():
    with pytest.raises(ValueError, match="at least one hint"):
        Exercise("1", 1, lambda answer: Feedback.ok("fine"), "a number", ())


def test_chapter_rejects_an_unknown_name():
    with pytest.raises(ValueError, match="chapter must be one of"):
        chapter(42)


def test_progress_lists_every_exercise(capsys):
    exercises = chapter("1")
    assert chapter(1) is exercises, "one set per kernel"
    exercises.progress()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Chapter 1: ") and len(lines) == 1 + len(exercises)


def _text(cell):
    return "".join(
        "".join(output.get("text", "")) or "".join(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("name", sorted(CHAPTER_MODULES))
def test_every_exercise_has_hints_a_starter_and_a_collapsed_solution_that_passes(name):
    for exercise in chapter(name):
        cells = json.loads(exercise.notebook_path().read_text(encoding="utf-8"))["cells"]
        by_id = {cell.get("id"): cell for cell in cells}
        headings = ["".join(c["source"]).startswith("## Exercises") for c in cells]
        assert sum(headings) == 1, f"{exercise.label}: {sum(headings)} '## Exercises' headings"
        assert len(exercise.hints) >= 2, f"exercise {exercise.label}: give hints in steps"
        starter = by_id.get(f"ex{exercise.number}-starter")
        assert starter is not None, f"exercise {exercise.label} has no starter cell"
        assert "____" in "".join(starter["source"]), f"exercise {exercise.label}: no blanks"
        assert _text(starter).startswith("Not attempted yet:"), exercise.label
        solution = by_id.get(f"ex{exercise.number}-solution")
        assert solution is not None, f"exercise {exercise.label} has no solution cell"
        assert SOLUTION_TAGS <= set(solution["metadata"].get("tags", [])), exercise.label
        assert solution["metadata"].get("jupyter", {}).get("source_hidden") is True, (
            f"exercise {exercise.label}'s solution is not collapsed in JupyterLab"
        )
        verdict = _text(solution).strip().splitlines()[-1]  # what the check printed last
        assert verdict.startswith("Correct!"), f"exercise {exercise.label}'s solution fails"
        assert "____" not in "".join(solution["source"])
        assert exercise.solution_source() == "".join(solution["source"]), "one source"


def test_solution_source_says_what_is_missing(tmp_path: Path):
    exercise = _exercise()
    with pytest.raises(ValueError, match="expected one notebook for chapter 1"):
        exercise.solution_source(tmp_path)
    (tmp_path / "01_x.ipynb").write_text(json.dumps({"cells": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="no cell with id 'ex1-solution'"):
        exercise.solution_source(tmp_path)


def test_a_blank_refuses_to_be_used():
    uses = (bool, int, len, iter, lambda blank: blank(), lambda blank: range(blank))
    more = (lambda blank: f"{blank:.3f}", lambda blank: 1 + blank, lambda blank: blank[0])
    compared = (lambda blank: blank <= 0, lambda blank: 0 < blank, lambda blank: blank > 1.5)
    for use in uses + more + compared:
        with pytest.raises(BlankError, match="is a blank"):
            use(____)


def test_check_in_a_cell_that_still_has_blanks_is_not_attempted(capsys):
    exercise = _exercise()
    namespace = {"____": ____, "exercise": exercise}
    exec("unused = [____]\nexercise.check(1)\n", namespace)
    assert capsys.readouterr().out.startswith("Not attempted yet:")
    assert exercise.status == "not started"


def test_chapter_exercise_picks_one_and_rejects_others():
    exercises = chapter(5)
    assert exercises.exercise(3).notebook == "05b"
    assert exercises.exercise(3).notebook_path().name.startswith("05b_")
    with pytest.raises(ValueError, match=r"has exercises \[1, 2, 3\], got 4"):
        exercises.exercise(4)


def test_with_block_re_raises_the_readers_own_error_even_with_blanks_left():
    exercise = _exercise()
    namespace = {"____": ____, "exercise": exercise}
    with pytest.raises(ZeroDivisionError):
        exec("with exercise:\n    unused = [____]\n    1 / 0\n", namespace)


def test_an_error_that_names_the_blank_or_comes_from_one_counts_as_a_blank(capsys):
    exercise = _exercise()
    namespace = {"____": ____, "exercise": exercise}
    exec(
        "with exercise:\n"
        "    try:\n        int(____)\n"
        "    except TypeError as error:\n        raise ValueError('wrapped') from error\n",
        namespace,
    )
    assert capsys.readouterr().out.startswith("Not attempted yet:")
    exec("with exercise:\n    raise ValueError(f'Could not interpret {____!r}')\n", namespace)
    assert "ValueError" in capsys.readouterr().out


def test_a_blank_hidden_in_an_object_the_checker_uses_is_not_attempted():
    def checker(answer):
        return Feedback.ok(str(int(answer.value)))

    exercise = Exercise("1", 1, checker, "a number", ("hint",) * 2)
    holder = type("Holder", (), {"value": BLANK})()
    assert repr(exercise.verdict(holder)).startswith("Not attempted yet:")
    with pytest.raises(ValueError, match="from 1 to 2"):
        exercise.hint(True)


@pytest.mark.parametrize(
    "exercise",
    [e for name in sorted(CHAPTER_MODULES) for e in chapter(name)],
    ids=lambda e: e.label,
)
def test_every_checker_refuses_a_wrong_type_with_a_value_error(exercise):
    required = [
        parameter
        for parameter in inspect.signature(exercise.checker).parameters.values()
        if parameter.default is inspect.Parameter.empty
    ]
    with pytest.raises(ValueError):
        exercise.checker(*[object()] * len(required))
