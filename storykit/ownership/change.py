"""What one decision does to the story's headline, said before it is made and again after it.

A keyword rule can file a dozen labels at once: "phone" with "Contact Centre's work" may move the
other-team share from 22% to 67%. The app says so while the rule is typed and again once it is
applied, so the headline never jumps without a person seeing why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storykit.classify import Classification

BIG_MOVE = 0.10  # a headline that moves by 10 points or more is worth a second look


@dataclass(frozen=True)
class Change:
    """Labels whose choice a decision changes, their hours, and the other-team share before and after."""

    what: str  # "your rule 'phone'", "accepting 4 suggestions"
    labels: tuple[str, ...]  # largest first
    hours: float
    work_hours: float  # after the change, as the share's denominator
    before: float
    after: float

    @property
    def big(self) -> bool:
        return abs(self.after - self.before) >= BIG_MOVE

    @property
    def sentence(self) -> str:
        """'Your rule 'phone' changes 2 labels (18% of working time): other teams' share 22% → 40%.'"""
        if not self.labels:
            return _capital(f"{self.what} changes no label's choice; other teams' share stays {self.before:.0%}.")
        count = f"{len(self.labels)} label" + ("" if len(self.labels) == 1 else "s")
        share = f"{self.hours / self.work_hours:.0%} of working time" if self.work_hours > 0 else "no working time"
        named = ", ".join(f"'{lbl}'" for lbl in self.labels[:3]) + (" ..." if len(self.labels) > 3 else "")
        move = (f"other teams' share {self.before:.0%} → {self.after:.0%}" if f"{self.before:.0%}" != f"{self.after:.0%}"
                else f"other teams' share stays {self.after:.0%}")
        return _capital(f"{self.what} changes {count} ({share}: {named}): {move}.")


def change(before: Classification, after: Classification, hours: Mapping[str, float], what: str) -> Change:
    """Compare two classifications of the same labels, weighted by each label's hours."""
    moved = sorted((lbl for lbl in after.decisions if before.of(lbl) != after.of(lbl)),
                   key=lambda lbl: -hours.get(lbl, 0.0))
    return Change(what, tuple(moved), sum(float(hours.get(lbl, 0.0)) for lbl in moved), _work(after, hours),
                  other_share(before, hours), other_share(after, hours))


def other_share(c: Classification, hours: Mapping[str, float]) -> float:
    """Other-team hours / working hours (all but breaks and leave): act 1's headline."""
    work = _work(c, hours)
    other = sum(float(h) for lbl, h in hours.items() if c.of(lbl).cls == "other_team")
    return other / work if work > 0 else 0.0


def _work(c: Classification, hours: Mapping[str, float]) -> float:
    return sum(float(h) for lbl, h in hours.items() if c.of(lbl).cls != "non_work")


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]
