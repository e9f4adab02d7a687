"""The second meeting's numbers: the sample team's second period against its baseline, computed by hand
from the generator's entries, and the edge cases (overlap, a team that grew, an owner gone, nothing
handed back, more than handed back, work the plan never held, no baseline)."""

from __future__ import annotations

import dataclasses

import pytest

import storykit as sk
from storykit.narrative.followup import baseline_words
from tests.followup_cases import (
    CONTRACT,
    DEFAULT_SHARE,
    OWNER_OF,
    SHARE,
    baseline_rows,
    build_follow_up,
    by_hand,
    generator,
    later_rows,
    log_of,
    params,
    per_week,
    relabelled,
    sample_project,
    saved_sample_project,
    shifted,
)

# The baseline runs 5 weeks from Monday 7 Sep 2026 (to Friday 9 Oct): stage 1 begins Monday 12 Oct,
# stage 2 four weeks later on 9 Nov. The second period's 4 weeks (12 Oct - 6 Nov) are all stage 1.
LATER_STAGES = [1, 1, 1, 1]


def test_the_generator_parameters_give_the_dates_the_plan_is_measured_by():
    p = generator()
    assert params()["weeks"] == 5 and str(params()["start"]) == "2026-09-07"
    assert str(p.LATER_START) == "2026-10-12" and len(LATER_STAGES) == p.LATER_WEEKS


def test_sample_second_period_matches_the_hand_computation_owner_by_owner():
    hand = by_hand(later_rows(), 4, LATER_STAGES)
    follow, _ = build_follow_up(later_rows())
    got = {o.owner: o for o in follow.owners}
    assert set(got) == set(hand.before), f"the presets now give these owners: {sorted(got)}"
    for owner in hand.before:
        o = got[owner]
        assert o.before == pytest.approx(hand.before[owner], abs=1e-4)  # the baseline keeps 0.0001 h
        assert o.now == pytest.approx(hand.now[owner], abs=1e-9)
        assert o.planned_back == pytest.approx(hand.planned[owner], abs=1e-4)
        assert o.back == pytest.approx(hand.back(owner), abs=1e-4)
    assert follow.planned_back == pytest.approx(hand.total_planned, abs=1e-3)
    assert follow.back == pytest.approx(hand.total_back, abs=1e-3)
    assert follow.stages_in_period == (1,) and follow.overlap_weeks == 0


def test_stage_1_happened_for_contact_centre_and_finance_and_not_for_it_sales_and_the_trainers():
    hand = by_hand(later_rows(), 4, LATER_STAGES)
    ratio = {o: hand.back(o) / hand.planned[o] for o in hand.before}
    assert ratio["Contact Centre"] >= 0.9 and ratio["Finance"] >= 0.9  # by hand: the story the sample tells
    assert all(ratio[o] < 0.5 for o in ("IT", "Sales", "Other teams (training)"))
    follow, _ = build_follow_up(later_rows())
    assert {o.owner for o in follow.stalled} == {"IT", "Sales", "Other teams (training)"}
    assert {o.owner for o in follow.with_status("as_planned", "ahead")} == {"Contact Centre", "Finance"}
    assert follow.decision == "fix_owner"
    assert follow.next is not None and follow.next.stage == 2 and str(follow.next.starts) == "2026-11-09"


def test_the_new_label_of_the_second_period_is_named_and_left_open():
    follow, _ = build_follow_up(later_rows())
    label = generator().NEW_LABEL
    minutes = sum(n for _, _, lbl, _, n in later_rows() if lbl == label)
    assert [(n.label, n.choice.decided) for n in follow.new_labels] == [(label, False)]
    assert follow.new_labels[0].hours_per_week == pytest.approx(minutes / 60 / 4)


def test_weeks_that_overlap_the_baseline_are_left_out_and_counted():
    last_week = [r for r in baseline_rows() if str(r[0]) >= "2026-10-05"]
    follow, story = build_follow_up(last_week + later_rows())
    alone, _ = build_follow_up(later_rows())
    assert follow.overlap_weeks == 1
    assert [(o.owner, o.now, o.planned_back) for o in follow.owners] == \
        [(o.owner, o.now, o.planned_back) for o in alone.owners]
    assert "1 earlier week of the new data overlapped the baseline and is left out" in story.acts[1].notes.text


