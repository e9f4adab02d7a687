"""Reading time logs: any export or hand-made sheet to one canonical TimeLog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from storykit.errors import ReadError
from storykit.ingest.reader import read_file
from storykit.model import TimeLog, as_labels
from storykit.progress import Progress, part

__all__ = ["combine", "load", "read_file"]


def load(*inputs: str | Path | tuple[str, bytes], mappings: dict[str, dict[str, str]] | None = None,
         progress: Progress | None = None) -> TimeLog:
    """Read and combine files given as paths or (name, bytes) pairs; every row keeps its file.

    The log is reduced to its person x activity x week cube here, once, so everything after
    loading costs the same for a thousand rows or two million. `progress` (fraction, text)
    hears how far a long read is (see storykit.progress).
    """
    logs = []
    share = 0.95 / max(len(inputs), 1)
    for k, item in enumerate(inputs):
        if isinstance(item, tuple):
            name, data = item
        else:
            path = Path(item)
            name = str(item)
            try:
                data = path.read_bytes()
            except OSError as e:
                raise ReadError(f"cannot open the file ({e.strerror})", file=str(item)) from None
        step = part(progress, k * share, (k + 1) * share)
        chosen = (mappings or {}).get(name) or (mappings or {}).get(Path(name).name)  # projects key by file name
        logs.append(read_file(name, data, chosen,
                              progress=lambda f, text, name=name, step=step: step(f, f"{name}: {text}")))
    log = combine(logs)
    if progress is not None:
        progress(0.95, f"summing {len(log.frame):,} rows by person, activity and week")
    if not log.frame.empty:
        log.cube  # noqa: B018  (computed now, kept with the log)
    if progress is not None:
        progress(1.0, f"{len(log.frame):,} rows read")
    return log


def combine(logs: Iterable[TimeLog]) -> TimeLog:
    logs = list(logs)
    if len(logs) == 1:
        return logs[0]
    frame = pd.concat([log.frame for log in logs], ignore_index=True)
    for column in ("file", "sheet"):  # categories of different files concatenate to plain values
        frame[column] = frame[column].astype("category")
    as_labels(frame)
    return TimeLog(
        frame,
        tuple(s for log in logs for s in log.sources),
        tuple(s for log in logs for s in log.skipped),
        tuple(s for log in logs for s in log.flagged),
    )
