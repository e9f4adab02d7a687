"""Progress of long reads: a callback `(fraction done 0..1, what is happening)` and its helpers.

The library only calls it; the app turns it into st.progress and the CLI into a bar on a
terminal. A read that is passed no callback reports to `quiet`.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


def quiet(fraction: float, text: str) -> None:
    """The callback of a read nobody watches."""


def part(progress: Progress | None, start: float, end: float) -> Progress:
    """A callback for one step of a larger read: its 0..1 maps to start..end of the whole."""
    if progress is None:
        return quiet

    def report(fraction: float, text: str) -> None:
        progress(start + (end - start) * min(max(fraction, 0.0), 1.0), text)

    return report
