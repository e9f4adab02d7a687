"""Rules the unseen set (tests/make_unseen.py) asked for, one table per rule, each with why it holds."""

from __future__ import annotations

import pandas as pd
import pytest

from storykit.ingest.dates import parse_dates
from storykit.ingest.role_values import day_first_named


@pytest.mark.parametrize(("values", "first", "last", "ambiguous"), [
    pytest.param(["03022026", "03132026"], "2026-03-02", "2026-03-13", False, id="mmddyyyy text (NICE IEX)"),
    pytest.param([3022026, 3132026], "2026-03-02", "2026-03-13", False, id="mmddyyyy number lost its 0"),
    pytest.param([3022026, 3032026], "2026-03-02", "2026-03-03", True, id="mmddyyyy either way: still asked"),
    pytest.param(["2026.03.02.", "2026.03.13."], "2026-03-02", "2026-03-13", False, id="Hungarian YYYY.MM.DD."),
    pytest.param(["2026-03-02 08:15:00 UTC", "2026-03-13 17:00:00 GMT"], "2026-03-02", "2026-03-13", False,
                 id="timestamps ending in UTC/GMT"),
    pytest.param(["02.03.2026", "11.03.2026"], "2026-03-02", "2026-03-11", False,
                 id="dotted: day first everywhere"),
    pytest.param(["02/03/2026", "11/03/2026"], "2026-03-02", "2026-03-11", True, id="slashes: US or not, asked"),
])
def test_date_shapes(values, first, last, ambiguous):
    reading = parse_dates(pd.Series(values, dtype=object))
    assert [reading.values.min().date().isoformat(), reading.values.max().date().isoformat()] == [first, last]
    assert reading.ambiguous == ambiguous


@pytest.mark.parametrize(("header", "day_first"), [
    ("Datum", True), ("Fecha", True), ("Data", True), ("Dienst Datum", True), ("Date de début", False),
    ("Date", False), ("Work date", False), ("Day", False),
])
def test_a_date_column_named_in_a_day_first_language_is_read_day_first(header, day_first):
    assert bool(day_first_named(header)) == day_first
    reading = parse_dates(pd.Series(["03-02-2026", "11-02-2026"], dtype=object), day_first_named(header))
    assert reading.ambiguous != day_first
    if day_first:
        assert reading.values.min().date().isoformat() == "2026-02-03" and "day first" in reading.how
