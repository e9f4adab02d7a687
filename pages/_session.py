"""The session's state: its keys, the project every widget writes back to, and the files in use.

The Project in session state is the one source of truth: widgets are seeded from it and write
back to it with dataclasses.replace; uploads are held in memory only, for this session alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

import streamlit as st

import storykit as sk
from pages._compute import EXAMPLE, READING, SAMPLE_DIR, Inputs, Reading, analysis, read, sample_inputs

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
SEED = "w_"  # prefix of widget keys seeded from the project; dropped when the project is replaced

# The URL says when a tab holds the user's own work, so the session a refresh or a server restart
# starts in its place knows that work was there and was forgotten (uploads live in memory only).
WORK_PARAM, WORK_VALUE = "work", "yours"
FORGOTTEN_TITLE = "Your work in this tab was forgotten"


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


def reading() -> Reading | None:
    files = inputs()
    return None if files is None else read(files, project().mappings)


def needs_confirmation(source: sk.Source) -> bool:
    """A guess we are unsure of is asked about, not used silently; a user's own mapping is an answer."""
    return source.needs_confirmation and source.file not in project().mappings


def saved_project_json() -> str:
    """The project file's text (storykit.saved_project): this data's labels marked as reviewed, so next
    month's new ones stand out, and the baseline the follow-up holds a later period against."""
    files, r = inputs(), reading()
    if files is None or r is None or r.log is None:
        return project().to_json()
    return sk.saved_project(project(), analysis(files, project())).to_json()


def _file_stem() -> str:
    name = "".join(ch if ch.isalnum() else "-" for ch in project().settings.team_name.lower()).strip("-")
    return (f"{EXAMPLE}-" if on_sample() else "") + (name or "storykit")


def project_filename() -> str:
    return f"{_file_stem()}.storykit.json"


def deck_filename() -> str:
    return f"{_file_stem()}-story.pptx"
