"""Story -> .pptx bytes: three slides with native editable charts, speaker notes, true properties.

We lay the slides out ourselves, relative to the slide size (python-pptx's default template is
4:3 and its placeholders do not move with the slide size; a brand template may be 16:9 or 4:3),
and size every text to its box with real font metrics (fit.py). With a brand template the deck
takes its slide master, a title-only layout, its theme colours and fonts; without one it uses
our palette (grey plus one accent) in Calibri. Everything drawn comes from the Story.

    geometry.py  where things sit     brand.py  colours and fonts    text.py  fitted text, notes
    chart.py     ChartSpec -> chart   slides.py one act's slide      appendix.py  the tables
    oxml.py      the XML python-pptx has no API for                  fit.py   font metrics
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation

from storykit.export import oxml
from storykit.export.appendix import add_appendix
from storykit.export.brand import Brand, from_theme
from storykit.export.geometry import EMU_PER_PT, WIDE, Layout
from storykit.export.options import DeckOptions
from storykit.export.slides import act_slide
from storykit.narrative.story import Story

COMMENTS = "Made with storykit from the team's time logs."


def build_deck(story: Story, options: DeckOptions | None = None) -> bytes:
    """The deck's bytes: the three acts, then the story's appendix tables if `options.appendix`."""
    options = options or DeckOptions()
    if options.template is not None:
        prs = oxml.open_template(options.template, options.template_name)
        oxml.remove_slides(prs)
        brand = from_theme(oxml.theme(prs), Brand(from_template=True))
    else:
        prs = Presentation()
        prs.slide_width, prs.slide_height = WIDE
        brand = Brand()
    oxml.set_slide_size_type(prs)
    layout_obj = oxml.pick_layout(prs)
    geo = Layout(prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    with oxml.plain_text_workbooks():
        for act in story.acts:
            act_slide(prs, layout_obj, act, story, geo, brand)
    if options.appendix:
        add_appendix(prs, layout_obj, story, geo, brand)
    now = options.now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _properties(prs, story, now)
    oxml.write_app_properties(prs)
    oxml.drop_thumbnail(prs)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _properties(prs, story: Story, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """Set what is true and clear everything else a template carried (its title, its author...)."""
    props = prs.core_properties
    oxml.clear_core_properties(props)
    props.title = oxml.safe_text(story.title)
    props.subject = oxml.safe_text(story.subject)
    props.author = oxml.safe_text(story.author)
    props.last_modified_by = oxml.safe_text(story.author)
    props.created = now
    props.modified = now
    props.revision = 1
    props.comments = COMMENTS
