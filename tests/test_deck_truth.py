"""What a director reads in the deck is true and gives nothing away: the user's folders never reach
it, claims are made only when the numbers carry them, and edits reach every place their text shows."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile
from xml.sax.saxutils import escape

import pytest

import storykit as sk
from tests.conftest import SAMPLES

AUDIENCES = ("operations", "finance", "people")


def sample_project(**settings: object) -> sk.Project:
    project = sk.Project.from_json((SAMPLES / "project.json").read_text())
    return dataclasses.replace(project, settings=dataclasses.replace(project.settings, **settings))


def deck_texts(deck: bytes) -> dict[str, str]:
    """Every part of the .pptx as text, and every part of each embedded chart workbook (a zip in the zip)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as outer:
        for name in outer.namelist():
            data = outer.read(name)
            out[name] = data.decode("utf-8", "replace")
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for part in inner.namelist():
                        out[f"{name}!{part}"] = inner.read(part).decode("utf-8", "replace")
    return out


# -- the user's folders never reach the deck ---------------------------------------------------------

@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_file_from_a_home_folder_is_named_by_its_base_name_only(tmp_path, audience):
    folder = tmp_path / "home" / "jane.doe" / "exports"
    folder.mkdir(parents=True)
    path = folder / "x.csv"
    shutil.copy(SAMPLES / "toggl_support_team.csv", path)
    built = sk.build([path], sample_project(audience=audience), sk.DeckOptions(appendix=True))
    parts = deck_texts(built.deck)
    assert any(name.endswith(".xlsx") for name in parts), "the charts' workbooks are searched too"
    for needle in ("jane.doe", "exports/", "/home", str(tmp_path)):
        leaks = [name for name, text in parts.items() if needle in text]
        assert not leaks, f"{needle!r} is in {leaks}"
    assert built.story.source.startswith("Source: x.csv; ")


@pytest.mark.parametrize("name", [r"C:\Users\jane.doe\exports\x.csv", "/home/jane.doe/exports/x.csv",
                                  "exports/x.csv"])
def test_an_upload_named_with_its_folders_shows_only_its_base_name(name):
    log = sk.load((name, (SAMPLES / "toggl_support_team.csv").read_bytes()))
    story = sk.build_story(log, sample_project())
    assert story.source.startswith("Source: x.csv; ")
    text = "\n".join(deck_texts(sk.build_deck(story)).values())
    assert "jane.doe" not in text and "exports" not in text


# -- slide 2 says the money and the people; the arithmetic is in the notes -------------------------

@pytest.fixture(scope="module")
def sample_log() -> sk.TimeLog:
    return sk.load(SAMPLES / "toggl_support_team.csv")


def act_two_face(act: sk.narrative.Act) -> tuple[str, str, str]:
    """What a director reads first on a slide: its title, its big number, its first point."""
    return act.title, f"{act.big_number.value} {act.big_number.label}", act.points[0]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_slide_two_states_the_money_and_the_fte_whenever_a_cost_is_known(sample_log, audience):
    # 93.25 h a week x 46 weeks x $48 = $205,896 -> $206k; 93.25 / 37.5 = 2.5 FTE
    act = sk.build_story(sample_log, sample_project(audience=audience)).acts[1]
    face = act_two_face(act)
    assert any("$206k" in text for text in face), face
    assert any("2.5" in text for text in (act.title, act.big_number.value, *act.points)), act
    for point in act.points:
        assert " = " not in point and " / " not in point, point  # the arithmetic is not a point
    assert "Annual cost = 93.2 h x 46 weeks x $48.00 = $206k" in act.notes.method
    assert "FTE = 93.2 h per week / 37.5 h = 2.5" in act.notes.method


def test_the_how_was_this_computed_panel_carries_the_arithmetic(sample_log):
    analysis = sk.analyse(sample_log, sample_project())
    formulas = {x.name: x.formula for x in sk.explain(analysis.metrics, "$")}
    assert formulas["Annual cost"] == "93.2 h per week x 46 working weeks x $48.00 loaded hourly cost"
    assert formulas["FTE equivalent"].endswith("/ 37.5 contracted h per week")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_without_a_cost_slide_two_says_people_and_no_money(sample_log, audience):
    act = sk.build_story(sample_log, sample_project(audience=audience, hourly_cost=None)).acts[1]
    assert "$" not in " ".join((act.title, act.big_number.value, act.big_number.label, *act.points))
    assert act.big_number.value == "2.5 FTE"


