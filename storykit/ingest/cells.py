"""Per-cell rules applied to whole columns at the cost of their distinct values.

The readers judge cells one at a time (is it blank? what is its text?) because the rules are
clearer that way; a 200,000-row column of 120 names then costs 120 calls instead of 200,000.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

#: Column kinds whose equal values always get the same answer from a cell rule, so one answer per
#: distinct value is exact. Mixed columns (a bool beside a 1, a date beside a datetime) are not.
_ONE_KIND = frozenset({"string", "empty", "integer", "floating", "boolean", "date", "datetime", "time"})
_SMALL = 256
#: The share of distinct values from which a column counts as having many (see many_distinct).
MANY = 0.5


#: How grid.Grid keeps a workbook's column of datetime cells. The rules are asked about its distinct values
#: as the datetime objects the cells are (as for an object column of them), not as pd.Timestamps.
WORKBOOK_DATETIMES = np.dtype("datetime64[us]")


def dates_are_midnights(times: float, dates: float) -> bool:
    """Whether the date cells of a column are midnights, given how many (or what share) of its cells are
    dates and how many carry a time of day.

    python-calamine gives a datetime cell at exactly 00:00 as a `date`: in a column of start times
    an entry starting at midnight looks like a date. Where at least as many cells carry a time of day,
    the column is one of times (an hourly log has 1 midnight in 24; three 8-hour shifts 1 in 3) and a
    date among them is that day's midnight; a column that is mostly dates is a column of dates.
    """
    return 0 < dates <= times


def _cells(uniques: pd.Index) -> pd.Index | np.ndarray:
    """A factorization's distinct values as the cells hold them: datetime objects for a workbook's datetimes."""
    return uniques.to_numpy().astype(object) if uniques.dtype == WORKBOOK_DATETIMES else uniques


def map_cells(column: pd.Series, rule: Callable[[object], object]) -> pd.Series:
    """`column.map(rule)`, calling `rule` once per distinct value where that is exact."""
    return map_distinct(column, lambda values: values.map(rule))


def map_distinct(column: pd.Series, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`transform(column)` for an element-wise transform, computed on the distinct values only.

    Missing cells (None, NaN, pd.NA can answer differently) are transformed as they are.
    """
    if len(column) < _SMALL or (column.dtype != WORKBOOK_DATETIMES and infer_dtype(column, skipna=True) not in _ONE_KIND):
        return transform(column)
    codes, uniques = factorize(column)
    if len(uniques) == 0:
        return transform(column)
    distinct_values = pd.Series(_cells(uniques), dtype=column.dtype if column.dtype not in (object, WORKBOOK_DATETIMES)
                                else object)
    answers = transform(distinct_values)
    missing = codes < 0
    if not missing.any() and answers.dtype == column.dtype and answers.equals(distinct_values):
        return column.reset_index(drop=True).set_axis(column.index)  # the rule changed nothing: no copy
    out = answers.take(np.where(missing, 0, codes))
    out.index = column.index
    if missing.any():
        rest = transform(column[missing])
        if rest.dtype != out.dtype:
            out = out.astype(object)
        out[missing] = rest.to_numpy()
        out = out.infer_objects()
    return out


def map_labels(column: pd.Series, rule: Callable[[object], str]) -> pd.Series:
    """`map_cells(column, rule)` as a categorical with sorted categories (see model.as_labels).

    Straight from the column's cached factorization: the rule's answers for the distinct values
    become the categories, so the 200k answers are never built as text and hashed again.
    """
    if len(column) < _SMALL or (column.dtype != WORKBOOK_DATETIMES and infer_dtype(column, skipna=True) not in _ONE_KIND):
        return map_cells(column, rule).astype("category")
    codes, uniques = factorize(column)
    if (codes < 0).any():  # missing cells may answer differently from each other: the plain way
        return map_cells(column, rule).astype("category")
    label_codes, labels = pd.factorize(pd.Series(_cells(uniques), dtype=object).map(rule), sort=True)
    labels = pd.Index(labels, dtype="str")
    return pd.Series(pd.Categorical.from_codes(label_codes[codes], categories=labels), index=column.index)


#: Factorizations of the arrow-backed columns being read, dropped when the column is: one read asks
#: several rules of the same column (blank? total? its text?) and hashing 2M strings is the cost.
_FACTORS: dict[int, tuple[np.ndarray, pd.Index]] = {}


