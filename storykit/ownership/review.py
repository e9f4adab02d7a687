"""The review line before the story: who decided how much of the working time, and what is open.

"Presets decided 6 labels (41% of working time), you decided 3, 2 are still open (9% of working
time)". Shares are of working time (all hours but breaks and leave), the same total the story's
"has no owner yet" uses, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storykit.classify import BY_PRESETS, BY_RULE, BY_YOU, OPEN, Classification


@dataclass(frozen=True)
class Review:
    presets: int
    presets_hours: float
    yours: int  # your table choices and your rules
    yours_hours: float
    open: tuple[str, ...]  # largest first
    open_hours: float
    work_hours: float

    def share(self, hours: float) -> str:
        return f"{hours / self.work_hours:.0%}" if self.work_hours > 0 else "0%"

    @property
    def sentence(self) -> str:
        parts = [f"presets decided {_labels(self.presets)} ({self.share(self.presets_hours)} of working time)"]
        parts.append(f"you decided {self.yours}" + (f" ({self.share(self.yours_hours)})" if self.yours else ""))
        if self.open:
            verb = "is" if len(self.open) == 1 else "are"
            parts.append(f"{len(self.open)} {verb} still open ({self.share(self.open_hours)} of working time)")
        else:
            parts.append("none is open")
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."


def review(c: Classification, hours: Mapping[str, float]) -> Review:
    """Count the labels and the working hours by who decided them."""
    def work(label: str) -> float:
        return 0.0 if c.of(label).cls == "non_work" else float(hours.get(label, 0.0))

    by = {lbl: d.by for lbl, d in c.decisions.items()}
    presets = [lbl for lbl, b in by.items() if b == BY_PRESETS]
    yours = [lbl for lbl, b in by.items() if b in (BY_YOU, BY_RULE)]
    still = sorted((lbl for lbl, b in by.items() if b == OPEN), key=lambda lbl: -hours.get(lbl, 0.0))
    return Review(len(presets), sum(map(work, presets)), len(yours), sum(map(work, yours)), tuple(still),
                  sum(map(work, still)), sum(map(work, c.decisions)))


def _labels(n: int) -> str:
    return f"{n} label" + ("" if n == 1 else "s")
