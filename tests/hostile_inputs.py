"""Bad, broken and hostile inputs, each built from scratch with the answer storykit must give.

The table below is the specification: tests/test_hostile.py runs every case, the fuzz suite
starts from the same good files, and `python tests/hostile_inputs.py` prints the answers as the
markdown table in the issue's closing note.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl

from storykit.limits import Limits

HEADER = ["Date", "Person", "Activity", "Hours"]
ROWS = [
    ["2026-01-05", "Ana Silva", "Email support", "2.5"],
    ["2026-01-05", "Ben Okafor", "Overflow calls (Contact Centre)", "3"],
    ["2026-01-06", "Ana Silva", "Invoice chasing (Finance)", "1.25"],
    ["2026-01-06", "Chen Li", "Email support", "4"],
    ["2026-01-07", "Ben Okafor", "Email support", "2"],
]


def csv_bytes(rows: list[list[str]] | None = None, header: list[str] | None = None, sep: str = ",",
              encoding: str = "utf-8") -> bytes:
    lines = [sep.join(header or HEADER)] + [sep.join(r) for r in (ROWS if rows is None else rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(build: Callable[[openpyxl.Workbook], None] | None = None) -> bytes:
    """A real .xlsx written by openpyxl; `build` changes the workbook before it is saved."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(HEADER)
    for r in ROWS:
        ws.append([dt.date.fromisoformat(r[0]), r[1], r[2], float(r[3])])
    if build:
        build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
          flag_bits: int = 0) -> bytes:
    """The same zip with each part passed through `change` (None drops it), plus extra parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    blob = out.getvalue()
    if flag_bits:  # mark every entry as encrypted in the central directory (what the guard reads)
        arr = bytearray(blob)
        i = arr.find(b"PK\x01\x02")
        while i != -1:
            flags = struct.unpack_from("<H", arr, i + 8)[0]
            struct.pack_into("<H", arr, i + 8, flags | flag_bits)
            i = arr.find(b"PK\x01\x02", i + 4)
        blob = bytes(arr)
    return blob


def ole(*streams: str, fat_sectors: int = 1) -> bytes:
    """An OLE/CFB container (what Office's old formats are) whose directory names these streams.

    A whole version-3 container: header, directory sectors, one allocation-table sector. The
    streams are empty (we only ever read the names). `fat_sectors` overrides the header's count,
    the "absurd counts" of a damaged file.
    """
    entries = b""
    for i, name in enumerate(streams):
        encoded = (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
        kind = 5 if i == 0 else 2
        entries += (encoded + struct.pack("<HBB3I", (len(name) + 1) * 2, kind, 1, *[0xFFFFFFFF] * 3)
                    + b"\x00" * 36 + struct.pack("<IQ", 0xFFFFFFFE, 0))
    dir_sectors = -(-len(entries) // 512)
    directory = entries.ljust(dir_sectors * 512, b"\x00")
    fat = [*range(1, dir_sectors), 0xFFFFFFFE, 0xFFFFFFFD]
    fat_bytes = struct.pack("<128I", *(fat + [0xFFFFFFFF] * (128 - len(fat))))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<9I", 0, fat_sectors, 0, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<109I", dir_sectors, *[0xFFFFFFFF] * 108))
    return header + directory + fat_bytes


def _cell_at_last_address(wb: openpyxl.Workbook) -> None:
    wb["Log"]["XFD1048576"] = "x"


def _hidden_data_sheet(wb: openpyxl.Workbook) -> None:
    wb["Log"].sheet_state = "hidden"
    summary = wb.create_sheet("Summary", 0)
    summary.append(["Team summary"])
    summary.append(["Total", 12.75])
    wb.active = 0


def _formulas_without_values(wb: openpyxl.Workbook) -> None:
    ws = wb["Log"]
    ws.delete_cols(4)
    ws["D1"], ws["E1"], ws["F1"] = "Start", "End", "Hours"
    for row in range(2, ws.max_row + 1):
        ws[f"D{row}"] = dt.time(9, 0)
        ws[f"E{row}"] = dt.time(11, 30)
        ws[f"F{row}"] = f"=(E{row}-D{row})*24"


def _chart_only(wb: openpyxl.Workbook) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.add_data(Reference(wb["Log"], min_col=4, min_row=1, max_row=6), titles_from_data=True)
    wb.create_chartsheet("Chart").add_chart(chart)


def _drop_worksheets(name: str, content: bytes) -> bytes | None:
    """For the chart-only workbook: remove the data sheet from workbook.xml (the chart stays)."""
    if name == "xl/workbook.xml":
        start = content.index(b"<sheet ")
        end = content.index(b"/>", start) + 2
        return content[:start] + content[end:]
    return content


def _names_with_controls(wb: openpyxl.Workbook) -> None:
    ws = wb["Log"]
    ws["B2"] = "Ana\u200b Silva\u200e"  # zero-width space, left-to-right mark
    ws["B3"] = "Ben\u202eokafor"  # right-to-left override
    ws["C4"] = "Email\u00adsupport\ufeff"  # soft hyphen, BOM in the middle


def _injection_labels(wb: openpyxl.Workbook) -> None:
    ws = wb["Log"]
    for row, label in zip(range(2, 7), ("=HYPERLINK(\"http://x\",\"click\")", "+SUM(1,2)", "-2+3", "@cmd",
                                        "=1+1"), strict=True):
        ws[f"C{row}"].value = label
        ws[f"C{row}"].data_type = "s"
    ws["B2"].value = "=cmd|' /C calc'!A0"
    ws["B2"].data_type = "s"


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
                  + b"".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">'.encode() for i in range(1, 10))
                  + b"]><workbook>&lol9;</workbook>")


@dataclass(frozen=True)
class Case:
    """One bad input: how it is made, and what must come back (an error's words, or a check)."""

    id: str
    name: str
    data: Callable[[], bytes]
    error: str | None = None  # words the StoryKitError must contain
    check: Callable[[object], str | None] | None = None  # for inputs that must read: None if right
    limits: Limits | None = None  # smaller limits, so a limit can be shown without a 200 MB file
    kind: str = field(default="file")


def _warns(words: str) -> Callable[[object], str | None]:
    def check(log: object) -> str | None:
        warnings = [w for s in log.sources for w in s.warnings]  # type: ignore[attr-defined]
        return None if any(words in w for w in warnings) else f"no warning with {words!r} in {warnings}"
    return check


def _skips(words: str, count: int = 1) -> Callable[[object], str | None]:
    def check(log: object) -> str | None:
        reasons = [s.reason for s in log.skipped]  # type: ignore[attr-defined]
        hits = sum(words in r for r in reasons)
        return None if hits >= count else f"expected {count} skipped rows with {words!r}, got {reasons}"
    return check


def _flags(words: str) -> Callable[[object], str | None]:
    def check(log: object) -> str | None:
        reasons = [s.reason for s in log.flagged]  # type: ignore[attr-defined]
        return None if any(words in r for r in reasons) else f"no flag with {words!r} in {reasons}"
    return check


def _people(*names: str) -> Callable[[object], str | None]:
    def check(log: object) -> str | None:
        people = set(log.frame["person"])  # type: ignore[attr-defined]
        missing = [n for n in names if n not in people]
        return None if not missing else f"people {missing} not in {sorted(people)}"
    return check


def _row(**change: str) -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    for col, value in change.items():
        rows[1][HEADER.index(col.capitalize())] = value
    return rows


def _mixed_encodings() -> bytes:
    return (csv_bytes(ROWS[:2]) + "2026-01-08,José Núñez,Email support,1\r\n".encode("cp1252")
            + "2026-01-09,Zoë Brontë,Email support,2\r\n".encode())


def _gzip_bomb() -> bytes:
    return gzip.compress(csv_bytes() + b"\n" * (3 * 2**20), compresslevel=9)


def _zip_bomb() -> bytes:
    return rezip(xlsx_bytes(), lambda n, c: c, extra={"xl/media/padding.bin": b"\x00" * (8 * 2**20)})


def _many_parts() -> bytes:
    return rezip(xlsx_bytes(), lambda n, c: c, extra={f"xl/media/p{i}.bin": b"x" for i in range(60)})


def _damaged_part() -> bytes:
    data = bytearray(xlsx_bytes())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    return bytes(data)


SMALL = Limits(file_bytes=64 * 1024, decompressed_bytes=2 * 2**20, compression_ratio=50, zip_entries=40,
               rows=50, columns=20, cells=500, parse_seconds=20)

CASES: list[Case] = [
    # empty and near-empty
    Case("empty file", "empty.csv", lambda: b"", error="the file is empty"),
    Case("only whitespace and newlines", "blank.csv", lambda: b" \r\n\t\r\n", error="the file is empty"),
    Case("only a byte-order mark", "bom.csv", lambda: b"\xef\xbb\xbf", error="the file is empty"),
    Case("empty gzip", "empty.csv.gz", lambda: gzip.compress(b""), error="empty"),
    Case("header row only", "header_only.csv", lambda: csv_bytes([]), error="no readable rows"),
    Case("prose, not a table", "notes.csv", lambda: b"Dear team,\nplease find the hours attached.\n",
         error="no header row"),
    Case("binary noise named .csv", "noise.csv", lambda: bytes(range(256)) * 8, error="no header row"),
    Case("empty workbook (no cells)", "empty.xlsx", lambda: _empty_xlsx(), error="the workbook is empty"),
    # not what the name says
    Case("CSV text renamed .xlsx", "renamed.xlsx", lambda: csv_bytes(), error="not a spreadsheet: it is plain text"),
    Case("PDF renamed .xlsx", "report.xlsx", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", error="a PDF"),
    Case("HTML table saved as .xls", "export.xls", lambda: b"<html><body><table><tr><td>Date</td></tr></table>",
         error="a web page (HTML)"),
    Case("PNG renamed .xlsx", "chart.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, error="an image"),
    Case("Word .docx renamed .xlsx", "minutes.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: None, extra={"word/document.xml": b"<w/>"}),
         error="a Word document"),
    Case("PowerPoint .pptx uploaded as data", "deck.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: None, extra={"ppt/presentation.xml": b"<p/>"}),
         error="a PowerPoint file"),
    Case("plain zip of a CSV named .xlsx", "hours.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: None, extra={"hours.csv": csv_bytes()}), error="a zip archive"),
    # broken containers
    Case("truncated .xlsx (first half)", "cut.xlsx", lambda: xlsx_bytes()[: len(xlsx_bytes()) // 2],
         error="not a complete one"),
    Case("truncated .xlsx (last byte gone)", "cut1.xlsx", lambda: xlsx_bytes()[:-1], error="damaged"),
    Case("corrupted sheet part in .xlsx", "garbled.xlsx", _damaged_part, error="damaged"),
    Case("truncated gzip", "cut.csv.gz", lambda: gzip.compress(csv_bytes())[:-12], error="cut short"),
    Case("corrupted gzip body", "garbled.csv.gz", lambda: _corrupted_gzip(), error="the gzip file is damaged"),
    Case("gzip inside gzip", "twice.csv.gz", lambda: gzip.compress(gzip.compress(csv_bytes())),
         error="gzip inside gzip"),
    Case("two parts with the same name in one zip", "twice.xlsx", lambda: _duplicate_part(), error="two parts named"),
    Case("malformed workbook.xml", "badxml.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: c[:-40] if n == "xl/workbook.xml" else c),
         error="not well-formed XML"),
    # old and protected formats
    Case("password-protected workbook (CFB with EncryptionInfo)", "secret.xlsx",
         lambda: ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
         error="this workbook is password protected"),
    Case("encrypted zip entries", "locked.xlsx", lambda: rezip(xlsx_bytes(), lambda n, c: c, flag_bits=0x1),
         error="password protected"),
    Case("legacy .xls (Excel 97-2003)", "old.xls", lambda: ole("Root Entry", "Workbook", "\x05SummaryInformation"),
         error="legacy .xls"),
    Case("old Word .doc renamed .xls", "letter.xls", lambda: ole("Root Entry", "WordDocument"),
         error="an old Word document (.doc), not a spreadsheet"),
    Case("old Office file with streams of no known kind", "other.xls", lambda: ole("Root Entry", "Contents"),
         error="an old binary Office document"),
    Case("damaged .xls (header counts absurd)", "broken.xls",
         lambda: ole("Root Entry", "Workbook", fat_sectors=0x7FFFFFFF),
         error="the file is damaged: it starts like an old Office file"),
    Case("damaged .xls (cut after its header)", "cut.xls", lambda: ole("Root Entry", "Workbook")[:600],
         error="the file is damaged"),
    Case("damaged .xls (header of zeros)", "zeros.xls",
         lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le"),
         error="the file is damaged"),
    Case("damaged .xls (directory chain loops)", "loop.xls", lambda: _looping_ole(),
         error="chain loops"),
    # hostile: bombs, entities, native-reader aborts
    Case("cell at XFD1048576 (calamine abort)", "last_cell.xlsx", lambda: xlsx_bytes(_cell_at_last_address),
         error="could not be read safely"),
    Case("zip bomb entry (ratio)", "bomb.xlsx", _zip_bomb, error="looks like a zip bomb"),
    Case("gzip bomb (expansion)", "bomb.csv.gz", _gzip_bomb, error="expands to more than", limits=SMALL),
    Case("zip with too many parts", "parts.xlsx", _many_parts, error="parts; the limit", limits=SMALL),
    Case("billion laughs in workbook.xml", "laughs.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: BILLION_LAUGHS if n == "xl/workbook.xml" else c),
         error="declares XML entities"),
    Case("external entity (XXE) in a sheet", "xxe.xlsx",
         lambda: rezip(xlsx_bytes(), lambda n, c: _with_doctype(c) if n == "xl/worksheets/sheet1.xml" else c),
         error="declares XML entities"),
    # limits
    Case("file over the size limit", "big.csv", lambda: csv_bytes(ROWS * 3000), error="the limit is", limits=SMALL),
    Case("too many rows", "long.csv", lambda: csv_bytes(ROWS * 20), error="rows; the limit", limits=SMALL),
    Case("too many columns", "wide.csv", lambda: csv_bytes(header=HEADER + [f"x{i}" for i in range(30)],
                                                           rows=[r + ["1"] * 30 for r in ROWS]),
         error="columns; the limit", limits=SMALL),
    Case("sheet used range over the cell limit", "range.xlsx",
         lambda: xlsx_bytes(lambda wb: wb["Log"].cell(400, 15, "stray")), error="used range", limits=SMALL),
    Case("one field of 200 KB", "field.csv", lambda: csv_bytes(_row(activity="x" * 200_000)),
         error="cannot be split into fields"),
    Case("truncated Parquet cube", "cube.parquet", lambda: _parquet()[:-10], error="Parquet file cannot be read"),
    Case("Parquet cube with a garbled page", "cube2.parquet",
         lambda: _parquet()[:50] + b"x" * 20 + _parquet()[70:], error="Parquet file cannot be read"),
    # workbook shapes
    Case("chart-only workbook", "chart.xlsx", lambda: rezip(xlsx_bytes(_chart_only), _drop_worksheets),
         error="only charts"),
    Case("hidden data sheet behind a summary", "hidden.xlsx", lambda: xlsx_bytes(_hidden_data_sheet),
         check=_warns("a hidden sheet")),
    # issue 5: the reader evaluates simple timesheet formulas (=(E2-D2)*24) that were saved without values
    Case("formula cells without saved values", "formulas.xlsx", lambda: xlsx_bytes(_formulas_without_values),
         check=_warns("computed them from their formulas")),
    # damaged text
    Case("NUL bytes inside a CSV", "nul.csv", lambda: csv_bytes().replace(b"Ana", b"A\x00na"),
         check=_warns("NUL bytes were removed")),
    Case("mixed UTF-8 and Windows-1252 lines", "mixed.csv", _mixed_encodings,
         check=lambda log: _people("José Núñez", "Zoë Brontë")(log) or _warns("mixes UTF-8")(log)),
    Case("UTF-16 BOM with an odd byte count", "odd.txt", lambda: "\ufeffDate\tHours\n".encode("utf-16-le")[:-1]
         + b"\x00\xd8", error="says it is utf-16"),
    # absurd values
    # issue 5: suspicious rows (negative, too long, future, duplicate) are flagged and kept, not dropped
    Case("negative hours", "neg.csv", lambda: csv_bytes(_row(hours="-3")), check=_flags("negative hours")),
    Case("NaN hours", "nan.csv", lambda: csv_bytes(_row(hours="NaN")), check=_skips("is not a duration")),
    Case("infinite hours", "inf.csv", lambda: csv_bytes(_row(hours="inf")), check=_skips("is not a duration")),
    Case("1e308 hours", "huge.csv", lambda: csv_bytes(_row(hours="1e308")), check=_skips("is not a duration")),
    Case("30 hours in one entry", "long_entry.csv", lambda: csv_bytes(_row(hours="30")), check=_flags("in one entry")),
    Case("impossible date 2026-02-30", "feb30.csv", lambda: csv_bytes(_row(date="2026-02-30")),
         check=_skips("is not a date")),
    Case("date in year 9999", "future.csv", lambda: csv_bytes(_row(date="9999-12-31")),
         check=_skips("between 1900 and 2200")),
    Case("date next year", "next_year.csv", lambda: csv_bytes(_row(date=f"{dt.date.today().year + 1}-01-05")),
         check=_flags("future")),
    Case("control and zero-width characters in names", "controls.xlsx", lambda: xlsx_bytes(_names_with_controls),
         check=_people("Ana Silva", "Benokafor")),
    Case("formula-like labels and names (=, +, -, @)", "inject.xlsx", lambda: xlsx_bytes(_injection_labels),
         check=lambda log: None if "=HYPERLINK(\"http://x\",\"click\")" in set(log.frame["activity"])
         else "the label was not kept as text"),
]


def _looping_ole() -> bytes:
    """A legacy workbook whose allocation table sends the directory back to itself."""
    data = bytearray(ole("Root Entry", "Workbook"))
    struct.pack_into("<I", data, 512 + 512, 0)  # FAT[0]: the directory's next sector is itself
    return bytes(data)


def _corrupted_gzip() -> bytes:
    data = bytearray(gzip.compress(csv_bytes() * 20))
    for i in range(20, 60):
        data[i] ^= 0x5A
    return bytes(data)


def _with_doctype(xml: bytes) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body


def _duplicate_part() -> bytes:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return rezip(xlsx_bytes(), lambda n, c: c, extra={"xl/worksheets/sheet1.xml": b"<worksheet/>"})


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.table({"person": ["Ana"] * 3, "activity": ["Email"] * 3, "week": ["2026-W02"] * 3,
                             "hours": [1.0, 2.0, 3.0]}), out)
    return out.getvalue()


def _empty_xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def answer(case: Case) -> str:
    """What storykit said about one case, as one line (for the closing note's table)."""
    import storykit as sk
    from storykit.ingest.reader import read_file

    data = case.data()
    try:
        if case.limits is not None:
            from storykit.ingest import grid

            grid.read_grids(case.name, data, case.limits)
            return "read (within limits)"
        log = read_file(case.name, data)
    except sk.StoryKitError as e:
        return f"{type(e).__name__}: {e}"
    skipped = "; ".join(s.reason for s in log.skipped[:2])
    flagged = "; ".join(s.reason for s in log.flagged[:2])
    warnings = "; ".join(w for s in log.sources for w in s.warnings if "read as" not in w)
    return "read: " + " | ".join(x for x in (f"{len(log.frame)} rows", skipped and f"skipped: {skipped}",
                                             flagged and f"flagged: {flagged}", warnings) if x)


if __name__ == "__main__":
    print("| # | bad input | answer |\n|---|---|---|")
    for i, case in enumerate(CASES, 1):
        print(f"| {i} | {case.id} | {answer(case).replace('|', '/')} |")
