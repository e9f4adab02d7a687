"""The app's server gives freed memory back: pyarrow on malloc, glibc's mmap threshold fixed.

The effect on the peak is measured in benchmarks/ (machines are noisy); here, that the settings
take, in a fresh process so the test run's own allocators stay as they are.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import pyarrow as pa
from storykit.memory import give_back_freed_memory
before = pa.default_memory_pool().backend_name
print(before, give_back_freed_memory(), pa.default_memory_pool().backend_name)
"""


def test_give_back_freed_memory_moves_pyarrow_to_malloc_and_sets_the_threshold():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    before, done, after = out.stdout.split()
    assert before != "system"  # pyarrow's own pool (mimalloc or jemalloc) until we change it
    assert (done, after) == ("True", "system")  # glibc here (Debian, as in CI): mallopt took



APP = """
import pyarrow as pa
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120)
at.run()
assert not at.exception, at.exception
print(pa.default_memory_pool().backend_name)
"""


def test_the_app_applies_the_settings_and_the_cli_does_not():
    app = subprocess.run([sys.executable, "-c", APP], cwd=ROOT, capture_output=True, text=True, check=True)
    assert app.stdout.split()[-1] == "system"
    cli = subprocess.run([sys.executable, "-c", "import pyarrow as pa, storykit.cli as c, sys; c.main(['inspect', "
                          "'sample_data/toggl_support_team.csv']); print(pa.default_memory_pool().backend_name)"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    assert cli.stdout.split()[-1] != "system"  # one read, then exit: nothing to give back


TRIM = """
import sys, threading
from storykit.memory import give_back_freed_memory, give_back_now
if sys.argv[1] == "app":
    give_back_freed_memory()
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * 4096
held = []
def read():  # a reader thread's many small buffers, as pyarrow's CSV reader makes them (each under the threshold)
    held.extend(bytearray(100_000) for _ in range(400))
thread = threading.Thread(target=read)
thread.start()
thread.join()
kept = held[1::2]  # every other one still in use: the freed ones are holes the heap cannot shrink past
held.clear()
before = rss()
give_back_now()
print(before - rss())
"""


def test_give_back_now_returns_a_reader_threads_freed_pages_only_where_the_process_asked():
    def given_back(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", TRIM, mode], cwd=ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout)

    assert given_back("app") > 10 * 2**20  # 200 freed 100 kB blocks: most of their 20 MB
    assert abs(given_back("cli")) < 2**20  # the CLI keeps its allocator as it is
