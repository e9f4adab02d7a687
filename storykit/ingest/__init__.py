"""Reading time logs: any export or hand-made sheet to one canonical TimeLog.

`load`, `combine` and `read_file` are imported on first use, so that a step of the reader
(grid.py, to read a file ahead: ahead.py) can be imported without all of the reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storykit.ingest.logs import combine, load
    from storykit.ingest.reader import read_file

_WHERE = {"load": "storykit.ingest.logs", "combine": "storykit.ingest.logs", "read_file": "storykit.ingest.reader"}
__all__ = ["combine", "load", "read_file"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'storykit.ingest' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_WHERE[name]), name)
    return value
