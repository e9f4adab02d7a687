"""The follow-up beside the story: offered when the loaded project keeps a baseline and the data is later.

Not a page of its own: Story draws it next to the period's story, Export offers its deck.
"""

from __future__ import annotations

import streamlit as st

import storykit as sk
from pages import _shared as ui

VIEW = "story_view"  # session key of the choice between the period's story and the follow-up
THIS_PERIOD, FOLLOW_UP = "This period's story", "Follow-up: the plan against what happened"


def available(files: ui.Inputs, p: sk.Project) -> bool:
    return sk.can_follow_up(ui.analysis(files, p), p)


def chosen(files: ui.Inputs, p: sk.Project) -> bool:
    """The choice between this period's story and the follow-up, when both can be told; True for the follow-up.

    With a baseline and no later data yet, says what the project keeps and what would bring the follow-up.
    """
    if p.baseline is None:
        return False
    if not available(files, p):
        st.caption(f":material/flag: This project keeps a baseline, {sk.baseline_words(p.baseline)}. Upload the "
                   "exports of a later period with it, and this step offers the follow-up deck: the plan against "
                   "what happened.")
        return False
    view = st.radio("Which story", (FOLLOW_UP, THIS_PERIOD), horizontal=True, key=VIEW,
                    help="The follow-up holds this data against the baseline and plan your project file keeps.")
    return view == FOLLOW_UP


def show(files: ui.Inputs, p: sk.Project) -> None:
    """The three follow-up slides as the deck shows them, with their notes; labels new since the baseline asked."""
    try:
        follow = ui.follow_up_story(files, p)
    except sk.StoryKitError as e:
        ui.show_error(e)
        return
    new = ui.analysis(files, p).new_labels
    if new:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.warning(f"New since the baseline, not decided yet: {', '.join(new[:5])}"
                     + (" ..." if len(new) > 5 else "") + ". Until you decide whose work "
                     + ("they are, they count" if len(new) > 1 else "it is, it counts")
                     + " as our own; if another team's, it is new work the plan never held.", icon=":material/help:")
        if right.button("Decide them", key="followup_open", icon=":material/arrow_forward:"):
            st.session_state[ui.OPEN_ONLY] = True
            st.switch_page(ui.CLASSIFY.path)
    st.caption("The plan and its dates come from your project file; the numbers from the files you uploaded. "
               "Its words follow the numbers and are not edited here (this period's story stays editable). "
               + follow.source)
    for act in follow.acts:
        with st.container(border=True, key=f"slide-followup-{act.number}"):
            st.caption(f"Slide {act.number} of 3 · {act.name}")
            ui.show_act(act, "followup", height=340)
            with st.expander("Speaker notes", icon=":material/record_voice_over:"):
                st.text(act.notes.text)


def say_what_is_kept() -> None:
    """Export's promise about the baseline: what the project file keeps of this period, and what it never keeps."""
    files, p = ui.inputs(), ui.project()
    r = ui.reading()
    if files is None or r is None or r.log is None:
        return
    saved = sk.saved_project(p, ui.analysis(files, p)).baseline
    if saved is None:
        return
    kept = p.baseline is not None and saved == p.baseline
    st.markdown(("It keeps **the baseline you loaded**, which the follow-up measures against: " if kept else
                 "It also keeps **this period as the plan's baseline**, as totals only: ")
                + sk.baseline_words(saved) + ". **No rows and no names.** Load it with a later period's exports, "
                "and Story offers the follow-up: the plan against what happened.")


def offer_deck(files: ui.Inputs, p: sk.Project) -> None:
    """The follow-up deck to download, beside the period's deck, when the follow-up can be told."""
    if p.baseline is None or not available(files, p):
        return
    st.divider()
    st.markdown("**The follow-up deck**: what we agreed, what happened, what next.")
    try:
        data = ui.follow_up_deck(files, p)
    except sk.StoryKitError as e:
        ui.show_error(e)
        return
    st.download_button("Download the follow-up deck (.pptx)", data, file_name=ui.deck_filename().replace(
        "-story.pptx", "-follow-up.pptx"), mime=ui.PPTX_MIME, icon=":material/download:", key="download_followup",
        on_click="ignore")
    st.markdown("\n".join(f"{a.number}. {a.title}" for a in ui.follow_up_story(files, p).acts))
