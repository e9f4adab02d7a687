"""What a project file may hold, declared once per field, and the reader that checks all of it at once.

Each field is one line below (the kinds of field are in storykit/project_fields.py): `Number(1, 80)`, `Count(1, 3)`, `Text(80)`, `Choice(AUDIENCES)`,
`Day()`, `Flag()`. A file is read in full before anything is refused, so one message names every
unknown field and every bad value, each with its place (`scenario.hand_backs[0].stage`), the
value as the file wrote it and what kind of value that is (`2.5, a number`).

Why our own declarations and not pydantic or msgspec: msgspec stops at the first error (we name
them all); pydantic collects them, but reads a bool as a number unless strict, and strict refuses
the ISO dates JSON carries as text; neither sees a key written twice (the JSON parser must), nor
numbers no float can hold (a 400-digit weekly hours), and both word errors in their own terms,
which we would translate back one by one. Six small classes say the same in our words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storykit.baseline import Baseline, OwnerBaseline
from storykit.classify import Rule
from storykit.errors import ProjectError
from storykit.model import Choice as LabelChoice
from storykit.model import Edits, HandBack, Scenario, ServiceLevel, Settings, is_our_team
from storykit.ownership.vocabulary import vocabulary
from storykit.project_fields import (
    Choice,
    Count,
    Day,
    Flag,
    Number,
    Records,
    Text,
    array,
    obj,
    record,
    unknown,
)
from storykit.project_json import BAD, Problems, parse_json, shown, walk
from storykit.vocabulary import ASKS, AUDIENCES, CLASSES, ROLES

VERSION = 1
MAX_TEXT = 5000
SHOWN_PROBLEMS = 8  # a message names this many problems, then counts the rest
HINT = "Fix the value or save the project again from the app."


# -- the fields, one declaration each --------------------------------------------------------
SETTINGS = {
    "team_name": Text(80), "contracted_weekly_hours": Number(1, 80), "working_weeks_per_year": Number(1, 53),
    "hourly_cost": Number(0, 100_000, optional=True), "currency": Text(5), "audience": Choice(AUDIENCES),
    "show_names": Flag(), "author": Text(120), "own_work": Choice(("", *vocabulary().teams)),
    "team_size": Count(1, 100_000, optional=True),
}
HAND_BACK = {"owner": Text(80), "share": Number(0, 1), "stage": Count(1, 3), "start": Day()}
SCENARIO = {
    "default_share": Number(0, 1), "hand_backs": Records(HandBack, HAND_BACK), "reclaimed_for": Text(120),
    "ask": Choice(ASKS), "stage_weeks": Count(1, 52),
}
SERVICE = {
    "promised_response_hours": Number(0, 10_000, optional=True),
    "actual_response_hours": Number(0, 100_000, optional=True),
    "backlog_items": Count(0, 10**9, optional=True), "minutes_per_item": Number(0, 100_000, optional=True),
}
#: The baseline: aggregates of the period the plan was made from (storykit/baseline.py); no rows, no names.
BASELINE_OWNER = {"owner": Text(80, nonempty=True), "hours_per_week": Number(0, 10_000), "share": Number(0, 1),
                  "stage": Count(1, 3), "start": Day(required=True)}
BASELINE = {
    "first": Day(required=True), "last": Day(required=True), "team_size": Count(1, 1_000_000, optional=True),
    "contracted_weekly_hours": Number(1, 80), "work_hours_per_week": Number(0, 10**8), "stage_weeks": Count(1, 52),
    "owners": Records(OwnerBaseline, BASELINE_OWNER),
}
#: A label's choice: {"choice": "core"} or {"choice": "other_team", "team": "Finance"}. Files written
#: before one choice per label hold {"owner", "class"} instead: read by _choice, which migrates them.
CHOICE = {"choice": Choice(CLASSES), "team": Text(80)}
OLD_CHOICE = {"owner": Text(80), "class": Choice(CLASSES)}
KEEP_GENERATED = " (leave it out to keep the generated text)"
EDIT_TEXT = Text(300, nonempty=True, why_nonempty=KEEP_GENERATED)
TOP = ("storykit_project", "settings", "scenario", "service", "assignments", "rules", "mappings", "edits",
       "known_labels", "baseline")


# -- reading --------------------------------------------------------------------------------
def read_project(text: str | bytes, file: str) -> dict[str, Any]:
    """The Project's fields from a project file's text, or one ProjectError naming every problem."""
    data = parse_json(text, file)
    p = Problems()
    walk(data, "the file", 0, p)
    if p:  # too deep, or keys written twice: the rest would be read from what the parser guessed
        raise _refusal(p, file)
    top = obj(data, "the file", p)
    if top is BAD:
        raise _refusal(p, file)
    _check_version(top, file)
    unknown(top, TOP, "the file", p)
    notes: list[str] = []
    fields = {
        "settings": record(Settings, SETTINGS, top.get("settings", {}), "settings", p),
        "scenario": record(Scenario, SCENARIO, top.get("scenario", {}), "scenario", p),
        "service": record(ServiceLevel, SERVICE, top.get("service", {}), "service", p),
        "assignments": mapping(top.get("assignments", {}), "assignments", p, Text(200),
                               lambda v, w: _choice(v, w, p, notes)),
        "rules": tuple(_rule(r, f"rules[{i}]", p, notes) for i, r in enumerate(array(top.get("rules", []), "rules", p))),
        "mappings": mapping(top.get("mappings", {}), "mappings", p, None, lambda v, w: _column_roles(v, w, p)),
        "edits": _edits(top.get("edits", {}), p),
        "known_labels": (None if top.get("known_labels") is None else tuple(
            Text(200).read(label, f"known_labels[{i}]", p)
            for i, label in enumerate(array(top["known_labels"], "known_labels", p, 100_000)))),
        "baseline": None if top.get("baseline") is None else _baseline(top["baseline"], p),
    }
    if p:
        raise _refusal(p, file)
    return {**fields, "migration_notes": tuple(notes)}


def choice_json(c: LabelChoice) -> dict[str, str]:
    return {"choice": c.cls, "team": c.team} if c.team else {"choice": c.cls}


def _baseline(value: Any, p: Problems) -> Any:
    """The baseline's fields, then what they must say together: a period in order, owners named once,
    no more hours on other teams' work than there were working hours."""
    b = record(Baseline, BASELINE, value, "baseline", p)
    if b is BAD:
        return BAD
    if b.first > b.last:
        p.add("baseline.last", f"must not be before baseline.first ({b.first.isoformat()})", b.last.isoformat())
    names = [o.owner for o in b.owners]
    for name in sorted({n for n in names if names.count(n) > 1}):
        p.add("baseline.owners", f"name {name!r} more than once")
    if b.other_per_week > b.work_hours_per_week + 0.01:
        p.add("baseline.owners", f"hold {b.other_per_week:,.2f} hours a week of other teams' work, more than the "
                                 f"{b.work_hours_per_week:,.2f} working hours a week the baseline had")
    return b


