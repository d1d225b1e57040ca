"""What a reader types in a chapter's exercises: blanks, checks, hints, solutions and progress."""

import importlib
import json
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from helpers.exercises.feedback import Feedback

BLANK_NAME = "____"
NOTEBOOKS = Path(__file__).resolve().parents[3] / "notebooks"


class BlankError(TypeError):
    """Raised where code uses a ``____`` still to be replaced (every chapter's exercises)."""


class Blank:
    """The ``____`` placeholder a starter cell leaves for the reader to replace (every chapter)."""

    def __repr__(self) -> str:
        return BLANK_NAME

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise BlankError(f"{BLANK_NAME} is a blank: replace it with your code")

    __bool__ = __call__ = __iter__ = __len__ = __index__ = __int__ = __float__ = _refuse
    __format__ = __getitem__ = __neg__ = __abs__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = _refuse


____ = Blank()


def _code_names_blank(code: types.CodeType) -> bool:
    """Whether compiled code, or code nested in it, refers to ``____`` (every chapter)."""
    if BLANK_NAME in code.co_names:
        return True
    return any(
        isinstance(const, types.CodeType) and _code_names_blank(const) for const in code.co_consts
    )


def _functions_of(cls: type) -> Iterator[types.FunctionType]:
    """The functions a class defines itself: methods, static and class methods, properties."""
    for member in vars(cls).values():
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        candidates = (member.fget, member.fset) if isinstance(member, property) else (member,)
        yield from (f for f in candidates if isinstance(f, types.FunctionType))


def caused_by_blank(error: BaseException | None) -> bool:
    """Whether an error, or one it was raised from, came from using ``____`` (every chapter)."""
    for _ in range(10):
        if error is None:
            return False
        if isinstance(error, BlankError) or BLANK_NAME in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def has_blanks(value: object, _depth: int = 0) -> bool:
    """Whether an answer is, holds, or is code that still refers to ``____`` (every chapter)."""
    if isinstance(value, Blank):
        return True
    if _depth > 3:
        return False
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(has_blanks(item, _depth + 1) for item in value)
    if isinstance(value, dict):
        return any(has_blanks(item, _depth + 1) for item in value.values())
    if isinstance(value, types.FunctionType):
        return _code_names_blank(value.__code__)
    cls = value if isinstance(value, type) else type(value)
    if cls.__module__ == "__main__":  # a class the reader wrote in the notebook
        return any(_code_names_blank(function.__code__) for function in _functions_of(cls))
    return False


