"""Export: the deck to download, and the project file that brings every choice back next time."""

from __future__ import annotations

import streamlit as st

from pages import _followup as followup
from pages import _shared as ui

ui.header(ui.EXPORT)
st.info("A refresh or a closed tab forgets everything in this session: your files were only ever in memory. "
        "Save the project file to come back to the same story.", icon=":material/info:")
deck_box, project_box = st.columns(2, gap="large")
with project_box, st.container(border=True):
    st.markdown("#### :material/save: The project file")
    st.markdown("Your column choices, classification, settings, scenario and edited text, as one small JSON "
                "file. It holds **no time-log data**. Next week: open storykit, load this file, upload the new "
                "exports, and the same story comes back with the new numbers.")
    followup.say_what_is_kept()
    st.download_button("Save the project file (.json)", ui.saved_project_json(), file_name=ui.project_filename(),
                       mime="application/json", icon=":material/save:", key="download_project", on_click="ignore")
    st.file_uploader("Load a project file (.json)", type=["json"], max_upload_size=ui.PROJECT_UPLOAD_MB, key="export_project",
                     on_change=ui.load_project_file, args=("export_project",))
    if ui.PROJECT_ERROR in st.session_state:
        ui.show_error(st.session_state[ui.PROJECT_ERROR])

with deck_box, st.container(border=True):
    st.markdown("#### :material/slideshow: The deck")
    st.markdown("Three 16:9 slides with native, editable charts and speaker notes.")
    files, _ = ui.require_data()
    story = ui.story(files, ui.project())
    if ui.on_sample():
        story = ui.mark_example(story)  # the titles as the downloaded deck has them
    try:
        deck = ui.deck(files, ui.project(), example=ui.on_sample())
    except Exception as e:  # a deck that cannot be built says why; the project can still be saved
        ui.show_error(e)
    else:
        label = f"Download the {ui.EXAMPLE} deck (.pptx)" if ui.on_sample() else "Download the deck (.pptx)"
        st.download_button(label, deck, file_name=ui.deck_filename(), mime=ui.PPTX_MIME,
                           type="primary", icon=":material/download:", key="download_deck", on_click="ignore")
    st.markdown("\n".join(f"{a.number}. {a.title}" for a in story.acts))
    st.caption(story.source)
    followup.offer_deck(files, ui.project())
