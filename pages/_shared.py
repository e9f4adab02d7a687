"""What every page shares: the steps, session-state keys, cached storykit calls, error display.

The Project in session state is the one source of truth: widgets are seeded from it and write
back to it with dataclasses.replace. Everything shown is recomputed from (files, project) by
functions cached on the files' digest and the project itself (a frozen value), so moving between
pages and editing text reuses what was already computed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

import storykit as sk
from storykit.charts import to_figure
from storykit.frozenmap import FrozenMap

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILE = "toggl_support_team.csv"
CACHE_TTL = "1h"  # cached logs hold people's names: keep them no longer than a working session
PROJECT_UPLOAD_MB = 2  # the project file's limit (storykit.project_json.MAX_PROJECT_BYTES), shown on its uploader
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Session-state keys, defined once.
FILES = "files"  # Inputs: the user's uploads, in memory only; absent while on the example
PROJECT = "project"  # sk.Project: every choice the user made
ON_SAMPLE = "on_sample"  # True until the user brings files or a project of their own
UPLOAD_ROUND = "upload_round"  # bumped to empty a file uploader once its files are taken
TABLE_ROUND = "table_round"  # bumped to give the classification table fresh data
PROJECT_ERROR = "project_error"  # why the last project file could not be loaded
EXTRA_OWNERS = "extra_owners"  # team names the user added before assigning anything to them
OPEN_ONLY = "open_only"  # Classify shows only the labels nobody has decided yet
VIA_APP = "via_app"  # set by app.py: this session's runs go through its navigation
LANDED = "landed"  # the step a deep link asked for, while app.py's navigation takes over
FORGOTTEN = "forgotten"  # this new session replaced one where the user had been working (a refresh, a restart)
READING = "reading"  # (files' digest, mappings, Reading): the one log this session holds
SEED = "w_"  # prefix of widget keys seeded from the project; dropped when the project is replaced

# The URL says when a tab holds the user's own work, so the session a refresh or a server restart
# starts in its place knows that work was there and was forgotten (uploads live in memory only).
WORK_PARAM, WORK_VALUE = "work", "yours"
FORGOTTEN_TITLE = "Your work in this tab was forgotten"
EXAMPLE = "EXAMPLE"  # marks the example's deck: its file name, document title and first slide


@dataclass(frozen=True)
class Step:
    path: str
    title: str
    icon: str
    needs: str


OPEN = Step("pages/open.py", "Open", ":material/home:",
            "Nothing yet: this is what you will get. Bring your own data when you are ready.")
UPLOAD = Step("pages/upload.py", "Upload", ":material/upload_file:",
              "One or more time-tracking exports (CSV, TXT or Excel); check how each was read.")
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


@dataclass(frozen=True)
class Inputs:
    """The files in use, with a digest computed once so caches never re-hash their bytes."""

    files: tuple[tuple[str, bytes], ...]
    digest: str

    @classmethod
    def of(cls, files: tuple[tuple[str, bytes], ...]) -> Inputs:
        h = hashlib.sha256()
        for name, data in files:
            h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        return cls(files, h.hexdigest())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.files)


@dataclass(frozen=True, eq=False)
class Reading:
    """The combined log of every file that could be read, and why each other file could not."""

    log: sk.TimeLog | None
    problems: dict[str, str]


#: How the caches key their arguments: files by their digest; a project (frozen, every field in its repr)
#: and a mapping by their full repr, so two projects differing anywhere never share an entry.
_HASH = {Inputs: lambda i: i.digest, sk.Project: repr, FrozenMap: repr}


# -- state -------------------------------------------------------------------------------
def start() -> None:
    """First run of a session: the example story, so a first-time user sees what they will get.

    A URL that says this tab held the user's work means the page was reloaded (or the server
    restarted): that work is gone, and the example must not pass for it.
    """
    if PROJECT not in st.session_state:
        st.session_state[PROJECT] = sample_project()
        st.session_state[ON_SAMPLE] = True
        if st.query_params.get(WORK_PARAM) == WORK_VALUE:
            st.session_state[FORGOTTEN] = True
    mark_url()


def mark_url() -> None:
    """The URL carries the 'your work' mark exactly while there is work, or a notice about lost work."""
    if on_sample() and not forgotten():
        if WORK_PARAM in st.query_params:
            del st.query_params[WORK_PARAM]
    elif st.query_params.get(WORK_PARAM) != WORK_VALUE:
        st.query_params[WORK_PARAM] = WORK_VALUE


def forgotten() -> bool:
    return bool(st.session_state.get(FORGOTTEN))


def carry_on_with_example() -> None:
    st.session_state.pop(FORGOTTEN, None)


@st.cache_resource
def sample_inputs() -> Inputs:
    return Inputs.of(((SAMPLE_FILE, (SAMPLE_DIR / SAMPLE_FILE).read_bytes()),))


def sample_project() -> sk.Project:
    return sk.Project.from_json((SAMPLE_DIR / "project.json").read_text())


def on_sample() -> bool:
    return bool(st.session_state.get(ON_SAMPLE))


def inputs() -> Inputs | None:
    """The files the story is built from: the user's, the example's, or none yet."""
    if FILES in st.session_state:
        return st.session_state[FILES]
    return sample_inputs() if on_sample() else None


def project() -> sk.Project:
    return st.session_state[PROJECT]


def update(**changes: Any) -> None:
    st.session_state[PROJECT] = dataclasses.replace(project(), **changes)


def update_settings(**changes: Any) -> None:
    update(settings=dataclasses.replace(project().settings, **changes))


def replace_project(new: sk.Project) -> None:
    """A whole new project (loaded, or the example again): widgets must re-read it."""
    st.session_state[PROJECT] = new
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(SEED)]:
        del st.session_state[key]
    st.session_state[TABLE_ROUND] = st.session_state.get(TABLE_ROUND, 0) + 1


def seed(name: str, value: Any) -> str:
    """The key of a widget that starts at the project's value and keeps the user's afterwards."""
    key = SEED + name
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def seeded(name: str) -> Any:
    return st.session_state[SEED + name]


def take_files(new: list[tuple[str, bytes]]) -> None:
    """Add uploads to the files in use (same name replaces); leaving the example starts a fresh project."""
    if not new:
        return
    current = dict(st.session_state[FILES].files) if FILES in st.session_state else {}
    current.update(new)
    st.session_state[FILES] = Inputs.of(tuple(current.items()))
    st.session_state.pop(FORGOTTEN, None)
    if on_sample():
        st.session_state[ON_SAMPLE] = False
        replace_project(sk.Project())
        st.toast("Your data is in. Settings start fresh; the example's figures are gone.", icon=":material/check:")


def take_uploads(key: str) -> None:
    """Every dropped file is taken: exports to be read (each gets its card), a .json as the project file.

    The uploader's callback, defined here and not in pages/upload.py: Streamlit keeps the callbacks
    of uploaders it has shown, and a page script's function holds that run's globals (its log) alive;
    the uploader's key changes with every upload, so each replaced file's log stayed in memory.
    """
    taken = st.session_state.get(key) or []
    uploads = [(u.name, u.getvalue()) for u in taken]
    release_uploads(taken)
    take_files([f for f in uploads if not is_project_file(f[0])])
    for name, data in uploads:
        if is_project_file(name):
            load_project(name, data)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def release_uploads(uploads: list[Any]) -> None:
    """Drop Streamlit's copy of files we have taken: it keeps every upload's bytes until the session
    ends, and the uploader that held them is replaced (a new key), so nothing would ever remove them.
    Uses Streamlit's runtime (no public API for it); where there is none (AppTest), nothing to do."""
    from streamlit.runtime import get_instance
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    with contextlib.suppress(Exception):  # no runtime, or its internals moved: the copy stays until the session ends
        manager = get_instance().uploaded_file_mgr
        for upload in uploads:
            manager.remove_file(ctx.session_id, upload.file_id)


