"""Classify's state across runs: the table of labels as its grid was given it, and the user's latest decision.

Classes live here, not in the page: the page's script runs anew each time, and an object kept in session state
from an earlier run would not be an instance of its new class.

The grid keeps the rows and the 'whose work' values it was first given under its key, and shows the user's
edits over them. Given each new choice as its value instead, Streamlit's grid finds its edit redundant, drops
it and sends that back: a second script run about 0.2 s after the first, whose redraw closed the dropdown the
user was opening on the next row (the choice in it was lost). Rows that vanished once decided, or lines above
the grid that came and went, moved the next row from under the pointer. So a table is drawn once per round:
a rule, Accept, Undo, the 'only open' switch or other data start a new one (its own key, fresh values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

import storykit as sk
from pages import _shared as ui

DRAWN = "table_drawn"  # the Drawn of the table on screen
LAST_CHANGE = "last_change"  # the Decision the user made last
# Where a decision was made, and so where it is said: each part of the page says only its own, so a choice in
# the table puts nothing above the grid (the next row stays under the pointer).
Place = Literal["own_work", "suggestions", "rules", "table"]


@dataclass(frozen=True)
class Decision:
    what: str
    place: Place
    before: sk.Project
    after: sk.Project
    announce: bool = False  # a choice in the table: also a toast, as the grid can hide the line under it


@dataclass(frozen=True)
class Drawn:
    """The table as first drawn under `key`: its edits' row numbers point into `rows`."""

    key: str
    only_open: bool
    labels: tuple[str, ...]  # every label of the data: other data is another table
    rows: tuple[str, ...]  # the labels shown, in order
    words: tuple[str, ...]  # each row's 'whose work' then; the grid shows the user's edits over it
    suggested: tuple[str, ...]  # open labels that had a suggestion then, largest first: their lines stay put
    any_open: bool  # labels were open then: the keyword box stays open while they are decided in the table


def table_key() -> str:
    return f"labels{st.session_state.get(ui.TABLE_ROUND, 0)}"


def fresh_table() -> None:
    st.session_state[ui.TABLE_ROUND] = st.session_state.get(ui.TABLE_ROUND, 0) + 1


def edits() -> dict[str, str]:
    """The table's choices by label ('whose work' words), as the grid on screen holds them."""
    drawn = st.session_state.get(DRAWN)
    if drawn is None or drawn.key != table_key():
        return {}
    edited = st.session_state.get(drawn.key, {}).get("edited_rows") or {}
    return {drawn.rows[int(row)]: change["whose work"] for row, change in edited.items()
            if int(row) < len(drawn.rows) and "whose work" in change}


def this_table(labels: tuple[str, ...], open_labels: set[str], words: dict[str, str],
               suggested: tuple[str, ...]) -> Drawn:
    """The table on screen, or a new one when there is none for this key, its data or its switch."""
    only_open = bool(st.session_state.get(ui.OPEN_ONLY))
    drawn = st.session_state.get(DRAWN)
    if drawn is not None and drawn.key == table_key() and (drawn.only_open, drawn.labels) == (only_open, labels):
        return drawn
    if drawn is not None and drawn.key == table_key():
        fresh_table()  # the same grid with other rows would apply its edits to other labels
    if only_open and not open_labels:  # nothing is open: the switch turns off rather than show an empty table
        st.session_state[ui.OPEN_ONLY] = only_open = False
    rows = tuple(lbl for lbl in labels if not only_open or lbl in open_labels)
    drawn = Drawn(table_key(), only_open, labels, rows, tuple(words[lbl] for lbl in rows), suggested,
                  bool(open_labels))
    st.session_state[DRAWN] = drawn
    return drawn
