"""How the normal reader read a large log's first rows, as SQL for DuckDB to apply to all of them.

The normal reader (read_file) reads a sample, the first SAMPLE_ROWS rows: it finds the header, the
delimiter and encoding, and which column is the date, the person, the activity and the hours, so
this path follows whatever the reader decides (its roles, its units). Each role's values are then
read by SQL per row where the rule is row-wise (numbers, clock durations, time spans), and per
distinct value by the reader's own rules where the rule needs the whole column (a date column's
day/month order; a label's text). A reading SQL cannot express is refused, naming the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pv

from storykit.errors import FormatError
from storykit.ingest.dates import _TIME_SUFFIX
from storykit.ingest.durations import _CLOCK, _NUMBER, _UNIT_HOURS, _UNITS
from storykit.ingest.grid import read_grids
from storykit.ingest.large_input import LargeInput, TextLayout, head_text, parquet_sample
from storykit.ingest.reader import read_file
from storykit.ingest.role_values import BY_SECTION
from storykit.ingest.table import TOTAL_STEMS, TOTAL_TEXT
from storykit.limits import LIMITS, Limits
from storykit.model import TimeLog

#: Rows the normal reader reads to decide the columns (about 0.3 s); more rows, surer units.
SAMPLE_ROWS = 50_000
#: The reader's limit on one entry's hours, which SQL applies too.
MAX_ENTRY_HOURS = 24 * 366
_TIME_OF_DAY = r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?$"
SUFFIX = re.compile(_TIME_SUFFIX)
#: What str.strip() takes off (the reader's blank rule): every character Python calls a space (Unicode has
#: none past its first plane, which takes 1/17 of the time to look through).
SPACES = "".join(c for c in map(chr, range(0x10000)) if c.isspace())
_WHY = "Export the log with decimal hours (or H:MM) and one date column, or aggregate it to a cube (README)."


@dataclass(frozen=True)
class Plan:
    """What the sample's reading means for every row, as SQL over one batch's columns."""

    sample: TimeLog  # the normal reader's reading of the first rows
    head: bytes  # those rows as the reader read them (text: the file's first lines)
    layout: TextLayout | None  # None for Parquet
    person: str  # SQL: the person's raw text (the reader's label rule runs per distinct value)
    activity: str
    day: str  # SQL: the date's text without a time of day (parse_dates runs per distinct value)
    hours: str  # SQL: decimal hours, NULL where unreadable
    hours_raw: str  # SQL: what the hours came from, for the reasons of unreadable rows
    filled: str  # SQL: some cell of the row has text (blank rows are dropped silently, as the reader does)
    total_cells: tuple[str, ...]  # SQL: the first three cells that are text and not keys: they may say "Total"
    total_keys: tuple[str, ...]  # keys ("person", "activity", "day") that are one of the first three cells
    hours_number: str  # SQL: the hours cell as a plain number (before the unit), NULL if it is not one
    hours_column: str
    date_column: str
    factor: int = 1  # how many of the column's numbers make an hour (60: minutes), calibrated on the sample
    cells_are_keys: bool = False  # total_cells are GROUP BY keys too (they do not split the sample's groups)
    #: Each total cell's distinct values that say Total, where all of them were read before the pass (Parquet on disk)
    totals: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    @property
    def total(self) -> str:
        """SQL: a total row by a cell in total_cells: one of the values known to say so, or asked row by row;
        false where each distinct cell is asked after the pass (cells_are_keys)."""
        if self.totals is not None:
            return " OR ".join(f"{cell} IN ({', '.join(map(literal, said))})" for cell, said in self.totals
                               if said) or "false"
        if self.cells_are_keys:
            return "false"
        return " OR ".join(_says_total(cell) for cell in self.total_cells) or "false"

    @property
    def cell_keys(self) -> tuple[str, ...]:
        """The GROUP BY's names for total_cells when they are keys (whose distinct values the reader's rule asks)."""
        return tuple(f"__cell{i}" for i in range(len(self.total_cells))) if self.cells_are_keys else ()

    @property
    def cell_columns(self) -> str:
        """SQL: total_cells passed into the GROUP BY as its cell_keys (nothing when they are not keys)."""
        if not self.cells_are_keys:
            return ""
        return "".join(f", {cell} AS {key}" for cell, key in zip(self.total_cells, self.cell_keys, strict=True))

    @property
    def hours_refs(self) -> list[str]:
        """The quoted columns the hours are read from (one, or start and end)."""
        names = self.hours_column.split("/") if self.hours_column not in self.source.columns else [self.hours_column]
        return [quote(n) for n in names]

    @property
    def raw_columns(self) -> str:
        """SQL: the hours' raw columns passed through the GROUP BY's input as __raw0, __raw1."""
        return ", ".join(f"{ref} AS __raw{i}" for i, ref in enumerate(self.hours_refs))

    @property
    def bad_raw(self) -> str:
        """SQL over the passed-through columns: the text of an unreadable hours cell, for its reason."""
        sql = self.hours_raw
        for i, ref in enumerate(self.hours_refs):
            sql = sql.replace(ref, f"__raw{i}")
        return sql

    @property
    def source(self):  # type: ignore[no-untyped-def]
        return self.sample.sources[0]


def quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sample_bytes(inp: LargeInput, limits: Limits = LIMITS) -> tuple[bytes, pa.Schema | None]:
    """The first rows as CSV text the normal reader can read, and a Parquet file's column types."""
    if inp.kind == "parquet":
        table = parquet_sample(inp, SAMPLE_ROWS)
        text = pa.table({f.name: _as_text(table[f.name]) for f in table.schema})
        out = pa.BufferOutputStream()
        pv.write_csv(text, out)
        return out.getvalue().to_pybytes(), table.schema
    head = head_text(inp, limits)
    lines = head.split(b"\n", SAMPLE_ROWS + 40)  # the header may sit below a few title rows
    return b"\n".join(lines[: SAMPLE_ROWS + 40]) + b"\n", None


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    import pyarrow.compute as pc

    if pa.types.is_timestamp(column.type):
        return pc.strftime(column, format="%Y-%m-%d %H:%M:%S")
    return pc.cast(column, pa.string())


