"""A gzip file inflated within the limits, by zlib-ng, with nothing of pandas imported (text_arrow.py
inflates the command's file while pandas imports)."""

from __future__ import annotations

from zlib_ng import zlib_ng

from storykit.errors import LimitError, ReadError
from storykit.limits import LIMITS, Limits, MiB, size_words

GZIP_MAGIC = b"\x1f\x8b"


def gunzip(name: str, data: bytes, limits: Limits = LIMITS) -> bytes:
    """A gzip file's content, refused as soon as it expands past the limit (never fully inflated)."""
    inflater = zlib_ng.decompressobj(wbits=31)
    try:  # one call, bounded: zlib stops at limit + 1 bytes and keeps the rest as unconsumed_tail
        out = inflater.decompress(data, limits.decompressed_bytes + 1)
    except zlib_ng.error as e:
        raise ReadError(f"the gzip file is damaged ({str(e).removeprefix('Error -3 while decompressing data: ')})",
                        file=name,
                        hint="Download it again or send the uncompressed CSV.") from None
    if len(out) > limits.decompressed_bytes or inflater.unconsumed_tail:
        raise LimitError(f"the file expands to more than {limits.decompressed_bytes // MiB} MB "
                         f"(from {size_words(len(data))} compressed)", file=name, hint="Export a shorter period.")
    if not inflater.eof:
        raise ReadError("the gzip file is cut short (truncated)", file=name,
                        hint="Download it again or send the uncompressed CSV.")
    if out[:2] == GZIP_MAGIC:
        raise ReadError("the file is gzip inside gzip", file=name, hint="Decompress it once and upload the CSV.")
    return out
