"""Rows that are not entries say which they are: unreadable (lost unless fixed), the table's structure (totals,
repeated headers, titles: never lost), or set aside (a far date). inspect and its JSON keep them apart."""

from __future__ import annotations

import json
import subprocess
import sys

import storykit as sk
from storykit.model import SET_ASIDE, STRUCTURE, UNREADABLE
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def inspect(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storykit.cli", "inspect", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_totals_titles_and_repeated_headers_are_structure_not_lost_rows():
    log = sk.load(FIXTURES / "structure_weekly_blocks.csv")
    assert log.skipped and {s.kind for s in log.skipped} == {STRUCTURE}
    assert log.unreadable == () and log.not_counted == ()
    assert {s.reason.split(" (")[0].split(":")[0] for s in log.structure_rows} >= {
        "total row", "header row repeated", "section title row"}


def test_a_far_date_is_set_aside_and_an_unreadable_row_is_unreadable(tmp_path):
    far = sk.load(FIXTURES / "structure_outlier_date.csv")
    assert [s.kind for s in far.skipped] == [SET_ASIDE] and far.not_counted == far.skipped
    path = tmp_path / "log.csv"
    days = [f"2026-03-{d:02d},{p},Support,{h}" for d in range(2, 7) for p, h in (("Ana Lima", 2), ("Bo Chen", 3.5))]
    path.write_text("Date,Person,Activity,Hours\n" + "\n".join(days[:3] + ["not a day,Ana Lima,Support,3"] + days[3:])
                    + "\nTotal,,,28\n")
    log = sk.load(path)
    assert [(s.row, s.kind) for s in log.skipped] == [(5, UNREADABLE), (13, STRUCTURE)]
    assert [s.row for s in log.unreadable] == [5]


def test_inspect_lists_structure_rows_apart_from_skipped_ones():
    report = json.loads(inspect(str(FIXTURES / "structure_weekly_blocks.csv"), "--json").stdout)
    assert report["skipped_rows"] == [] and report["skipped_count"] == 0
    assert report["structure_count"] == len(report["structure_rows"]) > 0
    assert {r["kind"] for r in report["structure_rows"]} == {STRUCTURE}
    text = inspect(str(FIXTURES / "structure_weekly_blocks.csv")).stdout
    assert f", 0 skipped, {report['structure_count']} set aside as the table's structure" in text
    assert "structure row " in text and "skipped row " not in text
    outlier = json.loads(inspect(str(FIXTURES / "structure_outlier_date.csv"), "--json").stdout)
    assert [r["kind"] for r in outlier["skipped_rows"]] == [SET_ASIDE]


def test_the_upload_card_counts_skipped_rows_without_the_tables_structure():
    from tests.app_session import new_session, upload

    at = new_session()
    name = "structure_weekly_blocks.csv"
    log = sk.load(FIXTURES / name)
    upload(at, (name, (FIXTURES / name).read_bytes()))
    assert next(m for m in at.metric if m.label == "Rows skipped").value == "0"
    assert any(e.label.startswith(f"{len(log.structure_rows)} rows of the table's structure") for e in at.expander)
    assert not any("rows skipped, and why" in e.label for e in at.expander)
