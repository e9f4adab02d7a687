"""How the app fits narrow screens (a tablet in portrait, a phone): CSS and one small script, set by app.py.

Streamlit only collapses its sidebar and stacks columns below 768 px and 640 px; a tablet in portrait
(820 px) got a 300 px sidebar, slide charts squeezed to slivers and titles cut. Here the slide cards
stack by their own width (a CSS container query), text grows to show all of itself, and the sidebar
starts collapsed below NARROW px.
"""

from __future__ import annotations

import streamlit as st

NARROW = 1000  # px of window width below which the sidebar starts collapsed
ONE_COLUMN_BELOW = 480  # px of a hand-back row's width below which it is one column (a phone)
STACK_BELOW = 760  # px of a card's width below which a slide stacks and a hand-back row goes two by two

CSS = f"""<style>
/* A slide card lays out by its own width: chart, then big number and points, when narrow; a team's
   hand-back row (name, share, stage, hours back) goes two by two, one by one on a phone, so its
   stage is never cut. */
[class*="st-key-slide-"], [class*="st-key-plan-"] {{ container-type: inline-size; }}
@container (max-width: {STACK_BELOW}px) {{
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stSlider"]) {{ flex-wrap: wrap; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stSlider"])
      > [data-testid="stColumn"] {{ min-width: calc(50% - 1rem) !important; }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stPlotlyChart"]) {{
    flex-direction: column; flex-wrap: nowrap;
  }}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stPlotlyChart"])
      > [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; min-width: 100% !important;
  }}
}}
@container (max-width: {ONE_COLUMN_BELOW}px) {{
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stSlider"])
      > [data-testid="stColumn"] {{ min-width: 100% !important; }}
}}
/* A slide's title and points are never cut: their boxes grow with the text (titles as big as the slide's). */
[class*="st-key-w_titles"] [data-testid="stTextAreaRootElement"],
[class*="st-key-w_points"] [data-testid="stTextAreaRootElement"] {{ height: auto !important; }}
[class*="st-key-w_titles"] textarea, [class*="st-key-w_points"] textarea {{
  field-sizing: content; height: auto !important; min-height: 4.5em;
}}
[class*="st-key-w_titles"] textarea {{ min-height: 2.8em; font-size: 1.35rem; font-weight: 600; line-height: 1.3; }}
/* A big number and its label, and a button's words, wrap instead of ending in '...' ("Use the..."). */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"], [data-testid^="stBaseButton"] p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
</style>"""

# Once per tab: a window narrower than NARROW starts with the sidebar collapsed. A user who opens it
# again keeps it open (sessionStorage remembers that we already collapsed it once).
COLLAPSE_SIDEBAR = f"""<script>
(() => {{
  const done = "storykit-sidebar-collapsed";
  if (window.innerWidth >= {NARROW} || sessionStorage.getItem(done)) return;
  let tries = 0;
  const collapse = () => {{
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (sidebar && button && sidebar.dataset.collapsed === "false") {{
      button.click();
      sessionStorage.setItem(done, "1");
    }} else if (sidebar && sidebar.dataset.collapsed === "true") {{
      sessionStorage.setItem(done, "1");
    }} else if (++tries < 50) {{
      setTimeout(collapse, 100);
    }}
  }};
  collapse();
}})();
</script>"""


def apply() -> None:
    st.html(CSS)
    st.html(COLLAPSE_SIDEBAR, unsafe_allow_javascript=True)
