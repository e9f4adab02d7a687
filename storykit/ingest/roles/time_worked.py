"""Where the time worked can come from, and how human it is: a duration column in each unit, start to end
minus an unpaid break, and the relations between them (the same time twice, a rounded copy, a day's total,
a time in two parts); hours per person-day for judging a unit.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.ingest.clock import midnights
from storykit.ingest.roles.evidence import Fit, duration_share, hours_words, is_duration_like, units_stated_beside
from storykit.ingest.roles.header import not_logged, read_header, role_words
from storykit.ingest.roles.values import ColumnValues
from storykit.ingest.roles.words import A_RATE, IDENTIFIERS, PER_HOUR

UNITS = tuple(PER_HOUR)


@dataclass(frozen=True, eq=False)
class Hours:
    """Where the time worked comes from: a duration column in a unit (plus a column of the minutes past
    its hours, when the time is written in two parts), or start to end minus a break."""

    column: str | None
    unit: str = "hours"
    start: str | None = None
    end: str | None = None
    brk: str | None = None
    score: float = 0.0
    reason: str = ""
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unit_said: bool = True  # the header, the tool or the spelling of the values says the unit
    minutes: str | None = None  # the minutes past `column`'s whole hours

    @property
    def key(self) -> tuple[object, ...]:
        return (self.column, self.unit, self.start, self.end, self.brk, self.minutes)

    def describe(self) -> str:
        if self.minutes:
            return f"{self.column!r} hours and {self.minutes!r} minutes"
        if self.column:
            return f"{self.column!r} in {self.unit}"
        return f"{self.start!r} to {self.end!r}" + (f" minus {self.brk!r}" if self.brk else "")


def two_parts(cols: dict[str, ColumnValues]) -> tuple[str, str] | None:
    """Whole hours in one column and the minutes past them (0-59) in another: one time written in two parts."""
    def whole(cv: ColumnValues, top: float) -> bool:
        x = cv.numbers[cv.present]
        return cv.number_share >= 0.95 and bool(len(x)) and bool(np.all((np.mod(x, 1) == 0) & (x >= 0) & (x <= top)))

    units = {c: read_header(c).unit for c in cols}
    return next(((a, b) for a, b in itertools.product(cols, cols) if units[a] == "hours" and units[b] == "minutes"
                 and whole(cols[a], 24) and whole(cols[b], 59)), None)


def time_in_two_parts(cols: dict[str, ColumnValues]) -> dict[str, str]:
    """Either part of a time written in two parts is not the time worked alone; when the table also states
    the time whole, that is read (else the two parts are, as one: `hours_options`)."""
    parts = two_parts(cols)
    if not parts:
        return {}
    a, b = parts
    others = [c for c in cols if c not in (a, b) and role_words(c).get("hours", (0.0,))[0] >= 0.8
              and is_duration_like(cols[c], named=True)]
    if not others:
        return {}
    why = f"one time written in two parts ({a!r} hours and {b!r} minutes); {others[0]!r} states it whole"
    return {a: why, b: why}


def amounts_at_a_rate(cols: dict[str, ColumnValues]) -> dict[str, str]:
    """Columns equal on every row to another column times a rate column (Total = Quantity x Rate): money,
    whatever their name says ('Total' is also a word for time); the other column may well be the time."""
    rates = [c for c in cols if not_logged(c) == A_RATE and cols[c].number_share >= 0.9]
    numeric = [c for c in cols if c not in rates and cols[c].number_share >= 0.9]
    out: dict[str, str] = {}
    for rate, (a, b) in itertools.product(rates, itertools.permutations(numeric, 2)):
        x, y, z = cols[a].numbers, cols[b].numbers, cols[rate].numbers
        both = np.isfinite(x) & np.isfinite(y) & np.isfinite(z) & (y != 0) & (z != 0)
        if a not in out and both.sum() >= 5 and both.mean() >= 0.9 and np.allclose(x[both], y[both] * z[both],
                                                                                      rtol=0.01, atol=0.01):
            out[a] = f"{b!r} x {rate!r} in every row: money, not time"
    return out


def time_or_money(col: ColumnValues) -> bool:
    return is_duration_like(col) or col.share(lambda v: isinstance(v, str) and any(ch in v for ch in "$€£")) > 0.5


def hours_options(cols: dict[str, ColumnValues], ignored: dict[str, str], takes: dict, top,  # type: ignore[no-untyped-def]
                   format_unit: str | None) -> list[Hours]:
    opts: list[Hours] = []
    stated = units_stated_beside(cols)
    for c, cv in cols.items():
        w, said, unit, unit_said = hours_words(cv)
        if c in ignored or not is_duration_like(cv, named=w >= 0.8):
            continue
        others = max((f.score for (cc, r), f in takes.items() if cc == c and r not in ("break",)), default=0.0)
        words = role_words(c)
        named = read_header(c).words
        if named and named[-1] in IDENTIFIERS:
            continue  # an entry's number is never its time
        if "break" in words or any(r in words and words[r][0] >= 0.8 for r in ("date", "start", "end", "end_date")):
            continue
        if w == 0 and others >= 0.8:
            continue
        if cv.date_share > 0.9 and cv.number_share < 0.9:
            continue
        if w < 0.8 and cv.share(_with_am_pm) >= 0.5:
            continue  # '5:30 PM' under a name that says no duration is a time of day
        base = w - (1.0 - duration_share(cv)) * 2  # unreadable cells count against a reading
        if cv.number_share >= 0.9 and len(cv.distinct) == cv.n and cv.n > 20 and w == 0 and \
                np.all(np.mod(cv.numbers[cv.present], 1) == 0):
            base -= 0.5  # every value new and whole: a row number, not a duration
        if cv.number_share >= 0.9:
            units = UNITS
        elif cv.m_ss_share >= 0.9:
            units = ("hours", "minutes")  # 4:35 is H:MM, or M:SS (a call's handle time): the day decides
        else:
            units = ("hours",)  # 1:30:00, 1h 30m, PT1H30M carry their own units
        for u in units:
            prior, why = 0.0, ""
            if len(units) == 2:
                prior, why = _clock_prior(u, unit, unit_said, cv)
            elif not unit and c in stated and cv.number_share >= 0.9:
                prior, why = (1.0, stated[c][1]) if u == stated[c][0] else (-1.5, "")
            elif unit and cv.number_share >= 0.9:
                explicit = unit_said not in ("hours", "stunden", "heures", "horas", "uren", "hodiny", "minutes",
                                             "seconds")
                prior = (1.0 if explicit else 0.6) if u == unit else (-1.5 if explicit else -0.4)
                why = f"its name says {unit_said!r}" if u == unit else ""
            elif format_unit and cv.number_share >= 0.9:
                prior = 0.8 if u == format_unit else -0.4
                why = "that is how this tool writes it" if u == format_unit else ""
            elif cv.number_share < 0.9:
                why = f"values like {cv.texts[0][:20]!r}" if cv.texts else ""
            values = cv.hours(u)
            if cv.n and not np.isfinite(values[cv.present]).mean() >= (0.6 if w >= 0.8 else 0.9):
                continue
            if w and said.startswith("its name says") and why.startswith("its name says"):  # one sentence
                more = why.removeprefix("its name says ")
                said, why = (said if more in said else f"{said} and {more}"), ""
            reason = "; ".join(p for p in (said if w else "", why) if p)
            opts.append(Hours(c, u, score=base + prior, reason=reason, values=values, unit_said=bool(why)))
    for start, end in itertools.product(top("start"), top("end")):
        if start == end:
            continue
        span = span_hours(cols[start], cols[end])
        if span is None:
            continue
        score = (takes[(start, "start")].score + takes[(end, "end")].score) / 2 + 0.2
        opts.append(Hours(None, start=start, end=end, score=score, values=span,
                          reason=f"computed from {start!r} to {end!r}"))
        for brk in top("break", 2):
            minus = _break_hours(cols[brk])
            if minus is not None:
                opts.append(Hours(None, start=start, end=end, brk=brk, score=score + 0.6,
                                  values=span - np.nan_to_num(minus),
                                  reason=f"computed from {start!r} to {end!r} minus the unpaid break {brk!r}"))
    parts = two_parts(cols)
    if parts and not set(parts) & set(ignored):  # the time in two parts, stated nowhere whole: read as one
        a, b = parts
        best = max((o.score for o in opts if o.column in parts), default=0.0)
        opts = [o for o in opts if o.column not in parts]
        opts.append(Hours(a, minutes=b, score=best + 0.5, values=cols[a].hours("hours") + np.nan_to_num(cols[b].hours("minutes")),
                          reason=f"with {b!r}, the minutes past them: one time written in two parts"))
    _relate(opts)
    return opts


def _clock_prior(u: str, unit: str | None, unit_said: str, cv: ColumnValues) -> tuple[float, str]:
    """Two-part clock texts: a header that says minutes or seconds makes them M:SS, one that says hours H:MM;
    a silent header leaves it to hours per person-day."""
    example = repr(cv.texts[0][:10]) if cv.texts else ""
    reading = "minutes:seconds" if u == "minutes" else "hours:minutes"
    if unit:
        fits = (u == "minutes") == (unit in ("minutes", "seconds"))
        return (0.8, f"values like {example} are {reading}, as its name's {unit_said!r} says") if fits else (-0.8, "")
    return 0.0, f"values like {example} read as {reading}"


def _with_am_pm(v: object) -> bool:
    return isinstance(v, str) and v.rstrip(". ").lower().endswith(("am", "pm", "a.m", "p.m"))


def span_hours(start: ColumnValues, end: ColumnValues) -> np.ndarray | None:
    da, db = start.dates.to_numpy(), end.dates.to_numpy()
    a, b, _ = midnights(da, start.minutes_of_day.to_numpy(), db, end.minutes_of_day.to_numpy())
    days = (db - da).astype("timedelta64[D]").astype("float64") if (~np.isnat(da)).any() and (~np.isnat(db)).any() \
        else np.zeros(len(a))
    days = np.where(np.isnan(days), 0.0, days)
    hours = (b - a) / 60 + days * 24
    no_dates = np.isnat(db) if db.dtype.kind == "M" else np.ones(len(a), bool)
    hours = np.where((hours < 0) & no_dates, hours + 24, hours)
    ok = np.isfinite(hours)
    if ok.sum() < max(1, 0.8 * min(start.n, end.n)) or (hours[ok] < 0).mean() > 0.1:
        return None
    return hours


def _break_hours(col: ColumnValues) -> np.ndarray | None:
    """An unpaid break in hours: its header's unit, else minutes for whole numbers over 5, else hours."""
    unit = read_header(col.name).unit
    if unit is None:
        nums = col.numbers[col.present]
        unit = "minutes" if col.number_share >= 0.9 and np.nanmedian(nums) >= 5 else "hours"
    values = col.hours(unit)
    values = np.where(col.present, values, 0.0)
    return values if np.isfinite(values).mean() >= 0.9 else None


