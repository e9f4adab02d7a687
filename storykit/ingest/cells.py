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


def distinct(column: pd.Series) -> pd.Series:
    """The column's distinct values where equality is exact (see `_ONE_KIND`), else the column.

    For checks like "do all values parse?", whose answer is the same over either.
    """
    if len(column) < _SMALL or infer_dtype(column, skipna=True) not in _ONE_KIND:
        return column
    return pd.Series(column.unique(), dtype=column.dtype)
