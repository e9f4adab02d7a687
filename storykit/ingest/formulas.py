"""Formula cells saved without their value (openpyxl, scripts, some web exports), computed here.

Excel stores a formula's last result beside it; files written by programs often store only the
formula, so a reader that trusts cached values sees an empty Hours column. We read such sheets
again with openpyxl and evaluate the small arithmetic people write in timesheets
(`=(E2-D2)*24`, `=MOD(E2-D2,1)*24`, `=E2-D2`, `=SUM(B2:F2)`, `=Config!A2+1`) with our own
parser: no eval, no external references, nothing but numbers, cells and a few functions.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pandas as pd

from storykit.ingest.grid import FORMULA_MAX_BYTES, UNCACHED_NOTE, Grid

MAX_DEPTH = 20
_EPOCH = dt.datetime(1899, 12, 30)
_TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:(?:'[^']+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(?P<fn>[A-Z]+)\(|(?P<op>[-+*/(),]))"
)
_FUNCTIONS = {
    "MOD": lambda a, b: a % b,
    "ABS": lambda a: abs(a),
    "ROUND": lambda a, n=0: round(a, int(n)),
    "MAX": lambda *a: max(a),
    "MIN": lambda *a: min(a),
    "SUM": lambda *a: sum(a),
    "HOUR": lambda a: round(a % 1 * 86400) // 3600,
    "MINUTE": lambda a: round(a % 1 * 86400) % 3600 // 60,
}


class FormulaError(ValueError):
    """A formula we do not evaluate (unknown function, text, external link)."""


def fill_formulas(data: bytes, grids: list[Grid]) -> tuple[list[Grid], int]:
    """Grids with uncached formula results computed; and how many cells were filled.

    Whether there are any was found while the workbook was read (grid._read_workbook).
    """
    if len(data) > FORMULA_MAX_BYTES or not any(g.uncached_formulas for g in grids):
        return grids, 0
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # an odd workbook calamine could read: keep what calamine saw
        return grids, 0
    filled = 0
    out = []
    for grid in grids:
        if grid.sheet not in book.sheetnames:
            out.append(grid)
            continue
        ws = book[grid.sheet]
        cells = grid.cells.copy()
        failed = 0
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                r, c = cell.row - 1, cell.column - 1
                if r >= cells.shape[0] or c >= cells.shape[1] or str(cells.iat[r, c]).strip() not in ("", "nan", "None"):
                    continue
                try:
                    value = _Evaluator(book, ws.title).cell(ws.title, cell.coordinate, 0)
                except (FormulaError, ZeroDivisionError, OverflowError, ValueError, TypeError, RecursionError):
                    failed += 1
                    continue
                if isinstance(cells.dtypes.iloc[c], pd.StringDtype):  # a text-only column from the reader gets a number
                    cells[cells.columns[c]] = cells[cells.columns[c]].astype(object)
                cells.iat[r, c] = _typed(value, cell.number_format)
                filled += 1
        # "formulas saved without their values: open and save in Excel" is no longer true for a sheet
        # whose every such formula we computed
        notes = tuple(n for n in grid.notes if failed or n != UNCACHED_NOTE)
        out.append(replace(grid, cells=cells, notes=notes))
    return out, filled


def _typed(value: float, number_format: str) -> object:
    """The value as the cell shows it: a date, a time of day, a duration, or a number."""
    fmt = (number_format or "").lower()
    fmt_plain = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", lambda m: m.group(0) if m.group(0).startswith("[h") else "", fmt)
    if "[h" in fmt_plain or "[m" in fmt_plain:
        return dt.timedelta(days=value)
    if ("y" in fmt_plain or "d" in fmt_plain) and value >= 1:
        return _EPOCH + dt.timedelta(days=value)
    if "h" in fmt_plain or ("m" in fmt_plain and "s" in fmt_plain):
        if 0 <= value < 1:
            seconds = round(value * 86400)
            return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
        return dt.timedelta(days=value)
    return float(value)


class _Evaluator:
    """Evaluates one formula (and the formulas it refers to) to a number."""

    def __init__(self, book, sheet: str) -> None:  # type: ignore[no-untyped-def]
        self.book = book
        self.sheet = sheet

    def cell(self, sheet: str, coord: str, depth: int) -> float:
        if depth > MAX_DEPTH:
            raise FormulaError("formula nesting too deep")
        if sheet not in self.book.sheetnames:
            raise FormulaError(f"no sheet {sheet!r}")
        value = self.book[sheet][coord.replace("$", "")].value
        if isinstance(value, str) and value.startswith("="):
            return _Parser(self, sheet, value[1:], depth + 1).parse()
        return _number(value)

    def range(self, sheet: str, ref: str, depth: int) -> list[float]:
        ws = self.book[sheet]
        values = []
        for row in ws[ref.replace("$", "")]:
            for c in row if isinstance(row, tuple) else (row,):
                if c.value not in (None, ""):
                    values.append(self.cell(sheet, c.coordinate, depth))
        return values


def _number(value: object) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.datetime):
        return (value - _EPOCH).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - _EPOCH.date()).days)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    raise FormulaError(f"{value!r} is not a number")


class _Parser:
    """Recursive descent over + - * / ( ), numbers, cell references and a few functions."""

    def __init__(self, ev: _Evaluator, sheet: str, text: str, depth: int) -> None:
        self.ev, self.sheet, self.depth = ev, sheet, depth
        self.tokens = self._tokens(text)
        self.i = 0

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise FormulaError(f"cannot read the formula at {text[pos:pos + 10]!r}")
            kind = m.lastgroup or "op"
            out.append((kind, m.group(kind)))
            pos = m.end()
        return out

    def parse(self) -> float:
        value = self.expr()
        if self.i != len(self.tokens):
            raise FormulaError("unexpected text after the formula")
        return value

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def eat(self, op: str) -> bool:
        if self.peek() == ("op", op):
            self.i += 1
            return True
        return False

    def expr(self) -> float:
        value = self.term()
        while True:
            if self.eat("+"):
                value += self.term()
            elif self.eat("-"):
                value -= self.term()
            else:
                return value

    def term(self) -> float:
        value = self.unary()
        while True:
            if self.eat("*"):
                value *= self.unary()
            elif self.eat("/"):
                value /= self.unary()
            else:
                return value

    def unary(self) -> float:
        if self.eat("-"):
            return -self.unary()
        if self.eat("+"):
            return self.unary()
        return self.atom()

    def atom(self) -> float:
        tok = self.peek()
        if tok is None:
            raise FormulaError("the formula ends early")
        kind, text = tok
        self.i += 1
        if kind == "num":
            return float(text)
        if kind == "ref":
            sheet, ref = self._split(text)
            if ":" in ref:
                raise FormulaError("a range outside a function")
            return self.ev.cell(sheet, ref, self.depth)
        if kind == "fn":
            return self.call(text)
        if text == "(":
            value = self.expr()
            if not self.eat(")"):
                raise FormulaError("a bracket is not closed")
            return value
        raise FormulaError(f"unexpected {text!r}")

    def call(self, name: str) -> float:
        if name not in _FUNCTIONS:
            raise FormulaError(f"function {name} is not evaluated")
        args: list[float] = []
        if not self.eat(")"):
            while True:
                tok = self.peek()
                if tok and tok[0] == "ref" and ":" in tok[1]:
                    self.i += 1
                    sheet, ref = self._split(tok[1])
                    args.extend(self.ev.range(sheet, ref, self.depth))
                else:
                    args.append(self.expr())
                if self.eat(")"):
                    break
                if not self.eat(","):
                    raise FormulaError("expected , or ) in a function call")
        return float(_FUNCTIONS[name](*args))

    def _split(self, text: str) -> tuple[str, str]:
        if "!" in text:
            sheet, ref = text.rsplit("!", 1)
            return sheet.strip("'"), ref
        return self.sheet, text
