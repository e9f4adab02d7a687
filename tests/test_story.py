"""The story's text and charts: the storytelling rules, the three asks, audiences, edge cases, round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re

import pytest
from pptx import Presentation

import storykit as sk
from storykit.charts import to_figure
from storykit.classify import Rule
from storykit.model import Choice, Edits, HandBack, Scenario, ServiceLevel, Settings
from storykit.narrative.words import TITLE_MAX
from tests.conftest import SAMPLES
from tests.test_metrics import ROWS, tiny_log

ASKS = ("hand_back", "headcount", "service_level")
AUDIENCES = ("operations", "finance", "people")


@pytest.fixture(scope="module")
def sample_log() -> sk.TimeLog:
    return sk.load(SAMPLES / "toggl_support_team.csv")


@pytest.fixture(scope="module")
def sample_project() -> sk.Project:
    return sk.Project.from_json((SAMPLES / "project.json").read_text())


def variant(project: sk.Project, ask: str = "hand_back", audience: str = "operations", **settings) -> sk.Project:
    return dataclasses.replace(project, scenario=dataclasses.replace(project.scenario, ask=ask),
                               settings=dataclasses.replace(project.settings, audience=audience, **settings))


def text_of(story: sk.Story) -> str:
    return "\n".join(t for a in story.acts for t in (a.title, *a.points, a.notes.text, a.big_number.value,
                                                       a.big_number.label, a.chart.caption, a.chart.alt_text))


# -- storytelling rules on the sample, for every ask and audience --------------------------------

COMBOS = list(itertools.product(ASKS, AUDIENCES))


@pytest.mark.parametrize(("ask", "audience"), COMBOS, ids=[f"{a}-{b}" for a, b in COMBOS])
def test_titles_are_sentences_with_a_number_that_fit_two_lines(sample_log, sample_project, ask, audience):
    story = sk.build_story(sample_log, variant(sample_project, ask, audience))
    for title in story.titles:
        assert len(title) <= TITLE_MAX, title
        assert re.search(r"\d", title), title
        assert title[0].isupper() and len(title.split()) >= 8, title


@pytest.mark.parametrize(("ask", "audience"), COMBOS, ids=[f"{a}-{b}" for a, b in COMBOS])
def test_notes_carry_a_minute_of_talk_assumptions_method_and_questions(sample_log, sample_project, ask, audience):
    story = sk.build_story(sample_log, variant(sample_project, ask, audience))
    for act in story.acts:
        words = len(act.notes.talk.split())
        assert 130 <= words <= 165, (act.number, words)
        assert act.notes.talk.startswith(act.title)
        assert act.notes.assumptions and act.notes.method
        assert 2 <= len(act.notes.questions) <= 3
        assert all(question and answer for question, answer in act.notes.questions)


@pytest.mark.parametrize(("ask", "audience"), COMBOS, ids=[f"{a}-{b}" for a, b in COMBOS])
def test_act_three_ends_on_the_ask(sample_log, sample_project, ask, audience):
    act3 = sk.build_story(sample_log, variant(sample_project, ask, audience)).acts[2]
    assert act3.points[-1].startswith("Our ask:")
    assert "What we need from you today" in act3.notes.talk


def test_sample_titles_tell_the_story(sample_log, sample_project):
    # 466.25 h other-team of 1,484 h work = 31%; 93.25 h/week / 37.5 = 2.5 FTE; the scenario gives back
    # Contact Centre 60% and the rest 50% of 93.25 h/week -> 50.355 h = 1.3 FTE = 54% of it.
    titles = sk.build_story(sample_log, sample_project).titles
    assert titles == (
        "Customer Support: 8 people spend 31% of working time on other departments' work",
        "That is 2.5 people taken from our own queue, while replies take 19 hours, not the promised 2",
        "Handing back 54% of it in three stages from 12 Oct frees 1.3 people for clearing our email backlog",
    )


# -- the three asks rewrite act 3 coherently ------------------------------------------------

def test_hand_back_act_three(sample_log, sample_project):
    act = sk.build_story(sample_log, variant(sample_project, "hand_back")).acts[2]
    assert act.title.startswith("Handing back 54% of it in three stages from 12 Oct")
    assert act.chart.categories == ("Today", "Stage 1, 12 Oct", "Stage 2, 9 Nov", "Stage 3, 7 Dec")
    back = next(s for s in act.chart.series if s.name == "Back to our own work").values
    assert back == pytest.approx((0.0, 50.355 / 3 / 37.5, 50.355 * 2 / 3 / 37.5, 50.355 / 37.5))
    totals = [sum(s.values[i] for s in act.chart.series) for i in range(4)]
    assert totals == pytest.approx([1484 / 5 / 37.5] * 4)  # same scale: the team's work before and after
    assert act.big_number == sk.narrative.BigNumber("1.3 FTE", "back to our own work")
    assert act.points[0] == "Put on our 340-item backlog, the time back clears it by 19 Nov"  # as service level
    # without a backlog in hours: stage 1 alone is under half a person, but it is part of a 1.3-FTE total
    project = variant(sample_project, "hand_back")
    project = dataclasses.replace(project, service=dataclasses.replace(project.service, minutes_per_item=None))
    act = sk.build_story(sample_log, project).acts[2]
    assert act.points[0] == "From 12 Oct: redirect new requests to the owner, 0.4 FTE back"
    assert "stage 1 returns a third" in act.notes.text.lower()


def test_headcount_act_three(sample_log, sample_project):
    act = sk.build_story(sample_log, variant(sample_project, "headcount")).acts[2]
    assert act.title == ("To free our time for clearing our email backlog, we ask for 2.5 more people to carry "
                         "other teams' work")
    assert act.chart.categories == ("Today", "With 2.5 FTE more")
    other = next(s for s in act.chart.series if s.name == "Other teams' work").values
    assert other == pytest.approx((93.25 / 37.5, 93.25 / 37.5))  # the load stays; new people carry it
    assert act.big_number.value == "+2.5 FTE"
    assert "Why not hand the work back instead?" in act.notes.text
    # 2.487 - 1.343 FTE; the hand-back clears the backlog as in the service-level ask
    assert act.points[1] == "The alternative: hand back 54% of it, add 1.1 FTE, and clear our 340-item backlog by 19 Nov"


def test_service_level_act_three_burns_the_backlog_down(sample_log, sample_project):
    act = sk.build_story(sample_log, variant(sample_project, "service_level")).acts[2]
    # 340 items x 20 min = 113.3 h. From 12 Oct: 16.785 h/week (stage 1) for 4 weeks = 67.14 h, then
    # 33.57 h/week from 9 Nov: 46.19 h left take 1.376 weeks -> 5.376 weeks -> 38 days -> 19 Nov.
    assert act.title == ("Handing back 54% of it clears our 340-item backlog by 19 Nov and protects our "
                         "2-hour reply promise")
    assert act.chart.series[0].name == "Backlog items left"
    assert act.chart.categories[0] == "w/c 12 Oct"
    assert act.chart.series[0].values[0] == pytest.approx(340)
    assert act.chart.series[0].values[1] == pytest.approx(340 - 16.785 * 3)  # 3 items an hour at 20 min
    assert act.chart.series[0].values[-1] == 0.0
    assert act.big_number.value == "19 Nov"


def test_service_level_without_backlog_minutes_shows_capacity_on_our_queue(sample_log, sample_project):
    project = dataclasses.replace(variant(sample_project, "service_level"),
                                  service=ServiceLevel(promised_response_hours=2, actual_response_hours=19))
    act = sk.build_story(sample_log, project).acts[2]
    assert act.title == "Handing back 54% of it frees 1.3 people to keep our 2-hour reply promise"
    assert act.chart.series[0].values[0] == pytest.approx(1017.75 / 5 / 37.5)
    assert act.chart.series[0].values[-1] == pytest.approx((1017.75 / 5 + 50.355) / 37.5)


# -- audiences: same numbers, different emphasis ------------------------------------------------

def test_audiences_keep_the_numbers_and_change_the_emphasis(sample_log, sample_project):
    stories = {a: sk.build_story(sample_log, variant(sample_project, audience=a)) for a in AUDIENCES}
    assert len({s.acts[0].chart for s in stories.values()}) == 1
    assert stories["finance"].acts[1].title.startswith("Other teams' work costs us about $206k a year")
    assert stories["finance"].acts[1].big_number.value == "$206k"
    assert stories["finance"].acts[2].big_number.value == "$111k"  # 50.355 h x 46 x $48
    assert stories["operations"].acts[1].big_number.value == "$206k"
    # (90.5 + 79) / 466.25 = 36%: under 1.5 x the even 25% of two of 8, so nobody is said to carry it
    assert "1.3 times a day" in stories["people"].acts[1].title
    assert "carry 36%" not in stories["people"].acts[1].title
    assert stories["people"].acts[1].points[0] == "$206k a year: the loaded cost of 2.5 people"
    assert stories["people"].acts[1].chart.categories[0] == "w/c 7 Sep"
    assert stories["operations"].acts[1].chart.categories[0] == "w/c 7 Sep"
    notes = {a: s.acts[1].notes.text for a, s in stories.items()}
    assert len(set(notes.values())) == 3


def test_names_only_on_opt_in(sample_project):
    from tests.test_deck_truth import team_log

    log = team_log([6, 6, 3, 3, 3, 2, 2, 2])  # the top two carry 44%: material, so who carries it is told
    hidden = text_of(sk.build_story(log, variant(sample_project, audience="people")))
    shown = text_of(sk.build_story(log, variant(sample_project, audience="people", show_names=True)))
    assert "P1 Name" not in hidden and "P1 Name" in shown


# -- edge cases give sensible text --------------------------------------------------------------

EDGE_SETTINGS = Settings(contracted_weekly_hours=40, hourly_cost=50.0)


def stories_for(rows, **project) -> list[sk.Story]:
    base = sk.Project(settings=project.pop("settings", EDGE_SETTINGS), **project)
    return [sk.build_story(tiny_log(rows), variant(base, ask, audience)) for ask, audience in COMBOS]


def test_no_other_team_work_never_talks_about_a_hand_back():
    rows = [("2026-01-05", "Ann", "Customer tickets", 8.0), ("2026-01-06", "Bob", "Customer tickets", 6.0)]
    for story in stories_for(rows, service=ServiceLevel(2, 10, 40, 15)):
        act3 = story.acts[2]
        assert act3.title == "With nothing to hand back, our ask is to keep 100% of our time on our own work as " \
                             "requests grow"
        assert not any("stage" in p.lower() for p in act3.points)
        assert not any("Stage" in c for c in act3.chart.categories)
        assert "Handing back" not in act3.notes.text and "three stages" not in act3.notes.text
        assert act3.points[-1].startswith("Our ask:")
        # not two identical columns 'Today' and 'Next quarter': what the rule keeps ours, beside the zero it holds
        assert act3.chart.kind == "bar"
        # in hours a week, as its big number: 14 h a week is less than half a person
        assert dict(zip(act3.chart.categories, act3.chart.series[0].values, strict=True)) == pytest.approx(
            {"Core work": 14.0, "Other teams' work": 0.0})
        assert act3.chart.unit == "hours a week" and act3.big_number.value == "0 h a week"
        assert act3.chart.series[0].point_colours == ("grey", "accent")
        assert "costs us 0 hours a week" in story.acts[1].title  # in act 3's unit: 14 h a week is under half a person
        assert "100%" in story.acts[0].title
        # act 2 charts our working time week by week (14 h), not a row of zeros nobody can see
        assert story.acts[1].chart.series[0].values == pytest.approx((14.0,))
        assert story.acts[1].chart.series[0].colour == "grey"


def test_one_person_is_never_two_people():
    rows = [("2026-01-05", "Ann", "Customer tickets", 6.0), ("2026-01-05", "Ann", "Phone overflow", 2.0),
            ("2026-01-13", "Ann", "Invoice queries", 3.0)]
    for story in stories_for(rows):
        text = text_of(story)
        assert "two people" not in text and "two of us" not in text and "Person" not in text and "2nd" not in text
        assert "45%" in story.acts[0].title  # 5 of 11 h
    assert stories_for(rows)[0].acts[0].title.startswith("Our one-person team spends 45%")


def test_small_loads_are_told_in_hours_not_tenths_of_a_person():
    rows = [("2026-01-05", "Ann", "Customer tickets", 6.0), ("2026-01-05", "Ann", "Phone overflow", 2.0),
            ("2026-01-13", "Ann", "Invoice queries", 3.0)]
    story = stories_for(rows)[0]  # hand_back, operations: 5 h over 2 weeks = 2.5 h a week, half back
    assert story.acts[1].title.startswith("That is 2.5 hours a week")
    assert "frees 1.2 hours a week" in story.acts[2].title  # 2.5 h x 0.5
    assert "0.0 people" not in text_of(story)


def test_one_week_of_data():
    rows = [("2026-01-05", "Ann", "Customer tickets", 6.0), ("2026-01-06", "Bob", "Phone overflow", 20.0),
            ("2026-01-07", "Cy", "IT escalations", 10.0)]
    for story in stories_for(rows):
        assert story.acts[1].chart.categories in (("w/c 5 Jan",), ("1st", "2nd"))
        assert "one week of data" in story.acts[0].notes.text
        assert "(1 week)" in story.source


def test_everything_handed_back():
    stories = stories_for(ROWS, scenario=Scenario(default_share=1.0))
    act3 = stories[0].acts[2]
    assert act3.title.startswith("Handing back all of it")
    other = next(s for s in act3.chart.series if s.name == "Other teams' work").values
    assert other[-1] == 0.0 and other[0] == pytest.approx(5.0)  # hours a week, as its '2.5 h a week' back
    assert act3.chart.unit == "hours a week" and act3.big_number.value.endswith("h a week")
    assert "falls from 48% to 0%" in act3.notes.text


def test_no_share_agreed_asks_for_one():
    act3 = stories_for(ROWS, scenario=Scenario(default_share=0.0))[0].acts[2]
    assert act3.title.startswith("With no hand-back agreed yet")
    assert act3.points[-1].startswith("Our ask:")


def test_missing_rates_leave_money_out_everywhere():
    for story in stories_for(ROWS, settings=Settings(hourly_cost=None), service=ServiceLevel(2, 10, 40, 15)):
        text = text_of(story)
        assert "$" not in text, [line for line in text.splitlines() if "$" in line]
        assert "left out" in story.acts[1].notes.text


# -- the project file: save -> load -> build gives the same deck ---------------------------------

def deck_outline(deck: bytes) -> list[tuple[str, list[tuple[str, ...]], list[tuple[str, tuple[float, ...]]]]]:
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        title = next(s for s in slide.shapes if s.name == "Title").text_frame.text
        chart = next(s for s in slide.shapes if s.has_chart).chart
        cats = [tuple(chart.plots[0].categories)]
        series = [(s.name, tuple(None if v is None else round(v, 9) for v in s.values)) for p in chart.plots for s in p.series]
        out.append((title, cats, series))
    return out


def test_save_load_build_round_trip(sample_log, sample_project):
    project = dataclasses.replace(
        sample_project,
        assignments={"Admin": Choice.of_team("Finance")},
        rules=(Rule("knowledge", Choice("overhead")),),
        scenario=Scenario(default_share=0.4, stage_weeks=3, reclaimed_for="proactive outreach", ask="service_level",
                          hand_backs=(HandBack("Contact Centre", 0.8, 2, dt.date(2026, 10, 19)),)),
        settings=dataclasses.replace(sample_project.settings, audience="people"),
        edits=Edits(titles={2: "Our own title for act two: 2.5 people"}, notes={1: "My notes"}),
    ).remember_labels(sample_log.labels)
    loaded = sk.Project.from_json(project.to_json())
    assert loaded == project
    first, second = sk.build_story(sample_log, project), sk.build_story(sample_log, loaded)
    assert first == second
    deck1, deck2 = sk.build_deck(first), sk.build_deck(second)
    assert deck_outline(deck1) == deck_outline(deck2)
    assert deck_outline(deck1)[1][0] == "Our own title for act two: 2.5 people"


@pytest.mark.parametrize("ask", ASKS)
def test_each_ask_builds_a_deck(sample_log, sample_project, ask):
    story = sk.build_story(sample_log, variant(sample_project, ask))
    outline = deck_outline(sk.build_deck(story))
    assert [t for t, _, _ in outline] == list(story.titles)
    assert outline[2][1][0] == story.acts[2].chart.categories


@pytest.mark.parametrize("unowned_hours, title", [
    # most of the time has no owner: that leads, and no "0%" reads as a finding
    (6.0, "Our 2-person team spends 75% of working time on work with no owner yet"),
    # some has none: the 0% is the finding, with its caveat
    (2.0, "Our 2-person team spends 0% of working time on other departments' work, but 25% still has no owner"),
])
def test_unowned_labels_are_not_called_our_own_work(unowned_hours, title):
    rows = [("2026-01-05", "Ann", "Project Zephyr", unowned_hours),
            ("2026-01-06", "Bob", "Customer tickets", 8.0 - unowned_hours)]
    story = stories_for(rows)[0]
    # the story must not claim 100% is our own while labels wait for an owner
    assert story.acts[0].title == title
    assert f"{unowned_hours / 8:.0%} of working time has no owner yet" in " ".join(story.acts[0].points)


def test_unowned_time_is_not_called_our_own_in_acts_two_and_three():
    """A file whose labels nobody has owned yet (a first upload) must not claim all time is ours."""
    import pandas as pd

    from storykit.model import Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-06"]), "person": ["A", "B"],
                          "activity": ["Project Consulting", "Customer tickets"], "hours": [6.0, 2.0],
                          "file": "x.csv", "sheet": None, "row": [2, 3]})
    log = TimeLog(frame, (Source("x.csv", "generic", None, 1, 2, {}, "activity", 1.0),))
    titles = sk.build_story(log, sk.Project()).titles
    assert "75% of working time still needs an owner" in titles[1]
    assert "75% of working time with no owner" in titles[2]
    assert not any("time is our own" in t or "100% of our time" in t for t in titles[1:])


def test_a_log_with_no_owner_at_all_is_never_charted_as_our_own_work():
    """Act 3 while every label waits for an owner (a first upload in a language the vocabulary lacks): its
    chart turns time with no owner into time whose owner is agreed, and never draws any of it as ours."""
    import pandas as pd

    from storykit.model import Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-06"]), "person": ["A", "B"],
                          "activity": ["Vývoj", "Analýza"], "hours": [6.0, 2.0],
                          "file": "x.csv", "sheet": None, "row": [2, 3]})
    story = sk.build_story(TimeLog(frame, (Source("x.csv", "generic", None, 1, 2, {}, "activity", 1.0),)),
                           sk.Project())
    chart = story.acts[2].chart
    assert [s.name for s in chart.series] == ["Owner agreed", "No owner yet"]
    assert chart.categories == ("Today", "Both agreed")
    assert chart.series[1].values == pytest.approx((8.0, 0.0))  # one week, 8 h a week open today, none after
    assert "our own" not in chart.caption.lower()
    assert story.acts[2].points == ("No owner yet: Vývoj and Analýza",  # not 'What we know is ours: 0%'
                                    "Our ask: agree with each team which open labels are theirs")
    assert story.acts[0].title.startswith("Our 2-person team spends 100% of working time on work with no owner yet")


def test_owners_first_shows_the_largest_open_labels_agreed_first_on_one_scale():
    """Act 3 while much time has no owner: today, the three largest labels agreed, all agreed; our own work
    stays level, open time turns into time whose owner is agreed, and the talk says what the three carry."""
    open_hours = {"Project A": 10.0, "Project B": 6.0, "Project C": 3.0, "Project D": 1.0}
    rows = [("2026-01-05", "Ann", "Customer tickets", 20.0)] + [
        ("2026-01-06", "Bob", label, hours) for label, hours in open_hours.items()]
    act3 = stories_for(rows)[0].acts[2]
    chart = act3.chart
    assert chart.categories == ("Today", "3 largest agreed", "All 4 agreed")
    series = {s.name: s.values for s in chart.series}
    assert series["Our own work"] == pytest.approx((0.5, 0.5, 0.5))  # 20 h / 40 h a week
    assert series["Owner agreed"] == pytest.approx((0.0, 19 / 40, 20 / 40))
    assert series["No owner yet"] == pytest.approx((20 / 40, 1 / 40, 0.0))
    assert chart.value_max is not None and chart.value_max >= 1.0  # one scale for every column
    assert "the three largest first: they carry 95% of the open time" in act3.notes.talk  # 19 of 20 h


def test_act_one_shows_unowned_time_as_its_own_grey_bar_and_big_number():
    import pandas as pd

    from storykit.model import Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05"] * 3), "person": ["A", "B", "C"],
                          "activity": ["Project Consulting", "Customer tickets", "Phone overflow"],
                          "hours": [15.0, 15.0, 7.5], "file": "x.csv", "sheet": None, "row": [2, 3, 4]})
    log = TimeLog(frame, (Source("x.csv", "generic", None, 1, 3, {}, "activity", 1.0),))
    chart = sk.build_story(log, sk.Project()).acts[0].chart
    assert chart.categories == ("Our own work", "No owner yet", "Contact Centre")
    assert chart.series[0].values == pytest.approx((15.0, 15.0, 7.5))  # hours a week: the largest is 0.4 FTE
    assert chart.series[0].point_colours == ("grey", "light", "accent")  # its own lighter grey, as in act 3
    only_unowned = TimeLog(frame.iloc[:1].reset_index(drop=True), log.sources)
    act = sk.build_story(only_unowned, sk.Project()).acts[0]
    assert act.big_number == sk.narrative.BigNumber("100%", "of working time has no owner yet")


def test_nothing_owned_yet_has_no_empty_own_work_bar_and_act_two_points_at_the_gap():
    import pandas as pd

    from storykit.model import Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05"]), "person": ["A"], "activity": ["Project X"],
                          "hours": [7.5], "file": "x.csv", "sheet": None, "row": [2]})
    story = sk.build_story(TimeLog(frame, (Source("x.csv", "generic", None, 1, 1, {}, "activity", 1.0),)))
    act1 = story.acts[0].chart  # not one bar 'No owner yet': our working time week by week, all of it open
    assert act1.kind == "column" and act1.categories == ("w/c 5 Jan",) and act1.series[0].colour == "light"
    assert act1.series[0].values == pytest.approx((7.5,)) and act1.unit == "hours a week of working time"
    assert act1.caption.endswith("week by week: none of it with an owner yet")
    assert "Each light grey column is a week of that open time" in story.acts[0].notes.talk
    # its points name what needs an owner, not 'What we control: 0%' and the big number's 100% again
    assert story.acts[0].points[0] == "Largest labels with no owner yet: Project X"
    assert not any("0%" in p for p in story.acts[0].points)
    assert story.acts[1].big_number == sk.narrative.BigNumber("7.5 h a week", "of working time with no owner yet")
    assert story.acts[1].points[0] == "One open label: Project X, 7.5 h a week"
    assert not any("already our own" in p for p in story.acts[1].points)


def test_all_our_own_work_shows_where_our_time_goes_label_by_label():
    """Act 1 of a team with no other teams' work and nothing open was one grey bar, 'Our own work', saying
    only what the title says (act 2 charts the weeks, act 3 the kinds of work): it shows our labels."""
    import pandas as pd

    from storykit.model import Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-13", "2026-01-14"]),
                          "person": ["A", "B", "A", "B"],
                          "activity": ["Customer tickets", "Customer emails", "Customer tickets", "Team meeting"],
                          "hours": [7.5, 6.0, 8.0, 1.0], "file": "x.csv", "sheet": None, "row": [2, 3, 4, 5]})
    log = TimeLog(frame, (Source("x.csv", "generic", None, 1, 4, {}, "activity", 1.0),))
    act1, metrics = sk.build_story(log).acts[0], sk.analyse(log).metrics
    assert act1.title.endswith("100% of working time on our own work, none on other departments'")
    assert act1.chart.kind == "bar" and act1.chart.series[0].colour == "grey"
    assert act1.chart.categories == ("Customer tickets", "Customer emails", "Team meeting")  # largest first
    assert act1.chart.series[0].values == pytest.approx((7.75, 3.0, 0.5))  # hours a week over 2 weeks
    assert act1.chart.caption == "Hours a week, by label: all of it our own work"
    assert "Each grey bar is one of our own labels, the largest first" in act1.notes.talk
    assert sum(h for _, h in metrics.own_labels) == pytest.approx(metrics.controlled_hours)


@pytest.mark.parametrize("people, hours, zero, big, point", [
    (["A"], 3.0, "0 hours a week", "0 h a week", "No hours go to other departments' work"),  # 12 h a week: hours
    (["A", "B", "C", "D"], 8.0, "0.0 full-time people", "0.0 FTE", "0.0 FTE and no hours go to other departments' work"),
])
def test_act_two_with_nothing_to_count_speaks_the_unit_of_its_chart_of_our_time(people, hours, zero, big, point):
    """With no other teams' work act 2's amount is zero, which has no scale: its chart of our working time sets
    the unit (a one-person team's act 2 read '0.0 FTE' beside acts 1 and 3 in hours a week)."""
    import pandas as pd

    from storykit.model import Source, TimeLog

    days = pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"])
    frame = pd.DataFrame([(d, p, "Customer tickets", hours) for d in days for p in people],
                         columns=["date", "person", "activity", "hours"])
    frame = frame.assign(file="x.csv", sheet=None, row=range(2, len(frame) + 2))
    act2 = sk.build_story(TimeLog(frame, (Source("x.csv", "generic", None, 1, len(frame), {}, "activity", 1.0),))).acts[1]
    assert f"costs us {zero}:" in act2.title
    assert act2.big_number.value == big and act2.points[0] == point
    assert act2.chart.unit.startswith("hours a week" if big.endswith("week") else "full-time people")


def test_a_sliver_of_unowned_time_is_not_a_point_that_says_0_percent():
    rows = [("2026-01-05", "Ann", "Customer tickets", 300.0), ("2026-01-06", "Bob", "Phone overflow", 100.0),
            ("2026-01-06", "Bob", "Mystery work", 1.0)]  # 1 of 401 h has no owner: 0.25%, rounds to 0%
    for story in stories_for(rows):
        assert not any("no owner" in p for p in story.acts[0].points), story.acts[0].points
    rows[-1] = ("2026-01-06", "Bob", "Mystery work", 4.0)  # 1%: worth saying
    assert any(p.startswith("1% of working time has no owner yet") for p in stories_for(rows)[0].acts[0].points)


# -- notes are data: the renderer lays them out, a user's text comes back as typed ---------------

def test_notes_read_back_from_the_text_the_app_shows(sample_log, sample_project):
    """The app edits notes as text; text still in the four sections comes back as the same Notes."""
    for ask, audience in COMBOS:
        for act in sk.build_story(sample_log, variant(sample_project, ask, audience)).acts:
            assert sk.Notes.from_text(act.notes.text) == act.notes
            led = dataclasses.replace(act.notes, lead="This is the example.")
            assert sk.Notes.from_text(led.text) == led and led.text.startswith("This is the example.\n\nTALK")


def test_edited_notes_keep_their_sections_and_notes_in_another_form_are_drawn_as_typed(sample_log, sample_project):
    story = sk.build_story(sample_log, sample_project)
    rewritten = story.acts[0].notes.text.replace("Keep that split in mind", "Remember this split")
    typed = "My own notes\n\nSECOND PART\n- with a dash"
    edited = dataclasses.replace(sample_project, edits=Edits(notes={1: rewritten, 2: typed}))
    acts = sk.build_story(sample_log, edited).acts
    assert "Remember this split" in acts[0].notes.talk and acts[0].notes.questions == story.acts[0].notes.questions
    assert acts[1].notes.as_typed == typed
    prs = Presentation(io.BytesIO(sk.build_deck(sk.build_story(sample_log, edited))))
    assert prs.slides[0].notes_slide.notes_text_frame.text == rewritten
    assert prs.slides[1].notes_slide.notes_text_frame.text == typed


def test_a_small_owner_is_labelled_with_its_hundredths_not_as_zero(sample_log, sample_project):
    """Act 1's bars: an owner of an hour every other week (0.01 FTE) has a bar; labelled 0.0 it would say it
    is nothing. Two decimals then, in the app and in the deck; one where every bar reads as itself."""
    rows = [(*r[:3], r[3] * 10) for r in ROWS]  # a team of more than half a person: act 1 in FTE
    rows = [*(r if r[2] != "Invoice queries" else (*r[:2], "Customer tickets", r[3]) for r in rows),
            ("2026-01-13", "Cy", "Invoice queries", 1.0)]  # Finance: 1 h in 2 weeks of 40 h
    story = sk.build_story(tiny_log(rows), sk.Project())
    chart = story.acts[0].chart
    small = [v for v in chart.series[0].values if 0 < v < 0.05]
    assert small and chart.number_format == "0.00"
    deck = Presentation(io.BytesIO(sk.build_deck(story)))
    xml = next(s for s in deck.slides[0].shapes if s.has_chart).chart.part.blob.decode()
    assert 'formatCode="0.00"' in xml and 'formatCode="0.0"' not in xml
    plain = sk.build_story(sample_log, sample_project).acts[0].chart
    assert all(v >= 0.05 for v in plain.series[0].values if v) and plain.number_format == "0.0"


def test_a_bar_under_a_hundredth_reads_less_than_a_hundredth_in_the_app_and_the_deck():
    """An owner of minutes a week (0.003 FTE) has a bar; '0.00' beside it would say it is nothing. It reads
    '<0.01' in the app's chart and, through the label's own number format (an Excel condition, so it holds
    when the data is edited in PowerPoint), in the deck; the other bars keep their hundredths."""
    from storykit.chartspec import label_text

    rows = [(*r[:3], 0.25 if r[2] == "Invoice queries" else r[3] * 10) for r in ROWS]  # 15 minutes in two weeks
    chart = sk.build_story(tiny_log(rows), sk.Project()).acts[0].chart
    values = chart.series[0].values
    tiny = next(i for i, v in enumerate(values) if 0 < v < 0.005)
    drawn = to_figure(chart).data[0]
    assert drawn.texttemplate == "%{text}" and drawn.text[tiny] == "<0.01"
    assert all(re.fullmatch(r"\d+\.\d\d", t) for i, t in enumerate(drawn.text) if i != tiny)
    plot = next(s for s in Presentation(io.BytesIO(sk.build_deck(sk.build_story(tiny_log(rows), sk.Project()))))
                .slides[0].shapes if s.has_chart).chart.plots[0]
    stored = plot.series[0].values
    assert [label_text(plot.data_labels.number_format, v) for v in stored] == list(drawn.text)
    assert label_text(plot.data_labels.number_format, 0.0) == "0.00"  # nothing still reads as nothing


@pytest.mark.parametrize("number_format, value, reads", [
    ("0.0", 1.25, "1.3"), ("0.00", 0.125, "0.13"), ("#,##0", 1234.5, "1,235"), ("0", 0.4, "0"), ("0%", 0.316, "32%"),
    ('[=0]0.00;[<0.005]"<0.01";0.00', 0.0049, "<0.01"), ('[=0]0.00;[<0.005]"<0.01";0.00', 0.005, "0.01"),
    ('[=0]0.00;[<0.005]"<0.01";0.00', 0.0, "0.00"), ('[=0]#,##0;[<0.5]"<1";#,##0', 0.3, "<1"),
], ids=lambda x: str(x))
def test_a_label_reads_as_powerpoint_shows_its_number_format(number_format, value, reads):
    from storykit.chartspec import label_text

    assert label_text(number_format, value) == reads


@pytest.mark.parametrize("number_format, values, floor", [
    ("0.0", (1.2, 0.04), "<0.1"), ("#,##0", (300.0, 0.3), "<1"), ("0.00", (0.2, 0.001, 0.0), "<0.01"),
    ("0.0", (1.2, 0.05), None), ("0.0", (1.2, -0.01, 0.01), None),
], ids=lambda x: str(x))
def test_a_format_gets_a_floor_only_where_a_value_above_zero_would_read_zero(number_format, values, floor):
    from storykit.chartspec import label_text, never_zero

    fmt = never_zero(number_format, values)
    assert (fmt == number_format) is (floor is None)
    for v in values:
        reads_zero = v > 0 and float(label_text(number_format, v).replace(",", "")) == 0
        assert label_text(fmt, v) == (floor if reads_zero and floor else label_text(number_format, v))


def test_a_small_teams_own_work_keeps_its_bar_beside_time_with_no_owner():
    """Files from two periods far apart made a 20-person team 0.2 FTE a week: under the 0.05 FTE floor its 7% of
    own work lost its bar (one bar, 'No owner yet', beside a point saying 7% is ours), and a smaller team's 93%
    with no owner was drawn as our own work. Too thin to see is thin beside the rest: a share of the team's
    time as well as a floor."""
    rows = [("2026-01-05", "Ann", "Customer tickets", 1.0), ("2026-01-05", "Ann", "Mystery work", 13.0),
            ("2026-06-29", "Bob", "Mystery work", 1.0)]  # 26 weeks: 0.015 FTE in all
    story = sk.build_story(tiny_log(rows), sk.Project())
    act1 = story.acts[0].chart
    assert act1.categories[:2] == ("Our own work", "No owner yet")
    own = act1.series[0].values[0]
    assert act1.unit == "hours a week" and 0 < own < 0.05 and to_figure(act1).data[0].text[0] == "<0.1"
    assert "Our own work" in [s.name for s in story.acts[2].chart.series]  # act 3 stacks it as act 1 shows it


def test_the_source_says_how_many_weeks_had_no_working_time_logged():
    """Three real exports from 2018 and 2023 made 244 weeks, 236 of them empty, and a 20-person team 0.2 FTE;
    the source line said '(244 weeks)'. Every per-week figure counts those weeks, so the source names them."""
    rows = [("2026-01-05", "Ann", "Customer tickets", 6.0), ("2026-01-06", "Ann", "Invoice queries", 2.0),
            ("2026-03-02", "Ann", "Customer tickets", 5.0)]  # 5 Jan to 2 Mar: 9 weeks, 7 with nothing
    assert sk.analyse(tiny_log(rows)).metrics.weeks == 9
    assert sk.build_story(tiny_log(rows), sk.Project()).source.endswith(
        "(9 weeks, 7 of them with no working time logged)")
    assert sk.build_story(tiny_log(ROWS), sk.Project()).source.endswith("(2 weeks)")  # every week has entries
    # a week of leave is logged, but not as work: 'nothing logged' was untrue of it (a real export, TimeKex)
    leave = rows[:2] + [("2026-01-12", "Ann", "Vacation", 8.0)]
    assert sk.build_story(tiny_log(leave), sk.Project()).source.endswith(
        "(2 weeks, 1 of them with no working time logged)")


def test_act_three_numbers_of_a_small_team_read_in_hundredths_not_zero():
    """Three files far apart made a whole team 0.07 FTE: act 3's stacked numbers all read '0.0' in the deck."""
    from storykit.chartspec import label_text

    rows = [("2026-01-05", "Ann", "Customer tickets", 1.0), ("2026-01-05", "Ann", "Mystery work", 2.0),
            ("2026-01-06", "Ann", "Project Zephyr", 1.0)]
    for story in stories_for(rows):
        chart = story.acts[2].chart
        shown = [label_text(chart.number_format, v) for s in chart.series for v in s.values if v]
        assert shown and "0.0" not in shown, (chart.number_format, shown)


def test_a_sliver_of_other_teams_work_reads_under_one_percent_and_act_three_speaks_in_its_hours():
    """A real YouTrack export with its suggestions accepted: 2.8 h a week of 560 went to another team. Act 1
    said '0%' beside a bar of it, act 3's big number '0.0 FTE' under a title freeing 1.4 hours a week, and its
    chart printed 11.85 and 3.13 because a sliver it does not number needed two decimals."""
    from storykit.chartspec import label_text

    rows = [("2026-01-05", "Ann", "Customer tickets", 150.0), ("2026-01-05", "Bob", "Mystery work", 250.0),
            ("2026-01-06", "Cy", "Phone overflow", 1.0)]  # 1 of 401 h: 0.25%
    story = stories_for(rows)[0]  # hand_back, operations
    act1, _, act3 = story.acts
    assert act1.big_number.value == "<1%" and "<1% of working time" in act1.title
    assert act3.big_number.value.endswith("h a week") and act3.big_number.value.split()[0] in act3.title
    chart = act3.chart  # in the big number's unit, hours a week: whole hours where they are tens
    printed = [label_text(chart.number_format, v) for s in chart.series for v in s.values
               if v >= 0.04 * chart.value_max]
    assert chart.unit == "hours a week"
    assert printed and all(p.isdigit() for p in printed), (chart.number_format, printed)


@pytest.mark.parametrize("scale", [0.1, 1, 10, 100], ids=lambda x: f"hours x{x}")
def test_each_slide_speaks_one_unit_chosen_by_its_largest_amount(scale):
    """A small team's act 3 said '1.6 h a week' above a chart of 0.03 FTE, and act 2 '1.3 FTE' above labels in
    hours a week: a manager had to convert. Each slide's chart is in the unit of its big number (hours a week
    below half a person, else full-time people); act 1's in the unit its largest bar reads in."""
    rows = [(*r[:3], r[3] * scale) for r in ROWS]
    for story in stories_for(rows):
        for act in story.acts:
            unit = "hours a week" if act.chart.unit.startswith("hours a week") else "FTE"
            assert act.chart.unit.startswith(("hours a week", "full-time people (FTE)")), act.chart.unit
            value = act.big_number.value
            if value.endswith(("FTE", "h a week", "hours a week")):
                assert value.endswith("FTE") == (unit == "FTE"), (act.number, value, act.chart.unit)
            other = "FTE" if unit == "hours a week" else "h a week"  # and so do its points
            said = [re.sub(r"\([^)]*\)", "", p) for p in act.points]  # '1.2 FTE (50 h a week)' converts for the room
            assert not any(other in p for p in said), (act.number, act.points, act.chart.unit)
            if act.number == 1:
                top = max(act.chart.series[0].values) / (40 if unit == "hours a week" else 1)
                assert (top < 0.5) == (unit == "hours a week"), (top, act.chart.unit)


def test_a_long_log_charts_an_average_week_a_month_with_nothing_for_empty_months():
    """Three exports from two years apart made 113 weeks, 102 of them empty: act 1's weekly columns ran into a row
    of '0' labels with their numbers on top of each other. Past half a year of weeks a column is a month's average
    week (a quarter's past 26 months); a month with nothing has no number, in the app and in the deck alike."""
    from storykit.chartspec import label_text
    from storykit.lint import lint_story

    first = dt.date(2024, 1, 1)  # a Monday
    worked = [*range(0, 10), *range(100, 105)]  # weeks with entries: early on, and two years later
    rows = [(str(first + dt.timedelta(weeks=w, days=d)), "Ann", label, 4.0)
            for w in worked for d in range(2) for label in ("Customer tickets", "Phone overflow")]
    story = sk.build_story(tiny_log(rows), sk.Project())
    chart = story.acts[1].chart  # other teams' work over time
    mondays = [first + dt.timedelta(weeks=w) for w in range(105)]
    months = sorted({(m.year, m.month) for m in mondays})
    assert chart.categories == tuple(dt.date(y, m, 1).strftime("%b %Y") for y, m in months)
    assert "a week on average, month by month" in chart.caption
    other = {(m.year, m.month): 0.0 for m in mondays}
    for w in worked:
        monday = first + dt.timedelta(weeks=w)
        other[(monday.year, monday.month)] += 2 * 4.0
    weeks_in = {k: sum((m.year, m.month) == k for m in mondays) for k in months}
    expected = [other[k] / weeks_in[k] for k in months]  # hours in an average week of each month
    assert chart.series[0].values == pytest.approx(expected)  # 8 h a week at most: hours, the slide's unit
    printed = [label_text(chart.number_format, v) for v in chart.series[0].values]
    assert all((p == "") == (v == 0) for p, v in zip(printed, chart.series[0].values, strict=True))
    assert list(to_figure(chart).data[0].text) == printed  # the app prints what the deck prints
    assert not [f for f in lint_story(story) if f.rule == "chart-categories"]  # a month axis is time, not size
    years = [(*r[:3], r[3]) for r in rows if r[0] < "2024-03-01"]  # 9 weeks: one column a week
    assert sk.build_story(tiny_log(years), sk.Project()).acts[1].chart.categories[0] == "w/c 1 Jan"


@pytest.mark.parametrize("name", ["handmade_care_team.xlsx", "harvest_service_desk.csv"])
def test_act_two_without_a_cost_still_makes_its_case_in_two_points(name):
    """With no hourly cost, no slip and the work spread evenly, act 2 had one point (the hours): one bullet reads
    as a thought not finished, and the story lint refused it. The second says whose work it is."""
    analysis = sk.analyse(sk.load((name, (SAMPLES / name).read_bytes())), sk.Project())
    story = sk.build_story(analysis, sk.Project())
    owners = analysis.metrics.by_owner
    share = owners[0][1] / sum(h for _, h in owners)
    assert story.acts[1].points[-1] == f"The largest owner: {owners[0][0]}, {share:.0%} of it; {len(owners)} teams in all"
    assert sk.lint_story(story) == ()