def make_plan(inp: LargeInput, limits: Limits = LIMITS, mapping: dict[str, str] | None = None) -> Plan:
    """The sample's reading (with the user's `mapping`, if any) as SQL; a FormatError when the reading
    needs a rule SQL does not have."""
    data, schema = sample_bytes(inp, limits)
    sample = read_file(inp.name, data, mapping)
    src = sample.sources[0]
    where = {"file": inp.name}
    if src.format == "cube":
        raise FormatError("a cube file this large cannot be a cube of one team", **where,
                          hint="A cube has one row per person, activity and week; aggregate it further.")
    if src.kind != "log" or src.format == "wide_grid":
        raise FormatError(f"a file this large is read in batches, which needs an entry log (one row per entry); "
                          f"its first rows read as a {src.kind if src.kind != 'log' else 'wide grid'}", **where,
                          hint=_WHY)
    layout, cells_of = None, None
    if schema is None:
        grid = read_grids(inp.name, data)[0]
        if "+" in (grid.encoding or ""):  # lines in two encodings, repaired line by line in memory
            raise FormatError(f"the file's lines are in more than one encoding ({grid.encoding})", **where,
                              hint="Save it again as UTF-8 CSV.")
        layout = TextLayout(src.columns, (src.header_row or 1), grid.delimiter or ",", grid.encoding or "utf-8")
        body = grid.rows(src.header_row or 1)
        cells_of = {name: body[i] for i, name in enumerate(src.columns) if i in body.columns}
    types = {f.name: f.type for f in schema} if schema is not None else {}
    mapping = src.mapping  # the reader's choice, or the user's
    columns = _columns(src.columns if schema is None else tuple(types))
    filled = " OR ".join(_filled(columns[c], types.get(c)) for c in columns) or "true"
    person = _person(mapping, columns, types, sample, where)
    activity = (_text(columns[mapping["activity"]], types.get(mapping["activity"])) if "activity" in mapping
                else literal("(no category)"))
    day, date_column = _day(mapping, columns, types, cells_of, where)
    keys = {"person": person, "activity": activity, "day": day}
    # A total row says so in one of its first three cells: where that cell is a key of the GROUP BY, the
    # reader's rule judges each distinct key; the other cells are asked by SQL, row by row, or become keys
    # too where they do not split the groups (large_reduce decides that on the sample).
    first = [c for c in list(columns)[:3]]
    total_keys = tuple(k for k, sql in keys.items() if any(sql == columns[c] for c in first))
    total_cells = tuple(columns[c] for c in first  # dates and numbers never say Total
                        if columns[c] not in keys.values() and _is_text(types.get(c)))
    hours, hours_raw, hours_number, hours_column = _hours(mapping, columns, types, where)
    return Plan(sample, data, layout, person, activity, day, hours, hours_raw, filled, total_cells, total_keys,
                hours_number, hours_column, date_column)


