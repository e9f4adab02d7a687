"""Ownership and the staged hand-back: presets, rules, new labels, and every scenario number by hand."""

from __future__ import annotations

import datetime as dt

import pytest

import storykit as sk
from storykit.classify import Rule, classify
from storykit.model import Choice, HandBack, Scenario, ServiceLevel, Settings
from storykit.scenario import backlog_cleared, backlog_weeks, burn_down
from tests.test_metrics import ROWS, tiny_log

SETTINGS = Settings(contracted_weekly_hours=40, working_weeks_per_year=46, hourly_cost=50.0)


# -- what the evidence decides on its own, in English, German and French ------------------------

CC, IT, FIN, SALES, TRAINING = (Choice.of_team(t) for t in ("Contact Centre", "IT", "Finance", "Sales",
                                                             "Other teams (training)"))
PRESET_CASES = [
    ("Phone overflow", CC),
    ("Inbound calls (overflow)", CC),
    ("Telefonüberlauf", CC),
    ("Hotline Vertretung", CC),
    ("IT escalations", IT),
    ("IT-Eskalation", IT),
    ("Passwort zurücksetzen", IT),
    ("Invoice queries", FIN),
    ("AR chasing", FIN),
    ("Billing questions", FIN),
    ("Rechnungsklärung", FIN),
    ("Mahnwesen", FIN),
    ("Order error rework", SALES),
    ("Sales ops requests", SALES),
    ("Auftragsfehler korrigieren", SALES),
    ("Training other teams", TRAINING),
    ("Onboarding other departments", TRAINING),
    ("Schulung für Vertrieb", TRAINING),
    ("Schulung andere Teams", TRAINING),
    ("Lunch break", Choice("non_work")),
    ("Mittagspause", Choice("non_work")),
    ("Pause", Choice("non_work")),
    ("Team meeting", Choice("overhead")),
    ("Besprechung", Choice("overhead")),
    ("Training", Choice("overhead")),  # our own training, not other teams'
    ("Personal development study", Choice("overhead")),  # learning, not personal leave
    ("Customer tickets", Choice("core")),
    ("Kundenanfragen", Choice("core")),
    ("Reklamationen", Choice("core")),
    ("Acme Finance Ltd inbox", Choice("core")),  # a client's name, not the Finance team
    ("Follow-ups", Choice("core")),
    ("Account reviews", Choice("core")),
]


@pytest.mark.parametrize(("label", "choice"), PRESET_CASES, ids=[c[0] for c in PRESET_CASES])
def test_presets(label, choice):
    c = classify([label])
    assert c.of(label) == choice
    assert c.decisions[label].by == "presets" and c.decisions[label].reason


ASKED_CASES = [  # evidence both ways: suggested, never decided silently
    ("Helpdesk tickets", IT),  # a support team's own help desk, or IT's?
    ("Inbound calls", CC),  # our own phone line, or the contact centre's?
    ("Vertriebsschulung", TRAINING),  # sales as the topic, or as the trainees?
]


@pytest.mark.parametrize(("label", "choice"), ASKED_CASES, ids=[c[0] for c in ASKED_CASES])
def test_doubtful_labels_are_asked_about(label, choice):
    c = classify([label])
    assert c.of(label) == Choice() and c.decisions[label].by == "open"
    assert c.suggestions[label].choice == choice and c.suggestions[label].confidence < 0.7
    assert "please decide" in c.decisions[label].explained or "sure" in c.decisions[label].explained


def test_unmatched_labels_are_open_not_guessed():
    c = classify(["Project Zephyr"])
    assert c.of("Project Zephyr") == Choice()
    assert c.unassigned == ["Project Zephyr"] and c.decisions["Project Zephyr"].by == "open"
    assert c.of("Project Zephyr").owner == ""  # nobody's, never "Our team"


def test_user_rule_beats_preset_and_exact_choice_beats_rule():
    rules = [Rule("overflow", Choice.of_team("Sales"))]
    choices = {"Phone overflow (VIP)": Choice("core")}
    c = classify(["Phone overflow", "Phone overflow (VIP)"], choices, rules)
    assert c.of("Phone overflow") == Choice.of_team("Sales")
    assert c.decisions["Phone overflow"].explained == "decided by your rule 'overflow'"
    assert c.of("Phone overflow (VIP)") == Choice("core")
    assert c.decisions["Phone overflow (VIP)"].by == "you"


def test_control_split_and_owners():
    c = classify(["Customer tickets", "Team meeting", "Phone overflow", "Invoice queries", "Lunch"])
    assert [lbl for lbl in c.labels if c.controlled(lbl)] == ["Customer tickets", "Team meeting"]
    assert c.owners == ["Contact Centre", "Finance"]


