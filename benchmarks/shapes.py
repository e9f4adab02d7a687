"""The shape matrix: the same activity log written the ways real exports write it.

Every shape holds the same 200k rows (datasets.states: 120 agents, one quarter); only the
spelling changes: timestamps to the second (every value distinct), US dates with a 12-hour
clock, European dates and decimal commas in a `;` file, Excel serial numbers, durations as
h:mm, seconds, milliseconds or `1h 30m`, people as "Last, First", 300 labels, 21 columns as a
detailed export has them, a workbook with datetime cells. Each file is written once into benchmarks/data/ and reused; each shape carries
what a correct read must find (rows, people, hours, first and last day), so a fast misread
shows as a failure and not as a win.
"""

from __future__ import annotations

import gzip
import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from datasets import ACTIVITIES, DATA, TEAMS, States, clock, people, states

ROWS = 200_000
XLSX_ROWS = 100_000


@dataclass(frozen=True)
class Expected:
    """What reading the file must give."""

    rows: int
    people: int
    hours: float
    first: str  # ISO date of the earliest entry
    last: str


@dataclass(frozen=True)
class Shape:
    """One way of writing the log: a name for the table, how it is spelled, and its columns."""

    name: str
    spelling: str
    columns: Callable[[States], dict[str, object]]  # header -> values
    sep: str = ","
    rows: int = ROWS
    workbook: bool = False
    file: str = ""  # the file's name in benchmarks/data/, when another benchmark writes the same bytes

    @property
    def path(self) -> Path:
        return DATA / (self.file or f"shape_{self.name}_{self.rows}" + (".xlsx" if self.workbook else ".csv.gz"))

    def expected(self) -> Expected:
        s = states(self.rows)
        frame = pd.DataFrame(self.columns(s))
        hours = _hours(frame)
        names = next(v for k, v in frame.items() if k in ("Agent", "Mitarbeiter"))
        return Expected(self.rows, int(pd.Series(names).nunique()), float(hours.sum()),
                        str(s.day.min()), str(s.day.max()))

    def write(self) -> Path:
        """The file (written once, then reused)."""
        if not self.path.exists():
            DATA.mkdir(parents=True, exist_ok=True)
            frame = pd.DataFrame(self.columns(states(self.rows)))
            data = _xlsx(frame) if self.workbook else gzip.compress(
                frame.to_csv(index=False, sep=self.sep, lineterminator="\n").encode(), compresslevel=6, mtime=0)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(self.path)
        return self.path


def _hours(frame: pd.DataFrame) -> pd.Series:
    """The hours the written duration column says, read here without storykit (the ground truth)."""
    if "Duration (seconds)" in frame:
        return frame["Duration (seconds)"] / 3600
    if "Duration (ms)" in frame:
        return frame["Duration (ms)"] / 3_600_000
    if "Stunden" in frame:
        return frame["Stunden"].str.replace(",", ".").astype(float)
    text = frame["Duration"] if "Duration" in frame else frame["Time spent"]
    parts = text.str.extract(r"^(?:(\d+):(\d+)|(?:(\d+)h)?\s*(?:(\d+)m)?)$").astype(float).fillna(0)
    return parts[0] + parts[1] / 60 + parts[2] + parts[3] / 60


# -- the spellings --------------------------------------------------------------------------------
def _names(s: States, last_first: bool = False) -> np.ndarray:
    names = np.array([", ".join(reversed(n.split(" ", 1))) if last_first else n for n in people()])
    return names[s.who]


def _base(s: States, **override: object) -> dict[str, object]:
    cols: dict[str, object] = {
        "Date": s.date_text, "Agent": _names(s), "Team": np.array(TEAMS)[s.who % len(TEAMS)],
        "Activity": np.array(list(ACTIVITIES))[s.what], "Start": clock(s.start_s), "End": clock(s.end_s),
        "Duration (seconds)": s.seconds,
    }
    cols.update(override)
    return {k: v for k, v in cols.items() if v is not None}


