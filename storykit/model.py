"""The data that flows through storykit: the time log, the user's choices, the project file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.frozenmap import FrozenMap, freeze
from storykit.vocabulary import CHOICE_WORDS, CLASSES, FORMATS, OUR_TEAM, Ask, Audience, Class

#: Columns of TimeLog.frame, in order; provenance last.
REQUIRED_COLUMNS = ("date", "person", "activity", "hours")
OPTIONAL_COLUMNS = ("team", "client", "project", "task", "description", "billable", "start", "end")
PROVENANCE_COLUMNS = ("file", "sheet", "row")

#: Below this detection confidence the app asks the user to confirm the mapping instead of guessing.
CONFIRM_BELOW = 0.75


#: Why a row of the file is not an entry of the log (SkippedRow.kind):
UNREADABLE = "unreadable"  # an entry we could not read (no date, no time): lost unless the user fixes it
STRUCTURE = "structure"  # the table's own rows: totals, a value under a total, repeated headers, section titles
SET_ASIDE = "set_aside"  # an entry read but kept out of the log (a date far from the others)
FLAG = "flag"  # an entry kept, worth a look (TimeLog.flagged)


@dataclass(frozen=True)
class SkippedRow:
    """A row of the file that is not an entry of the log, listed so the user sees it instead of losing it;
    `kind` says which: a row we could not read, the table's structure, or an entry set aside."""

    file: str
    row: int
    reason: str
    sheet: str | None = None
    kind: str = UNREADABLE


@dataclass(frozen=True)
class Option:
    """One answer to a reading's question: what it means, what follows from it, the mapping it sets."""

    answer: str
    consequence: str
    mapping: dict[str, str]


@dataclass(frozen=True)
class Question:
    """The one thing the reader could not decide from the file, asked as a person would ask it."""

    text: str  # "Is 'Dauer' in minutes or hours?"
    options: tuple[Option, ...]
    why: str  # why the file alone cannot tell


@dataclass(frozen=True)
class CostRate:
    """What an hour costs as a file says it (Harvest's 'Cost Rate'): offered to the user, never assumed."""

    per_hour: float  # the hours-weighted mean over the entries that carry a cost
    column: str
    hours: float  # the hours of those entries: the weight when several files give a cost
    covered: float  # their share of the file's hours (0..1)
    currency: str | None = None  # 'USD' from a currency column, or a symbol the cells carried ('$')


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
    #: "log" (one row per entry), "summary" (grouped totals, no dates per row) or "rollup"
    #: (one row per person per period, e.g. weekly payroll hours).
    kind: str = "log"
    #: The period the file covers when its rows do not say (a summary's file name).
    period: tuple[dt.date, dt.date] | None = None
    #: role -> why that column was chosen; column -> why it was ignored (rounded, billed, ...).
    reasons: dict[str, str] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)
    #: What lowered the confidence, in words the app can put in front of the user.
    doubts: tuple[str, ...] = ()
    #: The unit the time worked was read in (the hours column's, or hours from start and end).
    unit: str = "hours"
    #: When two readings of the columns stayed close: the one question that tells them apart.
    question: Question | None = None
    #: Every sheet read into this log (a workbook with one sheet per person, week or month); () for one table.
    sheets: tuple[str, ...] = ()
    #: Whether the rows say whose time each entry is. False for a summary's '(everyone)' and for a log
    #: with no names at all, read as '(one person)': the story must not call either a one-person team.
    people_known: bool = True
    #: Whether the dates give the time week by week. False for a summary (totals for a period) and a
    #: roll-up of more than a week per row: no weekly chart can be drawn from them.
    weekly_detail: bool = True
    #: Rows skipped / flagged beyond those listed in the TimeLog: a file read in batches lists a
    #: bounded number of each (storykit/ingest/large_log.py) and counts the rest.
    more_skipped: int = 0
    more_flagged: int = 0
    #: The file's own cost of an hour, when it carries one (ingest/cost_rate.py).
    cost_rate: CostRate | None = None
    #: Of the warnings, those that change every figure of the story (files from two periods): the app shows
    #: them as warnings, the rest as notes on how the file was read.
    alerts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.format not in FORMATS:  # the app names every format: a new one is added to the vocabulary
            raise ValueError(f"format {self.format!r} is not in storykit.vocabulary.FORMATS")

    @property
    def needs_confirmation(self) -> bool:
        """True when the reading is a guess the user should confirm before we build on it."""
        return self.confidence < CONFIRM_BELOW


