"""Which column plays which role, decided jointly from evidence, with the runner-up and one question.

Whole assignments (date, person, time worked and its unit) are scored together, because the
unit of a duration is the one that makes hours per person-day human, and that needs the person
and the date. The best is kept with the runner-up; when they are close the reading carries one
specific question for the user instead of a silent guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storykit.ingest.roles.evidence import TAKES, Fit, fit, is_duration_like
from storykit.ingest.roles.header import not_logged, read_header, role_words
from storykit.ingest.roles.midnight_pairs import dates_beside_times
from storykit.ingest.roles.signatures import FORMAT_UNITS, detect_format, normalise
from storykit.ingest.roles.time_worked import (
    Groups,
    Hours,
    amounts_at_a_rate,
    hours_options,
    ignore_related,
    plausible,
    same_time,
    span_days,
    time_in_two_parts,
    time_or_money,
    times_beside_times,
)
from storykit.ingest.roles.values import ColumnValues
from storykit.ingest.roles.words import GENERIC_NAMES, PER_HOUR
from storykit.model import Option, Question
from storykit.vocabulary import ROLE_NAMES

#: Rows of a table the roles are judged on (the first rows; relations need neighbouring rows). A thousand
#: give every share a role is judged by to within a few points, and every repeat a relation needs.
SAMPLE_ROWS = 1000
#: Two readings closer than this (in score) are a question for the user, not a guess.
CLOSE = 0.35
SECONDARY = ("end_date", "email", "first_name", "last_name", "team", "client", "project", "task", "description",
             "billable")
#: The roles each column is fitted to by words and values (the time worked is scored per unit, elsewhere).
ROLE_FITS = ("date", "person", "activity", "start", "end", "break", "first_name", "last_name", "email", *SECONDARY)


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
                 exclude: frozenset[str] = frozenset(), whole: bool = True,
                 table_distinct: Mapping[str, int] | None = None) -> Reading:
    """The best reading of `columns` from their first rows (`sample`, one column per header).

    `empty` columns (mostly blank) take no role; `exclude` columns are not looked at (a wide
    grid's day columns, read by the reader itself). `whole`: the sample is the whole table (else only
    its first rows, and the reasons say what their counts are of); `table_distinct`: the whole table's number
    of distinct values of the columns whose first rows show one.
    """
    fmt, fmt_conf, category_order = detect_format(columns)
    cols = {c: ColumnValues(c, sample[c].head(SAMPLE_ROWS).reset_index(drop=True), whole,
                              (table_distinct or {}).get(c)) for c in columns
            if str(c).strip() and c not in exclude}
    fits = {(c, r): fit(cv, r) for c, cv in cols.items() for r in ROLE_FITS}
    ignored = {c: why for c, cv in cols.items() if (why := not_logged(c)) and time_or_money(cv)}
    ignored |= time_in_two_parts(cols) | amounts_at_a_rate(cols)
    takes = {(c, r): f for (c, r), f in fits.items() if f.score >= TAKES and f.value_score > -0.6 and c not in ignored
             and (f.words or r not in ("start", "end", "break"))  # a clock time alone is no start or end
             and (f.words or r not in ("person", "date") or not _names_another_role(cols[c], r, fits))
             and not (c in empty and r not in ("start", "end", "break", "end_date"))}

    _names_beside_names(cols, takes)
    times_beside_times(cols, takes, ignored)
    dates_beside_times(cols, takes, ignored)

    def top(role: str, k: int = 3) -> list[str]:
        ranked = sorted((c for (c, r) in takes if r == role), key=lambda c: -takes[(c, role)].score)
        return ranked[:k]

    hours_opts = hours_options(cols, ignored, takes, top, FORMAT_UNITS.get(fmt))
    dates: list[str | None] = [*(top("date") or top("end_date", 1)), None]  # a lone end date is the date
    people: list[tuple[str, ...]] = [(c,) for c in top("person")]
    if top("first_name") and top("last_name") and top("first_name")[0] != top("last_name")[0]:
        people.append((top("first_name")[0], top("last_name")[0]))
    most = max((len(cols[p[0]].distinct) for p in people), default=0)
    people += [(c,) for c in top("email", 1) if len(cols[c].distinct) >= most] + [()]  # a shared address names no one
    groups = Groups(cols)
    days_per_row = {d: span_days(cols[d], cols[top("end_date", 1)[0]]) if d and top("end_date", 1) else 1.0
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
            stand_in = 1.0 if role == "email" else 0.0  # an address names a person only where no name does
            score += (takes[(p, role)].score - stand_in) / len(person) + (0.3 if len(person) == 2 else 0.0)
        per_day = None
        if hours is None:
            score -= 2.0  # a reading with no time worked reads nothing
        else:
            day = date or (hours.start if hours.start and cols[hours.start].date_share >= 0.9 else None)
            if day and not date:
                score += 1.0  # the start times carry the dates
            per_day = groups.per_day(hours, day, person)
            if per_day is not None and date:
                per_day /= days_per_row[date]
            # a summary's rows are totals of any size, but only a table with no dates at all is a summary
            score += hours.score + 1.2 * plausible(per_day, "person-day" if day and person else
                                                    "entry" if day or len(dates) > 1 else "total")
        ranked.append(Candidate(date, person, hours, score, per_day))
    ranked.sort(key=lambda c: -c.score)
    best = _shown_by_name(ranked[0], ranked, cols)
    runner = next((c for c in ranked[1:] if _differs(c, best, cols)), None)
    return _reading(best, runner, cols, takes, ignored, fmt, fmt_conf, category_order)


def _names_another_role(col: ColumnValues, role: str, fits: dict[tuple[str, str], Fit]) -> bool:
    """The header surely names a role other than `role` that its values could play: 'Project' values like
    'Service Desk' read as a name, but the column is the project's. A word for a role the values cannot play
    says something else: 'Logged on' over calendar dates is when the time was logged, not how long."""
    kin = {"person": ("email", "first_name", "last_name"), "date": ("end_date", "start")}[role]  # ways to say it
    return any(w >= 0.8 and _could_play(col, r, fits) for r, (w, _) in role_words(col.name).items()
               if r != role and r not in kin)


def _could_play(col: ColumnValues, role: str, fits: dict[tuple[str, str], Fit]) -> bool:
    if role == "hours":
        return is_duration_like(col, named=True) and not (col.date_share > 0.9 and col.number_share < 0.9)
    return role not in ROLE_FITS or fits[(col.name, role)].value_score > -0.6


def _differs(a: Candidate, b: Candidate, cols: dict[str, ColumnValues]) -> bool:
    """Two readings that would give another log: other days, other people or other hours. Two date columns
    that name the same day on (nearly) every row, or two person columns that name the same people (a login
    and a full name), are one reading written twice: there is nothing to ask."""
    return (a.date != b.date and not _same_days(a.date, b.date, cols)) or \
        (a.person != b.person and not _same_people(a.person, b.person, cols)) or not same_time(a.hours, b.hours)


def _same_days(a: str | None, b: str | None, cols: dict[str, ColumnValues]) -> bool:
    if a is None or b is None:
        return False
    da, db = cols[a].dates, cols[b].dates
    both = da.notna() & db.notna()
    return bool(both.sum() >= 3 and both.mean() >= 0.9 and (da[both] == db[both]).mean() >= 0.95)


def _same_people(a: tuple[str, ...], b: tuple[str, ...], cols: dict[str, ColumnValues]) -> bool:
    if not a or not b:
        return False
    return same_groups(_person_codes(a, cols), _person_codes(b, cols))


def _person_codes(person: tuple[str, ...], cols: dict[str, ColumnValues]) -> np.ndarray:
    code = np.zeros(len(cols[person[0]].key_codes), dtype=np.int64)
    for p in person:
        code = code * 100_003 + cols[p].key_codes
    return np.where(np.any([cols[p].key_codes < 0 for p in person], axis=0), -1, code)


def same_groups(a: np.ndarray, b: np.ndarray) -> bool:
    """Each value of `a` always comes with one value of `b` and the other way round (codes, -1 blank)."""
    ok = (a >= 0) & (b >= 0)
    if ok.sum() < 3 or ok.mean() < 0.9:
        return False
    pairs = np.unique(np.stack([a[ok], b[ok]]), axis=1)
    return pairs.shape[1] == len(np.unique(a[ok])) == len(np.unique(b[ok]))


def _shown_by_name(best: Candidate, ranked: list[Candidate], cols: dict[str, ColumnValues]) -> Candidate:
    """Of readings that differ only in a person column naming the same people (a login, an e-mail, a full
    name), the one whose values are people's names: the story shows 'Ana Souza', not 'ana'."""
    def names(c: Candidate) -> float:
        return float(np.mean([cols[p].name_share for p in c.person])) if c.person else -1.0
    same = [c for c in ranked if c.date == best.date and same_time(c.hours, best.hours) and c.person
            and (c.person == best.person or _same_people(c.person, best.person, cols))]
    return max(same, key=lambda c: (names(c) > names(best) + 0.5, c is best)) if same else best


