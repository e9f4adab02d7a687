"""A deck's outline read back from its .pptx: what a reader of the slides sees, as plain JSON.

Read from the file, not from the Story, so a change anywhere between the numbers and the
drawn deck (the narrative, the renderer, the text fitting) shows up. Shapes are found by the
names the renderer gives them ("Title", "Points", "Big number", ...), never by position.
"""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation

NAMED_TEXTS = {"Act": "kicker", "Chart caption": "caption", "Big number": "big_number",
               "Big number label": "big_number_label", "Source": "source"}


def outline(deck: bytes) -> dict[str, Any]:
    """Slides (title, kicker, points, big number, chart, table, notes) and the document properties."""
    prs = Presentation(io.BytesIO(deck))
    props = prs.core_properties
    return {
        "title": props.title,
        "subject": props.subject,
        "author": props.author,
        "slides": [_slide(slide) for slide in prs.slides],
    }


def titles_charts_notes(deck: bytes) -> list[tuple]:
    """Each slide's title, chart (categories and series) and notes: what two files holding the same
    data (a raw log and its cube) must draw alike, whichever file the source line names."""
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        title = next(s for s in slide.shapes if s.name == "Title").text_frame.text
        chart = next(s for s in slide.shapes if s.has_chart).chart
        series = tuple((s.name, tuple(s.values)) for s in chart.plots[0].series)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((title, tuple(chart.plots[0].categories), series, notes))
    return out


def _slide(slide) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    out: dict[str, Any] = {}
    for shape in slide.shapes:
        if shape.name == "Title":
            out["title"] = shape.text_frame.text
        elif shape.name in NAMED_TEXTS:
            out[NAMED_TEXTS[shape.name]] = shape.text_frame.text
        elif shape.name == "Points":
            out["points"] = [p.text for p in shape.text_frame.paragraphs if p.text]
        elif shape.name.startswith("Label: "):
            out.setdefault("series_labels", []).append(shape.text_frame.text)
        elif shape.has_chart:
            out["chart"] = _chart(shape)
        elif shape.has_table:
            out["table"] = [[cell.text for cell in row.cells] for row in shape.table.rows]
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    out["notes"] = notes.split("\n")
    return out


def _chart(frame) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    chart = frame.chart
    plot = chart.plots[0]
    c_nv_pr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    return {
        "type": str(chart.chart_type).split(" ")[0],
        "categories": [str(c) for c in plot.categories],
        "series": {s.name: list(s.values) for s in plot.series},
        "legend": chart.has_legend,
        "value_max": chart.value_axis.maximum_scale,
        "alt_text": c_nv_pr.get("descr"),
        "alt_title": c_nv_pr.get("title"),
    }
