"""Every metric against numbers computed by hand on a tiny log."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import storykit as sk
from storykit.model import Assignment, HandBack, Scenario, Settings, Source, TimeLog


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
    project = sk.Project(settings=SETTINGS, assignments={"Phone overflow": Assignment("Our team", "core")})
    a = sk.analyse(tiny_log(ROWS), project)
    assert a.metrics.other_team_hours == 4.0
    assert a.classification.sources["Phone overflow"] == "edit"


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