#: Text columns whose values repeat down the log and that the story groups by: kept as categories.
LABEL_COLUMNS = ("person", "activity", "team")


def as_labels(frame: pd.DataFrame) -> None:
    """Names, activity labels and teams as categories (sorted, as grouping the text would sort).

    A 200k-row log of 120 people and 16 labels then holds each name once and a small code per
    row (0.2 MB a column instead of 3.5 MB), and every group-by reads the codes.
    """
    for column in LABEL_COLUMNS:
        if column in frame.columns and not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("category")


def add_provenance(frame: pd.DataFrame, file: str, sheet: str | None, rows: pd.Series) -> None:
    """Where each row came from: file, sheet and row number in it.

    File and sheet are one value per read, so they are categories: a 200k-row log holds the
    file name once, not 200k times.
    """
    for column, value in (("file", file), ("sheet", sheet)):
        codes = np.full(len(frame), -1 if value is None else 0, np.int8)  # -1: missing (a CSV has no sheet)
        frame[column] = pd.Categorical.from_codes(codes, categories=[] if value is None else [value])
    frame["row"] = rows.set_axis(frame.index).astype("int64")  # by position; shared with `rows`, not copied


@dataclass(frozen=True, eq=False)
class TimeLog:
    """One row per entry: date, person, activity, hours (+ optional fields and provenance).

    `frame` columns: date (datetime64, day), person and activity (text, kept as categories: see
    as_labels), hours (float), optional columns where the source had them, and file/sheet/row for
    every entry.
    """

    frame: pd.DataFrame
    sources: tuple[Source, ...]
    skipped: tuple[SkippedRow, ...] = ()
    flagged: tuple[SkippedRow, ...] = ()

    @property
    def rows_read(self) -> int:
        """The files' data rows the log was read from: a log read in batches keeps fewer, its day totals."""
        return sum(s.rows for s in self.sources)

    @property
    def total_hours(self) -> float:
        return float(self.frame["hours"].sum())

    @property
    def people(self) -> list[str]:
        return sorted(self.frame["person"].dropna().unique().tolist())

    @property
    def cost_rate(self) -> CostRate | None:
        """The files' own hourly cost, weighted by their hours; None when none gives one or currencies differ."""
        rates = [s.cost_rate for s in self.sources if s.cost_rate is not None]
        if not rates or len({r.currency for r in rates}) > 1:
            return None
        hours = sum(r.hours for r in rates)
        return CostRate(per_hour=round(sum(r.per_hour * r.hours for r in rates) / hours, 2),
                        column=", ".join(dict.fromkeys(r.column for r in rates)), hours=hours,
                        covered=hours / self.total_hours if self.total_hours else 0.0, currency=rates[0].currency)

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        dates = self.frame["date"].dropna()
        spans = [s.period for s in self.sources if s.period]
        if not dates.empty:
            spans.append((dates.min().date(), dates.max().date()))
        if not spans:
            return None
        return min(a for a, _ in spans), max(b for _, b in spans)

    @property
    def unreadable(self) -> tuple[SkippedRow, ...]:
        """Entries that could not be read (not the table's structure, not entries set aside on purpose)."""
        return tuple(s for s in self.skipped if s.kind == UNREADABLE)

    @property
    def not_counted(self) -> tuple[SkippedRow, ...]:
        """Entries left out of the totals: those that could not be read and those set aside (far dates)."""
        return tuple(s for s in self.skipped if s.kind != STRUCTURE)

    @property
    def structure_rows(self) -> tuple[SkippedRow, ...]:
        """Rows that are the table's structure (totals, repeated headers, section titles), not entries."""
        return tuple(s for s in self.skipped if s.kind == STRUCTURE)

    @property
    def people_known(self) -> bool:
        """Whether every file says whose time each entry is (see Source.people_known)."""
        return all(s.people_known for s in self.sources)

    @property
    def weekly_detail(self) -> bool:
        """Whether every file gives its time week by week (see Source.weekly_detail)."""
        return all(s.weekly_detail for s in self.sources)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for s in self.sources for w in s.warnings)

    @property
    def labels(self) -> list[str]:
        return sorted(self.frame["activity"].unique().tolist())