def _stamp(s: States, seconds: np.ndarray, sep: str = "T") -> np.ndarray:
    return np.char.add(np.char.add(s.date_text, sep), clock(seconds))


def _twelve_hour(seconds: np.ndarray) -> np.ndarray:
    h, rest = np.divmod(seconds, 3600)
    text = clock(rest + 3600 * ((h + 11) % 12 + 1))  # 1..12 o'clock, then drop a leading zero
    text = np.where(np.char.startswith(text, "0"), np.char.lstrip(text, "0"), text)
    return np.char.add(text, np.where(h < 12, " AM", " PM"))


def _minutes(s: States) -> np.ndarray:
    return np.maximum(1, np.round(s.seconds / 60)).astype(np.int64)


def _h_mm(s: States) -> np.ndarray:
    h, m = np.divmod(_minutes(s), 60)
    return np.char.add(np.char.add(h.astype(str), ":"), np.char.zfill(m.astype(str), 2))


def _h_m_words(s: States) -> np.ndarray:
    h, m = np.divmod(_minutes(s), 60)
    hours = np.where(h > 0, np.char.add(h.astype(str), "h"), "")
    mins = np.where(m > 0, np.char.add(m.astype(str), "m"), "")
    return np.char.strip(np.char.add(np.char.add(hours, np.where((h > 0) & (m > 0), " ", "")), mins))


def _labels_300(s: States) -> np.ndarray:
    queues = np.random.default_rng(11).integers(0, 19, len(s.what))
    index = np.minimum(s.what * 19 + queues, 299)
    names = [f"{a} (queue {q + 1})" for a in ACTIVITIES for q in range(19)][:300]
    return np.array(names)[index]


def _wide(s: States) -> dict[str, object]:
    """A detailed export's other columns, as Toggl's or Clockify's carry them: most hold one value for a
    team (a client, a currency, a billable flag), a few hold many (an e-mail, an amount, a ticket)."""
    n = len(s.who)
    email = np.char.add(np.char.lower(np.char.replace(_names(s), " ", ".")), "@example.com")
    return _base(s, **{
        "Email": email, "Client": np.full(n, "Acme Retail"), "Project": np.array(TEAMS)[s.what % len(TEAMS)],
        "Billable": np.full(n, "Yes"), "Currency": np.full(n, "EUR"),
        "Amount (EUR)": np.char.mod("%.2f", s.seconds / 3600 * 38.5), "Tags": np.full(n, ""),
        "Location": np.full(n, "Lisbon"), "Department": np.full(n, "Customer Care"),
        "Cost centre": np.full(n, "CC-4410"), "Ticket": np.char.add("T-", (100_000 + s.start_s % 7919).astype(str)),
        "Approved": np.full(n, "true"), "Description": np.full(n, ""), "Source": np.full(n, "desktop app"),
    })


def _european(s: States) -> dict[str, object]:
    hours = np.maximum(0.01, np.round(s.seconds / 3600, 2))
    return {"Datum": pd.Series(s.day).dt.strftime("%d.%m.%Y"), "Mitarbeiter": _names(s),
            "Team": np.array(TEAMS)[s.who % len(TEAMS)], "Tätigkeit": np.array(list(ACTIVITIES))[s.what],
            "Beginn": clock(s.start_s).astype("U5"), "Ende": clock(s.end_s).astype("U5"),
            "Stunden": np.char.replace(np.char.mod("%.2f", hours), ".", ",")}


def _excel_serial(s: States) -> np.ndarray:
    days = (s.day - np.datetime64("1899-12-30")).astype(np.int64)
    return np.char.mod("%.6f", days + s.start_s / 86400)


