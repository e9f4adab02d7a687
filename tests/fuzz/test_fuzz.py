"""Fuzzing: mutants of real files, each must end as a result or a StoryKitError, in time and memory.

Default (CI): a small sample, well under a minute. Nightly size:

    STORYKIT_FUZZ=nightly .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 tests/fuzz

runs >= 3,000 xlsx, 1,000 CSV and 1,000 project-JSON mutants (seeded: a failure names its seed,
and `STORYKIT_FUZZ_SEED=<kind>-<n>` replays one) and writes counts to tests/artefacts/fuzz/.
A good result is taken all the way: story, and for every tenth mutant the deck, reopened.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import signal
import time
from collections import Counter
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storykit as sk
from tests.conftest import ARTEFACTS
from tests.fuzz.mutate import JSON_VALUES, MUTATORS, SAMPLES, seeds

MODE = os.environ.get("STORYKIT_FUZZ", "ci")
COUNTS = {
    "ci": {"xlsx": 24, "csv": 80, "json": 150},
    "nightly": {"xlsx": 3000, "csv": 1000, "json": 1000},
}[MODE]
CHUNKS = 12 if MODE == "nightly" else 1
PER_MUTANT_SECONDS = 90  # the workbook reader's own limit is 60 s; this catches anything else that hangs
MAX_RSS_MB = 3000
EXAMPLES = 300 if MODE == "nightly" else 15


class Hang(Exception):
    """Raised by the alarm when one input takes longer than PER_MUTANT_SECONDS."""


@contextmanager
def time_limit(seconds: int):  # type: ignore[no-untyped-def]
    def alarm(signum, frame):  # type: ignore[no-untyped-def]
        raise Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_SAMPLE_LOG: list[sk.TimeLog] = []


def sample_log() -> sk.TimeLog:
    if not _SAMPLE_LOG:
        _SAMPLE_LOG.append(sk.load(("toggl_support_team.csv", (SAMPLES / "toggl_support_team.csv").read_bytes())))
    return _SAMPLE_LOG[0]


def run_one(kind: str, name: str, data: bytes, deck: bool) -> str:
    """'result', or the StoryKitError's class name; anything else propagates as a failure."""
    from pptx import Presentation

    try:
        with time_limit(PER_MUTANT_SECONDS):
            if kind == "json":
                project = sk.Project.from_json(data, file=name)
                log = sample_log()
            else:
                log = sk.load((name, data))
                project = sk.Project()
            story = sk.build_story(log, project)
            if deck:
                Presentation(io.BytesIO(sk.build_deck(story)))
            return "result"
    except sk.StoryKitError as e:
        assert str(e), "an error with no message"
        return type(e).__name__


def _rss_mb() -> float:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def _indices(kind: str, chunk: int) -> list[int]:
    replay = os.environ.get("STORYKIT_FUZZ_SEED", "")
    if replay:
        k, n = replay.rsplit("-", 1)
        return [int(n)] if k == kind and chunk == 0 else []
    return list(range(chunk, COUNTS[kind], CHUNKS))


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
def test_mutants_end_in_a_result_or_a_clear_error(kind: str, chunk: int) -> None:
    pool = seeds(kind)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    slowest = 0.0
    for n in _indices(kind, chunk):
        rng = random.Random(f"{kind}-{n}")
        name, good = rng.choice(pool)
        data = MUTATORS[kind](rng, good)
        start = time.perf_counter()
        try:
            outcomes[run_one(kind, name, data, deck=n % 10 == 0)] += 1
        except Exception as e:  # the failure this suite exists to find: keep the mutant
            failures.append(f"{kind}-{n} ({name}): {type(e).__name__}: {str(e)[:200]}")
            _keep(kind, n, name, data)
            outcomes["FAILURE"] += 1
        slowest = max(slowest, time.perf_counter() - start)
    rss = _rss_mb()
    _record(kind, chunk, outcomes, slowest, rss, failures)
    assert not failures, "\n".join(failures)
    assert rss < MAX_RSS_MB, f"peak memory {rss:.0f} MB"


def _keep(kind: str, n: int, name: str, data: bytes) -> None:
    folder = ARTEFACTS / "fuzz" / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}-{n}-{name}").write_bytes(data)


def _record(kind: str, chunk: int, outcomes: Counter, slowest: float, rss: float, failures: list[str]) -> None:
    folder = ARTEFACTS / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{MODE}-{kind}-{chunk}.json").write_text(json.dumps({
        "mode": MODE, "kind": kind, "chunk": chunk, "mutants": sum(outcomes.values()), "outcomes": outcomes,
        "slowest_s": round(slowest, 2), "peak_rss_mb": round(rss), "failures": failures}, indent=1))


# --- hypothesis: shrinking finds the smallest breaking edit -------------------------------------

_EDITS = st.lists(st.tuples(st.integers(min_value=0, max_value=2**20), st.binary(min_size=0, max_size=8),
                            st.integers(min_value=0, max_value=8)), min_size=1, max_size=6)


def _apply(data: bytes, edits: list[tuple[int, bytes, int]]) -> bytes:
    out = bytearray(data)
    for at, insert, delete in edits:
        i = at % (len(out) + 1)
        out[i:i + delete] = insert
    return bytes(out)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(min_value=0, max_value=50), edits=_EDITS)
def test_edited_csv_bytes(which: int, edits: list[tuple[int, bytes, int]]) -> None:
    pool = seeds("csv")
    name, good = pool[which % len(pool)]
    run_one("csv", name, _apply(good[:20_000], edits), deck=False)


@settings(max_examples=max(5, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=_EDITS)
def test_edited_xlsx_bytes(edits: list[tuple[int, bytes, int]]) -> None:
    name, good = seeds("xlsx")[-1]
    run_one("xlsx", name, _apply(good, edits), deck=False)


_JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=30)
                     | st.sampled_from(JSON_VALUES),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                     max_leaves=12)


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=st.sampled_from(["settings", "scenario", "service", "assignments", "rules", "mappings", "edits",
                                "storykit_project", "unknown"]),
       field=st.text(max_size=12) | st.sampled_from(["team_name", "default_share", "hand_backs", "hourly_cost",
                                                     "titles", "../../etc/passwd"]),
       value=_JSON)
def test_project_fields_of_any_shape(section: str, field: str, value: object) -> None:
    doc = json.loads((SAMPLES / "project.json").read_text())
    if isinstance(doc.get(section), dict):
        doc[section][field] = value
    else:
        doc[section] = value
    run_one("json", "project.json", json.dumps(doc).encode(), deck=False)
