"""The asks a story can end on, one module each: adding an ask is a module here and one entry below.

Every ask's words for the app (its name and label) are in storykit.vocabulary.ASK_LABELS; a
test in tests/test_vocabulary.py checks that both list the same asks.
"""

from __future__ import annotations

from collections.abc import Callable

from storykit.narrative import what_could_be
from storykit.narrative.asks import hand_back, headcount, service_level
from storykit.narrative.facts import Facts
from storykit.narrative.story import Act

ASKS: dict[str, Callable[[Facts], Act]] = {
    "hand_back": hand_back.act,
    "headcount": headcount.act,
    "service_level": service_level.act,
}


def act(facts: Facts) -> Act:
    """Act 3 for the scenario's ask; with no other teams' work there is nothing to ask for but a rule."""
    if not facts.metrics.has_other_work:
        return what_could_be.nothing_to_hand_back(facts)
    return ASKS[facts.scenario.ask](facts)