def test_data_that_is_not_later_than_the_baseline_cannot_be_followed_up():
    project = saved_sample_project()
    analysis = sk.analyse(log_of(baseline_rows()), project)
    assert not sk.can_follow_up(analysis, project)
    with pytest.raises(sk.FollowUpError, match=r"not later than the baseline .*exports from 12 Oct 2026 on"):
        sk.follow_up(analysis, project)


def test_without_a_baseline_the_error_says_how_to_make_one():
    with pytest.raises(sk.FollowUpError, match=r"no baseline.*--save-project"):
        sk.build_follow_up(log_of(later_rows()), sample_project())


def test_a_team_that_grew_is_counted_in_hours_a_week_not_per_head():
    names = {"Ana Silva": "Zoe Park", "Ben Okafor": "Yusuf Demir"}
    newcomers = [(d, names[p], label, m, n) for d, p, label, m, n in later_rows() if p in names]
    rows = later_rows() + newcomers
    hand = by_hand(rows, 4, LATER_STAGES)
    follow, story = build_follow_up(rows)
    assert follow.team_grew == 2
    for o in follow.owners:
        assert o.now == pytest.approx(hand.now[o.owner]) and o.back == pytest.approx(hand.back(o.owner), abs=1e-4)
    assert "the team is 10 people now, 8 in the baseline" in story.acts[1].notes.text


def test_an_owner_that_disappeared_has_all_its_work_back():
    rows = relabelled(later_rows(), {"Training other teams": "Customer tickets"})
    follow, story = build_follow_up(rows)
    trainers = next(o for o in follow.owners if o.owner == "Other teams (training)")
    before = by_hand(rows, 4, LATER_STAGES).before["Other teams (training)"]
    assert trainers.now == 0 and trainers.back == pytest.approx(before, abs=1e-4) and trainers.status == "ahead"
    assert "Other teams (training) no longer appears in our logs at all" in story.acts[1].notes.text
    assert "Other teams (training)" in story.acts[1].chart.categories


def test_nothing_handed_back_over_two_stages_says_so_and_asks_to_get_the_hand_back_started():
    rows = shifted(baseline_rows(), 5)  # the baseline's own five weeks again, from 12 Oct: nothing changed
    hand = by_hand(rows, 5, [1, 1, 1, 1, 2])  # the fifth week (9 Nov) is stage 2
    follow, story = build_follow_up(rows)
    assert follow.stages_in_period == (1, 2)
    for o in follow.owners:
        assert o.back == pytest.approx(0.0, abs=1e-3)
        assert o.planned_back == pytest.approx(hand.planned[o.owner], abs=1e-4)
    assert follow.decision == "fix_owner" and len(follow.stalled) == len(OWNER_OF)
    titles = story.titles
    assert titles[1].startswith(f"Stages 1 and 2 freed nothing of the {hand.total_planned / CONTRACT:.1f} FTE planned")
    assert titles[2].startswith("Our ask: get the hand-back started")


def test_more_than_handed_back_asks_to_stop_here():
    rows = relabelled(later_rows(), dict.fromkeys(OWNER_OF, "Customer emails"))  # every owner took all of it
    hand = by_hand(rows, 4, LATER_STAGES)
    follow, story = build_follow_up(rows)
    whole_plan = sum(h * SHARE.get(o, DEFAULT_SHARE) for o, h in hand.before.items())
    assert follow.back == pytest.approx(sum(hand.before.values()), abs=1e-3)
    assert follow.planned_final == pytest.approx(whole_plan, abs=1e-3)
    assert follow.goal_reached and follow.decision == "stop"
    assert story.titles[1] == (f"Stage 1 freed {hand.total_back / CONTRACT:.1f} FTE, more than the "
                               f"{hand.total_planned / CONTRACT:.1f} FTE planned")
    assert story.titles[2].startswith(f"Our ask: stop here: {hand.total_back / CONTRACT:.1f} FTE is back")