def _relate(opts: list[Hours]) -> None:
    """Relations between the options: a duration equal to end - start is the time worked (and says its
    unit); one equal to the per-row sum of others' rows per day is a total, not an entry."""
    spans = [o for o in opts if o.column is None and o.brk is None]
    for i, o in enumerate(opts):
        if o.column is None:
            continue
        for s in spans:
            both = np.isfinite(o.values) & np.isfinite(s.values)
            if both.sum() < 3:
                continue
            gap = s.values[both] - o.values[both]
            if (np.abs(gap) <= 1 / 60 + 0.02 * s.values[both]).mean() >= 0.9:
                said = f"it equals {s.describe()}"
            elif ((gap >= -1 / 60) & (gap <= 1.5)).mean() >= 0.9 and np.median(gap) >= 0.1:
                said = f"it is {s.describe()} less a break of about {np.median(gap) * 60:.0f} min"
            else:
                continue
            opts[i] = dataclasses.replace(o, score=o.score + 0.9, unit_said=True,
                                          reason="; ".join(p for p in (o.reason, said) if p))
            break
    related = [o for o in opts if o.column and ("it equals " in o.reason or " less a break" in o.reason)]
    if related:  # what the file states beats what we would compute from its start and end times
        top = max(o.score for o in related)
        for i, o in enumerate(opts):
            if o.column is None:
                opts[i] = dataclasses.replace(o, score=min(o.score, top - 0.6))
            elif o not in related and any(_rounded(o.values, r.values) for r in related):
                opts[i] = dataclasses.replace(o, score=o.score - 0.8)


