"""The few XML details python-pptx has no API for, kept in one place.

Alt text on charts, plain-text (never formula) cells in the embedded chart workbooks.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import pptx.chart.xlsx as chart_xlsx
from pptx.shapes.graphfrm import GraphicFrame

_LOCK = threading.Lock()  # the patch below is process-wide; decks are built one at a time


def set_alt_text(frame: GraphicFrame, text: str, title: str = "") -> None:
    c_nv_pr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    c_nv_pr.set("descr", text)
    if title:
        c_nv_pr.set("title", title)


@contextlib.contextmanager
def plain_text_workbooks() -> Iterator[None]:
    """Write chart workbooks with strings as strings: a label like '=HYPERLINK(...)' stays text."""
    original = chart_xlsx.Workbook

    def workbook(file, options=None):  # type: ignore[no-untyped-def]
        opts = dict(options or {})
        opts.update(strings_to_formulas=False, strings_to_urls=False, strings_to_numbers=False)
        return original(file, opts)

    with _LOCK:
        chart_xlsx.Workbook = workbook  # type: ignore[assignment]
        try:
            yield
        finally:
            chart_xlsx.Workbook = original  # type: ignore[assignment]


def safe_label(text: str) -> str:
    """Chart category text as shown: no control characters that break XML."""
    return "".join(ch for ch in text if ch.isprintable())
