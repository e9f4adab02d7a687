"""The groups of a large log's pass as the TimeLog the normal reader would give: one row per person,
activity and day, with the rows it skips and flags listed (a bounded number) and counted.

The pass (large_reduce.py) groups rows by what SQL can tell of each (its `kind`: an entry, a total
row, unreadable hours, a long or a negative entry); the reader's own rules then judge what SQL
cannot, once per distinct value: names and labels, dates, and cells that say "Total".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.cell_text import text
from storykit.ingest.dates import EARLIEST, LATEST
from storykit.ingest.durations import DurationError, parse_duration
from storykit.ingest.large_input import LargeInput
from storykit.ingest.large_plan import Plan, distinct_days
from storykit.ingest.roles.values import person_name
from storykit.ingest.row_checks import (
    FUTURE_DATE,
    LONG_ENTRY_HOURS,
    date_reason,
    hours_reason,
    long_entry,
    negative_entry,
)
from storykit.ingest.table import TOTAL_ROW_REASON, is_total_text
from storykit.limits import LIMITS
from storykit.model import FLAG, STRUCTURE, UNREADABLE, SkippedRow, TimeLog, add_provenance, as_labels

#: Rows listed per kind of problem (the rest are counted): enough to find and fix them in the file.
LISTED = 1_000
LISTS = ["bad_raw", "listed", "listed_hours"]  # what the pass's lists add to a group of odd rows
FILE_SHIFT = 40  # a row is coded as file index << 40 | row number: one sortable integer
#: The units a plain number of hours can be in, by how many of them make an hour (large_reduce calibrates it).
UNIT_OF_FACTOR = {1: "hours", 60: "minutes", 3600: "seconds"}

#: What the SQL makes of each row, a key of the GROUP BY: an entry, or a row the reader skips or flags. A
#: group's rows are BAD_DATE when the reader's date rules, run on the distinct dates after the pass, cannot read it.
ENTRY, TOTAL, BAD_HOURS, LONG, NEGATIVE, BAD_DATE = range(6)


@dataclasses.dataclass(frozen=True)
class Reduced:
    """What the pass gave: one row per person, activity, day and kind of row, the groups of rows that are not
    plain entries with their first rows listed, the files (a row's code names one), and the rows read."""

    groups: pd.DataFrame
    problems: pd.DataFrame
    files: list[str]
    read: int


def to_log(inp: LargeInput, plan: Plan, reduced: Reduced, sample: bool = False) -> TimeLog:
    """The groups as a TimeLog of one row per person, activity and day, with what was skipped and flagged;
    with no row readable, a FormatError (for the whole file; the sample's check names the row instead)."""
    src, files = plan.source, reduced.files
    groups, problems = _hours_by_the_readers_rule(reduced, plan)
    keys = ["person", "activity", "day", *plan.cell_keys]
    groups["date"] = _dates(groups["day"])
    groups["fate"] = _fates(groups, plan)
    problems = problems.reindex(columns=[*keys, "kind", *LISTS])
    if len(problems):  # each group of odd rows takes its fate from its group in the pass (a stream's split by raw text)
        fates = groups[groups["kind"] != ENTRY].drop_duplicates([*keys, "kind"])[[*keys, "kind", "fate"]]
        problems = problems.merge(fates, on=[*keys, "kind"], how="left")
    else:
        problems["fate"] = ENTRY
    skipped, more_skipped = _skipped(groups, problems, plan, files)
    flagged, more_flagged = _flagged(groups, problems, keys, files)
    kept = groups[groups["fate"] == ENTRY]
    frame = pd.DataFrame({
        "date": kept["date"].to_numpy(),
        "person": _labels(kept["person"], "(no name)",  # a person column's 'Name <address>' is the name
                          person_name if "person" in src.mapping else str),
        "activity": _labels(kept["activity"], "(no category)"),
        "hours": kept["hours"].to_numpy(dtype="float64"),
        "code": kept["first_row"].to_numpy(dtype="int64"),
    }).groupby(["date", "person", "activity"], as_index=False, sort=True, observed=True).agg(
        hours=("hours", "sum"), code=("code", "min"))
    if frame.empty and not sample:
        raise FormatError(f"no readable rows: {more_skipped + len(skipped):,} rows were skipped"
                          + (f", e.g. row {skipped[0].row}: {skipped[0].reason}" if skipped else ""), file=inp.name,
                          hint="Check that the file is the detailed time report.")
    as_labels(frame)
    code = frame.pop("code").to_numpy()
    add_provenance(frame, files[0], None, pd.Series(code & ((1 << FILE_SHIFT) - 1)))
    if len(files) > 1:  # a folder of parts: each group's first row is in one of them
        frame["file"] = pd.Categorical.from_codes((code >> FILE_SHIFT).astype("int32"), categories=files)
    kept_rows = int(kept["n"].sum())
    warnings = list(src.warnings) + [
        f"read in batches ({reduced.read:,} rows; in memory the limit is {LIMITS.rows:,}) and reduced on DuckDB to hours per "
        f"person, activity and day; its columns read as the reader read its first {len(plan.sample.frame):,} rows",
        "not checked on a file this large: exact duplicate rows, and switches between activities within a day",
    ]
    source = dataclasses.replace(src, rows=kept_rows, warnings=tuple(dict.fromkeys(warnings)),
                                 more_skipped=more_skipped, more_flagged=more_flagged)
    return TimeLog(frame, (source,), tuple(skipped), tuple(flagged))


def _labels(raw: pd.Series, blank: str, rule: Callable[[str], str] = str) -> pd.Categorical:
    """The reader's label for each raw text (its cell rule, then `rule`, once per distinct value), as the
    sorted categories the log keeps them in (model.as_labels)."""
    codes, distinct = pd.factorize(raw, use_na_sentinel=False)
    named = pd.Categorical([rule(text(v)) or blank for v in distinct])
    return pd.Categorical.from_codes(named.codes[codes], dtype=named.dtype)


def _hours_by_the_readers_rule(reduced: Reduced, plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The groups and their odd ones, with the hours SQL has no rule for (`1h 30m`, `90 min`, `PT1H30M`) read by
    the reader's rule, once per distinct text; what it cannot read either stays unreadable.

    Such a group's rows all hold the same text (the pass groups them by it), so its hours are its rows
    times the text's; a long or negative one is flagged as SQL's are.
    """
    problems = reduced.problems
    bad = problems[problems["kind"].eq(BAD_HOURS)] if "bad_raw" in problems else problems.iloc[:0]
    if bad.empty:
        return reduced.groups, problems
    codes, distinct = pd.factorize(bad["bad_raw"])
    each = np.array([_read_hours(v, plan)[0] for v in distinct] + [np.nan])[codes]  # NULL (-1): unreadable
    if np.isnan(each).all():
        return reduced.groups, problems
    read = bad.assign(hours=np.where(np.isnan(each), np.nan, each * bad["n"].to_numpy()),
                      kind=np.select([np.isnan(each), each > LONG_ENTRY_HOURS, each < 0], [BAD_HOURS, LONG, NEGATIVE],
                                     ENTRY))
    read["listed_hours"] = [[h] * len(rows) if k in (LONG, NEGATIVE) else None
                            for k, h, rows in zip(read["kind"], each, read["listed"], strict=True)]
    groups = pd.concat([reduced.groups[reduced.groups["kind"].ne(BAD_HOURS)], read], ignore_index=True)
    return groups, pd.concat([problems[problems["kind"].ne(BAD_HOURS)], read[read["kind"].ne(ENTRY)]])


def _read_hours(value: object, plan: Plan) -> tuple[float, str]:
    """A cell's hours by the reader's rule in the column's unit, or NaN and the reason it cannot be read."""
    try:
        return parse_duration(value, UNIT_OF_FACTOR[plan.factor]), ""
    except DurationError as e:
        return np.nan, str(e)


def _dates(days: pd.Series) -> pd.Series:
    """Each group's date: typed dates as they are, texts by the reader's date rules over all distinct texts."""
    if pd.api.types.is_datetime64_any_dtype(days) or days.map(type).eq(dt.date).all():
        values = pd.to_datetime(days, errors="coerce")
        return values.where((values >= EARLIEST) & (values <= LATEST)).astype("datetime64[ns]")
    keys = pd.Series(days.dropna().unique())
    return days.map(dict(zip(keys, distinct_days(keys), strict=True))).astype("datetime64[ns]")


def _fates(groups: pd.DataFrame, plan: Plan) -> np.ndarray:
    """What the reader makes of each group's rows: entries (long and negative ones too), or rows skipped as a
    total row, for their hours or for their date, in the reader's order."""
    total = groups["kind"].to_numpy() == TOTAL
    for key in plan.total_keys + plan.cell_keys:  # the reader's total-row rule, once per distinct key
        codes, distinct = pd.factorize(groups[key])
        total |= np.array([is_total_text(v) for v in distinct] + [False])[codes]  # a NULL cell (Parquet, -1) says nothing
    bad_hours = (groups["kind"].to_numpy() == BAD_HOURS) & ~total
    bad_date = groups["date"].isna().to_numpy() & ~total & ~bad_hours
    return np.select([total, bad_hours, bad_date], [TOTAL, BAD_HOURS, BAD_DATE], ENTRY)


def _where(code: int, files: list[str]) -> tuple[str, int]:
    return files[code >> FILE_SHIFT], code & ((1 << FILE_SHIFT) - 1)


def _skipped(groups: pd.DataFrame, problems: pd.DataFrame, plan: Plan,
             files: list[str]) -> tuple[list[SkippedRow], int]:
    """The skipped rows, the first LISTED of them listed: the rows SQL found (total rows, unreadable hours) from
    their groups' lists; where the reader's rules found them after the pass (a total by a distinct cell, an
    unreadable date), each group's first row."""
    out: list[tuple[int, str]] = []
    count = int(groups.loc[groups["fate"] != ENTRY, "n"].sum())
    for g in problems[problems["fate"].eq(TOTAL) & problems["kind"].eq(TOTAL)].itertuples():
        out.extend((int(c), TOTAL_ROW_REASON) for c in g.listed)
    for g in problems[problems["fate"].eq(BAD_HOURS)].itertuples():
        why = _read_hours(g.bad_raw, plan)[1]
        out.extend((int(c), hours_reason(plan.hours_column, why)) for c in g.listed)
    after = groups[(groups["fate"].eq(TOTAL) & groups["kind"].ne(TOTAL)) | groups["fate"].eq(BAD_DATE)]
    for g in after.itertuples():
        out.append((int(g.first_row), TOTAL_ROW_REASON if g.fate == TOTAL else date_reason(text(g.day),
                                                                                            plan.date_column)))
    out.sort()
    listed = [SkippedRow(*_where(code, files), why, None,  # total rows are the table's own, the rest entries lost
                         STRUCTURE if why == TOTAL_ROW_REASON else UNREADABLE) for code, why in out[:LISTED]]
    return listed, count - len(listed)


def _flagged(groups: pd.DataFrame, problems: pd.DataFrame, keys: list[str],
             files: list[str]) -> tuple[list[SkippedRow], int]:
    """Long and negative entries from their groups' lists; a future date once per person, activity and day."""
    out: list[tuple[int, str]] = []
    for g in problems[problems["fate"].eq(ENTRY)].itertuples():
        reason = long_entry if g.kind == LONG else negative_entry
        out.extend((int(row), reason(hours)) for row, hours in zip(g.listed, g.listed_hours, strict=True))
    good = groups[groups["fate"].eq(ENTRY)]
    future = good[good["date"] > pd.Timestamp.today().normalize()].groupby(keys, dropna=False)["first_row"].min()
    out.extend((int(c), FUTURE_DATE) for c in future)
    count = int(good.loc[good["kind"].isin([LONG, NEGATIVE]), "n"].sum()) + len(future)
    out.sort()
    listed = [SkippedRow(*_where(code, files), why, None, FLAG) for code, why in out[:LISTED]]
    return listed, count - len(listed)
