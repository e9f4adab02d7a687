"""Which column plays which role in a table: the one call the reader makes to decide it.

Everything the reader needs to know about roles goes through `choose_roles`, `hours_unit` and
`header_score`, so the way roles are decided (header names today, see mapping.py) can change
behind them without touching the table structure or the row checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from storykit.ingest import mapping

#: Tools whose duration column is in another unit than its header says.
FORMAT_UNITS = {"youtrack_worklogs": "minutes"}


@dataclass(frozen=True)
class RoleChoice:
    """The columns chosen for each role, the export format they suggest, and why."""

    format: str  # a known tool's export, or "generic"
    confidence: float  # 0..1 for the format; the reader lowers it when the reading is in doubt
    chosen: dict[str, str]  # role -> header
    notes: tuple[str, ...] = ()  # told to the user as warnings
    reasons: dict[str, str] = field(default_factory=dict)  # role -> why that column
    ignored: dict[str, str] = field(default_factory=dict)  # header -> why it is never summed


def choose_roles(headers: list[str], blank: pd.DataFrame | None = None,
                 body: pd.DataFrame | None = None) -> RoleChoice:
    """Role -> column for one table; `blank` and `body` (the table's cells) let values take part."""
    fmt, confidence, category_order = mapping.detect_format(headers)
    mostly_empty = (frozenset(h for h in headers if blank[h].mean() > 0.5) if blank is not None
                    else frozenset())
    chosen, notes, reasons, ignored = mapping.choose_columns(headers, category_order, mostly_empty, fmt)
    return RoleChoice(fmt, confidence, chosen, tuple(notes), reasons, ignored)


def hours_unit(fmt: str, header: str) -> str:
    """The unit of the durations in column `header` of a `fmt` export: hours, minutes or seconds."""
    return FORMAT_UNITS.get(fmt) or mapping.hours_unit(header)


def header_score(cells: list[object]) -> int:
    """How much a row looks like a header row by its words (known role names)."""
    return mapping.header_score(cells)
