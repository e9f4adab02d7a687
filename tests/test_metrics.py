"""Every metric against numbers computed by hand on a tiny log."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import storykit as sk
from storykit.model import Choice, HandBack, Scenario, Settings, Source, TimeLog
from tests.conftest import ROOT


def tiny_log(rows: list[tuple[str, str, str, float]]) -> TimeLog:
    frame = pd.DataFrame(rows, columns=["date", "person", "activity", "hours"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["file"], frame["sheet"], frame["row"] = "tiny.csv", None, range(2, 2 + len(frame))
    return TimeLog(frame, (Source("tiny.csv", "generic", None, 1, len(frame), {}, "activity", 1.0),))


# Two people over two ISO weeks (Mon 5 Jan and Mon 12 Jan 2026).
ROWS = [
    ("2026-01-05", "Ann", "Customer tickets", 6.0),
    ("2026-01-05", "Ann", "Phone overflow", 2.0),
    ("2026-01-05", "Ann", "Lunch", 0.5),
    ("2026-01-06", "Bob", "Customer tickets", 4.0),
    ("2026-01-06", "Bob", "Invoice queries", 4.0),
    ("2026-01-12", "Ann", "Phone overflow", 3.0),
    ("2026-01-13", "Bob", "Mystery work", 1.0),
    ("2026-01-13", "Cy", "Phone overflow", 1.0),
]
SETTINGS = Settings(contracted_weekly_hours=40, working_weeks_per_year=46, hourly_cost=50.0)


@pytest.fixture
def analysis() -> sk.Analysis:
    return sk.analyse(tiny_log(ROWS), sk.Project(settings=SETTINGS))


def test_hours_by_class(analysis):
    assert analysis.metrics.hours_by_class == {
        "core": 10.0, "overhead": 0.0, "other_team": 10.0, "non_work": 0.5, "unassigned": 1.0}


def test_work_hours_exclude_non_work(analysis):
    assert analysis.metrics.total_hours == 21.5
    assert analysis.metrics.work_hours == 21.0


def test_other_team_share_is_of_work_hours(analysis):
    assert analysis.metrics.other_team_share == pytest.approx(10 / 21)


def test_weeks_fte_and_cost(analysis):
    m = analysis.metrics
    assert m.weeks == 2
    assert m.other_per_week == 5.0
    assert m.other_fte == pytest.approx(5 / 40)
    assert m.annual_cost == pytest.approx(5 * 46 * 50)


def test_concentration_is_top_two_share(analysis):
    m = analysis.metrics
    assert m.by_person_other == (("Ann", 5.0), ("Bob", 4.0), ("Cy", 1.0))
    assert m.concentration == pytest.approx(9 / 10)


def test_hours_by_owner_and_week(analysis):
    m = analysis.metrics
    assert m.by_owner == (("Contact Centre", 6.0), ("Finance", 4.0))
    assert m.by_week == ((dt.date(2026, 1, 5), 6.0, 16.0), (dt.date(2026, 1, 12), 4.0, 5.0))


def test_missing_rate_leaves_cost_out():
    a = sk.analyse(tiny_log(ROWS), sk.Project(settings=Settings(hourly_cost=None)))
    assert a.metrics.annual_cost is None
    assert a.outcome.reclaimed_cost is None
    story = sk.build_story(a, sk.Project(settings=Settings(hourly_cost=None)))
    assert "$" not in " ".join(story.titles)


def test_edits_win_over_presets():
    project = sk.Project(settings=SETTINGS, assignments={"Phone overflow": Choice("core")})
    a = sk.analyse(tiny_log(ROWS), project)
    assert a.metrics.other_team_hours == 4.0
    assert a.classification.decisions["Phone overflow"].by == "you"


def test_unknown_labels_are_unassigned_not_guessed(analysis):
    assert analysis.classification.unassigned == ["Mystery work"]


def test_scenario_default_half_at_stage_three(analysis):
    o = analysis.outcome
    assert o.reclaimed_per_week == pytest.approx(2.5)
    assert o.reclaimed_fte == pytest.approx(2.5 / 40)
    assert o.reclaimed_cost == pytest.approx(2.5 * 46 * 50)
    assert [round(c * 40, 6) for *_, c in o.by_stage] == [pytest.approx(2.5 / 3), pytest.approx(5 / 3), 2.5]


def test_scenario_per_owner_share_and_stage():
    scenario = Scenario(default_share=0.0, hand_backs=(HandBack("Contact Centre", 1.0, 2),))
    a = sk.analyse(tiny_log(ROWS), sk.Project(settings=SETTINGS, scenario=scenario))
    # Contact Centre: 6 h / 2 weeks = 3 h per week, all of it, stage 2 of 3 -> 2 h per week
    assert a.outcome.reclaimed_per_week == pytest.approx(2.0)
    assert a.outcome.other_share_after == pytest.approx((5 - 2) / 10.5)


def test_no_other_team_work_at_all():
    rows = [("2026-01-05", "Ann", "Customer tickets", 8.0)]
    a = sk.analyse(tiny_log(rows), sk.Project(settings=SETTINGS))
    assert a.metrics.other_team_share == 0.0
    assert a.metrics.concentration == 0.0
    assert a.outcome.reclaimed_fte == 0.0
    story = sk.build_story(a, sk.Project(settings=SETTINGS))
    assert all(any(ch.isdigit() for ch in t) for t in story.titles)


# -- the split between what we control and where we depend on others ----------------------

def test_controlled_share_is_core_plus_overhead_of_work(analysis):
    m = analysis.metrics
    # core 10 h + overhead 0 h of 21 h work; the unassigned hour is neither
    assert m.controlled_hours == 10.0
    assert m.controlled_share == pytest.approx(10 / 21)


def test_trend_is_least_squares_slope_of_weekly_other_team_hours(analysis):
    # weeks: 6 h then 4 h of other-team work -> -2 h per week
    assert analysis.metrics.trend_per_week == pytest.approx(-2.0)


def test_trend_over_three_weeks():
    rows = [("2026-01-05", "Ann", "Phone overflow", 1.0), ("2026-01-12", "Ann", "Phone overflow", 2.0),
            ("2026-01-19", "Ann", "Phone overflow", 6.0)]
    # x = 0, 1, 2; y = 1, 2, 6; mean y 3; slope = ((-1)(-2) + 0 + (1)(3)) / 2 = 2.5
    assert sk.analyse(tiny_log(rows)).metrics.trend_per_week == pytest.approx(2.5)


def test_a_week_with_no_entries_is_a_zero_week_not_a_missing_one():
    rows = [("2026-01-05", "Ann", "Phone overflow", 4.0), ("2026-01-19", "Ann", "Customer tickets", 4.0)]
    m = sk.analyse(tiny_log(rows)).metrics
    assert m.weeks == 3
    assert m.by_week == ((dt.date(2026, 1, 5), 4.0, 4.0), (dt.date(2026, 1, 12), 0.0, 0.0),
                         (dt.date(2026, 1, 19), 0.0, 4.0))
    assert m.other_per_week == pytest.approx(4 / 3)


def test_one_week_has_no_trend():
    rows = [("2026-01-05", "Ann", "Phone overflow", 4.0)]
    m = sk.analyse(tiny_log(rows)).metrics
    assert m.weeks == 1 and m.trend_per_week is None


# -- fragmentation: switches per person-day, where clock times exist -------------------------

def timed_log(rows: list[tuple[str, str, str, float, str | None]]) -> TimeLog:
    log = tiny_log([r[:4] for r in rows])
    start = pd.to_datetime(pd.Series([f"{r[0]} {r[4]}" if r[4] else None for r in rows]))
    frame = log.frame.assign(start=start, end=start + pd.to_timedelta(log.frame["hours"], unit="h"))
    return TimeLog(frame, log.sources)


TIMED = [  # given out of order on purpose: the sequence comes from the clock, not the file
    ("2026-01-05", "Ann", "Phone overflow", 1.0, "09:00"),
    ("2026-01-05", "Ann", "Customer tickets", 1.0, "08:00"),
    ("2026-01-05", "Ann", "Lunch", 0.5, "12:00"),
    ("2026-01-05", "Ann", "Customer tickets", 1.5, "12:30"),
    ("2026-01-05", "Ann", "Phone overflow", 1.0, "14:00"),
    ("2026-01-05", "Bob", "Customer tickets", 2.0, "08:00"),
    ("2026-01-05", "Bob", "Customer tickets", 1.0, "10:00"),
    ("2026-01-05", "Bob", "Invoice queries", 1.0, "11:00"),
    ("2026-01-05", "Bob", "Customer tickets", 1.0, "12:00"),
    ("2026-01-06", "Ann", "Phone overflow", 3.0, None),  # no clock time: not a timed day
]


def test_switches_and_interruptions_per_person_day():
    m = sk.analyse(timed_log(TIMED)).metrics
    # Ann: tickets->overflow (switch, into other), overflow->lunch and lunch->tickets (breaks: not
    # switches), tickets->overflow (switch, into other) = 2 switches, 2 interruptions.
    # Bob: tickets->tickets (none), tickets->invoice (switch, into other), invoice->tickets (switch)
    # = 2 switches, 1 interruption. Two timed person-days.
    assert m.timed_person_days == 2
    assert m.switches_per_day == pytest.approx((2 + 2) / 2)
    assert m.interruptions_per_day == pytest.approx((2 + 1) / 2)


def test_no_clock_times_means_no_fragmentation(analysis):
    m = analysis.metrics
    assert m.switches_per_day is None and m.interruptions_per_day is None
    assert "Fragmentation" not in [e.name for e in sk.explain(m)]


def test_reader_keeps_clock_times_of_the_sample():
    log = sk.load(ROOT / "sample_data" / "toggl_support_team.csv")
    first = log.frame.iloc[0]
    assert (first["start"], first["end"]) == (pd.Timestamp("2026-09-07 08:00"), pd.Timestamp("2026-09-07 10:00"))
    assert sk.analyse(log).metrics.switches_per_day is not None


# -- every metric explained in a plain sentence with its number ------------------------------

def test_explain_names_every_metric_with_its_number(analysis):
    by_name = {e.name: e for e in sk.explain(analysis.metrics)}
    assert list(by_name) == ["Work hours", "What we control", "Other-team share", "FTE equivalent", "Annual cost",
                             "Concentration", "Trend by week"]
    assert by_name["Other-team share"].value == "48%"
    assert "one in two" in by_name["Other-team share"].meaning
    assert "0.1 full-time people" in by_name["FTE equivalent"].meaning  # 5 h / 40 h = 0.125
    assert by_name["Annual cost"].value == "$12k"  # 5 h x 46 weeks x $50 = $11,500, to the nearest $1k
    assert "90%" in by_name["Concentration"].meaning  # Ann 5 h + Bob 4 h of 10 h
    assert "easing, by about 2.0 hours a week" in by_name["Trend by week"].meaning
    assert all(e.meaning.endswith(".") for e in by_name.values())


def test_explain_leaves_cost_out_when_no_rate_is_given():
    m = sk.analyse(tiny_log(ROWS), sk.Project(settings=Settings(hourly_cost=None))).metrics
    cost = next(e for e in sk.explain(m) if e.name == "Annual cost")
    assert cost.value == "left out"
    assert "0" not in cost.value and "not zero" in cost.meaning


def test_explain_fragmentation_sentence():
    e = next(e for e in sk.explain(sk.analyse(timed_log(TIMED)).metrics) if e.name == "Fragmentation")
    assert e.value == "2.0 switches a day"
    assert "1.5 of those switches are into other teams' work" in e.meaning


def test_files_from_different_periods_are_told_apart_and_near_ones_are_not():
    from storykit.ingest import combine

    def log(name: str, *dates: str) -> TimeLog:
        frame = pd.DataFrame({"date": pd.to_datetime(list(dates)), "person": "Ann", "activity": "Tickets",
                              "hours": 1.0, "file": name, "sheet": None, "row": range(2, 2 + len(dates))})
        return TimeLog(frame, (Source(name, "generic", None, 1, len(frame), {}, "activity", 1.0),))

    march, april, next_year = log("march.csv", "2026-03-02", "2026-03-31"), log("april.csv", "2026-04-01"), \
        log("2027.csv", "2027-01-04")
    warned = [s.file for s in combine([next_year, march, april]).sources
              if any("days after" in w for w in s.warnings)]
    assert warned == ["2027.csv"]  # April follows March; 2027 starts 278 days after April ends
    gap = next(w for s in combine([march, next_year]).sources for w in s.warnings if "days after" in w)
    assert "starts 2027-01-04, 279 days after march.csv ends" in gap
    # the one warning that changes every figure is marked as such, so the app shows it as a warning
    assert [s.alerts for s in combine([march, next_year]).sources] == [(), (gap,)]
    assert all(s.alerts == () for s in combine([march, april]).sources)
