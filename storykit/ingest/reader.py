"""One file's bytes to a TimeLog: find the table, choose its columns, read every row or say why not.

The steps each live in their own module: grid (bytes to cells), table (header, title, totals),
role_choice (which column is what), wide (day-per-column grids), summaries (totals without
entries), role_values (hours, dates, people) and row_checks (skipped and flagged rows). This
module only runs them in order and picks the sheet of a workbook.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from storykit.errors import FormatError
from storykit.ingest import ahead, cube, early_read
from storykit.ingest.cell_text import text, text_column
from storykit.ingest.cells import forget_factorizations, map_labels
from storykit.ingest.cost_rate import find_cost_rate
from storykit.ingest.formulas import fill_formulas
from storykit.ingest.grid import Grid, read_grids
from storykit.ingest.layout import TOTAL_HEADER, day_columns
from storykit.ingest.partial_dates import column_with_dates_in_text
from storykit.ingest.role_choice import RoleChoice, role_question
from storykit.ingest.role_values import clock_span, read_dates, read_hours, read_people, section_people
from storykit.ingest.row_checks import LONG_ENTRY_HOURS, flag_rows, keep_out_far_dates, unreadable_reason
from storykit.ingest.sheets import pick_sheets
from storykit.ingest.summaries import no_hours, repeated_total, rollup_days, summary_format, summary_period
from storykit.ingest.table import EXPECTED, find_table
from storykit.ingest.wide import melt_days, melt_people, person_columns
from storykit.memory import give_back_now
from storykit.model import (
    CONFIRM_BELOW,
    LABEL_COLUMNS,
    OPTIONAL_COLUMNS,
    UNREADABLE,
    Question,
    SkippedRow,
    Source,
    TimeLog,
    add_provenance,
    as_labels,
)
from storykit.progress import Progress, part, quiet


def read_file(name: str, data: bytes, mapping: dict[str, str] | None = None,
              progress: Progress | None = None) -> TimeLog:
    """The time log in one file; the best sheet of a workbook, hidden sheets only as a last resort.

    `progress` (fraction, text) hears how far a long read is: rows parsed, then each phase.
    """
    progress = progress or quiet
    if data[:4] == cube.PARQUET_MAGIC:
        return cube.read_parquet_cube(name, data)
    grids = ahead.take(name, data) or read_grids(name, data, progress=part(progress, 0.0, 0.6), head=early_read.HEAD)
    give_back_now()  # the parse's own buffers are freed (in pyarrow's threads' heaps): before the rows are read
    if len(grids) == 1 and len(grids[0].cells) and cube.is_cube_header(grids[0].rows(0, 1).iloc[0].tolist()):
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
    log, read = pick_sheets(candidates, lambda g, src: read_grid(g, mapping, part(progress, 0.6, 1.0), like=src))
    log = keep_out_far_dates(log)
    extra = _sheet_notes(read, grids, candidates, errors)
    if filled:
        extra.insert(0, f"{filled} formula cells had no saved value: computed them from their formulas")
    if extra:
        src = log.sources[0]
        log = TimeLog(log.frame, (replace(src, warnings=src.warnings + tuple(extra)),), log.skipped, log.flagged)
    return log


def _sheet_notes(read: list[Grid], grids: list[Grid], candidates: list[tuple[TimeLog, Grid]],
                 errors: list[tuple[Grid, FormatError]]) -> list[str]:
    """What the user should hear about the workbook's other sheets: which was read, which were not and why."""
    extra: list[str] = []
    grid = read[0]
    others = [(g.sheet, other.sources[0].kind) for other, g in candidates if g not in read]
    if len(read) == 1 and (others or grid.hidden):
        extra.append(f"read sheet {grid.sheet!r}" + (" (a hidden sheet: no visible sheet holds a log)"
                                                      if grid.hidden else ""))
    for sheet, kind in others:
        extra.append(f"sheet {sheet!r} holds totals only; not counted again" if kind == "summary"
                     else f"sheet {sheet!r} also looks like a log; not read (choose it if it is the right one)")
    for g, e in errors:
        if not g.hidden:
            extra.append(f"sheet {g.sheet!r} not read: {e.message}")
    hidden = [g.sheet for g in grids if g.hidden and g not in read]
    if hidden:
        extra.append("hidden sheets not read: " + ", ".join(map(repr, hidden)))
    return extra


