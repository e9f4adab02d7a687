"""The second meeting's story: what we agreed, what happened, what next, told from followup.FollowUp.

    facts.py      what it is told from, and how its amounts are said
    agreed.py     act 1: the baseline and the staged plan with its dates
    happened.py   act 2: per owner and per stage, planned back against what came back
    next_step.py  act 3: approve the next stage, fix a stalled owner, or stop

Same Story, same renderers, same rules as the first story: titles are sentences with their number,
read alone they tell the story, and no person is ever named (the baseline holds no names).
"""

from __future__ import annotations

from storykit.baseline import Baseline
from storykit.followup import FollowUp
from storykit.model import Scenario, Settings
from storykit.narrative.followup import agreed, happened, next_step
from storykit.narrative.followup.facts import FollowUpFacts
from storykit.narrative.story import Story
from storykit.narrative.words import day, period, sources_words, weeks_words

__all__ = ["baseline_words", "build_follow_up"]


def build_follow_up(follow: FollowUp, settings: Settings, scenario: Scenario, sources: tuple[str, ...] = ()) -> Story:
    facts = FollowUpFacts(follow, settings, scenario.reclaimed_for or "our own work")
    b, m = follow.baseline, follow.metrics
    source = (f"Source: {sources_words(sources)}; {period(m.first, m.last)} ({weeks_words(m.weeks)}) against the "
              f"baseline {period(b.first, b.last)}")
    return Story(
        title=f"{settings.team_name}: the hand-back, plan against actual", team_name=settings.team_name,
        acts=(agreed.act(facts), happened.act(facts), next_step.act(facts)), source=source, author=settings.author,
        subject="What we agreed, what happened, and what we ask for next",
    )


def baseline_words(b: Baseline) -> str:
    """What a saved project keeps of its period, in one sentence (the app and the CLI say it)."""
    plan = [o for o in b.owners if o.share > 0]
    teams = f"{len(b.owners)} owning team{'s' * (len(b.owners) != 1)}"
    stages = max((o.stage for o in plan), default=0)
    people = "" if b.team_size is None else f"{b.team_size} {'person' if b.team_size == 1 else 'people'}, "
    return (f"{period(b.first, b.last)}: {people}{b.contracted_weekly_hours:g} contracted hours a week, "
            f"{b.work_hours_per_week:,.0f} working hours a week, "
            + (f"other teams' work {b.other_per_week:,.0f} hours a week ({b.other_team_share:.0%}) by owner for "
               f"{teams}, and " if b.owners else "no other teams' work, and ")
            + (f"the plan's {stages} stage{'s' * (stages != 1)} from {day(min(o.start for o in plan))}, "
               f"{b.stage_weeks} weeks apart" if plan else "no hand-back agreed"))
