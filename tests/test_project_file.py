"""Project files: every value is checked, every problem named at once, nothing misread or blamed on the data.

Each case is a project file a person could write or damage by hand, with the words the refusal
must contain: the field's place, the value as the file wrote it, and what kind of value it is
(`2.5, a number` is not `'2.5', text`). The project is a frozen value: equal files give equal,
hashable projects, which is what the app's caches key on.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

import storykit as sk
from tests.conftest import ROOT, SAMPLES
from tests.hostile_inputs import csv_bytes

SAMPLE = (SAMPLES / "project.json").read_text()


def _project(**change: object) -> str:
    """The sample project with fields changed: `scenario__stage_weeks=4.5` sets scenario.stage_weeks."""
    data = json.loads(SAMPLE)
    for path, value in change.items():
        *parents, leaf = path.split("__")
        node = data
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return json.dumps(data)


def _deep(levels: int) -> str:
    return '{"storykit_project": 1, "edits": ' + '{"a": ' * levels + "1" + "}" * levels + "}"


def _hand_back(**fields: object) -> str:
    return _project(scenario__hand_backs=[{"owner": "Finance", "share": 0.5, "stage": 3, **fields}])


DIGITS_400 = "1" + "0" * 399

CASES = [
    # the file itself
    ("empty file (0 bytes)", "", "the project file is empty"),
    ("only whitespace", " \n\t\n", "the project file is empty"),
    ("not JSON", "{storykit", "not a valid JSON file"),
    ("invalid UTF-8", b'{"storykit_project": 1, "settings": {"team_name": "\xff\xfe"}}', "it is not UTF-8 text"),
    ("JSON but not an object", "[1, 2, 3]", "the file must be an object"),
    ("not a storykit project", '{"name": "x"}', "not a storykit project"),
    ("unknown version", _project(storykit_project=99), "project version 99 is not supported"),
    ("version as text", _project(storykit_project="1"), "version '1' is not supported"),
    ("version true is not version 1", _project(storykit_project=True),
     "'storykit_project' must be the version number 1 (value true, true/false)"),
    ("a key written twice", '{"storykit_project": 1, "settings": {"team_name": "A", "team_name": "B"}}',
     "settings has the key 'team_name' more than once"),
    ("nested too deep", _deep(40), "nested deeper than 8 levels"),
    ("nested past the parser's recursion", "[" * 100_000 + "]" * 100_000, "nested deeper than 8 levels"),
    ("file over 2 MB", _project(settings__author="x" * (3 * 2**20)), "larger than 2 MB"),
    # unknown fields: every one named
    ("unknown top-level field", _project(template="/etc/passwd"), "an unknown field 'template'"),
    ("two unknown settings fields named together", _project(settings__output_dir="/tmp", settings__colour="red"),
     "settings has unknown fields 'output_dir', 'colour'"),
    # whole numbers where a count is meant
    ("stage 2.5", _hand_back(stage=2.5),
     "scenario.hand_backs[0].stage must be a whole number from 1 to 3 (value 2.5, a number)"),
    ("stage_weeks 4.5", _project(scenario__stage_weeks=4.5), "scenario.stage_weeks must be a whole number"),
    ("backlog_items 340.5", _project(service__backlog_items=340.5),
     "service.backlog_items must be a whole number from 0 to 1,000,000,000 (value 340.5, a number)"),
    ("stage 7", _hand_back(stage=7), "must be a whole number from 1 to 3 (value 7, a number)"),
    # finite numbers within their range, big integers included
    ("share over 100%", _project(scenario__default_share=1.5), "must be a number from 0 to 1 (value 1.5, a number)"),
    ("negative share", _project(scenario__default_share=-0.1), "must be a number from 0 to 1"),
    ("share as text is shown as text", _project(scenario__default_share="0.5"), "(value '0.5', text)"),
    ("NaN share", _project(scenario__default_share=float("nan")), "(value NaN, a number)"),
    ("infinite cost", _project(settings__hourly_cost=float("inf")), "settings.hourly_cost must be a number"),
    ("1e999 hours", _project(settings__contracted_weekly_hours=1e999), "(value Infinity, a number)"),
    ("1e999 as written", '{"storykit_project": 1, "settings": {"contracted_weekly_hours": 1e999}}',
     "(value 1e999, a number)"),
    ("400-digit weekly hours", '{"storykit_project": 1, "settings": {"contracted_weekly_hours": '
     + DIGITS_400 + "}}", "settings.contracted_weekly_hours must be a number from 1 to 80 "
     "(value 100000...000, a number with 400 digits)"),
    ("5000-digit backlog", '{"storykit_project": 1, "service": {"backlog_items": ' + "9" * 5000 + "}}",
     "a number with 5,000 digits"),
    ("30-digit integer still compared exactly", _project(service__backlog_items=10**29), "(value 1000000"),
    ("weekly hours 0", _project(settings__contracted_weekly_hours=0), "must be a number from 1 to 80"),
    # booleans never as numbers, nor numbers as booleans
    ("true as a cost", _project(settings__hourly_cost=True), "settings.hourly_cost must be a number from 0 to "
     "100,000 (value true, true/false)"),
    ("false as a stage", _hand_back(stage=False), "(value false, true/false)"),
    ("text as boolean", _project(settings__show_names="yes"), "must be true or false (value 'yes', text)"),
    ("1 as boolean", _project(settings__show_names=1), "must be true or false (value 1, a number)"),
    # dates within a sane window
    ("hand-back start 9999-12-31", _hand_back(start="9999-12-31"),
     "scenario.hand_backs[0].start must be a date from 2000 to 2100 (value '9999-12-31', text)"),
    ("hand-back start in year 1", _hand_back(start="0001-01-01"), "must be a date from 2000 to 2100"),
    ("impossible date", _hand_back(start="2026-02-30"), "must be a date like 2026-01-31"),
    ("date as a number", _hand_back(start=20260105), "must be a date like 2026-01-31 (value 20260105, a number)"),
    ("hand-back without owner", _project(scenario__hand_backs=[{"share": 0.5}]),
     "scenario.hand_backs[0].owner is missing"),
    # choices, text
    ("unknown audience", _project(settings__audience="board"), "must be one of operations, finance, people"),
    ("team name too long", _project(settings__team_name="x" * 500), "longer than 80"),
    ("class unknown", _project(assignments={"Email": {"owner": "Us", "class": "fun"}}), "must be one of"),
    # mappings: plain file names, known roles, one column per role
    ("path as mapping file name", _project(mappings={"../../etc/passwd": {"hours": "Hours"}}), "not a path"),
    ("absolute path as file name", _project(mappings={"/etc/passwd": {"hours": "Hours"}}), "not a path"),
    ("Windows path as file name", _project(mappings={"C:\\Windows\\win.ini": {"hours": "Hours"}}), "not a path"),
    ("hidden file name", _project(mappings={".env": {"hours": "Hours"}}), "not a path"),
    ("NUL in file name", _project(mappings={"a\x00.csv": {"hours": "Hours"}}), "not a path"),
    ("unknown mapping roles, all named", _project(mappings={"a.csv": {"salary": "Pay", "mood": "M"}}),
     "names unknown roles 'salary', 'mood' (a role must be one of"),
    ("one column for two roles", _project(mappings={"a.csv": {"person": "Hours", "hours": "Hours"}}),
     "mappings['a.csv'] gives the column 'Hours' 2 roles (person, hours): a column has one role"),
    # edits
    ("act 4 edits", _project(edits={"titles": {"4": "x"}}), "act numbers"),
    ("empty title edit", _project(edits={"titles": {"1": "  "}}),
     "edits.titles.1 must not be empty (leave it out to keep the generated text)"),
    ("empty points edit", _project(edits={"points": {"2": []}}), "edits.points.2 must hold at least one point"),
    ("too many hand-backs", _project(scenario__hand_backs=[{"owner": "X"}] * 1001), "more than 1,000 items"),
    # several problems: all named in one message
    ("problems in three places", _project(settings__contracted_weekly_hours="37.5", scenario__stage_weeks=2.5,
                                          settings__colour="red"),
     "3 problems: settings has an unknown field 'colour'"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_project_files_get_clear_messages(text, expected, monkeypatch) -> None:
    touched: list[str] = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: touched.append(str(a[0])) or (_ for _ in ()).throw(
        AssertionError("a project file made storykit open a file")))
    with pytest.raises((sk.ProjectError, sk.LimitError)) as info:
        sk.Project.from_json(text, file="p.json")
    assert expected in str(info.value)
    assert str(info.value).startswith("p.json: ")
    assert "Expecting value" not in str(info.value)
    assert touched == []


def test_every_problem_is_named_with_its_place() -> None:
    text = _project(settings__contracted_weekly_hours="37.5", scenario__stage_weeks=2.5, settings__colour="red")
    with pytest.raises(sk.ProjectError) as info:
        sk.Project.from_json(text, file="p.json")
    message = str(info.value)
    for words in ("settings has an unknown field 'colour'",
                  "settings.contracted_weekly_hours must be a number from 1 to 80 (value '37.5', text)",
                  "scenario.stage_weeks must be a whole number from 1 to 52 (value 2.5, a number)"):
        assert words in message


def test_many_problems_are_counted_past_the_first_eight() -> None:
    text = _project(assignments={f"Label {i}": {"owner": "X", "class": "fun"} for i in range(20)})
    with pytest.raises(sk.ProjectError, match=r"20 problems: .*; and 12 more"):
        sk.Project.from_json(text)


def test_whole_numbers_written_as_floats_and_dates_in_the_window_still_read() -> None:
    project = sk.Project.from_json(_project(scenario__stage_weeks=6.0, service__backlog_items=340.0,
                                            scenario__hand_backs=[{"owner": "F", "stage": 2.0, "start": "2026-03-02"}]))
    assert project.scenario.stage_weeks == 6 and isinstance(project.scenario.stage_weeks, int)
    assert project.service.backlog_items == 340 and isinstance(project.service.backlog_items, int)
    assert project.scenario.hand_backs[0].stage == 2
    assert str(project.scenario.hand_backs[0].start) == "2026-03-02"


def test_a_project_round_trips_and_is_a_hashable_value() -> None:
    project = sk.Project.from_json(_project(
        assignments={"Email": {"owner": "Finance", "class": "other_team"}},
        mappings={"team.csv": {"hours": "Hours", "person": "Who"}},
        edits={"titles": {"1": "Our title"}, "points": {"2": ["a", "b"]}}), file="p.json")
    again = sk.Project.from_json(project.to_json())
    assert again == project and hash(again) == hash(project)
    assert {project: "cached"}[again] == "cached"
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.settings = sk.Settings()  # type: ignore[misc]
    with pytest.raises(TypeError):
        project.assignments["Email"] = sk.Choice("core")  # type: ignore[index]
    with pytest.raises(TypeError):
        project.mappings["team.csv"]["hours"] = "Other"  # type: ignore[index]
    # an edit in the app is dataclasses.replace with plain dicts: still a hashable value
    edited = dataclasses.replace(project, assignments={**project.assignments, "Chat": sk.Choice("core")},
                                 edits=sk.Edits(titles={1: "New"}))
    assert hash(edited) != hash(project) and edited != project
    assert dataclasses.replace(edited, assignments=dict(project.assignments), edits=project.edits) == project


def test_a_path_like_mapping_key_never_becomes_a_file_access(monkeypatch) -> None:
    """Plain names still work, and loading with a project never opens what a mapping names."""
    project = sk.Project.from_json(_project(mappings={"team.csv": {"hours": "Hours"}}))
    opened: list[str] = []
    real = Path.read_bytes

    def spy(self):  # type: ignore[no-untyped-def]
        opened.append(str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    log = sk.load(("team.csv", csv_bytes()), mappings=project.mappings)
    assert log.sources[0].mapping["hours"] == "Hours"
    assert opened == []


def test_a_mapping_names_every_column_the_file_lacks() -> None:
    project = sk.Project.from_json(_project(mappings={"team.csv": {"hours": "Time", "person": "Employee"}}))
    with pytest.raises(sk.FormatError) as info:
        sk.load(("team.csv", csv_bytes()), mappings=project.mappings)
    assert "'Time'" in str(info.value) and "'Employee'" in str(info.value)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storykit.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.mark.parametrize("text", [
    '{"storykit_project": 1, "settings": {"contracted_weekly_hours": ' + DIGITS_400 + "}}",
    '{"storykit_project": 1, "scenario": {"hand_backs": [{"owner": "X", "start": "9999-12-31"}]}}',
    "",
], ids=["400-digit hours", "start in 9999", "empty"])
def test_the_cli_blames_the_project_file_not_the_data(tmp_path, text) -> None:
    project = tmp_path / "P.json"
    project.write_text(text)
    data = tmp_path / "DATA.csv"
    data.write_bytes(csv_bytes())
    result = _cli("build", str(data), "--project", str(project), "-o", str(tmp_path / "deck.pptx"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {project}: "), result.stderr
    assert "DATA.csv" not in result.stderr and "Error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_app_caches_key_on_the_project_without_a_json_round_trip(monkeypatch) -> None:
    """An uncached render neither writes the project to JSON nor parses it back (issue 18), and a
    title edit reuses the analysis: the caches key on the project value itself."""
    from pages import _shared as ui

    files = ui.sample_inputs()
    base = sk.Project.from_json(_project(settings__team_name=f"Cache test {id(object())}"))  # never cached before
    project = dataclasses.replace(base, edits=sk.Edits(titles={1: "A title of our own"}))
    analysed: list[sk.Project] = []
    real = sk.analyse
    monkeypatch.setattr(sk, "analyse", lambda log, p: analysed.append(p) or real(log, p))
    for name in ("to_json", "from_json"):
        monkeypatch.setattr(sk.Project, name, lambda *a, **k: pytest.fail("the project went through JSON"))
    assert ui.story(files, project).acts[0].title == "A title of our own"
    again = dataclasses.replace(base, edits=sk.Edits(titles={1: "A title of our own"}))  # equal, not identical
    assert ui.story(files, again).acts[0].title == "A title of our own"
    assert ui.story(files, base).acts[0].title != "A title of our own"
    assert analysed == [base], "one analysis serves the edited and the generated story"
