"""How well one column fits one role: its header's words and its values, each with the reason a user reads.

`fit(column, role)` gives a score (about -1..2) and the words of the reason. The assignment adds
what no single column can say: relations between columns and hours per person-day.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from storykit.ingest.roles.header import read_header, role_words
from storykit.ingest.roles.values import ColumnValues
from storykit.ingest.roles.words import UNITS

_UNIT_OF = {spelling: unit for unit, spellings in UNITS.items() for spelling in spellings}

#: Below this a column does not take a role.
TAKES = 0.45
#: Roles whose values are labels (text that repeats), and how their word weight counts for the
#: category label when no column says activity/category (Harvest's Task, a tool's Project).
LABEL_FALLBACK = {"activity": 1.0, "task": 0.75, "project": 0.7, "client": 0.35, "team": 0.35}


@dataclass(frozen=True)
class Fit:
    score: float
    words: str  # what the header says ("its name says datum"), "" when silent
    values: str  # what the values say ("values like '2017-10-02'")
    value_score: float = 0.0

    def reason(self) -> str:
        return "; ".join(p for p in (self.words, self.values) if p)


def _said(role_weight: tuple[float, str] | None) -> tuple[float, str]:
    if not role_weight:
        return 0.0, ""
    weight, word = role_weight
    return weight, f"its name says {word!r}" if word else ""


def fit(col: ColumnValues, role: str) -> Fit:
    """Score of `col` for `role` from its words and values (the hours role is scored per unit elsewhere)."""
    words = role_words(col.name)
    w, said = _said(words.get(role))
    if role == "activity" and role not in words:
        for other, weight in LABEL_FALLBACK.items():
            if other in words:
                w = max(w, words[other][0] * weight)
                said = f"its name says {words[other][1]!r}"
    v, what = _value_fit(col, role)
    extra = max(0, len(read_header(col.name).words) - 1) * 0.02  # "Project" before "Project code name"
    return Fit(w + 0.8 * v - extra, said, what, v)


def _value_fit(col: ColumnValues, role: str) -> tuple[float, str]:
    n = col.n
    if n == 0:
        return 0.0, ""  # no rows: the header alone speaks
    # a column's first rows may show one value where the table holds many (a table sorted by it): then the
    # table's own count is known (ColumnValues.table_distinct), and said without "in the first rows"
    distinct, scope = (col.table_distinct, "") if col.table_distinct else (len(col.distinct), col.scope)
    example = repr(col.texts[0][:30]) if col.texts else ""
    if role in ("date", "end_date"):
        if role == "date" and "end" in role_words(col.name) and "date" not in role_words(col.name):
            return -1.0, ""  # when an entry ends is not its date
        if col.date_share >= 0.9:
            return 1.0, f"values read as dates ({example})"
        if col.date_in_text_share >= 0.9:
            return 0.4, f"each value has a date in its text ({col.texts[0][:60]!r})"
        return -1.0, ""
    if role in ("start", "end"):
        if col.timestamp_share >= 0.9:
            return 1.0, f"values are dates with times ({example})"
        if col.clock_share >= 0.9 or _time_objects(col):
            return 0.8, f"values are times of day ({example})"
        return -1.0, ""
    if role == "break":
        if col.number_share >= 0.9 or col.clock_share >= 0.9 or col.duration_text_share >= 0.9:
            return 0.5, ""
        return -1.0, ""
    if role in ("person", "first_name", "last_name"):
        if col.number_share > 0.5 or col.date_share > 0.5 or col.clock_share > 0.5 or col.bool_share >= 0.9:
            return -1.0, ""  # numbers, dates, times and yes/no are nobody's name
        if role == "person" and col.email_share >= 0.9:
            if distinct == 1 and n > 3:
                return 0.0, f"one address on every row{scope}"  # a shared mailbox tells no one apart
            return 0.6, f"e-mail addresses that repeat ({distinct} people{scope})"
        if role == "person" and col.name_share >= 0.8 and col.repeats > 0.3:
            order = ", written 'Last, First'" if col.last_first_share >= 0.8 else ""
            return 1.0, f"names that repeat ({distinct} {'person' if distinct == 1 else 'people'}{order}{scope})"
        if col.word_share >= 0.8 and col.repeats > 0.3 and distinct <= 200:
            return (0.5 if role != "person" else 0.3), f"one-word names that repeat ({distinct}{scope})"
        if col.name_share >= 0.8:
            return 0.3, ""
        return -0.3 if col.letters_share > 0.5 else -1.0, ""
    if role == "email":
        return (1.0, "values are e-mail addresses") if col.email_share >= 0.9 else (-1.0, "")
    if role == "billable":
        return (0.8, "values are yes/no") if col.bool_share >= 0.9 and distinct <= 4 else (-0.8, "")
    if role == "description":
        if col.letters_share < 0.5:
            return -0.8, ""
        return (0.6, "") if col.text_length > 15 or col.repeats < 0.5 else (0.2, "")
    if role == "task":
        if col.id_share >= 0.8:
            return 0.6, f"ticket keys ({example})"
        return (0.2, "") if col.letters_share >= 0.5 else (-0.5, "")
    # labels: activity, project, client, team
    if col.present.mean() < 0.5:
        return -1.0, "mostly empty"
    if col.number_share > 0.8 or col.date_share > 0.8 or col.clock_share > 0.8 or col.email_share > 0.5:
        return -1.0, ""
    if col.bool_share > 0.9:
        return -1.0, ""
    if distinct == 1 and n > 3:
        return 0.0, f"one value only{scope}"
    if col.repeats >= 0.3 and distinct <= 150 and col.text_length <= 60:
        return 0.6, f"{distinct} labels that repeat{scope}"
    if col.letters_share >= 0.5 and col.text_length <= 60:
        return 0.3, f"{distinct} short labels{scope}"
    return (0.0, "") if col.letters_share >= 0.5 else (-0.6, "")


def _time_objects(col: ColumnValues) -> bool:
    import datetime as dt

    return col.share(lambda v: isinstance(v, str) and v.startswith("datetime.time")) >= 0.9 or all(
        isinstance(v, dt.time) for v in col.cells[col.present].head(20))


def hours_words(col: ColumnValues) -> tuple[float, str, str | None, str]:
    """(word weight, what the name says, unit the header names, the spelling of that unit)."""
    h = read_header(col.name)
    w, said = _said(role_words(col.name).get("hours"))
    return w, said, h.unit, h.unit_said


def duration_share(col: ColumnValues) -> float:
    """Share of cells that could be durations: numbers, H:MM texts or durations with letters."""
    return min(1.0, col.number_share + col.clock_share + col.duration_text_share)


def is_duration_like(col: ColumnValues, named: bool = False) -> bool:
    """Values that could be durations; a column whose name says so may have a few unreadable cells
    (they are listed as skipped rows), and one with no rows at all is judged by its name alone."""
    if col.n == 0:
        return named
    return duration_share(col) >= (0.6 if named else 0.9)


def units_stated_beside(cols: dict[str, ColumnValues]) -> dict[str, tuple[str, str]]:
    """Numbers whose unit the next column states on every row (ERP confirmations: Qty, then UoM = HR):
    column -> (unit, why), as if the name said it."""
    names = list(cols)
    out = {}
    for a, b in itertools.pairwise(names):
        said = {_UNIT_OF.get(t.lower().rstrip(".")) for t in cols[b].texts}
        if cols[a].number_share >= 0.9 and cols[b].n and len(said) == 1 and None not in said:
            out[a] = (said.pop(), f"{b!r} says {cols[b].texts[0]!r} on every row")
    return out