def _rounded(a: np.ndarray, b: np.ndarray) -> bool:
    """`a` is `b` rounded (never more than 6 minutes apart, and not the same)."""
    both = np.isfinite(a) & np.isfinite(b)
    gap = np.abs(a[both] - b[both])
    return bool(both.sum() >= 3 and (gap <= 0.1 + 1e-9).mean() >= 0.95 and (gap > 1e-6).any())


def same_time(a: Hours | None, b: Hours | None) -> bool:
    """Two sources of the time worked that give the same hours on (nearly) every row."""
    if a is None or b is None:
        return a is b
    both = np.isfinite(a.values) & np.isfinite(b.values)
    return bool(both.sum() >= 3 and (np.abs(a.values[both] - b.values[both]) <= 1 / 60 + 0.02 * np.abs(b.values[both]))
                .mean() >= 0.9)


def times_beside_times(cols: dict[str, ColumnValues], takes: dict[tuple[str, str], Fit],
                        ignored: dict[str, str]) -> None:
    """A column of times whose name says nothing, beside a start column, is its end when it comes after the
    start on (nearly) every row and the spans are a human shift; and the other way round."""
    for have, missing in (("start", "end"), ("end", "start")):
        given = [c for (c, r) in takes if r == have]
        if len(given) != 1 or any(r == missing for (_, r) in takes):
            continue
        for c, cv in cols.items():
            if c == given[0] or c in ignored or any(w >= 0.8 for w, _ in role_words(c).values()) or \
                    not (cv.clock_share >= 0.9 or cv.timestamp_share >= 0.9):
                continue
            start, end = (given[0], c) if have == "start" else (c, given[0])
            span = span_hours(cols[start], cols[end])
            ok = span[np.isfinite(span)] if span is not None else np.zeros(0)
            if len(ok) and (ok >= 0).mean() >= 0.95 and 0 < np.median(ok) <= 16:
                takes[(c, missing)] = Fit(0.9, "", f"times after {start!r} on every row" if have == "start"
                                          else f"times before {end!r} on every row", 0.8)


