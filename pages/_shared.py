"""What every page shares: the seven steps and what each page draws around its own content.

The pages reach everything through this module (`from pages import _shared as ui`): the session's
state lives in _session.py, the cached storykit calls in _compute.py, and the names pages use
from them are listed in __all__ below, so a page never needs to know which of the three holds one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

import storykit as sk
from pages._compute import (
    EXAMPLE,
    SAMPLE_FILE,
    Inputs,
    analysis,
    deck,
    follow_up_deck,
    follow_up_story,
    mark_example,
    message,
    read,
    sample_inputs,
    story,
    without_edits,
)
from pages._session import (
    EXTRA_OWNERS,
    FILES,
    FORGOTTEN_TITLE,
    LANDED,
    OPEN_ONLY,
    PROJECT,
    PROJECT_ERROR,
    SEED,
    TABLE_ROUND,
    UPLOAD_ROUND,
    VIA_APP,
    WORK_PARAM,
    WORK_VALUE,
    back_to_example,
    carry_on_with_example,
    deck_filename,
    forgotten,
    inputs,
    load_project_file,
    needs_confirmation,
    on_sample,
    project,
    project_filename,
    reading,
    remove_file,
    saved_project_json,
    seed,
    seeded,
    start,
    take_uploads,
    update,
    update_settings,
)
from storykit.charts import to_figure

#: Everything a page uses, whichever of the three modules holds it.
__all__ = [
    "CLASSIFY", "EXAMPLE", "EXPORT", "EXTRA_OWNERS", "FILES", "FORGOTTEN_TITLE", "OPEN", "OPEN_ONLY", "PPTX_MIME",
    "PROJECT", "PROJECT_ERROR", "PROJECT_UPLOAD_MB", "SAMPLE_FILE", "SCENARIO", "SEED", "SETTINGS", "STEPS",
    "STORY", "TABLE_ROUND", "UPLOAD", "UPLOAD_ROUND", "VIA_APP", "WORK_PARAM", "WORK_VALUE", "Inputs", "Step",
    "analysis", "back_to_example", "count", "deck", "deck_filename", "example_notice", "follow_up_deck", "follow_up_story",
    "forgotten_notice", "header", "inputs", "load_project_file", "mark_example", "needs", "needs_confirmation",
    "next_step", "on_sample", "plain", "project", "project_filename", "read", "reading", "remove_file", "require_data",
    "sample_inputs", "saved_project_json", "seed", "seeded", "show_act", "show_chart", "show_error", "show_review",
    "sidebar", "steps_bar", "story", "take_uploads", "update", "update_settings", "warn_about_files",
    "without_edits",
]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 file', '3 files', '1,204 rows', '1 person' / '2 people': never '1 file(s)'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def plain(text: str) -> str:
    """Text shown as itself in markdown: a label like '*urgent*', a column like 'user_name' or 'task_id'
    keeps its characters (two underscores on a line made the text between them italic)."""
    return re.sub(r"([\\`*_{}\[\]<>#|~$])", r"\\\1", text)


def breakable(name: str) -> str:
    """A file name for a narrow column (the sidebar): `plain`, with a line break allowed after each '_', '-' and
    '.', so 'team_timelog_hours_per_person_columns.csv' wraps between its words, never inside one."""
    return "<wbr>".join(plain(part) for part in re.split(r"(?<=[_.-])", name))


PROJECT_UPLOAD_MB = 2  # the project file's limit (storykit.project_json.MAX_PROJECT_BYTES), shown on its uploader
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class Step:
    path: str
    title: str
    icon: str
    needs: str


OPEN = Step("pages/open.py", "Open", ":material/home:",
            "Nothing yet: this is what you will get. Bring your own data when you are ready.")
UPLOAD = Step("pages/upload.py", "Upload", ":material/upload_file:",
              "One or more time-tracking exports (CSV, TXT, Excel or Parquet); check how each was read.")
CLASSIFY = Step("pages/classify.py", "Classify", ":material/category:",
                "For every activity: whose work it is and what kind of work it is.")
SETTINGS = Step("pages/settings.py", "Settings", ":material/tune:",
                "Your team's name and contracted hours; the hourly cost if you know it.")
SCENARIO = Step("pages/scenario.py", "Scenario", ":material/alt_route:",
                "How much of each other team's work goes back to it, in which stage, and your ask.")
STORY = Step("pages/story.py", "Story", ":material/slideshow:",
             "Read the three slides as they will be presented; rewrite any title, point or note.")
EXPORT = Step("pages/export.py", "Export", ":material/download:",
              "Nothing: download the deck, and save the project file to pick up where you left off.")
STEPS = (OPEN, UPLOAD, CLASSIFY, SETTINGS, SCENARIO, STORY, EXPORT)


def require_data() -> tuple[Inputs, sk.TimeLog]:
    """The files and their log, or a pointer to the Upload step and nothing more on this page."""
    files, r = inputs(), reading()
    if files is None or r is None:
        st.info("No data yet: upload this period's time-tracking exports to see the story.",
                icon=":material/upload_file:")
        st.page_link(UPLOAD.path, label="Go to Upload", icon=":material/arrow_forward:")
        st.stop()
    if r.log is None:
        st.error("None of your files could be read. The Upload step shows why, file by file.",
                 icon=":material/error:")
        st.page_link(UPLOAD.path, label="Go to Upload", icon=":material/arrow_forward:")
        st.stop()
    return files, r.log


def show_error(error: Exception | str) -> None:
    st.error(error if isinstance(error, str) else message(error), icon=":material/error:")


def header(step: Step) -> None:
    """The step indicator, the step's title and, in one line, what it needs from the user."""
    if not st.session_state.get(VIA_APP):
        # Right after a server start, Streamlit's old pages/ mode runs a deep-linked page on its own,
        # without app.py's layout and steps; going through app.py once switches that mode off. The
        # step the link asked for, and the URL's ?work=yours (see start), are kept for the way back.
        st.session_state[LANDED] = step.path
        st.switch_page("app.py", query_params=st.query_params.to_dict())
    if st.session_state.get(LANDED, step.path) != step.path:
        st.switch_page(st.session_state.pop(LANDED), query_params=st.query_params.to_dict())
    st.session_state.pop(LANDED, None)
    start()
    steps_bar(step)
    st.title(step.title)
    st.markdown(f":material/info: **This step needs:** {needs(step)}")
    sidebar()
    if forgotten():
        forgotten_notice()
    elif on_sample():
        example_notice(step)
    warn_about_files(step)


