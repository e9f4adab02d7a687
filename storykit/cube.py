"""The log reduced to hours by person, activity label and ISO week: what every number after ingest reads.

The reduction happens once per log (cube_of keeps it for as long as the log lives), so what
comes after loading costs the same for a thousand rows or two million. A warehouse can send
the same cube directly (storykit/ingest/cube.py reads it).
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from storykit.model import TimeLog
from storykit.ownership.evidence import LabelTexts, gather_texts
from storykit.weeks import mondays, week_starts, weeks_touched

CUBE_COLUMNS = ("person", "activity", "week", "hours")
_CUBES: weakref.WeakKeyDictionary[TimeLog, Cube] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True, eq=False)
class Cube:
    """Hours by person, activity label and ISO week (the Monday), plus the period it covers.

    `switches` is the one thing the cube cannot answer, kept alongside it when the log had
    clock times: how often people moved from one activity to another within a day, as
    (from label, to label, count) rows, and how many person-days had clock times.
    """

    frame: pd.DataFrame
    first: dt.date
    last: dt.date
    switches: pd.DataFrame | None = None  # columns: from, to, count
    timed_person_days: int = 0
    texts: LabelTexts | None = None  # each label's frequent notes, clients, projects, tasks: ownership evidence
    people_known: bool = True  # the rows say whose time each entry is (TimeLog.people_known)
    weekly_detail: bool = True  # the dates give the time week by week (TimeLog.weekly_detail)

    @property
    def weeks(self) -> int:
        """ISO weeks the period touches, first to last inclusive (a Mon-Fri month is 4, not 3.7)."""
        return weeks_touched(self.first, self.last)

    @property
    def mondays(self) -> list[dt.date]:
        return mondays(self.first, self.last)

    def hours_by(self, column: Literal["activity", "person"]) -> pd.Series:
        """Hours per activity label or person, largest first; ties keep their order."""
        return self.frame.groupby(column)["hours"].sum().sort_values(ascending=False, kind="stable")


def cube_of(log: TimeLog) -> Cube:
    """The log's cube, built on first use and kept for as long as the log lives.

    The app keeps a read log across reruns; its cube (and the ownership evidence with it) is then
    built once, and every analysis after that reads only the cube.
    """
    with _LOCK:
        cube = _CUBES.get(log)
    if cube is None:
        cube = build_cube(log)
        with _LOCK:
            cube = _CUBES.setdefault(log, cube)
    return cube


def build_cube(log: TimeLog) -> Cube:
    frame = log.frame
    if frame.empty:
        raise ValueError("an empty time log has no cube")
    dates = pd.to_datetime(frame["date"])
    week = week_starts(dates)
    cube = (
        pd.DataFrame({"person": frame["person"], "activity": frame["activity"], "week": week, "hours": frame["hours"]})
        .groupby(["person", "activity", "week"], as_index=False, observed=True, sort=True)["hours"]
        .sum()
    )
    cube["person"], cube["activity"] = _observed(cube["person"]), _observed(cube["activity"])
    switches, days = count_switches(frame)
    first, last = log.date_range or (dates.min().date(), dates.max().date())  # a summary's period counts
    return Cube(cube, first, last, switches, days, gather_texts(frame), log.people_known, log.weekly_detail)


def _observed(labels: pd.Series) -> pd.Series:
    """The log's categories kept, those the cube holds only: everything after the read groups and filters
    the cube (150k rows for 300 labels) by their integer codes instead of hashing and sorting text
    (turning them into text, and the analysis's work on it, were 11% of `inspect` on 300 labels)."""
    return labels.cat.remove_unused_categories() if isinstance(labels.dtype, pd.CategoricalDtype) else labels


def count_switches(frame: pd.DataFrame) -> tuple[pd.DataFrame | None, int]:
    """Consecutive-entry pairs within each person's day, by clock time; None without clock times.

    Entries without a start time are left out of the sequence; a day counts if it has any.
    """
    if "start" not in frame.columns:
        return None, 0
    timed = frame.loc[frame["start"].notna(), ["person", "activity", "start"]]
    if timed.empty:
        return None, 0
    # On integer codes, not strings: the same order and pairs as sorting and grouping the text
    # (codes from a sorted factorize keep the strings' order), ~10x cheaper on 200k rows.
    start = pd.to_datetime(timed["start"])
    day = start.dt.normalize().astype("int64").to_numpy()  # int64 also for tz-aware times
    person = pd.factorize(timed["person"], sort=True)[0]
    activity, names = pd.factorize(timed["activity"], sort=True)
    order = _by_person_then_start(person, start.astype("int64").to_numpy())
    person, day, activity = person[order], day[order], activity[order]
    same = (person[1:] == person[:-1]) & (day[1:] == day[:-1])  # a missing person (-1) counts as one person
    days = int(len(order) - same.sum())
    same &= (person[1:] >= 0) & (activity[1:] >= 0) & (activity[:-1] >= 0)  # pairs never include missing values
    pair, count = np.unique(activity[:-1][same].astype("i8") * len(names) + activity[1:][same], return_counts=True)
    counts = pd.DataFrame({"from": names.take(pair // max(len(names), 1)).array,
                           "to": names.take(pair % max(len(names), 1)).array, "count": count.astype("i8")})
    return counts, days


def _by_person_then_start(person: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The stable order by person, then start time (a day's entries are then contiguous, as the
    day is the start's date): one sort of a combined key when it fits in 63 bits, else lexsort."""
    low, span = int(start.min()), int(start.max()) - int(start.min()) + 1
    if (int(person.max()) + 2) * span < 2**62:  # a quarter of nanoseconds x thousands of people fits
        return np.argsort((person + 1).astype(np.int64) * span + (start - low), kind="stable")
    return np.lexsort((start, person))