def remove_file(name: str) -> None:
    kept = tuple(f for f in st.session_state[FILES].files if f[0] != name)
    if kept:
        st.session_state[FILES] = Inputs.of(kept)
    else:
        del st.session_state[FILES]
        st.session_state.pop(READING, None)  # no files: their log goes too


def back_to_example() -> None:
    st.session_state.pop(FILES, None)
    st.session_state.pop(READING, None)
    st.session_state.pop(FORGOTTEN, None)
    st.session_state[ON_SAMPLE] = True
    replace_project(sample_project())


def load_project_file(key: str) -> None:
    """Callback of a project-file uploader: replace the project, or say why not next to the uploader."""
    upload = st.session_state.get(key)
    if upload is not None:
        load_project(upload.name, upload.getvalue())


def load_project(name: str, data: bytes) -> None:
    try:
        loaded = sk.Project.from_json(data, file=name)
    except sk.StoryKitError as e:
        st.session_state[PROJECT_ERROR] = str(e)
        return
    st.session_state.pop(PROJECT_ERROR, None)
    st.session_state.pop(FORGOTTEN, None)
    if on_sample():
        st.session_state[ON_SAMPLE] = False
    replace_project(loaded)
    st.toast(f"Project loaded from {name}.", icon=":material/check:")


def is_project_file(name: str) -> bool:
    """A .json dropped among the exports is the project file (time logs come as CSV, TXT or Excel)."""
    return name.lower().endswith(".json")


