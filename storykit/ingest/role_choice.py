"""Which column plays which role in a table: the one call the reader makes to decide it.

Everything the reader needs to know about roles goes through `choose_roles`, `header_score` and `same_header`;
the roles themselves are decided from evidence (header words, values, relations) in ingest/roles.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.ingest import roles
from storykit.ingest.cell_text import blank
from storykit.ingest.cells import arrow_text, factorize
from storykit.model import Question


@dataclass(frozen=True)
class RoleChoice:
    """The columns chosen for each role, the export format they suggest, and why."""

    format: str  # a known tool's export, or "generic"
    confidence: float  # 0..1 for the format; the reader lowers it when the reading is in doubt
    chosen: dict[str, str]  # role -> header
    notes: tuple[str, ...] = ()  # told to the user as warnings
    reasons: dict[str, str] = field(default_factory=dict)  # role -> why that column
    ignored: dict[str, str] = field(default_factory=dict)  # header -> why it is never summed
    unit: str = "hours"  # of the hours column
    question: Question | None = None  # when the evidence could not decide between two readings


@dataclass(frozen=True, eq=False)
class RoleQuestion:
    """Everything the choice of roles is judged on: equal questions get equal choices."""

    headers: tuple[str, ...]
    sample: pd.DataFrame  # the table's first rows (roles.SAMPLE_ROWS), datetimes as objects (see _as_cells)
    mostly_empty: frozenset[str]  # columns blank in more than half of all the table's rows
    exclude: frozenset[str]  # columns not looked at
    whole: bool = True  # the sample is the whole table (else the reasons say their counts are of its first rows)
    table_distinct: dict[str, int] = field(default_factory=dict)  # see _distinct_below


def role_question(headers: list[str], blank: pd.DataFrame | None = None, body: pd.DataFrame | None = None,
                  exclude: frozenset[str] = frozenset()) -> RoleQuestion:
    mostly_empty = (frozenset(h for h in headers if blank[h].mean() > 0.5) if blank is not None
                    else frozenset())
    sample = body.head(roles.SAMPLE_ROWS) if body is not None else pd.DataFrame({h: [] for h in headers}, dtype=object)
    whole = body is None or len(body) <= roles.SAMPLE_ROWS
    cells = _as_cells(sample)
    below = {} if whole else _distinct_below(cells, body, [h for h in headers if h not in exclude])
    return RoleQuestion(tuple(headers), cells, mostly_empty, exclude, whole, below)


def answer_roles(question: RoleQuestion) -> RoleChoice:
    r = roles.assign_roles(list(question.headers), question.sample, question.mostly_empty, question.exclude,
                           question.whole, question.table_distinct)
    return RoleChoice(r.format, r.format_confidence if r.format != "generic" else r.confidence, dict(r.mapping),
                      r.notes, dict(r.reasons), dict(r.ignored), r.unit, r.question)


def _distinct_below(sample: pd.DataFrame, body: pd.DataFrame, headers: list[str]) -> dict[str, int]:
    """The table's number of distinct values (blank cells aside; counted to 1,000) of each column whose
    first rows show one value but whose other rows do not. A log sorted by activity shows one label in its
    first 1,000 rows: judged on them alone, its label column read as 'one value only' and lost its role to
    a column of notes.

    Most such columns hold one value throughout (a currency, a billable flag): 1,000 rows taken evenly
    from the whole table (_spread) say so for ~0.2 ms a column, and such a column keeps its first rows' reading
    ("one value only in the first 1,000 rows", which is true). Only a column that varies is counted, by its
    factorization (factorizing 20 constant columns of a wide export had cost 0.2 s).
    """
    out = {}
    for h in headers:
        one = _filled(sample[h].to_numpy(dtype=object).tolist())
        if len(one) == 1 and _wordy(*one) and len(_filled(_spread(body[h]))) > 1:
            uniques = factorize(body[h])[1]
            out[h] = sum(1 for v in itertools.islice(uniques, 1001) if not blank(v))
    return out


def _wordy(value: object) -> bool:
    """Text with a letter in it: what a name or a label is. A date, a time or a number (a log sorted by
    date shows one date in its first rows) reads the same whatever the count, so it is not counted."""
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


def _spread(column: pd.Series, runs: int = 20, length: int = 50) -> list[object]:
    """About 1,000 cells from the whole column: `runs` stretches of `length` rows, evenly apart. Stretches,
    not every n-th row: a stretch of an arrow column is a view, a strided pick a take (~2 ms cold)."""
    arrow = arrow_text(column)
    starts = np.linspace(0, max(0, len(column) - length), runs).astype(int).tolist()
    if arrow is None:
        return [v for at in starts for v in column.iloc[at: at + length].to_numpy(dtype=object).tolist()]
    return [v for at in starts for v in arrow.slice(at, length).to_pylist()]


def _filled(cells: list[object], most: int = 3) -> set[object]:
    """The distinct filled cells, when there are a few (a value, and blanks: None, NaN, ''); else more than one."""
    values = set(cells)
    return {v for v in values if not blank(v)} if len(values) <= most else values


def choose_roles(headers: list[str], blank: pd.DataFrame | None = None, body: pd.DataFrame | None = None,
                 exclude: frozenset[str] = frozenset()) -> RoleChoice:
    """Role -> column for one table, judged on its first rows; `exclude` columns are not looked at."""
    return answer_roles(role_question(headers, blank, body, exclude))


def _as_cells(sample: pd.DataFrame) -> pd.DataFrame:
    """The sample with a workbook's datetime64 columns (grid.Grid keeps them so) as the datetime objects
    its cells are: the evidence looks at each distinct cell in Python, and a datetime64 column gives
    each one as a pd.Timestamp, several times slower to make, print and hash."""
    typed = [i for i, dtype in enumerate(sample.dtypes) if isinstance(dtype, np.dtype) and dtype.kind == "M"]
    if not typed:
        return sample
    sample = sample.copy(deep=False)
    for i in typed:
        sample.isetitem(i, pd.Series(sample.iloc[:, i].to_numpy().astype("datetime64[us]").astype(object),
                                     index=sample.index, dtype=object))
    return sample


def header_score(cells: list[object]) -> int:
    """How much a row looks like a header row by its words (names of roles and units)."""
    return roles.header_score(cells)


#: Each cell of a header row: its text (lower case; '' when blank or not text) and the role its words surely name.
HeaderMeaning = tuple[tuple[str, str | None], ...]


def header_meaning(cells: list[object]) -> HeaderMeaning:
    return tuple((t.lower(), _named_role(t) if t else None) for t in map(_text, cells))


def names_roles(meaning: HeaderMeaning) -> bool:
    """Whether a row names two roles or more: only such a row can be a header written in other words."""
    return sum(r is not None for _, r in meaning) >= 2


def same_header(a: HeaderMeaning, b: HeaderMeaning) -> bool:
    """Two header rows that name the same columns, in the same words or in others ('Datum' and 'Date' over
    one column): the same cells filled, no column named for two different roles, and at least two and half
    of the columns that name a role agreeing (a word we do not know agrees with nothing and contradicts
    nothing). A table whose blocks repeat the header in other words is one table."""
    if len(a) != len(b):
        return False
    agree = named = 0
    for (x, rx), (y, ry) in zip(a, b, strict=True):
        if bool(x) != bool(y):
            return False
        if rx is None and ry is None:
            continue
        named += 1
        if x == y or rx == ry:
            agree += 1
        elif rx is not None and ry is not None:
            return False
    return agree >= max(2, (named + 1) // 2)


def _text(v: object) -> str:
    return v.strip() if isinstance(v, str) else ""


def _named_role(header: str) -> str | None:
    """The role a header's words surely name (its strongest, weight 0.6 or more), else None."""
    found = roles.role_words(header)
    best = max(found, key=lambda r: found[r][0], default=None)
    return best if best is not None and found[best][0] >= 0.6 else None
