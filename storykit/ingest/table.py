"""Where the table sits in a grid: its header row, the title block above it, and the rows that are not entries.

A grid is every cell of a sheet or text file; people put titles, filters and totals around
the table itself, and some tables repeat their header once per block (a week, a person). The
header is the row whose columns below look most alike (a reading scored by fit, as CleverCSV
scores dialects), helped by words that name roles; a header written after a comment marker
(`# Date,...`) keeps its names. Blank rows, total rows (with a lone value row under them),
repeated headers and section titles are set aside, each listed with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.cell_text import TOTAL_WORDS, blank_frame, text
from storykit.ingest.cells import cells_saying, no_text
from storykit.ingest.grid import Grid
from storykit.ingest.layout import TitleFacts, day_columns, period_from_name, read_title
from storykit.ingest.partial_dates import complete_weekdays, complete_years, date_in_name
from storykit.ingest.records import merge_two_row_records
from storykit.ingest.role_choice import HeaderMeaning, header_meaning, header_score, names_roles, same_header
from storykit.model import STRUCTURE, SkippedRow

#: How far down a header may sit: report metadata (title, filters, generated-at, totals) runs to ~40 lines.
HEADER_SCAN_ROWS = 50
FIT_ROWS = 20  # rows below a candidate header whose columns are compared
TOTAL_ROW_REASON = "total row (a sum of other rows)"
TOTAL_VALUE_REASON = "total row: the value of the total row above"
REPEATED_HEADER_REASON = "header row repeated (a new block of the table)"
SECTION_REASON = "section title row"
TOTAL_TEXT = re.compile(rf"^\s*(grand\s+)?{TOTAL_WORDS}\b|^[^,;:]{{0,30}}\b({TOTAL_WORDS}|\w+summe)\s*:?\s*$",
                    re.IGNORECASE)
#: Every word of TOTAL_TEXT holds one of these: a cell without any of them (ASCII, any case) says no total
#: (cells that are not printable ASCII, 'Összesen', are always asked).
TOTAL_STEMS = ("tota", "sum", "gesamt", "som", "razem", "celk", "sszesen", "yhteens")
#: A header line that starts with a comment marker: `# Date`, `// Date`, `; Date`, `-- Date`.
_COMMENT = re.compile(r"^\s*(#+|//|;|--|%)\s*(?=\S)")
_NUMBER = re.compile(r"^\s*[-+]?[$€£]?\s*\d[\d\s.,']*%?\s*$")
_CLOCK = re.compile(r"\d:\d\d")
_DATE_OR_TIME = re.compile(r"\d{1,4}\s*[./:-]\s*\d{1,2}")
BLANK, TEXT, NUMBER, WHEN = 0, 1, 2, 3
#: What a time log looks like, told whenever a grid turns out not to be one.
EXPECTED = ("Expected a time log: a header row naming a date, a person, an activity and hours "
            "(or start and end times), one row per entry; or a summary report with hours by category.")


@dataclass(frozen=True, eq=False)
class Table:
    """The header, the title block and the entry rows of one grid, each row with its place in the file."""

    header_at: int  # 0-based index of the header row in the grid
    header_cells: list[object]
    headers: list[str]  # one unique name per column
    title: TitleFacts
    body: pd.DataFrame  # entry rows only, columns named by `headers`
    rows: pd.Series  # the file's 1-based row number of each body row
    blank: pd.DataFrame  # which body cells are blank
    skipped: tuple[SkippedRow, ...]  # total rows, repeated headers and section titles set aside
    notes: tuple[str, ...] = ()  # what the user should hear about the table's structure
    sections: dict[int, str] = field(default_factory=dict)  # file row -> the section title above it


def find_table(grid: Grid, header_at: int | None = None) -> Table:
    """The table in `grid`, or a FormatError saying that no header row was found. `header_at` is where
    find_header found it, if that is known (it looks at header_rows(grid) only)."""
    if header_at is None:
        header_at = find_header(header_rows(grid))
    if header_at is None:
        raise FormatError(f"no header row found in the first {HEADER_SCAN_ROWS} rows", file=grid.file,
                          sheet=grid.sheet, hint=EXPECTED)
    header_cells = grid.rows(header_at, header_at + 1).iloc[0].tolist()
    notes = []
    group = grid.rows(header_at - 1, header_at).iloc[0].tolist() if header_at else []
    spans = {c0: c1 for r0, c0, _, c1 in grid.merged if r0 == header_at - 1}
    merged = merge_group_row(group, header_cells, spans if grid.merged else None)
    if merged is not None:
        header_cells = merged
        notes.append(f"the header is written over two rows ({header_at} and {header_at + 1}): each column's name "
                     "joins its group above and its own name ("
                     + ", ".join(repr(c) for c, g in zip(merged, group, strict=False) if text(g))[:200] + ")")
    headers = unique_headers(header_cells)
    if header_at:
        notes.append(f"the header is on row {header_at + 1}: the {header_at} rows above it are a title or "
                     "report details, not entries")
    if header_cells and _COMMENT.match(text(header_cells[0])) and text(header_cells[0]).strip() not in ("#", "%"):
        notes.append(f"the header row starts with a comment marker ({text(header_cells[0])!r}): read as the header")
    body = grid.rows(header_at + 1)
    body.columns = headers
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(body)))
    body = body.reset_index(drop=True)
    blank = blank_frame(body)
    reasons = _structure_rows(body, blank, [[_header_key(h) for h in headers], *_spellings(grid.rows(header_at, HEADER_SCAN_ROWS + FIT_ROWS))])
    sections = _sections(body, blank, rows, reasons)
    skipped = tuple(SkippedRow(grid.file, int(rows[i]), why, grid.sheet, STRUCTURE) for i, why in reasons.items())
    keep = ~blank.all(axis=1).to_numpy()
    if reasons:
        keep[list(reasons)] = False
    if not keep.all():  # filtering makes new columns, and the cells' cached factorizations are theirs
        body, rows = body[keep].reset_index(drop=True), rows[keep].reset_index(drop=True)
        blank = blank[keep].reset_index(drop=True)
    body, blank, rows, paired = merge_two_row_records(body, blank, rows)
    repeated = sum(1 for why in reasons.values() if why == REPEATED_HEADER_REASON)
    if repeated:
        notes.append(f"the header row is repeated {'once' if repeated == 1 else f'{repeated} times'} inside the table "
                     "(a new block each time): those rows were skipped")
    title = read_title(grid.rows(0, header_at - (merged is not None)))
    body, yearless = complete_years(body, blank, *_stated_period(grid, title))
    body, weekdays = complete_weekdays(body, blank, *_stated_week(grid, title))
    if weekdays is None:
        body, weekdays = _section_weeks(body, blank, rows, sections)
    notes.extend(n for n in (paired, yearless, weekdays) if n)
    return Table(header_at, header_cells, headers, title, body, rows, blank, skipped, tuple(notes), sections)


def merge_group_row(group: list[object], header: list[object], spans: dict[int, int] | None = None
                    ) -> list[object] | None:
    """Header names joined with the group row above them ('Time' over 'Start' and 'End'), or None.

    A group row holds a few short words, each above a named column and spanning the columns of its
    merged cell (`spans`: first column -> last, when the workbook says), else the columns to its
    right up to the next group (a merged cell keeps its text in its first cell; CSV has no merges).
    A title (one cell at the left, a sentence, a date, 'Name: ...') is not a group row.
    """
    groups = [(i, text(g)) for i, g in enumerate(group) if text(g)]
    named = [i for i, h in enumerate(header) if text(h)]
    if not groups or len(groups) >= len(named) or any(_kind(g) != TEXT for _, g in groups):
        return None
    if any(len(g.split()) > 4 or g.endswith(":") or not text(header[i]) for i, g in groups):
        return None
    if len(groups) == 1 and groups[0][0] == named[0]:
        return None  # one cell over the first column: a title
    out, current, until = list(header), "", len(header)
    starts = dict(groups)
    for i in range(min(groups[0][0], len(header)), len(header)):
        if i in starts:
            current, until = starts[i], spans.get(i, i) if spans is not None else len(header)
        if i > until:
            current = ""  # past the group's merged cell: a column of its own
        if text(header[i]) and current:
            out[i] = f"{current} {text(header[i])}"
    return out


def _stated_period(grid: Grid, title: TitleFacts) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """The period the file's name, the sheet's name or the title states, and which of them."""
    for period, said in ((period_from_name(grid.file), "the file name"),
                         (period_from_name(str(grid.sheet or "")), "the sheet's name")):
        if period:
            return period, said
    if title.start:
        return (title.start, dt.date(title.start.year, 12, 31)), "the title"
    return None, ""


def _stated_week(grid: Grid, title: TitleFacts) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """The week a sheet's name, the file's name or the title names ('Week of 2 Mar 2026'): its date twice
    (complete_weekdays takes the week around it), or a stated period of at most a week."""
    for name, said in ((str(grid.sheet or ""), "the sheet's name"), (grid.file, "the file name")):
        week = _week_named(re.sub(r"\.\w{1,5}$", "", re.split(r"[\\/]", name)[-1]))  # the name, not its folder
        if week:
            return week, said
    if title.start and (title.end or title.start) - title.start <= dt.timedelta(days=6):
        return (title.start, title.end or title.start), "the title"
    return None, ""


def _week_named(name: str) -> tuple[dt.date, dt.date] | None:
    """The week a name states: a period of at most a week, or one date (the week around it)."""
    period = period_from_name(name)
    if period:
        return period if (period[1] - period[0]).days <= 6 else None
    named = date_in_name(name)
    return (named, named) if named else None


def _section_weeks(body: pd.DataFrame, blank: pd.DataFrame, rows: pd.Series, sections: dict[int, str]
                   ) -> tuple[pd.DataFrame, str | None]:
    """Weekday names dated by the week the section title above them names ('Week of 2 Mar 2026' over its
    rows, then 'Week of 9 Mar 2026'), when every title names a week; else unchanged."""
    titles = rows.map(sections) if sections else None
    weeks = {t: _week_named(t) for t in dict.fromkeys(titles.dropna())} if titles is not None else {}
    if not weeks or None in weeks.values():
        return body, None
    parts, said = [body[titles.isna().to_numpy()]], None
    for t, week in weeks.items():
        at = (titles == t).to_numpy()
        part, said = complete_weekdays(body[at], blank[at], week, f"the section title {t!r}")
        if said is None:
            return body, None
        parts.append(part)
    named = ", ".join(repr(t) for t in list(weeks)[:3]) + (", ..." if len(weeks) > 3 else "")
    return pd.concat(parts).loc[body.index], (f"weekday names dated by the week the section title above them "
                                               f"names ({named})")


def _spellings(cells: pd.DataFrame) -> list[list[str]]:
    """Rows below the header (the first of `cells`, the rest those a header is looked for in) that name the
    same columns in other words, as keys: a block whose header was written another way repeats it all the
    same. The cells as the file has them (grid.rows): a workbook's datetime column keeps its header apart."""
    rows = cells.to_numpy().tolist()
    header = header_meaning(rows[0])
    words = [_kind(c) == TEXT for c in rows[0]]
    out: list[list[str]] = []
    for row in rows[1:]:
        if not words[0] or _kind(row[0]) != TEXT or [_kind(c) == TEXT for c in row] != words:
            continue  # a header in other words has words in the same cells, and no numbers or dates
        meaning = header_meaning(row)
        key = [_header_key(t) for t, _ in meaning]
        if key not in out and names_roles(meaning) and same_header(header, meaning):
            out.append(key)
    return out


