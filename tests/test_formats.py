"""Every generated fixture read by the library and by `storykit inspect --json`, against its ground truth.

The fixtures and their `.truth.json` come from tests/make_fixtures.py, which computes the truth
from the entries it wrote, never by reading the file back.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import storykit as sk
from storykit.errors import FormatError
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
TRUTHS = {p.name.removesuffix(".truth.json"): json.loads(p.read_text()) for p in sorted(FIXTURES.glob("*.truth.json"))}
LOGS = [name for name, t in TRUTHS.items() if "error" not in t]
NOT_LOGS = [name for name, t in TRUTHS.items() if "error" in t]


def by_label(log: sk.TimeLog) -> dict[str, float]:
    return log.frame.groupby("activity")["hours"].sum().to_dict()


def test_there_are_enough_fixtures():
    assert len(LOGS) >= 15
    assert {"toggl_detailed", "toggl_summary", "clockify_detailed", "harvest_detailed", "tempo_worklogs", "kimai",
            "wfm_activity", "wide_grid", "justworks_weekly_hours"} <= {TRUTHS[n].get("format") for n in LOGS}


@pytest.mark.parametrize("name", LOGS)
def test_library_reads_fixture(name):
    truth = TRUTHS[name]
    log = sk.load(FIXTURES / name)
    src = log.sources[0]
    assert log.total_hours == pytest.approx(truth["total_hours"], abs=0.01)
    assert len(log.frame) == truth["rows"]
    assert log.people == truth["people"]
    assert [d.isoformat() for d in log.date_range] == truth["date_range"]
    assert by_label(log) == pytest.approx(truth["hours_by_label"], abs=0.01)
    assert src.format == truth["format"]
    assert src.kind == truth.get("kind", "log")
    if "hours_column" in truth:
        assert src.mapping["hours"] == truth["hours_column"]
        assert src.reasons["hours"], "the mapping must say why this hours column"
    for column in truth.get("not_summed", []):
        assert column in src.ignored, f"{column!r} must be listed as ignored"
        assert column not in src.mapping.values()
    assert src.needs_confirmation == truth.get("needs_confirmation", False), src.doubts
    if "sheet" in truth:
        assert src.sheet == truth["sheet"]
    if "header_row" in truth:
        assert src.header_row == truth["header_row"]
    if "skipped" in truth:
        assert len(log.skipped) == truth["skipped"]
    if "skipped_reason" in truth:
        assert log.skipped and all(truth["skipped_reason"] in s.reason for s in log.skipped)
    for reason in truth.get("flagged", []):
        assert any(reason in f.reason for f in log.flagged), (reason, log.flagged)
    if truth.get("flagged") == []:
        assert log.flagged == ()
    for text in truth.get("warnings_mention", []):
        assert any(text in w for w in log.warnings), (text, log.warnings)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storykit.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.mark.parametrize("name", LOGS)
def test_cli_inspect_json_matches_truth(name):
    truth = TRUTHS[name]
    result = run_cli("inspect", str(FIXTURES / name), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["total_hours"] == pytest.approx(truth["total_hours"], abs=0.01)
    assert report["rows"] == truth["rows"]
    assert report["people"] == truth["people"]
    assert report["date_range"] == truth["date_range"]
    assert report["hours_by_label"] == pytest.approx(truth["hours_by_label"], abs=0.01)
    assert report["format"] == truth["format"]
    assert report["needs_confirmation"] == truth.get("needs_confirmation", False)
    assert set(report["reasons"]) == set(report["mapping"]) and all(report["reasons"].values())


@pytest.mark.parametrize("name", NOT_LOGS)
def test_files_that_are_not_logs_say_what_was_expected(name):
    truth = TRUTHS[name]
    with pytest.raises(FormatError) as info:
        sk.load(FIXTURES / name)
    assert truth["error"] in str(info.value) and truth["error_also"] in str(info.value)
    result = run_cli("inspect", str(FIXTURES / name), "--json")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {FIXTURES / name}: ") and truth["error"] in result.stderr
    assert "Traceback" not in result.stderr


def test_committed_text_fixtures_are_what_the_generator_writes():
    """Regenerating must not change a text fixture (workbooks carry save timestamps, so they are skipped)."""
    import random

    from tests.make_fixtures import FIXTURES as MAKERS
    from tests.make_structure_fixtures import STRUCTURE

    for name, make in {**MAKERS, **STRUCTURE}.items():
        data, truth = make(random.Random(name))
        assert json.loads((FIXTURES / f"{name}.truth.json").read_text()) == truth, name
        if not name.endswith(".xlsx"):
            assert (FIXTURES / name).read_bytes() == data, name


def test_a_mapping_from_the_user_wins_and_is_confident():
    log = sk.load(FIXTURES / "handmade_ambiguous_dates.csv",
                  mappings={str(FIXTURES / "handmade_ambiguous_dates.csv"): {"activity": "Person"}})
    src = log.sources[0]
    assert src.mapping["activity"] == "Person"
    assert src.reasons["activity"] == "'Person' chosen by you"
    assert not src.needs_confirmation


def test_ambiguous_dates_are_a_doubt_the_app_can_show():
    src = sk.load(FIXTURES / "handmade_ambiguous_dates.csv").sources[0]
    assert src.needs_confirmation
    assert any("either way round" in d for d in src.doubts)


def test_summary_period_counts_its_weeks():
    """A March summary covers the weeks of March, not the one week of its first day."""
    analysis = sk.analyse(sk.load(FIXTURES / "toggl_summary_2026-03-01_to_2026-03-31.csv"))
    assert analysis.cube.weeks == 6  # ISO weeks touched by 1-31 March 2026 (Sun 1st .. Tue 31st)


def test_weekly_rollup_is_not_a_pile_of_long_entries():
    log = sk.load(FIXTURES / "payroll_weekly_rollup.csv")
    assert log.sources[0].kind == "rollup"
    assert log.flagged == ()
    assert any("roll-up" in w for w in log.warnings)


def test_formula_durations_without_cached_values_are_computed(tmp_path: Path):
    """The generated workbook stores formulas only; the hours come from evaluating them."""
    from storykit.ingest.grid import has_uncached_formulas

    data = (FIXTURES / "handmade_start_end_formulas.xlsx").read_bytes()
    assert has_uncached_formulas(data)
    log = sk.load(FIXTURES / "handmade_start_end_formulas.xlsx")
    night = log.frame[(log.frame["hours"] - 3.5).abs() < 1e-9]
    assert len(night) == 1  # 22:30 to 02:00 via =MOD(E-D,1)*24


def test_start_and_end_a_damaged_year_apart_are_unreadable_not_a_crash():
    """Found by the fuzz suite: an End date in 9999 overflowed the nanosecond subtraction."""
    import pandas as pd

    from storykit.ingest.clock import hours_between

    hours, _ = hours_between(pd.Series(["2026-03-02 09:00", "2026-03-02 22:00"]),
                             pd.Series(["9999-12-31 10:00", "2026-03-03 01:30"]))
    assert pd.isna(hours.iloc[0]) and hours.iloc[1] == pytest.approx(3.5)


def _sheet_zip(xml: bytes, compression: int = 0) -> bytes:
    """A zip holding one sheet's XML, stored (0) or deflated (8, as spreadsheet programs write it)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as book:
        book.writestr("xl/worksheets/sheet1.xml", xml)
    return buf.getvalue()