def _columns(names: tuple[str, ...]) -> dict[str, str]:
    return {n: quote(n) for n in names}


def _text(sql: str, kind: pa.DataType | None) -> str:
    """A column as text, as the sample's CSV had it."""
    if _is_text(kind):
        return sql
    if pa.types.is_timestamp(kind):
        return f"strftime({sql}, '%Y-%m-%d %H:%M:%S')"
    return f"CAST({sql} AS VARCHAR)"


def _is_text(kind: pa.DataType | None) -> bool:
    return kind is None or pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _says_total(cell: str) -> str:
    """SQL: the cell matches the reader's total-row pattern (table.TOTAL_TEXT).

    The pattern is costly per row, so a cheap test comes first: every match holds one of its stems
    (table.TOTAL_STEMS), and one case-blind regex of the stems alone (one pass over the cell, with the
    same engine's case folding as the pattern's: 'ſ' is an 's' to both) finds them; only such cells are asked.
    """
    stems = literal("|".join(re.escape(w) for w in TOTAL_STEMS))
    return (f"CASE WHEN regexp_matches({cell}, {stems}, 'i') "
            f"THEN regexp_matches({cell}, {literal(TOTAL_TEXT.pattern)}, 'i') ELSE false END")


def _filled(sql: str, kind: pa.DataType | None) -> str:
    """The cell is not blank (None, empty or only spaces), as the reader's blank rule (cell_text.blank) says."""
    if not _is_text(kind):
        return f"{sql} IS NOT NULL"
    # A first character from '!' to '~' is no space, for the cost of two comparisons; else strip what str.strip does.
    return f"(({sql} >= '!' AND {sql} < chr(128)) OR trim({sql}, {literal(SPACES)}) <> '')"


def _person(mapping: dict[str, str], columns: dict[str, str], types: dict, sample: TimeLog, where: dict) -> str:
    if "person" in mapping:
        return _text(columns[mapping["person"]], types.get(mapping["person"]))
    if "first_name" in mapping:
        first = _text(columns[mapping["first_name"]], types.get(mapping["first_name"]))
        if "last_name" not in mapping:
            return first
        last = _text(columns[mapping["last_name"]], types.get(mapping["last_name"]))
        return f"trim(coalesce(trim({first}), '') || ' ' || coalesce(trim({last}), ''))"
    if "email" in mapping:
        return f"lower({_text(columns[mapping['email']], types.get(mapping['email']))})"
    if any(w.startswith(BY_SECTION) for w in sample.sources[0].warnings):  # the first rows may hold one title only
        raise FormatError("its rows are grouped under section titles that name the people ('Ana Silva' over her "
                          "rows); read in batches, each row is read on its own and cannot tell whose it is",
                          **where, hint="Export the log with a column for the person on every row, or aggregate "
                               "it to a cube (README).")
    people = sample.frame["person"].unique()
    if len(people) == 1:  # the reader named everyone one way (from the title, or "one person")
        return literal(str(people[0]))
    raise FormatError("no person column in the first rows", **where, hint=_WHY)


