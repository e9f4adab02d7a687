"""The Upload step says why each column plays its role, and asks the reader's one question (AppTest).

A user sees, beside the mapping, the column and the reason of every role and which time-like
columns are not counted; when the file cannot tell (a duration column whose name names no unit and
whose values make a plausible day in two units) one click on an answer sets the mapping and the
file is read again.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _shared as ui
from tests.app_session import new_session, upload
from tests.conftest import ROOT


@pytest.fixture
def at() -> AppTest:
    return new_session()


def unitless_minutes() -> tuple[str, bytes]:
    """Entries of 1-8 with no person column: 1-8 h per entry and 1-8 min per entry are both plausible."""
    rng, day, rows = random.Random(4), dt.date(2026, 3, 2), ["Date,Dauer,Activity"]
    for _ in range(10):
        rows += [f"{day.isoformat()},{rng.randint(1, 8)},{rng.choice(['Support', 'Meeting', 'Training'])}"
                 for _ in range(12)]
        day += dt.timedelta(days=1)
    return "dauer.csv", ("\n".join(rows) + "\n").encode()


def test_every_role_shows_its_column_and_why(at):
    name, data = "kimai_export.csv", (ROOT / "tests" / "fixtures" / "kimai_export.csv").read_bytes()
    upload(at, (name, data))
    source = sk.load((name, data)).sources[0]
    shown = "\n".join(c.value for c in at.caption)
    assert source.reasons and all(why in shown for why in source.reasons.values())
    assert all(column in shown for column in source.ignored), "time-like columns not counted are named"
    assert "'Duration' holds hours" in shown


def test_the_readers_question_is_asked_and_one_click_answers_it(at):
    name, data = unitless_minutes()
    upload(at, (name, data))
    question = sk.load((name, data)).sources[0].question
    assert question is not None and "'Dauer'" in question.text
    assert any(question.text in i.value for i in at.info)
    minutes = next(b for b in at.button if b.key.startswith(f"answer:{name}:") and b.label.startswith("minutes"))
    minutes.click().run()
    assert at.session_state[ui.PROJECT].mappings[name]["hours_unit"] == "minutes"
    assert not any(question.text in i.value for i in at.info), "an answered question is not asked again"
    total = sum(int(line.split(",")[1]) for line in data.decode().splitlines()[1:]) / 60
    assert next(m for m in at.metric if m.label == "Hours").value == f"{total:,.1f}"
    assert any("'Dauer' holds minutes: chosen by you" in c.value for c in at.caption)


def test_a_unit_question_says_what_the_columns_name_says():
    """A RescueTime-like day (one person, hundreds of short entries) under 'Time Spent (seconds)': the reader
    may still ask seconds or minutes, but its reason quotes the name's unit instead of calling it silent."""
    import numpy as np

    rng = np.random.default_rng(7)
    seconds = np.clip(rng.lognormal(np.log(47), 1.2, 272).astype(int), 1, 3000)
    kinds = rng.choice(["Writing", "Email", "Search", "Video", "Presentation", "General Utilities"], 272)
    lines = ["Date,Time Spent (seconds),Number of People,Activity,Category,Productivity"]
    lines += [f"2013-03-12T00:00:00,{s},1,app{i % 40},{k},{i % 5 - 2}"
              for i, (s, k) in enumerate(zip(seconds, kinds, strict=True))]
    question = sk.load(("day.csv", "\n".join(lines).encode())).sources[0].question
    assert question is not None and question.text.startswith("Is 'Time Spent (seconds)' in seconds or minutes")
    assert "names no unit" not in question.why and "'seconds'" in question.why
