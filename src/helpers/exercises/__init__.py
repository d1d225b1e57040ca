"""Checkers for the end-of-chapter exercises: each returns Feedback, never a bare AssertionError."""

from helpers.exercises.feedback import Feedback

__all__ = ["Feedback"]
from helpers.exercises.ch01 import *  # noqa: F401,F403
from helpers.exercises.ch02 import *  # noqa: F401,F403
from helpers.exercises.ch03 import *  # noqa: F401,F403
from helpers.exercises.ch04 import *  # noqa: F401,F403
from helpers.exercises.ch05 import *  # noqa: F401,F403
from helpers.exercises.ch06 import *  # noqa: F401,F403
from helpers.exercises.ch07 import *  # noqa: F401,F403
from helpers.exercises.ch08 import *  # noqa: F401,F403
from helpers.exercises.ch09 import *  # noqa: F401,F403