def _day(mapping: dict[str, str], columns: dict[str, str], types: dict, cells: dict[str, pd.Series] | None,
         where: dict) -> tuple[str, str]:
    """SQL for a row's date without its time of day; parse_dates reads the distinct texts, all at once."""
    col = mapping.get("date") or mapping.get("start")
    if col is None:
        raise FormatError("no date column in the first rows", **where, hint=_WHY)
    kind = types.get(col)
    if kind is not None and (pa.types.is_timestamp(kind) or pa.types.is_date(kind)):
        return f"CAST({columns[col]} AS DATE)", col
    if kind is not None and not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise FormatError(f"the dates in {col!r} are stored as {kind}, not as dates or text", **where,
                          column=col, hint=_WHY)
    values = pd.Series(cells[col].unique() if cells else [], dtype="string").str.strip()
    values = values[values != ""]
    if len(values) and pd.to_numeric(values, errors="coerce").notna().all():
        raise FormatError(f"the dates in {col!r} are numbers (e.g. {values.iloc[0]!r}); reading them in batches "
                          "is not supported yet", **where, column=col, hint=_WHY)
    if cells is not None and not values.str.contains(SUFFIX).any():
        return columns[col], col  # dates alone: each distinct text is one day's key
    return f"regexp_replace(trim({columns[col]}), {literal(_TIME_SUFFIX)}, '')", col