@pytest.mark.parametrize(("cell", "uncached"), [
    (b'<c r="C2"><f>B2-A2</f></c>', True),
    (b'<c r="C2"><f>B2-A2</f><v/></c>', True),
    (b'<c r="C3"><f t="shared" si="0"/></c>', True),
    (b'<c r="C2"><f t="shared" ref="C2:C9" si="0">B2-A2</f></c>', True),
    (b'<c r="C2"><f>B2-A2</f><v>1.5</v></c>', False),
    (b'<c r="C2"><v>1.5</v></c>', False),
], ids=["plain", "empty value", "shared reference", "shared master", "with its value", "no formula"])
def test_formulas_saved_without_values_are_found_by_one_scan(cell, uncached):
    from storykit.ingest.grid import has_uncached_formulas

    data = _sheet_zip(b"<sheetData><row>" + b"<c><v>1</v></c>" * 20_000 + cell + b"</row></sheetData>")
    assert has_uncached_formulas(data) is uncached
    assert has_uncached_formulas(data, head=1024) is False  # a large workbook's scan reads each sheet's head


@pytest.mark.parametrize("compression", [0, 8], ids=["stored", "deflated"])
@pytest.mark.parametrize("cell", [b'<c r="C2"><f>B2-A2</f></c>', b'<c r="C2"><f>B2-A2</f><v/></c>',
                                  b'<c r="C3"><f t="shared" si="0"/></c>'], ids=["plain", "empty value", "shared"])