def read_grid(grid: Grid, mapping: dict[str, str] | None = None, progress: Progress | None = None,
              like: Source | None = None) -> TimeLog:
    """A TimeLog from one grid; `mapping` (role -> header) overrides what we would choose.

    `like` is another sheet of the same shape whose reading this one follows (its columns' roles,
    format and unit), so every sheet of a workbook is read alike.
    """
    progress = progress or quiet
    progress(0.0, f"{len(grid.cells):,} rows: finding the header and the columns")
    where = {"file": grid.file, "sheet": grid.sheet}
    table = find_table(grid, early_read.header_at(grid))  # a workbook's header and roles may be known early
    days = day_columns(table.header_cells)
    choice = (early_read.roles_for(grid, role_question(table.headers, table.blank, table.body,
                                                        early_read.wide_columns(table))) if like is None
              else RoleChoice(like.format, like.confidence, dict(like.mapping), (), dict(like.reasons),
                              dict(like.ignored), like.unit, like.question))
    fmt, confidence, unit, question = choice.format, choice.confidence, choice.unit, choice.question
    chosen, reasons = dict(choice.chosen), dict(choice.reasons)
    body, rows_in_file = table.body, table.rows
    skipped: list[SkippedRow] = list(table.skipped)
    warnings = [*grid.notes, *table.notes, *choice.notes]  # how the bytes were read, the table found, the mapping
    doubts: list[str] = [question.text] if question else []

    if days and "hours" not in chosen and not ("start" in chosen and "end" in chosen):
        melted = melt_days(table, body, rows_in_file, days, grid)
        body, rows_in_file, chosen, reasons = melted.body, melted.rows, melted.chosen, melted.reasons
        fmt, confidence = "wide_grid", 0.85
        warnings.append(melted.note)
        skipped.extend(melted.skipped)
    people = person_columns(table, chosen) if not days and like is None else []
    if people and chosen.get("hours") in (*people, *(h for h in table.headers if TOTAL_HEADER.match(h)), None):
        melted = melt_people(table, body, rows_in_file, people, grid)
        body, rows_in_file, chosen, reasons = melted.body, melted.rows, melted.chosen, melted.reasons
        fmt, confidence, unit, question = "wide_by_person", 0.8, "hours", None
        doubts = []
        warnings.append(melted.note)
        skipped.extend(melted.skipped)
    if mapping:
        unit = mapping.get("hours_unit") or (unit if mapping.get("hours", chosen.get("hours")) == chosen.get("hours")
                                             else "hours")
        _apply_mapping({r: c for r, c in mapping.items() if r != "hours_unit"}, body, chosen, reasons, where)
        if "hours_unit" in mapping and "hours" in chosen:
            reasons["hours"] = f"{chosen['hours']!r} holds {unit}: chosen by you"
        question = None

    kind, period = "log", None
    if "date" not in chosen and "start" not in chosen and not mapping:
        inside = column_with_dates_in_text(body, set(chosen.values()))
        if inside is not None:
            chosen["date"], reasons["date"] = inside, f"{inside!r} holds a date inside its text on nearly every row"
            doubts.append(f"the dates are taken from inside the text of {inside!r}: check the date range")
    if "date" not in chosen and "start" not in chosen:
        kind = "summary"
        if "hours" not in chosen:
            no_hours(table.headers, where)
        period, said = summary_period(grid, table.title)
        fmt = summary_format(fmt, table.headers, grid.file)
        # an unknown tool's summary is read as surely as its roles are: its category and its time named
        confidence = 0.8 if fmt != "summary" or (question is None and "activity" in chosen) else 0.7
        warnings.append(f"this is a summary report (grouped totals, no date on each row); the period "
                        f"{period[0]} to {period[1]} comes from {said}; weekly trends cannot be shown")

    progress(0.3, f"{len(body):,} rows: reading hours")
    hours, hour_errors, how_hours = read_hours(body, chosen, unit if "hours" in chosen else "hours", where)
    cost_rate = find_cost_rate(body, hours, chosen.values())  # offered by the app as the hourly cost
    progress(0.5, f"{len(body):,} rows: reading dates")
    if how_hours:
        warnings.append(how_hours)
    if kind == "summary":
        dates = pd.Series(pd.Timestamp(period[0]), index=body.index)
    else:
        dates, how_dates, ambiguous = read_dates(body, chosen, where, table.title)
        if how_dates:
            warnings.append(how_dates)
        if ambiguous:
            doubts.append(how_dates)
    by_section = section_people(rows_in_file, table.sections, chosen) if kind == "log" else None
    frame = _entries(body, chosen, dates, hours, read_people(body, chosen, warnings, table.title, kind, by_section),
                     warnings)
    del dates, hours  # the frame holds them; once it drops unreadable rows these names would keep 3 MB (200k rows)
    forget_factorizations(body)
    ignored = dict(choice.ignored)
    total = _repeated_total_asked(question, body, chosen, frame) if kind == "log" else None
    if question and total:
        ignored[total[0]] = f"each {total[1]}'s total of the time worked, repeated on its rows: never summed"
        doubts = [d for d in doubts if d != question.text]
        question, confidence = None, max(confidence, CONFIRM_BELOW)  # the question was the only doubt about it
    add_provenance(frame, grid.file, grid.sheet, rows_in_file)

    progress(0.8, f"{len(body):,} rows: checking every row")
    bad = frame["date"].isna() | frame["hours"].isna()
    for i in frame.index[bad]:
        skipped.append(SkippedRow(grid.file, int(frame.at[i, "row"]),
                                  unreadable_reason(i, frame, body, chosen, hour_errors), grid.sheet))
    if bad.any():  # else no second copy of the frame and the body at the read's peak (the row checks)
        frame, body = frame[~bad], body[~bad]
    frame, body = frame.reset_index(drop=True), body.reset_index(drop=True)
    rollup = rollup_days(body, chosen, frame) if kind == "log" else None
    span = None
    if rollup:
        span, last = rollup
        kind = "rollup"
        period = (frame["date"].min().date(), last)
        warnings.append(f"a roll-up, not an entry log: each row is one person's total for {span:g} days "
                        f"({chosen['date']!r} to {chosen['end_date']!r}); the long-entry check allows "
                        f"{LONG_ENTRY_HOURS:g} h per day of the period")
    flagged = flag_rows(frame, grid, (span or 1) if kind != "summary" else None)
    if frame.empty:
        raise FormatError(
            f"no readable rows: {len(skipped)} rows were skipped"
            + (f", e.g. row {skipped[0].row}: {skipped[0].reason}" if skipped else "")
            + "".join(f"; {note}" for note in grid.notes),
            **where, hint="Check that the file is the detailed time report, not a summary or an empty export.",
        )
    if frame["hours"].abs().sum() == 0:
        doubts.append(f"every one of the {len(frame):,} entries has 0 hours: check that the hours column is the "
                      "time worked (or that the time was logged at all)")
        warnings.append(doubts[-1])
    lost = sum(s.kind == UNREADABLE for s in skipped)  # rows of the table's structure (totals, titles) are not lost
    read_share = len(frame) / max(1, len(frame) + lost)
    if read_share < 0.8:
        doubts.append(f"only {read_share:.0%} of the rows could be read: check the mapping")
    if fmt == "generic":
        confidence = min(_generic_confidence(chosen), confidence)
    if mapping:
        confidence = 1.0
    elif doubts:
        confidence = min(confidence, CONFIRM_BELOW - 0.15)
    people_known = any(r in chosen for r in ("person", "first_name", "email")) or bool(table.title.person) or \
        by_section is not None
    source = Source(
        file=grid.file, format=fmt, sheet=grid.sheet, header_row=table.header_at + 1, rows=len(frame),
        mapping=dict(chosen), category_column=chosen.get("activity"),
        confidence=round(confidence, 2), warnings=tuple(dict.fromkeys(warnings)), kind=kind,
        period=period,
        reasons={r: reasons[r] for r in chosen if r in reasons}, ignored=ignored, doubts=tuple(doubts),
        columns=tuple(str(c) for c in body.columns), unit=unit if "hours" in chosen else "hours", question=question,
        cost_rate=cost_rate,
        people_known=people_known, weekly_detail=kind == "log" or (kind == "rollup" and (span or 0) <= 7),
    )
    skipped.sort(key=lambda s: s.row)
    return TimeLog(frame, (source,), tuple(skipped), tuple(flagged))