def _rule(value: Any, where: str, p: Problems, notes: list[str]) -> Any:
    value = obj(value, where, p)
    if value is BAD:
        return BAD
    keyword = Text(80, nonempty=True).read(value.get("keyword"), f"{where}.keyword", p)
    rest = {k: v for k, v in value.items() if k != "keyword"}
    choice = _choice(rest, where, p, notes, f"the rule {keyword!r}")
    return BAD if BAD in (keyword, choice) else Rule(keyword, choice)


def _choice(value: Any, where: str, p: Problems, notes: list[str], what: str | None = None) -> Any:
    """A label's or rule's choice; an older file's owner/class pair becomes its choice, and a pair that
    contradicts itself ('Our team' + other team's work, 'Finance' + core work) becomes 'not decided yet'."""
    value = obj(value, where, p)
    if value is BAD:
        return BAD
    old_shape = "owner" in value or "class" in value
    kinds = OLD_CHOICE if old_shape else CHOICE
    unknown(value, tuple(kinds), where, p)
    got = {name: kind.read(value[name], f"{where}.{name}", p) if name in value
           else ("" if name == "team" else p.add(f"{where}.{name}", "is missing")) for name, kind in kinds.items()}
    if BAD in got.values():
        return BAD
    if not old_shape:
        try:
            return LabelChoice(got["choice"], got["team"])
        except ValueError as e:
            return p.add(f"{where}.team", str(e), got["team"])
    owner, cls = got["owner"], got["class"]
    ours = is_our_team(owner) or not owner.strip()
    if cls == "other_team" and not ours:
        return LabelChoice.of_team(owner)
    if cls != "other_team" and (ours or cls == "unassigned"):
        return LabelChoice(cls)
    what = what or f"the label {where[len('assignments['):-1]}"
    notes.append(f"{what} said '{owner}' and '{cls.replace('_', ' ')}', which contradict each other: "
                 "it is now not decided yet, so please choose again")
    return LabelChoice()


