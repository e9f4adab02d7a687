"""Make brand templates like the ones users upload, in memory, with python-pptx.

Each differs from our default in every way a brand can: fonts (Georgia headings, Verdana
body, which fontconfig draws with wider stand-ins), theme colours (a teal accent, a navy
dark), layout names (German, reordered so the title-only layout is not where python-pptx's
default keeps it), a decorated master, leftover slides and properties, 4:3 or 16:9, and
.potx or .pptx packaging.

    python tests/make_brand_template.py out.potx [--wide]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
BRAND_ACCENT = "00857C"
BRAND_DARK = "1B2A4A"
TITLE_FONT, BODY_FONT = "Georgia", "Verdana"
LAYOUT_NAMES = {  # type -> a name no code could guess from
    "title": "Brand – Titelfolie", "titleOnly": "Nur Überschrift (Marke)", "blank": "Leer",
    "obj": "Inhalt Marke", "secHead": "Kapitel",
}
TEMPLATE_TEXT = "Brand template placeholder slide - delete me"
TEMPLATE_AUTHOR = "Brand Studio GmbH"
POTX_CT = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _theme(prs) -> None:  # type: ignore[no-untyped-def]
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    ns = {"a": A}
    for key, value in (("accent1", BRAND_ACCENT), ("dk2", BRAND_DARK), ("accent2", "7FB8B3")):
        node = root.find(f".//a:clrScheme/a:{key}", ns)
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}srgbClr", val=value)
    root.find(".//a:fontScheme/a:majorFont/a:latin", ns).set("typeface", TITLE_FONT)
    root.find(".//a:fontScheme/a:minorFont/a:latin", ns).set("typeface", BODY_FONT)
    root.find(".//a:clrScheme", ns).set("name", "Brand colours")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layouts(prs) -> None:  # type: ignore[no-untyped-def]
    master = prs.slide_master
    for layout in master.slide_layouts:
        kind = layout._element.get("type")
        layout._element.cSld.set("name", LAYOUT_NAMES.get(kind, f"Marke {kind}"))
    id_list = master._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst")
    ids = list(id_list)
    for el in ids:
        id_list.remove(el)
    for el in ids[3:] + ids[:3]:  # rotated: title-only is no longer at index 5
        id_list.append(el)


def _master(prs, scratch) -> None:  # type: ignore[no-untyped-def]
    """A thin brand band along the bottom edge, as brand masters have (drawn on a slide, moved over)."""
    master = prs.slide_master
    w, h = prs.slide_width, prs.slide_height
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Emu(int(h * 0.985)), w, Emu(h - int(h * 0.985)))
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string(BRAND_ACCENT)
    band.line.fill.background()
    band.name = "Brand band"
    band._element.nvSpPr.cNvPr.set("id", "900")
    master.shapes._spTree.append(band._element)
    title_style = master._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}titleStyle")
    lvl1 = title_style.find(f"{{{A}}}lvl1pPr")
    rpr = lvl1.find(f"{{{A}}}defRPr")
    for fill in rpr.findall(f"{{{A}}}solidFill"):
        rpr.remove(fill)
    fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=BRAND_DARK)
    rpr.insert(0, fill)


def brand_template(wide: bool = False, potx: bool = True) -> bytes:
    """A brand template's bytes: 4:3 .potx by default, 16:9 with wide=True."""
    prs = Presentation()
    if wide:
        prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    _theme(prs)
    layout = next(iter(prs.slide_layouts))
    slide = prs.slides.add_slide(layout)
    _master(prs, slide)
    _layouts(prs)
    box = slide.shapes.add_textbox(Emu(914400), Emu(914400), Emu(5486400), Emu(914400))
    box.text_frame.text = TEMPLATE_TEXT
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "Brand master deck", TEMPLATE_AUTHOR, TEMPLATE_AUTHOR
    props.keywords, props.category, props.comments = "brand, confidential", "Corporate identity", "Do not share"
    props.last_printed = dt.datetime(2020, 1, 2, 3, 4, 5)
    props.created = dt.datetime(2019, 5, 6, 7, 8, 9)
    out = io.BytesIO()
    prs.save(out)
    return _as_potx(out.getvalue()) if potx else out.getvalue()


def _as_potx(data: bytes) -> bytes:
    """PowerPoint's template packaging: the same parts with the template content type."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(PPTX_CT, POTX_CT)
            dst.writestr(info.filename, blob)
    return out.getvalue()


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "brand.potx"
    wide = "--wide" in sys.argv
    with open(target, "wb") as fh:
        fh.write(brand_template(wide=wide, potx=target.endswith(".potx")))
    print(f"wrote {target}")
