"""The Story page where managers read it: a desktop, a tablet in portrait (820x1180), a phone (390x844).

At each size: nothing is wider than the window, every title and label is whole (no cut text, no
'...') and no chart's number is shrunk below 12 px, all seven steps are on screen, the slide cards stack (chart, then big number and points)
where they are narrow, and the sidebar starts collapsed below 1000 px. Screenshots of the window
and of the whole page go to tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import pytest

from pages import _layout
from tests.browser_session import shoot, wait_idle
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser
SIZES = {"desktop": (1400, 1000), "tablet": (820, 1180), "phone": (390, 844)}
STEPS = ("Open", "Upload", "Classify", "Settings", "Scenario", "Story", "Export")
HARVEST = "harvest_service_desk.csv"

WIDER_THAN_WINDOW = """() => {
  const w = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > w + 1 && getComputedStyle(e).visibility !== 'hidden';
  }).map(e => e.tagName + ' ' + (e.getAttribute('data-testid') || e.getAttribute('class') || '')).slice(0, 10);
  if (main.scrollWidth > main.clientWidth + 1) wide.push('the page scrolls sideways');
  return wide;
}"""

CUT_TEXT = """() => {
  const cut = [];
  for (const t of document.querySelectorAll('[class*="st-key-w_titles"] textarea'))
    if (t.scrollHeight > t.clientHeight + 1) cut.push('title: ' + t.value);
  for (const e of document.querySelectorAll('h1, h2, h3, h4, [data-testid="stMetricLabel"] *, '
                                            + '[data-testid="stMarkdownContainer"] strong, a[data-testid="stPageLink-NavLink"] span'))
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible') cut.push(e.textContent);
  for (const e of document.querySelectorAll('[data-testid="stMain"] *'))  // anything that ends in '...'
    if (getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim())
      cut.push(e.textContent);
  for (const e of document.querySelectorAll('[data-testid="stMain"] input[role="combobox"]'))  // a choice shown
    if (e.scrollWidth > e.clientWidth + 1) cut.push('choice: ' + e.value);
  const pen = document.createElement('canvas').getContext('2d');  // an empty box's hint, measured in its font
  for (const e of document.querySelectorAll('[data-testid="stMain"] input[placeholder]')) {
    const s = getComputedStyle(e);
    pen.font = s.font;
    const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (!e.value && e.placeholder && pen.measureText(e.placeholder).width > room + 1) cut.push('hint: ' + e.placeholder);
  }
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const box = chart.querySelector('svg.main-svg').getBoundingClientRect();
    for (const a of chart.querySelectorAll('.annotation-text, .xtick text, .ytick text, .textpoint text')) {
      const r = a.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) cut.push('chart: ' + a.textContent);
    }
  }
  return cut;
}"""

OVERLAPPING = """() => {
  const out = [];  // a chart's labels drawn over each other: the series names beside a stacked column
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const boxes = [...chart.querySelectorAll('.annotation-text')].map(a => [a.textContent, a.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [ta, a] = boxes[i], [tb, b] = boxes[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          out.push(ta + ' over ' + tb);
      }
  }
  return out;
}"""

SHRUNK = """() => [...document.querySelectorAll('.js-plotly-plot text.bartext, .js-plotly-plot .textpoint text')]
  .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)
             * parseFloat(((t.getAttribute('transform') || '').match(/scale\\(([\\d.]+)/) || [0, 1])[1])])
  .filter(([text, px]) => text && px < 12)  // plotly scaled a thin segment's '0.4' to 9 px; the deck never does
  .map(([text, px]) => text + ' at ' + px.toFixed(1) + ' px')"""

LAYOUT = """() => {
  const cards = [...document.querySelectorAll('[class*="st-key-slide-story-"]')];
  return {
    sidebar: document.querySelector('[data-testid="stSidebar"]').dataset.collapsed,
    steps: [...document.querySelectorAll('.st-key-steps a')].map(a => {
      const r = a.getBoundingClientRect();
      return [a.textContent.trim().replace(/^[a-z_]+/, ''), r.left >= 0 && r.right <= document.documentElement.clientWidth && r.height > 0];
    }),
    cards: cards.map(c => {
      const chart = c.querySelector('[data-testid="stPlotlyChart"]').getBoundingClientRect();
      const number = c.querySelector('[data-testid="stMetric"]').getBoundingClientRect();
      return {stacked: chart.bottom <= number.top, beside: chart.right <= number.left};
    }),
  };
}"""


def _opened(browser, app_url: str, size: str, step: str):  # type: ignore[no-untyped-def]
    """A new page at one of SIZES, on `step`, drawn and idle."""
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(60_000)
    page.goto(f"{app_url}/{step.lower()}")
    page.get_by_role("heading", name=step, exact=True).wait_for()
    wait_idle(page)
    return page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}-{SIZES[s][0]}x{SIZES[s][1]}")
def test_the_story_page_reads_whole_at_every_size(app_url, browser, artefacts, size):
    width, height = SIZES[size]
    page = _opened(browser, app_url, size, "Story")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 3")
    page.wait_for_timeout(500)  # the sidebar's collapse animation
    shoot(page, artefacts, f"story-{width}x{height}")
    shoot(page, artefacts, f"story-{width}x{height}-whole", whole=True)

    assert page.evaluate(WIDER_THAN_WINDOW) == []
    assert page.evaluate(CUT_TEXT) == []
    assert page.evaluate(OVERLAPPING) == []
    assert page.evaluate(SHRUNK) == []
    layout = page.evaluate(LAYOUT)
    assert [name for name, _ in layout["steps"]] == [f"{i}. {t}" for i, t in enumerate(STEPS, 1)]
    assert all(on_screen for _, on_screen in layout["steps"]), layout["steps"]
    assert layout["sidebar"] == ("true" if width < _layout.NARROW else "false")
    assert len(layout["cards"]) == 3
    if size == "desktop":
        assert all(card["beside"] for card in layout["cards"]), layout["cards"]
    else:
        assert all(card["stacked"] for card in layout["cards"]), layout["cards"]
    page.close()


@pytest.mark.parametrize("size", ["tablet", "phone"], ids=lambda s: f"{s}-{SIZES[s][0]}x{SIZES[s][1]}")
def test_every_step_with_a_users_export_reads_whole_on_a_tablet_and_a_phone(app_url, browser, artefacts, size):
    width, height = SIZES[size]
    page = _opened(browser, app_url, size, "Upload")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(SAMPLES / HARVEST))
    page.get_by_text("Harvest, detailed time").wait_for()
    problems = {}
    for n, step in enumerate(STEPS, 1):
        page.get_by_role("link", name=f"{n}. {step}").first.click()
        page.get_by_role("heading", name=step, exact=True).wait_for()
        wait_idle(page)
        shoot(page, artefacts, f"{width}x{height}-{n}-{step.lower()}", whole=True)
        wide, cut, over = page.evaluate(WIDER_THAN_WINDOW), page.evaluate(CUT_TEXT), page.evaluate(OVERLAPPING)
        if wide or cut or over:
            problems[step] = {"wider than the window": wide, "cut": cut, "overlapping": over}
    assert problems == {}
    page.close()


BROKEN_WORDS = """() => {
  // Where each line of the sidebar's 'Data:' caption starts: the character before it must end a word part
  // (a space, ',', '_', '-', '.'); a break after any other character cut a word in two.
  const caption = [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
    .find(e => e.textContent.startsWith('Data:'));
  const chars = [];
  const walk = document.createTreeWalker(caption, NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());)
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box) chars.push([node.data[i], box.top]);
    }
  const starts = chars.flatMap(([c, top], i) => i > 0 && top > chars[i - 1][1] + 2 ? [chars[i - 1][0] + '|' + c] : []);
  return {text: caption.textContent, lines: starts.length + 1, cut: starts.filter(s => !' ,_-.'.includes(s[0]))};
}"""


def test_the_sidebar_wraps_long_file_names_between_their_words(app_url, browser, artefacts, tmp_path):
    """Exports are named 'team_timelog_hours_per_person_columns_soham06.csv': the sidebar broke it inside a word
    ('colum / ns'). It wraps after '_', '-' or '.', and the name reads as written."""
    name = "team_timelog_hours_per_person_columns_export-2026.detailed.csv"
    (tmp_path / name).write_bytes((SAMPLES / HARVEST).read_bytes())
    page = _opened(browser, app_url, "desktop", "Upload")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(tmp_path / name))
    page.get_by_text("Harvest, detailed time").wait_for()
    wait_idle(page)
    shoot(page, artefacts, "sidebar-long-file-name")
    caption = page.evaluate(BROKEN_WORDS)
    assert caption["text"] == f"Data: {name}"
    assert caption["lines"] > 1  # the name is wider than the sidebar: it wraps, and only between word parts
    assert caption["cut"] == []
    page.close()
