"""Files to one TimeLog: each read by the reader that suits it (route.py), then combined, every row keeping its file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from storykit.ingest.route import read_input
from storykit.ingest.same_people import addresses_as_names
from storykit.model import Source, TimeLog, as_labels
from storykit.progress import Progress, part


def load(*inputs: str | Path | tuple[str, bytes], mappings: dict[str, dict[str, str]] | None = None,
         progress: Progress | None = None) -> TimeLog:
    """Read and combine files given as paths or (name, bytes) pairs; every row keeps its file.

    A text or Parquet log beyond what fits in memory (or a folder of Parquet parts) is reduced in
    batches on DuckDB instead (route.py, large_reduce.py), to the same log at one row per person,
    activity and day. `progress` (fraction, text) hears how far a long read is (see
    storykit.progress); the reads take it to 95%, storykit.pipeline.load the rest (reducing the log
    to its cube).
    """
    logs = []
    share = 0.95 / max(len(inputs), 1)
    for k, item in enumerate(inputs):
        step = part(progress, k * share, (k + 1) * share)
        name = item[0] if isinstance(item, tuple) else str(item)
        chosen = (mappings or {}).get(name) or (mappings or {}).get(Path(name).name)  # projects key by file name
        said = lambda f, text, name=name, step=step: step(f, f"{name}: {text}")  # noqa: E731
        if isinstance(item, tuple):
            logs.append(read_input(name, data=item[1], mapping=chosen, progress=said))
        else:
            logs.append(read_input(name, path=Path(item), mapping=chosen, progress=said))
    return combine(logs)


def combine(logs: Iterable[TimeLog]) -> TimeLog:
    logs = list(logs)
    if len(logs) == 1:
        return logs[0]
    frame = pd.concat([log.frame for log in logs], ignore_index=True)
    for column in ("file", "sheet"):  # categories of different files concatenate to plain values
        frame[column] = frame[column].astype("category")
    named = addresses_as_names(sorted({str(p) for p in frame["person"].dropna().unique()}))
    sources = _gaps_between(logs)
    if named:
        sources = _named_once(sources, frame, named)
        frame["person"] = frame["person"].map(lambda p: named.get(p, p))
    as_labels(frame)
    return TimeLog(
        frame,
        sources,
        tuple(s for log in logs for s in log.skipped),
        tuple(s for log in logs for s in log.flagged),
    )


def _named_once(sources: tuple[Source, ...], frame: pd.DataFrame, named: dict[str, str]) -> tuple[Source, ...]:
    """The sources, each file whose people were written as addresses told which names they were read as."""
    pairs = frame[["file", "person"]].drop_duplicates()
    out, told = [], set()
    for src in sources:
        mine = [] if src.file in told else sorted(
            a for a in pairs.loc[pairs["file"] == src.file, "person"].astype(str) if a in named)
        told.add(src.file)  # a workbook's sheets are one file: told once
        if mine:
            shown = ", ".join(f"{a} as {named[a]!r}" for a in mine[:3]) + (f" and {len(mine) - 3} more"
                                                                            if len(mine) > 3 else "")
            src = replace(src, warnings=src.warnings + (
                f"{len(mine)} people written here as e-mail addresses match a name in the log: read {shown}, so "
                "each counts once",))
        out.append(src)
    return tuple(out)


#: Days between one file's last date and the next file's first beyond which the files are told
#: to cover different periods (a month: weekly or monthly exports of one period never leave one).
GAP_DAYS = 28


def _gaps_between(logs: list[TimeLog]) -> tuple[Source, ...]:
    """The logs' sources, with a warning on each file that starts long after the others end.

    Every per-week figure divides by all the weeks from the first date to the last, so a file
    from another year makes the weeks between count as weeks with no work at all.
    """
    per_log = [list(log.sources) for log in logs]
    end: tuple[dt.date, str] | None = None  # the latest last date so far, and whose it is
    for (first, last), i in sorted((log.date_range, i) for i, log in enumerate(logs) if log.date_range):
        if end is not None and (first - end[0]).days > GAP_DAYS:
            src = per_log[i][0]
            gap = (f"this file starts {first}, {(first - end[0]).days} days after {end[1]} ends: the weeks between "
                   "count as weeks with no work and lower every per-week figure; upload files from one period")
            per_log[i][0] = replace(src, warnings=src.warnings + (gap,), alerts=src.alerts + (gap,))
        if end is None or last > end[0]:
            end = (last, per_log[i][0].file)
    return tuple(s for sources in per_log for s in sources)
