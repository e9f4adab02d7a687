"""The storykit calls every page shares, cached: reading the files, the analysis, the story, the deck.

Everything shown is recomputed from (files, project) by functions cached on the files' digest and
the project itself (a frozen value), so moving between pages and editing text reuses what was
already computed; a user's log is held in their own session, the example's once for everyone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable, Mapping
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import streamlit as st

import storykit as sk
from storykit.frozenmap import FrozenMap
from storykit.progress import Progress

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILE = "toggl_support_team.csv"
CACHE_TTL = "1h"  # cached logs hold people's names: keep them no longer than a working session
READING = "reading"  # session-state key: (files' digest, mappings, Reading), the one log this session holds
T = TypeVar("T")
EXAMPLE = "EXAMPLE"  # marks the example's deck: its file name, document title and first slide


@dataclass(frozen=True)
class Inputs:
    """The files in use, with a digest computed once so caches never re-hash their bytes."""

    files: tuple[tuple[str, bytes], ...]
    digest: str

    @classmethod
    def of(cls, files: tuple[tuple[str, bytes], ...]) -> Inputs:
        h = hashlib.sha256()
        for name, data in files:
            h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        return cls(files, h.hexdigest())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.files)


@dataclass(frozen=True, eq=False)
class Reading:
    """The combined log of every file that could be read, and why each other file could not."""

    log: sk.TimeLog | None
    problems: dict[str, str]


#: How the caches key their arguments: files by their digest; a project (frozen, every field in its repr)
#: and a mapping by their full repr, so two projects differing anywhere never share an entry.
_HASH = {Inputs: lambda i: i.digest, sk.Project: repr, FrozenMap: repr}


@st.cache_resource
def sample_inputs() -> Inputs:
    return Inputs.of(((SAMPLE_FILE, (SAMPLE_DIR / SAMPLE_FILE).read_bytes()),))


def without_edits(p: sk.Project) -> sk.Project:
    """The project as everything before the text sees it: rewriting a title changes no number."""
    return dataclasses.replace(p, edits=sk.Edits()) if p.edits != sk.Edits() else p


def read(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    """Every file that reads, combined; a file that does not is named with its reason, not fatal.

    The example is read once for every session (cache_resource: one frozen log, no copies). A
    user's files are read for their session alone and held in its state: replacing a file frees
    the old log before the new one is read, and a closed tab frees its log, so a server's memory
    follows the sessions it has, not the files it has seen (benchmarks/bench_load.py measures it).
    """
    if files.digest == sample_inputs().digest:
        return _read_shared(files, mappings)
    held = st.session_state.get(READING)
    if held is not None and held[0] == files.digest and held[1] == mappings:
        return held[2]
    st.session_state.pop(READING, None)
    reading = _read(files, mappings)
    st.session_state[READING] = (files.digest, mappings, reading)
    return reading


@st.cache_resource(max_entries=2, ttl=CACHE_TTL, show_spinner=False, hash_funcs=_HASH)
def _read_shared(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    return _read(files, mappings)


#: Reads running at once on this server. Parsing is CPU-bound and the machine has 2 cores: a third
#: read would only share them (every read slower) and add its peak memory; it waits for a slot instead.
READ_SLOTS = 2
_slots = threading.BoundedSemaphore(READ_SLOTS)


def _read(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    bar = st.progress(0.0, text="Reading your files...")  # made here, so a cache hit replays it gone
    waited = 0.0
    while not _slots.acquire(timeout=0.5):
        waited += 0.5
        bar.progress(0.0, text=f"Waiting for a free reader: other people's files are being read ({waited:.0f} s)")
    try:
        try:
            return Reading(watched(bar, lambda progress: sk.load(*files.files, mappings=mappings, progress=progress)),
                           {})
        except Exception:  # find which file; the others still make a story
            pass
        # Each file alone, with its progress shown (a large one takes as long again); one good file is the log
        # itself, several are read together once more: a large file is never reduced a third time.
        good, problems = [], {}
        for f in files.files:
            try:
                good.append((f, watched(bar, lambda progress, f=f: sk.load(f, mappings=mappings, progress=progress))))
            except Exception as e:
                problems[f[0]] = message(e)
        if len(good) <= 1:
            return Reading(good[0][1] if good else None, problems)
        return Reading(watched(bar, lambda progress: sk.load(*[f for f, _ in good], mappings=mappings,
                                                             progress=progress)), problems)
    finally:
        bar.empty()
        _slots.release()


#: How often the page shows how far a read is.
PROGRESS_EVERY = 0.25


def watched(bar, load: Callable[[Progress], T]) -> T:  # type: ignore[no-untyped-def]
    """`load(progress)` run on a thread of its own while this (the script's) thread shows its progress on `bar`.

    storykit calls `progress` from whichever thread is reading: a log too large for memory is reduced
    on DuckDB, whose own threads read the batches and report them. Streamlit drops what a thread
    without the script's context draws, so the bar stood still at "reading the first rows" for the
    whole reduction; here the reader's threads only note how far they are, and the page draws it.
    """
    latest: list[tuple[float, str] | None] = [None]  # what the reader last said; one assignment, atomic
    shown = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="storykit-read") as pool:
        done = pool.submit(load, lambda fraction, text: latest.__setitem__(0, (min(max(fraction, 0.0), 1.0), text)))
        while not futures.wait([done], timeout=PROGRESS_EVERY).done:
            said = latest[0]
            if said is not None and said != shown:
                bar.progress(said[0], text=said[1])
                shown = said
        return done.result()


def analysis(files: Inputs, p: sk.Project) -> sk.Analysis:
    return _analysis(files, without_edits(p))


@st.cache_data(max_entries=32, ttl=CACHE_TTL, show_spinner="Counting hours...", hash_funcs=_HASH)
def _analysis(files: Inputs, p: sk.Project) -> sk.Analysis:
    return sk.analyse(_log(files, p), p)


@st.cache_data(max_entries=64, ttl=CACHE_TTL, show_spinner=False, hash_funcs=_HASH)
def story(files: Inputs, p: sk.Project) -> sk.Story:
    """From the cached analysis, so rewriting a title never counts the hours again."""
    return sk.build_story(analysis(files, p), p)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner="Building the deck...", hash_funcs=_HASH)
def deck(files: Inputs, p: sk.Project, example: bool = False) -> bytes:
    """The deck; the example's says so on its first slide and in its document title."""
    built = story(files, p)
    return sk.build_deck(mark_example(built) if example else built)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner=False, hash_funcs=_HASH)
