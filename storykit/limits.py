"""What one upload may cost, and the cheap checks that hold an untrusted file to it before any parser runs.

The limits are one frozen value, stated in the README ("Limits"); tests pass smaller ones. The
checks read only a file's length and a zip's central directory and XML heads, so a workbook
(ingest) and a brand template (export) are both refused before python-calamine or python-pptx
spends real time or memory on them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from storykit.errors import LimitError, ReadError

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """What one upload may cost; every figure is in the README's "Limits" table."""

    file_bytes: int = 200 * MiB
    decompressed_bytes: int = 500 * MiB  # a gzip's output; the sum of a zip's entries
    compression_ratio: int = 200  # per zip entry over 1 MiB; real sheets compress 5-30x
    zip_entries: int = 10_000
    rows: int = 2_000_000
    columns: int = 500
    cells: int = 20_000_000  # rows x columns of one sheet's used range
    parse_seconds: int = 60  # wall clock and CPU for reading one workbook
    parse_memory: int = 3 * 1024 * MiB  # address space of the child that reads a workbook
    # Logs too large for memory, read in batches and reduced to the cube on DuckDB (ingest/large_reduce.py):
    streamed_bytes: int = 16 * 1024 * MiB  # data a streamed file may hold once inflated (about 200M rows)
    streamed_ratio: int = 100  # how much larger than stored it may inflate; real exports compress 3-20x
    streamed_memory: int = 1024 * MiB  # DuckDB's memory limit while reducing; nothing spills to disk


LIMITS = Limits()

_XML_HEAD = 4096
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_size(name: str, data: bytes, limits: Limits = LIMITS) -> None:
    if len(data) > limits.file_bytes:
        raise LimitError(f"the file is {size_words(len(data))}; the limit is {size_words(limits.file_bytes)}",
                         file=name, hint="Export a shorter period or split the file.")


def inspect_zip(name: str, data: bytes, kind: str = "workbook", limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The zip, opened only after its central directory shows nothing that could exhaust the server.

    `kind` is "workbook" (.xlsx, .xlsm, .xlsb, .ods), "template" (.pptx, .potx) or "package" (any
    zip: limits and XML checks only, for callers that check the parts themselves).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # BadZipFile, ValueError, OSError, EOFError, UnicodeDecodeError, ... on damaged input
        like = {"workbook": "an .xlsx workbook", "template": "a .pptx file"}.get(kind, "an Office file")
        raise ReadError(f"the file is damaged: it starts like {like} (a zip) but is not a complete one "
                        "(truncated or corrupted)", file=name, hint="Download or export it again.") from None
    if len(infos) > limits.zip_entries:
        raise LimitError(f"the zip holds {len(infos):,} parts; the limit is {limits.zip_entries:,}", file=name)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("this file is password protected (encrypted zip)", file=name,
                            hint="Save a copy without a password and upload that.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MiB and ratio > limits.compression_ratio:
            raise LimitError(f"part {info.filename!r} expands {ratio:,.0f} times (to {info.file_size / MiB:,.0f} MB); "
                             f"the limit is {limits.compression_ratio} times", file=name,
                             hint="This looks like a zip bomb, not an export; export the report again.")
    if total > limits.decompressed_bytes:
        raise LimitError(f"the file expands to {total / MiB:,.0f} MB; the limit is "
                         f"{limits.decompressed_bytes // MiB} MB", file=name, hint="Export a shorter period.")
    listed = zf.namelist()
    names = set(listed)
    if len(names) != len(listed):
        twice = next(n for n in listed if listed.count(n) > 1)
        raise ReadError(f"the file is damaged: it holds two parts named {twice!r}", file=name,
                        hint="Open it in Excel or PowerPoint and save it again.")
    if kind == "template":
        if "ppt/presentation.xml" not in names:
            raise ReadError("the template is not a PowerPoint file (.pptx or .potx)", file=name,
                            hint="Choose the .pptx or .potx brand template itself.")
    elif kind == "workbook" and not names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
        what = "a PowerPoint file" if "ppt/presentation.xml" in names else (
            "a Word document" if "word/document.xml" in names else "a zip archive")
        raise ReadError(f"this is {what}, not a spreadsheet", file=name,
                        hint="Upload the .xlsx or .csv export itself.")
    _check_xml_heads(name, zf)
    return zf


def _check_xml_heads(name: str, zf: zipfile.ZipFile) -> None:
    """No DTDs or entity declarations (Office never writes them); the workbook part parses safely."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with zf.open(info) as part:
                head = part.read(_XML_HEAD)
        except Exception:  # zipfile raises a dozen types on damaged input (ValueError on a bad offset, ...)
            raise ReadError(f"the file is damaged: part {info.filename!r} cannot be unpacked", file=name,
                            hint="Download or export it again.") from None
        if _DTD.search(head):
            raise ReadError(f"part {info.filename!r} declares XML entities, which spreadsheet and "
                            "presentation files never do", file=name,
                            hint="Export the report again from the tool that made it.")
    for part in ("xl/workbook.xml", "ppt/presentation.xml"):
        if part in zf.namelist() and zf.getinfo(part).file_size <= 20 * MiB:
            try:
                SafeET.fromstring(zf.read(part), forbid_dtd=True)
            except (DefusedXmlException, SafeET.ParseError):
                raise ReadError(f"the file is damaged: {part!r} is not well-formed XML", file=name,
                                hint="Open it in Excel or PowerPoint and save it again.") from None
            except Exception:  # damaged compressed data: zipfile's many exception types
                raise ReadError(f"the file is damaged: part {part!r} cannot be unpacked", file=name,
                                hint="Download or export it again.") from None


def size_words(n: int) -> str:
    """'3.2 MB', '740 KB'."""
    return f"{n / MiB:,.1f} MB" if n >= MiB else f"{n / 1024:,.0f} KB"