def test_a_formula_without_value_is_found_wherever_the_scan_cuts_the_xml(cell, compression):
    """The sheet's XML is scanned a chunk at a time: a formula cut in two by a chunk's end is still found,
    and one with its value is not, however the chunks fall."""
    from storykit.ingest.grid import has_uncached_formulas

    filler = b'<c><f>A1+1</f><v>2</v></c>' * 3
    for chunk in range(1, len(cell) + 4):
        for pad in range(chunk):
            xml = b"<row>" + b" " * pad + filler + cell + filler + b"</row>"
            assert has_uncached_formulas(_sheet_zip(xml, compression), chunk=chunk), (chunk, pad)
            assert not has_uncached_formulas(_sheet_zip(xml.replace(cell, b""), compression), chunk=chunk), (chunk, pad)


@pytest.mark.parametrize("n", [1, 7, 4096, 1 << 20])
def test_a_deflated_member_is_read_whole_and_never_more_than_asked(n):
    """guard.open_member inflates a deflated sheet from the archive's bytes (zlib-ng): the same bytes as
    zipfile's, each read(n) at most n of them, whatever the compression did to the XML."""
    import io
    import random
    import zipfile

    from storykit.ingest.guard import Inflating, open_member

    rng = random.Random(n)
    xml = b"".join(b'<c r="A%d"><v>%d</v></c>' % (i, rng.randrange(10**9)) for i in range(20_000 if n > 1 else 800))
    data = _sheet_zip(xml + b"\0" * 300_000, 8)  # random digits, then a long run zlib squeezes to almost nothing
    book = zipfile.ZipFile(io.BytesIO(data))
    member = open_member(data, book, book.infolist()[0])
    assert isinstance(member, Inflating)
    pieces = iter(lambda: member.read(n), b"")
    got = []
    for piece in pieces:
        assert 0 < len(piece) <= n
        got.append(piece)
    assert b"".join(got) == book.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("compression", [0, 8], ids=["stored", "deflated"])
def test_the_formula_scan_holds_a_chunk_of_the_sheet_not_the_sheet(compression):
    """A 100k-row sheet is ~35 MB of XML; the scan must not inflate it whole (it was the peak of a workbook read)."""
    import tracemalloc

    from storykit.ingest.grid import SCAN_CHUNK, has_uncached_formulas

    data = _sheet_zip(b"<sheetData>" + b'<row><c><v>1.5</v></c><c t="s"><v>7</v></c></row>' * 400_000
                      + b"</sheetData>", compression)  # 20 MB of XML, zipped to a few hundred KB
    tracemalloc.start()
    try:
        assert has_uncached_formulas(data) is False
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * SCAN_CHUNK


@pytest.mark.parametrize("total", ["Total", "Week total", "Summe", "Totaal", "Totale", "Somma", "Razem", "Celkem"])
def test_a_total_column_beside_one_column_per_person_is_never_a_person(total):
    """The total-column header speaks the same languages as total rows: 'Somma' was read as a third
    person (hours counted twice) and 'Totaal' as the only hours column (the people lost)."""
    csv = (f"Datum,Taak,Anna de Vries,Bram Jansen,{total}\n2026-03-02,Support,4,3,7\n"
           "2026-03-03,Support,5,2,7\n2026-03-04,Training,3,4,7\n").encode()
    log = sk.read_file("uren.csv", csv)
    assert log.sources[0].format == "wide_by_person"
    assert sorted(log.frame["person"].unique()) == ["Anna de Vries", "Bram Jansen"]
    assert log.frame["hours"].sum() == pytest.approx(21)


def test_a_weekday_grid_with_a_week_its_year_does_not_have_lists_that_row():
    """'2026-W54' crashed the whole read (ValueError from fromisocalendar); now its days are listed."""
    rows = ["Week,Person,Task,Mon,Tue,Wed,Thu,Fri"] + [f"2026-W{w:02d},Anna,Support,8,8,8,8,8" for w in range(10, 20)]
    log = sk.read_file("weeks.csv", "\n".join([*rows, "2026-W54,Anna,Support,8,8,8,8,8"]).encode())
    assert log.sources[0].format == "wide_grid"
    assert log.frame["hours"].sum() == pytest.approx(400)
    assert sorted(s.row for s in log.skipped) == [12] * 5


@pytest.mark.parametrize(("text", "monday"), [("2026-W10", "2026-03-02"), ("2026W10", "2026-03-02"),
                                              (" 2026 - w 1 ", "2025-12-29"), ("2026-W54", None), ("W10", None)])
def test_an_iso_week_is_read_by_one_rule(text, monday):
    from storykit.weeks import iso_week_start

    assert iso_week_start(text) == (None if monday is None else dt.date.fromisoformat(monday))