def test_new_labels_of_a_saved_project_stay_open_with_a_suggestion():
    known = ["Customer tickets", "Phone overflow"]
    c = classify(["Customer tickets", "Phone overflow", "IT escalations", "Project Zephyr", "Chat overflow"],
                 rules=[Rule("chat", Choice("core"))], known=known)
    assert c.new_labels == ("IT escalations", "Project Zephyr", "Chat overflow")
    assert c.of("Phone overflow") == CC  # known: the evidence still decides
    assert c.of("IT escalations") == Choice()  # new: the evidence does not decide
    assert c.suggestions["IT escalations"].choice == IT
    assert c.decisions["IT escalations"].reason == "new since the project was saved"
    assert c.of("Chat overflow") == Choice("core")  # the user's own rule still applies
    assert "Project Zephyr" not in c.suggestions


def test_loading_a_project_with_a_newer_month_reapplies_everything_and_lists_new_labels():
    month1 = tiny_log(ROWS)
    project = sk.Project(settings=SETTINGS, assignments={"Mystery work": FIN})
    saved = sk.Project.from_json(project.remember_labels(month1.labels).to_json())
    month2 = tiny_log([("2026-02-02", "Ann", "Phone overflow", 2.0), ("2026-02-02", "Ann", "Mystery work", 1.0),
                       ("2026-02-03", "Bob", "Helpdesk tickets", 3.0), ("2026-02-03", "Bob", "Customer tickets", 2.0)])
    a = sk.analyse(month2, saved)
    assert a.new_labels == ("Helpdesk tickets",)
    assert a.classification.unassigned == ["Helpdesk tickets"]
    assert a.classification.of("Mystery work") == FIN  # the choice, reapplied
    assert a.metrics.other_team_hours == 3.0  # overflow 2 h + mystery 1 h; the new label is not guessed
    assert a.metrics.hours_by_class["unassigned"] == 3.0


# -- the scenario, by hand ------------------------------------------------------------------
# ROWS over two weeks: Contact Centre 6 h -> 3 h per week; Finance 4 h -> 2 h per week; other 5 h per week;
# work 21 h -> 10.5 h per week. The data ends Tue 13 Jan 2026, so the default plan starts Mon 19 Jan.

STAGED = Scenario(
    default_share=0.0, stage_weeks=2,
    hand_backs=(HandBack("Contact Centre", 1.0, 3, dt.date(2026, 2, 2)), HandBack("Finance", 0.5, 2)),
)


@pytest.fixture
def staged() -> sk.Analysis:
    return sk.analyse(tiny_log(ROWS), sk.Project(settings=SETTINGS, scenario=STAGED))


def test_owner_plans(staged):
    cc, fin = staged.outcome.plans
    assert (cc.owner, cc.hours_per_week, cc.reclaimed_per_week) == ("Contact Centre", 3.0, 3.0)  # 3 x 1 x 3/3
    assert cc.stage_dates == (dt.date(2026, 2, 2), dt.date(2026, 2, 16), dt.date(2026, 3, 2))
    assert (fin.owner, fin.hours_per_week) == ("Finance", 2.0)
    assert fin.reclaimed_per_week == pytest.approx(2 * 0.5 * 2 / 3)  # stops at stage 2: two thirds of its half
    assert fin.stage_dates == (dt.date(2026, 1, 19), dt.date(2026, 2, 2), dt.date(2026, 2, 16))


def test_totals(staged):
    o = staged.outcome
    reclaimed = 3 + 2 / 3
    assert o.reclaimed_per_week == pytest.approx(reclaimed)
    assert o.reclaimed_fte == pytest.approx(reclaimed / 40)
    assert o.reclaimed_cost == pytest.approx(reclaimed * 46 * 50)
    assert o.other_share_after == pytest.approx((5 - reclaimed) / 10.5)
    assert o.remaining_per_week == pytest.approx(5 - reclaimed)
    assert o.headcount_needed == pytest.approx(5 / 40)
    assert o.headcount_cost == pytest.approx(5 * 46 * 50)
    assert o.share_of_other == pytest.approx(reclaimed / 5)


def test_stages_are_cumulative_with_dates_fte_and_cost(staged):
    s1, s2, s3 = staged.outcome.stages
    # stage 1: CC 3 x 1/3 + Finance 2 x 0.5 x 1/3; first owner in 19 Jan (Finance), last 2 Feb (CC)
    assert (s1.starts, s1.complete) == (dt.date(2026, 1, 19), dt.date(2026, 2, 2))
    assert s1.reclaimed_per_week == pytest.approx(1 + 1 / 3)
    assert s1.fte == pytest.approx((1 + 1 / 3) / 40)
    assert s1.cost == pytest.approx((1 + 1 / 3) * 46 * 50)
    assert (s2.starts, s2.complete) == (dt.date(2026, 2, 2), dt.date(2026, 2, 16))
    assert s2.reclaimed_per_week == pytest.approx(2 + 2 / 3)
    # stage 3: only Contact Centre goes that far; Finance stays at its stage-2 two thirds
    assert (s3.starts, s3.complete) == (dt.date(2026, 3, 2), dt.date(2026, 3, 2))
    assert s3.reclaimed_per_week == pytest.approx(3 + 2 / 3)
    assert staged.outcome.by_stage == tuple((s.stage, s.what, s.starts, s.fte) for s in (s1, s2, s3))