def _names_beside_names(cols: dict[str, ColumnValues], takes: dict[tuple[str, str], Fit]) -> None:
    """A column called just 'name' beside a first-name column is the last name (Nom beside Prénom,
    Jméno beside Příjmení, Nombre beside Apellidos), and beside a last-name column the first name."""
    for have, missing in (("first_name", "last_name"), ("last_name", "first_name")):
        given = [c for (c, r) in takes if r == have]
        if not given or any(r == missing for (_, r) in takes):
            continue
        for c in cols:
            said = role_words(c).get("person")
            if c in given or not said or not _only_a_name(c, given[0]) or (c, "person") not in takes:
                continue
            f = takes[(c, "person")]
            own = " ".join(w for w in read_header(c).words if w in GENERIC_NAMES)
            takes[(c, missing)] = Fit(f.score, f"its name says {own!r} beside {ROLE_NAMES[have]} {given[0]!r}",
                                      f.values, f.value_score)


def _only_a_name(column: str, beside: str) -> bool:
    """Whether a header says only 'name' besides the words it shares with its neighbour: 'Nom' beside
    'Prénom', 'Mitarbeiter Name' beside 'Mitarbeiter Vorname' (a group row above both)."""
    own = set(read_header(column).words) - set(read_header(beside).words)
    return bool(own) and own <= set(GENERIC_NAMES)


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
            if c.hours.minutes:
                m["minutes"] = c.hours.minutes
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
        scope = next(iter(cols.values())).scope if cols else ""
        per = f"{best.per_day:.1f} h per person-day{scope}" if best.per_day is not None and best.date and best.person \
            else ""
        if h.column:
            if h.minutes:
                reasons["minutes"] = f"{h.minutes!r} holds the minutes past {h.column!r}'s hours: one time in two parts"
            reasons["hours"] = f"{h.column!r} holds {_unit_name(cols[h.column], unit)}: " + "; ".join(
                dict.fromkeys(p for p in (*h.reason.split("; "), _median(h) if cols[h.column].number_share >= 0.9 else "", per) if p))
        else:  # no hours column: the reason goes with the columns the time is computed from
            said = f"the time worked is {h.reason}" + (f"; {per}" if per else "")
            for role in ("start", "end", "break"):
                if role in mapping:
                    reasons[role] = f"{mapping[role]!r} holds {ROLE_NAMES[role]}: {said}"
    used = set(mapping.values()) | set(ignored)
    _greedy(mapping, reasons, takes, used, cols, category_order)
    if "break" in mapping and "hours" in mapping:  # a stated time worked is never reduced again
        reasons.pop("break", None)
        ignored[mapping.pop("break")] = f"the unpaid break: {mapping['hours']!r} is the time worked without it"
    ignore_related(best.hours, best.date, best.person, cols, mapping, ignored)
    question, confidence = None, 1.0
    if runner is not None and best.score - runner.score < CLOSE:
        question = _question(best, runner, cols)
        confidence = 0.6
    core = sum(1 for r in ("date", "activity") if r in mapping) + (1 if best.person else 0) + (1 if best.hours else 0)
    core += 1 if "date" not in mapping and best.hours and best.hours.start else 0  # dates from the start times
    confidence = min(confidence, max(core / 4, 0.0) if fmt == "generic" else fmt_conf)
    runner_map = _mapping(runner) if runner else None
    mapping_unit = unit if "hours" in mapping else "hours"
    return Reading(mapping, mapping_unit, reasons, ignored, round(confidence, 2), question, runner_map, fmt, fmt_conf)


