"""What kind of work is the team's own: read from where most of its hours go.

The same words are core work for one team and absorbed work for another ("Invoice queries" is a
finance team's job and a service team's burden). storykit is made for service teams, so customer
service is assumed unless the log plainly says otherwise: several labels of one other kind of
work carrying most of the hours whose labels say what they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storykit.ownership.reading import Reading
from storykit.ownership.vocabulary import vocabulary

DEFAULT = "service"
#: Another kind of work is the team's own when it carries at least this share of the hours of the
#: labels that say what kind of work they are ...
MIN_SHARE = 0.5
#: ... and at least this many times the hours of service work (a service team that absorbs a lot of
#: finance work still has its tickets and e-mails: it stays a service team) ...
OVER_SERVICE = 2.0
#: ... with at least this many labels, unless it is most of all the working hours on its own ("dev").
MIN_LABELS = 2


@dataclass(frozen=True)
class OwnWork:
    """The team's own kind of work (a vocabulary team key) and why storykit thinks so."""

    team: str
    reason: str
    chosen: bool = False  # True when the user said so, rather than storykit reading it from the log

    @property
    def name(self) -> str:
        return vocabulary().teams[self.team].name


def kind_of(r: Reading) -> str | None:
    """The kind of work a label is about, if it says so plainly and does not say it is done for someone else.

    "Dev", "Develop", "Cash application" vote; "Invoice chasing (Finance)", "Overflow calls", "Training
    other teams" and breaks do not.
    """
    if r.points_elsewhere or r.of_kind("training") or r.of_kind("non_work") or r.of_kind("overhead"):
        return None
    scores = r.scores
    if not scores:
        return None
    key = max(scores, key=scores.get)
    return key if scores[key] >= 2 and list(scores.values()).count(scores[key]) == 1 else None


def infer_own_work(readings: Mapping[str, Reading], hours: Mapping[str, float]) -> OwnWork:
    tally: dict[str, float] = {}
    labels: dict[str, list[str]] = {}
    for label, r in readings.items():
        kind = kind_of(r)
        if kind:
            tally[kind] = tally.get(kind, 0.0) + hours.get(label, 0.0)
            labels.setdefault(kind, []).append(label)
    total = sum(tally.values())
    service = vocabulary().teams[DEFAULT].name.lower()
    if total > 0 and len(readings) > 1:  # one label alone says nothing about the rest of the team's work
        key = max(tally, key=tally.get)
        share = tally[key] / total
        enough = len(labels[key]) >= MIN_LABELS or tally[key] >= MIN_SHARE * sum(hours.values())
        if key != DEFAULT and share >= MIN_SHARE and tally[key] >= OVER_SERVICE * tally.get(DEFAULT, 0.0) and enough:
            name = vocabulary().teams[key].name.lower()
            examples = ", ".join(sorted(labels[key], key=lambda lbl: -hours.get(lbl, 0.0))[:3])
            return OwnWork(key, f"{share:.0%} of the hours whose labels say what they are go to {name} work "
                                f"({examples}), so {name} is taken as your team's own work")
    return OwnWork(DEFAULT, f"storykit assumes a {service} team unless most hours plainly go to one other "
                            "kind of work")
