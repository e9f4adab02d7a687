"""One file's bytes to a TimeLog: find the table, map its columns, read every row or say why not."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from storykit.errors import FormatError
from storykit.ingest import cube
from storykit.ingest.cells import NOT_TEXT, map_cells, map_labels, surely_not
from storykit.ingest.clock import hours_between, parse_clock
from storykit.ingest.dates import parse_dates
from storykit.ingest.durations import parse_durations
from storykit.ingest.formulas import fill_formulas
from storykit.ingest.grid import Grid, read_grids
from storykit.ingest.layout import (
    TOTAL_HEADER,
    TitleFacts,
    day_columns,
    period_from_name,
    read_title,
    week_start,
)
from storykit.ingest.mapping import ALIASES, choose_columns, detect_format, header_score, hours_unit, normalise
from storykit.model import (
    CONFIRM_BELOW,
    LABEL_COLUMNS,
    OPTIONAL_COLUMNS,
    SkippedRow,
    Source,
    TimeLog,
    add_provenance,
    as_labels,
)
from storykit.progress import Progress, part, quiet

HEADER_SCAN_ROWS = 30
LONG_ENTRY_HOURS = 16.0
_TOTAL = re.compile(r"^\s*(grand\s+)?(total|totals|sum|summe|gesamt|gesamtsumme|insgesamt)\b", re.IGNORECASE)
FORMAT_UNITS = {"youtrack_worklogs": "minutes"}
#: Which kind of table to prefer when a workbook has several: an entry log beats totals.
KIND_RANK = {"log": 2, "rollup": 1, "summary": 0}
WIDE_DATE, WIDE_HOURS = "(day column)", "(hours in the grid)"
EXPECTED = ("Expected a time log: a header row naming a date, a person, an activity and hours "
            "(or start and end times), one row per entry; or a summary report with hours by category.")


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
    filled = 0
    if data[:2] == b"PK":
        grids, filled = fill_formulas(data, grids)
    candidates: list[tuple[TimeLog, Grid]] = []
    errors: list[tuple[Grid, FormatError]] = []
    for grid in sorted(grids, key=lambda g: g.hidden):
        if candidates and grid.hidden:
            break
        try:
            candidates.append((read_grid(grid, mapping, part(progress, 0.6, 1.0)), grid))
        except FormatError as e:
            errors.append((grid, e))
    if not candidates:
        if len(errors) == 1:
            raise errors[0][1]
        looked = "; ".join(f"{g.sheet!r}: {e.message}" for g, e in errors)
        raise FormatError(f"no sheet holds a time log ({looked})", file=name, hint=EXPECTED)
    log, grid = max(candidates, key=lambda c: (KIND_RANK.get(c[0].sources[0].kind, 0), c[0].total_hours > 0,
                                               len(c[0].frame)))
    src = log.sources[0]
    extra: list[str] = []
    if filled:
        extra.append(f"{filled} formula cells had no saved value: computed them from their formulas")
    others = [(g.sheet, other.sources[0].kind) for other, g in candidates if g is not grid]
    if others or grid.hidden:
        extra.append(f"read sheet {grid.sheet!r}" + (" (a hidden sheet: no visible sheet holds a log)"
                                                      if grid.hidden else ""))
    for sheet, kind in others:
        extra.append(f"sheet {sheet!r} holds totals only; not counted again" if kind == "summary"
                     else f"sheet {sheet!r} also looks like a log; not read (choose it if it is the right one)")
    for g, e in errors:
        if not g.hidden:
            extra.append(f"sheet {g.sheet!r} not read: {e.message}")
    hidden = [g.sheet for g in grids if g.hidden and g is not grid]
    if hidden:
        extra.append("hidden sheets not read: " + ", ".join(map(repr, hidden)))
    if extra:
        log = TimeLog(log.frame, (replace(src, warnings=src.warnings + tuple(extra)),), log.skipped, log.flagged)
    return log


def _with_warning(src: Source, text: str) -> Source:
    from dataclasses import replace

    return replace(src, warnings=src.warnings + (text,))


def find_header(cells: pd.DataFrame) -> int | None:
    """Index of the row that looks most like a header among the first rows (title rows skipped)."""
    best, best_score = None, 1
    for i in range(min(HEADER_SCAN_ROWS, len(cells))):
        row = cells.iloc[i].tolist()
        score = header_score(row) + (2 if day_columns(row) else 0)
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
        raise FormatError("no header row found in the first 30 rows", **where, hint=EXPECTED)
    header_cells = grid.cells.iloc[header_at].tolist()
    title = read_title(grid.cells.iloc[:header_at])
    headers = _headers(header_cells)
    body = grid.cells.iloc[header_at + 1 :].copy()
    body.columns = headers
    rows_in_file = pd.Series(range(header_at + 2, header_at + 2 + len(body)))
    body = body.reset_index(drop=True)
    blank = _blank_frame(body)
    empty = blank.all(axis=1)
    first_cells = body.iloc[:, : min(3, body.shape[1])]
    is_total = pd.Series(False, index=body.index)
    for col in first_cells.columns:
        is_total |= _total_cells(first_cells[col])
    is_total &= ~empty
    skipped = [SkippedRow(grid.file, int(rows_in_file[i]), "total row (a sum of other rows)", grid.sheet)
               for i in body.index[is_total]]
    keep = ~empty & ~is_total
    if not keep.all():  # filtering makes new columns, and the cells' cached factorizations are theirs
        body, rows_in_file = body[keep].reset_index(drop=True), rows_in_file[keep].reset_index(drop=True)
        blank = blank[keep].reset_index(drop=True)

    fmt, confidence, category_order = detect_format(headers)
    mostly_empty = frozenset(h for h in headers if blank[h].mean() > 0.5)
    chosen, notes, reasons, ignored = choose_columns(headers, category_order, mostly_empty, fmt)
    warnings = list(grid.notes) + list(notes)  # how the bytes were read (guard, grid), then the mapping
    doubts: list[str] = []

    days = day_columns(header_cells)
    wide = bool(days) and "hours" not in chosen and not ("start" in chosen and "end" in chosen)
    if wide:
        body, rows_in_file, chosen, reasons, wide_note, wide_skips = _melt(body, rows_in_file, headers, days,
                                                                           title, grid)
        fmt, confidence = "wide_grid", 0.85
        warnings.append(wide_note)
        skipped.extend(wide_skips)
        notes = []
    if mapping:
        unknown = [c for c in mapping.values() if c and c not in body.columns]
        if unknown:
            raise FormatError(f"the mapping names a column the file does not have: {unknown[0]!r}",
                              **where, hint="Choose one of: " + ", ".join(map(str, body.columns)))
        chosen.update({role: col for role, col in mapping.items() if col})
        for role in [r for r, c in mapping.items() if not c]:
            chosen.pop(role, None)
        for role, col in mapping.items():
            if col:
                reasons[role] = f"{col!r} chosen by you"

    kind = "log"
    period = None
    if "date" not in chosen and "start" not in chosen:
        kind = "summary"
        if "hours" not in chosen:
            _no_hours(headers, where)
        period, said = _summary_period(grid, title)
        fmt = _summary_format(fmt, headers, grid.file)
        confidence = 0.8 if fmt != "summary" else 0.7
        warnings.append(f"this is a summary report (grouped totals, no date on each row); the period "
                        f"{period[0]} to {period[1]} comes from {said}; weekly trends cannot be shown")

    progress(0.3, f"{len(body):,} rows: reading hours")
    hours, hour_errors, how_hours = _hours(body, chosen, fmt, warnings, where)
    progress(0.5, f"{len(body):,} rows: reading dates")
    if how_hours:
        warnings.append(how_hours)
        if "read as minutes" in how_hours and fmt == "generic":
            doubts.append(how_hours + ": confirm the unit")
    if kind == "summary":
        dates = pd.Series(pd.Timestamp(period[0]), index=body.index)
    else:
        dates, how_dates, ambiguous = _dates(body, chosen, where, title)
        if how_dates:
            warnings.append(how_dates)
        if ambiguous:
            doubts.append(how_dates)
    person = _person(body, chosen, warnings, title, kind)
    activity = (map_labels(body[chosen["activity"]], lambda v: _text(v) or "(no category)") if "activity" in chosen
                else pd.Series("(no category)", index=body.index))
    if "activity" not in chosen:
        warnings.append("no category column found: every entry is '(no category)'; choose one in the mapping")

    frame = pd.DataFrame({"date": dates, "person": person, "activity": activity, "hours": hours})
    for role in OPTIONAL_COLUMNS:
        if role in chosen and role not in ("start", "end"):
            column = body[chosen[role]]
            frame[role] = map_labels(column, _text) if role in LABEL_COLUMNS else _text_column(column)
    as_labels(frame)
    if "start" in chosen:  # clock times, for fragmentation (switches per day); end = start + hours
        frame["start"], frame["end"] = _clock_span(body[chosen["start"]], dates, hours)
    add_provenance(frame, grid.file, grid.sheet, rows_in_file)

    progress(0.8, f"{len(body):,} rows: checking every row")
    bad = frame["date"].isna() | frame["hours"].isna()
    for i in frame.index[bad]:
        skipped.append(SkippedRow(grid.file, int(frame.at[i, "row"]), _reason(i, frame, body, chosen, hour_errors),
                                  grid.sheet))
    frame = frame[~bad].reset_index(drop=True)
    rollup = _rollup_days(body[~bad].reset_index(drop=True), chosen, frame) if kind == "log" else None
    span = None
    if rollup:
        span, last = rollup
        kind = "rollup"
        period = (frame["date"].min().date(), last)
        warnings.append(f"a roll-up, not an entry log: each row is one person's total for {span:g} days "
                        f"({chosen['date']!r} to {chosen['end_date']!r}); the long-entry check allows "
                        f"{LONG_ENTRY_HOURS:g} h per day of the period")
    flagged = _flags(frame, grid, (span or 1) if kind != "summary" else None)
    if frame.empty:
        raise FormatError(
            f"no readable rows: {len(skipped)} rows were skipped"
            + (f", e.g. row {skipped[0].row}: {skipped[0].reason}" if skipped else "")
            + "".join(f"; {note}" for note in grid.notes),
            **where, hint="Check that the file is the detailed time report, not a summary or an empty export.",
        )
    read_share = len(frame) / max(1, len(frame) + sum(1 for s in skipped if not s.reason.startswith("total row")))
    if read_share < 0.8:
        doubts.append(f"only {read_share:.0%} of the rows could be read: check the mapping")
    if fmt == "generic":
        confidence = _generic_confidence(chosen)
    if mapping:
        confidence = 1.0
    elif doubts:
        confidence = min(confidence, CONFIRM_BELOW - 0.15)
    source = Source(
        file=grid.file, format=fmt, sheet=grid.sheet, header_row=header_at + 1, rows=len(frame),
        mapping=dict(chosen), category_column=chosen.get("activity"),
        confidence=round(confidence, 2), warnings=tuple(dict.fromkeys(warnings)), kind=kind,
        period=period,
        reasons={r: reasons[r] for r in chosen if r in reasons}, ignored=ignored, doubts=tuple(doubts),
        columns=tuple(str(c) for c in body.columns),
    )
    skipped.sort(key=lambda s: s.row)
    return TimeLog(frame, (source,), tuple(skipped), tuple(flagged))


def _melt(body: pd.DataFrame, rows_in_file: pd.Series, headers: list[str], days: dict, title: TitleFacts,
          grid: Grid):
    """A wide grid (one column per day) as one row per person/activity and day; blanks are no time."""
    where = {"file": grid.file, "sheet": grid.sheet}
    day_headers = {headers[i]: d for i, d in days.items()}
    weekday_only = all(isinstance(d, int) for d in day_headers.values())
    note_start = ""
    if weekday_only:
        start = title.start or (period_from_name(grid.file) or (None, None))[0]
        if start is None:
            raise FormatError(
                "the sheet has one column per weekday but says nothing about which week", **where,
                hint="Put the week's first date in a title row above the header (e.g. 'Week of 2026-03-09') "
                     "or in the file name.")
        monday = week_start(start)
        day_headers = {h: monday + dt.timedelta(days=d) for h, d in day_headers.items()}
        note_start = f" (week of {monday}, from the {'title' if title.start else 'file name'})"
    id_cols = [h for h in headers if h not in day_headers and not TOTAL_HEADER.match(h)
               and not h.startswith("column ")]
    total_cols = [h for h in headers if TOTAL_HEADER.match(h)]
    id_chosen, _, id_reasons, _ = choose_columns(id_cols)
    chosen = {r: c for r, c in id_chosen.items() if r in ("person", "activity", "team", "client", "project", "task")}
    if "person" not in chosen and "activity" not in chosen and id_cols:
        chosen["activity"] = id_cols[0]
        id_reasons["activity"] = f"{id_cols[0]!r} names the rows of the grid"
    long_parts = []
    skips: list[SkippedRow] = []
    for h, day in day_headers.items():
        hours, errors = parse_durations(body[h])
        blank = _blank_frame(body[[h]])[h]
        part = body[list(chosen.values())].copy()
        part[WIDE_DATE] = pd.Timestamp(day)
        part[WIDE_HOURS] = hours.to_numpy()
        part["__row"] = rows_in_file.to_numpy()
        for i, reason in errors.items():
            if not blank.iat[i]:
                skips.append(SkippedRow(grid.file, int(rows_in_file.iat[i]), f"column {h!r}: {reason}", grid.sheet))
        long_parts.append(part[~blank.to_numpy() & hours.notna().to_numpy()])
    long = pd.concat(long_parts, ignore_index=True) if long_parts else pd.DataFrame()
    long = long[long[WIDE_HOURS] != 0].reset_index(drop=True)
    rows = long.pop("__row").reset_index(drop=True)
    chosen.update({"date": WIDE_DATE, "hours": WIDE_HOURS})
    reasons = {r: id_reasons.get(r, "") for r in chosen}
    reasons["date"] = f"one column per day: {', '.join(list(map(str, day_headers))[:7])}"
    reasons["hours"] = "the hours in the grid cells"
    note = (f"wide layout: one column per day{note_start}, melted to one row per entry; "
            + (f"total column {', '.join(map(repr, total_cols))} not summed" if total_cols else "no total column"))
    return long, rows, chosen, reasons, note, skips


def _summary_period(grid: Grid, title: TitleFacts) -> tuple[tuple[dt.date, dt.date], str]:
    period = period_from_name(grid.file)
    if period:
        return period, "the file name"
    if title.start:
        return (title.start, title.start), "the title above the table"
    raise FormatError(
        "a summary report (totals by category) with no dates in it or in its file name",
        file=grid.file, sheet=grid.sheet,
        hint="Export the detailed report instead, or put the period in the file name "
             "(e.g. summary_2026-03-01_to_2026-03-31.csv) so the hours can be spread over the right weeks.")


def _summary_format(fmt: str, headers: list[str], file: str) -> str:
    norm = {normalise(h) for h in headers}
    if fmt != "generic":
        return fmt
    if "duration" in norm and norm & {"project", "client", "member", "user"} and (
            "toggl" in file.lower() or norm <= {"project", "client", "member", "user", "duration", "title",
                                                 "task", "description", "tags", "billable", "amount", "amount ()"}):
        return "toggl_summary"
    return "summary"


def _no_hours(headers: list[str], where: dict) -> None:
    raise FormatError(
        "this does not look like a time log: no column holds hours or a duration, and there are no start "
        f"and end times (columns: {', '.join(headers[:8])}{', ...' if len(headers) > 8 else ''})", **where,
        hint=EXPECTED)


def _rollup_days(body: pd.DataFrame, chosen: dict[str, str],
                 frame: pd.DataFrame) -> tuple[float, dt.date] | None:
    """Days per row and the last day covered, when every row spans a period (a payroll week)."""
    if "end_date" not in chosen or "date" not in chosen or frame.empty:
        return None
    end = parse_dates(body[chosen["end_date"]]).values.reset_index(drop=True)
    span = (end - frame["date"]).dt.days + 1
    if span.notna().mean() < 0.9 or span.median() < 5:
        return None
    return float(span.median()), end.max().date()


def _clock_span(start: pd.Series, dates: pd.Series, hours: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Start and end timestamps of each entry (NaT where the start time is not readable)."""
    start_dates, minutes = parse_clock(start.reset_index(drop=True))
    day = pd.to_datetime(dates.reset_index(drop=True))  # both are days at midnight (parse_dates)
    if start_dates.notna().any():
        day = start_dates.where(start_dates.notna(), day)
    begin = day + pd.to_timedelta(minutes, unit="min")
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


