"""Which column plays which role, decided jointly from evidence, with the runner-up and one question.

Whole assignments (date, person, time worked and its unit) are scored together, because the
unit of a duration is the one that makes hours per person-day human, and that needs the person
and the date. The best is kept with the runner-up; when they are close the reading carries one
specific question for the user instead of a silent guess.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.ingest.roles.evidence import TAKES, Fit, duration_share, fit, hours_words, is_duration_like
from storykit.ingest.roles.header import not_logged, role_words
from storykit.ingest.roles.signatures import FORMAT_UNITS, detect_format
from storykit.ingest.roles.values import ColumnValues
from storykit.ingest.roles.words import PER_HOUR, ROLE_NAMES
from storykit.model import Option, Question

#: Rows of a table the roles are judged on (the first rows; relations need neighbouring rows).
SAMPLE_ROWS = 2000
#: Two readings closer than this (in score) are a question for the user, not a guess.
CLOSE = 0.35
UNITS = tuple(PER_HOUR)
SECONDARY = ("end_date", "email", "first_name", "last_name", "team", "client", "project", "task", "description",
             "billable")


@dataclass(frozen=True, eq=False)
class Hours:
    """Where the time worked comes from: a duration column in a unit, or start to end minus a break."""

    column: str | None
    unit: str = "hours"
    start: str | None = None
    end: str | None = None
    brk: str | None = None
    score: float = 0.0
    reason: str = ""
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unit_said: bool = True  # the header, the tool or the spelling of the values says the unit

    @property
    def key(self) -> tuple[object, ...]:
        return (self.column, self.unit, self.start, self.end, self.brk)

    def describe(self) -> str:
        if self.column:
            return f"{self.column!r} in {self.unit}"
        return f"{self.start!r} to {self.end!r}" + (f" minus {self.brk!r}" if self.brk else "")


@dataclass(frozen=True, eq=False)
class Candidate:
    date: str | None
    person: tuple[str, ...]  # one column, or first + last name
    hours: Hours | None
    score: float
    per_day: float | None


@dataclass(frozen=True)
class Reading:
    """The roles of one table's columns, why, and what is left to ask."""

    mapping: dict[str, str]
    unit: str = "hours"
    reasons: dict[str, str] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)
    confidence: float = 1.0
    question: Question | None = None
    runner_up: dict[str, str] | None = None
    format: str = "generic"
    format_confidence: float = 0.0
    notes: tuple[str, ...] = ()


def assign_roles(columns: list[str], sample: pd.DataFrame, empty: frozenset[str] = frozenset(),
                 exclude: frozenset[str] = frozenset()) -> Reading:
    """The best reading of `columns` from their first rows (`sample`, one column per header).

    `empty` columns (mostly blank) take no role; `exclude` columns are not looked at (a wide
    grid's day columns, read by the reader itself).
    """
    fmt, fmt_conf, category_order = detect_format(columns)
    cols = {c: ColumnValues(c, sample[c].head(SAMPLE_ROWS).reset_index(drop=True)) for c in columns
            if str(c).strip() and c not in exclude}
    fits = {(c, r): fit(cv, r) for c, cv in cols.items()
            for r in ("date", "person", "activity", "start", "end", "break", "first_name", "last_name", "email",
                      *SECONDARY)}
    ignored = {c: why for c, cv in cols.items() if (why := not_logged(c)) and _time_or_money(cv)}
    takes = {(c, r): f for (c, r), f in fits.items() if f.score >= TAKES and f.value_score > -0.6 and c not in ignored
             and (f.words or r not in ("start", "end", "break"))  # a clock time alone is no start or end
             and not (c in empty and r not in ("start", "end", "break", "end_date"))}

    def top(role: str, k: int = 3) -> list[str]:
        ranked = sorted((c for (c, r) in takes if r == role), key=lambda c: -takes[(c, role)].score)
        return ranked[:k]

    hours_opts = _hours_options(cols, ignored, takes, top, FORMAT_UNITS.get(fmt))
    dates: list[str | None] = [*(top("date") or top("end_date", 1)), None]  # a lone end date is the date
    people: list[tuple[str, ...]] = [(c,) for c in top("person")]
    if top("first_name") and top("last_name") and top("first_name")[0] != top("last_name")[0]:
        people.append((top("first_name")[0], top("last_name")[0]))
    people += [(c,) for c in top("email", 1)] + [()]
    groups = _Groups(cols)
    days_per_row = {d: _span_days(cols[d], cols[top("end_date", 1)[0]]) if d and top("end_date", 1) else 1.0
                    for d in dates}
    ranked: list[Candidate] = []
    for date, person, hours in itertools.product(dates, people, [*hours_opts, None]):
        used = [x for x in (date, *person, hours and hours.column, hours and hours.start, hours and hours.end,
                            hours and hours.brk) if x]
        if len(used) != len(set(used)):
            continue
        score = 0.0
        if date:
            score += (takes.get((date, "date")) or takes[(date, "end_date")]).score
        for p in person:
            role = "person" if len(person) == 1 and (p, "person") in takes else \
                "email" if (p, "email") in takes and len(person) == 1 else ("first_name", "last_name")[person.index(p)]
            score += takes[(p, role)].score / len(person) + (0.3 if len(person) == 2 else 0.0)
        per_day = None
        if hours is None:
            score -= 2.0  # a reading with no time worked reads nothing
        else:
            day = date or (hours.start if hours.start and cols[hours.start].timestamp_share >= 0.9 else None)
            if day and not date:
                score += 1.0  # the start times carry the dates
            per_day = groups.per_day(hours, day, person)
            if per_day is not None and date:
                per_day /= days_per_row[date]
            score += hours.score + 1.2 * _plausible(per_day, "person-day" if day and person else
                                                    "entry" if day else "total")
        ranked.append(Candidate(date, person, hours, score, per_day))
    ranked.sort(key=lambda c: -c.score)
    best = ranked[0]
    runner = next((c for c in ranked[1:] if _differs(c, best)), None)
    return _reading(best, runner, cols, takes, ignored, fmt, fmt_conf, category_order)


