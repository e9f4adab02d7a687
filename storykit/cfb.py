"""Old Office files (compound files, CFB): whether the container is whole, and which streams it holds.

A legacy .xls, .doc, .ppt and a password-protected .xlsx are all one container: a 512-byte header,
a sector allocation table (FAT) and a directory of named streams. We never read the streams;
we only decide what to tell the user: "save it as .xlsx" is good advice for a readable legacy
workbook, and no help at all for a damaged file, whose header counts or sector chains point
outside the file. Every count is checked against the file's own size before it is used, and every
chain is followed at most once per sector, so a hostile header costs microseconds.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
_ENTRY = 128  # bytes per directory entry
_MINI_STREAM_CUTOFF = 4096  # streams smaller than this live in the mini stream (not checked further)


@dataclass(frozen=True)
class Container:
    """What a compound file holds, or why it is damaged (then `streams` is empty)."""

    streams: tuple[str, ...] = ()
    damage: str | None = None


def read_container(data: bytes) -> Container:
    """The stream names of a compound file, or what makes it unreadable (the first fault found)."""
    try:
        return Container(streams=_streams(data))
    except _Damaged as e:
        return Container(damage=str(e))


class _Damaged(Exception):
    pass


def _streams(data: bytes) -> tuple[str, ...]:
    if len(data) < 512 or data[:8] != MAGIC:
        raise _Damaged("the file is shorter than an Office header")
    major, order, shift, mini_shift = struct.unpack_from("<HHHH", data, 26)
    if order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
        raise _Damaged("its header is not an Office header (version or sector size)")
    size = 1 << shift
    # sector n starts at (n + 1) * size (the header fills the first); a short last sector still counts
    sectors = max(0, -(-(len(data) - size) // size))
    n_fat, first_dir, _, cutoff, _, n_mini, first_difat, n_difat = struct.unpack_from("<8I", data, 44)
    if cutoff != _MINI_STREAM_CUTOFF:
        raise _Damaged("its header is not an Office header (mini stream cutoff)")
    for what, count in (("allocation table", n_fat), ("mini allocation table", n_mini),
                        ("extension table", n_difat)):
        if count > sectors:
            raise _Damaged(f"its header counts {count:,} {what} sectors in a file of {_sectors(sectors)}")
    if n_fat == 0:
        raise _Damaged("its header counts no allocation table")
    fat_sectors = list(struct.unpack_from(f"<{min(n_fat, 109)}I", data, 76))
    seen: set[int] = set()
    while len(fat_sectors) < n_fat:  # more than 109 FAT sectors: the rest are listed in a DIFAT chain
        _check_sector(first_difat, sectors, seen, "extension table")
        per = size // 4 - 1
        *more, first_difat = struct.unpack_from(f"<{per + 1}I", data, (first_difat + 1) * size)
        fat_sectors.extend(more[: n_fat - len(fat_sectors)])
    fat = bytearray()
    for s in fat_sectors:
        _check_sector(s, sectors, set(), "allocation table")
        fat += data[(s + 1) * size:(s + 2) * size]
    table = struct.unpack(f"<{len(fat) // 4}I", fat)
    directory = bytearray()
    seen = set()
    sector = first_dir
    while sector != END_OF_CHAIN:
        _check_sector(sector, sectors, seen, "directory")
        directory += data[(sector + 1) * size:(sector + 2) * size]
        if sector >= len(table):
            raise _Damaged("its directory runs past the allocation table")
        sector = table[sector]
    return _names(directory, len(data), major == 4)


def _sectors(n: int) -> str:
    return f"{n:,} sector" + ("" if n == 1 else "s")


def _check_sector(sector: int, sectors: int, seen: set[int], what: str) -> None:
    if sector >= sectors:
        raise _Damaged(f"its {what} points to sector {sector:,} of a file of {_sectors(sectors)}")
    if sector in seen:
        raise _Damaged(f"its {what} chain loops")
    seen.add(sector)


def _names(directory: bytes, file_size: int, wide_sizes: bool) -> tuple[str, ...]:
    """Names of the storages and streams; a stream larger than the file is damage."""
    names = []
    for at in range(0, len(directory) - _ENTRY + 1, _ENTRY):
        length, kind = struct.unpack_from("<HB", directory, at + 64)
        if kind == 0:  # unused entry
            continue
        if kind not in (1, 2, 5) or length > 64 or length % 2:
            raise _Damaged("its directory holds an entry that is not a stream")
        if at == 0 and kind != 5:
            raise _Damaged("its directory does not start with the root entry")
        stream_size = struct.unpack_from("<Q" if wide_sizes else "<I", directory, at + 120)[0]  # v3: 32 bits
        if kind == 2 and stream_size > file_size:
            raise _Damaged(f"a stream declares {stream_size:,} bytes in a file of {file_size:,}")
        names.append(directory[at:at + max(length - 2, 0)].decode("utf-16-le", "replace"))
    if not names:
        raise _Damaged("its directory is empty")
    return tuple(names)
