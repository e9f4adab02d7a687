"""The project file: every choice a user made, as one versioned JSON, validated on the way in.

Loading a project with a newer month of data reapplies the mapping, classification, settings,
scenario and edited text; labels the project has never seen stay unassigned.

`Project` is a frozen value (tuples and FrozenMaps all the way down): equal projects compare
and hash equal, so the app's caches key on the project itself. The rules a project file must
meet are declared once per field in storykit/project_schema.py, which reads the JSON.

Files written before a label had one choice (an owner and a class side by side) still load: each
owner/class pair becomes its choice, and a pair that contradicts itself ("Our team" with "other
team's work") becomes "not decided yet", listed in `migration_notes` so the app can say so.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from storykit.baseline import Baseline
from storykit.classify import Rule
from storykit.frozenmap import FrozenMap, freeze
from storykit.model import Choice, Edits, Scenario, ServiceLevel, Settings


@dataclass(frozen=True)
class Project:
    """Everything needed to rebuild the same story from the same or newer data.

    Dict arguments are frozen on the way in, so `dataclasses.replace(p, assignments={...})`
    still gives a hashable project.
    """

    settings: Settings = field(default_factory=Settings)
    scenario: Scenario = field(default_factory=Scenario)
    service: ServiceLevel = field(default_factory=ServiceLevel)
    assignments: Mapping[str, Choice] = field(default_factory=FrozenMap)  # the user's own choice per label
    rules: tuple[Rule, ...] = ()
    mappings: Mapping[str, Mapping[str, str]] = field(default_factory=FrozenMap)  # file name -> role -> column
    edits: Edits = field(default_factory=Edits)
    known_labels: tuple[str, ...] | None = None  # labels reviewed when saved; None: a fresh project
    #: The period the plan was made from, as aggregates (storykit/baseline.py); None until saved with data.
    baseline: Baseline | None = None
    #: What loading an older file changed (contradictory owner/class pairs left undecided); never saved.
    migration_notes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("assignments", "mappings", "rules", "known_labels"):
            object.__setattr__(self, name, freeze(getattr(self, name)))

    def remember_labels(self, labels: Iterable[str]) -> Project:
        """The project with these labels marked as reviewed (call it when saving)."""
        known = dict.fromkeys(self.known_labels or ())
        known.update(dict.fromkeys(labels))
        return dataclasses.replace(self, known_labels=tuple(sorted(known)))

    def to_json(self) -> str:
        from storykit.project_schema import VERSION, choice_json  # imported where a file is written or read

        data = {
            "storykit_project": VERSION,
            "settings": dataclasses.asdict(self.settings),
            "scenario": {
                "default_share": self.scenario.default_share,
                "hand_backs": [
                    {"owner": h.owner, "share": h.share, "stage": h.stage,
                     "start": h.start.isoformat() if h.start else None} for h in self.scenario.hand_backs
                ],
                "reclaimed_for": self.scenario.reclaimed_for,
                "ask": self.scenario.ask,
                "stage_weeks": self.scenario.stage_weeks,
            },
            "service": dataclasses.asdict(self.service),
            "assignments": {k: choice_json(c) for k, c in sorted(self.assignments.items())},
            "rules": [{"keyword": r.keyword, **choice_json(r.choice)} for r in self.rules],
            "mappings": {name: dict(m) for name, m in self.mappings.items()},
            "edits": {
                "titles": {str(k): v for k, v in self.edits.titles.items()},
                "points": {str(k): list(v) for k, v in self.edits.points.items()},
                "notes": {str(k): v for k, v in self.edits.notes.items()},
            },
        }
        if self.known_labels is not None:
            data["known_labels"] = list(self.known_labels)
        if self.baseline is not None:
            data["baseline"] = _baseline_json(self.baseline)
        return json.dumps(data, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, file: str = "project.json") -> Project:
        """The project a file describes, or a ProjectError naming every field that is wrong."""
        from storykit.project_schema import read_project

        return cls(**read_project(text, file))


def _baseline_json(b: Baseline) -> dict[str, object]:
    """The baseline as the file keeps it: dates as ISO text, every other field as it is."""
    data = dataclasses.asdict(b)
    data["first"], data["last"] = b.first.isoformat(), b.last.isoformat()
    data["owners"] = [{**dataclasses.asdict(o), "start": o.start.isoformat()} for o in b.owners]
    return data