def _time_or_money(col: ColumnValues) -> bool:
    return is_duration_like(col) or col.share(lambda v: isinstance(v, str) and any(ch in v for ch in "$€£")) > 0.5


def _hours_options(cols: dict[str, ColumnValues], ignored: dict[str, str], takes: dict, top,  # type: ignore[no-untyped-def]
                   format_unit: str | None) -> list[Hours]:
    opts: list[Hours] = []
    for c, cv in cols.items():
        w, said, unit, unit_said = hours_words(cv)
        if c in ignored or not is_duration_like(cv, named=w >= 0.8):
            continue
        others = max((f.score for (cc, r), f in takes.items() if cc == c and r not in ("break",)), default=0.0)
        words = role_words(c)
        if "break" in words or any(r in words and words[r][0] >= 0.8 for r in ("date", "start", "end", "end_date")):
            continue
        if w == 0 and others >= 0.8:
            continue
        if cv.date_share > 0.9 and cv.number_share < 0.9:
            continue
        base = w - (1.0 - duration_share(cv)) * 2  # unreadable cells count against a reading
        if cv.number_share >= 0.9 and len(cv.distinct) == cv.n and cv.n > 20 and w == 0 and \
                np.all(np.mod(cv.numbers[cv.present], 1) == 0):
            base -= 0.5  # every value new and whole: a row number, not a duration
        if cv.number_share >= 0.9:
            units = UNITS
        else:
            units = ("hours",)  # 1:30, 1h 30m, PT1H30M carry their own units
        for u in units:
            prior, why = 0.0, ""
            if unit and cv.number_share >= 0.9:
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
            reason = "; ".join(p for p in (said if w else "", why) if p)
            opts.append(Hours(c, u, score=base + prior, reason=reason, values=values, unit_said=bool(why)))
    for start, end in itertools.product(top("start"), top("end")):
        if start == end:
            continue
        span = _span(cols[start], cols[end])
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
    _relate(opts)
    return opts


def _span(start: ColumnValues, end: ColumnValues) -> np.ndarray | None:
    a, b = start.minutes_of_day.to_numpy(), end.minutes_of_day.to_numpy()
    da, db = start.dates.to_numpy(), end.dates.to_numpy()
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
    from storykit.ingest.roles.header import read_header

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
            opts[i] = Hours(o.column, o.unit, score=o.score + 0.9, values=o.values, unit_said=True,
                            reason="; ".join(p for p in (o.reason, said) if p))
            break
    related = [o for o in opts if o.column and ("it equals " in o.reason or " less a break" in o.reason)]
    if related:  # what the file states beats what we would compute from its start and end times
        top = max(o.score for o in related)
        for i, o in enumerate(opts):
            if o.column is None:
                opts[i] = Hours(None, start=o.start, end=o.end, brk=o.brk, score=min(o.score, top - 0.6),
                                reason=o.reason, values=o.values)
            elif o not in related and any(_rounded(o.values, r.values) for r in related):
                opts[i] = Hours(o.column, o.unit, score=o.score - 0.8, reason=o.reason, values=o.values,
                                unit_said=o.unit_said)


