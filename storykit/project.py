"""The project file: every choice a user made, as one versioned JSON, validated on the way in.

Loading a project with a newer month of data reapplies the mapping, classification, settings,
scenario and edited text; labels the project has never seen stay unassigned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storykit.classify import Rule
from storykit.errors import LimitError, ProjectError
from storykit.ingest.roles.words import ROLES
from storykit.model import ASKS, CLASSES, Assignment, Edits, HandBack, Scenario, ServiceLevel, Settings

VERSION = 1
MAX_PROJECT_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 8
MAX_TEXT = 5000
AUDIENCES = ("operations", "finance", "people")

@dataclass(frozen=True)
class Project:
    """Everything needed to rebuild the same story from the same or newer data."""

    settings: Settings = field(default_factory=Settings)
    scenario: Scenario = field(default_factory=Scenario)
    service: ServiceLevel = field(default_factory=ServiceLevel)
    assignments: dict[str, Assignment] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    edits: Edits = field(default_factory=Edits)
    known_labels: tuple[str, ...] | None = None  # labels reviewed when saved; None: a fresh project

    def remember_labels(self, labels: Iterable[str]) -> Project:
        """The project with these labels marked as reviewed (call it when saving)."""
        known = dict.fromkeys(self.known_labels or ())
        known.update(dict.fromkeys(labels))
        return dataclasses.replace(self, known_labels=tuple(sorted(known)))

    def to_json(self) -> str:
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
            "assignments": {k: {"owner": a.owner, "class": a.cls} for k, a in sorted(self.assignments.items())},
            "rules": [{"keyword": r.keyword, "owner": r.owner, "class": r.cls} for r in self.rules],
            "mappings": self.mappings,
            "edits": {
                "titles": {str(k): v for k, v in self.edits.titles.items()},
                "points": {str(k): list(v) for k, v in self.edits.points.items()},
                "notes": {str(k): v for k, v in self.edits.notes.items()},
            },
        }
        if self.known_labels is not None:
            data["known_labels"] = list(self.known_labels)
        return json.dumps(data, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, file: str = "project.json") -> Project:
        if len(text) > MAX_PROJECT_BYTES:
            raise LimitError(f"the project file is larger than {MAX_PROJECT_BYTES // 2**20} MB", file=file)
        try:
            data = json.loads(text)
        except RecursionError:
            raise ProjectError(f"the JSON is nested deeper than {MAX_DEPTH} levels", file=file,
                               hint="Use a project file saved by storykit.") from None
        except ValueError as e:
            raise ProjectError(f"not a valid JSON file ({str(e)[:80]})", file=file,
                               hint="Use a project file saved by storykit.") from None
        return _parse(data, file)

def _parse(data: Any, file: str) -> Project:
    v = _Validator(file)
    v.depth(data, 0)
    obj = v.obj(data, "the file")
    version = obj.get("storykit_project")
    if version is None:
        raise ProjectError("this JSON file is not a storykit project (no 'storykit_project' version)", file=file)
    if version != VERSION:
        raise ProjectError(f"project version {version!r} is not supported; this storykit reads version {VERSION}",
                           file=file, hint="Save the project again with this version of storykit.")
    v.only(obj, {"storykit_project", "settings", "scenario", "service", "assignments", "rules", "mappings", "edits",
                 "known_labels"},
           "the file")
    s = v.obj(obj.get("settings", {}), "settings")
    v.only(s, {f.name for f in dataclasses.fields(Settings)}, "settings")
    settings = Settings(
        team_name=v.text(s.get("team_name", "Our team"), "settings.team_name", 80),
        contracted_weekly_hours=v.number(s.get("contracted_weekly_hours", 37.5), "settings.contracted_weekly_hours", 1, 80),
        working_weeks_per_year=v.number(s.get("working_weeks_per_year", 46), "settings.working_weeks_per_year", 1, 53),
        hourly_cost=(None if s.get("hourly_cost") is None
                     else v.number(s["hourly_cost"], "settings.hourly_cost", 0, 100000)),
        currency=v.text(s.get("currency", "$"), "settings.currency", 5),
        audience=v.choice(s.get("audience", "operations"), "settings.audience", AUDIENCES),
        show_names=v.boolean(s.get("show_names", False), "settings.show_names"),
        author=v.text(s.get("author", ""), "settings.author", 120),
    )
    sc = v.obj(obj.get("scenario", {}), "scenario")
    v.only(sc, {"default_share", "hand_backs", "reclaimed_for", "ask", "stage_weeks"}, "scenario")
    hand_backs = []
    for i, h in enumerate(v.array(sc.get("hand_backs", []), "scenario.hand_backs")):
        where = f"scenario.hand_backs[{i}]"
        h = v.obj(h, where)
        v.only(h, {"owner", "share", "stage", "start"}, where)
        hand_backs.append(HandBack(
            owner=v.text(h.get("owner"), f"{where}.owner", 80),
            share=v.number(h.get("share", 0.5), f"{where}.share", 0, 1),
            stage=int(v.number(h.get("stage", 3), f"{where}.stage", 1, 3)),
            start=v.date(h.get("start"), f"{where}.start"),
        ))
    scenario = Scenario(
        default_share=v.number(sc.get("default_share", 0.5), "scenario.default_share", 0, 1),
        hand_backs=tuple(hand_backs),
        reclaimed_for=v.text(sc.get("reclaimed_for", Scenario.reclaimed_for), "scenario.reclaimed_for", 120),
        ask=v.choice(sc.get("ask", "hand_back"), "scenario.ask", ASKS),
        stage_weeks=int(v.number(sc.get("stage_weeks", 4), "scenario.stage_weeks", 1, 52)),
    )
    se = v.obj(obj.get("service", {}), "service")
    v.only(se, {f.name for f in dataclasses.fields(ServiceLevel)}, "service")
    service = ServiceLevel(
        promised_response_hours=v.optional_number(se.get("promised_response_hours"), "service.promised_response_hours", 0, 10000),
        actual_response_hours=v.optional_number(se.get("actual_response_hours"), "service.actual_response_hours", 0, 100000),
        backlog_items=(None if se.get("backlog_items") is None
                       else int(v.number(se["backlog_items"], "service.backlog_items", 0, 10**9))),
        minutes_per_item=v.optional_number(se.get("minutes_per_item"), "service.minutes_per_item", 0, 100000),
    )
    assignments = {}
    for label, a in v.obj(obj.get("assignments", {}), "assignments").items():
        where = f"assignments[{label[:40]!r}]"
        a = v.obj(a, where)
        v.only(a, {"owner", "class"}, where)
        assignments[v.text(label, where, 200)] = Assignment(
            v.text(a.get("owner"), f"{where}.owner", 80), v.choice(a.get("class"), f"{where}.class", CLASSES))
    rules = []
    for i, r in enumerate(v.array(obj.get("rules", []), "rules")):
        where = f"rules[{i}]"
        r = v.obj(r, where)
        v.only(r, {"keyword", "owner", "class"}, where)
        rules.append(Rule(v.text(r.get("keyword"), f"{where}.keyword", 80, nonempty=True),
                          v.text(r.get("owner"), f"{where}.owner", 80),
                          v.choice(r.get("class"), f"{where}.class", CLASSES)))
    mappings = {}
    for fname, m in v.obj(obj.get("mappings", {}), "mappings").items():
        where = f"mappings[{fname[:40]!r}]"
        m = v.obj(m, where)
        mappings[v.file_name(fname, where)] = {v.choice(k, f"{where} role", ROLES): v.text(c, f"{where}.{k}", 255)
                                              for k, c in m.items()}
    e = v.obj(obj.get("edits", {}), "edits")
    v.only(e, {"titles", "points", "notes"}, "edits")
    edits = Edits(
        titles={v.act(k, "edits.titles"): v.text(t, f"edits.titles.{k}", 300) for k, t in
                v.obj(e.get("titles", {}), "edits.titles").items()},
        points={v.act(k, "edits.points"): tuple(v.text(p, f"edits.points.{k}", 300) for p in
                                                 v.array(ps, f"edits.points.{k}"))
                for k, ps in v.obj(e.get("points", {}), "edits.points").items()},
        notes={v.act(k, "edits.notes"): v.text(t, f"edits.notes.{k}", MAX_TEXT) for k, t in
               v.obj(e.get("notes", {}), "edits.notes").items()},
    )
    known = obj.get("known_labels")
    known_labels = (None if known is None else
                    tuple(v.text(lbl, f"known_labels[{i}]", 200) for i, lbl in
                          enumerate(v.array(known, "known_labels", 100000))))
    return Project(settings, scenario, service, assignments, tuple(rules), mappings, edits, known_labels)

@dataclass
class _Validator:
    """Checks one value at a time and names the field and value when it refuses."""

    file: str

    def fail(self, where: str, what: str, value: Any) -> ProjectError:
        return ProjectError(f"{where} {what}", file=self.file, column=None, value=value,
                            hint="Fix the value or save the project again from the app.")

    def depth(self, value: Any, level: int) -> None:
        if level > MAX_DEPTH:
            raise ProjectError(f"the JSON is nested deeper than {MAX_DEPTH} levels", file=self.file)
        if isinstance(value, dict):
            for item in value.values():
                self.depth(item, level + 1)
        elif isinstance(value, list):
            for item in value:
                self.depth(item, level + 1)

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object", _short(value))
        return value

    def array(self, value: Any, where: str, limit: int = 1000) -> list:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list", _short(value))
        if len(value) > limit:
            raise self.fail(where, f"has more than {limit} items", len(value))
        return value

    def only(self, obj: dict, allowed: set[str], where: str) -> None:
        extra = sorted(set(obj) - allowed)
        if extra:
            raise self.fail(where, f"has an unknown field {extra[0]!r} (allowed: {', '.join(sorted(allowed))})", None)

    def text(self, value: Any, where: str, limit: int, nonempty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "must be text", _short(value))
        if len(value) > limit:
            raise self.fail(where, f"is longer than {limit} characters", value)
        if nonempty and not value.strip():
            raise self.fail(where, "must not be empty", value)
        return "".join(ch for ch in value if ch.isprintable() or ch in "\n\t")

    def file_name(self, value: Any, where: str) -> str:
        """An upload's name as the browser sent it: a key to match, never a path to open.

        Refused outright (not cleaned) so that nothing path-like survives into the project:
        storykit never opens a file named in a project, and this keeps it obvious.
        """
        name = self.text(value, where, 255, nonempty=True)
        if name != value or "/" in value or "\\" in value or value.startswith(".") or ":" in value:
            raise self.fail(where, "must be a plain file name like 'toggl.csv', not a path", value)
        return name

    def number(self, value: Any, where: str, lo: float, hi: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.fail(where, "must be a number", _short(value))
        if not lo <= value <= hi:
            raise self.fail(where, f"must be between {lo:g} and {hi:g}", value)
        return float(value)

    def optional_number(self, value: Any, where: str, lo: float, hi: float) -> float | None:
        return None if value is None else self.number(value, where, lo, hi)

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false", _short(value))
        return value

    def choice(self, value: Any, where: str, options: tuple[str, ...]) -> Any:
        if value not in options:
            raise self.fail(where, f"must be one of {', '.join(options)}", _short(value))
        return value

    def date(self, value: Any, where: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(where, "must be a date like 2026-01-31", _short(value)) from None

    def act(self, key: Any, where: str) -> int:
        if key not in ("1", "2", "3"):
            raise self.fail(where, "keys must be act numbers 1, 2 or 3", _short(key))
        return int(key)

def _short(value: Any) -> Any:
    """The value as the message shows it: text as text (the message quotes it), anything else as repr."""
    if isinstance(value, str):
        return value
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
