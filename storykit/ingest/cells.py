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


def map_cells(column: pd.Series, rule: Callable[[object], object]) -> pd.Series:
    """`column.map(rule)`, calling `rule` once per distinct value where that is exact."""
    return map_distinct(column, lambda values: values.map(rule))


def map_distinct(column: pd.Series, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`transform(column)` for an element-wise transform, computed on the distinct values only.

    Missing cells (None, NaN, pd.NA can answer differently) are transformed as they are.
    """
    if len(column) < _SMALL or infer_dtype(column, skipna=True) not in _ONE_KIND:
        return transform(column)
    codes, uniques = _factorize(column)
    if len(uniques) == 0:
        return transform(column)
    distinct_values = pd.Series(uniques, dtype=column.dtype if column.dtype != object else object)
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


#: Factorizations of the arrow-backed columns being read, dropped when the column is: one read asks
#: several rules of the same column (blank? total? its text?) and hashing 2M strings is the cost.
_FACTORS: dict[int, tuple[np.ndarray, pd.Index]] = {}


def _factorize(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    arrow = getattr(column.array, "_pa_array", None)
    if arrow is None:
        return pd.factorize(column, use_na_sentinel=True)
    key = id(arrow)
    if key not in _FACTORS:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        _FACTORS[key] = codes.astype(np.int32) if len(uniques) < 2**31 - 1 else codes, uniques
        weakref.finalize(arrow, _FACTORS.pop, key, None)
    return _FACTORS[key]


def surely_not(column: pd.Series) -> np.ndarray | None:
    """Cells that certainly start with a visible character (so are never blank), or None.

    For arrow text only: the first byte of each value, read from the array's buffers, is
    printable ASCII ('!' to '~'). A 200k-row column of clock times then asks a rule about none
    of its cells instead of its 30k distinct ones, at about a millisecond a column.
    """
    arrow = getattr(column.array, "_pa_array", None)
    if arrow is None:
        return None
    parts = [_first_bytes(chunk) for chunk in arrow.chunks]
    if any(p is None for p in parts):
        return None
    first = np.concatenate(parts) if parts else np.zeros(0, np.int16)
    return (first >= 0x21) & (first <= 0x7E)


def _first_bytes(chunk) -> np.ndarray | None:  # type: ignore[no-untyped-def]
    """First byte of each value of an arrow (large_)string array; -1 where empty or null."""
    import pyarrow as pa

    if chunk.type not in (pa.string(), pa.large_string()):
        return None
    validity, offsets_buf, data_buf = chunk.buffers()
    offsets = np.frombuffer(offsets_buf, np.int64 if chunk.type == pa.large_string() else np.int32)
    offsets = offsets[chunk.offset: chunk.offset + len(chunk) + 1]
    first = np.full(len(chunk), -1, np.int16)
    filled = offsets[1:] > offsets[:-1]
    if validity is not None:
        filled &= chunk.is_valid().to_numpy(zero_copy_only=False)
    if data_buf is not None and filled.any():
        first[filled] = np.frombuffer(data_buf, np.uint8)[offsets[:-1][filled]]
    return first


def distinct(column: pd.Series) -> pd.Series:
    """The column's distinct values where equality is exact (see `_ONE_KIND`), else the column.

    For checks like "do all values parse?", whose answer is the same over either.
    """
    if len(column) < _SMALL or infer_dtype(column, skipna=True) not in _ONE_KIND:
        return column
    return pd.Series(column.unique(), dtype=column.dtype)