def _rounded(a: np.ndarray, b: np.ndarray) -> bool:
    """`a` is `b` rounded (never more than 6 minutes apart, and not the same)."""
    both = np.isfinite(a) & np.isfinite(b)
    gap = np.abs(a[both] - b[both])
    return bool(both.sum() >= 3 and (gap <= 0.1 + 1e-9).mean() >= 0.95 and (gap > 1e-6).any())


class _Groups:
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


def _plausible(per_day: float | None, per: str) -> float:
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


def _span_days(start: ColumnValues, end: ColumnValues) -> float:
    """Days one row covers when a table has a start and an end date (7 for a weekly roll-up), else 1."""
    days = (end.dates - start.dates).dt.days.dropna()
    return float(days.median() + 1) if len(days) and days.median() >= 4 else 1.0


def _same_time(a: Hours | None, b: Hours | None) -> bool:
    """Two sources of the time worked that give the same hours on (nearly) every row."""
    if a is None or b is None:
        return a is b
    both = np.isfinite(a.values) & np.isfinite(b.values)
    return bool(both.sum() >= 3 and (np.abs(a.values[both] - b.values[both]) <= 1 / 60 + 0.02 * np.abs(b.values[both]))
                .mean() >= 0.9)


def _differs(a: Candidate, b: Candidate) -> bool:
    return a.date != b.date or a.person != b.person or not _same_time(a.hours, b.hours)


def _mapping(c: Candidate) -> dict[str, str]:
    m: dict[str, str] = {}
    if c.date:
        m["date"] = c.date
    if len(c.person) == 2:
        m["first_name"], m["last_name"] = c.person
    elif c.person:
        m["person"] = c.person[0]
    if c.hours:
        if c.hours.column:
            m["hours"] = c.hours.column
            m["hours_unit"] = c.hours.unit
        else:
            m["start"], m["end"] = c.hours.start or "", c.hours.end or ""
            if c.hours.brk:
                m["break"] = c.hours.brk
    return m


def _reading(best: Candidate, runner: Candidate | None, cols: dict[str, ColumnValues], takes: dict[tuple[str, str], Fit],
             ignored: dict[str, str], fmt: str, fmt_conf: float, category_order: tuple[str, ...]) -> Reading:
    mapping = _mapping(best)
    unit = mapping.pop("hours_unit", "hours")
    reasons: dict[str, str] = {}
    if best.date:
        fit_date = takes.get((best.date, "date")) or takes[(best.date, "end_date")]
        reasons["date"] = f"{best.date!r} is {ROLE_NAMES['date']}: {fit_date.reason()}"
    for role in ("person", "first_name", "last_name"):
        if role in mapping:
            key = (mapping[role], role) if (mapping[role], role) in takes else (mapping[role], "email")
            reasons[role] = f"{mapping[role]!r} names {ROLE_NAMES[role]}: {takes[key].reason()}"
    if best.hours:
        h = best.hours
        per = f"{best.per_day:.1f} h per person-day" if best.per_day is not None and best.date and best.person \
            else ""
        if h.column:
            reasons["hours"] = f"{h.column!r} holds {unit}: " + "; ".join(
                dict.fromkeys(p for p in (*h.reason.split("; "), _median(h), per) if p))
        else:  # no hours column: the reason goes with the columns the time is computed from
            said = f"the time worked is {h.reason}" + (f"; {per}" if per else "")
            for role in ("start", "end", "break"):
                if role in mapping:
                    reasons[role] = f"{mapping[role]!r} holds {ROLE_NAMES[role]}: {said}"
    used = set(mapping.values()) | set(ignored)
    _greedy(mapping, reasons, takes, used, cols, category_order)
    _ignore_related(best, cols, mapping, ignored)
    question, confidence = None, 1.0
    if runner is not None and best.score - runner.score < CLOSE:
        question = _question(best, runner)
        confidence = 0.6
    core = sum(1 for r in ("date", "activity") if r in mapping) + (1 if best.person else 0) + (1 if best.hours else 0)
    core += 1 if "date" not in mapping and best.hours and best.hours.start else 0  # dates from the start times
    confidence = min(confidence, max(core / 4, 0.0) if fmt == "generic" else fmt_conf)
    runner_map = _mapping(runner) if runner else None
    if "hours" in mapping:
        mapping_unit = unit
    else:
        mapping_unit = "hours"
    return Reading(mapping, mapping_unit, reasons, ignored, round(confidence, 2), question, runner_map, fmt, fmt_conf)