def steps_bar(step: Step) -> None:
    """All seven steps as links, the current one marked; on a narrow screen they wrap, none is hidden."""
    n = STEPS.index(step) + 1
    with st.container(horizontal=True, gap="xsmall", key="steps"):
        for i, s in enumerate(STEPS, 1):
            st.page_link(s.path, label=f"{i}. {s.title}", icon=s.icon)
    st.progress(n / len(STEPS), text=f"Step {n} of {len(STEPS)}")


def needs(step: Step) -> str:
    """What the step needs; Open's 'nothing yet' only while there is nothing of the user's."""
    if step is OPEN and not on_sample():
        return "Nothing more: your project is in. Continue where you left off, or load another project file."
    return step.needs


def example_notice(step: Step) -> None:
    """Every step says, in its main area, that what it shows is the example and not the user's team."""
    what = {OPEN: "the story below is built from a made-up support team's sample data "
                  f"({SAMPLE_FILE}), not yours. Yours will look like this.",
            UPLOAD: f"the file below ({SAMPLE_FILE}) is a made-up support team's sample data, not yours. "
                    "Drop your own exports here to replace it."}
    st.info(f"**This is the {EXAMPLE}**: " + what.get(step, f"every number on this step comes from a made-up "
            f"support team's sample data ({SAMPLE_FILE}), not yours, until you upload your own exports."),
            icon=":material/science:")
    if step not in what:
        st.page_link(UPLOAD.path, label="Use my own data", icon=":material/upload_file:")


