"""Deterministic benchmark inputs: a contact centre's activity log at any size, as CSV.gz and .xlsx.

The same seed and size always give the same bytes, so two runs (or two machines) time the same
work. Files are written once into benchmarks/data/ (gitignored) and reused.

Shape: 120 agents over one quarter (13 weeks, Mon-Fri), each row one activity state as a WFM
tool exports it: date, agent, team, activity, start, end and the duration in seconds. More rows
means finer-grained states over the same people and weeks, so the person x activity x week cube
stays the same size while the raw log grows.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
PEOPLE = 120
FIRST_DAY = dt.date(2026, 6, 29)  # a Monday; 13 weeks to 2026-09-25
WEEKS = 13
#: label -> weight; preset classification covers every label (own work, other teams', breaks).
ACTIVITIES = {
    "Customer tickets": 14, "Customer emails": 9, "Live chat": 7, "Complaint handling": 3,
    "Knowledge base": 2, "Team meeting": 2, "Admin": 2, "Coaching": 1, "QA review": 1,
    "Phone overflow": 8, "IT escalations": 3, "Invoice queries": 3, "Order error rework": 2,
    "Training other teams": 1, "Lunch break": 4, "Break": 3,
}
TEAMS = ("Care North", "Care South", "Care East", "Care West")
HEADER = ["Date", "Agent", "Team", "Activity", "Start", "End", "Duration (seconds)"]


def people() -> list[str]:
    first = ["Ana", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kofi", "Lena"]
    last = ["Silva", "Okafor", "Martin", "Patel", "Novak", "Haddad", "Lee", "Berg", "Moreau", "Weber"]
    return [f"{f} {ln}" for ln in last for f in first][:PEOPLE]


@dataclass(frozen=True)
class States:
    """The log's rows before they are written: what every shape in shapes.py spells its own way."""

    day: np.ndarray  # datetime64[D], a workday of the quarter
    who: np.ndarray  # index into people()
    what: np.ndarray  # index into ACTIVITIES
    start_s: np.ndarray  # seconds after midnight
    end_s: np.ndarray
    seconds: np.ndarray  # the logged duration, whole seconds

    @property
    def date_text(self) -> np.ndarray:
        return self.day.astype(str)  # YYYY-MM-DD


def states(rows: int, seed: int = 9, part: int = 0, parts: int = 1) -> States:
    """`rows` activity states, sorted by day, agent and start time, with whole-second durations.

    With `parts` > 1, only part `part` of them: the states of its slice of the quarter's days, so
    a log too large to build at once is written part by part, still sorted by day.
    """
    rng = np.random.default_rng(seed if parts == 1 else [seed, part])
    days = [FIRST_DAY + dt.timedelta(days=i) for i in range(WEEKS * 7)]
    all_workdays = np.array([d for d in days if d.weekday() < 5], dtype="datetime64[D]")
    slices = np.array_split(all_workdays, parts)
    workdays = slices[part]
    per_day = rows / (len(all_workdays) * PEOPLE)
    before = sum(len(w) for w in slices[:part])  # days in the parts before this one: rows in proportion
    rows = round(rows * (before + len(workdays)) / len(all_workdays)) - round(rows * before / len(all_workdays))
    day = np.sort(rng.integers(0, len(workdays), rows))
    who = rng.integers(0, PEOPLE, rows)
    order = np.lexsort((who, day))
    day, who = day[order], who[order]
    weights = np.array(list(ACTIVITIES.values()), dtype=float)
    # two agents in ten carry three times the other-team work: the "heroics" the story finds
    heavy = np.isin(who, np.arange(0, PEOPLE, 5))
    what = rng.choice(len(weights), rows, p=weights / weights.sum())
    boost = heavy & np.isin(what, [9, 10, 11, 12, 13]) & (rng.random(rows) < 0.5)
    what = np.where(boost, rng.choice([9, 10, 11, 12, 13], rows), what)
    mean_s = max(30.0, 7.6 * 3600 / max(per_day, 1.0))
    seconds = np.maximum(15, rng.gamma(2.0, mean_s / 2.0, rows)).round().astype(np.int64)
    start_s = 8 * 3600 + rng.integers(0, 9 * 3600, rows)
    end_s = np.minimum(start_s + seconds, 24 * 3600 - 1)
    return States(workdays[day], who, what, start_s, end_s, seconds)


