"""Structural perturbations of every text fixture read as the same log (hypothesis and one by one).

Each fixture is rewritten as people and tools rewrite exports: a preamble of report details
above it, a comment marker before the header, blank lines, a total footer, another code page,
NUL bytes from a broken copy, other line ends, or one sheet per person. The total, the people,
the dates and the hours by label must stay what the fixture's truth says. (Renamed, reordered,
translated headers and units are tests/test_perturbations.py's, for the column roles.)
"""

from __future__ import annotations

import csv
import io
import json
import random

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storykit as sk
from storykit.ingest.text_encoding import decode
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
#: Text fixtures that are plain logs: one header row on top, one entry per row.
TEXT_LOGS = sorted(p.name.removesuffix(".truth.json") for p in FIXTURES.glob("*.truth.json")
                   if p.name.removesuffix(".truth.json").endswith((".csv", ".txt"))
                   and "error" not in json.loads(p.read_text())
                   and not p.name.startswith(("structure_", "handmade_wide")))
PREAMBLE = ["Time report", "Generated at: 2026-04-01 08:15", "Filters: all projects, all users",
            "Exported by the time tracker", "Total: 1,234.50 h", "Period: see the dates below", "Page 1 of 1"]


def truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text())


def lines_of(name: str) -> tuple[list[str], str]:
    """The fixture's text lines (no line ends) and its delimiter."""
    text, _ = decode(name, (FIXTURES / name).read_bytes())
    lines = text.splitlines()
    delimiter = max(",;\t|", key=lines[0].count)
    return lines, delimiter


def perturbed(name: str, preamble: int = 0, comment: bool = False, blanks: int = 0, footer: bool = False,
              encoding: str = "utf-8", newline: str = "\r\n", nuls: bool = False, seed: int = 0) -> bytes:
    rng = random.Random(seed)
    lines, delimiter = lines_of(name)
    header, body = lines[0], lines[1:]
    for _ in range(blanks):
        body.insert(rng.randint(0, len(body)), "")
    out = [rng.choice(PREAMBLE) for _ in range(preamble)] + (["", ""] if preamble else [])
    out += [("# " if comment else "") + header, *body]
    if footer:
        out += ["", "Total" + delimiter * header.count(delimiter), "", ""]
    data = (newline.join(out) + newline).encode(encoding)
    if nuls and not encoding.startswith("utf-16"):  # in UTF-16 every other byte is NUL already
        cut = data.index(newline.encode(encoding), len(data) // 2)
        data = data[:cut] + b"\x00" * 25 + data[cut:]
    return data


def encodings_for(name: str) -> list[str]:
    text = "\n".join(lines_of(name)[0])
    out = []
    for enc in ("cp1252", "mac_roman", "utf-16", "latin-1", "iso-8859-2"):
        try:
            text.encode(enc)
        except UnicodeEncodeError:
            continue
        out.append(enc)
    return out


def assert_same_log(log: sk.TimeLog, name: str) -> None:
    t = truth(name)
    assert log.total_hours == pytest.approx(t["total_hours"], abs=0.01)
    assert log.people == t["people"]
    assert [d.isoformat() for d in log.date_range] == t["date_range"]
    got = log.frame.groupby("activity", observed=True)["hours"].sum().to_dict()
    assert got == pytest.approx(t["hours_by_label"], abs=0.01)


SINGLE = {
    "preamble of 38 lines": {"preamble": 38},
    "comment-marked header": {"comment": True},
    "preamble and comment marker": {"preamble": 6, "comment": True},
    "blank lines": {"blanks": 5},
    "total footer": {"footer": True},
    "CR line ends": {"newline": "\r"},
    "LF line ends": {"newline": "\n"},
    "NUL bytes": {"nuls": True},
}


@pytest.mark.parametrize("how", list(SINGLE))
@pytest.mark.parametrize("name", TEXT_LOGS)
def test_one_structural_change_reads_the_same(name, how):
    assert_same_log(sk.load((name, perturbed(name, **SINGLE[how]))), name)


@pytest.mark.parametrize("name", TEXT_LOGS)
def test_every_code_page_the_text_allows_reads_the_same(name):
    for encoding in encodings_for(name):
        assert_same_log(sk.load((name, perturbed(name, encoding=encoding))), name)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(TEXT_LOGS), preamble=st.integers(0, 40), comment=st.booleans(),
       blanks=st.integers(0, 4), footer=st.booleans(), newline=st.sampled_from(["\r\n", "\n", "\r"]),
       nuls=st.booleans(), seed=st.integers(0, 1000), pick=st.integers(0, 4))
def test_structural_changes_together_read_the_same(name, preamble, comment, blanks, footer, newline, nuls, seed,
                                                   pick):
    encodings = ["utf-8", *encodings_for(name)]
    data = perturbed(name, preamble, comment, blanks, footer, encodings[pick % len(encodings)], newline, nuls, seed)
    assert_same_log(sk.load((name, data)), name)


PERSON_COLUMNS = ("User", "Person", "Employee", "Mitarbeiter", "Full name", "Agent Name", "Name")


def split_by_person(name: str) -> bytes | None:
    """The fixture as a workbook with one sheet per person, named by the person, the person column removed."""
    lines, delimiter = lines_of(name)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = rows[0]
    at = next((header.index(c) for c in PERSON_COLUMNS if c in header), None)
    if at is None or any(c in header for c in ("First Name", "Email", "Username", "Vorname", "Agent ID")):
        return None
    book = openpyxl.Workbook()
    book.remove(book.active)
    for person in sorted({r[at] for r in rows[1:] if len(r) > at}):
        ws = book.create_sheet(person[:31])
        ws.append([h for i, h in enumerate(header) if i != at])
        for r in rows[1:]:
            if len(r) > at and r[at] == person:
                ws.append([v for i, v in enumerate(r) if i != at])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


SPLITTABLE = [n for n in TEXT_LOGS if split_by_person(n) is not None]


@pytest.mark.parametrize("name", SPLITTABLE)
def test_one_sheet_per_person_reads_the_same(name):
    log = sk.load((name.rsplit(".", 1)[0] + ".xlsx", split_by_person(name)))
    assert_same_log(log, name)
    assert log.people_known and len(log.sources[0].sheets) == len(truth(name)["people"])
