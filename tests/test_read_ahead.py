"""The command's read-ahead: the grids read on another thread are the ones the reader would read, taken
only for the same file, and a read that failed fails where the reader asks, with the reader's error."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from storykit.errors import ReadError
from storykit.ingest import ahead, route
from storykit.ingest.grid import read_grids
from tests.conftest import SAMPLES


@pytest.fixture(autouse=True)
def _nothing_pending():
    ahead._PENDING.clear()
    yield
    ahead._PENDING.clear()


def test_the_grids_read_ahead_are_the_readers_and_taken_once(tmp_path):
    data = gzip.compress((SAMPLES / "toggl_support_team.csv").read_bytes() * 1)
    ahead.start("log.csv.gz", data)
    got = ahead.take("log.csv.gz", bytes(data))  # equal bytes, another object: as read_input reads them again
    want = read_grids("log.csv.gz", data)
    assert got is not None and len(got) == len(want) == 1
    pd.testing.assert_frame_equal(got[0].cells, want[0].cells)
    assert (got[0].encoding, got[0].delimiter) == (want[0].encoding, want[0].delimiter)
    assert ahead.take("log.csv.gz", data) is None  # taken: the next read reads for itself


def test_other_bytes_or_another_name_read_for_themselves():
    data = (SAMPLES / "harvest_service_desk.csv").read_bytes()
    ahead.start("a.csv", data)
    assert ahead.take("b.csv", data) is None
    assert ahead.take("a.csv", data + b"\n") is None  # changed since: not the bytes read ahead


def test_a_read_that_failed_raises_the_readers_error_where_it_is_taken():
    ahead.start("empty.csv", b"")
    with pytest.raises(ReadError) as taken:
        ahead.take("empty.csv", b"")
    with pytest.raises(ReadError) as read:
        read_grids("empty.csv", b"")
    assert str(taken.value) == str(read.value)


def test_only_files_read_whole_in_memory_are_read_ahead(tmp_path, monkeypatch):
    (tmp_path / "parts").mkdir()
    (tmp_path / "log.parquet").write_bytes(b"PAR1" + b"\0" * 100)
    (tmp_path / "big.csv").write_bytes(b"a,b\n" + b"1,2\n" * 100)
    monkeypatch.setattr(route, "_AHEAD_BYTES", 200)
    for name in ("parts", "log.parquet", "big.csv", "missing.csv"):
        route.read_ahead(str(tmp_path / name))
        assert not ahead._PENDING, name
    monkeypatch.undo()
    route.read_ahead(str(SAMPLES / "harvest_service_desk.csv"))
    assert list(ahead._PENDING) == [str(SAMPLES / "harvest_service_desk.csv")]