def forgotten_notice() -> None:
    """After a refresh or a server restart: what happened, and the way back (the project file)."""
    with st.container(border=True, key="forgotten"):
        st.warning(f"**{FORGOTTEN_TITLE}.** The page was reloaded or the server restarted, and your files and "
                   "choices were only ever in this tab's memory. What you see now is the "
                   f"**{EXAMPLE}**, not your team. To carry on: load the project file you saved, then upload "
                   "your exports again.", icon=":material/history:")
        key = "forgotten_project"
        st.file_uploader("Load your project file (.json)", type=["json"], max_upload_size=PROJECT_UPLOAD_MB,
                         key=key, on_change=load_project_file, args=(key,))
        if PROJECT_ERROR in st.session_state:
            show_error(st.session_state[PROJECT_ERROR])
        st.button("I have no project file: show the example", key="carry_on", on_click=carry_on_with_example,
                  icon=":material/science:")


def warn_about_files(step: Step) -> None:
    """Problems with the files show on every later step, by name, so nothing is lost silently on the way."""
    if step in (OPEN, UPLOAD):
        return
    r = reading()
    if r is None:
        return
    if r.problems:
        st.warning("Left out because they could not be read: " + ", ".join(f"**{n}**" for n in r.problems)
                   + ". " + ("Everything on this step comes from your other files. " if r.log is not None else "")
                   + "The Upload step says why, file by file.", icon=":material/warning:")
    unsure = [s.file for s in r.log.sources if needs_confirmation(s)] if r.log is not None else []
    if unsure:
        st.warning("Please confirm how these files were read: " + ", ".join(unsure) + " (Upload step).",
                   icon=":material/help:")


def sidebar() -> None:
    """What is in use, and the way to keep it: a refresh forgets everything but the project file."""
    with st.sidebar:
        st.markdown("### Your work")
        files = inputs()
        if on_sample():
            st.caption("You are looking at the example (sample data).")
        elif files is None:
            st.caption("No data yet.")
        else:
            st.caption("Data: " + ", ".join(breakable(name) for name in files.names), unsafe_allow_html=True)
        st.download_button("Save project file", saved_project_json(), file_name=project_filename(),
                           mime="application/json", icon=":material/save:", width="stretch",
                           key="sidebar_save", on_click="ignore")  # a download changes nothing: no rerun
        st.caption("Nothing is stored on the server: closing or refreshing this tab forgets your work. "
                   "The project file keeps every choice (not your data); load it on **Open** next time.")


def next_step(step: Step) -> None:
    i = STEPS.index(step)
    if i + 1 < len(STEPS):
        nxt = STEPS[i + 1]
        st.divider()
        if st.button(f"Next: {nxt.title}", type="primary", icon=":material/arrow_forward:", key="next"):
            st.switch_page(nxt.path)


OPEN_NAMED = 5  # open labels the review line names; the others are counted


def show_review(analysed: sk.Analysis) -> None:
    """The review line before the story: who decided how much, with the open labels one click away."""
    r = analysed.review
    if not r.open:
        st.caption(f":material/fact_check: {r.sentence}")
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    more = len(r.open) - OPEN_NAMED
    left.warning(f"{r.sentence} Open: {', '.join(r.open[:OPEN_NAMED])}" + (f" and {more} more" if more > 0 else "")
                 + ".", icon=":material/fact_check:")
    if right.button("Decide the open labels", key="review_open", icon=":material/arrow_forward:"):
        st.session_state[OPEN_ONLY] = True
        st.switch_page(CLASSIFY.path)


def show_act(act: sk.Act, key: str, height: int = 380) -> None:
    """One act as the slide shows it: title, chart, big number, points."""
    st.subheader(act.title)
    left, right = st.columns([3, 2], gap="large")
    with left:
        show_chart(act, key, height)
    right.metric(act.big_number.label, act.big_number.value)
    right.markdown("\n".join(f"- {p}" for p in act.points))


def show_chart(act: sk.Act, key: str, height: int) -> None:
    """The act's chart with its caption as page text, which wraps on a narrow screen instead of being cut."""
    if act.chart.caption:
        st.markdown(f"**{act.chart.caption}**")
    st.plotly_chart(to_figure(act.chart, height=height, caption=False), width="stretch",
                    key=f"{key}-chart{act.number}", config={"displayModeBar": False})
