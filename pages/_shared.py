"""What every page shares: session-state keys, cached storykit calls, error display."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import storykit as sk

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILE = "toggl_support_team.csv"

# Session-state keys, defined once.
FILES = "files"  # list[tuple[str, bytes]]: the user's uploads, in memory only
PROJECT = "project"  # sk.Project


def sample_inputs() -> tuple[tuple[str, bytes], ...]:
    return ((SAMPLE_FILE, (SAMPLE_DIR / SAMPLE_FILE).read_bytes()),)


def sample_project() -> sk.Project:
    return sk.Project.from_json((SAMPLE_DIR / "project.json").read_text())


@st.cache_data(max_entries=32, show_spinner="Reading your files...")
def load_log(files: tuple[tuple[str, bytes], ...], mappings_json: str) -> sk.TimeLog:
    """Keyed by the files' bytes and the mapping, so a rerun never reads a file twice."""
    mappings = sk.Project.from_json(mappings_json).mappings if mappings_json else {}
    return sk.load(*files, mappings=mappings)


@st.cache_data(max_entries=64)
def build_deck(story: sk.Story) -> bytes:
    return sk.build_deck(story)


def show_error(error: Exception) -> None:
    """Every failure as one friendly message next to its cause; never a traceback."""
    if isinstance(error, sk.StoryKitError):
        st.error(str(error), icon=":material/error:")
    else:
        st.error(f"Something went wrong while reading this input ({type(error).__name__}). "
                 "Your earlier data and edits are kept; try another file.", icon=":material/error:")