def factorize(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """pd.factorize(column), computed once per arrow column and shared by every rule asked of it."""
    arrow = getattr(column.array, "_pa_array", None)
    if arrow is None:
        return pd.factorize(column, use_na_sentinel=True)
    key = id(arrow)
    found = _FACTORS.get(key)
    if found is None:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        found = _FACTORS[key] = codes.astype(np.int32) if len(uniques) < 2**31 - 1 else codes, uniques
        weakref.finalize(arrow, _FACTORS.pop, key, None)
    return found


def forget_factorizations(columns: pd.DataFrame) -> None:
    """Drop the factorizations of these columns: once a log's frame is built no rule asks them again, and
    their codes (4 bytes a cell) were 2.4 MB of a 200k-row read's peak. Only these: another session's
    read, in another thread, keeps its own."""
    for _, column in columns.items():
        _FACTORS.pop(id(getattr(column.array, "_pa_array", None)), None)


def arrow_text(column: pd.Series):  # -> pyarrow.ChunkedArray | None (pyarrow is imported when needed)
    """The arrow array behind a column of text (a large file's), or None for any other column."""
    import pyarrow as pa

    arrow = getattr(column.array, "_pa_array", None)
    return arrow if arrow is not None and arrow.type in (pa.string(), pa.large_string()) else None


def text_buffers(column: pd.Series) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None:
    """(offsets, bytes, present) of each chunk of an arrow text column, else None.

    For byte-level fast paths over 200k cells that would otherwise cost a Python call each.
    """
    arrow = arrow_text(column)
    if arrow is None:
        return None
    out = []
    for chunk in arrow.chunks:
        offsets, data, missing = _raw(chunk)
        if offsets.dtype == np.int64 and (len(offsets) == 0 or offsets[-1] < 2**31):
            offsets = offsets.astype(np.int32)  # half the size for every array computed from them
        out.append((offsets, data, ~missing if missing is not None else np.ones(len(chunk), bool)))
    return out


def _raw(chunk):  # type: ignore[no-untyped-def]  # (pyarrow array) -> (offsets, bytes, missing or None)
    import pyarrow as pa

    validity, offsets_buf, data_buf = chunk.buffers()
    offsets = np.frombuffer(offsets_buf, np.int64 if chunk.type == pa.large_string() else np.int32)
    offsets = offsets[chunk.offset: chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buf, np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    return offsets, data, (~chunk.is_valid().to_numpy(zero_copy_only=False) if validity is not None else None)


#: Object-column kinds (infer_dtype) with no text in them: numbers, dates, times, or nothing at
#: all. Their cells are never blank unless missing, and never say "Total".
NOT_TEXT = frozenset({"floating", "integer", "mixed-integer-float", "boolean", "date", "datetime", "datetime64",
                      "time", "empty"})


def no_text(column: pd.Series) -> bool:
    """Whether a column holds no text: only numbers, dates or times (a workbook's, as objects or
    datetime64) and missing cells. None of its cells names a header or says "Total"."""
    return column.dtype == WORKBOOK_DATETIMES or (column.dtype == object and infer_dtype(column, skipna=True) in NOT_TEXT)


def plain_ascii(column: pd.Series) -> bool:
    """Whether an arrow text column has every cell present, in printable ASCII (' ' to '~') and with no
    space at either end: two passes over its bytes and a look at each cell's first and last byte (~0.7 ms
    for 200k cells, where arrow's string kernels took ~3 ms)."""
    arrow = arrow_text(column)
    if arrow is None or arrow.null_count:
        return False
    for chunk in arrow.chunks:
        offsets, data, _ = _raw(chunk)
        if len(offsets) < 2 or offsets[-1] == offsets[0]:
            continue
        used = data[offsets[0]: offsets[-1]] - np.uint8(0x20)  # ' '..'~' become 0..0x5E; the rest wrap around
        if (used > np.uint8(0x7E - 0x20)).any():
            return False
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        if not filled.all():
            starts, ends = starts[filled], ends[filled]
        if (data[starts] == 0x20).any() or (data[ends - 1] == 0x20).any():
            return False
    return True


def arrow_blanks(column: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(blank, unsure) for each cell of an arrow text column, from its bytes; else None.

    A missing or empty cell is blank and one starting with printable ASCII is not, so a 200k-row column
    asks the blank rule only about the cells that start with a space or a non-ASCII byte (usually none).
    Five passes over a chunk's offsets and first bytes (~0.3 ms for 200k cells): every column of every
    table is asked this.
    """
    arrow = arrow_text(column)
    if arrow is None:
        return None
    blank, unsure = [np.zeros(0, bool)], [np.zeros(0, bool)]
    for chunk in arrow.chunks:
        offsets, data, missing = _raw(chunk)
        starts = offsets[:-1]
        empty = offsets[1:] == starts
        if missing is not None:
            empty |= missing
        if len(starts) and len(data) and starts[-1] < len(data):
            first = data[starts]
        else:  # an empty last cell starts at the end of the bytes (or there are none)
            first = data[np.minimum(starts, len(data) - 1)] if len(data) else np.zeros(len(starts), np.uint8)
        first -= np.uint8(0x21)  # '!'..'~' become 0..0x5D; smaller bytes wrap around
        sure = first <= np.uint8(0x7E - 0x21)
        sure |= empty
        blank.append(empty)
        unsure.append(~sure)
    return np.concatenate(blank), np.concatenate(unsure)


def surely_not(column: pd.Series) -> np.ndarray | None:
    """Cells that are certainly not blank, found without a rule call per cell; or None.

    Arrow text: the first byte of each value is printable ASCII ('!' to '~'), so a 200k-row column
    of clock times asks a rule about none of its cells instead of its 30k distinct ones. A column
    of numbers or dates (a workbook's, datetime64 or objects): every present cell. The rest are for
    the rule to judge.
    """
    arrow = arrow_blanks(column)
    if arrow is None:
        if column.dtype.kind == "M":
            return column.notna().to_numpy()
        if column.dtype == object and len(column) >= _SMALL and infer_dtype(column, skipna=True) in NOT_TEXT:
            return column.notna().to_numpy()
        return None
    return ~(arrow[0] | arrow[1])


def cells_saying(column: pd.Series, rule: Callable[[object], bool], words: tuple[str, ...]) -> np.ndarray:
    """`map_cells(column, rule)` as booleans, for a rule that only says yes to cells holding one of `words`.

    A column of few distinct values is asked once per value. In one of many (190k timestamps) the
    rule reads only the cells that hold one of the words in any ASCII case, or that are not
    printable ASCII ('ſ' is an 's' to re.IGNORECASE; a control character dropped can join two
    halves of a word) or missing: no other cell can say yes.
    """
    maybe = _holding(column, words) if many_distinct(column) else None
    if maybe is None or maybe.all():
        return map_cells(column, rule).astype(bool).to_numpy()
    out = np.zeros(len(column), dtype=bool)
    if maybe.any():
        out[maybe] = map_cells(column[maybe], rule).astype(bool).to_numpy()
    return out


def many_distinct(column: pd.Series, sample: int = 1024) -> bool:
    """Whether an arrow text column has so many distinct values (190k timestamps, not 120 names) that
    reading it by shape or by its bytes beats asking a rule once per distinct value."""
    arrow = arrow_text(column)
    if arrow is None or len(column) < _SMALL:
        return False
    known = _FACTORS.get(id(arrow))
    if known is not None:
        return len(known[1]) > MANY * len(column)
    head = column.iloc[:sample]
    return len(pd.unique(head)) > MANY * len(head)


def _holding(column: pd.Series, words: tuple[str, ...]) -> np.ndarray:
    import re

    import pyarrow.compute as pc

    if _none_can_hold(column, words):
        return np.zeros(len(column), dtype=bool)  # 190k timestamps, or '10:28:04 AM': no cell can hold a word
    arrow = arrow_text(column)
    maybe = pc.or_(pc.invert(pc.ascii_is_printable(arrow)),
                   pc.match_substring_regex(pc.ascii_lower(arrow), "|".join(re.escape(w.lower()) for w in words)))
    return pc.fill_null(maybe, True).to_numpy(zero_copy_only=False)


def _none_can_hold(column: pd.Series, words: tuple[str, ...], block: int = 1 << 20) -> bool:
    """True when an arrow text column has no missing cell, only printable ASCII, and not all the letters
    of any of the (ASCII) words in any case: then no cell holds one. Its bytes are counted a megabyte at a
    time (lower-casing 200k clock times and matching them against the words took 15-40 ms a column; a
    column of '10:28:04 AM' has the letters a, m and p only, and no word is made of those)."""
    chunks = text_buffers(column)
    if chunks is None or not words or not all(w.isascii() for w in words):
        return False
    seen = np.zeros(256, np.int64)
    for offsets, data, present in chunks:
        if not present.all():
            return False
        used = data[offsets[0]:offsets[-1]] if len(offsets) else data[:0]
        for start in range(0, len(used), block):
            seen += np.bincount(used[start:start + block], minlength=256)
    if seen[:0x20].any() or seen[0x7F:].any():
        return False
    chars = {chr(b).lower() for b in np.flatnonzero(seen)}
    return not any(set(w.lower()) <= chars for w in words)


def distinct(column: pd.Series) -> pd.Series:
    """The column's distinct values where equality is exact (see `_ONE_KIND`), else the column.

    For checks like "do all values parse?", whose answer is the same over either.
    """
    if len(column) < _SMALL or infer_dtype(column, skipna=True) not in _ONE_KIND:
        return column
    codes, uniques = factorize(column)  # shared with the other rules asked of this column
    values = pd.Series(uniques, dtype=column.dtype if column.dtype != object else object)
    if (codes < 0).any():  # missing cells are values too, as unique() has them
        values = pd.concat([values, column[codes < 0].iloc[:1]], ignore_index=True)
    return values