def _hours(mapping: dict[str, str], columns: dict[str, str], types: dict, where: dict) -> tuple[str, str, str, str]:
    """SQL for decimal hours (NULL where unreadable; `{factor}` still to fill in), the raw text, the cell as a
    plain number, and the column(s) it reads."""
    if "minutes" in mapping:
        raise FormatError(f"its time is in two columns, whole hours in {mapping['hours']!r} and the minutes past "
                          f"them in {mapping['minutes']!r}; reading in batches reads the time from one column",
                          **where, column=mapping["minutes"], hint=_WHY)
    if "hours" in mapping:
        col = mapping["hours"]
        kind = types.get(col)
        factor = "{factor}"  # how many of its numbers make an hour: calibrated on the sample (large_reduce)
        sql = columns[col]
        if kind is not None and (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
            return f"CAST({sql} AS DOUBLE) / {factor}", _text(sql, kind), f"CAST({sql} AS DOUBLE)", col
        raw = f"trim(replace({_text(sql, kind)}, chr(160), ' '))"
        # Plain numbers first (the usual column, and DuckDB's cast is cheap); the rest as the reader reads them,
        # only where the cast failed: DuckDB computes a repeated expression once for every row, so `text` is
        # NULL (and costs nothing further) where the cast already read the cell.
        fast = f"TRY_CAST({_text(sql, kind)} AS DOUBLE)"
        text = f"CASE WHEN {fast} IS NULL THEN {raw} END"
        number = (f"CASE WHEN regexp_full_match({text}, {literal(_NUMBER.pattern)}) "
                  f"THEN TRY_CAST(replace({text}, ',', '.') AS DOUBLE) END")
        return (f"coalesce({fast} / {factor}, {number} / {factor}, {_clock_duration(text)}, {_spelled_duration(text)})",
                raw,
                f"coalesce({fast}, {number})", col)
    if "start" in mapping and "end" in mapping:
        start, end = mapping["start"], mapping["end"]
        a = _text(columns[start], types.get(start))
        b = _text(columns[end], types.get(end))
        minutes_a, minutes_b = _time_of_day(a), _time_of_day(b)
        span = (f"CASE WHEN {minutes_b} < {minutes_a} THEN {minutes_b} - {minutes_a} + 1440 "
                f"ELSE {minutes_b} - {minutes_a} END / 60.0")
        stamps = f"(epoch(TRY_CAST(trim({b}) AS TIMESTAMP)) - epoch(TRY_CAST(trim({a}) AS TIMESTAMP))) / 3600.0"
        return f"coalesce({span}, {stamps})", f"{a} || ' to ' || {b}", "NULL", f"{start}/{end}"
    raise FormatError("no hours column and no start and end times in the first rows", **where, hint=_WHY)


def _clock_duration(text: str) -> str:
    """`H:MM[:SS]`, optionally `-` and AM/PM (a 12-hour clock duration), as durations.parse_duration reads it:
    in a column of minutes (`{factor}` 60) a bare `M:SS` is minutes and seconds, a call's handle time."""
    pattern = literal(_CLOCK.pattern)

    def part(i: int) -> str:
        return f"regexp_extract({text}, {pattern}, {i})"

    h, mi = f"TRY_CAST({part(2)} AS INTEGER)", f"TRY_CAST({part(3)} AS INTEGER)"
    s = f"coalesce(TRY_CAST(replace({part(4)}, ',', '.') AS DOUBLE), 0)"
    ampm = f"lower({part(5)})"
    hours = (f"CASE WHEN {ampm} = '' THEN {h} WHEN {h} > 12 THEN NULL "
             f"ELSE {h} % 12 + CASE WHEN {ampm} = 'pm' THEN 12 ELSE 0 END END")
    total = (f"(({hours} + {mi} / 60.0 + {s} / 3600.0) / CASE WHEN {{factor}} = 60 AND {part(4)} = '' "
             f"AND {ampm} = '' THEN 60 ELSE 1 END)")
    return (f"CASE WHEN regexp_full_match({text}, {pattern}) AND {mi} < 60 AND {s} < 60 THEN "
            f"CASE WHEN {part(1)} = '-' THEN -{total} ELSE {total} END END")


def _spelled_duration(text: str) -> str:
    """`1h 30m`, `90 min.`, `2 hours, 5 min` (as Jira and Tempo write them): numbers with units and nothing else, as
    durations.parse_duration reads them, else NULL (`PT2H`, `1h30`: the reader's rule reads those after the pass).
    Read here, a log of them is summed like any other; else each group of them would be one per distinct text."""
    t = f"lower({text})"
    pattern = literal(_UNITS.pattern)
    numbers, units = (f"regexp_extract_all({t}, {pattern}, {i})" for i in (1, 2))
    hours = ", ".join(map(literal, _UNIT_HOURS))
    return (f"CASE WHEN len({numbers}) > 0 AND trim(regexp_replace({t}, {pattern}, '', 'g'), ' ,;+') = '' THEN "
            f"list_sum(list_transform(list_zip({numbers}, {units}), lambda z: CAST(replace(z[1], ',', '.') AS DOUBLE) "
            f"/ CASE WHEN z[2] IN ({hours}) THEN 1 WHEN z[2][1] = 'm' THEN 60 ELSE 3600 END)) END")


def _time_of_day(text: str) -> str:
    """Minutes after midnight of a bare time of day (`9:30`, `09:30:00`, `9:30 PM`), else NULL."""
    t = f"trim({text})"
    pattern = literal(_TIME_OF_DAY)

    def part(i: int) -> str:
        return f"regexp_extract({t}, {pattern}, {i})"

    h = f"TRY_CAST({part(1)} AS INTEGER)"
    ampm = f"lower(left({part(4)}, 1))"
    hour = f"CASE WHEN {ampm} = '' THEN {h} ELSE {h} % 12 + CASE WHEN {ampm} = 'p' THEN 12 ELSE 0 END END"
    return (f"CASE WHEN regexp_full_match({t}, {pattern}) THEN {hour} * 60 + TRY_CAST({part(2)} AS INTEGER) "
            f"+ coalesce(TRY_CAST(nullif({part(3)}, '') AS INTEGER), 0) / 60.0 END")


def distinct_days(keys: pd.Series) -> pd.Series:
    """The reader's dates for distinct date texts (day/month order decided from all of them at once)."""
    from storykit.ingest.dates import parse_dates

    return parse_dates(keys.reset_index(drop=True)).values

