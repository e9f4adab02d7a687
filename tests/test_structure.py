"""Table structure one rule at a time: what the reader decides about the shape of a table, and what it says."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import storykit as sk
from storykit.ingest.table import merge_group_row
from storykit.ingest.text_arrow import sniff_delimiter


def csv(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_group_row_joins_the_names_under_it():
    group = [None, "Shift", None, None, "Break"]
    header = ["Name", "Date", "Start", "End", "Minutes"]
    assert merge_group_row(group, header) == ["Name", "Shift Date", "Shift Start", "Shift End", "Break Minutes"]


@pytest.mark.parametrize("above", [["Timesheet March 2026", None, None], ["Name:", "Ana Souza", None],
                                   [dt.date(2026, 3, 2), None, None]], ids=["title", "name line", "a date"])
def test_a_title_above_the_header_is_not_a_group_row(above):
    assert merge_group_row(above, ["Date", "Activity", "Hours"]) is None


def test_the_delimiter_is_not_chosen_by_a_preamble_of_notes_with_commas():
    notes = [f"Note {i}: exported by the tool, see settings" for i in range(35)]
    rows = ["Datum;Person;Stunden"] + [f"0{d}.03.2026;Ana;1,5" for d in range(1, 9)]
    assert sniff_delimiter("\n".join(notes + rows)) == ";"


def test_a_date_far_outside_the_log_is_kept_out_of_the_period_and_said():
    rows = [f"2024-03-{d:02d},Ana,Support,2" for d in range(4, 20)]
    log = sk.load(("log.csv", csv("Date,Person,Activity,Hours", *rows[:5], "1900-01-01,Ana,Support,2", *rows[5:])))
    assert log.date_range == (dt.date(2024, 3, 4), dt.date(2024, 3, 19))
    assert log.total_hours == pytest.approx(32)
    assert [s.row for s in log.skipped] == [7] and "far from the log's other dates" in log.skipped[0].reason
    assert any("kept out of the period" in w for w in log.warnings)


def test_a_date_a_few_days_ahead_is_flagged_not_kept_out():
    today = dt.date.today()
    rows = [f"{today - dt.timedelta(days=d):%Y-%m-%d},Ana,Support,2" for d in range(1, 15)]
    log = sk.load(("log.csv", csv("Date,Person,Activity,Hours", *rows, f"{today + dt.timedelta(days=5):%Y-%m-%d},"
                                  "Ana,Support,1")))
    assert log.total_hours == pytest.approx(29) and not log.skipped
    assert any("date in the future" in f.reason for f in log.flagged)


def test_a_log_whose_hours_are_all_zero_says_so_and_asks():
    log = sk.load(("log.csv", csv("Date,Person,Activity,Hours", *[f"2026-03-0{d},Ana,Support,0" for d in range(2, 7)])))
    assert log.total_hours == 0
    assert log.sources[0].needs_confirmation
    assert any("has 0 hours" in d for d in log.sources[0].doubts)


def test_a_summary_says_it_knows_neither_people_nor_weeks():
    log = sk.load(("summary_2026-03-01_to_2026-03-31.csv", csv("Project,Duration", "Support,10:00:00",
                                                              "Overflow,04:30:00")))
    assert not log.people_known and not log.weekly_detail


def test_a_log_without_names_does_not_claim_to_know_its_people():
    log = sk.load(("log.csv", csv("Date,Activity,Hours", "2026-03-02,Support,2", "2026-03-03,Support,3")))
    assert log.people == ["(one person)"] and not log.people_known and log.weekly_detail


def test_inspect_json_says_what_the_reader_does_not_know(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "summary_2026-03-01_to_2026-03-31.csv"
    path.write_bytes(csv("Project,Duration", "Support,10:00:00", "Overflow,04:30:00"))
    out = subprocess.run([sys.executable, "-m", "storykit.cli", "inspect", str(path), "--json"], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    report = json.loads(out.stdout)
    assert report["people_known"] is False and report["weekly_detail"] is False


def test_repeated_header_rows_and_section_titles_are_skipped_with_their_reasons():
    log = sk.load(("log.csv", csv("Week 10", "Date,Person,Activity,Hours", "2026-03-02,Ana,Support,2",
                                  "2026-03-03,Ben,Support,3", "Week 11", "Date,Person,Activity,Hours",
                                  "2026-03-09,Ana,Support,1", "Total,,,6")))
    assert log.total_hours == pytest.approx(6)
    reasons = {s.row: s.reason for s in log.skipped}
    assert "section title" in reasons[5] and "header row repeated" in reasons[6] and "total row" in reasons[8]


def test_a_lone_clock_in_is_unreadable_not_a_title():
    log = sk.load(("log.csv", csv("Start;End;Person", "02.03.2026 08:00;02.03.2026 16:00;Ana",
                                  "03.03.2026 08:00;03.03.2026 12:00;Ana", "04.03.2026 08:10;;")))
    assert log.total_hours == pytest.approx(12)
    assert [s.row for s in log.skipped] == [4] and "title" not in log.skipped[0].reason


def test_every_sheet_of_a_workbook_follows_the_reading_most_sheets_got():
    """A sheet on which the evidence leaned the other way is read as its sister sheets are."""
    from storykit.ingest.sheets import pick_sheets
    from storykit.model import Source, TimeLog

    def log(mapping: dict[str, str]) -> TimeLog:
        frame = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"]), "person": ["Ana"], "activity": ["x"],
                              "hours": [1.0], "file": ["b.xlsx"], "sheet": ["s"], "row": [2]})
        return TimeLog(frame, (Source("b.xlsx", "generic", "s", 1, 1, mapping, None, 0.8, columns=("A", "B")),))

    usual, odd = {"hours": "A"}, {"hours": "B"}
    grids = [type("G", (), {"sheet": f"Sheet{i}", "hidden": False})() for i in range(3)]
    reread = []
    pick_sheets([(log(usual), grids[0]), (log(odd), grids[1]), (log(usual), grids[2])],
                lambda g, src: reread.append((g.sheet, src.mapping)) or log(src.mapping))
    assert reread == [("Sheet1", usual)]