def _blank_frame(body: pd.DataFrame) -> pd.DataFrame:
    """Blank cells (None, NaN, empty or spaces) for a whole frame, one rule call per distinct value."""
    return pd.DataFrame({h: _blank_column(body[h]) for h in body.columns}, index=body.index)


def _blank_column(column: pd.Series) -> np.ndarray:
    filled = surely_not(column)  # only the cells that could be blank are asked (see surely_not)
    if filled is None:
        return map_cells(column, _blank).astype(bool).to_numpy()
    blank = np.zeros(len(column), dtype=bool)
    if not filled.all():
        blank[~filled] = map_cells(column[~filled], _blank).astype(bool).to_numpy()
    return blank


def _is_total_text(v: object) -> bool:
    return bool(_TOTAL.match(str(v)))


def _total_cells(column: pd.Series) -> np.ndarray:
    if column.dtype == object and infer_dtype(column, skipna=True) in NOT_TEXT:
        return np.zeros(len(column), dtype=bool)  # a workbook's date column: 100k objects need no rule
    return map_cells(column, _is_total_text).astype(bool).to_numpy()


def _text(v: object) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "".join(ch for ch in str(v).strip() if ch.isprintable() or ch == " ")


def _text_column(s: pd.Series) -> pd.Series:
    """Cell text for a column, one `_text` call per distinct value (a 200k-row column of 120 names: 120)."""
    return map_cells(s, _text)