def _median(h: Hours) -> str:
    ok = h.values[np.isfinite(h.values)]
    if not len(ok) or h.unit_said:
        return ""
    return f"median {np.median(ok) * PER_HOUR[h.unit]:g}"


def _greedy(mapping: dict[str, str], reasons: dict[str, str], takes: dict[tuple[str, str], Fit], used: set[str],
            cols: dict[str, ColumnValues], category_order: tuple[str, ...]) -> None:
    """The category label, then the other roles, each from the columns not yet used."""
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
        words = role_words(c)
        said = words.get(role, (0.0,))[0]
        if role != "activity" and (said < 0.5 or said < max(w for w, _ in words.values())):
            continue  # secondary roles need a word, their strongest: "To-do" is a task, not an end
        if role in ("first_name", "last_name", "email") and "person" in mapping and said < 0.8:
            continue
        if role == "activity":
            c = _described(c, [o for *_, o in options], cols)
        mapping[role] = c
        reasons[role] = f"{c!r} holds {ROLE_NAMES[role]}: {takes[(c, role)].reason() or 'its values fit'}"
        used.add(c)
    if "end" in mapping and "start" not in mapping:  # an end alone says nothing about the time worked
        reasons.pop("end", None)
        used.discard(mapping.pop("end"))


def _described(chosen: str, options: list[str], cols: dict[str, ColumnValues]) -> str:
    """Of two label columns that say the same thing (each code always with one name), the one a reader
    understands: 'Training other teams' rather than 'TRN'."""
    same = [o for o in options if o == chosen or same_groups(cols[o].key_codes, cols[chosen].key_codes)]
    return max(same, key=lambda o: (cols[o].text_length, o == chosen))


