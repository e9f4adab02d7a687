"""Judges how the reader did on one file of tests/unseen/ against its truth, for the test and for measuring.

Verdicts:
  exact    totals, rows, people, date range, hours by label as the truth says; no row lost; no question
  asks     the same, and one question or warning, where the truth says why the file cannot tell
  wrong    read, but some figure differs (or a question the file did not need)
  refused  a StoryKitError

    .venv/bin/python -m tests.unseen_judge          # the table, one line per file, and the counts
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

import storykit as sk
from storykit.errors import StoryKitError
from storykit.model import SET_ASIDE
from tests.conftest import ROOT

UNSEEN = ROOT / "tests" / "unseen"
TRUTHS = {p.name.removesuffix(".truth.json"): json.loads(p.read_text()) for p in sorted(UNSEEN.glob("*.truth.json"))}


@dataclass(frozen=True)
class Verdict:
    name: str
    verdict: str
    why: str


def set_aside_rows(log: sk.TimeLog) -> list[sk.SkippedRow]:
    return [s for s in log.skipped if s.kind == SET_ASIDE]


def differences(log: sk.TimeLog, truth: dict) -> list[str]:
    """What differs from the truth, in words; [] when the file read exactly."""
    src = log.sources[0]
    out = []
    if abs(log.total_hours - truth["total_hours"]) > 0.01:
        out.append(f"total {log.total_hours:.2f} h, truth {truth['total_hours']:.2f} h "
                   f"(hours from {src.mapping.get('hours') or src.mapping.get('start')!r} in {src.unit})")
    if len(log.frame) != truth["rows"]:
        out.append(f"{len(log.frame)} rows, truth {truth['rows']}")
    if log.people != truth["people"]:
        out.append(f"people {log.people[:4]}{'...' if len(log.people) > 4 else ''}, truth {truth['people'][:4]}")
    got = [d.isoformat() for d in log.date_range] if log.date_range else None
    if got != truth["date_range"]:
        out.append(f"dates {got}, truth {truth['date_range']}")
    if not log.frame.empty:
        labels = {k: round(v, 2) for k, v in sk.cube_of(log).hours_by("activity").to_dict().items()}
        want = {k: round(v, 2) for k, v in truth["hours_by_label"].items()}
        if set(labels) != set(want) or any(abs(labels[k] - want[k]) > 0.01 for k in want):
            out.append(f"labels {sorted(labels)[:4]}, truth {sorted(want)[:4]}")
    lost = log.unreadable
    if lost:
        out.append(f"{len(lost)} rows not read (row {lost[0].row}: {lost[0].reason})")
    if len(set_aside_rows(log)) != truth.get("set_aside", 0):
        out.append(f"{len(set_aside_rows(log))} rows set aside for far dates, truth {truth.get('set_aside', 0)}")
    for column in truth.get("not_summed", []):
        if column in src.mapping.values():
            out.append(f"{column!r} summed as a role")
    for fact in ("kind", "people_known", "weekly_detail"):
        if fact in truth and getattr(src, fact) != truth[fact]:
            out.append(f"{fact} {getattr(src, fact)!r}, truth {truth[fact]!r}")
    return out


def judge(name: str) -> Verdict:
    truth = TRUTHS[name]
    try:
        log = sk.load(UNSEEN / name)
    except StoryKitError as error:
        return Verdict(name, "refused", str(error).splitlines()[0][:160])
    src = log.sources[0]
    wrong = differences(log, truth)
    asked = src.needs_confirmation or src.question is not None
    if wrong:
        return Verdict(name, "wrong", "; ".join(wrong)[:300])
    if asked and "asks" not in truth:
        question = src.question.text if src.question else "; ".join(src.doubts)
        return Verdict(name, "wrong", f"asks what the file says: {question[:200]}")
    if "asks" in truth:
        said = asked or any("0" in w and "hour" in w for w in log.warnings)
        return Verdict(name, "asks" if said else "wrong", truth["asks"] if said else "says nothing of " + truth["asks"])
    return Verdict(name, "exact", "")


def main() -> None:
    verdicts = [judge(name) for name in TRUTHS]
    width = max(len(v.name) for v in verdicts)
    for v in verdicts:
        print(f"{v.name:<{width}}  {v.verdict:<8} {v.why}")
    counts = {k: sum(v.verdict == k for v in verdicts) for k in ("exact", "asks", "wrong", "refused")}
    print(f"\n{len(verdicts)} files: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    sys.exit(0)


if __name__ == "__main__":
    main()