def _hours(body: pd.DataFrame, chosen: dict[str, str], fmt: str, warnings: list[str], where: dict):
    """Hours per row, unreadable reasons by position, and a note on how they were read.

    A Duration column left empty by uncomputed formulas is filled from Start and End when the
    file has them, so a hand-made sheet saved by a script still gives its hours.
    """
    has_clock = "start" in chosen and "end" in chosen
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
        if has_clock and hours.isna().any():
            clock, _ = hours_between(body[chosen["start"]], body[chosen["end"]])
            fill = hours.isna() & clock.notna() & _blank_frame(body[[col]])[col].to_numpy()
            if fill.any():
                hours = hours.where(~fill, clock)
                errors = {i: e for i, e in errors.items() if not fill.iat[i]}
                note = (note + "; " if note else "") + (
                    f"{int(fill.sum())} empty {col!r} cells computed from {chosen['start']!r} to {chosen['end']!r}")
        return hours, errors, note
    if has_clock:
        hours, _ = hours_between(body[chosen["start"]], body[chosen["end"]])
        errors = {i: "start or end time not readable" for i in hours.index[hours.isna()]}
        crossing = _crosses_midnight(body, chosen)
        note = f"hours computed from {chosen['start']!r} to {chosen['end']!r}"
        if crossing:
            note += f"; {crossing} entries cross midnight (counted on their start date)"
        return hours, errors, note
    _no_hours(list(body.columns), where)
    raise AssertionError  # unreachable: _no_hours raises


