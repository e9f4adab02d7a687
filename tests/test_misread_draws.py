"""Draws of tests/test_perturbation.py the reader once misread, replayed as fixed cases, and beside each the
family of spellings behind it: what a person reading the header would conclude, whatever the words.

A draw is replayed from its plan (the renamed headers, the column order, the unit the time was converted
to), as `.venv/bin/python -m tests.perturb --draws 4 --seed N` prints it.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

import storykit as sk
from storykit.ingest.roles import assign_roles, read_header, role_words
from storykit.ingest.roles.values import ColumnValues
from storykit.model import STRUCTURE
from tests import perturb
from tests.test_roles import PEOPLE, table

FIXTURES = {f.path.name: f for f in perturb.fixtures()}


def replay(name: str, renamed: dict[str, str], order: list[int] | None = None, unit: str | None = None) -> str:
    fixture = FIXTURES[name]
    o = perturb.original(fixture.path)
    plan = perturb.Plan({i: renamed.get(h, h) for i, h in enumerate(o.headers)},
                        tuple(order or range(len(o.headers))), unit, None)
    verdict, why = perturb.judge(fixture, plan, perturb.apply(fixture.path, plan))
    assert verdict == "exact", f"{plan.describe(o)}: {why}"
    return verdict


@pytest.mark.parametrize(("name", "renamed", "order", "unit"), [
    pytest.param("payroll_weekly_rollup.csv", {"Regular Hours": "Time tracked (min)", "Start Date": "Logged on"},
                 None, "minutes", id="weekly roll-up: 'Logged on' is the week's first day, minutes stay minutes"),
    pytest.param("structure_two_row_records.xlsx",
                 {"Date": "Logged on", "Pay code": "TYPE OF WORK", "Time In": "Start time:", "Time Out": "Clock-out:",
                  "Meal": "unpaid break", "Hours": "hours"}, [3, 2, 4, 5, 1, 0], None,
                 id="two-row records: 'Logged on' over dates is the date"),
    pytest.param("tempo_api_worklogs.csv",
                 {"tempoWorklogId": "Tempoworklogid", "issueKey": "Tâche *", "authorDisplayName": "Salarie",
                  "startDate": "Jour Travaillé", "startTime": "début", "timeSpentSeconds": "tempsConsacréMillisecondes",
                  "billableSeconds": "billableseconds", "account": "Nature De L'Activité"},
                 [1, 2, 8, 4, 7, 0, 5, 6, 3], "milliseconds",
                 id="milliseconds run into an accented word: 207 h, not the worklog ids read as seconds (365 h)"),
    pytest.param("structure_weekly_blocks.csv", {"Date": "Buchungsdatum", "Person": "Mitarbeiter/in",
                                                 "Activity": "Art der Tätigkeit", "Hours": "Arbeitszeit"},
                 None, None, id="weekly blocks: the first block's header in German, the second's in English"),
    pytest.param("structure_weekly_blocks.csv", {"Date": "Fecha del registro *", "Person": "Técnico",
                                                 "Activity": "CATEGORÍA", "Hours": "Tiempo Trabajado, h"},
                 [1, 0, 2, 3], None, id="weekly blocks: Spanish over English, reordered"),
])
def test_a_draw_once_misread_reads_exactly(name, renamed, order, unit):
    replay(name, renamed, order, unit)


@pytest.mark.parametrize("header", ["Logged on", "Tracked on", "Logged", "Time logged on", "Worked", "Spent",
                                    "Erfasst am", "Gebucht am", "Day worked", "Día trabajado"])
def test_a_word_for_time_worked_over_calendar_dates_says_when_not_how_long(header):
    """A duration is never a calendar date: a header whose words say 'logged' or 'worked' over dates is the day
    the time was logged. In a weekly roll-up it is the week's first day beside its end date, so each row is a
    week and its minutes stay minutes."""
    rng = random.Random(7)
    rows = [(dt.date(2026, 1, 4) + dt.timedelta(weeks=w), p, rng.randint(30, 45) * 60) for w in range(4) for p in PEOPLE]
    frame = table(rows, **{header: lambda r: r[0].isoformat(), "Week ending": lambda r: (r[0] + dt.timedelta(6)).isoformat(),
                           "Employee": lambda r: r[1], "Time tracked (min)": lambda r: str(r[2])})
    r = assign_roles(list(frame.columns), frame)
    assert (r.mapping.get("date"), r.mapping.get("end_date")) == (header, "Week ending"), r.reasons
    assert (r.mapping["hours"], r.unit) == ("Time tracked (min)", "minutes")


@pytest.mark.parametrize("header", ["Mitarbeiter/in", "Mitarbeiter*in", "Mitarbeiter:in", "MitarbeiterIn",
                                    "mitarbeiter_in", "Mitarbeiter(in)", "Bearbeiter/in", "Mitarbeiter/innen",
                                    "Collaborateur/trice", "Empleado/a"])
def test_a_person_word_with_its_feminine_ending_still_names_the_person(header):
    """German writes both genders at once (Mitarbeiter/in, *in, :in, -In); the ending 'in' is no clock-in."""
    words = role_words(header)
    assert max(words, key=lambda r: words[r][0]) == "person", words


#: One header per language, in words the reader may or may not know, over date/person/activity/hours.
HEADERS = [tuple(perturb.SPELLINGS[role][lang][k % len(perturb.SPELLINGS[role][lang])]
                 for role in ("date", "person", "activity", "hours")) for lang in perturb.LANGS for k in range(2)]


@pytest.mark.parametrize("first_block", HEADERS, ids=" | ".join)
@pytest.mark.parametrize("english_first", [False, True], ids=["renamed first", "renamed second"])
def test_a_header_repeated_per_block_in_other_words_is_one_table(first_block, english_first):
    """Weekly blocks, each under its own header: one block's header in another language (a renamed export
    pasted under an old one) repeats the same columns. Every block's entries are read, and the other header
    is listed as a repeated header, not lost with the rows above it nor read as an entry."""
    rng = random.Random(hash(first_block) % 1000)
    headers = [";".join(first_block), "Date;Person;Activity;Hours"]
    if english_first:
        headers.reverse()
    lines, total, rows = [], 0.0, 0
    for week, header in enumerate(headers):
        lines += [f"Week {10 + week}", header]
        for day in range(5):
            date = dt.date(2026, 3, 2) + dt.timedelta(days=7 * week + day)
            for person in PEOPLE[:2]:
                hours = rng.choice([0.5, 1, 1.25, 2.5, 3])
                lines.append(f"{date:%d.%m.%Y};{person};{rng.choice(['Support', 'Meeting', 'Training'])};"
                             f"{str(hours).replace('.', ',')}")
                total, rows = total + hours, rows + 1
        lines += ["", ""]
    log = sk.load(("blocks.csv", "\n".join(lines).encode()))
    assert (len(log.frame), round(log.total_hours, 2)) == (rows, round(total, 2)), log.skipped
    repeated = [s for s in log.skipped if s.kind == STRUCTURE and "header row repeated" in s.reason]
    assert [s.row for s in repeated] == [lines.index(headers[1]) + 1]


@pytest.mark.parametrize(("header", "role"), [
    ("Tiempo trabajado", "hours"), ("Temps travaillé", "hours"), ("Gewerkte tijd", "hours"),
    ("Gearbeitete Zeit", "hours"), ("Tempo lavorato", "hours"), ("Día trabajado", "date"), ("Jour travaillé", "date"),
    ("Day worked", "date"), ("Trabajador", "person"), ("Trabajadores", "person"), ("Horas trabajadas", "hours"),
])
def test_worked_with_a_word_for_time_is_the_time_with_a_word_for_a_day_the_day(header, role):
    """'Worked' in each language qualifies its noun; and a known word is not bent into another by a letter
    ('trabajado', worked, is no slip of 'trabajador', worker)."""
    words = role_words(header)
    assert max(words, key=lambda r: words[r][0]) == role, words


@pytest.mark.parametrize("value", ["Mon 03/02/2026", "Monday, 2026-03-02", "Di. 02.03.2026", "lun. 02/03/2026",
                                   "Tue, 2 Mar 2026", "Monday, March 2, 2026"])
def test_a_weekday_name_before_a_date_is_a_date(value):
    assert ColumnValues("x", pd.Series([value] * 5, dtype=object)).date_share == 1.0


TIME_WORDS = ("Temps consacré", "Tiempo invertido", "Gewerkte tijd", "Erfasste Zeit", "Doba práce", "Durée", "Time tracked")


@pytest.mark.parametrize("unit", ["milliseconds", "seconds", "minutes"])
@pytest.mark.parametrize("case", ["as is", "camel", "title", "upper", "snake"])
@pytest.mark.parametrize("style", ["{w} ({u})", "{w}{u}", "{w} {u}"])
def test_a_unit_run_into_a_word_reads_as_written_in_any_case(unit, case, style):
    """'tempsConsacréMillisecondes' read as seconds (no space where 'é' meets 'M', and 'milli' cut off the
    'secondes' it belongs to): every spelling of a unit, run into any time words, in any case, says its unit."""
    wrong = []
    for words, spelling in ((w, u) for w in TIME_WORDS for lang in perturb.LANGS
                            for u in perturb.UNIT_SPELLINGS[unit][lang] if len(u.rstrip(".")) > 1):
        header = perturb.case(perturb.with_unit(words, spelling, style, case), case if case != "camel" else "as is")
        if case == "camel":
            header = perturb.with_unit(perturb.case(words, "camel"), spelling, style, "camel")
        if read_header(header).unit != unit:
            wrong.append(f"{header!r}: {read_header(header).unit}")
    assert not wrong, wrong