def _workbook_times(s: States) -> dict[str, object]:
    midnight = pd.Series(s.day).astype("datetime64[s]")
    return {"Agent": _names(s), "Team": np.array(TEAMS)[s.who % len(TEAMS)],
            "Activity": np.array(list(ACTIVITIES))[s.what],
            "Start": (midnight + pd.to_timedelta(s.start_s, unit="s")).dt.to_pydatetime(),
            "End": (midnight + pd.to_timedelta(s.end_s, unit="s")).dt.to_pydatetime(),
            "Duration (seconds)": s.seconds}


SHAPES: tuple[Shape, ...] = (
    Shape("base", "ISO dates, HH:MM:SS clock times, seconds (datasets.csv_gz)", _base,
          file=f"activity_{ROWS}.csv.gz"),
    Shape("iso_stamps", "start and end as 2026-06-29T08:06:19, no date column (every value distinct)",
          lambda s: _base(s, Date=None, Start=_stamp(s, s.start_s), End=_stamp(s, s.end_s))),
    Shape("stamp_in_date", "the date column holds 2026-06-29 08:06:19 (every value distinct)",
          lambda s: _base(s, Date=_stamp(s, s.start_s, " "), Start=None, End=None)),
    Shape("us_12h", "US dates 06/29/2026, 12-hour clock 2:05:33 PM",
          lambda s: _base(s, Date=pd.Series(s.day).dt.strftime("%m/%d/%Y"), Start=_twelve_hour(s.start_s),
                          End=_twelve_hour(s.end_s))),
    Shape("european", "';' file, 29.06.2026, HH:MM, hours with decimal commas (German headers)", _european,
          sep=";"),
    Shape("excel_serial", "dates as Excel serial numbers with the time as a fraction (46202.337720)",
          lambda s: _base(s, Date=_excel_serial(s), Start=None, End=None)),
    Shape("dur_hmm", "durations as h:mm", lambda s: _base(s, **{"Duration (seconds)": None, "Duration": _h_mm(s)})),
    Shape("dur_ms", "durations in milliseconds",
          lambda s: _base(s, **{"Duration (seconds)": None, "Duration (ms)": s.seconds * 1000 + s.start_s % 1000})),
    Shape("dur_words", "durations as 1h 30m",
          lambda s: _base(s, **{"Duration (seconds)": None, "Time spent": _h_m_words(s)})),
    Shape("last_first", 'people as "Last, First" (quoted)', lambda s: _base(s, Agent=_names(s, last_first=True))),
    Shape("labels_300", "120 people and 300 labels", lambda s: _base(s, Activity=_labels_300(s))),
    Shape("wide", "21 columns, as a detailed export has them: 9 of one value (client, currency, billable...)", _wide),
    Shape("xlsx_datetimes", "100k-row .xlsx, start and end as datetime cells, no date column", _workbook_times,
          rows=XLSX_ROWS, workbook=True),
)


def _xlsx(frame: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Activity log")
    sheet.append(list(frame.columns))
    for row in zip(*(frame[c].tolist() for c in frame.columns), strict=True):
        sheet.append(list(row))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()



def misread(shape: Shape) -> str:
    """What `storykit inspect` finds that the file does not say (empty when the read is right)."""
    import json

    from measure import PY, ROOT

    out = subprocess.run([PY, "-m", "storykit.cli", "inspect", str(shape.write()), "--json"], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode:
        return (out.stderr.strip().splitlines() or ["no output"])[-1][:120]
    found, want = json.loads(out.stdout), shape.expected()
    wrong = []
    if found["rows"] != want.rows:
        wrong.append(f"{found['rows']:,} rows, not {want.rows:,}")
    if len(found["people"]) != want.people:
        wrong.append(f"{len(found['people'])} people, not {want.people}")
    if abs(found["total_hours"] - want.hours) > 0.05:
        wrong.append(f"{found['total_hours']:,.1f} h, not {want.hours:,.1f}")
    if found["date_range"] != [want.first, want.last]:
        wrong.append(f"dates {found['date_range']}, not {[want.first, want.last]}")
    return "; ".join(wrong)