def _structure_rows(body: pd.DataFrame, blank: pd.DataFrame, spellings: list[list[str]]) -> dict[int, str]:
    """Body positions of rows that are the table's structure, not entries, with the reason for each; the
    header's keys come first in `spellings`, then other spellings of it."""
    filled = (~blank).sum(axis=1).to_numpy()
    is_total = np.zeros(len(body), dtype=bool)
    for col in body.columns[: min(3, body.shape[1])]:
        is_total |= total_cells(body[col])
    is_total &= filled > 0
    out = {int(i): TOTAL_ROW_REASON for i in np.flatnonzero(is_total)}
    named = [h for h in spellings[0] if not h.startswith("column ")]
    if len(named) < 3:
        return out
    # the next non-empty row under a total row, when it holds a lone value (the total written below its label)
    nonempty = np.flatnonzero(filled > 0)
    totals = np.flatnonzero(is_total)
    after = np.searchsorted(nonempty, totals, side="right")
    for b in nonempty[after[after < len(nonempty)]]:
        if not is_total[b] and filled[b] == 1 and _kind(_only_value(body, blank, b)) != TEXT:
            out[int(b)] = TOTAL_VALUE_REASON
    first = body[body.columns[0]]
    if no_text(first):
        lead = np.zeros(len(body), dtype=bool)  # dates or numbers: no header text in this column
    else:
        keys = {k[0] for k in spellings}  # only a cell holding a header's first name can repeat it
        lead = cells_saying(first, lambda v: _header_key(text(v)) in keys,
                            tuple(keys) if all(k.isascii() for k in keys) else ())
    for i in np.flatnonzero(lead & (filled >= max(2, len(named) // 2))):
        cells = [_header_key(text(v)) for v in body.iloc[i].tolist()]
        same = max(sum(1 for c, h in zip(cells, k, strict=False) if c and c == h) for k in spellings)
        if same >= max(2, (filled[i] + 1) // 2 + 1) or same == filled[i]:
            out[int(i)] = REPEATED_HEADER_REASON
    for i in np.flatnonzero(filled == 1):
        if int(i) in out:
            continue
        value = _only_value(body, blank, i)
        if _kind(value) == TEXT or (not blank.iat[i, 0] and not _time_stamp(value)):
            # a word anywhere, or a lone day in the first column (nothing logged that day); a lone
            # time stamp is an entry begun and never ended, and is reported as unreadable
            out[int(i)] = f"{SECTION_REASON} (only {text(value)[:40]!r} in it): not an entry"
    return dict(sorted(out.items()))


def _sections(body: pd.DataFrame, blank: pd.DataFrame, rows: pd.Series, reasons: dict[int, str]) -> dict[int, str]:
    """Each row's section title (the last one-cell title above it), by file row; {} when the table has none."""
    titles = pd.Series(None, index=body.index, dtype=object)
    for i, why in reasons.items():
        if why.startswith(SECTION_REASON):
            titles.iat[i] = text(_only_value(body, blank, i)).strip()
    if titles.isna().all():
        return {}
    above = titles.ffill()
    return {int(r): t for r, t in zip(rows, above, strict=True) if isinstance(t, str)}


def _time_stamp(value: object) -> bool:
    """A moment with its time of day (a clock-in), not a whole day."""
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.time() != dt.time()
    return not isinstance(value, dt.date) and bool(_CLOCK.search(text(value)))


def _only_value(body: pd.DataFrame, blank: pd.DataFrame, i: int) -> object:
    return body.iat[i, int(np.argmax(~blank.iloc[i].to_numpy()))]


def _header_key(name: str) -> str:
    return _COMMENT.sub("", name).strip().lower()


def header_rows(grid: Grid) -> pd.DataFrame:
    """The rows the header is looked for in (find_header), as the file has them."""
    return grid.rows(0, HEADER_SCAN_ROWS + FIT_ROWS)


def find_header(cells: pd.DataFrame) -> int | None:
    """Index of the header row among the first rows, or None when no row reads as one.

    Each candidate is scored by fit: how many columns it names whose cells below are of one
    kind (text, number, date/time) and stay under named columns; words that name roles and a
    row of days add to it. Between equal scores the earliest row wins (the rows under a header
    fit as well as it does, but they are data).
    """
    scan = cells.iloc[: HEADER_SCAN_ROWS + FIT_ROWS]
    rows = [list(row) for row in scan.itertuples(index=False)]  # once: a row by .iloc costs 0.25 ms of 21 columns
    kinds = np.array([[_kind(v) for v in row] for row in rows], dtype=np.int8).reshape(len(scan), scan.shape[1])
    best, best_score = None, 1.5
    first_seen: dict[tuple[str, ...], int] = {}
    meanings: list[tuple[int, HeaderMeaning]] = []  # rows naming roles, that a header in other words may repeat
    for i in range(min(HEADER_SCAN_ROWS, len(scan))):
        row = kinds[i]
        named = row != BLANK
        if named.sum() < 2:
            continue
        cells_i = rows[i]
        if any(isinstance(c, str) and not c.strip().isprintable() for c in cells_i):
            continue  # control characters: binary noise, not names
        days = bool(day_columns(cells_i))
        texty = ((row == TEXT) | (days & (row == WHEN))).sum() / named.sum()
        if texty < 0.6:
            continue
        words = header_score([c for c in cells_i if len(str(c).split()) <= 4])  # names are short; labels are not
        score = _fit(kinds[i + 1:], named) + 2 * words + (2 if days else 0)
        key = tuple(text(c).lower() for c in cells_i)
        # a header repeated for each block, in the same words or in others, is the table's header where it first is
        if key not in first_seen:
            meaning = header_meaning(cells_i) if words >= 2 else ()  # fewer words name fewer than two roles
            first_seen[key] = next((j for j, m in meanings if same_header(m, meaning)), i)
            if names_roles(meaning):
                meanings.append((i, meaning))
        at = first_seen[key]
        if score > best_score + 1e-9:
            best, best_score = at, score
    return best


def _fit(below: np.ndarray, named: np.ndarray) -> float:
    """Named columns whose cells below are of one kind, times the share of cells under a name."""
    below = below[(below != BLANK).any(axis=1)][:FIT_ROWS]
    if not len(below):
        return 0.0
    filled = below != BLANK
    inside = filled[:, named].sum() / max(1, filled.sum())
    columns = 0.0
    for j in np.flatnonzero(named):
        col = below[:, j][filled[:, j]]
        if len(col):
            columns += np.bincount(col, minlength=4).max() / len(col) * min(1.0, len(col) / (len(below) / 2))
    return columns * inside


def _kind(v: object) -> int:
    """A cell's kind for judging fit: blank, text, number, or a date or time."""
    if v is None or (isinstance(v, float) and v != v):
        return BLANK
    if isinstance(v, bool):
        return TEXT
    if isinstance(v, int | float | np.number):
        return NUMBER
    if isinstance(v, dt.date | dt.time | dt.timedelta | pd.Timestamp):
        return WHEN
    s = str(v).strip()
    if not s:
        return BLANK
    if _NUMBER.match(s):
        return NUMBER
    if _DATE_OR_TIME.search(s) and len(s) <= 30:
        return WHEN
    return TEXT


def unique_headers(cells: list[object]) -> list[str]:
    """One name per column: the header's text (a leading comment marker dropped), 'column N' where it is
    blank, '(N)' added to repeats."""
    out: list[str] = []
    for i, c in enumerate(cells):
        name = text(c)
        if i == 0 and name not in ("#", "%"):
            name = _COMMENT.sub("", name)
        name = name or f"column {i + 1}"
        while name in out:
            name += f" ({i + 1})"
        out.append(name)
    return out


def is_total_text(v: object) -> bool:
    return bool(TOTAL_TEXT.match(str(v)))


def total_cells(column: pd.Series) -> np.ndarray:
    """Which cells of a column say Total, Sum, Summe, ... (at their start, or a short label ending in it)."""
    if no_text(column):
        return np.zeros(len(column), dtype=bool)  # a workbook's date column: 100k objects need no rule
    return cells_saying(column, is_total_text, TOTAL_STEMS)  # 190k timestamps: the rule reads none of them
