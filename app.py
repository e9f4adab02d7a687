"""storykit's Streamlit app: page setup and the seven steps' navigation, nothing else."""

import streamlit as st

from pages import _layout
from pages._shared import STEPS, VIA_APP
from storykit.memory import give_back_freed_memory

give_back_freed_memory()  # a long-running server: memory freed after each upload goes back to the system

st.set_page_config(page_title="storykit", page_icon=":bar_chart:", layout="wide")
st.session_state[VIA_APP] = True
_layout.apply()


@st.fragment(run_every="60s")
def rerun_after_reconnect() -> None:
    """Draws nothing. A browser that reconnects (the server restarted) reruns the page only when the
    page has a timed fragment; without one it went on showing the old session's files and story,
    while the server had forgotten them."""


rerun_after_reconnect()
# Hidden: each step draws the steps bar itself (pages._shared.header), one that wraps on a narrow
# screen; Streamlit's top bar folds steps into "3 more" and its sidebar list hides on a phone.
page = st.navigation([st.Page(s.path, title=f"{i}. {s.title}", icon=s.icon, default=i == 1)
                      for i, s in enumerate(STEPS, 1)], position="hidden")
try:
    page.run()
except Exception as e:  # the last line of defence: a message, never a traceback (st.stop and reruns pass through)
    st.error(f"Something went wrong on this step ({type(e).__name__}). Your files and choices are kept: "
             "go back a step, or save the project file from the sidebar and reload the page.",
             icon=":material/error:")