def _question(best: Candidate, runner: Candidate, cols: dict[str, ColumnValues]) -> Question:
    """One specific question telling the two readings apart, with what each would mean."""
    a, b = best.hours, runner.hours

    def consequence(c: Candidate) -> str:
        if c.per_day is None:
            return "no time worked"
        what = "person-day" if c.date and c.person else "entry"
        return f"{c.per_day:.2g} h per {what}" if c.per_day < 1 else f"{c.per_day:.1f} h per {what}"

    options = (Option(_answer(best, runner, cols), consequence(best), {**_mapping(best)}),
               Option(_answer(runner, best, cols), consequence(runner), {**_mapping(runner)}))
    if a and b and a.column and a.column == b.column and a.unit != b.unit:
        col = cols[a.column]
        text = f"Is {a.column!r} in {_unit_name(col, a.unit)} or {_unit_name(col, b.unit)}?"
        said = read_header(a.column).unit_said
        why = (f"its name says {said!r}, but read as {_unit_name(col, b.unit)} the times are as plausible" if said
               else "its name names no unit, and both readings give a working day of plausible length")
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


def _unit_name(col: ColumnValues, unit: str) -> str:
    """'minutes', or for clock texts how they are read: '4:35' in minutes is minutes:seconds."""
    if col.number_share < 0.9 and col.m_ss_share >= 0.9:
        return "minutes:seconds (M:SS)" if unit == "minutes" else "hours:minutes (H:MM)"
    return unit


def _answer(c: Candidate, other: Candidate, cols: dict[str, ColumnValues]) -> str:
    if c.hours and other.hours and c.hours.column == other.hours.column and c.hours.unit != other.hours.unit:
        return _unit_name(cols[c.hours.column], c.hours.unit) if c.hours.column else c.hours.unit
    if (c.hours and c.hours.key) != (other.hours and other.hours.key):
        return c.hours.describe() if c.hours else "none"
    if c.date != other.date:
        return repr(c.date) if c.date else "none"
    return " + ".join(map(repr, c.person)) or "none"
