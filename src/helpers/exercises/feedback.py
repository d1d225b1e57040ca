"""The answer a checker gives the reader."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Feedback:
    """What a checker found: passed or not, and what to look at (every chapter's exercises)."""

    passed: bool
    message: str
    attempted: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.passed, bool):
            raise ValueError(f"passed must be a bool, got {type(self.passed).__name__}")
        if not isinstance(self.attempted, bool) or (self.passed and not self.attempted):
            raise ValueError(
                f"attempted must be a bool, and True when passed, got {self.attempted!r}"
            )
        if not isinstance(self.message, str) or not self.message.strip():
            raise ValueError(f"message must be a non-empty str, got {self.message!r}")

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if not self.attempted:
            return "Not attempted yet: " + self.message
        return ("Correct! " if self.passed else "Not yet. ") + self.message

    __str__ = __repr__

    @classmethod
    def ok(cls, message: str) -> "Feedback":
        """A passing answer, with what it got right (every chapter's exercises)."""
        return cls(True, message)

    @classmethod
    def unattempted(cls, message: str) -> "Feedback":
        """An answer that still has blanks, with what to fill in (every chapter's exercises)."""
        return cls(False, message, attempted=False)

    @classmethod
    def fail(cls, message: str) -> "Feedback":
        """A wrong answer, with what to look at (every chapter's exercises)."""
        return cls(False, message)
