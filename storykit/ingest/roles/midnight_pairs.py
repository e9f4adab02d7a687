"""A column of dates that is a column of midnights, known by its partner: python-calamine gives a datetime cell
at exactly 00:00 as a date, so a night team whose every entry starts at 00:00 has a start column of dates."""

from __future__ import annotations

import numpy as np

from storykit.ingest.roles.evidence import Fit
from storykit.ingest.roles.header import role_words
from storykit.ingest.roles.time_worked import span_hours
from storykit.ingest.roles.values import ColumnValues


def dates_beside_times(cols: dict[str, ColumnValues], takes: dict[tuple[str, str], Fit],
                       ignored: dict[str, str]) -> None:
    """A column of dates with no time of day whose name says start (or end), beside the one column taken as its
    end (or start), is a workbook's midnights (clock.midnights) when the spans it makes are a human shift: a
    night team starting every entry at 00:00. Its name must say start more than date ('Start date' is a date)."""
    for role, partner in (("start", "end"), ("end", "start")):
        given = [c for (c, r) in takes if r == partner]
        if len(given) != 1 or any(r == role for (_, r) in takes):
            continue
        for c, cv in cols.items():
            weight, word = role_words(c).get(role, (0.0, ""))
            if c == given[0] or c in ignored or weight < 0.5 or weight < role_words(c).get("date", (0.0,))[0] \
                    or cv.date_share < 0.9 or cv.timestamp_share > 0:
                continue
            start, end = (c, given[0]) if role == "start" else (given[0], c)
            span = span_hours(cols[start], cols[end])
            ok = span[np.isfinite(span)] if span is not None else np.zeros(0)
            if len(ok) and (ok > 0).mean() >= 0.95 and np.median(ok) <= 16:
                at = (f"each entry starts at 00:00 on the day {end!r} ends it" if role == "start"
                      else f"each entry ends at 00:00 after {start!r}")
                takes[(c, role)] = Fit(weight + 0.8 * 0.8, f"its name says {word!r}", f"dates with no time: {at}", 0.8)
