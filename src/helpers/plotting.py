"""Figures: learning curves."""

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
from matplotlib.figure import Figure


def plot_history(
    history: object, metrics: Sequence[str] | None = None, title: str | None = None
) -> Figure:
    """A panel per metric, train and validation curves, from a History or dict (chapters 1, 8)."""
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping) or not logs:
        raise ValueError(
            "history must be a keras History or a non-empty dict of metric lists, "
            f"got {type(history).__name__}"
        )
    available = sorted(k for k in logs if not k.startswith("val_"))
    metrics = list(available if metrics is None else metrics)
    unknown = [m for m in metrics if m not in logs]
    if not metrics or unknown:
        raise ValueError(f"metrics must be among {available}, got {metrics}")
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.5 * len(metrics), 3.2), squeeze=False)
    for ax, name in zip(axes[0], metrics):
        epochs = range(1, len(logs[name]) + 1)
        ax.plot(epochs, logs[name], label="training")
        if f"val_{name}" in logs:
            ax.plot(epochs, logs[f"val_{name}"], label="validation")
        ax.set(xlabel="epoch", title=name)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
