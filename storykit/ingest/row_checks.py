"""Rows worth a word to the user: why a row could not be read, and rows kept but flagged for a look."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from storykit.ingest.cell_text import text
from storykit.ingest.grid import Grid
from storykit.model import FLAG, SET_ASIDE, SkippedRow, TimeLog

LONG_ENTRY_HOURS = 16.0
#: Dates this far beyond the bulk of the log (and at least FAR_DAYS) are typing errors, not a period.
FAR_DAYS = 180


def unreadable_reason(i: int, frame: pd.DataFrame, body: pd.DataFrame, chosen: dict[str, str],
                      hour_errors: dict[int, str]) -> str:
    """Why row `i` (no date or no hours) was skipped, naming the column and the value."""
    if pd.isna(frame.at[i, "date"]):
        col = chosen.get("date") or chosen.get("start")
        return date_reason(text(body.at[i, col]) if col else "", col)
    return hours_reason(chosen.get("hours") or f"{chosen.get('start')}/{chosen.get('end')}",
                        hour_errors.get(i, "no duration"))


def date_reason(raw: str, column: str | None) -> str:
    """Why a row's date cell (its text `raw`) could not be read."""
    return f"date {raw!r} in column {column!r} is not a date between 1900 and 2200" if raw else f"no date in column {column!r}"


def hours_reason(column: str, why: str) -> str:
    """Why a row's hours could not be read: the column and what was wrong with the cell."""
    return f"column {column!r}: {why}"


def long_entry(hours: float, what: str = "one entry", limit: float = LONG_ENTRY_HOURS) -> str:
    return f"{hours:.1f} h in {what} (over {limit:g} h)"


def negative_entry(hours: float) -> str:
    return f"negative hours ({hours:g}): a correction? kept and subtracted"


FUTURE_DATE = "date in the future"


def flag_rows(frame: pd.DataFrame, grid: Grid, days_per_row: float | None) -> list[SkippedRow]:
    """Rows kept but worth a look: very long or negative entries, future dates, exact duplicates.

    `days_per_row` is the period one row covers (7 for a weekly roll-up), so a 38-hour week is not
    called a long entry; None for summaries, whose rows are totals by design.
    """
    flags: list[SkippedRow] = []
    rows, hours = frame["row"].to_numpy(), frame["hours"].to_numpy()  # arrays: flags can be many

    def add(mask: object, say: Callable[[float], str]) -> None:
        for row, h in zip(rows[mask].tolist(), hours[mask].tolist(), strict=True):
            flags.append(SkippedRow(grid.file, int(row), say(h), grid.sheet, FLAG))

    if days_per_row is not None:
        limit = LONG_ENTRY_HOURS * days_per_row
        what = "one entry" if days_per_row == 1 else f"one {days_per_row:g}-day row"
        add((frame["hours"] > limit).to_numpy(), lambda h: long_entry(h, what, limit))
    add((frame["hours"] < 0).to_numpy(), negative_entry)
    add((frame["date"] > pd.Timestamp(dt.date.today())).to_numpy(), lambda h: FUTURE_DATE)
    add(_duplicates(frame), lambda h: "same as an earlier row (possible duplicate)")
    flags.sort(key=lambda f: f.row)
    return flags


def _duplicates(frame: pd.DataFrame) -> np.ndarray:
    """Rows equal to an earlier row in every column but the row number (frame.duplicated()).

    Compared first by the columns that are numbers already (dates, hours, labels as categories, times):
    only rows alike in all of them can be duplicates, and only those few are compared by their text
    columns (a ticket column of 100k keys is not factorized whole: 11 ms of a detailed export's read).
    """
    columns = [c for c in frame.columns if c != "row"]
    cheap = [c for c in columns if _numbers_already(frame[c])]
    if not cheap or len(cheap) == len(columns):
        return _duplicates_by([_sort_key(frame[c]) for c in columns])[0]
    dup, alike = _duplicates_by([_sort_key(frame[c]) for c in cheap])
    if not dup.any():
        return dup
    alike = np.sort(alike)  # in the log's order, so each run's earliest row stays the original
    among = _duplicates_by([_sort_key(frame[c].iloc[alike]) for c in columns])[0]
    out = np.zeros(len(frame), dtype=bool)
    out[alike[among]] = True
    return out


def _numbers_already(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.CategoricalDtype) or column.dtype.kind in "mMbiuf"


