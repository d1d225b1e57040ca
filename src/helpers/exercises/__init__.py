"""The end-of-chapter exercises: checkers returning Feedback, blanks, hints, solutions, progress."""

from helpers.exercises.feedback import Feedback
from helpers.exercises.workbook import (
    Blank,
    BlankError,
    Chapter,
    Exercise,
    ____,
    chapter,
    has_blanks,
)

__all__ = [
    "Feedback",
    "____",
    "Blank",
    "BlankError",
    "Chapter",
    "Exercise",
    "chapter",
    "has_blanks",
]
from helpers.exercises.ch01 import *  # noqa: F401,F403
from helpers.exercises.ch02 import *  # noqa: F401,F403
from helpers.exercises.ch03 import *  # noqa: F401,F403
from helpers.exercises.ch04 import *  # noqa: F401,F403
from helpers.exercises.ch05 import *  # noqa: F401,F403
from helpers.exercises.ch06 import *  # noqa: F401,F403
from helpers.exercises.ch07 import *  # noqa: F401,F403
from helpers.exercises.ch08 import *  # noqa: F401,F403
from helpers.exercises.ch09 import *  # noqa: F401,F403
from helpers.exercises.ch10 import *  # noqa: F401,F403
from helpers.exercises.ch11 import *  # noqa: F401,F403
from helpers.exercises.ch12 import *  # noqa: F401,F403
