"""Before/after: build every deck from two checkouts of storykit and compare their outlines.

    .venv/bin/python tests/compare_decks.py BEFORE_CHECKOUT AFTER_CHECKOUT

For every sample, every fixture under tests/fixtures and every real export (STORYKIT_REAL_EXPORTS
or ../shared/real-exports/files), under each ask x audience with an hourly cost and a backlog
set and the appendix on, each checkout builds the deck in its own process (its storykit first
on the path); the outlines (tests/deck_outline.py) must be equal. Prints how many decks were
compared and the first differences; exits 1 if any differ. A refactoring that changes no deck
and no number passes; a change of wording is expected to fail here and pass the reviewed
snapshots instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ASKS = ("hand_back", "headcount", "service_level")
AUDIENCES = ("operations", "finance", "people")
NOW = dt.datetime(2026, 11, 2, 9, 30)


def inputs() -> list[Path]:
    real = Path(os.environ.get("STORYKIT_REAL_EXPORTS", ROOT.parent / "shared" / "real-exports" / "files"))
    files = sorted((ROOT / "sample_data").glob("*.*")) + sorted((ROOT / "tests" / "fixtures").glob("*.*"))
    files += sorted(real.glob("*.*")) if real.is_dir() else []
    return [f for f in files if f.suffix not in (".json", ".py", ".md")]


def dump() -> None:
    """In the checkout under test: every deck's outline as one JSON object on stdout."""
    sys.path.insert(0, str(HERE))
    from deck_outline import outline

    import storykit as sk

    base = sk.Project.from_json((ROOT / "sample_data" / "project.json").read_text())
    appendix_by_analysis = "analysis" in inspect.signature(sk.build_deck).parameters
    out = {}
    for path in inputs():
        try:
            log = sk.load((path.name, path.read_bytes()))  # by name: no checkout's folder in the deck
        except Exception as exc:  # the same refusal before and after is part of "unchanged"
            out[path.name] = f"{type(exc).__name__}: {exc}"
            continue
        for ask in ASKS:
            for audience in AUDIENCES:
                project = dataclasses.replace(
                    base, settings=dataclasses.replace(base.settings, audience=audience),
                    scenario=dataclasses.replace(base.scenario, ask=ask))
                key = f"{path.name} {ask} {audience}"
                try:
                    analysis = sk.analyse(log, project)
                    story = sk.build_story(analysis, project)
                    options = sk.DeckOptions(now=NOW, appendix=True)
                    deck = (sk.build_deck(story, options, analysis, project.settings.currency)
                            if appendix_by_analysis else sk.build_deck(story, options))
                    out[key] = outline(deck)
                except Exception as exc:
                    out[key] = f"{type(exc).__name__}: {exc}"
    json.dump(out, sys.stdout, ensure_ascii=False)


def outlines(checkout: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    done = subprocess.run([sys.executable, __file__, "--dump"], env=env, cwd=checkout, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{checkout}: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def main(before: Path, after: Path) -> int:
    old, new = outlines(before), outlines(after)
    differing = [k for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k)]
    print(f"{len(old)} decks from {before}, {len(new)} from {after}: {len(differing)} differ")
    for key in differing[:5]:
        a = json.dumps(old.get(key), indent=1, ensure_ascii=False).splitlines(True)
        b = json.dumps(new.get(key), indent=1, ensure_ascii=False).splitlines(True)
        print(f"--- {key}")
        print("".join(difflib.unified_diff(a, b, "before", "after", n=1))[:3000])
    return 1 if differing else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--dump"]:
        dump()
    else:
        sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
