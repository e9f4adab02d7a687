"""The corpus of exports the reader was never tuned on (tests/make_corpus.py): each reads exactly, unmapped.

A file may instead ask one question when the file alone cannot tell (its truth then says which
question and why); none does today.
"""

from __future__ import annotations

import json

import pytest

import storykit as sk
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
TRUTHS = {p.name.removesuffix(".truth.json"): json.loads(p.read_text()) for p in sorted(CORPUS.glob("*.truth.json"))}


def test_the_corpus_is_large_and_from_named_sources():
    assert len(TRUTHS) >= 30
    assert all(t["source"] and t["hard"] for t in TRUTHS.values())


@pytest.mark.parametrize("name", list(TRUTHS))
def test_corpus_file_reads_exactly_with_no_mapping(name):
    truth = TRUTHS[name]
    log = sk.load(CORPUS / name)
    src = log.sources[0]
    assert not src.needs_confirmation, (src.doubts, src.reasons)
    assert log.total_hours == pytest.approx(truth["total_hours"], abs=0.01), (src.mapping, src.unit)
    assert len(log.frame) == truth["rows"]
    assert log.people == truth["people"]
    assert [d.isoformat() for d in log.date_range] == truth["date_range"]
    assert sk.cube_of(log).hours_by("activity").to_dict() == pytest.approx(truth["hours_by_label"], abs=0.01)
    assert log.skipped == ()
    for column in truth.get("not_summed", []):
        assert column in src.ignored and column not in src.mapping.values()
    assert {"date", "hours"} & set(src.reasons) or "start" in src.reasons
    assert all(src.reasons.values()), "every role says why"


def test_corpus_files_are_what_the_generator_writes():
    from tests.make_corpus import CORPUS as MAKERS

    for name, (make, source, hard) in MAKERS.items():
        data, truth = make(name)
        assert (CORPUS / name).read_bytes() == data, name
        assert json.loads((CORPUS / f"{name}.truth.json").read_text()) == {**truth, "source": source, "hard": hard}
