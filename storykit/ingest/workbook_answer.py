"""The workbook child's answer (storykit/ingest/workbook_child.py) turned into columns, as it arrives.

The child sends each column in a compact form (buffers, not a Python object per cell); here each one
is rebuilt as an arrow text column, datetime64 values (Datetimes) or an object array, and
anything that is not of the protocol's form is refused: the child reads untrusted files.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa

_ORDINAL_1970 = 719_163  # date(1970, 1, 1).toordinal(): the child sends dates as ordinals


@dataclass(frozen=True, eq=False)
class Datetimes:
    """A column of naive datetime cells as datetime64[us], NaT where a cell is of another type; those
    cells (the header, blanks, a total) are `apart`, by row. 8 bytes a cell: as Python objects the
    100k distinct times of a log's start column took 56."""

    values: np.ndarray
    apart: dict[int, object]


@dataclass(frozen=True)
class Sheet:
    """One sheet as the child read it: per column, an arrow-backed "str" Series (every cell text),
    Datetimes (mostly datetime cells), or an object array of plain Python values (str, float, bool,
    date, datetime, time, timedelta)."""

    name: str
    kind: str  # WorkSheet, ChartSheet, DialogSheet, MacroSheet, Vba
    visibility: str  # Visible, Hidden, VeryHidden
    height: int
    columns: list[pd.Series | np.ndarray | Datetimes]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # merged ranges: first row, first column, last row, last


#: kind -> (how the child packed the values, the numpy type they become, what to add first)
_TYPED = {"float": ("<f8", None, 0), "date": ("<i8", "datetime64[D]", -_ORDINAL_1970)}


def _column(height: int, encoded: tuple) -> pd.Series | np.ndarray | Datetimes:
    """A column from the child's compact form (workbook_child._column); malformed is a ValueError."""
    if encoded[0] == "text" and len(encoded) == 2:
        return _text_column(height, encoded[1])
    if encoded[0] in ("str", "cells") and len(encoded) == 2:
        values = encoded[1]
        if not isinstance(values, list) or len(values) != height:
            raise ValueError("cell column")
        if encoded[0] == "cells":
            return np.array(values + [None], dtype=object)[:-1]  # [None]: never a 2-D array
        if not all(type(v) is str for v in values):
            raise ValueError("text column")
        return pd.Series(values, dtype="str")
    kind, raw, other = encoded
    if kind == "datetime":
        return _datetimes(height, raw, other)
    stored, unit, shift = _TYPED[kind]
    if not isinstance(raw, bytes) or len(raw) != 8 * height or not isinstance(other, list):
        raise ValueError("typed column")
    # One Python object per distinct value, shared by the cells that hold it: a 100k-row column
    # of 65 dates builds 5x faster, and the reader's per-distinct-value passes hash fewer objects.
    # Factorized as 8-byte patterns, so -0.0 and NaN come back exactly as they went.
    codes, distinct = pd.factorize(np.frombuffer(raw, dtype="<i8"))
    values = distinct.view(stored)
    if unit:
        values = (values + shift).astype(unit)
    out = values.astype(object)[codes]  # date / datetime / float objects, as the cells had them
    for i, v in other:
        out[i] = v  # IndexError / TypeError if malformed
    return out


def _datetimes(height: int, raw: bytes, other: list) -> Datetimes:
    """Datetimes from the child's 10-byte states (workbook_child._STATE), a block of rows at a time
    (the arithmetic's temporaries stay small beside the column itself)."""
    if not isinstance(raw, bytes) or len(raw) != 10 * height or not isinstance(other, list):
        raise ValueError("datetime column")
    states = np.frombuffer(raw, dtype=np.uint8).reshape(height, 10)
    micros = np.empty(height, dtype=np.int64)
    for at in range(0, height, _BLOCK):
        micros[at:at + _BLOCK] = _micros(states[at:at + _BLOCK])
    values = micros.view("datetime64[us]")
    apart = {}
    for i, v in other:
        if not 0 <= i < height:
            raise ValueError("datetime column")
        values[i] = np.datetime64("NaT")
        apart[int(i)] = v
    return Datetimes(values, apart)


_BLOCK = 1 << 14


