"""The second meeting end to end: the baseline a saved project keeps (checked like every field, no rows,
no names), the CLI's --save-project and --follow-up, the deck's three slides and their numbers against
the hand computation, and the app offering the follow-up beside the story."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from pptx import Presentation

import storykit as sk
from pages import _shared as ui
from tests.app_session import download, goto, new_session, upload
from tests.conftest import SAMPLES
from tests.followup_cases import (
    CONTRACT,
    DEFAULT_SHARE,
    SHARE,
    baseline_rows,
    by_hand,
    later_rows,
    log_of,
    sample_project,
    saved_sample_project,
)
from tests.test_cli import run

FIRST, LATER = "toggl_support_team.csv", "toggl_support_team_oct_nov.csv"


# -- the baseline in the project file ------------------------------------------------------------------
def test_a_saved_project_keeps_the_baseline_as_aggregates_only():
    saved = saved_sample_project()
    text = saved.to_json()
    baseline = json.loads(text)["baseline"]
    assert set(baseline) == {"first", "last", "team_size", "contracted_weekly_hours", "work_hours_per_week",
                             "stage_weeks", "owners"}
    assert (baseline["first"], baseline["last"], baseline["team_size"]) == ("2026-09-07", "2026-10-09", 8)
    hand = by_hand(later_rows(), 4, [1])
    assert {o["owner"]: o["hours_per_week"] for o in baseline["owners"]} == pytest.approx(hand.before, abs=1e-4)
    assert {o["owner"]: o["share"] for o in baseline["owners"]} == {o: SHARE.get(o, DEFAULT_SHARE) for o in hand.before}
    assert {o["start"] for o in baseline["owners"]} == {"2026-10-12"}
    people = {p for _, p, _, _, _ in baseline_rows()}
    assert not [p for p in people if p in text or p.split()[0].lower() + "@" in text], "no names in the project file"
    assert sk.Project.from_json(text) == saved and hash(sk.Project.from_json(text)) == hash(saved)


def test_saving_later_data_keeps_the_baseline_and_the_same_period_replaces_it():
    saved = saved_sample_project()
    later = sk.saved_project(saved, sk.analyse(log_of(later_rows()), saved))
    assert later.baseline == saved.baseline
    assert "Returns processing" in later.known_labels  # reviewed when saved: not new next time
    changed = dataclasses.replace(saved, scenario=sk.Scenario(default_share=0.2))
    again = sk.saved_project(changed, sk.analyse(log_of(baseline_rows()), changed))
    assert again.baseline != saved.baseline and {o.share for o in again.baseline.owners} == {0.2}


BAD_BASELINES = {
    "first after last": ({"first": "2026-10-10"}, "baseline.last must not be before baseline.first (2026-10-10)"),
    "a date missing": ({"last": None}, "baseline.last must be a date like 2026-01-31"),
    "a field missing": ({"team_size": ...}, "baseline.team_size is missing"),
    "an owner twice": ({"owners": "twice"}, "baseline.owners name 'Finance' more than once"),
    "more than all the work": ({"work_hours_per_week": 10}, "more than the 10.00 working hours a week"),
    "stage 4": ({"owners": "stage 4"}, "baseline.owners[0].stage must be a whole number from 1 to 3"),
    "a field unknown": ({"people": ["Ana Silva"]}, "baseline has an unknown field 'people'"),
}


@pytest.mark.parametrize("change", BAD_BASELINES.values(), ids=BAD_BASELINES.keys())
def test_a_bad_baseline_is_named_field_by_field(change):
    edit, message = change
    data = json.loads(saved_sample_project().to_json())
    for key, value in edit.items():
        if value is ...:
            del data["baseline"][key]
        elif value == "twice":
            data["baseline"]["owners"].append(data["baseline"]["owners"][1])
        elif value == "stage 4":
            data["baseline"]["owners"][0]["stage"] = 4
        else:
            data["baseline"][key] = value
    with pytest.raises(sk.ProjectError) as e:
        sk.Project.from_json(json.dumps(data))
    assert message in str(e.value)


# -- the CLI --------------------------------------------------------------------------------------------
def test_cli_saves_the_baseline_then_builds_the_follow_up_deck_whose_numbers_match_the_hand_computation(tmp_path):
    p2, deck, followup = tmp_path / "p2.json", tmp_path / "deck.pptx", tmp_path / "followup.pptx"
    first = run("build", str(SAMPLES / FIRST), "--project", str(SAMPLES / "project.json"),
                "--save-project", str(p2), "-o", str(deck))
    assert first.returncode == 0, first.stderr
    assert "with this period as its baseline" in first.stdout and "no rows, no names" in first.stdout
    assert sk.Project.from_json(p2.read_text()).baseline is not None
    second = run("build", str(SAMPLES / LATER), "--project", str(p2), "--follow-up", "--appendix", "-o", str(followup))
    assert second.returncode == 0, second.stderr
    assert "the follow-up deck has no appendix" in second.stdout  # said, not silently ignored
    assert "new since the project was saved, not decided yet: 'Returns processing'" in second.stdout
    assert "lint:" not in second.stdout
    slides = Presentation(io.BytesIO(followup.read_bytes())).slides
    assert len(slides) == 3
    titles = [s.shapes.title.text for s in slides]
    hand = by_hand(later_rows(), 4, [1, 1, 1, 1])
    before, final = sum(hand.before.values()), sum(h * SHARE.get(o, DEFAULT_SHARE) for o, h in hand.before.items())
    work = sum(n for _, _, label, _, n in baseline_rows() if label != "Lunch break") / 60 / 5
    assert titles[0].startswith(f"We agreed to hand back {final / CONTRACT:.1f} of the {before / CONTRACT:.1f} FTE "
                                f"other teams' work took, {before / work:.0%} of our time, in three stages from 12 Oct")
    assert hand.total_planned / CONTRACT < 0.5  # below half a person: said in hours a week
    assert titles[1].startswith(f"Stage 1 freed {hand.total_back:.0f} of the {hand.total_planned:.0f} hours a week "
                                "planned: IT and 2 more teams")
    stalled = ("IT", "Sales", "Other teams (training)")
    due = sum(hand.planned[o] - hand.back(o) for o in stalled)
    assert titles[2] == (f"Our ask: fix stage 1 with IT and 2 more teams ({due:.1f} hours a week still due), then "
                         "approve stage 2 from 9 Nov")
    notes = slides[1].notes_slide.notes_text_frame.text
    cc = hand.before["Contact Centre"]
    assert f"{cc:,.2f} x 60% x 1/3" in notes
    planned, back = (float(x) for x in re.findall(r"= ([\d.]+) h a week = [\d.]+ FTE", notes)[:2])
    assert planned == pytest.approx(hand.total_planned, abs=0.006) and back == pytest.approx(hand.total_back, abs=0.006)


def test_cli_follow_up_without_a_baseline_fails_with_one_line_saying_how_to_make_one(tmp_path):
    result = run("build", str(SAMPLES / LATER), "--project", str(SAMPLES / "project.json"), "--follow-up",
                 "-o", str(tmp_path / "f.pptx"))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {SAMPLES / 'project.json'}: this project has no baseline")
    assert "--save-project" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "f.pptx").exists()
    none = run("build", str(SAMPLES / LATER), "--follow-up", "-o", str(tmp_path / "f.pptx"))
    assert none.returncode == 2 and none.stderr.startswith("error: --follow-up: needs --project")


def test_cli_follow_up_of_data_no_later_than_the_baseline_fails_with_exit_2(tmp_path):
    p2 = tmp_path / "p2.json"
    p2.write_text(saved_sample_project().to_json())
    result = run("build", str(SAMPLES / FIRST), "--project", str(p2), "--follow-up", "-o", str(tmp_path / "f.pptx"))
    assert result.returncode == 2
    assert "is not later than the baseline" in result.stderr and "12 Oct 2026" in result.stderr


# -- the app --------------------------------------------------------------------------------------------
def test_the_app_offers_the_follow_up_beside_the_story_and_exports_its_deck():
    at = new_session()
    saved = saved_sample_project()
    upload(at, (LATER, (SAMPLES / LATER).read_bytes()), ("team.storykit.json", saved.to_json().encode()))
    goto(at, ui.STORY)
    expected = sk.build_follow_up(sk.load((LATER, (SAMPLES / LATER).read_bytes())), saved)
    assert [h.value for h in at.subheader] == list(expected.titles)
    assert any("Returns processing" in w.value for w in at.warning)  # the new label is asked about
    at.radio(key="story_view").set_value("This period's story").run()
    assert at.text_area(key=f"{ui.SEED}titles1").value == sk.build_story(
        sk.load((LATER, (SAMPLES / LATER).read_bytes())), saved).acts[0].title
    goto(at, ui.EXPORT)
    assert any("the baseline you loaded" in m.value and "No rows and no names" in m.value for m in at.markdown)
    name, data = download(at, "download_followup")
    assert name.endswith("-follow-up.pptx")
    assert [s.shapes.title.text for s in Presentation(io.BytesIO(data)).slides] == list(expected.titles)
    _, project_file = download(at, "download_project")
    assert sk.Project.from_json(project_file).baseline == saved.baseline


def test_the_app_says_what_the_baseline_keeps_and_offers_no_follow_up_without_later_data():
    at = new_session()
    upload(at, (FIRST, (SAMPLES / FIRST).read_bytes()), ("p.json", (SAMPLES / "project.json").read_bytes()))
    goto(at, ui.STORY)
    assert not at.radio
    goto(at, ui.EXPORT)
    assert any("this period as the plan's baseline" in m.value and "7 Sep - 9 Oct 2026: 8 people" in m.value
               for m in at.markdown)
    _, saved = download(at, "download_project")
    assert sk.Project.from_json(saved).baseline == saved_sample_project().baseline
    upload(at, ("p2.json", saved))
    goto(at, ui.STORY)
    assert not at.radio and any("This project keeps a baseline" in c.value for c in at.caption)
    assert sample_project().baseline is None