def _repeated_total_asked(question: Question | None, body: pd.DataFrame, chosen: dict[str, str],
                          frame: pd.DataFrame) -> tuple[str, str] | None:
    """The other hours column a question offers, when it is a day's or week's total repeated on each row
    (its value is the sum of the entries of that day or week), and which span; None otherwise."""
    for option in question.options if question else ():
        other = option.mapping.get("hours")
        if other and other != chosen.get("hours") and other in body.columns:
            span = repeated_total(body[other], frame["hours"], frame["date"], frame["person"])
            if span:
                return other, span
    return None


def _apply_mapping(mapping: dict[str, str], body: pd.DataFrame, chosen: dict[str, str], reasons: dict[str, str],
                   where: dict) -> None:
    """The user's choices over ours: a column per role, or '' to leave a role empty."""
    unknown = [c for c in mapping.values() if c and c not in body.columns]
    if unknown:
        raise FormatError(f"the mapping names {'columns' if len(unknown) > 1 else 'a column'} the file does "
                          f"not have: {', '.join(map(repr, unknown))}",
                          **where, hint="Choose one of: " + ", ".join(map(str, body.columns)))
    for role, col in mapping.items():  # what we had chosen too keeps its reason, and says you confirmed it
        if col:
            ours = reasons.get(role) if chosen.get(role) == col else None
            reasons[role] = f"{ours}; confirmed by you" if ours else f"{col!r} chosen by you"
    ours = chosen.get("hours")
    chosen.update({role: col for role, col in mapping.items() if col})
    for role in [r for r, c in mapping.items() if not c]:
        chosen.pop(role, None)
    if "minutes" not in mapping and chosen.get("hours") != ours:
        chosen.pop("minutes", None)  # the minutes past our hours column are no part of the one you chose


