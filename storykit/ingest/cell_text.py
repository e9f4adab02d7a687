"""What a cell says as text, and whether it says nothing: the rules every reading step shares."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from storykit.ingest.cells import arrow_blanks, map_cells, plain_ascii, surely_not

#: "Total" in the languages a log is kept in (EN/DE, NL totaal, IT totale/somma, ES/PT suma/soma, PL razem,
#: CS celkem, HU összesen, Nordic totalt/yhteensä, FR sous-total): one list for total rows and total columns.
TOTAL_WORDS = (r"(total|totals|sum|summe|gesamt|gesamtsumme|insgesamt|subtotal|sub-total|zwischensumme|totaal|"
               r"subtotaal|totale|totali|somma|suma|soma|razem|celkem|celkom|összesen|osszesen|totalt|yhteensä|"
               r"sous-total)")


def blank(v: object) -> bool:
    """None, NaN, NaT, NA, an empty string or spaces: a cell that says nothing."""
    return (v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())
            or v is pd.NaT or v is pd.NA)


def text(v: object) -> str:
    """The cell as a person reads it: '' for blanks, 3.0 as '3', no control characters."""
    if blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    s = str(v).strip()
    return s if s.isprintable() else "".join(ch for ch in s if ch.isprintable() or ch == " ")  # one C pass, mostly


def text_column(s: pd.Series) -> pd.Series:
    """Cell text for a column, one `text` call per distinct value (a 200k-row column of 120 names: 120)."""
    # present, printable ASCII (so isprintable holds) and no space at either end (the only whitespace such
    # text has): `text` returns each cell as it is; 100k ticket keys need no factorization to learn that
    if plain_ascii(s):
        return s.reset_index(drop=True).set_axis(s.index)
    return map_cells(s, text)


def blank_frame(body: pd.DataFrame) -> pd.DataFrame:
    """Blank cells (None, NaN, empty or spaces) for a whole frame, one rule call per distinct value."""
    return pd.DataFrame({h: blank_column(body[h]) for h in body.columns}, index=body.index)


def blank_column(column: pd.Series) -> np.ndarray:
    arrow = arrow_blanks(column)
    if arrow is not None:
        out, unsure = arrow
        if unsure.any():
            out[unsure] = map_cells(column[unsure], blank).astype(bool).to_numpy()
        return out
    filled = surely_not(column)  # only the cells that could be blank are asked (see surely_not)
    if filled is None:
        return map_cells(column, blank).astype(bool).to_numpy()
    out = np.zeros(len(column), dtype=bool)
    if not filled.all():
        out[~filled] = map_cells(column[~filled], blank).astype(bool).to_numpy()
    return out
