"""storykit's Streamlit app: page setup and navigation, nothing else."""

import streamlit as st

st.set_page_config(page_title="storykit", page_icon=":bar_chart:", layout="wide")
page = st.navigation([st.Page("pages/story.py", title="Story", icon=":material/slideshow:", default=True)])
page.run()
