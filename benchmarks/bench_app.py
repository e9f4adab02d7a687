"""How instant the app feels: each step's script run, cold and warm, and a title edit, via AppTest.

Target: on the sample data, every step after its first visit and every text edit reruns in under
300 ms (the cached reads, analyses and stories are reused; only widgets are drawn again). With
ROWS given, the sample is repeated to that many rows and uploaded first, to see the same at scale.

    .venv/bin/python benchmarks/bench_app.py [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from pages import _shared as ui  # noqa: E402

TARGET_MS = 300


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def upload(at: AppTest, rows: int) -> float:
    sample = pd.read_csv(ROOT / "sample_data" / ui.SAMPLE_FILE, encoding="utf-8-sig")
    big = pd.concat([sample] * (rows // len(sample) + 1), ignore_index=True).head(rows)
    data = big.to_csv(index=False).encode()
    at.switch_page(ui.UPLOAD.path).run()
    return timed(lambda: at.file_uploader[0].set_value(("big.csv", data, "text/csv")).run())


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    print(f"first run (imports, sample read, story): {timed(at.run):,.0f} ms")
    if rows:
        print(f"upload and read {rows:,} rows: {upload(at, rows):,.0f} ms")
    worst = 0.0
    for step in ui.STEPS:
        at.switch_page(step.path)
        cold = timed(at.run)
        warm = statistics.median(timed(at.run) for _ in range(3))
        worst = max(worst, warm)
        print(f"{step.title:<9} first visit {cold:7,.0f} ms   rerun {warm:6,.0f} ms")
        assert not at.exception, [e.value for e in at.exception]
    at.switch_page(ui.STORY.path).run()
    box = at.text_area(key=f"{ui.SEED}titles1")
    edit = timed(lambda: box.input("A title rewritten by hand").run())
    worst = max(worst, edit)
    print(f"title edit on Story: {edit:,.0f} ms")
    print(f"worst warm step or edit: {worst:,.0f} ms (target {TARGET_MS} ms): "
          + ("ok" if worst < TARGET_MS else "SLOWER THAN TARGET"))


if __name__ == "__main__":
    main()
