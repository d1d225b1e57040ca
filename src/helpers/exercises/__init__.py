"""Checkers for the end-of-chapter exercises: each returns Feedback, never a bare AssertionError."""

from helpers.exercises.feedback import Feedback

__all__ = ["Feedback"]
