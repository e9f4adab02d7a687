"""The command's read-ahead: the grids read on another thread are the ones the reader would read, taken
only for the same file, and a read that failed fails where the reader asks, with the reader's error."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pandas as pd
import pytest

from storykit.errors import ReadError
from storykit.ingest import ahead, grid, route, text_arrow
from storykit.ingest.grid import read_grids
from tests.conftest import ROOT, SAMPLES


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


def _long_log(copies: int = 40) -> bytes:
    """A real export's rows many times over: more than the delimiter's 100 sniffed lines."""
    header, *rows = (SAMPLES / "toggl_support_team.csv").read_bytes().splitlines(keepends=True)
    return header + b"".join(rows) * copies


def _same_grids(got, want) -> None:
    assert len(got) == len(want) == 1
    pd.testing.assert_frame_equal(got[0].cells, want[0].cells)
    assert (got[0].encoding, got[0].delimiter, got[0].notes) == (want[0].encoding, want[0].delimiter, want[0].notes)


@pytest.mark.parametrize("kind", ["gzip", "plain", "semicolons", "ragged", "small"])
def test_parsed_early_the_grids_are_the_ones_read_whole(kind, monkeypatch):
    """parse_early's inflated bytes and pyarrow table, handed to read_grids, give what read_grids reads alone:
    whether the early parse found a rectangle (gzip, plain, `;`) or left the file to the csv module."""
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0 if kind != "small" else 1 << 40)
    data = _long_log()
    if kind == "semicolons":
        data = data.replace(b",", b";")
    if kind == "ragged":
        data += b"one,short,row\n"
    if kind == "gzip":
        data = gzip.compress(data)
    parsed = text_arrow.parse_early("log.csv", data)
    assert parsed is not None
    assert (parsed.rectangle is not None) == (kind in ("gzip", "plain", "semicolons"))
    if parsed.rectangle:
        assert parsed.rectangle.delimiter == (";" if kind == "semicolons" else ",")
    want = read_grids("log.csv", data)

    def again(*args):
        raise AssertionError("read_grids did again what parse_early did")
    monkeypatch.setattr(grid, "gunzip", again)
    monkeypatch.setattr(text_arrow, "utf8_rectangle", again)
    _same_grids(read_grids("log.csv", data, parsed=parsed), want)


@pytest.mark.parametrize("data", [gzip.compress(b"a,b\n1,2\n", mtime=0)[:-6], b"\x1f\x8b garbage"],
                         ids=["cut-short", "garbled"])
def test_a_file_that_cannot_be_parsed_early_is_left_to_the_reader_and_its_error(data):
    assert text_arrow.parse_early("log.csv.gz", data) is None
    ahead.start("log.csv.gz", data)
    with pytest.raises(ReadError) as taken:
        ahead.take("log.csv.gz", data)
    with pytest.raises(ReadError) as read:
        read_grids("log.csv.gz", data)
    assert str(taken.value) == str(read.value) and "gzip" in str(read.value)


def test_a_large_log_read_ahead_uses_the_early_parse(monkeypatch):
    data = gzip.compress(_long_log())
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0)
    seen = []
    real = text_arrow.parse_early
    monkeypatch.setattr(text_arrow, "parse_early", lambda *a: seen.append(real(*a)) or seen[-1])
    ahead.start("log.csv.gz", data)
    got = ahead.take("log.csv.gz", data)
    assert seen and seen[0].rectangle is not None
    _same_grids(got, read_grids("log.csv.gz", data))


def test_the_read_ahead_starts_before_pandas_is_imported():
    """The command starts its read before pandas' import (~0.2 s): the route, the read-ahead, the early
    parse and the gzip guard must import none of pandas or numpy (they are the other core's work)."""
    code = ("import sys; from storykit.ingest import route, ahead, text_arrow, gzip_guard; "
            "print(','.join(m for m in ('pandas', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""
