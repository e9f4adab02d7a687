"""Every log we have reads the same after its headers are renamed by meaning and its columns reordered.

The perturbations are made by tests/perturb.py: a synonym of each column's role (from the
vocabulary, or from hand-written spellings it does not hold verbatim) in EN/DE/FR/ES/NL/CS, a unit
in any of the ways people write one (the values converted with it), another case and punctuation,
and the columns in any order. The totals, rows, people, dates and hours by label must stay the
truth's. A reading may ask one question instead only when the rename removed what the file said:
a unit that was written only in the header (`Duration (min)` -> `Dauer`), where the values then
give a plausible day in two units, and the answer it offers must then read the truth exactly.

    STORYKIT_PERTURBATIONS=20 .venv/bin/python -m pytest tests/test_perturbation.py   # more per file
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import perturb
from tests.conftest import IN_CI

FIXTURES = perturb.fixtures()
EXAMPLES = int(os.environ.get("STORYKIT_PERTURBATIONS", "3"))


def test_every_log_we_have_is_perturbed():
    names = {f.path.name for f in FIXTURES}
    assert len(FIXTURES) >= 60
    assert {"kimai_export.csv", "handmade_title_totals.xlsx", "deputy_timesheets.csv",
            "toggl_support_team.csv"} <= names


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.path.name)
@settings(max_examples=EXAMPLES, derandomize=IN_CI)  # CI gates everyone's landing: the same draws each run
@given(data=st.data())
def test_a_log_renamed_by_meaning_and_reordered_reads_the_same(fixture, data):
    o = perturb.original(fixture.path)

    def draw(kind: str, options):  # type: ignore[no-untyped-def]
        if kind == "order":
            return data.draw(st.permutations(list(options)), label=kind)
        return data.draw(st.sampled_from(list(options)), label=kind)

    plan = perturb.draw_plan(o, draw)
    verdict, why = perturb.judge(fixture, plan, perturb.apply(fixture.path, plan))
    assert verdict != "wrong", f"{plan.describe(o)}: {why}"


@pytest.mark.parametrize(("name", "unit", "header"), [
    ("productive_time_entries.csv", "minutes", "Dauer (Min.)"),
    ("kimai_export.csv", "minutes", "Logged, mins"),
    ("tempo_worklogs.csv", "milliseconds", "time_spent_ms"),
    ("harvest_detailed.csv", "seconds", "Tiempo (seg.)"),
    ("toggl_detailed.csv", "milliseconds", "Gewerkte tijd [milliseconden]"),
    ("european_excel.csv", "hours", "logged time in hr."),
], ids=lambda v: str(v))
def test_the_issues_unit_spellings_convert_with_their_values(name, unit, header):
    """The spellings the issue names, each with the values converted to its unit: the reader reads the unit
    from the name and the total stays the truth's."""
    fixture = next(f for f in FIXTURES if f.path.name == name)
    o = perturb.original(fixture.path)
    hours = next(i for i, r in o.roles.items() if r == "hours")
    plan = perturb.Plan({hours: header}, tuple(range(len(o.headers))), unit, None)
    data = perturb.apply(fixture.path, plan)
    log = perturb.read(fixture, data)
    assert perturb.differences(fixture, log) == []
    src = log.sources[0]
    assert src.unit == unit and src.mapping["hours"] == header
    assert "its name says" in src.reasons["hours"]
