"""Entries written over two rows, as web timesheets pasted into a spreadsheet give them.

The first row has the entry's key (its date) and some cells; the row under it has no key and
the rest of the entry. Where both rows have a cell in the same column, the first row's is a
label about the row ('Start time for ... on Monday 10/30', as screen readers are told) and
the second row's is the value. Days with their date on one row and more entries under it
without a date are not this: each of those rows is an entry of its own.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from storykit.ingest.cell_text import text

#: Share of keyless rows that must sit right under a keyed row, and of keyed rows whose shared cells are labels.
PAIRED = 0.8
_KEY_PART = re.compile(r"\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?")


def merge_two_row_records(body: pd.DataFrame, blank: pd.DataFrame, rows: pd.Series
                          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, str | None]:
    """Body, blanks and row numbers with two-row records made one row each, and a note; unchanged when not."""
    if len(body) < 4:
        return body, blank, rows, None
    filled = ~blank.to_numpy()
    used = np.flatnonzero(filled.any(axis=0))
    if not len(used):
        return body, blank, rows, None
    key = next((int(j) for j in used if _pairs(filled[:, j])), None)  # the key need not be the first column
    if key is None:
        return body, blank, rows, None
    first = np.flatnonzero(filled[:-1, key] & ~filled[1:, key])  # keyed rows with a keyless row under them
    second = first + 1
    a, b = filled[first], filled[second]
    own_a = (a.mean(axis=0) >= 0.8) & (b.mean(axis=0) <= 0.2)  # columns only the first row fills
    shared = (a.mean(axis=0) >= 0.5) & (b.mean(axis=0) >= 0.5)
    shared[key] = False
    if not own_a.any() or not ((b & ~a).any() or shared.any()):
        return body, blank, rows, None
    if shared.any() and _label_share(body, first, key, np.flatnonzero(shared)) < PAIRED:
        return body, blank, rows, None  # the first row's shared cells are values: rows of their own
    merged = body.iloc[first].reset_index(drop=True).astype(object)
    lower = body.iloc[second].reset_index(drop=True)
    take = pd.DataFrame(b, columns=body.columns)
    for j, column in enumerate(body.columns):
        if take.iloc[:, j].any():
            merged[column] = merged[column].where(~take.iloc[:, j].to_numpy(), lower[column].astype(object))
    keep = np.ones(len(body), dtype=bool)
    keep[first] = keep[second] = False
    single = np.flatnonzero(keep)  # keyed rows with nothing under them stay as they are
    out = pd.concat([merged.set_axis(first), body.iloc[single].astype(object).set_axis(single)]).sort_index()
    out_rows = pd.concat([rows.iloc[first].set_axis(first), rows.iloc[single].set_axis(single)]).sort_index()
    out_filled = pd.DataFrame(np.vstack([a | b, filled[single]]), columns=body.columns,
                              index=np.concatenate([first, single])).sort_index()
    note = (f"entries written over two rows: {len(first)} rows with a {body.columns[key]!r} and the row under each "
            f"read as one entry" + (f" (the second row's cells where both have one: the first row's "
                                    f"{', '.join(map(repr, body.columns[shared][:3]))} are labels)"
                                    if shared.any() else ""))
    return out.reset_index(drop=True), ~out_filled.reset_index(drop=True), out_rows.reset_index(drop=True), note


def _pairs(keyed: np.ndarray) -> bool:
    """Whether a column filled on some rows could key two-row records: enough rows without it, nearly each
    right under one with it, and never two in a row (keyless rows that follow keyless rows are dates
    carried down, not pairs)."""
    first = keyed[:-1] & ~keyed[1:]
    keyless = int((~keyed).sum())
    return keyless >= 0.3 * len(keyed) and int(first.sum()) >= PAIRED * keyless and not (~keyed[1:] & ~keyed[:-1]).any()


def _label_share(body: pd.DataFrame, first: np.ndarray, key: int, shared: np.ndarray) -> float:
    """Share of first rows whose shared cells mention the row's own key (its date): labels, not values."""
    hits = 0
    for i in first:
        parts = _KEY_PART.findall(text(body.iat[i, key]))
        cells = [text(body.iat[i, j]) for j in shared]
        hits += bool(parts) and all(any(p in c for p in parts) for c in cells if c)
    return hits / max(1, len(first))