class Groups:
    """Row groups (person, day) of the sample for each choice of date and person columns, made once."""

    def __init__(self, cols: dict[str, ColumnValues]) -> None:
        self.cols = cols
        self.codes: dict[tuple[object, ...], np.ndarray] = {}

    def _codes(self, date: str, person: tuple[str, ...]) -> np.ndarray:
        key = (date, person)
        if key not in self.codes:
            code = self.cols[date].day_codes
            for p in person:
                code = code * 100_003 + self.cols[p].key_codes
            self.codes[key] = np.unique(code, return_inverse=True)[1].ravel()
        return self.codes[key]

    def per_day(self, hours: Hours, date: str | None, person: tuple[str, ...]) -> float | None:
        """Median hours per person-day; per entry when there are no dates or no people (a day's rows
        may then be several people's)."""
        values = hours.values
        ok = np.isfinite(values)
        if not ok.any():
            return None
        if not date or not person:
            return float(np.median(values[ok]))
        codes = self._codes(date, person)
        ok &= self.cols[date].day_codes >= 0
        if not ok.any():
            return None
        sums = np.bincount(codes[ok], weights=values[ok])
        counts = np.bincount(codes[ok])
        return float(np.median(sums[counts > 0]))


def plausible(per_day: float | None, per: str) -> float:
    """How human a median of hours per person-day is, or per entry, or per row of a summary."""
    if per_day is None:
        return 0.0  # no rows to judge by
    m = abs(per_day)
    if per == "total":  # a summary's rows are totals of any size: only the header can say the unit
        return 0.5 if 0.01 <= m <= 10_000 else -1.5
    if per == "entry":  # one entry: from three minutes to a long day are all plausible
        return 1.0 if 0.05 <= m <= 12 else 0.3 if 0.01 <= m <= 16 else -1.5
    if 1 <= m <= 12:
        return 1.0
    if 0.25 <= m < 1 or 12 < m <= 16:
        return 0.6
    if 0.05 <= m < 0.25 or 16 < m <= 24:
        return 0.0
    return -1.5


