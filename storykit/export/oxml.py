"""The package and XML details python-pptx has no API for, kept in one place.

Opening a brand template (.potx too) and emptying it, reading its theme, choosing a layout by
type, alt text and reading order, a chart's plot area, truthful document properties, and
plain-text (never formula) cells in the embedded chart workbooks.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pptx.chart.xlsx as chart_xlsx
from defusedxml import ElementTree as SafeET
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame

from storykit import limits
from storykit.errors import ReadError

_LOCK = threading.Lock()  # the patch below is process-wide; decks are built one at a time
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PRESENTATION_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# A template or a slide show is a presentation with another label on its main part.
OTHER_MAIN_CT = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
)
MACRO_CT = b"macroEnabled"
FOOTER_KINDS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
TITLE_KINDS = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


# -- brand templates ------------------------------------------------------------------------

def _not_pptx(name: str, why: str) -> ReadError:
    return ReadError(f"this is not a PowerPoint template we can use: {why}", file=name,
                     hint="Upload a .pptx or .potx saved from PowerPoint (File > Save As)")


def _not_a_package(name: str, data: bytes) -> ReadError:
    """Why a template is not a zip package: damaged, an old .ppt, or something else altogether."""
    from storykit import cfb

    if data[:2] == b"PK":
        return ReadError("the template is damaged: it starts like a .pptx (a zip) but is not a complete one "
                         "(truncated or corrupted)", file=name, hint="Download it again, or save it again from "
                                                                     "PowerPoint (File > Save As, .pptx or .potx)")
    if data[:8] == cfb.MAGIC:
        container = cfb.read_container(data)
        if container.damage:
            return ReadError(f"the template is damaged: it starts like an old Office file (.ppt), but "
                             f"{container.damage}", file=name, hint="Download it again")
        if "PowerPoint Document" in container.streams:
            return _not_pptx(name, "it is an old PowerPoint 97-2003 file (.ppt); open it in PowerPoint and save "
                                   "it as .pptx or .potx")
    return _not_pptx(name, "the file is not a zip package (.pptx and .potx files are)")


def open_template(data: bytes, name: str = "template"):  # type: ignore[no-untyped-def]
    """The template as a Presentation; a .potx or .ppsx is relabelled as a .pptx in memory."""
    buf = io.BytesIO(data)
    if not zipfile.is_zipfile(buf):
        raise _not_a_package(name, data)
    try:
        with zipfile.ZipFile(buf) as zin:
            types = zin.read("[Content_Types].xml")
            if MACRO_CT in types:
                raise _not_pptx(name, "it contains macros (.pptm/.potm); save it as .pptx or .potx")
            if PRESENTATION_CT not in types:
                if not any(ct in types for ct in OTHER_MAIN_CT):
                    raise _not_pptx(name, "it has no presentation inside (is it a Word or Excel file?)")
                data = _relabel(zin, types)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise _not_pptx(name, f"the package is damaged ({exc})") from None
    limits.check_size(name, data)  # size, zip directory, ratio and XML heads before python-pptx unpacks it
    limits.inspect_zip(name, data, "package")
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds on broken parts
        raise _not_pptx(name, f"PowerPoint parts could not be read ({type(exc).__name__})") from None


def _relabel(zin: zipfile.ZipFile, types: bytes) -> bytes:
    for ct in OTHER_MAIN_CT:
        types = types.replace(ct, PRESENTATION_CT)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, types if info.filename == "[Content_Types].xml" else zin.read(info))
    return out.getvalue()


def remove_slides(prs) -> None:  # type: ignore[no-untyped-def]
    """Drop the template's own slides, and the sections and custom shows that point at them."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        r_id = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(r_id)
    root = prs.part._element
    for show in root.findall(qn("p:custShowLst")):
        root.remove(show)
    for ext in root.xpath("./p:extLst/p:ext"):
        if any(etree.QName(child).localname == "sectionLst" for child in ext):
            ext.getparent().remove(ext)


def _colour(node) -> str | None:  # type: ignore[no-untyped-def]
    if node is None:
        return None
    for child in node:
        tag = child.tag.split("}")[-1]
        if tag == "srgbClr":
            return "#" + child.get("val", "")
        if tag == "sysClr" and child.get("lastClr"):
            return "#" + child.get("lastClr", "")
    return None


def theme(prs) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """The template theme's colours (dk1, dk2, accent1, as '#RRGGBB') and fonts (major, minor); {} if unreadable."""
    try:
        part = prs.slide_master.part.part_related_by(RT.THEME)
        root = SafeET.fromstring(part.blob)
    except Exception:  # no theme or an unreadable one: keep our own look
        return {}
    ns = {"a": A}
    found: dict[str, str | None] = {}
    scheme = root.find(".//a:clrScheme", ns)
    if scheme is not None:
        for key in ("dk1", "dk2", "accent1"):
            found[key] = _colour(scheme.find(f"a:{key}", ns))
    for key, font in (("major", "majorFont"), ("minor", "minorFont")):
        latin = root.find(f".//a:fontScheme/a:{font}/a:latin", ns)
        found[key] = latin.get("typeface") if latin is not None else None
    return found


