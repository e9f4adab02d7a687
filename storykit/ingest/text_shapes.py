"""Text cells grouped by shape (each digit written as 9), so a per-cell rule runs once per shape.

A column of 200,000 timestamps has 190,000 distinct values but one or two shapes
(`9999-99-99T99:99:99`). A rule that treats every digit alike (a regex that says `\\d`, never a
particular digit) finds the same fields at the same places in every cell of one shape; so the
rule reads one cell of each shape in Python, and numpy reads the fields of all the others from
the column's bytes. Only printable ASCII cells are grouped: there Python's `\\d` and `\\s` mean
what they say, and `str.strip()` removes spaces only. Every other cell is left to the rule itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storykit.ingest.cells import arrow_text, many_distinct, map_distinct, text_buffers

#: More shapes than this and a column is not written by a tool; the rule reads its distinct values.
MAX_SHAPES = 256
#: Rows read by shape at once (shape_blocks): a block's bytes, shapes and fields are what is held. A
#: 200k-row column of Excel serials read whole held 10 MB of them at the peak of the read.
BLOCK_ROWS = 1 << 16
_SHAPE_OF = np.zeros(256, np.uint8)  # byte -> its byte in the shape; 0 marks a cell that is not grouped
_SHAPE_OF[0x20:0x7F] = np.arange(0x20, 0x7F)
_SHAPE_OF[ord("0"): ord("9") + 1] = ord("9")


@dataclass(frozen=True, eq=False)
class TextShapes:
    """An arrow text column's printable ASCII cells by shape, with the bytes to read fields from."""

    codes: np.ndarray  # per cell: index into `names`; -1 for a missing cell or one that is not grouped
    names: tuple[str, ...]  # each shape, digits written as 9
    starts: np.ndarray  # per cell: where its bytes begin in `data`
    data: np.ndarray  # uint8, the column's bytes

    def example(self, shape: int) -> str:
        """The text of the first cell of `shape`: what the rule reads in Python."""
        at = int(np.argmax(self.codes == shape))
        return self.data[self.starts[at]: self.starts[at] + len(self.names[shape])].tobytes().decode("ascii")

    def cells(self, shape: int) -> np.ndarray:
        """Positions of the cells of `shape`."""
        return np.flatnonzero(self.codes == shape)

    def number(self, cells: np.ndarray, at: int, width: int) -> np.ndarray:
        """The whole number written by the `width` digits at byte `at` of each of `cells` (int64).

        One byte position at a time, the positions moved on in place, so the temporaries are a few
        bytes per cell (the numbers are read at the peak of the read).
        """
        byte = self.starts[cells]
        byte += at
        kind = np.int32 if width <= 9 else np.int64  # 9 digits fit in an int32: half the bytes to move
        out = np.zeros(len(cells), kind)
        for _ in range(width):
            out *= 10
            out += self.data[byte]
            out -= ord("0")
            byte += 1
        return out.astype(np.int64, copy=False)

    def texts(self, cells: np.ndarray, at: int, width: int) -> tuple[np.ndarray, list[str]]:
        """The `width`-byte texts at byte `at` of each of `cells`, factorized: (codes, distinct texts)."""
        if width == 0:
            return np.zeros(len(cells), np.int64), [""]
        byte = self.starts[cells]
        byte += at
        block = np.empty((len(cells), width), np.uint8)
        for k in range(width):  # the positions moved on in place, as in number()
            block[:, k] = self.data[byte]
            byte += 1
        import pyarrow as pa
        import pyarrow.compute as pc

        found = pc.dictionary_encode(pa.FixedSizeBinaryArray.from_buffers(pa.binary(width), len(cells),
                                                                          [None, pa.py_buffer(block)]))
        return found.indices.to_numpy().astype(np.int64), [u.decode("ascii") for u in found.dictionary.to_pylist()]


class TextCodes:
    """Texts for a column's cells, gathered part by part (shape by shape, then the rest), as codes into one
    list of distinct texts: -1 where a cell has none (None or "")."""

    def __init__(self, length: int) -> None:
        self.codes = np.full(length, -1, np.int64)
        self._index: dict[str, int] = {}

    def add(self, cells: np.ndarray, codes: np.ndarray, texts: list[str | None]) -> None:
        """`texts[codes[i]]` is the text of cell `cells[i]` (code -1: none)."""
        remap = np.array([self._index.setdefault(t, len(self._index)) if t else -1 for t in texts] + [-1])
        self.codes[cells] = remap[codes]

    @property
    def texts(self) -> list[str]:
        return list(self._index)

    def column(self) -> pd.Series:
        """The texts as an arrow text column (missing where none), built in C from the codes."""
        import pyarrow as pa

        indices = pa.array(self.codes, mask=self.codes < 0)
        array = pa.DictionaryArray.from_arrays(indices, pa.array(self.texts, pa.large_string())).dictionary_decode()
        return pd.Series(array, dtype="str")


