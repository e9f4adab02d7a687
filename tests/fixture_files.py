"""What every script that writes test files shares: rows as CSV text, a workbook as bytes with its
author and creation date fixed, and each file written beside its truth."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
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
    return buf.getvalue()


def write_files(out: Path, files: Iterable[tuple[str, bytes, dict]]) -> int:
    """Each file and its truth (NAME.truth.json) into `out`; how many were written."""
    out.mkdir(exist_ok=True)
    n = 0
    for name, data, truth in files:
        (out / name).write_bytes(data)
        (out / f"{name}.truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        n += 1
    return n
