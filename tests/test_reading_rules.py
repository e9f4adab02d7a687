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


@pytest.mark.parametrize("label", ["Totaal", "Totale", "Suma", "Razem", "Celkem", "Összesen", "Totalt", "Sous-total",
                                   "Total", "Summe"])
def test_a_total_row_is_known_in_the_languages_logs_are_kept_in(label):
    from storykit.ingest.table import is_total_text

    assert is_total_text(label) and is_total_text(f"{label}:") and not is_total_text(f"Support {label.lower()}ly")


def _log(tmp_path, name: str, text: str):
    import storykit as sk

    path = tmp_path / name
    path.write_text(text)
    return sk.load(path)


def test_weekday_names_take_their_dates_from_the_week_the_name_states(tmp_path):
    rows = [f"{d},{p},Support,{h}" for d in ("Lun", "Mar", "Mié", "Jue", "Vie") for p, h in (("Ana Lima", 3),
                                                                                            ("Bo Chen", 4.5))]
    log = _log(tmp_path, "semana_2026-03-09.csv", "Día,Empleado,Proyecto,Horas\n" + "\n".join(rows) + "\n")
    assert [d.isoformat() for d in log.date_range] == ["2026-03-09", "2026-03-13"]
    assert any("names only the weekday" in w for w in log.warnings)
    ending = _log(tmp_path, "week ending 15 Mar 2026.csv", "Day,Name,Task,Hours\n" + "\n".join(
        f"{d},{p},Support,{h}" for d in ("Mon", "Tue", "Wed", "Thu", "Fri") for p, h in (("Ana Lima", 3),
                                                                                       ("Bo Chen", 4.5))) + "\n")
    assert [d.isoformat() for d in ending.date_range] == ["2026-03-09", "2026-03-13"], "a Sunday ends its week"


def test_a_weekday_column_beside_a_date_column_is_only_the_dates_name(tmp_path):
    rows = [f"2026-03-{9 + i:02d},{d},Ana Lima,Support,3" for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri"))]
    rows += [f"2026-03-{16 + i:02d},{d},Ana Lima,Support,2" for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri"))]
    log = _log(tmp_path, "week_2026-03-09.csv", "Date,Day,Name,Task,Hours\n" + "\n".join(rows) + "\n")
    assert [d.isoformat() for d in log.date_range] == ["2026-03-09", "2026-03-20"]


def test_a_summary_takes_its_period_from_a_range_in_its_title(tmp_path):
    log = _log(tmp_path, "summary.csv", "Summary report\n01/03/2026 - 31/03/2026\n\nProject,Time (decimal)\n"
               "Support,120.5\nBilling,40\nTraining,12.25\n")
    assert log.sources[0].kind == "summary" and log.sources[0].period[1].isoformat() == "2026-03-31"


@pytest.mark.parametrize("days", [["Lun", "Mar", "Mié", "Jue", "Vie"], ["ma", "di", "wo", "do", "vr"],
                                  ["Lun.", "Mar.", "Mer.", "Gio.", "Ven."], ["Seg", "Ter", "Qua", "Qui", "Sex"],
                                  ["Pon", "Wt", "Śr", "Czw", "Pt"]])
def test_weekday_headers_in_other_languages_are_days(days):
    from storykit.ingest.layout import day_columns

    assert list(day_columns(["Name", *days, "Total"]).values()) == [0, 1, 2, 3, 4]