def frame(rows: int, seed: int = 9, part: int = 0, parts: int = 1) -> pd.DataFrame:
    """The log as a WFM tool exports it: ISO dates, HH:MM:SS clock times, seconds (see states)."""
    s = states(rows, seed, part, parts)
    return pd.DataFrame({
        "Date": s.date_text,
        "Agent": np.array(people())[s.who],
        "Team": np.array(TEAMS)[s.who % len(TEAMS)],
        "Activity": np.array(list(ACTIVITIES))[s.what],
        "Start": clock(s.start_s),
        "End": clock(s.end_s),
        "Duration (seconds)": s.seconds,
    })


def clock(seconds: np.ndarray) -> np.ndarray:
    """`HH:MM:SS` texts of seconds after midnight, built digit by digit (np.char ops cost 1 µs a cell each)."""
    h, rest = np.divmod(seconds, 3600)
    m, s = np.divmod(rest, 60)
    out = np.full((len(seconds), 8), ord(":"), dtype=np.uint8)
    for at, value in ((0, h), (3, m), (6, s)):
        out[:, at] = ord("0") + value // 10
        out[:, at + 1] = ord("0") + value % 10
    return out.view("S8").ravel().astype("U8")


def csv_gz(rows: int) -> Path:
    """The activity log with `rows` rows as a gzip CSV (written once, then reused)."""
    path = DATA / f"activity_{rows}.csv.gz"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        text = frame(rows).to_csv(index=False, lineterminator="\n")
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
        tmp.replace(path)
    return path


#: Rows per part when a log is too large to build in memory at once.
PART_ROWS = 1_000_000


def large_csv_gz(rows: int) -> Path:
    """A log beyond the in-memory limit as one gzip CSV, written part by part (same bytes every time)."""
    path = DATA / f"activity_{rows}.csv.gz"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        from zlib_ng import gzip_ng  # the same gzip bytes format, compressed about twice as fast

        with gzip_ng.GzipFile(tmp, "wb", compresslevel=6, mtime=0) as out:
            for k, part in enumerate(_parts(rows)):
                out.write(part.to_csv(index=False, header=k == 0, lineterminator="\n").encode("utf-8"))
        tmp.replace(path)
    return path


def large_parquet(rows: int) -> Path:
    """The same log as Parquet, as a warehouse writes it: real dates and integer seconds."""
    path = DATA / f"activity_{rows}.parquet"
    if not path.exists():
        import pyarrow as pa
        import pyarrow.parquet as pq

        DATA.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        writer = None
        for part in _parts(rows):
            dates = pa.array(part.pop("Date").to_numpy().astype("datetime64[D]"))  # date32, as a warehouse has it
            table = pa.Table.from_pandas(part, preserve_index=False).add_column(0, "Date", dates)
            writer = writer or pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table)
        assert writer is not None
        writer.close()
        tmp.replace(path)
    return path


def _parts(rows: int):  # type: ignore[no-untyped-def]
    parts = max(1, -(-rows // PART_ROWS))
    for k in range(parts):
        yield frame(rows, part=k, parts=parts)


def xlsx(rows: int) -> Path:
    """The activity log as a workbook: a title row above the header, real dates and numbers."""
    path = DATA / f"activity_{rows}.xlsx"
    if not path.exists():
        from openpyxl import Workbook

        DATA.mkdir(parents=True, exist_ok=True)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Activity log")
        sheet.append(["Contact centre activity log, Q3"])
        sheet.append(HEADER)
        f = frame(rows)
        dates = pd.to_datetime(f["Date"]).dt.date
        for row in zip(dates, f["Agent"], f["Team"], f["Activity"], f["Start"], f["End"],
                       f["Duration (seconds)"].astype(int), strict=True):
            sheet.append(list(row))
        buf = io.BytesIO()
        book.save(buf)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(buf.getvalue())
        tmp.replace(path)
    return path