def test_more_than_planned_for_some_owners_and_the_rest_on_track_asks_for_the_next_stage():
    # Contact Centre gave back all of its phone overflow; the others exactly their stage 1 (a third of half).
    moved, seen, rows = {}, {}, []
    for d, p, label, m, n in later_rows():
        if label in OWNER_OF and label != "Phone overflow":
            seen[label] = seen.get(label, 0) + n
            if moved.get(label, 0) + n <= seen[label] * DEFAULT_SHARE / 3 + 30:
                moved[label] = moved.get(label, 0) + n
                label = "Customer emails"
        rows.append((d, p, "Customer emails" if label == "Phone overflow" else label, m, n))
    follow, story = build_follow_up(rows)
    assert not follow.stalled and follow.back > follow.planned_back
    assert follow.decision == "next_stage"
    # Stage 2 brings back two thirds of each share, less what already came back: nothing from Contact
    # Centre, which gave back all of its work already.
    hand = by_hand(rows, 4, LATER_STAGES)
    to_free = {o: max(h * SHARE.get(o, DEFAULT_SHARE) * 2 / 3 - hand.back(o), 0.0) for o, h in hand.before.items()}
    assert to_free["Contact Centre"] == 0
    assert follow.next is not None and follow.next.adds_per_week == pytest.approx(sum(to_free.values()), abs=1e-3)
    adds = f"{sum(to_free.values()) / CONTRACT:.1f} FTE"
    assert story.titles[2].startswith(f"Our ask: approve stage 2 from 9 Nov: it frees another {adds}")
    chart = dict(zip(story.acts[2].chart.categories, story.acts[2].chart.series[0].values, strict=True))
    assert chart["Now"] - chart["Stage 2, 9 Nov"] == pytest.approx(sum(to_free.values()) / CONTRACT, abs=1e-3)


def test_other_teams_work_the_plan_never_held_is_new_work():
    rows = relabelled(later_rows(), {"Knowledge base": "Warehouse returns"})
    project = dataclasses.replace(saved_sample_project(),
                                  assignments={"Warehouse returns": sk.Choice.of_team("Logistics")})
    minutes = sum(n for _, _, label, _, n in rows if label == "Warehouse returns")
    follow, story = build_follow_up(rows, project)
    logistics = next(o for o in follow.owners if o.owner == "Logistics")
    assert logistics.status == "new" and logistics.now == pytest.approx(minutes / 60 / 4)
    assert follow.new_work == pytest.approx(minutes / 60 / 4)
    assert any(p.startswith("New, not in the plan: Logistics") for p in story.acts[1].points)
    assert story.acts[1].chart.categories[-1] == "Logistics"


def _without_other_teams() -> sk.Project:
    """The sample project saved from a first period in which every other-team label was our own work."""
    ours = relabelled(baseline_rows(), dict.fromkeys(OWNER_OF, "Customer emails"))
    return sk.saved_project(sample_project(), sk.analyse(log_of(ours, "toggl_support_team.csv"), sample_project()))


def test_a_baseline_without_other_teams_work_follows_up_without_a_plan():
    project = _without_other_teams()
    assert project.baseline is not None and project.baseline.owners == ()
    assert "no other teams' work, and no hand-back agreed" in baseline_words(project.baseline)
    follow, story = build_follow_up(relabelled(later_rows(), dict.fromkeys(OWNER_OF, "Customer emails")), project)
    assert follow.owners == () and follow.planned_final == 0 and follow.decision == "stop"
    assert story.titles[1] == "No hand-back was needed: other teams' work is 0 hours a week, as in the baseline"
    work = story.acts[1].chart  # working time, ours and other teams', not an empty chart of other teams' work
    assert [s.name for s in work.series] == ["Our own work", "Other teams' work"]
    hours = sum(n for *_, label, _, n in later_rows() if label != generator().LUNCH) / 60 / 4  # working hours a week
    assert sum(s.values[1] for s in work.series) == pytest.approx(hours / CONTRACT)
    assert story.titles[2] == "Our ask: keep it so: 0% of our time goes to other teams' work"
    assert "Planned back = 0" in story.acts[1].notes.method and "changes: none" in story.acts[1].notes.method
    assert sk.lint_story(story) == ()
    assert sk.build_deck(story)[:2] == b"PK"


