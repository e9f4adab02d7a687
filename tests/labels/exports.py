"""The other-team share storykit finds in each export with no manual classification, against the truth.

The truth is tests/labels/exports.txt: every label of every export judged by hand. For each export
the true share is (hours of labels truly another team's) / (hours of labels that are work), and
storykit's is what act 1 would say. Also listed: any label storykit files as another team's work
that the truth calls our own (the mistake a manager would not forgive).

    python -m tests.labels.exports      prints the table (exports whose files are absent are skipped)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REAL_EXPORTS, ROOT
from tests.labels.corpus import TEAMS

HERE = Path(__file__).parent
REAL = REAL_EXPORTS
TRUTH_FILE = HERE / "exports.txt"
FOLDERS = ("tests/fixtures", "tests/corpus", "sample_data")  # every export here should have a section
TOLERANCE = 0.05  # within 5 points of the true share
TARGET = 0.9  # for at least 9 in 10 exports
VISIBLE_HOURS = 0.1  # a label the deck's notes would show (one decimal) counts as filed
_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]$")
_TRUTHS = {"core", "overhead", "non_work"}


def read_truth() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(shared judgements, {export: its own judgements}); '*' is an export's default."""
    shared: dict[str, str] = {}
    exports: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for n, raw in enumerate(TRUTH_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := _SECTION.match(line):
            current = shared if m["name"] == "labels" else exports.setdefault(m["name"], {})
            continue
        label, sep, truth = line.rpartition("=>")
        truth = truth.strip()
        valid = truth in _TRUTHS or (truth.startswith("other:") and truth[6:] in TEAMS)
        if not sep or current is None or not valid:
            raise ValueError(f"{TRUTH_FILE.name}:{n}: expected 'label => core|overhead|non_work|other:<team>' "
                             f"in a [section], got {line!r}")
        current[label.strip()] = truth
    return shared, exports


def path_of(name: str) -> Path:
    return REAL / name.removeprefix("real-exports/") if name.startswith("real-exports/") else ROOT / name


@dataclass(frozen=True)
class Measure:
    export: str
    true_share: float
    share: float
    own_filed_other: tuple[str, ...]  # labels truly ours that storykit filed as another team's
    unjudged: tuple[str, ...]  # labels the truth file does not cover

    @property
    def within(self) -> bool:
        return abs(self.share - self.true_share) <= TOLERANCE


def measure(name: str, shared: dict[str, str], own: dict[str, str]) -> Measure:
    import storykit as sk

    log = sk.load(path_of(name))
    analysis = sk.analyse(log, sk.Project())
    hours = analysis.cube.hours_by("activity")
    truth = {lbl: own.get(lbl) or shared.get(lbl) or own.get("*") for lbl in hours.index}
    work = sum(h for lbl, h in hours.items() if truth[lbl] != "non_work")
    other = sum(h for lbl, h in hours.items() if (truth[lbl] or "").startswith("other:"))
    c = analysis.classification
    filed = tuple(lbl for lbl, h in hours.items() if c.of(lbl).cls == "other_team" and truth[lbl] in _TRUTHS
                  and h >= VISIBLE_HOURS)
    return Measure(name, other / work if work else 0.0, analysis.metrics.other_team_share, filed,
                   tuple(lbl for lbl, t in truth.items() if t is None))


def measure_all() -> tuple[list[Measure], list[str]]:
    """Every export with a truth whose file is here; and the exports in our folders with no truth yet."""
    shared, exports = read_truth()
    results = [measure(name, shared, own) for name, own in exports.items() if path_of(name).exists()]
    files = [f"{folder}/{p.name}" for folder in FOLDERS for p in sorted((ROOT / folder).glob("*"))
             if p.suffix not in (".json", ".py", ".md") and not p.name.startswith(".")]
    return results, [name for name in files if name not in exports and _reads(name)]


def _reads(name: str) -> bool:
    import storykit as sk

    try:
        sk.load(path_of(name))
    except sk.StoryKitError:
        return False  # not a time log (a contact list, a summary with no dates): nothing to measure
    return True


def table(results: list[Measure]) -> str:
    rows = ["| export | true share | storykit | difference | within 5 points | own work filed as another team's |",
            "|---|---|---|---|---|---|"]
    for m in results:
        rows.append(f"| {m.export} | {m.true_share:.1%} | {m.share:.1%} | {100 * (m.share - m.true_share):+.1f} "
                    f"| {'yes' if m.within else 'NO'} | {', '.join(m.own_filed_other) or '-'} |")
    ok = sum(m.within for m in results)
    rows.append(f"\n{ok} of {len(results)} exports within 5 points ({ok / len(results):.0%}); "
                f"{sum(bool(m.own_filed_other) for m in results)} with own work filed as another team's.")
    return "\n".join(rows)


def main() -> None:
    results, untold = measure_all()
    print(table(results))
    if untold:
        print("No truth yet (not measured):", ", ".join(untold))


if __name__ == "__main__":
    main()