# -- what the reader does not know, the story does not claim ------------------------------------

SUMMARY = ("summary_2026-03-01_to_2026-03-31.csv",
           b"Project,Duration\r\nCustomer tickets,60:00:00\r\nPhone overflow,40:00:00\r\nInvoice queries,20:00:00\r\n")
NO_NAMES = ("log.csv", "\n".join(["Date,Activity,Hours"] + [
    f"2026-03-{d:02d},{a},{h}" for d in (2, 3, 4, 9, 10, 11, 16, 17) for a, h in
    (("Customer tickets", 20), ("Phone overflow", 8 + d % 3))]).encode())


@pytest.mark.parametrize("upload", [SUMMARY, NO_NAMES], ids=["summary", "no-names"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_log_that_names_nobody_is_the_team_never_a_one_person_team(upload, audience):
    log = sk.load(upload)
    assert not log.people_known
    story = sk.build_story(log, sample_project(audience=audience, team_name="Our team"))
    text = story_text(story)
    assert "one-person" not in text and "one person" not in text, text
    assert "each of us" not in text and "two of us" not in text and "Person A" not in text
    title = story.acts[0].title
    assert title.startswith("Our team spends ") or " we pay the team for " in title, title
    assert not any(c.startswith("Person") for c in story.acts[1].chart.categories)


def test_the_team_size_from_settings_is_the_teams_size_when_the_log_names_nobody():
    story = sk.build_story(sk.load(SUMMARY), sample_project(team_name="Our team", team_size=8))
    assert story.acts[0].title.startswith("Our 8-person team spends 50% of working time")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_summary_gets_the_chart_its_data_supports_hours_by_owner_not_weeks(audience):
    log = sk.load(SUMMARY)
    assert not log.weekly_detail
    act = sk.build_story(log, sample_project(audience=audience)).acts[1]
    assert act.chart.kind == "bar"
    assert act.chart.categories == ("Contact Centre", "Finance")
    # 40 h and 20 h over the 6 ISO weeks that 1-31 March 2026 touches
    assert act.chart.series[0].values == pytest.approx((40 / 6, 20 / 6))
    assert not any(c.startswith("w/c") for c in act.chart.categories)
    assert "totals for the period, not week by week" in act.notes.text


def story_text(story: sk.Story) -> str:
    return "\n".join(t for a in story.acts for t in (a.title, *a.points, a.notes.text, a.big_number.value,
                                                       a.big_number.label, a.chart.caption, a.chart.alt_text,
                                                       *a.chart.categories))


# -- concentration only when material, and in words a director can check --------------------------

def team_log(other_hours: list[float]) -> sk.TimeLog:
    """One person per value: 30 h of own work and that many hours of phone overflow, in one week."""
    from tests.test_metrics import tiny_log

    rows = []
    for i, hours in enumerate(other_hours):
        rows.append(("2026-03-02", f"P{i + 1} Name", "Customer tickets", 30.0))
        if hours:
            rows.append(("2026-03-03", f"P{i + 1} Name", "Phone overflow", hours))
    return tiny_log(rows)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_concentration_below_the_rule_is_not_claimed(audience):
    # 8 people; the top two carry 8 of 25 h = 32%; an even split of two would be 25%; 32% < 1.5 x 25%
    log = team_log([4, 4, 3, 3, 3, 3, 3, 2])
    story = sk.build_story(log, sample_project(audience=audience))
    act = story.acts[1]
    face = " ".join((act.title, *act.points))
    assert "carry" not in face, face
    assert "concentrated" not in act.notes.talk and "two of our" not in act.notes.talk
    assert "spread across the team: the two who do most carry 32% of it, against 25%" in act.notes.talk
    assert "1.5 times their even share" in act.notes.method and "here it is not called out" in act.notes.method
    assert act.chart.kind == "column"  # who carries it is no story: the weeks are


@pytest.mark.parametrize("audience", AUDIENCES)
def test_material_concentration_says_two_of_our_people_without_names(audience):
    # 8 people; the top two carry 12 of 27 h = 44%, at least 1.5 x 25% = 38%
    log = team_log([6, 6, 3, 3, 3, 2, 2, 2])
    story = sk.build_story(log, sample_project(audience=audience))
    text = story_text(story)
    assert "two of our 8 people carry 44% of it" in text
    assert "P1 Name" not in text and "Person" not in text  # 'Person A' means nothing to a director
    assert "here it is called out" in story.acts[1].notes.method
    if audience == "people":  # who carries it is the chart: ranks, most first, the two in the accent colour
        chart = story.acts[1].chart
        assert chart.categories[:3] == ("1st", "2nd", "3rd")
        assert chart.series[0].point_colours[:3] == ("accent", "accent", "grey")


def test_material_concentration_names_the_two_when_names_are_switched_on():
    log = team_log([6, 6, 3, 3, 3, 2, 2, 2])
    act = sk.build_story(log, sample_project(audience="people", show_names=True)).acts[1]
    assert "P1 Name and P2 Name carry 44% of it" in act.title
    assert act.chart.categories[:2] == ("P1 Name", "P2 Name")
    assert "Who are the two people?" not in act.notes.text


# -- time with no owner is never drawn as ours ----------------------------------------------------

def unowned_log() -> sk.TimeLog:
    """Over two weeks: 36 h a week of our own tickets, 60 h of a label nobody has decided, 40 h of phone overflow."""
    from tests.test_metrics import tiny_log

    rows = []
    for monday in ("2026-03-02", "2026-03-09"):
        rows += [(monday, "Ann", "Customer tickets", 36.0), (monday, "Bob", "Mystery work", 60.0),
                 (monday, "Cy", "Phone overflow", 40.0)]
    return tiny_log(rows)


@pytest.mark.parametrize("ask", ("hand_back", "headcount", "service_level"))
def test_time_with_no_owner_keeps_its_own_grey_labelled_segment_in_act_three(ask):
    project = dataclasses.replace(sample_project(), scenario=dataclasses.replace(sample_project().scenario, ask=ask),
                                  service=sk.ServiceLevel())  # no backlog: service level shows our own queue
    story = sk.build_story(unowned_log(), project)
    act1, act3 = story.acts[0], story.acts[2]
    bars = dict(zip(act1.chart.categories, act1.chart.series[0].values, strict=True))
    colours = dict(zip(act1.chart.categories, act1.chart.series[0].point_colours, strict=True))
    assert bars["No owner yet"] == pytest.approx(60 / 37.5) and colours["No owner yet"] == "light"
    assert bars["Our own work"] == pytest.approx(36 / 37.5) and colours["Our own work"] == "grey"
    series = {s.name: s for s in act3.chart.series}
    if ask == "service_level":
        assert series["Our own queue (FTE)"].values[0] == pytest.approx(36 / 37.5)  # not 96 / 37.5
        return
    assert series["No owner yet"].colour == "light"
    assert series["No owner yet"].values == pytest.approx([60 / 37.5] * len(act3.chart.categories))
    assert series["Our own work"].values == pytest.approx([36 / 37.5] * len(act3.chart.categories))
    deck = sk.build_deck(story)
    from pptx import Presentation

    slide = Presentation(io.BytesIO(deck)).slides[2]
    chart = next(s for s in slide.shapes if s.has_chart).chart
    assert [s.name for s in chart.plots[0].series][:2] == ["Our own work", "No owner yet"]
    assert "Label: No owner yet" in [s.name for s in slide.shapes]


def test_with_nothing_owned_yet_act_three_draws_no_empty_own_work_and_act_two_lists_what_needs_an_owner():
    from tests.test_metrics import tiny_log

    log = tiny_log([("2026-03-02", "Ann", "Project X", 30.0), ("2026-03-03", "Ann", "Project Y", 10.0)])
    story = sk.build_story(log, sample_project())
    assert [s.name for s in story.acts[2].chart.series] == ["Owner agreed", "No owner yet"]
    assert story.acts[1].chart.categories == ("Project X", "Project Y")
    # 40 h in one week x 46 weeks x $48 = $88,320; 40 / 37.5 = 1.1 FTE
    act1, act2, act3 = story.acts
    assert act2.big_number == sk.narrative.BigNumber("$88k", "a year of working time (1.1 FTE) with no owner yet")
    assert act2.points[0] == "2 open labels; the largest: Project X, 0.8 FTE"
    # nothing is claimed to be ours, nor 'a good position', while all of it waits for an owner
    assert "good position" not in act1.notes.talk and "went to our own work" not in act2.notes.talk
    assert act3.big_number == sk.narrative.BigNumber("1.1 FTE", "of working time to give an owner")
    assert act3.points[-1] == "Our ask: agree with each team which open labels are theirs"
    assert "puts our capacity back" not in act3.notes.talk


# -- an edited title reaches every place its text shows --------------------------------------------

@pytest.mark.parametrize("audience", AUDIENCES)
def test_an_edited_title_reaches_the_talk_track_and_the_document_but_edited_notes_stay_as_typed(
        sample_log, audience):
    project = sample_project(audience=audience)
    generated = sk.build_story(sample_log, project)
    edits = sk.Edits(titles={1: "A third of our week is other teams' work", 2: "What does it cost us?",
                             3: "We hand it back by 5 October"}, notes={3: "My own notes"})
    story = sk.build_story(sample_log, dataclasses.replace(project, edits=edits))
    act1, act2, act3 = story.acts
    assert act1.notes.talk.startswith("A third of our week is other teams' work. ")
    assert act2.notes.talk.startswith("What does it cost us? ")  # no '?.'
    assert act1.notes.talk.endswith(generated.acts[0].notes.talk[len(generated.acts[0].title) + 2:])
    assert act3.notes.text == "My own notes"  # the user's own notes are never rewritten
    parts = deck_texts(sk.build_deck(story))
    for old in (generated.acts[0].title, generated.acts[1].title):
        leaks = [name for name, text in parts.items() if escape(old) in text or old in text]
        assert not leaks, f"{old!r} is still in {leaks}"
    notes = "".join(text for name, text in parts.items() if "notesSlide" in name)
    assert escape("A third of our week is other teams' work. ") in notes
    assert "We hand it back by 5 October" in parts["docProps/app.xml"]


def test_an_emptied_title_leaves_the_talk_track_without_the_old_one(sample_log):
    generated = sk.build_story(sample_log, sample_project())
    story = sk.build_story(sample_log, dataclasses.replace(sample_project(), edits=sk.Edits(titles={1: " "})))
    assert story.acts[0].notes.talk == generated.acts[0].notes.talk[len(generated.acts[0].title) + 2:]


# -- dates carry their year where the story's dates span years --------------------------------------

def test_a_period_that_crosses_a_year_dates_everything_with_its_year():
    from tests.test_metrics import tiny_log

    rows = [(d, "Ann", a, h) for d in ("2025-12-15", "2025-12-22", "2026-01-05", "2026-01-12")
            for a, h in (("Customer tickets", 20.0), ("Phone overflow", 10.0))]
    story = sk.build_story(tiny_log(rows), sample_project())
    assert "; 15 Dec 2025 - 12 Jan 2026 (5 weeks, 1 of them with no working time logged)" in story.source  # 29 Dec
    act2, act3 = story.acts[1], story.acts[2]
    assert act2.chart.categories[0] == "w/c 15 Dec 2025" and act2.chart.categories[-1] == "w/c 12 Jan 2026"
    assert "2026" in act3.title and "from 19 Jan 2026" in act3.notes.talk  # the plan starts the next Monday


def test_a_period_and_plan_within_one_year_say_the_year_once():
    from tests.test_metrics import tiny_log

    rows = [(d, "Ann", a, h) for d in ("2026-03-02", "2026-03-09")
            for a, h in (("Customer tickets", 20.0), ("Phone overflow", 10.0))]
    story = sk.build_story(tiny_log(rows), sample_project())
    assert story.source.endswith("; 2 Mar - 9 Mar 2026 (2 weeks)")
    assert "2026" not in " ".join((story.acts[2].title, *story.acts[2].points, *story.acts[1].chart.categories))


def test_a_plan_that_runs_into_the_next_year_dates_with_years():
    from tests.test_metrics import tiny_log

    rows = [("2026-12-07", "Ann", "Customer tickets", 20.0), ("2026-12-08", "Ann", "Phone overflow", 10.0)]
    story = sk.build_story(tiny_log(rows), sample_project())
    assert story.source.endswith("; 7 Dec - 8 Dec 2026 (1 week)")
    act3 = story.acts[2]
    assert "from 14 Dec " in act3.title and "14 Dec 20" not in act3.title  # the period's own year
    assert any(c.endswith("Jan 2027") for c in act3.chart.categories), act3.chart.categories  # the next one


def test_one_day_is_said_once_with_its_year():
    from tests.test_metrics import tiny_log

    story = sk.build_story(tiny_log([("2013-03-12", "Ann", "Customer tickets", 8.0)]), sample_project())
    assert story.source.endswith("; 12 Mar 2013 (1 week)")


# -- act 3 says what the time is for, and when the backlog clears ------------------------------------

def with_ask(project: sk.Project, ask: str, **service: object) -> sk.Project:
    return dataclasses.replace(project, scenario=dataclasses.replace(project.scenario, ask=ask),
                               service=dataclasses.replace(project.service, **service))


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("ask", ("hand_back", "headcount"))
def test_the_act_three_title_carries_the_purpose(sample_log, ask, audience):
    project = with_ask(sample_project(audience=audience), ask)
    assert project.scenario.reclaimed_for == "clearing our email backlog"
    title = sk.build_story(sample_log, project).acts[2].title
    assert "for clearing our email backlog" in title or "to clearing our email backlog" in title, title


def test_a_concentrated_load_keeps_the_purpose_in_the_people_title():
    log = team_log([6, 6, 3, 3, 3, 2, 2, 2])
    title = sk.build_story(log, sample_project(audience="people")).acts[2].title
    assert "for clearing our email backlog" in title and "lifts the load off the few" in title, title


@pytest.mark.parametrize("ask", ("hand_back", "headcount", "service_level"))
def test_a_backlog_with_minutes_per_item_gets_its_clearing_date_on_the_slide(sample_log, ask):
    story = sk.build_story(sample_log, with_ask(sample_project(), ask))
    act3 = story.acts[2]
    # 340 items x 20 min = 113 h; the plan from 12 Oct returns 16.7, 33.5, then 50.2 h a week: 19 Nov
    assert any("backlog" in p and "by 19 Nov" in p for p in act3.points), act3.points
    assert "One backlog item takes 20 minutes" in act3.notes.text


@pytest.mark.parametrize("ask", ("hand_back", "headcount"))
def test_without_minutes_per_item_no_clearing_date_is_claimed(sample_log, ask):
    act3 = sk.build_story(sample_log, with_ask(sample_project(), ask, minutes_per_item=None)).acts[2]
    assert not any("clears it by" in p or "clear our" in p for p in act3.points), act3.points
    assert "One backlog item takes" not in act3.notes.text


def test_a_thin_segment_is_drawn_in_the_deck_as_in_the_app_without_its_number():
    """A small team's own work (0.03 FTE under 1 FTE with no owner; a real workbook had it): the app drew its segment
    and the deck left it out (written as no value), so the legend named a colour no column showed. Both draw it;
    neither prints a number it cannot hold."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    from storykit.charts import to_figure
    from tests.test_metrics import tiny_log

    rows = [("2026-01-05", "Ann", "Customer tickets", 1.0), ("2026-01-05", "Ann", "Mystery work", 39.0)]
    story = sk.build_story(tiny_log(rows), sk.Project())
    spec = story.acts[2].chart
    own = next(s for s in spec.series if s.name == "Our own work")
    assert all(0 < v < 0.05 for v in own.values)  # 1 h / 37.5 h
    chart = next(s for s in Presentation(io.BytesIO(sk.build_deck(story))).slides[2].shapes if s.has_chart).chart
    drawn = next(s for s in chart.plots[0].series if s.name == "Our own work")
    assert list(drawn.values) == pytest.approx(own.values, abs=1e-3)
    hidden = {int(d.find(qn("c:idx")).get("val")) for d in drawn._element.iter(qn("c:dLbl"))
              if d.find(qn("c:delete")) is not None and d.find(qn("c:delete")).get("val") == "1"}
    assert hidden == set(range(len(own.values)))
    app = next(t for t in to_figure(spec).data if t.name == "Our own work")
    assert list(app.y) == list(own.values) and set(app.text) == {""}
