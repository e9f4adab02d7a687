"""Process-wide memory settings for the processes storykit owns: the app's server and the CLI.

A 200k-row read needs ~60 MB of data at its peak, but by default the process keeps ~100 MB:
pyarrow's mimalloc pool and glibc's heap hold on to freed pages (glibc raises its mmap threshold
each time a large block is freed, so later arrays come from a heap that is never given back).
For a long-running app that reads upload after upload, that is memory no one uses. The library
never calls this itself: allocators belong to whoever owns the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 256 * 1024  # glibc's own starting value, kept fixed: blocks this big go back on free


def give_back_freed_memory() -> bool:
    """Freed arrays go back to the system at once instead of staying in the process.

    Returns False where a part does not apply (not glibc, no pyarrow); nothing else changes.
    """
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
    return done