def pick_layout(prs):  # type: ignore[no-untyped-def]
    """A title-only layout (or blank), found by its type and placeholders, never by its index or name."""
    layouts = list(prs.slide_layouts)

    def kinds(layout) -> set:  # type: ignore[no-untyped-def]
        return {ph.placeholder_format.type for ph in layout.placeholders} - set(FOOTER_KINDS)

    for wanted in ("titleOnly", "blank"):
        for layout in layouts:
            if layout._element.get("type") == wanted:
                return layout
    for layout in layouts:
        if kinds(layout) and kinds(layout) <= set(TITLE_KINDS):
            return layout
    for layout in layouts:
        if not kinds(layout):
            return layout
    return min(layouts, key=lambda layout: len(kinds(layout)))


def set_slide_size_type(prs) -> None:  # type: ignore[no-untyped-def]
    """The default template says 'screen4x3' even after we resize it; state no preset instead."""
    size = prs.part._element.find(qn("p:sldSz"))
    if size is not None and "type" in size.attrib:
        del size.attrib["type"]


# -- shapes ---------------------------------------------------------------------------------

def remove_shape(shape) -> None:  # type: ignore[no-untyped-def]
    """Take a shape (a layout's placeholder we do not use) off its slide."""
    shape._element.getparent().remove(shape._element)


def remove_runs(paragraph) -> None:  # type: ignore[no-untyped-def]
    """Empty a paragraph of its runs (a placeholder's prompt text), keeping its properties."""
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)


def move_to_front(slide, shape) -> None:  # type: ignore[no-untyped-def]
    """First in the shape tree: screen readers read shapes in tree order, so the title leads."""
    tree = slide.shapes._spTree
    el = shape._element
    tree.remove(el)
    tree.insert(2, el)  # after nvGrpSpPr and grpSpPr


def hide_label(point) -> None:  # type: ignore[no-untyped-def]
    """No data label on this one point (a segment too thin to hold its number), the rest of its series keeps
    theirs: python-pptx can only restyle a point's label, not delete it."""
    d_lbl = point.data_label._get_or_add_dLbl()
    for child in list(d_lbl):
        if child.tag != qn("c:idx"):
            d_lbl.remove(child)
    etree.SubElement(d_lbl, qn("c:delete")).set("val", "1")


def name_every(axis, every: int) -> None:  # type: ignore[no-untyped-def]
    """Name every `every`-th category (c:tickLblSkip), each label with that many columns' room: python-pptx has
    no API for it."""
    element = axis._element
    for old in element.findall(qn("c:tickLblSkip")):
        element.remove(old)
    skip = etree.Element(qn("c:tickLblSkip"))
    skip.set("val", str(every))
    after = next((element.find(qn(t)) for t in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
                  if element.find(qn(t)) is not None), None)
    if after is None:
        element.append(skip)
    else:
        after.addprevious(skip)


def set_alt_text(frame: GraphicFrame, text: str, title: str = "") -> None:
    c_nv_pr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    c_nv_pr.set("descr", safe_text(text))
    if title:
        c_nv_pr.set("title", title)


@dataclass(frozen=True)
class PlotArea:
    """The inner plot area as fractions of the chart frame."""

    x: float
    y: float
    w: float
    h: float


def set_plot_area(chart, area: PlotArea) -> None:  # type: ignore[no-untyped-def]
    """Fix where the bars are drawn, so labels we place beside them line up."""
    plot = chart._chartSpace.find(".//" + qn("c:plotArea"))
    for old in plot.findall(qn("c:layout")):
        plot.remove(old)
    c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    xml = (f'<c:layout xmlns:c="{c}"><c:manualLayout><c:layoutTarget val="inner"/>'
           '<c:xMode val="edge"/><c:yMode val="edge"/>'
           f'<c:x val="{area.x}"/><c:y val="{area.y}"/><c:w val="{area.w}"/><c:h val="{area.h}"/>'
           "</c:manualLayout></c:layout>")
    plot.insert(0, etree.fromstring(xml))


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


def safe_text(text: str) -> str:
    """Slide text: line breaks kept, other control characters (which XML forbids) dropped."""
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")


# -- document properties --------------------------------------------------------------------

def clear_core_properties(props) -> None:  # type: ignore[no-untyped-def]
    """Forget every property the template carried (title, author, keywords, last printed...)."""
    for child in list(props._element):
        props._element.remove(child)


def write_app_properties(prs) -> None:  # type: ignore[no-untyped-def]
    """docProps/app.xml that says what this file is, not what the template was."""
    part = next((p for p in prs.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml"), None)
    titles = [safe_text(s.shapes.title.text_frame.text) if s.shapes.title is not None else "" for s in prs.slides]
    ratio = prs.slide_width / prs.slide_height
    fmt = "Widescreen" if abs(ratio - 16 / 9) < 0.01 else "On-screen Show (4:3)" if abs(ratio - 4 / 3) < 0.01 else "Custom"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        f'xmlns:vt="{vt}"><TotalTime>0</TotalTime><Application>storykit</Application>'
        f"<PresentationFormat>{fmt}</PresentationFormat><Slides>{len(titles)}</Slides>"
        f"<Notes>{sum(1 for s in prs.slides if s.has_notes_slide)}</Notes><HiddenSlides>0</HiddenSlides><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Slide Titles</vt:lpstr>'
        f"</vt:variant><vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(titles)}" baseType="lpstr">'
        + "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in titles)
        + "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    if part is not None:
        part._blob = xml.encode("utf-8")


def drop_thumbnail(prs) -> None:  # type: ignore[no-untyped-def]
    """The template's preview picture shows the template, not this deck: leave it out."""
    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(r_id)
