"""The unseen set (tests/make_unseen.py): each export reads exactly with no mapping, or, where its truth says
why the file cannot tell, asks one question; and the files are what the generator writes."""

from __future__ import annotations

import json

import pytest

from tests.unseen_judge import TRUTHS, UNSEEN, judge


def test_the_set_is_large_covers_every_family_and_names_its_sources():
    assert len(TRUTHS) >= 25
    assert all(t["source"] and t["hard"] for t in TRUTHS.values())
    assert {t["family"] for t in TRUTHS.values()} >= {
        "unit in the name", "vendor names", "preamble", "comment marker", "two-row header", "sheets",
        "weekday grid", "shifts", "encodings", "far dates", "all zero", "summary"}


#: Files the reader does not yet read as their truth says; each comes off in the commit that makes it read.
NOT_YET: set[str] = set()


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="not yet read"))
                                  if n in NOT_YET else n for n in TRUTHS])
def test_unseen_file_reads_exactly_or_asks_why(name):
    verdict = judge(name)
    expected = "asks" if "asks" in TRUTHS[name] else "exact"
    assert verdict.verdict == expected, verdict.why


def test_unseen_files_are_what_the_generator_writes():
    from tests.make_unseen import UNSEEN as MAKERS

    for name, (make, family, source, hard) in MAKERS.items():
        data, truth = make(name)
        if not name.endswith(".xlsx"):
            assert (UNSEEN / name).read_bytes() == data, name
        assert json.loads((UNSEEN / f"{name}.truth.json").read_text()) == {
            **truth, "family": family, "source": source, "hard": hard}
