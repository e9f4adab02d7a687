"""Brand templates: the deck takes the template's master, a title-only layout found by type, its
theme colours and fonts, drops its slides and properties, and refuses what is not a template."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation

import storykit as sk
from storykit.export.oxml import pick_layout
from tests.conftest import SAMPLES
from tests.deck_cases import SAMPLE_FILES, sample_project
from tests.make_brand_template import (
    BODY_FONT,
    BRAND_ACCENT,
    BRAND_DARK,
    LAYOUT_NAMES,
    TEMPLATE_AUTHOR,
    TEMPLATE_TEXT,
    TITLE_FONT,
    brand_template,
)


def branded(name: str = "toggl_support_team.csv", wide: bool = False, potx: bool = True,
            project: sk.Project | None = None) -> tuple[sk.Story, bytes]:
    story = sk.build_story(sk.load(SAMPLES / name), project or sample_project())
    options = sk.DeckOptions(template=brand_template(wide=wide, potx=potx), template_name="brand.potx")
    return story, sk.build_deck(story, options)


@pytest.mark.parametrize(("wide", "potx"), [(False, True), (True, False)], ids=["4x3-potx", "16x9-pptx"])
def test_the_template_size_master_and_title_only_layout_are_used(wide, potx):
    template = Presentation(io.BytesIO(brand_template(wide=wide, potx=False)))
    story, deck = branded(wide=wide, potx=potx)
    prs = Presentation(io.BytesIO(deck))
    assert (prs.slide_width, prs.slide_height) == (template.slide_width, template.slide_height)
    assert len(prs.slides) == 3
    for slide, act in zip(prs.slides, story.acts, strict=True):
        assert slide.slide_layout._element.get("type") == "titleOnly"
        assert slide.slide_layout.name == LAYOUT_NAMES["titleOnly"]
        assert slide.shapes.title.text_frame.text == act.title
        for shape in slide.shapes:  # laid out relative to this slide size
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height
    assert any(s.name == "Brand band" for s in prs.slide_master.shapes)


def test_layout_is_found_by_type_not_by_position_or_name():
    prs = Presentation(io.BytesIO(brand_template(potx=False)))
    assert list(prs.slide_layouts).index(pick_layout(prs)) != 5  # python-pptx's default position
    assert pick_layout(prs)._element.get("type") == "titleOnly"
    titled = next(lay for lay in prs.slide_layouts if lay._element.get("type") == "titleOnly")
    titled._element.set("type", "cust")  # no title-only layout: blank is next
    assert pick_layout(prs)._element.get("type") == "blank"


def test_theme_colours_and_fonts_are_used():
    _, deck = branded()
    prs = Presentation(io.BytesIO(deck))
    chart = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    colours = set(re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', chart._chartSpace.xml))
    assert BRAND_ACCENT in colours and "D9480F" not in colours
    stacked = next(s for s in prs.slides[2].shapes if s.has_chart).chart
    assert BRAND_DARK in set(re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', stacked._chartSpace.xml))
    for slide in prs.slides:
        title_fonts = {r.font.name for p in slide.shapes.title.text_frame.paragraphs for r in p.runs}
        assert title_fonts == {TITLE_FONT}
        points = next(s for s in slide.shapes if s.name == "Points")
        assert {r.font.name for p in points.text_frame.paragraphs for r in p.runs} == {BODY_FONT}


def test_the_templates_slides_and_properties_are_gone():
    story, deck = branded()
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        names = z.namelist()
        text = "\n".join(z.read(n).decode("utf-8", "replace") for n in names if n.endswith(".xml"))
    assert TEMPLATE_TEXT not in text
    assert TEMPLATE_AUTHOR not in text
    for leftover in ("Brand master deck", "confidential", "Corporate identity", "Do not share", "lastPrinted",
                     "2019-05-06"):
        assert leftover not in text
    assert sum(1 for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)) == 3
    props = Presentation(io.BytesIO(deck)).core_properties
    assert props.title == story.title and props.author == "Customer Support lead"


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_builds_with_the_brand_template(name):
    story, deck = branded(name)
    prs = Presentation(io.BytesIO(deck))
    assert [s.shapes.title.text_frame.text for s in prs.slides] == list(story.titles)
    assert all(sum(1 for sh in s.shapes if sh.has_chart) == 1 for s in prs.slides)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    return out.getvalue()


DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.wordprocessingml.document.main+xml"/></Types>')
PPTX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.presentationml.presentation.main+xml"/></Types>')


@pytest.mark.parametrize(("data", "why"), [
    (b"Date,Person,Hours\n2026-01-05,A,3\n", "not a zip"),
    (b"", "not a zip"),
    (_zip({"hello.txt": b"hi"}), "damaged"),
    (_zip({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w/>"}), "no presentation"),
    (_zip({"[Content_Types].xml": PPTX_TYPES}), "could not be read"),
    (_zip({"[Content_Types].xml": PPTX_TYPES.replace(b"presentation.main", b"presentation.macroEnabled.main")}),
     "macros"),
], ids=["csv-bytes", "empty", "zip-without-parts", "word-file", "pptx-without-parts", "macro-enabled"])
def test_what_is_not_a_template_gets_a_clear_error(data, why):
    story = sk.build_story(sk.load(SAMPLES / "toggl_support_team.csv"), sample_project())
    with pytest.raises(sk.StoryKitError) as err:
        sk.build_deck(story, sk.DeckOptions(template=data, template_name="logo.png"))
    message = str(err.value)
    assert message.startswith("logo.png: ") and why in message and ".potx" in message