def _crosses_midnight(body: pd.DataFrame, chosen: dict[str, str]) -> int:
    _, a = parse_clock(body[chosen["start"]].reset_index(drop=True))
    _, b = parse_clock(body[chosen["end"]].reset_index(drop=True))
    return int((b < a).sum())


def _looks_like_minutes(raw: pd.Series, hours: pd.Series) -> bool:
    values = hours.dropna()
    if values.empty or not (values == values.round()).all():
        return False
    text = raw.astype(str)
    return bool(values.median() >= 15 and values.max() > 24 and not text.str.contains(r"[:hH]").any())


def _dates(body: pd.DataFrame, chosen: dict[str, str], where: dict,
           title: TitleFacts) -> tuple[pd.Series, str | None, bool]:
    """Entry dates, how they were read, and whether day and month could be either way round."""
    if "date" in chosen:
        reading = parse_dates(body[chosen["date"]])
        note = f"dates in {chosen['date']!r} read as {reading.how}"
        if reading.ambiguous:
            note += " (day and month could be either way round: check the date range)"
        return reading.values, note, reading.ambiguous
    if "start" in chosen:
        _, start_dates = hours_between(body[chosen["start"]], body[chosen["start"]])
        if start_dates.notna().any():
            return start_dates, f"dates taken from {chosen['start']!r}", False
        if title.start:
            return (pd.Series(pd.Timestamp(title.start), index=body.index),
                    f"no date column: every entry dated {title.start} from the title", True)
    raise FormatError("no date column found", **where,
                      hint="Expected a column such as Date, Start date or Work date.")