def _entries(body: pd.DataFrame, chosen: dict[str, str], dates: pd.Series, hours: pd.Series, person: pd.Series,
             warnings: list[str]) -> pd.DataFrame:
    """The log's frame: date, person, activity, hours, then the optional columns the table has."""
    activity = (map_labels(body[chosen["activity"]], lambda v: text(v) or "(no category)") if "activity" in chosen
                else pd.Series("(no category)", index=body.index))
    if "activity" not in chosen:
        warnings.append("no category column found: every entry is '(no category)'; choose one in the mapping")
    frame = pd.DataFrame({"date": dates, "person": person, "activity": activity, "hours": hours}, copy=False)
    for role in OPTIONAL_COLUMNS:
        if role in chosen and role not in ("start", "end"):
            column = body[chosen[role]]
            frame[role] = map_labels(column, text) if role in LABEL_COLUMNS else text_column(column)
    as_labels(frame)
    if "start" in chosen:  # clock times, for fragmentation (switches per day); end = start + hours
        frame["start"], frame["end"] = clock_span(body[chosen["start"]], dates, hours,
                                                  body[chosen["end"]] if "end" in chosen else None)
    return frame


def _generic_confidence(chosen: dict[str, str]) -> float:
    """Share of the four things a log needs that were found: a date (or start times), a person (or first
    and last name, or an e-mail), a category, and the time worked (or start and end times)."""
    have = sum(1 for group in (("date", "start"), ("person", "first_name", "email"), ("activity",), ("hours", "end"))
               if any(r in chosen for r in group))
    return have / 4


__all__ = ["read_file", "read_grid"]
