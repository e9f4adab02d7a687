"""One file's bytes to a TimeLog: find the table, map its columns, read every row or say why not."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from storykit.errors import FormatError
from storykit.ingest import cube
from storykit.ingest.cells import map_cells
from storykit.ingest.clock import hours_between, parse_clock
from storykit.ingest.dates import parse_dates
from storykit.ingest.durations import parse_durations
from storykit.ingest.grid import Grid, read_grids
from storykit.ingest.mapping import ALIASES, choose_columns, detect_format, header_score, hours_unit
from storykit.model import OPTIONAL_COLUMNS, SkippedRow, Source, TimeLog
from storykit.progress import Progress, part, quiet

HEADER_SCAN_ROWS = 30
LONG_ENTRY_HOURS = 16.0
_TOTAL = re.compile(r"^\s*(grand\s+)?(total|totals|sum|summe|gesamt|gesamtsumme|insgesamt)\b", re.IGNORECASE)
FORMAT_UNITS = {"youtrack_worklogs": "minutes"}


def read_file(name: str, data: bytes, mapping: dict[str, str] | None = None,
              progress: Progress | None = None) -> TimeLog:
    """The time log in one file; the best sheet of a workbook, hidden sheets only as a last resort.

    `progress` (fraction, text) hears how far a long read is: rows parsed, then each phase.
    """
    progress = progress or quiet
    if data[:4] == cube.PARQUET_MAGIC:
        return cube.read_parquet_cube(name, data)
    grids = read_grids(name, data, progress=part(progress, 0.0, 0.6))
    if len(grids) == 1 and len(grids[0].cells) and cube.is_cube_header(grids[0].cells.iloc[0].tolist()):
        return cube.read_cube_grid(grids[0])
    candidates: list[tuple[TimeLog, Grid]] = []
    errors: list[FormatError] = []
    for grid in sorted(grids, key=lambda g: g.hidden):
        if candidates and grid.hidden:
            break
        try:
            candidates.append((read_grid(grid, mapping, part(progress, 0.6, 1.0)), grid))
        except FormatError as e:
            errors.append(e)
    if not candidates:
        if len(errors) == 1:
            raise errors[0]
        sheets = ", ".join(repr(g.sheet) for g in grids)
        raise FormatError(
            f"no sheet holds a time log (looked at {sheets})", file=name,
            hint="Expected a table with a header row naming a date, a person, an activity and hours "
                 "(or start and end times).",
        )
    log, grid = max(candidates, key=lambda c: (c[0].total_hours > 0, len(c[0].frame)))
    others = [g.sheet for _, g in candidates if g is not grid]
    if others or grid.hidden:
        src = log.sources[0]
        extra = (f"read sheet {grid.sheet!r}" + (" (a hidden sheet)" if grid.hidden else "")
                 + (f"; also a log-like sheet: {', '.join(map(repr, others))}" if others else ""))
        log = TimeLog(log.frame, (_with_warning(src, extra),), log.skipped, log.flagged)
    return log


def _with_warning(src: Source, text: str) -> Source:
    from dataclasses import replace

    return replace(src, warnings=src.warnings + (text,))


def find_header(cells: pd.DataFrame) -> int | None:
    """Index of the row that looks most like a header among the first rows (title rows skipped)."""
    best, best_score = None, 1
    for i in range(min(HEADER_SCAN_ROWS, len(cells))):
        score = header_score(cells.iloc[i].tolist())
        if score > best_score:
            best, best_score = i, score
    return best


def read_grid(grid: Grid, mapping: dict[str, str] | None = None, progress: Progress | None = None) -> TimeLog:
    """A TimeLog from one grid; `mapping` (role -> header) overrides what we would choose."""
    progress = progress or quiet
    progress(0.0, f"{len(grid.cells):,} rows: finding the header and the columns")
    where = {"file": grid.file, "sheet": grid.sheet}
    header_at = find_header(grid.cells)
    if header_at is None:
        raise FormatError(
            "no header row found in the first 30 rows", **where,
            hint="Expected column names such as Date, Person, Activity and Hours.",
        )
    headers = _headers(grid.cells.iloc[header_at].tolist())
    body = grid.cells.iloc[header_at + 1 :].copy()
    body.columns = headers
    rows_in_file = pd.Series(range(header_at + 2, header_at + 2 + len(body)))
    body = body.reset_index(drop=True)
    fmt, confidence, category_order = detect_format(headers)
    blank = pd.DataFrame({h: map_cells(body[h], _blank) for h in headers}, index=body.index)
    mostly_empty = frozenset(h for h in headers if blank[h].mean() > 0.5)
    chosen, notes = choose_columns(headers, category_order, mostly_empty)
    if mapping:
        unknown = [c for c in mapping.values() if c and c not in headers]
        if unknown:
            raise FormatError(f"the mapping names a column the file does not have: {unknown[0]!r}",
                              **where, hint="Choose one of: " + ", ".join(headers))
        chosen.update({role: col for role, col in mapping.items() if col})
        for role in [r for r, c in mapping.items() if not c]:
            chosen.pop(role, None)
    warnings = list(grid.notes) + list(notes)  # how the bytes were read (guard, grid), then the mapping

    empty = blank.all(axis=1)
    first_cells = body.iloc[:, : min(3, body.shape[1])]
    is_total = first_cells.apply(lambda col: map_cells(col, _is_total_text)).any(axis=1) & ~empty
    skipped: list[SkippedRow] = []
    for i in body.index[is_total]:
        skipped.append(SkippedRow(grid.file, int(rows_in_file[i]), "total row (a sum of other rows)", grid.sheet))
    keep = ~empty & ~is_total
    body, rows_in_file = body[keep].reset_index(drop=True), rows_in_file[keep].reset_index(drop=True)

    progress(0.3, f"{len(body):,} rows: reading hours")
    hours, hour_errors, how_hours = _hours(body, chosen, fmt, warnings, where)
    progress(0.5, f"{len(body):,} rows: reading dates")
    dates, how_dates = _dates(body, chosen, where)
    if how_dates:
        warnings.append(how_dates)
    if how_hours:
        warnings.append(how_hours)
    person = _person(body, chosen, warnings)
    activity = (map_cells(body[chosen["activity"]], _text) if "activity" in chosen
                else pd.Series("(no category)", index=body.index))
    if "activity" not in chosen:
        warnings.append("no category column found: every entry is '(no category)'; choose one in the mapping")
    activity = activity.where(activity != "", "(no category)")

    frame = pd.DataFrame({"date": dates, "person": person, "activity": activity, "hours": hours})
    for role in OPTIONAL_COLUMNS:
        if role in chosen and role not in ("start", "end"):
            frame[role] = map_cells(body[chosen[role]], _text)
    if "start" in chosen:  # clock times, for fragmentation (switches per day); end = start + hours
        frame["start"], frame["end"] = _clock_span(body[chosen["start"]], dates, hours)
    frame["file"] = grid.file
    frame["sheet"] = grid.sheet
    frame["row"] = rows_in_file.astype("int64")

    progress(0.8, f"{len(body):,} rows: checking every row")
    bad = frame["date"].isna() | frame["hours"].isna() | (frame["hours"] < 0)
    for i in frame.index[bad]:
        skipped.append(SkippedRow(grid.file, int(frame.at[i, "row"]), _reason(i, frame, body, chosen, hour_errors),
                                  grid.sheet))
    frame = frame[~bad].reset_index(drop=True)
    flagged = _flags(frame, grid)
    if frame.empty:
        raise FormatError(
            f"no readable rows: {len(skipped)} rows were skipped"
            + (f", e.g. row {skipped[0].row}: {skipped[0].reason}" if skipped else "")
            + "".join(f"; {note}" for note in grid.notes),
            **where, hint="Check that the file is the detailed time report, not a summary or an empty export.",
        )
    source = Source(
        file=grid.file, format=fmt, sheet=grid.sheet, header_row=header_at + 1, rows=len(frame),
        mapping={k: v for k, v in chosen.items()}, category_column=chosen.get("activity"),
        confidence=round(confidence if fmt != "generic" else _generic_confidence(chosen), 2),
        warnings=tuple(warnings), columns=tuple(headers),
    )
    skipped.sort(key=lambda s: s.row)
    return TimeLog(frame, (source,), tuple(skipped), tuple(flagged))


def _clock_span(start: pd.Series, dates: pd.Series, hours: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Start and end timestamps of each entry (NaT where the start time is not readable)."""
    start_dates, minutes = parse_clock(start.reset_index(drop=True))
    day = start_dates.where(start_dates.notna(), pd.to_datetime(dates.reset_index(drop=True)))
    begin = pd.to_datetime(day).dt.normalize() + pd.to_timedelta(minutes, unit="min")
    return begin, begin + pd.to_timedelta(hours.reset_index(drop=True), unit="h")