def test_other_teams_work_after_a_baseline_without_any_is_all_new_and_asks_for_a_hand_back():
    decided = {label: sk.Choice.of_team(owner) for label, owner in OWNER_OF.items()}  # new labels, decided
    project = dataclasses.replace(_without_other_teams(), assignments=decided)
    follow, story = build_follow_up(later_rows(), project)
    hand = per_week(later_rows(), 4)
    assert {o.owner: o.status for o in follow.owners} == dict.fromkeys(hand, "new")
    assert follow.new_work == pytest.approx(sum(hand.values()))
    assert story.titles[2].startswith("Our ask: agree a hand-back with the 5 owning teams: ")
    assert story.titles[2].endswith("of their work came to us after the baseline")
    assert sk.lint_story(story) == ()


@pytest.mark.parametrize("case", ["sample", "overlap", "grew", "gone", "nothing", "everything"])
def test_every_follow_up_story_keeps_the_storytelling_rules(case):
    rows = {
        "sample": later_rows(),
        "overlap": [r for r in baseline_rows() if str(r[0]) >= "2026-10-05"] + later_rows(),
        "grew": later_rows() + [(d, "Zoe Park", lb, m, n) for d, p, lb, m, n in later_rows() if p == "Ana Silva"],
        "gone": relabelled(later_rows(), {"Training other teams": "Customer tickets"}),
        "nothing": shifted(baseline_rows(), 5),
        "everything": relabelled(later_rows(), dict.fromkeys(OWNER_OF, "Customer emails")),
    }[case]
    _, story = build_follow_up(rows)
    assert sk.lint_story(story) == ()
    assert [a.name for a in story.acts] == ["What we agreed", "What happened", "What next"]
    people = {p for _, p, _, _, _ in rows}
    text = repr(story)
    assert not [p for p in people if p in text], "the follow-up names no person"


def test_a_baseline_over_two_years_says_both_years():
    """Export said 'this period as the plan's baseline: 4 Jun - 30 Jan 2023' for files from 2018 to 2023."""
    saved = _without_other_teams().baseline
    assert saved is not None
    spread = dataclasses.replace(saved, first=saved.first.replace(year=saved.last.year - 5))
    assert baseline_words(spread).startswith(f"{saved.first.day} {saved.first:%b} {saved.last.year - 5} - ")
    assert baseline_words(saved).startswith(f"{saved.first.day} {saved.first:%b} - ")  # one year: said once


def test_a_log_that_names_nobody_saves_a_project_that_loads_again():
    """A workbook with no person column (a real export, TimeKex): Export said 'None people' and the project
    file it saved was refused on loading ('baseline.team_size must be a whole number ... (value null)')."""
    text = b"Date,Activity,Hours\n2026-01-05,Customer tickets,6\n2026-01-06,Invoice queries,2\n"
    log = sk.load(("nobody.csv", text))
    analysis = sk.analyse(log, sk.Project())
    assert analysis.metrics.team_size is None
    saved = sk.saved_project(sk.Project(), analysis)
    assert saved.baseline is not None and saved.baseline.team_size is None
    assert sk.Project.from_json(saved.to_json()) == saved
    words = baseline_words(saved.baseline)
    assert "None" not in words and words.split(": ", 1)[1].startswith("37.5 contracted hours a week")
    # the follow-up of such a baseline, with a later log that names nobody either (team_grew subtracted None)
    later = sk.analyse(sk.load(("later.csv", b"Date,Activity,Hours\n2026-02-02,Customer tickets,7\n")), saved)
    story = sk.build_follow_up(later, saved)
    said = " ".join(" ".join((a.title, *a.points, a.notes.text)) for a in story.acts)
    assert "team size not in the log" in said and "None" not in said
    sample = saved_sample_project()  # a baseline of 8 people, a later log of nobody: no size change is claimed
    later = sk.analyse(sk.load(("later.csv", b"Date,Activity,Hours\n2026-11-02,Customer tickets,7\n")), sample)
    acts = sk.build_follow_up(later, sample).acts
    assert sk.follow_up(later, sample).team_grew == 0 and not any("people now" in a.notes.text for a in acts)


def test_the_follow_up_deck_names_its_files_without_their_folders():
    """The first story's source line keeps folders off the deck; the follow-up's printed the path as given
    ('sample_data/toggl_support_team_oct_nov.csv', or a user's home folder from the CLI)."""
    project = saved_sample_project()
    analysis = sk.analyse(sk.load(("/home/jane.doe/exports/later.csv", generator().toggl(later_rows()))), project)
    source = sk.build_follow_up(analysis, project).source
    assert source.startswith("Source: later.csv; ") and "jane.doe" not in source