def _median(h: Hours) -> str:
    ok = h.values[np.isfinite(h.values)]
    if not len(ok) or h.unit_said:
        return ""
    return f"median {np.median(ok) * PER_HOUR[h.unit]:g}"


def _greedy(mapping: dict[str, str], reasons: dict[str, str], takes: dict[tuple[str, str], Fit], used: set[str],
            cols: dict[str, ColumnValues], category_order: tuple[str, ...]) -> None:
    """The category label, then the other roles, each from the columns not yet used."""
    from storykit.ingest.roles.signatures import normalise

    by_norm = {normalise(c): c for c in cols}
    for name in category_order:
        c = by_norm.get(name)
        if c and c not in used and (c, "activity") in takes:
            mapping["activity"] = c
            reasons["activity"] = f"{c!r} holds {ROLE_NAMES['activity']}: this tool keeps it there; " \
                                  f"{takes[(c, 'activity')].reason()}"
            used.add(c)
            break
    roles = ("activity", "start", "end", "break", *SECONDARY) if "start" not in mapping else ("activity", *SECONDARY)
    for role in roles:
        if role in mapping:
            continue
        options = sorted(((role != "activity" or len(cols[c].distinct) > 1, takes[(c, role)].score, c)
                          for c in cols if c not in used and (c, role) in takes), reverse=True)
        # a category that tells rows apart beats one with a single value, whatever its name says
        if not options:
            continue
        c = options[0][-1]
        said = role_words(c).get(role, (0.0,))[0]
        if role != "activity" and said < 0.5:
            continue  # secondary roles need a word: a label column is not a client because it repeats
        if role in ("first_name", "last_name", "email") and "person" in mapping and said < 0.8:
            continue
        mapping[role] = c
        reasons[role] = f"{c!r} holds {ROLE_NAMES[role]}: {takes[(c, role)].reason() or 'its values fit'}"
        used.add(c)


def _ignore_related(best: Candidate, cols: dict[str, ColumnValues], mapping: dict[str, str],
                    ignored: dict[str, str]) -> None:
    """Other duration columns that are the same time in another unit, a day's or week's total, or an amount."""
    h = best.hours
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
        day = best.date or next((cols[x] for x in [mapping.get("start")] if x and cols[x].timestamp_share >= 0.9), None)
        if day is not None and role_words(c).get("hours"):
            day = cols[day] if isinstance(day, str) else day
            total = _total_of(cv, chosen, day, cols[best.person[0]] if best.person else None)
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


def _question(best: Candidate, runner: Candidate) -> Question:
    """One specific question telling the two readings apart, with what each would mean."""
    a, b = best.hours, runner.hours

    def consequence(c: Candidate) -> str:
        if c.per_day is None:
            return "no time worked"
        what = "person-day" if c.date and c.person else "entry"
        return f"{c.per_day:.2g} h per {what}" if c.per_day < 1 else f"{c.per_day:.1f} h per {what}"

    options = (Option(_answer(best, runner), consequence(best), {**_mapping(best)}),
               Option(_answer(runner, best), consequence(runner), {**_mapping(runner)}))
    if a and b and a.column and a.column == b.column and a.unit != b.unit:
        text = f"Is {a.column!r} in {a.unit} or {b.unit}?"
        why = "its name names no unit, and both readings give a working day of plausible length"
    elif (a and a.key) != (b and b.key):
        text = f"Which column holds the time worked: {a.describe() if a else 'none'} or {b.describe() if b else 'none'}?"
        why = "both columns could hold the time worked"
    elif best.date != runner.date:
        text = f"Which column is the date of each entry: {best.date!r} or {runner.date!r}?"
        why = "both columns hold dates"
    else:
        text = f"Which column names the person: {' + '.join(best.person) or 'none'} or {' + '.join(runner.person) or 'none'}?"
        why = "both columns could name people"
    return Question(text, options, why)


def _answer(c: Candidate, other: Candidate) -> str:
    if c.hours and other.hours and c.hours.column == other.hours.column and c.hours.unit != other.hours.unit:
        return c.hours.unit
    if (c.hours and c.hours.key) != (other.hours and other.hours.key):
        return c.hours.describe() if c.hours else "none"
    if c.date != other.date:
        return repr(c.date) if c.date else "none"
    return " + ".join(map(repr, c.person)) or "none"