def _headers(cells: list[object]) -> list[str]:
    out: list[str] = []
    for i, c in enumerate(cells):
        name = _text(c) or f"column {i + 1}"
        while name in out:
            name += f" ({i + 1})"
        out.append(name)
    return out


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def _is_total_text(v: object) -> bool:
    return bool(_TOTAL.match(str(v)))


def _text(v: object) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "".join(ch for ch in str(v).strip() if ch.isprintable() or ch == " ")


def _hours(body: pd.DataFrame, chosen: dict[str, str], fmt: str, warnings: list[str], where: dict):
    if "hours" in chosen:
        col = chosen["hours"]
        unit = FORMAT_UNITS.get(fmt) or hours_unit(col)
        hours, errors = parse_durations(body[col], unit)  # type: ignore[arg-type]
        note = None
        if unit == "hours" and _looks_like_minutes(body[col], hours):
            hours, errors = parse_durations(body[col], "minutes")
            note = f"{col!r} holds whole numbers up to {int(hours.max() * 60)}: read as minutes"
        elif unit != "hours":
            note = f"{col!r} read as {unit}"
        return hours, errors, note
    if "start" in chosen and "end" in chosen:
        hours, _ = hours_between(body[chosen["start"]], body[chosen["end"]])
        errors = {i: "start or end time not readable" for i in hours.index[hours.isna()]}
        return hours, errors, f"hours computed from {chosen['start']!r} to {chosen['end']!r}"
    raise FormatError(
        "no hours column and no start and end times", **where,
        hint="Expected a column such as Hours, Duration or Time spent, or Start and End columns.",
    )