def mapping(value: Any, where: str, p: Problems, key: Text | None,
            read: Callable[[Any, str], Any]) -> Any:
    """A JSON object of name -> value; `key` checks the names (None: file names)."""
    value = obj(value, where, p)
    if value is BAD:
        return BAD
    out = {}
    for name, item in value.items():
        at = f"{where}[{name[:40]!r}]"
        name = key.read(name, at, p) if key else _file_name(name, at, p)
        out[name] = read(item, at)
    return out


def _file_name(value: str, where: str, p: Problems) -> Any:
    """An upload's name as the browser sent it: a key to match, never a path to open.

    Refused outright (not cleaned) so that nothing path-like survives into the project:
    storykit never opens a file named in a project, and this keeps it obvious.
    """
    name = Text(255, nonempty=True).read(value, where, p)
    if name is not BAD and (name != value or any(c in value for c in "/\\:") or value.startswith(".")):
        return p.add(where, "must be a plain file name like 'toggl.csv', not a path", value)
    return name


def _column_roles(value: Any, where: str, p: Problems) -> Any:
    """role -> column for one file; every unknown role, and each column given two roles, named."""
    value = obj(value, where, p)
    if value is BAD:
        return BAD
    odd = [k for k in value if k not in ROLES]
    if odd:
        p.add(where, f"names {'unknown roles' if len(odd) > 1 else 'an unknown role'} "
                     f"{', '.join(map(repr, odd))} (a role must be one of {', '.join(ROLES)})")
    columns = {role: Text(255).read(column, f"{where}.{role}", p) for role, column in value.items()
               if role in ROLES}
    roles_of: dict[str, list[str]] = {}
    for role, column in columns.items():
        if column and column is not BAD:  # "" takes a role away: it names no column
            roles_of.setdefault(column, []).append(role)
    for column, roles in roles_of.items():
        if len(roles) > 1:
            p.add(where, f"gives the column {column!r} {len(roles)} roles ({', '.join(roles)}): "
                         "a column has one role")
    return columns


def _edits(value: Any, p: Problems) -> Any:
    value = obj(value, "edits", p)
    if value is BAD:
        return BAD
    unknown(value, ("titles", "points", "notes"), "edits", p)

    def per_act(kind: str, read: Callable[[Any, str], Any]) -> dict[int, Any]:
        acts = obj(value.get(kind, {}), f"edits.{kind}", p)
        if acts is BAD:
            return {}
        out = {}
        for act, item in acts.items():
            if act not in ("1", "2", "3"):
                p.add(f"edits.{kind}", "keys must be act numbers 1, 2 or 3", act)
                continue
            out[int(act)] = read(item, f"edits.{kind}.{act}")
        return out

    def points(item: Any, where: str) -> Any:
        texts = tuple(EDIT_TEXT.read(t, f"{where}[{i}]", p) for i, t in enumerate(array(item, where, p, 20)))
        if isinstance(item, list) and not item:
            return p.add(where, "must hold at least one point" + KEEP_GENERATED)
        return texts

    return Edits(titles=per_act("titles", lambda t, w: EDIT_TEXT.read(t, w, p)), points=per_act("points", points),
                 notes=per_act("notes", lambda t, w: Text(MAX_TEXT).read(t, w, p)))


def _check_version(top: dict, file: str) -> None:
    """A file of another version (or none) is refused before its fields are judged by this one's rules."""
    version = top.get("storykit_project")
    if version is None:
        raise ProjectError("this JSON file is not a storykit project (no 'storykit_project' version)", file=file)
    if isinstance(version, bool):
        raise ProjectError(f"'storykit_project' must be the version number {VERSION} ({shown(version)})", file=file,
                           hint="Use a project file saved by storykit.")
    if version != VERSION or not isinstance(version, int):
        raise ProjectError(f"project version {version!r} is not supported; this storykit reads version {VERSION}",
                           file=file, hint="Save the project again with this version of storykit.")


def _refusal(p: Problems, file: str) -> ProjectError:
    if len(p) == 1:
        return ProjectError(p[0], file=file, hint=HINT)
    listed = "; ".join(p[:SHOWN_PROBLEMS]) + (f"; and {len(p) - SHOWN_PROBLEMS} more" if len(p) > SHOWN_PROBLEMS
                                              else "")
    return ProjectError(f"{len(p)} problems: {listed}", file=file, hint="Fix the values or save the project again "
                                                                        "from the app.")
