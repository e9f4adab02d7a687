"""A log just past the in-memory row limit (2,000,000 rows), as gzip CSV: what the app reads in batches.

A contact centre's activity log, 200 agents over twelve weeks in states of a few minutes each (as a
WFM tool exports them: about 170 a day, 8 hours), with two rows the reader cannot read: one among
the first rows (which the reader itself reads to learn the columns) and one far past them. Run it
to write the file: `python -m tests.make_large_log OUT.csv.gz [ROWS]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from zlib_ng import gzip_ng

from storykit.limits import LIMITS

ROWS = LIMITS.rows + 1_000  # just past what is read in memory
PEOPLE = [f"{first} {last}" for last in ("Silva", "Okafor", "Martin", "Patel", "Novak", "Haddad", "Lee", "Berg",
                                         "Moreau", "Weber")
          for first in ("Ana", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kofi",
                        "Lena", "Mira", "Nils", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tove")]
ACTIVITIES = ["Customer tickets", "Customer emails", "Live chat", "Phone overflow", "IT escalations",
              "Invoice queries", "Team meeting", "Lunch break"]
#: (row in the file, header = row 1) -> the duration cell written there, which the reader cannot read
UNREADABLE = {12: "abc", 1_500_000: "n/a"}


def large_log(rows: int = ROWS, seed: int = 20) -> pd.DataFrame:
    """`rows` activity states, sorted by day and agent: date, agent, activity and duration in seconds (1 to 5 minutes)."""
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2026-03-02", periods=60).strftime("%Y-%m-%d").to_numpy()
    day, who = rng.integers(0, len(days), rows), rng.integers(0, len(PEOPLE), rows)
    order = np.lexsort((who, day))  # by day, then agent, as WFM exports are
    day, who = day[order], who[order]
    seconds = rng.integers(60, 300, rows).astype(str).astype(object)
    for row, cell in UNREADABLE.items():
        if row - 2 < rows:
            seconds[row - 2] = cell
    return pd.DataFrame({"Date": days[day], "Agent": np.array(PEOPLE)[who],
                         "Activity": np.array(ACTIVITIES)[rng.integers(0, len(ACTIVITIES), rows)],
                         "Duration (seconds)": seconds})


def write_large_log(path: Path, rows: int = ROWS) -> Path:
    with gzip_ng.GzipFile(path, "wb", compresslevel=1, mtime=0) as out:
        out.write(large_log(rows).to_csv(index=False, lineterminator="\n").encode())
    return path


if __name__ == "__main__":
    print(write_large_log(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else ROWS))
