"""Collecting what Keras prints or warns, so a cell can check it (chapters 1-5, 7-9)."""

import contextlib
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def recorded_warnings(category: type[Warning] = Warning) -> Iterator[list[str]]:
    """Yield a list; `category` warnings raised inside add their messages (chapters 1-5, 7-9)."""
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise ValueError(f"category must be a Warning subclass, got {category!r}")
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield messages
        finally:
            messages.extend(str(w.message) for w in caught if issubclass(w.category, category))


def summary_text(model: object) -> str:
    """The text `model.summary()` prints, as one string, with nothing displayed (chapters 3, 4)."""
    summary = getattr(model, "summary", None)
    if not callable(summary):
        raise ValueError(
            f"expected a Keras model or layer with .summary(), got {type(model).__name__}"
        )
    from IPython.utils.capture import capture_output

    lines: list[str] = []
    with capture_output():  # rich, which draws the table, leaves empty displays behind
        summary(print_fn=lines.append)
    return "".join(lines)
