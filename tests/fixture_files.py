"""What every script that writes test files shares: rows as CSV text, a workbook as bytes with its
author and creation date fixed, and each file written beside its truth."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import openpyxl


def csv_text(rows: list[list[object]], delimiter: str = ",", newline: str = "\r\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buf.getvalue()


def book_bytes(book: openpyxl.Workbook, creator: str, created: dt.datetime) -> bytes:
    """The workbook's bytes, its author and creation date fixed (openpyxl stamps the time it saves as modified)."""
    buf = io.BytesIO()
    book.properties.creator = creator
    book.properties.created = book.properties.modified = created
    book.save(buf)
    return _dated(buf.getvalue(), created)


def _dated(data: bytes, when: dt.datetime) -> bytes:
    """The workbook with `when` as its save time too: openpyxl writes the moment it saves into the zip's
    entries and as the document's modified time, so one workbook written twice differed in its bytes, not a cell."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, part)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = info.compress_type, info.external_attr
            dst.writestr(fixed, part)
    return out.getvalue()


def write_files(out: Path, files: Iterable[tuple[str, bytes, dict]]) -> int:
    """Each file and its truth (NAME.truth.json) into `out`; how many were written."""
    out.mkdir(exist_ok=True)
    n = 0
    for name, data, truth in files:
        (out / name).write_bytes(data)
        (out / f"{name}.truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        n += 1
    return n


@dataclass(frozen=True)
class Entry:
    """One made-up time entry, which each file-writing script spells in its own format."""

    day: dt.date
    person: str  # "First Last" ("Jan de Vries": the last name is everything after the first word)
    label: str
    seconds: int
    start: dt.datetime

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.seconds)

    @property
    def first(self) -> str:
        return self.person.split(" ", 1)[0]

    @property
    def last(self) -> str:
        return self.person.split(" ", 1)[1]

    @property
    def hours(self) -> float:
        return self.seconds / 3600

    @property
    def login(self) -> str:
        """'amira.haddad@example.org': how the corpus's tools write a user."""
        return f"{self.first.lower()}.{self.last.lower()}@example.org"

    @property
    def email(self) -> str:
        """'joao.pereira@example.net': the name's letters without accents, as mail systems write them."""
        folded = unicodedata.normalize("NFKD", self.person.lower()).encode("ascii", "ignore").decode()
        return f"{folded.replace(' ', '.')}@example.net"
