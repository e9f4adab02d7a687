"""Which column plays which role in a table: the one call the reader makes to decide it.

Everything the reader needs to know about roles goes through `choose_roles` and `header_score`;
the roles themselves are decided from evidence (header words, values, relations) in ingest/roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from storykit.ingest import roles
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


def choose_roles(headers: list[str], blank: pd.DataFrame | None = None, body: pd.DataFrame | None = None,
                 exclude: frozenset[str] = frozenset()) -> RoleChoice:
    """Role -> column for one table, judged on its first rows; `exclude` columns are not looked at."""
    mostly_empty = (frozenset(h for h in headers if blank[h].mean() > 0.5) if blank is not None
                    else frozenset())
    sample = body.head(roles.SAMPLE_ROWS) if body is not None else pd.DataFrame({h: [] for h in headers}, dtype=object)
    r = roles.assign_roles(headers, sample, mostly_empty, exclude)
    return RoleChoice(r.format, r.format_confidence if r.format != "generic" else r.confidence, dict(r.mapping),
                      r.notes, dict(r.reasons), dict(r.ignored), r.unit, r.question)


def header_score(cells: list[object]) -> int:
    """How much a row looks like a header row by its words (names of roles and units)."""
    return roles.header_score(cells)
