"""A file's grids read on another thread while the command still imports pandas and storykit.

`storykit inspect FILE` knows its file before Python has imported pandas (about 0.2 s) and the
half of storykit that analyses and tells the story (about 0.1 s), all on one core. Meanwhile zlib
inflates and pyarrow parses the file on the other core (both let go of the interpreter while they
work: text_arrow.py, which imports nothing of pandas); the cells become a DataFrame once pandas is
there. The reader asks `take` first: it gets the grids only for the same name and the same bytes,
with the error the reading raised if it failed, and reads the file itself otherwise. One file at a
time, for the command only; the library's callers never start one. This module imports no pandas.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

from storykit.ingest import text_arrow

if TYPE_CHECKING:
    from storykit.ingest.grid import Grid

_LOCK = threading.Lock()
_PENDING: dict[str, tuple[bytes, Future[list[Grid]]]] = {}


def start(name: str, data: bytes) -> None:
    """Read `data`'s grids on a thread of their own, for `take(name, data)`."""
    future: Future[list[Grid]] = Future()

    def read() -> None:
        try:
            parsed = text_arrow.parse_early(name, data)
            from storykit.ingest.grid import read_grids  # waits here until the command has imported pandas

            future.set_result(read_grids(name, data, parsed=parsed))
        except BaseException as e:  # kept for take, which raises it where the read was asked
            future.set_exception(e)

    with _LOCK:
        _PENDING.clear()  # one at a time: an earlier one nobody took is let go
        _PENDING[name] = (data, future)
    threading.Thread(target=read, name="storykit-read-ahead", daemon=True).start()


def take(name: str, data: bytes) -> list[Grid] | None:
    """The grids read ahead for exactly this file, or None; a failed read raises its error here."""
    with _LOCK:
        found = _PENDING.pop(name, None)
    if found is None or found[0] != data:
        return None
    return found[1].result()