def _micros(b: np.ndarray) -> np.ndarray:
    """Microseconds since 1970 of datetime states (rows of 10 bytes): the day from year, month and day
    by the proleptic Gregorian count (H. Hinnant's days_from_civil), then the time of day."""
    b = b.astype(np.int64)
    month, day = b[:, 2] & 0x7F, b[:, 3]  # the top bit of the month is `fold`: a naive time has no use for it
    if ((month < 1) | (month > 12) | (day < 1) | (day > 31)).any():
        raise ValueError("datetime column")
    year = (b[:, 0] << 8 | b[:, 1]) - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    days = era * 146_097 + of_era * 365 + of_era // 4 - of_era // 100 + day_of_year - 719_468
    seconds = days * 86_400 + b[:, 4] * 3600 + b[:, 5] * 60 + b[:, 6]
    return seconds * 1_000_000 + (b[:, 7] << 16 | b[:, 8] << 8 | b[:, 9])


#: What receive makes of an answer that is not of the protocol's form (guard: a ReadError).
UNEXPECTED = ("unexpected",)


def receive(stream: IO[bytes], on_head: Callable[[Sheet], object] | None = None) -> list[Sheet] | tuple | None:
    """The child's messages (workbook_child's protocol), each column built as it arrives while the child
    packs the next (only that column's bytes held, never the whole answer): the sheets, the child's
    ("error", ...), None where the answer stops short (the child died or was stopped; or it sent what
    _Unpickler refuses), or UNEXPECTED. A sheet's head (its first rows) goes to `on_head` as it arrives."""
    try:
        return _messages(_Unpickler(stream), on_head)
    except (EOFError, pickle.UnpicklingError):
        return None
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        return UNEXPECTED


def _messages(unpickler: pickle.Unpickler, on_head: Callable[[Sheet], object] | None) -> list[Sheet] | tuple:
    sheets: list[Sheet] = []
    while (message := unpickler.load())[0] in ("sheet", "head"):
        tag, name, kind, visibility, height, width, merged, *head = message
        if not (isinstance(height, int) and isinstance(width, int) and height >= 0 and width >= 0):
            raise ValueError("sheet size")
        if tag == "head":
            [encoded] = head  # the head's columns come in its own message: it is small
            if not isinstance(encoded, list) or len(encoded) != width:
                raise ValueError("head")
            columns = [_column(height, e) for e in encoded]
        elif head:
            raise ValueError("sheet")
        else:
            columns = []
            for _ in range(width):
                column, encoded = unpickler.load()
                if column != "column":
                    raise ValueError("column")
                columns.append(_column(height, encoded))
                del encoded  # its bytes, once built: never beside the next column's
        sheet = Sheet(name, kind, visibility, height, columns, tuple(map(tuple, merged)))
        if tag == "sheet":
            sheets.append(sheet)
        elif on_head is not None:
            on_head(sheet)
    if message == ("end",):
        return sheets
    if message[0] == "error" and len(message) == 4:
        return message
    raise ValueError("message")


def _text_column(height: int, joined: bytes) -> pd.Series:
    """An all-text column from the child's NUL-joined UTF-8, as the arrow "str" Series pandas makes
    from the list of strings, without a Python str per cell: the NULs give the offsets (a NUL
    byte is never part of another UTF-8 character) and arrow checks that the rest is UTF-8."""
    if not isinstance(joined, bytes):
        raise ValueError("text column")
    raw = np.frombuffer(joined, dtype=np.uint8)
    nul = raw == 0
    ends = np.flatnonzero(nul)
    if len(ends) != height - 1:
        raise ValueError("text column")
    offsets = np.empty(height + 1, dtype=np.int64)
    offsets[0], offsets[-1] = 0, len(raw) - len(ends)
    offsets[1:-1] = ends - np.arange(len(ends))  # where each cell ends once the NULs before it are gone
    utf8 = raw[~nul]
    array = pa.LargeStringArray.from_buffers(height, pa.py_buffer(offsets), pa.py_buffer(utf8))
    array.validate(full=True)  # ArrowInvalid, a ValueError, unless every cell is valid UTF-8
    return pd.Series(array, dtype="str")


class _Unpickler(pickle.Unpickler):
    """Only the value types a sheet can hold; anything else in the child's answer is refused."""

    ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
                         ("datetime", "timedelta"), ("datetime", "timezone")})

    def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")
