"""The data that flows through storykit: the time log, the user's choices, the project file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

#: The classes every activity label falls into; the order is the order shown to users.
CLASSES: tuple[str, ...] = ("core", "overhead", "other_team", "non_work", "unassigned")
Class = Literal["core", "overhead", "other_team", "non_work", "unassigned"]
OUR_TEAM = "Our team"

#: Columns of TimeLog.frame, in order; provenance last.
REQUIRED_COLUMNS = ("date", "person", "activity", "hours")
OPTIONAL_COLUMNS = ("team", "client", "project", "task", "description", "billable", "start", "end")
PROVENANCE_COLUMNS = ("file", "sheet", "row")


@dataclass(frozen=True)
class SkippedRow:
    """A row we could not read, kept so the user sees it instead of losing it."""

    file: str
    row: int
    reason: str
    sheet: str | None = None


@dataclass(frozen=True)
class Source:
    """What was learned about one uploaded file: its format and how its columns were read."""

    file: str
    format: str
    sheet: str | None
    header_row: int | None
    rows: int
    mapping: dict[str, str]
    category_column: str | None
    confidence: float
    warnings: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # every header of the table, so a user can re-map to any of them


@dataclass(frozen=True, eq=False)
class TimeLog:
    """One row per entry: date, person, activity, hours (+ optional fields and provenance).

    `frame` columns: date (datetime64, day), person (str), activity (str), hours (float),
    optional columns where the source had them, and file/sheet/row for every entry.
    """

    frame: pd.DataFrame
    sources: tuple[Source, ...]
    skipped: tuple[SkippedRow, ...] = ()
    flagged: tuple[SkippedRow, ...] = ()

    @property
    def total_hours(self) -> float:
        return float(self.frame["hours"].sum())

    @property
    def people(self) -> list[str]:
        return sorted(self.frame["person"].dropna().unique().tolist())

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        dates = self.frame["date"].dropna()
        if dates.empty:
            return None
        return dates.min().date(), dates.max().date()

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for s in self.sources for w in s.warnings)

    @property
    def labels(self) -> list[str]:
        return sorted(self.frame["activity"].unique().tolist())


@dataclass(frozen=True)
class Assignment:
    """Whose work an activity label is and what kind of work it is."""

    owner: str
    cls: Class


@dataclass(frozen=True)
class Settings:
    """What the user tells us about the team; every number that is not in the data."""

    team_name: str = "Our team"
    contracted_weekly_hours: float = 37.5
    working_weeks_per_year: float = 46.0
    hourly_cost: float | None = None
    currency: str = "$"
    audience: Literal["operations", "finance", "people"] = "operations"
    show_names: bool = False
    author: str = ""


STAGES = {
    1: "Redirect new requests to the owner",
    2: "Help lightly, take a message",
    3: "The owner handles it fully",
}


@dataclass(frozen=True)
class HandBack:
    """How much of one other team's work goes back to it, and how far the hand-back goes."""

    owner: str
    share: float = 0.5
    stage: int = 3
    start: dt.date | None = None


@dataclass(frozen=True)
class Scenario:
    """What could be: the hand-back per owner, what the reclaimed time buys, and the ask."""

    default_share: float = 0.5
    hand_backs: tuple[HandBack, ...] = ()
    reclaimed_for: str = "clearing our backlog and answering customers on time"
    ask: Literal["hand_back", "headcount", "service_level"] = "hand_back"

    def share_for(self, owner: str) -> float:
        for h in self.hand_backs:
            if h.owner == owner:
                return h.share
        return self.default_share

    def stage_for(self, owner: str) -> int:
        for h in self.hand_backs:
            if h.owner == owner:
                return h.stage
        return 3


@dataclass(frozen=True)
class ServiceLevel:
    """Optional service-level facts the user gives for act 2."""

    promised_response_hours: float | None = None
    actual_response_hours: float | None = None
    backlog_items: int | None = None


@dataclass(frozen=True)
class Edits:
    """Text the user rewrote in the app, per act (1-based); None keeps the generated text."""

    titles: dict[int, str] = field(default_factory=dict)
    points: dict[int, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
