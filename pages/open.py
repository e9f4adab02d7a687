"""Open: the story the user will get, already on screen, and the two ways in (own data, saved project)."""

from __future__ import annotations

import streamlit as st

from pages import _shared as ui
from storykit.vocabulary import ACTS

ui.header(ui.OPEN)
st.markdown("#### Your team's time logs, turned into a three-slide story leadership acts on: "
            "**what is, what it costs, what could be**.")

left, right = st.columns(2, gap="large")
with left, st.container(border=True):
    st.markdown("**New here?** Bring one or more exports from Toggl, Clockify, Harvest, Tempo, Kimai, "
                "a contact-centre WFM tool, or your own spreadsheet.")
    if st.button("Use my own data", type="primary", icon=":material/upload_file:", key="own_data"):
        st.switch_page(ui.UPLOAD.path)
with right, st.container(border=True):
    st.markdown("**Coming back?** Load the project file you saved last time, then upload the new period's "
                "exports: the same choices give the same story, updated.")
    key = "open_project"
    st.file_uploader("Load a saved project file (.json)", type=["json"], max_upload_size=ui.PROJECT_UPLOAD_MB, key=key,
                     on_change=ui.load_project_file, args=(key,))
    if ui.PROJECT_ERROR in st.session_state:
        ui.show_error(st.session_state[ui.PROJECT_ERROR])

files = ui.inputs()
if files is None:
    st.info(f"Project **{ui.project().settings.team_name}** is loaded. Upload this period's exports to see "
            "its story.", icon=":material/upload_file:")
    st.page_link(ui.UPLOAD.path, label="Go to Upload", icon=":material/arrow_forward:")
    st.stop()
files, _ = ui.require_data()
story = ui.story(files, ui.project())
for act in story.acts:
    with st.container(border=True, key=f"slide-open-{act.number}"):
        st.caption(f"Slide {act.number} of 3 · {ACTS[act.number]}")
        ui.show_act(act, "open", height=320)
st.caption(story.source)
ui.next_step(ui.OPEN)