def follow_up_story(files: Inputs, p: sk.Project) -> sk.Story:
    """The second meeting's story from the cached analysis; it tells no edited text, so edits are left out."""
    return sk.build_follow_up(analysis(files, p), without_edits(p))


@st.cache_data(max_entries=8, ttl=CACHE_TTL, show_spinner="Building the follow-up deck...", hash_funcs=_HASH)
def follow_up_deck(files: Inputs, p: sk.Project) -> bytes:
    return sk.build_deck(follow_up_story(files, p))


def mark_example(story: sk.Story) -> sk.Story:
    """The example's story with EXAMPLE on its first slide, in its notes and its document title:
    a downloaded example deck must never pass for a team's own in front of leadership."""
    first = story.acts[0]
    first = dataclasses.replace(
        first, title=f"{EXAMPLE} (sample data): {first.title}",
        notes=dataclasses.replace(first.notes, lead=f"This is the {EXAMPLE} deck, built from storykit's sample data: "
                                                    "not your team's numbers."))
    return dataclasses.replace(story, title=f"{EXAMPLE}: {story.title}", acts=(first, *story.acts[1:]))


def _log(files: Inputs, p: sk.Project) -> sk.TimeLog:
    log = read(files, p.mappings).log
    if log is None:
        raise sk.FormatError("none of the files could be read")
    return log


def message(error: Exception) -> str:
    """Every failure as one sentence a user can act on; never a traceback."""
    if isinstance(error, sk.StoryKitError):
        return str(error)
    return (f"This input could not be read ({type(error).__name__}). Your other files and your choices "
            "are kept; check that this is a time-tracking export, or try saving it again as CSV.")
