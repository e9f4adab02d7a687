"""The story, told from the numbers: three acts (what is, what it costs, what could be) and an appendix.

    story.py         the data every renderer reads: Story, Act, BigNumber, Notes, Table
    words.py         how numbers are said ('2.5 people', 'a third', '$206k')
    facts.py         what the story is told from, and the phrases several acts share
    what_is.py       act 1      what_it_costs.py   act 2
    what_could_be.py act 3's shared pieces; asks/: one module per ask, and the registry
    explain.py       how each number was computed;  appendix.py: the method and data tables

No renderer is imported here. Rules the text follows (DESIGN.md): each title is a full sentence
with its number and fits two lines; read alone, the three titles tell the story; act 3 ends on
the future state and the ask. The audience changes emphasis and notes, never the numbers.
"""

from __future__ import annotations

from dataclasses import replace

from storykit.analysis import Metrics
from storykit.model import Edits, Scenario, ServiceLevel, Settings
from storykit.narrative import asks, what_is, what_it_costs
from storykit.narrative.appendix import appendix
from storykit.narrative.explain import Explanation, explain
from storykit.narrative.facts import Facts, aliases
from storykit.narrative.story import Act, BigNumber, Notes, NoteSection, Story, Table
from storykit.narrative.words import period as dates
from storykit.narrative.words import sources_words, weeks_words
from storykit.scenario import Outcome

__all__ = ["Act", "BigNumber", "Explanation", "NoteSection", "Notes", "Story", "Table", "build_story", "explain"]


def build_story(
    metrics: Metrics,
    outcome: Outcome,
    settings: Settings,
    scenario: Scenario,
    sources: tuple[str, ...] = (),
    service: ServiceLevel | None = None,
    edits: Edits | None = None,
) -> Story:
    facts = Facts(metrics, outcome, settings, scenario, service or ServiceLevel(),
                  aliases(metrics, settings.show_names))
    acts = (what_is.act(facts), what_it_costs.act(facts), asks.act(facts))
    if edits:
        acts = tuple(_edited(act, edits) for act in acts)  # type: ignore[assignment]
    # Every per-week figure divides by all the weeks from the first date to the last: weeks with no work logged
    # (a holiday, or files from two periods) lower them all, so the source says how many there are.
    empty = sum(1 for _, _, work in metrics.by_week if work <= 0) if metrics.weekly_detail else 0
    period = (f"{dates(metrics.first, metrics.last)} ({weeks_words(metrics.weeks)}"
              + (f", {empty} of them with no working time logged" if empty else "") + ")")
    source = f"Source: {sources_words(sources)}; {period}"
    return Story(
        title=f"{settings.team_name}: where our time goes", team_name=settings.team_name,
        acts=acts, source=source, author=settings.author, appendix=appendix(metrics, settings.currency),
    )


def _edited(act: Act, edits: Edits) -> Act:
    """The act with the user's own title, points and notes where they wrote any. An edited title reaches
    the talk track too, which opens by saying the title: the presenter must not read out the old one."""
    number = act.number
    title = edits.titles.get(number, act.title)
    notes = Notes.from_text(edits.notes[number]) if number in edits.notes else act.notes
    said = f"{act.title}. "
    if title != act.title and number not in edits.notes and notes.talk.startswith(said):
        opening = title.strip() + ("" if title.strip()[-1:] in ".?!" else ".")
        notes = replace(notes, talk=f"{opening} {notes.talk[len(said):]}" if title.strip() else notes.talk[len(said):])
    return replace(act, title=title, points=tuple(edits.points.get(number, act.points)), notes=notes)