# -- cached storykit calls ----------------------------------------------------------------
def without_edits(p: sk.Project) -> sk.Project:
    """The project as everything before the text sees it: rewriting a title changes no number."""
    return dataclasses.replace(p, edits=sk.Edits()) if p.edits != sk.Edits() else p


def read(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    """Every file that reads, combined; a file that does not is named with its reason, not fatal.

    The example is read once for every session (cache_resource: one frozen log, no copies). A
    user's files are read for their session alone and held in its state: replacing a file frees
    the old log before the new one is read, and a closed tab frees its log, so a server's memory
    follows the sessions it has, not the files it has seen (benchmarks/bench_load.py measures it).
    """
    if files.digest == sample_inputs().digest:
        return _read_shared(files, mappings)
    held = st.session_state.get(READING)
    if held is not None and held[0] == files.digest and held[1] == mappings:
        return held[2]
    st.session_state.pop(READING, None)
    reading = _read(files, mappings)
    st.session_state[READING] = (files.digest, mappings, reading)
    return reading


@st.cache_resource(max_entries=2, ttl=CACHE_TTL, show_spinner=False, hash_funcs=_HASH)
def _read_shared(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    return _read(files, mappings)


#: Reads running at once on this server. Parsing is CPU-bound and the machine has 2 cores: a third
#: read would only share them (every read slower) and add its peak memory; it waits for a slot instead.
READ_SLOTS = 2
_slots = threading.BoundedSemaphore(READ_SLOTS)


def _read(files: Inputs, mappings: Mapping[str, Mapping[str, str]]) -> Reading:
    bar = st.progress(0.0, text="Reading your files...")  # made here, so a cache hit replays it gone

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=text)

    waited = 0.0
    while not _slots.acquire(timeout=0.5):
        waited += 0.5
        bar.progress(0.0, text=f"Waiting for a free reader: other people's files are being read ({waited:.0f} s)")
    try:
        try:
            return Reading(sk.load(*files.files, mappings=mappings, progress=progress), {})
        except Exception:  # find which file; the others still make a story
            pass
        finally:
            bar.empty()
        good, problems = [], {}
        for f in files.files:
            try:
                sk.load(f, mappings=mappings)
                good.append(f)
            except Exception as e:
                problems[f[0]] = message(e)
        return Reading(sk.load(*good, mappings=mappings) if good else None, problems)
    finally:
        _slots.release()


def analysis(files: Inputs, p: sk.Project) -> sk.Analysis:
    return _analysis(files, without_edits(p))


@st.cache_data(max_entries=32, ttl=CACHE_TTL, show_spinner="Counting hours...", hash_funcs=_HASH)
def _analysis(files: Inputs, p: sk.Project) -> sk.Analysis:
    return sk.analyse(_log(files, p), p)


@st.cache_data(max_entries=64, ttl=CACHE_TTL, show_spinner=False, hash_funcs=_HASH)
def story(files: Inputs, p: sk.Project) -> sk.Story:
    """From the cached analysis, so rewriting a title never counts the hours again."""
    return sk.build_story(analysis(files, p), p)


@st.cache_data(max_entries=16, ttl=CACHE_TTL, show_spinner="Building the deck...", hash_funcs=_HASH)
def deck(files: Inputs, p: sk.Project, example: bool = False) -> bytes:
    """The deck; the example's says so on its first slide and in its document title."""
    built = story(files, p)
    return sk.build_deck(mark_example(built) if example else built)


def mark_example(story: sk.Story) -> sk.Story:
    """The example's story with EXAMPLE on its first slide, in its notes and its document title:
    a downloaded example deck must never pass for a team's own in front of leadership."""
    first = story.acts[0]
    first = dataclasses.replace(
        first, title=f"{EXAMPLE} (sample data): {first.title}",
        notes=dataclasses.replace(first.notes, lead=f"This is the {EXAMPLE} deck, built from storykit's sample data: "
                                                    "not your team's numbers."))
    return dataclasses.replace(story, title=f"{EXAMPLE}: {story.title}", acts=(first, *story.acts[1:]))


def _log(files: Inputs, p: sk.Project) -> sk.TimeLog:
    log = read(files, p.mappings).log
    if log is None:
        raise sk.FormatError("none of the files could be read")
    return log


def reading() -> Reading | None:
    files = inputs()
    return None if files is None else read(files, project().mappings)


def needs_confirmation(source: sk.Source) -> bool:
    """A guess we are unsure of is asked about, not used silently; a user's own mapping is an answer."""
    return source.needs_confirmation and source.file not in project().mappings


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


# -- what pages draw ----------------------------------------------------------------------
def message(error: Exception) -> str:
    """Every failure as one sentence a user can act on; never a traceback."""
    if isinstance(error, sk.StoryKitError):
        return str(error)
    return (f"This input could not be read ({type(error).__name__}). Your other files and your choices "
            "are kept; check that this is a time-tracking export, or try saving it again as CSV.")


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
            st.caption("Data: " + ", ".join(files.names))
        st.download_button("Save project file", saved_project_json(), file_name=project_filename(),
                           mime="application/json", icon=":material/save:", width="stretch",
                           key="sidebar_save", on_click="ignore")  # a download changes nothing: no rerun
        st.caption("Nothing is stored on the server: closing or refreshing this tab forgets your work. "
                   "The project file keeps every choice (not your data); load it on **Open** next time.")


def project_file(p: sk.Project, log: sk.TimeLog | None) -> str:
    """The project file's text, with this data's labels marked as reviewed: next month's new ones stand out."""
    return (p.remember_labels(log.labels) if log is not None else p).to_json()


def saved_project_json() -> str:
    r = reading()
    return project_file(project(), None if r is None else r.log)


def _file_stem() -> str:
    name = "".join(ch if ch.isalnum() else "-" for ch in project().settings.team_name.lower()).strip("-")
    return (f"{EXAMPLE}-" if on_sample() else "") + (name or "storykit")


def project_filename() -> str:
    return f"{_file_stem()}.storykit.json"


def deck_filename() -> str:
    return f"{_file_stem()}-story.pptx"


def next_step(step: Step) -> None:
    i = STEPS.index(step)
    if i + 1 < len(STEPS):
        nxt = STEPS[i + 1]
        st.divider()
        if st.button(f"Next: {nxt.title}", type="primary", icon=":material/arrow_forward:", key="next"):
            st.switch_page(nxt.path)


def show_review(analysis: sk.Analysis) -> None:
    """The review line before the story: who decided how much, with the open labels one click away."""
    r = analysis.review
    if not r.open:
        st.caption(f":material/fact_check: {r.sentence}")
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.warning(f"{r.sentence} Open: {', '.join(r.open[:5])}" + (" ..." if len(r.open) > 5 else "") + ".",
                 icon=":material/fact_check:")
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