def text_shapes(column: pd.Series, limit: int = MAX_SHAPES) -> TextShapes | None:
    """The shapes of an arrow text column's cells, or None (not arrow text, or more than `limit` shapes)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = arrow_text(column)
    if arrow is None:
        return None
    chunk = arrow.combine_chunks() if arrow.num_chunks != 1 else arrow.chunk(0)
    _, offsets_buf, data_buf = chunk.buffers()
    offsets = np.frombuffer(offsets_buf, np.int64 if chunk.type == pa.large_string() else np.int32)
    offsets = offsets[chunk.offset: chunk.offset + len(chunk) + 1].astype(np.int64, copy=False)  # only read
    data = np.frombuffer(data_buf, np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    if len(offsets) and (offsets[0] or offsets[-1] < len(data)):  # a slice of a longer array: its own bytes only
        data, offsets = data[offsets[0]: offsets[-1]], offsets - offsets[0]
    shapes = pa.LargeStringArray.from_buffers(len(chunk), pa.py_buffer(offsets), pa.py_buffer(_SHAPE_OF[data]))
    encoded = pc.dictionary_encode(shapes)
    names = encoded.dictionary.to_pylist()
    if len(names) > limit:
        return None
    grouped = np.array([bool(n) and "\0" not in n for n in names])  # not empty, only printable ASCII
    codes = encoded.indices.to_numpy().astype(np.int32)
    codes[~grouped[codes]] = -1  # the rule reads these itself
    if chunk.null_count:
        codes[~chunk.is_valid().to_numpy(zero_copy_only=False)] = -1
    return TextShapes(codes, tuple(names), offsets[:-1], data)


def shape_blocks(column: pd.Series) -> Iterator[tuple[slice, TextShapes | None]]:
    """Each BLOCK_ROWS rows of an arrow text column and their shapes (None: too many, see text_shapes)."""
    for at in range(0, len(column), BLOCK_ROWS):
        rows = slice(at, at + BLOCK_ROWS)
        yield rows, text_shapes(column.iloc[rows])


#: A plain decimal's shape: spaces, a sign, digits, a point, digits, spaces (digits written as 9).
_DECIMAL = re.compile(r"^( *)([+-]?)(9*)(\.?)(9*) *$")
#: Digits a float64 holds exactly, so digits / 10**k is the correctly rounded number (as pandas reads it).
_EXACT_DIGITS = 15


def to_numbers(column: pd.Series) -> pd.Series:
    """`pd.to_numeric(column.astype("string").str.strip(), errors="coerce")` as float64 (NaN: not a number).

    Arrow text of many distinct plain decimals (1351684, -2.50, .5: ms durations, Excel serials) is
    read by shape from its bytes, BLOCK_ROWS rows at a time; every other cell by pandas, one
    distinct value at a time.
    """
    whole = _whole_numbers(column)
    if whole is not None:
        return whole
    out = np.full(len(column), np.nan)
    rest = np.ones(len(column), bool)
    for rows, shapes in shape_blocks(column) if many_distinct(column) else ():
        if shapes is not None:
            rest[rows] = _numbers_by_shape(shapes, out[rows])
    if rest.any():
        left = column if rest.all() else column[rest]
        read = map_distinct(left, lambda s: pd.to_numeric(s.astype("string").str.strip(), errors="coerce"))
        out[rest] = read.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(out, index=column.index)


def _whole_numbers(column: pd.Series) -> pd.Series | None:
    """An arrow text column of whole numbers only (1351, -7, 007; missing cells allowed) as float64, cast by
    pyarrow in one pass (durations in seconds, the common case: 3 ms where by shape took 10); None
    for any other column. Only cells of digits and minus signs are cast (pyarrow reads '0x10' as 16);
    the cast refuses the rest (a sign out of place, numbers past int64), and pandas reads every number
    it accepts as the same integer."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = text_buffers(column)  # None for anything but arrow text
    if chunks is None:
        return None
    for offsets, data, _ in chunks:
        used = data[offsets[0]:offsets[-1]] if len(offsets) else data[:0]
        if ((used < 0x30) & (used != 0x2D) | (used > 0x39)).any():  # not a digit or '-'
            return None
    try:
        whole = pc.cast(arrow_text(column), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.Series(whole.to_numpy(zero_copy_only=False).astype(np.float64), index=column.index)


def _numbers_by_shape(shapes: TextShapes, out: np.ndarray) -> np.ndarray:
    """Writes into `out` the number of each cell whose shape is a plain decimal; the cells left for pandas."""
    rest = shapes.codes < 0
    for shape in np.unique(shapes.codes[~rest]):
        cells = shapes.cells(shape)
        m = _DECIMAL.match(shapes.names[shape])
        if not m or not (m[3] or m[5]) or len(m[3]) + len(m[5]) > _EXACT_DIGITS:
            rest[cells] = True
            continue
        lead, sign, whole, point, fraction = (len(g) for g in m.groups())
        digits = shapes.number(cells, lead + sign, whole)
        if fraction:
            digits *= 10**fraction
            digits += shapes.number(cells, lead + sign + whole + point, fraction)
        # a decimal is a float, so -0.0 keeps its sign as pandas keeps it; a whole number is an integer, so -0 is 0
        value = digits.astype(np.float64) if point else digits
        del digits
        if point:
            value /= 10.0**fraction
        if sign:
            np.negative(value, out=value, where=shapes.data[shapes.starts[cells] + lead] == ord("-"))
        out[cells] = value
    return rest
