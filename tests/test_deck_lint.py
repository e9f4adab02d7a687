"""Story lint: every sample deck passes; each rule catches the story that breaks it."""

from __future__ import annotations

import dataclasses

import pytest

import storykit as sk
from storykit.chartspec import ChartSpec, Series
from storykit.lint import lint_story
from tests.conftest import SAMPLES
from tests.deck_cases import SAMPLE_FILES, all_cases, sample_project


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_story_passes_the_lint(name):
    story = sk.build_story(sk.load(SAMPLES / name), sample_project())
    assert sk.lint_story(story) == ()


@pytest.mark.parametrize("case", [c for c in all_cases() if not c.id.startswith("german")], ids=lambda c: c.id)
def test_generated_stress_stories_pass_the_lint(case):
    """The rules the deck's shape depends on; how many points a story finds is the narrative's call."""
    assert [f for f in lint_story(case.story) if f.rule != "points"] == []


@pytest.fixture(scope="module")
def story() -> sk.Story:
    return sk.build_story(sk.load(SAMPLES / "toggl_support_team.csv"), sample_project())


def _act(story: sk.Story, n: int, **changes: object) -> sk.Story:
    acts = list(story.acts)
    acts[n - 1] = dataclasses.replace(acts[n - 1], **changes)
    return dataclasses.replace(story, acts=tuple(acts))


def _bar(n: int, grouped_week: bool = False) -> ChartSpec:
    cats = tuple(f"w/c {i + 1} Mar" if grouped_week else f"Team {i}" for i in range(n))
    return ChartSpec("column" if grouped_week else "bar", cats, (Series("FTE", tuple(1.0 for _ in cats)),), "FTE")


@pytest.mark.parametrize(("changes", "rule"), [
    ({"title": "Where our time goes today"}, "title-number"),
    ({"title": "Overview"}, "no-message"),
    ({"title": ""}, "no-message"),
    ({"title": "Our 8-person team spends 31% of its working time on work that belongs to the contact "
               "centre, finance, IT, sales operations and four other departments across the whole company"},
     "title-lines"),
    ({"points": ()}, "points"),
    ({"points": ("one", "two", "three", "four")}, "points"),
    ({"points": ("a " * 30, "b")}, "points"),
    ({"big_number": sk.narrative.BigNumber("", "nothing")}, "big-number"),
    ({"chart": _bar(9)}, "chart-categories"),
], ids=["no-number", "label-not-message", "empty-title", "three-lines", "no-points", "four-points",
        "long-point", "no-big-number", "nine-bars"])
def test_each_rule_catches_its_break(story, changes, rule):
    findings = lint_story(_act(story, 2, **changes))
    assert rule in {f.rule for f in findings}
    assert all(f.act == 2 for f in findings)


def test_a_long_weekly_trend_is_not_a_category_problem(story):
    assert lint_story(_act(story, 2, chart=_bar(20, grouped_week=True))) == ()


def test_eight_bars_with_the_tail_grouped_pass(story):
    from storykit.chartspec import group_tail

    items = group_tail([(f"Team {i}", 10.0 - i) for i in range(12)], keep=7)
    spec = ChartSpec("bar", tuple(c for c, _ in items), (Series("FTE", tuple(v for _, v in items)),), "FTE")
    assert len(spec.categories) == 8
    assert lint_story(_act(story, 1, chart=spec)) == ()


def test_german_long_title_is_flagged_with_its_line_count():
    german = next(c for c in all_cases() if c.id == "german-default").story
    findings = [f for f in lint_story(german) if f.rule == "title-lines"]
    assert [f.act for f in findings] == [1]
    assert "4 lines" in findings[0].message or "3 lines" in findings[0].message