def span_days(start: ColumnValues, end: ColumnValues) -> float:
    """Days one row covers when a table has a start and an end date (7 for a weekly roll-up), else 1."""
    days = (end.dates - start.dates).dt.days.dropna()
    return float(days.median() + 1) if len(days) and days.median() >= 4 else 1.0


def ignore_related(h: Hours | None, date: str | None, person: tuple[str, ...], cols: dict[str, ColumnValues],
                   mapping: dict[str, str], ignored: dict[str, str]) -> None:
    """Other duration columns that are the same time in another unit, a day's or week's total, or an amount."""
    if h is None or not h.column:
        return
    chosen = h.values
    used = set(mapping.values())
    for c, cv in cols.items():
        if c in used or c in ignored or (cv.number_share < 0.9 and cv.clock_share < 0.9):
            continue
        if not is_duration_like(cv) or (cv.number_share < 0.9 and cv.clock_share < 0.9):
            continue
        for u in UNITS:
            other = cv.hours(u) if (cv.number_share >= 0.9 or u == "hours") else None
            if other is None:
                continue
            both = np.isfinite(other) & np.isfinite(chosen)
            if both.sum() >= 3 and np.allclose(other[both], chosen[both], atol=0.01, rtol=0.01):
                ignored[c] = f"the same time as {h.column!r}" + (f", in {u}" if u != "hours" else "")
                break
        if c in ignored:
            continue
        if _rounded(cv.hours("hours"), chosen):
            ignored[c] = f"{h.column!r} rounded (never more than 6 minutes apart): not the time logged"
            continue
        day = date or next((cols[x] for x in [mapping.get("start")] if x and cols[x].date_share >= 0.9), None)
        if day is not None and role_words(c).get("hours"):
            day = cols[day] if isinstance(day, str) else day
            total = _total_of(cv, chosen, day, cols[person[0]] if person else None)
            if total:
                ignored[c] = f"each {total}'s total of {h.column!r}, not one entry's time"
                continue
        nums = cv.numbers
        both = np.isfinite(nums) & np.isfinite(chosen) & (chosen > 0)
        if both.sum() >= 5:
            ratio = nums[both] / chosen[both]
            if np.nanstd(ratio) <= 0.01 * abs(np.nanmean(ratio)) and not any(
                    abs(np.nanmean(ratio) - PER_HOUR[u]) < 0.01 * PER_HOUR[u] for u in UNITS):
                ignored[c] = f"{np.nanmean(ratio):g} x {h.column!r} in every row: an amount, not time"


def _total_of(cv: ColumnValues, chosen: np.ndarray, date: ColumnValues, person: ColumnValues | None) -> str | None:
    for unit in ("hours",) if cv.number_share < 0.9 else ("hours", "minutes"):
        other = cv.hours(unit)
        for period, freq in (("day", "D"), ("week", "W")):
            frame = pd.DataFrame({"d": date.dates.dt.to_period(freq), "h": chosen, "o": other})
            if person is not None:
                frame["p"] = person.cells.astype(str).to_numpy()
            keys = ["d", "p"] if person is not None else ["d"]
            sums = frame.groupby(keys, sort=False)["h"].transform("sum")
            ok = np.isfinite(frame["o"]) & np.isfinite(sums)
            if ok.sum() >= 3 and (frame["h"][ok] != sums[ok]).any() and \
                    (np.abs(frame["o"][ok] - sums[ok]) <= 0.02).mean() >= 0.9:
                return period
    return None