def _person(body: pd.DataFrame, chosen: dict[str, str], warnings: list[str], title: TitleFacts,
            kind: str) -> pd.Series:
    if "person" in chosen:
        return map_labels(body[chosen["person"]], lambda v: _text(v) or "(no name)")
    if "first_name" in chosen:
        first = _text_column(body[chosen["first_name"]])
        last = _text_column(body[chosen["last_name"]]) if "last_name" in chosen else ""
        return (first + " " + last).str.strip()
    if "email" in chosen:
        warnings.append(f"people identified by e-mail address ({chosen['email']!r})")
        return _text_column(body[chosen["email"]]).str.lower()
    if title.person:
        warnings.append(f"no person column: every entry is {title.person!r}'s, from the title above the table")
        return pd.Series(title.person, index=body.index)
    if kind == "summary":
        warnings.append("no people in the file: the totals are shown as '(everyone)'; "
                        "export the report grouped by user to see who carries the work")
        return pd.Series("(everyone)", index=body.index)
    warnings.append("no person column: all hours are counted as one person's")
    return pd.Series("(one person)", index=body.index)


def _reason(i: int, frame: pd.DataFrame, body: pd.DataFrame, chosen: dict[str, str], hour_errors: dict) -> str:
    if pd.isna(frame.at[i, "date"]):
        col = chosen.get("date") or chosen.get("start")
        raw = _text(body.at[i, col]) if col else ""
        return f"date {raw!r} in column {col!r} is not a date between 1900 and 2200" if raw else f"no date in column {col!r}"
    col = chosen.get("hours") or f"{chosen.get('start')}/{chosen.get('end')}"
    return f"column {col!r}: {hour_errors.get(i, 'no duration')}"