@dataclass
class Exercise:
    """One exercise: ``check`` an answer, ``hint(n)``, ``solution()`` (every chapter)."""

    chapter: str
    number: int
    checker: Callable[..., Feedback]
    to_fill: str
    hints: tuple[str, ...]
    notebook: str = ""  # the notebook's number, "05b", when not the chapter's own
    status: str = field(default="not started", init=False)

    def __post_init__(self) -> None:
        if not self.hints:
            raise ValueError(f"exercise {self.label} needs at least one hint, got none")

    @property
    def label(self) -> str:
        """``"1.2"`` for chapter 1's exercise 2 (every chapter's exercises)."""
        return f"{self.chapter}.{self.number}"

    def _record(self, feedback: Feedback) -> Feedback:
        if feedback.passed:
            self.status = "passed"
        elif feedback.attempted and self.status != "passed":
            self.status = "attempted"
        return feedback

    def _unattempted(self, stopped: BaseException | None = None) -> Feedback:
        stop = f" (the code stopped at {type(stopped).__name__} because of them)" if stopped else ""
        return Feedback.unattempted(
            f"replace each {BLANK_NAME} with {self.to_fill}, and run the cell again{stop}. "
            f"Stuck? ex{self.number}.hint() gives a hint, ex{self.number}.solution() the answer."
        )

    def verdict(self, *answers: object) -> Feedback:
        """The checker's Feedback, or "Not attempted yet" for blanks; records it (every chapter)."""
        if any(has_blanks(answer) for answer in answers):
            return self._record(self._unattempted())
        try:
            feedback = self.checker(*answers)
        except Exception as error:  # a blank hidden in an object the checker used
            if caused_by_blank(error):
                return self._record(self._unattempted(error))
            raise
        return self._record(feedback)

    def check(self, *answers: object) -> None:
        """Print the verdict on an answer, as a starter or solution cell does (every chapter)."""
        # The code that calls check() is the notebook cell, as IPython compiles each cell on its
        # own: called from inside a function, only that function's code is looked at.
        if _code_names_blank(sys._getframe(1).f_code):  # the calling cell still has blanks
            print(self._record(self._unattempted()))
        else:
            print(self.verdict(*answers))

    def __enter__(self) -> "Exercise":
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, traceback: object) -> bool:
        """Turn an error that a ``____`` caused into "Not attempted yet" (every chapter)."""
        if isinstance(error, Exception) and caused_by_blank(error):
            print(self._record(self._unattempted(error)))
            return True
        return False  # no error, or the reader's own: Python shows it

    def hint(self, n: int = 1) -> None:
        """Print hint ``n`` of this exercise, 1 for the first (every chapter's exercises)."""
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(self.hints):
            raise ValueError(f"hint number must be an int from 1 to {len(self.hints)}, got {n!r}")
        more = f" (ex{self.number}.hint({n + 1}) for the next one)" if n < len(self.hints) else ""
        print(f"Hint {n} of {len(self.hints)}: {self.hints[n - 1]}{more}")

    def notebook_path(self, folder: Path | None = None) -> Path:
        """The notebook that holds this exercise's cells (every chapter's exercises)."""
        folder = NOTEBOOKS if folder is None else folder
        prefix = self.notebook or self.chapter.zfill(2)
        matches = [  # JupyterLab's duplicates, "...-Copy1.ipynb", are not the chapter
            path for path in sorted(folder.glob(f"{prefix}_*.ipynb")) if "-Copy" not in path.stem
        ]
        if len(matches) != 1:
            raise ValueError(
                f"expected one notebook for chapter {self.chapter} in {folder.name}/, "
                f"found {len(matches)}"
            )
        return matches[0]

    def solution_source(self, folder: Path | None = None) -> str:
        """The source of the exercise's solution cell in its notebook (every chapter)."""
        notebook = self.notebook_path(folder)
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        wanted = f"ex{self.number}-solution"
        for cell in cells:
            if cell.get("id") == wanted:
                source = cell["source"]
                return source if isinstance(source, str) else "".join(source)
        raise ValueError(f"{notebook.name} has no cell with id {wanted!r}")

    def solution(self) -> None:
        """Print the solution: the code of the chapter's collapsed solution cell (every chapter)."""
        print(f"Exercise {self.label}, a solution:\n\n{self.solution_source()}")


class Chapter:
    """A chapter's exercises: ``ex1, ex2 = chapter(1)``, then ``progress()`` (every chapter)."""

    def __init__(self, name: str, exercises: list[Exercise]) -> None:
        self.name = name
        self.exercises = exercises

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def exercise(self, number: int) -> Exercise:
        """Exercise ``number`` of the chapter, for a notebook that holds only some (chapter 5)."""
        for exercise in self.exercises:
            if exercise.number == number:
                return exercise
        numbers = [exercise.number for exercise in self.exercises]
        raise ValueError(f"chapter {self.name} has exercises {numbers}, got {number!r}")

    def progress(self) -> None:
        """Print each exercise: passed, attempted or not started in this kernel (every chapter)."""
        done = sum(exercise.status == "passed" for exercise in self.exercises)
        print(
            f"Chapter {self.name}: {done} of {len(self.exercises)} exercises passed in this session"
        )
        split = any(exercise.notebook for exercise in self.exercises)
        for exercise in self.exercises:
            where = f" (notebook {exercise.notebook_path().stem[:3].rstrip('_')})" if split else ""
            print(f"  Exercise {exercise.label}{where}: {exercise.status}")


# The chapters whose exercises have starter cells, and the modules of their checkers.
STARTED = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")
CHAPTER_MODULES = {name: f"ch{int(name):02d}" for name in STARTED}
_CHAPTERS: dict[str, Chapter] = {}


def chapter(name: int | str) -> Chapter:
    """The exercises of chapter ``name``, one set per kernel (every chapter's exercises)."""
    key = str(name)
    if key not in CHAPTER_MODULES:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTER_MODULES)}, got {name!r}")
    if key not in _CHAPTERS:
        module = importlib.import_module(f"helpers.exercises.{CHAPTER_MODULES[key]}")
        _CHAPTERS[key] = Chapter(
            key,
            [
                Exercise(key, number, checker, to_fill, tuple(hints), *where)
                for number, (checker, to_fill, hints, *where) in module.EXERCISES.items()
            ],
        )
    return _CHAPTERS[key]
