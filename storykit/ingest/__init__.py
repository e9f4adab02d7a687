"""Reading time logs: any export or hand-made sheet to one canonical TimeLog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from storykit.errors import ReadError
from storykit.ingest.reader import read_file
from storykit.model import TimeLog

__all__ = ["combine", "load", "read_file"]


def load(*inputs: str | Path | tuple[str, bytes], mappings: dict[str, dict[str, str]] | None = None) -> TimeLog:
    """Read and combine files given as paths or (name, bytes) pairs; every row keeps its file."""
    logs = []
    for item in inputs:
        if isinstance(item, tuple):
            name, data = item
        else:
            path = Path(item)
            name = str(item)
            try:
                data = path.read_bytes()
            except OSError as e:
                raise ReadError(f"cannot open the file ({e.strerror})", file=str(item)) from None
        chosen = (mappings or {}).get(name) or (mappings or {}).get(Path(name).name)  # projects key by file name
        logs.append(read_file(name, data, chosen))
    return combine(logs)


def combine(logs: Iterable[TimeLog]) -> TimeLog:
    logs = list(logs)
    if len(logs) == 1:
        return logs[0]
    frame = pd.concat([log.frame for log in logs], ignore_index=True)
    return TimeLog(
        frame,
        tuple(s for log in logs for s in log.sources),
        tuple(s for log in logs for s in log.skipped),
        tuple(s for log in logs for s in log.flagged),
    )