def _flags(frame: pd.DataFrame, grid: Grid, days_per_row: float | None) -> list[SkippedRow]:
    """Rows kept but worth a look: very long or negative entries, future dates, exact duplicates.

    `days_per_row` is the period one row covers (7 for a weekly roll-up), so a 38-hour week is not
    called a long entry; None for summaries, whose rows are totals by design.
    """
    flags: list[SkippedRow] = []
    rows, hours = frame["row"].to_numpy(), frame["hours"].to_numpy()  # arrays: flags can be many

    def add(mask: object, text: Callable[[float], str]) -> None:
        for row, h in zip(rows[mask].tolist(), hours[mask].tolist(), strict=True):
            flags.append(SkippedRow(grid.file, int(row), text(h), grid.sheet))

    if days_per_row is not None:
        limit = LONG_ENTRY_HOURS * days_per_row
        what = "one entry" if days_per_row == 1 else f"one {days_per_row:g}-day row"
        add((frame["hours"] > limit).to_numpy(), lambda h: f"{h:.1f} h in {what} (over {limit:g} h)")
    add((frame["hours"] < 0).to_numpy(), lambda h: f"negative hours ({h:g}): a correction? kept and subtracted")
    add((frame["date"] > pd.Timestamp(dt.date.today())).to_numpy(), lambda h: "date in the future")
    # Exact duplicates, found among rows whose hash repeats (a row with a unique hash has no twin):
    # the same rows as frame.duplicated(). Numbers and dates are hashed first, as they are cheap
    # and usually tell the rows apart; the text columns only for the rows still in doubt.
    cols = [c for c in frame.columns if c != "row"]
    maybe = np.ones(len(frame), dtype=bool)
    for group in ([c for c in cols if frame[c].dtype.kind in "biufmM"], cols):
        if group and maybe.any():
            part = frame[group] if maybe.all() else frame.loc[maybe, group]  # no copy of every row
            maybe[maybe] = pd.util.hash_pandas_object(part, index=False).duplicated(keep=False)
    dup = pd.Series(False, index=frame.index)
    if maybe.any():
        dup[maybe] = frame.loc[maybe, cols].duplicated(keep="first")
    add(dup.to_numpy(), lambda h: "same as an earlier row (possible duplicate)")
    flags.sort(key=lambda f: f.row)
    return flags


def _generic_confidence(chosen: dict[str, str]) -> float:
    have = sum(1 for r in ("date", "person", "activity", "hours") if r in chosen)
    have += 0.5 if "hours" not in chosen and "start" in chosen and "end" in chosen else 0
    return min(1.0, have / 4)


__all__ = ["ALIASES", "find_header", "read_file", "read_grid"]
