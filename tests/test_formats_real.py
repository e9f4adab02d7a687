"""Real exports made by other tools and people (../shared/real-exports), read and checked by hand.

Each expected answer is worked out here with the plainest code that follows the file's own
meaning (csv module, strptime, arithmetic), never with storykit's parsers. Skips when the
folder is absent (it is not part of this repository).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import pytest

import storykit as sk
from tests.conftest import REAL_EXPORTS

pytestmark = pytest.mark.skipif(not REAL_EXPORTS.is_dir(), reason="../shared/real-exports is not here")


def rows(name: str, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((REAL_EXPORTS / name).read_text(encoding=encoding))))


def hms(text: str) -> float:
    h, m, s = (int(x) for x in text.split(":"))
    return h + m / 60 + s / 3600


def answer(people: set[str], dates: list[dt.date], total: float, fmt: str | None = None) -> dict:
    return {"people": sorted(people), "date_range": [min(dates), max(dates)], "total": total, "format": fmt}


def toggl_floresfdev() -> dict:
    r = rows("toggl_detailed_2017-08_floresfdev.csv")
    return answer({x["User"] for x in r}, [dt.date.fromisoformat(x["Start date"]) for x in r],
                  sum(hms(x["Duration"]) for x in r), "toggl_detailed")


def toggl_tuttle() -> dict:
    """Durations like '02:00:00 AM' are a 12-hour-clock rendering; the true length is End - Start."""
    r = rows("toggl_detailed_ampm_durations_tuttle.csv")

    def at(day: str, time: str) -> dt.datetime:
        return dt.datetime.strptime(f"{day} {time}", "%Y-%m-%d %I:%M:%S %p")

    total = sum((at(x["End date"], x["End time"]) - at(x["Start date"], x["Start time"])).total_seconds() / 3600
                for x in r)
    return answer({x["User"] for x in r}, [dt.date.fromisoformat(x["Start date"]) for x in r], total, "toggl_detailed")


def toggl_email_only() -> dict:
    r = rows("toggl_sample_email_only_compilerla.csv")
    return answer({x["Email"].lower() for x in r}, [dt.date.fromisoformat(x["Start date"]) for x in r],
                  sum(hms(x["Duration"]) for x in r), "toggl_detailed")


def harvest(name: str) -> Callable[[], dict]:
    def work() -> dict:
        r = rows(name)
        return answer({f"{x['First Name']} {x['Last Name']}" for x in r}, [dt.date.fromisoformat(x["Date"]) for x in r],
                      sum(float(x["Hours"]) for x in r), "harvest_detailed")
    return work


def justworks() -> dict:
    """Weekly roll-up: the period runs from the first Start Date to the last End Date."""
    r = rows("justworks_weekly_hours_compilerla.csv")
    dates = [dt.date.fromisoformat(x["Start Date"]) for x in r] + [dt.date.fromisoformat(x["End Date"]) for x in r]
    return answer({f"{x['First Name']} {x['Last Name']}" for x in r}, dates,
                  sum(float(x["Regular Hours"]) for x in r), "justworks_weekly_hours")


def youtrack() -> dict:
    r = rows("youtrack_worklog_report.csv")
    dates = [dt.datetime.fromtimestamp(int(x["date"]) / 1000, dt.UTC).date() for x in r]
    return answer({x["authorName"] for x in r}, dates, sum(int(x["duration"]) for x in r) / 60, "youtrack_worklogs")


def jira_timespent() -> dict:
    r = rows("jira_worklog_import_timespent.csv")
    total = 0.0
    for x in r:
        m = re.fullmatch(r"(\d+)h (\d+)m", x["Timespent"])
        assert m, x["Timespent"]
        total += int(m[1]) + int(m[2]) / 60
    dates = [dt.datetime.strptime(x["Start Date"], "%d-%b-%Y %H:%M:%S").date() for x in r]
    return answer({"(one person)"}, dates, total)


def timr() -> dict:
    r = rows("timr_report_2024-10-22.csv")
    dates = [dt.datetime.strptime(x["Start"], "%d.%m.%Y %H:%M").date() for x in r]
    return answer({x["User"] for x in r}, dates, sum(float(x["Duration"].replace(",", ".")) for x in r))


def rescuetime() -> dict:
    r = rows("rescuetime_2013-03-12.csv")
    return answer({"(one person)"}, [dt.date.fromisoformat(x["Date"][:10]) for x in r],
                  sum(int(x["Time Spent (seconds)"]) for x in r) / 3600)


def bookkeeping() -> dict:
    r = rows("bookkeeping_clock_in_out_timesheet.csv")
    total = 0.0
    for x in r:
        a = dt.datetime.strptime(x["clock_in"], "%H:%M:%S")
        b = dt.datetime.strptime(x["clock_out"], "%H:%M:%S")
        total += ((b - a).total_seconds() % 86400) / 3600
    return answer({"(one person)"}, [dt.date.fromisoformat(x["date"]) for x in r], total)


def timekex() -> dict:
    """Dates are formulas `=StartDayConfig!A2+n`; hours are End - Start (time cells)."""
    import openpyxl

    book = openpyxl.load_workbook(REAL_EXPORTS / "TimeKex_timeData.xlsx")
    base = book["StartDayConfig"]["A2"].value.date()
    dates, total = [], 0.0
    for line, date, *_rest, start, end in book["TimeTracking"].iter_rows(min_row=2, values_only=True):
        if line is None:
            continue
        m = re.fullmatch(r"=StartDayConfig!A2(?:\+(\d+))?", date)
        dates.append(base + dt.timedelta(days=int(m[1] or 0)))
        total += (dt.datetime.combine(base, end) - dt.datetime.combine(base, start)).total_seconds() / 3600
    return answer({"(one person)"}, dates, total)


CASES: dict[str, Callable[[], dict]] = {
    "toggl_detailed_2017-08_floresfdev.csv": toggl_floresfdev,
    "toggl_detailed_ampm_durations_tuttle.csv": toggl_tuttle,
    "toggl_sample_email_only_compilerla.csv": toggl_email_only,
    "harvest_time_report_100days.csv": harvest("harvest_time_report_100days.csv"),
    "harvest_sample_compilerla.csv": harvest("harvest_sample_compilerla.csv"),
    "justworks_weekly_hours_compilerla.csv": justworks,
    "youtrack_worklog_report.csv": youtrack,
    "jira_worklog_import_timespent.csv": jira_timespent,
    "timr_report_2024-10-22.csv": timr,
    "rescuetime_2013-03-12.csv": rescuetime,
    "bookkeeping_clock_in_out_timesheet.csv": bookkeeping,
    "TimeKex_timeData.xlsx": timekex,
}


def test_every_real_export_has_a_worked_answer():
    assert {p.name for p in REAL_EXPORTS.iterdir() if p.is_file()} <= set(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_real_export_agrees_with_a_careful_reading(name):
    expected = CASES[name]()
    log = sk.load(REAL_EXPORTS / name)
    assert log.total_hours == pytest.approx(expected["total"], abs=0.01)
    assert log.people == expected["people"]
    assert list(log.date_range) == expected["date_range"]
    if expected["format"]:
        assert log.sources[0].format == expected["format"]
    assert log.skipped == ()


def test_weekly_rollup_is_recognised_not_flagged():
    log = sk.load(REAL_EXPORTS / "justworks_weekly_hours_compilerla.csv")
    assert log.sources[0].kind == "rollup"
    assert not [f for f in log.flagged if "h in" in f.reason]


def test_rates_and_amounts_are_never_summed():
    src = sk.load(REAL_EXPORTS / "harvest_time_report_100days.csv").sources[0]
    assert {"Billable Rate", "Billable Amount", "Cost Rate", "Cost Amount"} <= set(src.ignored)
    assert src.mapping["hours"] == "Hours"