@dataclass(frozen=True)
class Choice:
    """Whose work an activity label is: one choice, from which owner and class both follow.

    Our core work, our overhead, not work, another named team's work, or not decided yet. `team`
    is set exactly when the work is another team's, so "our team's other-team work" or "Finance's
    core work" cannot be built: they raise ValueError.
    """

    cls: Class = "unassigned"
    team: str = ""

    def __post_init__(self) -> None:
        if self.cls not in CLASSES:
            raise ValueError(f"{self.cls!r} is not a choice; choose one of {', '.join(CLASSES)}")
        if self.cls == "other_team":
            if not self.team.strip():
                raise ValueError("another team's work needs that team's name")
            if is_our_team(self.team):
                raise ValueError(f"{self.team!r} is our own team: choose our core work, our overhead or not work")
        elif self.team:
            raise ValueError(f"{CHOICE_WORDS[self.cls]} is no other team's work, so it names no team ({self.team!r})")

    @classmethod
    def of_team(cls, team: str) -> Choice:
        """Another team's work, named by that team."""
        return cls("other_team", " ".join(team.split()))

    @property
    def owner(self) -> str:
        """The team whose work it is: the other team, ours, or nobody yet ("")."""
        if self.cls == "other_team":
            return self.team
        return "" if self.cls == "unassigned" else OUR_TEAM

    @property
    def decided(self) -> bool:
        return self.cls != "unassigned"

    @property
    def words(self) -> str:
        """The choice as the app offers it: "our core work", "Finance's work", "not decided yet"."""
        if self.cls != "other_team":
            return CHOICE_WORDS[self.cls]
        if self.team.endswith(")"):  # "Other teams (training)": no possessive after a bracket
            return f"work of {self.team[0].lower()}{self.team[1:]}"
        return f"{self.team}' work" if self.team.endswith("s") else f"{self.team}'s work"


def is_our_team(name: str) -> bool:
    """True for names that mean the team itself, which can never be 'another team'."""
    return " ".join(name.split()).casefold() in {"our team", "us", "we", "ours", "our own team", "own team"}


@dataclass(frozen=True)
class Settings:
    """What the user tells us about the team; every number that is not in the data."""

    team_name: str = "Our team"
    contracted_weekly_hours: float = 37.5
    working_weeks_per_year: float = 46.0
    hourly_cost: float | None = None
    currency: str = "$"
    audience: Audience = "operations"
    show_names: bool = False
    author: str = ""
    #: How many people the team has, when the user says so: the story's team size wherever the data
    #: names nobody (a summary report) or names fewer than the team has. None: the people the log names.
    team_size: int | None = None
    #: The team's own kind of work as the ownership vocabulary names it ("service", "finance"...);
    #: "" reads it from the log. The same "Invoice queries" is core work for finance, not for service.
    own_work: str = ""


@dataclass(frozen=True)
class HandBack:
    """How much of one other team's work goes back to it, how far the hand-back goes, and when.

    `share` is the part of that team's work (0..1) that goes back once stage 3 is reached;
    `stage` is the last stage agreed (1, 2 or 3); `start` is when stage 1 begins (default: the
    Monday after the data ends), each later stage `Scenario.stage_weeks` weeks after the one before.
    """

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
    ask: Ask = "hand_back"
    stage_weeks: int = 4  # weeks between stages when an owner has no dates of its own

    def plan_for(self, owner: str) -> HandBack:
        """The owner's own hand-back, or the default share through all three stages."""
        for h in self.hand_backs:
            if h.owner == owner:
                return h
        return HandBack(owner, self.default_share, 3, None)


@dataclass(frozen=True)
class ServiceLevel:
    """Optional service-level facts the user gives for act 2 (and the service-level ask).

    `minutes_per_item` is how long one backlog item takes on average; with it, the story can
    say when the reclaimed time clears the backlog.
    """

    promised_response_hours: float | None = None
    actual_response_hours: float | None = None
    backlog_items: int | None = None
    minutes_per_item: float | None = None

    @property
    def given(self) -> bool:
        return any(v is not None for v in (self.promised_response_hours, self.actual_response_hours,
                                           self.backlog_items))

    @property
    def backlog_hours(self) -> float | None:
        if not self.backlog_items or not self.minutes_per_item:
            return None
        return self.backlog_items * self.minutes_per_item / 60


@dataclass(frozen=True)
class Edits:
    """Text the user rewrote in the app, per act (1-based); an act left out keeps the generated text.

    Dicts given are frozen (FrozenMap), so Edits, and the Project holding them, hash by value.
    """

    titles: Mapping[int, str] = field(default_factory=FrozenMap)
    points: Mapping[int, tuple[str, ...]] = field(default_factory=FrozenMap)
    notes: Mapping[int, str] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        for name in ("titles", "points", "notes"):
            object.__setattr__(self, name, freeze(getattr(self, name)))
