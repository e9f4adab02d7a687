"""Render test: every deck as LibreOffice draws it (PDF, then PNG), checked word by word.

For each deck in deck_cases (every sample with our design and with a brand template, and the
stress stories: long German titles, CJK names, twelve owners), LibreOffice converts the .pptx
to PDF; pdftotext -bbox gives every drawn word's box, pdftoppm a PNG of every slide (kept in
tests/artefacts/render/ to look at). Then, per slide:
- every word lies on the slide and inside the box of a shape (no text spilled out);
- every text shape's characters are drawn inside its own box (nothing overflowed or clipped);
- the chart is drawn: its labels inside the chart frame and its bars in the accent colour.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from storykit.export.geometry import EMU_PER_PT
from tests.conftest import require_tool
from tests.deck_cases import Case, all_cases

pytestmark = pytest.mark.render
DPI = 60
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]
    png: Path


@dataclass(frozen=True)
class Rect:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float  # the largest font size in the shape, pt (0 for charts and tables)
    kind: str  # text, chart, table

    def holds(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.y0 - pad <= y <= self.y1 + pad

    def contains(self, w: Word, pad: float) -> bool:
        return (w.x0 >= self.x0 - pad and w.x1 <= self.x1 + pad
                and w.y0 >= self.y0 - pad and w.y1 <= self.y1 + pad)


def _chars(text: str) -> Counter:
    return Counter(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _pt(v: Emu) -> float:
    return v / EMU_PER_PT


def _rects(slide) -> list[Rect]:  # type: ignore[no-untyped-def]
    out = []
    for s in slide.shapes:
        kind = "chart" if s.has_chart else "table" if getattr(s, "has_table", False) and s.has_table else "text"
        text, size = "", 0.0
        if kind == "text" and s.has_text_frame:
            text = s.text_frame.text
            sizes = [r.font.size.pt for p in s.text_frame.paragraphs for r in p.runs if r.font.size]
            size = max(sizes, default=18.0)
        out.append(Rect(s.name, _pt(s.left), _pt(s.top), _pt(s.left + s.width), _pt(s.top + s.height), text, size,
                        kind))
    return out


def render(decks: dict[str, bytes], out: Path, profile: Path) -> dict[str, list[Page]]:
    """Write the decks, convert them all in one LibreOffice run, and read back words and pictures."""
    soffice = require_tool("soffice")
    pdftoppm = require_tool("pdftoppm")
    pdftotext = require_tool("pdftotext")
    for name, deck in decks.items():
        (out / f"{name}.pptx").write_bytes(deck)
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *sorted(str(out / f"{n}.pptx") for n in decks)],
                   check=True, capture_output=True, timeout=600)
    jobs = []
    for name in decks:
        pdf = out / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}.pptx"
        jobs.append([pdftoppm, "-png", "-r", str(DPI), str(pdf), str(out / name)])
        jobs.append([pdftotext, "-bbox", str(pdf), str(out / f"{name}.bbox.html")])
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda cmd: subprocess.run(cmd, check=True, timeout=120), jobs))
    result = {}
    for name in decks:
        bbox = out / f"{name}.bbox.html"
        pngs = sorted(out.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        pages = []
        for (w, h, body), png in zip(_PAGE.findall(bbox.read_text()), pngs, strict=True):
            words = tuple(Word(html.unescape(t), float(a), float(b), float(c), float(d))
                          for a, b, c, d, t in _WORD.findall(body))
            pages.append(Page(float(w), float(h), words, png))
        result[name] = pages
    return result


@pytest.fixture(scope="module")
def rendered(artefacts, tmp_path_factory) -> dict[str, tuple[Case, list[Page]]]:
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # each xdist worker renders into its own folder
    out = artefacts / ("render" if worker is None else f"render-{worker}")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cases = {c.id: c for c in all_cases()}
    profile = tmp_path_factory.mktemp("lo-profile")  # its own profile: parallel runs don't clash
    pages = render({cid: c.deck for cid, c in cases.items()}, out, profile)
    return {cid: (cases[cid], pages[cid]) for cid in cases}


def overflow_problems(deck: bytes, pages: list[Page]) -> list[str]:
    """Every word drawn off the slide, outside every shape, or outside its own shape; every lost character."""
    prs = Presentation(io.BytesIO(deck))
    problems = []
    for n, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        rects = _rects(slide)
        for w in page.words:
            if w.x0 < -1 or w.y0 < -1 or w.x1 > page.width + 1 or w.y1 > page.height + 1:
                problems.append(f"slide {n}: {w.text!r} is off the slide")
            owners = [r for r in rects if r.holds(*w.centre, pad=1)]
            if not owners:
                problems.append(f"slide {n}: {w.text!r} at ({w.x0:.0f},{w.y0:.0f}) is outside every shape")
                continue
            # a word belongs to its shape and must lie inside it, up to the font's ascent and descent
            if not any(r.contains(w, pad=2 + 0.3 * r.size) for r in owners):
                problems.append(f"slide {n}: {w.text!r} spills out of {owners[0].name!r}")
        for r in rects:
            if r.kind != "text" or not r.text.strip():
                continue
            drawn: Counter = Counter()
            for w in page.words:
                if r.holds(*w.centre, pad=1):
                    drawn += _chars(w.text)
            missing = _chars(r.text) - drawn
            if missing:
                problems.append(f"slide {n}: {r.name!r} lost {''.join(sorted(missing.elements()))!r}: "
                                "overflowed or clipped")
    return problems


CASE_IDS = [c.id for c in all_cases()]


@pytest.mark.parametrize("cid", CASE_IDS)
def test_every_slide_is_drawn_at_its_size(rendered, cid):
    case, pages = rendered[cid]
    prs = Presentation(io.BytesIO(case.deck))
    assert len(pages) == len(prs.slides)
    for page in pages:
        assert page.width == pytest.approx(_pt(prs.slide_width), abs=1)
        assert page.height == pytest.approx(_pt(prs.slide_height), abs=1)


@pytest.mark.parametrize("cid", CASE_IDS)
def test_no_text_overflows_its_slide_or_its_box(rendered, cid):
    case, pages = rendered[cid]
    problems = overflow_problems(case.deck, pages)
    assert problems == [], "\n".join(problems)


def test_the_check_catches_text_that_overflows(tmp_path):
    """Not vacuous: a title forced to 54 pt and points at 40 pt must be reported."""
    from pptx.util import Pt

    case = all_cases()[0]
    prs = Presentation(io.BytesIO(case.deck))
    for shape in prs.slides[0].shapes:
        for p in shape.text_frame.paragraphs if shape.has_text_frame else ():
            for r in p.runs:
                r.font.size = Pt(54 if shape.name == "Title" else 40 if shape.name == "Points" else r.font.size.pt)
    buf = io.BytesIO()
    prs.save(buf)
    pages = render({"sabotaged": buf.getvalue()}, tmp_path, tmp_path / "profile")["sabotaged"]
    problems = overflow_problems(buf.getvalue(), pages)
    assert any("'Title'" in p for p in problems)
    assert any("'Points'" in p for p in problems)
    assert all(p.startswith("slide 1:") for p in problems)


def _accent_pixels(png: Path, rect: Rect, accent: str) -> int:
    from PIL import Image

    target = tuple(int(accent.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    scale = DPI / 72
    with Image.open(png) as im:
        crop = im.convert("RGB").crop((int(rect.x0 * scale), int(rect.y0 * scale),
                                       int(rect.x1 * scale), int(rect.y1 * scale)))
        data = crop.tobytes()
    return sum(1 for i in range(0, len(data), 3)
               if all(abs(data[i + k] - target[k]) <= 24 for k in range(3)))


@pytest.mark.parametrize("cid", CASE_IDS)
def test_each_act_slide_has_its_chart_drawn(rendered, cid):
    from storykit.export import oxml
    from storykit.export.brand import Brand, from_theme

    case, pages = rendered[cid]
    prs = Presentation(io.BytesIO(case.deck))
    accent = from_theme(oxml.theme(prs), Brand()).accent if case.options.template else Brand().accent
    for n, (slide, page, act) in enumerate(zip(prs.slides, pages, case.story.acts, strict=False), start=1):
        charts = [r for r in _rects(slide) if r.kind == "chart"]
        assert len(charts) == 1, f"slide {n} has {len(charts)} charts"
        chart = charts[0]
        inside = Counter()
        for w in page.words:
            if chart.holds(*w.centre):
                inside += _chars(w.text)
        labels = [c for c in act.chart.categories if not (_chars(c) - inside)]
        assert labels, f"slide {n}: no category label of the chart was drawn"
        assert _accent_pixels(page.png, chart, accent) > 200, f"slide {n}: no accent-coloured bars drawn"


def test_the_pictures_are_kept_to_look_at(rendered, artefacts):
    pngs = [page.png for _, pages in rendered.values() for page in pages]
    assert all(p.exists() and p.parent.parent == artefacts for p in pngs)
    assert len(pngs) >= 3 * len(CASE_IDS)


def test_a_bar_of_minutes_a_week_reads_as_the_app_shows_it_never_zero(tmp_path):
    """An owner of 15 minutes in two weeks (0.003 FTE): LibreOffice draws the deck's labels as the app's chart
    prints them, '<0.01' for that bar, not '0.00' beside a bar that is there."""
    import storykit as sk
    from storykit.charts import to_figure
    from tests.test_metrics import ROWS, tiny_log

    rows = [(*r[:3], 0.25 if r[2] == "Invoice queries" else r[3] * 10) for r in ROWS]  # a team of some people: FTE
    story = sk.build_story(tiny_log(rows), sk.Project())
    deck = sk.build_deck(story)
    page = render({"minutes": deck}, tmp_path, tmp_path / "profile")["minutes"][0]
    chart = next(r for r in _rects(Presentation(io.BytesIO(deck)).slides[0]) if r.kind == "chart")
    drawn = [w.text for w in sorted(page.words, key=lambda w: w.y0) if chart.holds(*w.centre)
             and re.fullmatch(r"<?[\d.,]+", w.text)]
    assert drawn == list(to_figure(story.acts[0].chart).data[0].text)
    assert "<0.01" in drawn


def _act_three_stories() -> dict[str, object]:
    """Act 3 with no other teams' work: all of it ours (the rule to keep it so), and most of it with no owner yet
    (agree the owners first, the largest labels first)."""
    import storykit as sk
    from tests.test_metrics import tiny_log

    own = [("2026-01-05", "Ann", "Customer tickets", 30.0), ("2026-01-06", "Bob", "Team meeting", 6.0),
           ("2026-01-12", "Ann", "Customer tickets", 28.0)]
    open_labels = [("2026-01-07", "Bob", f"Project {c}", h) for c, h in zip("ABCD", (20.0, 9.0, 5.0, 1.5), strict=True)]
    return {"all-own": sk.build_story(tiny_log(own), sk.Project()),
            "owners-first": sk.build_story(tiny_log(own + open_labels), sk.Project())}


def test_act_three_with_nothing_to_hand_back_draws_its_own_chart_as_the_app_does(tmp_path):
    """No other teams' work: act 3 drew two identical columns ('Today', 'Next quarter'). Now what the rule keeps
    ours beside the zero it holds, or the open time as its owners are agreed; LibreOffice draws every column's
    name and the same numbers the app's chart prints, and nothing spills out of the slide."""
    import storykit as sk
    from storykit.charts import to_figure

    stories = _act_three_stories()
    decks = {name: sk.build_deck(story) for name, story in stories.items()}  # type: ignore[arg-type]
    pages = render(decks, tmp_path, tmp_path / "profile")
    for name, story in stories.items():
        act3 = story.acts[2]  # type: ignore[attr-defined]
        columns = {tuple(s.values[i] for s in act3.chart.series) for i in range(len(act3.chart.categories))}
        assert len(columns) == len(act3.chart.categories) >= 2, name  # no column repeats another
        page = pages[name][2]
        assert overflow_problems(decks[name], pages[name]) == []
        chart = next(r for r in _rects(Presentation(io.BytesIO(decks[name])).slides[2]) if r.kind == "chart")
        inside = [w for w in page.words if chart.holds(*w.centre)]
        drawn = Counter(w.text for w in inside)
        assert not [c for c in act3.chart.categories if _chars(c) - sum((_chars(w.text) for w in inside), Counter())]
        app = Counter(t for trace in to_figure(act3.chart).data for t in trace.text if t)
        assert app and not app - drawn, (name, app, drawn)  # every number the app prints, the deck draws