def _duplicates_by(keys: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Rows equal to an earlier row in every key, and the rows in runs of equal rows (each run's earliest too).

    Each row's keys are mixed into one 64-bit number and the rows sorted by it (numpy's unstable sort
    of one array: a fifth of the time of a stable sort by every column), so equal rows are neighbours;
    neighbours are then compared key by key, and in each run of equal rows all but the earliest are
    duplicates. About 6 MB for 200k rows, where hashing them (pandas' duplicated) held 16 MB of hashes
    and tables at the read's peak. Two different rows that mix to the same number would hide each
    other: then the rows are sorted by every key instead.
    """
    n = len(keys[0]) if keys else 0
    dup = np.zeros(n, dtype=bool)
    if not keys or n < 2:
        return dup, np.zeros(0, dtype=np.int64)
    mixed = _mixed(keys)
    order = np.argsort(mixed)
    mixed.sort()  # = mixed[order], without a second array
    tied = np.flatnonzero(mixed[1:] == mixed[:-1])  # sorted positions mixed alike with the next: few, or none
    del mixed
    if not _same_as_before(keys, order, tied).all():  # two different rows mixed alike: sort by every key
        order = np.lexsort(keys[::-1])
        same = _same_as_before(keys, order)
        dup[order[1:]] = same
        return dup, order[np.r_[same, False] | np.r_[False, same]]
    # the few sorted positions in runs of equal rows, each run's earliest row the original
    later = tied + 1
    members = np.union1d(later - 1, later)
    starts = np.flatnonzero(~np.isin(members, later))
    rows = order[members]
    earliest = np.minimum.reduceat(rows, starts)
    dup[rows] = rows != np.repeat(earliest, np.diff(np.append(starts, len(members))))
    return dup, rows


def _same_as_before(keys: list[np.ndarray], order: np.ndarray, at: np.ndarray | None = None) -> np.ndarray:
    """For each row in `order` after the first (or each position `at` + 1 only): equal in every key to the
    row before it (NaN equals NaN)."""
    before, after = (order[:-1], order[1:]) if at is None else (order[at], order[at + 1])
    same = np.ones(len(before), dtype=bool)
    for key in keys:
        a, b = key[after], key[before]
        equal = a == b
        if key.dtype.kind == "f":  # NaN equals NaN here, as in duplicated()
            equal |= np.isnan(a) & np.isnan(b)
        same &= equal
    return same


_MIX = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio: spreads each key's bits over the word


def _mixed(keys: list[np.ndarray]) -> np.ndarray:
    """One 64-bit number per row from its keys; equal rows get equal numbers (-0.0 is 0.0, every NaN one NaN)."""
    out = np.zeros(len(keys[0]), dtype=np.uint64)
    scratch = np.empty_like(out)  # the one other array: numbers cast in the ufuncs' small buffers
    for key in keys:
        if key.dtype.kind == "f":
            as_float = scratch.view(np.float64)
            np.add(key, 0.0, out=as_float)  # -0.0 + 0.0 is 0.0
            as_float[np.isnan(as_float)] = np.nan  # every NaN the same bits
            out ^= scratch
        else:
            np.bitwise_xor(out, key, out=out, dtype=np.uint64, casting="unsafe")
        out *= _MIX
        out ^= np.right_shift(out, np.uint64(29), out=scratch)
    return out


def _sort_key(column: pd.Series) -> np.ndarray:
    """Numbers equal exactly where the column's values are equal, as duplicated() compares them."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    if column.dtype.kind in "mM":
        return np.asarray(column.array.asi8)  # NaT is one number too; a zone changes no instant
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
        return column.to_numpy()  # -0.0 == 0.0 in the sort and the comparison alike
    return pd.factorize(column, use_na_sentinel=False)[0]


def far_dates(frame: pd.DataFrame) -> np.ndarray:
    """Rows dated far outside the bulk of the log: a few rows (one in 1900 in a 2024 log) that would
    stretch the period and shrink every per-week figure.

    The bulk is the 5th to 95th percentile of the dates; a row is far when it lies beyond it by
    more than three times its span (and at least FAR_DAYS), and far rows are few (at most 2%).
    """
    if len(frame) < 10:
        return np.zeros(len(frame), dtype=bool)
    days = frame["date"].to_numpy(dtype="datetime64[D]").astype("int64")
    low, high = np.percentile(days, [5, 95])
    margin = max(FAR_DAYS, 3 * (high - low))
    far = (days < low - margin) | (days > high + margin)
    return far if far.sum() <= max(1, 0.02 * len(frame)) else np.zeros(len(frame), dtype=bool)


def keep_out_far_dates(log: TimeLog) -> TimeLog:
    """The log without rows dated far outside its bulk (see far_dates), each listed as skipped with its reason."""
    if log.sources[0].kind != "log":
        return log
    far = far_dates(log.frame)
    if not far.any():
        return log
    frame = log.frame
    rest = frame["date"][~far]
    moved = tuple(SkippedRow(file, int(row), f"date {day.date()} is far from the log's other dates ({rest.min().date()} "
                             f"to {rest.max().date()}): kept out of the period so it does not stretch the weeks; "
                             "correct the date and upload again", sheet, SET_ASIDE)
                  for file, sheet, row, day in zip(frame["file"][far], frame["sheet"][far], frame["row"][far],
                                                   frame["date"][far], strict=True))
    src = log.sources[0]
    note = f"{len(moved)} rows dated far from the others were kept out of the period (see the skipped rows)"
    kept = frame[~far].reset_index(drop=True)
    flagged = tuple(f for f in log.flagged if (f.sheet, f.row) not in {(s.sheet, s.row) for s in moved})
    return TimeLog(kept, (replace(src, rows=len(kept), warnings=(*src.warnings, note)),),
                   tuple(sorted((*log.skipped, *moved), key=lambda s: (str(s.sheet), s.row))), flagged)