def _looks_like_minutes(raw: pd.Series, hours: pd.Series) -> bool:
    values = hours.dropna()
    if values.empty or not (values == values.round()).all():
        return False
    text = raw.astype(str)
    return bool(values.median() >= 15 and values.max() > 24 and not text.str.contains(r"[:hH]").any())


def _dates(body: pd.DataFrame, chosen: dict[str, str], where: dict) -> tuple[pd.Series, str | None]:
    if "date" in chosen:
        reading = parse_dates(body[chosen["date"]])
        note = f"dates in {chosen['date']!r} read as {reading.how}"
        if reading.ambiguous:
            note += " (day and month could be either way round: check the date range)"
        return reading.values, note
    if "start" in chosen:
        _, start_dates = hours_between(body[chosen["start"]], body[chosen["start"]])
        if start_dates.notna().any():
            return start_dates, f"dates taken from {chosen['start']!r}"
    raise FormatError("no date column found", **where,
                      hint="Expected a column such as Date, Start date or Work date.")


def _person(body: pd.DataFrame, chosen: dict[str, str], warnings: list[str]) -> pd.Series:
    if "person" in chosen:
        return map_cells(body[chosen["person"]], _text).replace("", "(no name)")
    if "first_name" in chosen:
        first = map_cells(body[chosen["first_name"]], _text)
        last = map_cells(body[chosen["last_name"]], _text) if "last_name" in chosen else ""
        return (first + " " + last).str.strip()
    if "email" in chosen:
        warnings.append(f"people identified by e-mail address ({chosen['email']!r})")
        return map_cells(body[chosen["email"]], _text).str.lower()
    warnings.append("no person column: all hours are counted as one person's")
    return pd.Series("(one person)", index=body.index)


def _reason(i: int, frame: pd.DataFrame, body: pd.DataFrame, chosen: dict[str, str], hour_errors: dict) -> str:
    if pd.isna(frame.at[i, "date"]):
        col = chosen.get("date") or chosen.get("start")
        raw = _text(body.at[i, col]) if col else ""
        return f"date {raw!r} in column {col!r} is not a date" if raw else f"no date in column {col!r}"
    if pd.isna(frame.at[i, "hours"]):
        col = chosen.get("hours") or f"{chosen.get('start')}/{chosen.get('end')}"
        return f"column {col!r}: {hour_errors.get(i, 'no duration')}"
    return f"negative hours ({frame.at[i, 'hours']:g}) in column {chosen.get('hours')!r}"


def _flags(frame: pd.DataFrame, grid: Grid) -> list[SkippedRow]:
    """Rows kept but worth a look: very long entries, future dates, exact duplicates."""
    flags: list[SkippedRow] = []
    today = pd.Timestamp(dt.date.today())
    rows, hours = frame["row"].to_numpy(), frame["hours"].to_numpy()  # arrays: flags can be many
    long = (frame["hours"] > LONG_ENTRY_HOURS).to_numpy()
    for row, h in zip(rows[long].tolist(), hours[long].tolist(), strict=True):
        flags.append(SkippedRow(grid.file, int(row), f"{h:.1f} h in one entry (over {LONG_ENTRY_HOURS:g} h)",
                                grid.sheet))
    for row in rows[(frame["date"] > today).to_numpy()].tolist():
        flags.append(SkippedRow(grid.file, int(row), "date in the future", grid.sheet))
    cols = [c for c in frame.columns if c not in ("row",)]
    # Exact duplicates, found among rows whose hash repeats (a row with a unique hash has no twin):
    # the same rows as frame.duplicated(), without hashing every column's values into a table.
    hashes = pd.util.hash_pandas_object(frame[cols], index=False)
    maybe = hashes.duplicated(keep=False)
    dup = pd.Series(False, index=frame.index)
    if maybe.any():
        dup[maybe] = frame.loc[maybe, cols].duplicated(keep="first")
    for row in rows[dup.to_numpy()].tolist():
        flags.append(SkippedRow(grid.file, int(row), "same as an earlier row (possible duplicate)", grid.sheet))
    return flags


def _generic_confidence(chosen: dict[str, str]) -> float:
    have = sum(1 for r in ("date", "person", "activity", "hours") if r in chosen)
    have += 0.5 if "hours" not in chosen and "start" in chosen and "end" in chosen else 0
    return min(1.0, have / 4)


__all__ = ["ALIASES", "find_header", "read_file", "read_grid"]
