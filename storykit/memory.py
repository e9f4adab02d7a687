"""Process-wide memory settings for the app's server, which reads upload after upload.

A 200k-row read needs ~60 MB of data at its peak, but by default the process keeps ~90 MB
after it: pyarrow's mimalloc pool and glibc's heap hold on to freed pages (glibc raises its
mmap threshold each time a large block is freed, so later arrays come from a heap that is
never given back). With these settings the read peaks at ~64 MB and ~40 MB stay, for ~0.1 s
more page faults per 200k-row read. The CLI exits right after its one read, so it keeps the
defaults; the library never changes allocators itself: they belong to whoever owns the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 256 * 1024  # glibc's own starting value, kept fixed: blocks this big go back on free
#: glibc, once give_back_freed_memory has set it up: the process asked for freed memory to go back.
_libc: ctypes.CDLL | None = None


def give_back_freed_memory() -> bool:
    """Freed arrays go back to the system at once instead of staying in the process.

    Returns False where a part does not apply (not glibc, no pyarrow); nothing else changes.
    """
    global _libc
    done = True
    try:
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())  # malloc, which the threshold below governs
    except ImportError:
        done = False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        done &= bool(libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):  # not glibc (musl, macOS): their allocators do not grow this way
        done = False
    if done:
        _libc = libc
    return done


def give_back_now() -> None:
    """Free pages inside the heaps go back to the system now (malloc_trim), if the process asked for it.

    Blocks under the threshold are freed into the heap they came from; pyarrow's reader threads
    each have their own, which the main thread never reuses: after a 200k-row CSV is read, its
    cells' ~17 MB sit there while the log is summed, and the read's peak is that much higher. A
    no-op unless give_back_freed_memory ran (the CLI and the library keep their allocators as they are).
    """
    if _libc is not None:
        _libc.malloc_trim(0)
