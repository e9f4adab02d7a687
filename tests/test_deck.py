"""Deck structure: three 16:9 slides, a native chart each, titles with numbers, real notes, true properties."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pptx import Presentation

import storykit as sk
from tests.conftest import SAMPLES

SAMPLE_FILES = ["toggl_support_team.csv", "harvest_service_desk.csv", "handmade_care_team.xlsx"]


def deck_for(name: str, project: sk.Project | None = None) -> tuple[sk.Story, Presentation]:
    project = project or sk.Project.from_json((SAMPLES / "project.json").read_text())
    story = sk.build_story(sk.load(SAMPLES / name), project)
    return story, Presentation(io.BytesIO(sk.build_deck(story)))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_three_slides_each_with_chart_title_and_notes(name):
    story, prs = deck_for(name)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # PowerPoint widescreen
    assert len(prs.slides) == 3
    for slide, act in zip(prs.slides, story.acts, strict=True):
        charts = [s for s in slide.shapes if s.has_chart]
        assert len(charts) == 1
        assert charts[0].chart.part.partname.startswith("/ppt/charts/")
        descr = charts[0]._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
        assert descr and act.chart.alt_text == descr
        titles = [s for s in slide.shapes if s.name == "Title"]
        assert titles[0].text_frame.text == act.title
        assert re.search(r"\d", act.title)
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes.split()) >= 60


def test_chart_data_is_the_chartspec():
    story, prs = deck_for("toggl_support_team.csv")
    for slide, act in zip(prs.slides, story.acts, strict=True):
        chart = next(s for s in slide.shapes if s.has_chart).chart
        assert tuple(chart.plots[0].categories) == act.chart.categories
        for series, spec in zip(chart.plots[0].series, act.chart.series, strict=True):
            expected = [None if act.chart.kind == "stacked_column" and abs(v) < 0.05 else round(v, 3)
                        for v in spec.values]
            assert list(series.values) == expected


def test_colours_are_grey_and_one_accent():
    _, prs = deck_for("toggl_support_team.csv")
    bar = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    xml = bar._chartSpace.xml
    colours = set(re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', xml))
    assert {"A3A8AE", "D9480F"} <= colours
    assert colours <= {"A3A8AE", "D9480F", "3B4046", "1F2328", "FFFFFF"}


def test_core_properties_are_truthful():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    story, prs = deck_for("toggl_support_team.csv")
    props = prs.core_properties
    assert props.title == story.title
    assert props.author == "Customer Support lead"
    assert props.last_modified_by == "Customer Support lead"
    assert props.created >= before - dt.timedelta(seconds=1)
    assert props.modified >= before - dt.timedelta(seconds=1)
    assert "python-pptx" not in (props.author + props.last_modified_by + props.comments)


def test_formula_like_labels_stay_text_in_the_chart_workbook():
    import openpyxl
    import pandas as pd

    from storykit.model import Assignment, Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05"] * 2), "person": ["A", "B"],
                          "activity": ["=HYPERLINK(\"http://x\")", "Customer tickets"], "hours": [3.0, 5.0],
                          "file": "x.csv", "sheet": None, "row": [2, 3]})
    log = TimeLog(frame, (Source("x.csv", "generic", None, 1, 2, {}, "activity", 1.0),))
    project = sk.Project(assignments={"=HYPERLINK(\"http://x\")": Assignment("=EVIL()", "other_team")})
    prs = Presentation(io.BytesIO(sk.build_deck(sk.build_story(log, project))))
    chart = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    wb = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    cells = [c for row in wb.active.iter_rows() for c in row if c.value is not None]
    assert any(c.value == "=EVIL()" for c in cells)
    assert all(c.data_type != "f" for c in cells)