def test_everything_handed_back():
    a = sk.analyse(tiny_log(ROWS), sk.Project(settings=SETTINGS, scenario=Scenario(default_share=1.0)))
    assert a.outcome.reclaimed_per_week == pytest.approx(5.0)
    assert a.outcome.other_share_after == 0.0
    assert a.outcome.remaining_per_week == 0.0
    assert [s.reclaimed_per_week for s in a.outcome.stages] == pytest.approx([5 / 3, 10 / 3, 5.0])


def test_missing_rate_leaves_every_cost_out():
    a = sk.analyse(tiny_log(ROWS), sk.Project(settings=Settings(hourly_cost=None), scenario=STAGED))
    assert a.outcome.reclaimed_cost is None and a.outcome.headcount_cost is None
    assert all(s.cost is None for s in a.outcome.stages)


def test_no_other_team_work_reclaims_nothing():
    a = sk.analyse(tiny_log([("2026-01-05", "Ann", "Customer tickets", 8.0)]), sk.Project(settings=SETTINGS))
    assert a.outcome.plans == ()
    assert a.outcome.reclaimed_per_week == 0.0 and a.outcome.headcount_needed == 0.0
    assert all(s.reclaimed_per_week == 0.0 for s in a.outcome.stages)


def test_backlog_weeks_follow_the_stage_ramp():
    # one owner, 3 h per week, all of it by stage 3, a stage a week: 1, 2, 3, 3 ... h per week.
    rows = [("2026-01-05", "Ann", "Phone overflow", 3.0)]
    scenario = Scenario(default_share=1.0, stage_weeks=1)
    o = sk.analyse(tiny_log(rows), sk.Project(settings=SETTINGS, scenario=scenario)).outcome
    # 10 h: week 0 clears 1 (9 left), week 1 2 (7), week 2 3 (4), week 3 3 (1), then 1/3 of week 4
    assert backlog_weeks(10.0, o) == pytest.approx(4 + 1 / 3)
    assert backlog_weeks(0.0, o) == 0.0


def test_the_burn_down_and_the_clearing_date_follow_the_same_ramp():
    """The chart's weeks and the title's date come from one sequence of weekly hours back."""
    rows = [("2026-01-05", "Ann", "Phone overflow", 3.0)]
    scenario = Scenario(default_share=1.0, stage_weeks=1)
    o = sk.analyse(tiny_log(rows), sk.Project(settings=SETTINGS, scenario=scenario)).outcome
    service = ServiceLevel(backlog_items=20, minutes_per_item=30)  # 10 h
    weeks = burn_down(service, o, max_weeks=26)
    assert [items for _, items in weeks] == pytest.approx([20, 18, 14, 8, 2, 0])
    assert [monday for monday, _ in weeks] == [o.plan_start + dt.timedelta(weeks=i) for i in range(6)]
    assert backlog_cleared(service, o) == o.plan_start + dt.timedelta(days=round((4 + 1 / 3) * 7))
    assert len(burn_down(service, o, max_weeks=2)) == 3  # cut at the chart's limit, then where it stands
    assert burn_down(ServiceLevel(backlog_items=20), o, 26) == () and backlog_cleared(ServiceLevel(), o) is None


def test_backlog_never_clears_without_a_hand_back():
    o = sk.analyse(tiny_log(ROWS), sk.Project(scenario=Scenario(default_share=0.0))).outcome
    assert backlog_weeks(10.0, o) is None


# -- the project file's new fields are validated like the rest ---------------------------------

@pytest.mark.parametrize(("patch", "field"), [
    ({"scenario": {"stage_weeks": 0}}, "scenario.stage_weeks"),
    ({"scenario": {"stage_weeks": "four"}}, "scenario.stage_weeks"),
    ({"service": {"minutes_per_item": -5}}, "service.minutes_per_item"),
    ({"known_labels": "Phone overflow"}, "known_labels"),
    ({"known_labels": [3]}, "known_labels[0]"),
    ({"scenario": {"hand_backs": [{"owner": "IT", "start": "next week"}]}}, "scenario.hand_backs[0].start"),
], ids=["stage-weeks-zero", "stage-weeks-text", "negative-minutes", "labels-not-a-list", "label-not-text",
        "start-not-a-date"])
def test_bad_new_fields_are_refused_by_name(patch, field):
    import json

    data = {"storykit_project": 1, **patch}
    with pytest.raises(sk.ProjectError) as e:
        sk.Project.from_json(json.dumps(data))
    assert field in str(e.value)


def test_remember_labels_unions_and_sorts():
    p = sk.Project().remember_labels(["b", "a"]).remember_labels(["c", "a"])
    assert p.known_labels == ("a", "b", "c")
    assert sk.Project.from_json(p.to_json()).known_labels == ("a", "b", "c")
    assert sk.Project.from_json(sk.Project().to_json()).known_labels is None  # a fresh project: presets decide
