"""The story page: the sample story on open; upload your own files; download the deck."""

from __future__ import annotations

import streamlit as st

import storykit as sk
from pages._shared import FILES, PROJECT, build_deck, load_log, sample_inputs, sample_project, show_error
from storykit.charts import to_figure

st.title("storykit")
st.caption("Your team's time logs, turned into a three-slide story leadership acts on: "
           "what is, what it costs, what could be.")

if PROJECT not in st.session_state:
    st.session_state[PROJECT] = sample_project()
uploads = st.file_uploader("Use my own data: drop your time-log exports here (CSV, TXT, XLSX)",
                           type=["csv", "txt", "tsv", "xlsx", "xlsm", "gz"], accept_multiple_files=True)
if uploads:
    st.session_state[FILES] = [(u.name, u.getvalue()) for u in uploads]
files = tuple(st.session_state.get(FILES) or sample_inputs())
project: sk.Project = st.session_state[PROJECT]

try:
    log = load_log(files, "")
except Exception as e:  # shown as a message; the sample story stays available
    show_error(e)
    st.stop()

if not st.session_state.get(FILES):
    st.info("This is an example story built from sample data. Upload your own exports above to make yours.")
story = sk.build_story(log, project)
st.download_button("Download the deck (.pptx)", build_deck(story), file_name="storykit-deck.pptx",
                   mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                   type="primary")
for act in story.acts:
    st.subheader(act.title)
    left, right = st.columns([3, 2])
    left.plotly_chart(to_figure(act.chart), width="stretch", key=f"chart{act.number}")
    right.metric(act.big_number.label, act.big_number.value)
    right.markdown("\n".join(f"- {p}" for p in act.points))
    with st.expander("Speaker notes"):
        st.text(act.notes)
if log.skipped:
    with st.expander(f"{len(log.skipped)} rows were skipped"):
        st.dataframe([{"file": s.file, "sheet": s.sheet, "row": s.row, "reason": s.reason} for s in log.skipped])
