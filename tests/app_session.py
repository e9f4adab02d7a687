"""Driving the app in AppTest the way a user walks it: one session, its steps, its uploads."""

from __future__ import annotations

from unittest import mock

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from pages import _shared as ui
from tests.conftest import ROOT


def new_session(timeout: float = 60) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    assert not at.exception
    return at


def goto(at: AppTest, step: ui.Step) -> AppTest:
    at.switch_page(step.path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, *files: tuple[str, bytes], mime: str = "text/csv") -> AppTest:
    goto(at, ui.UPLOAD)
    at.file_uploader[0].set_value([(name, data, mime) for name, data in files]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def download(at: AppTest, key: str) -> tuple[str | None, bytes]:
    """What a download button hands the user: its file name and bytes, as Streamlit's media store keeps them."""
    stored: dict[str, tuple[str | None, bytes]] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def record(self, data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id = keep(self, data, mimetype, kind, filename)
        stored[file_id] = (filename, data)
        return file_id

    with mock.patch.object(MemoryMediaFileStorage, "load_and_get_id", record):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    return stored[button.proto.url.rsplit("/", 1)[1].split(".")[0]]


def label_table(at: AppTest):  # -> pandas.DataFrame
    """Classify's table as the grid shows it: the data it was given, with the user's edits over it (AppTest's
    value is the data alone; the grid keeps its first values while the user works in it)."""
    element = at.data_editor[0]
    table = element.value.copy()
    for row, change in (at.session_state[element.key]["edited_rows"] if element.key in at.session_state
                        else {}).items():
        for column, value in change.items():
            table.loc[table.index[int(row)], column] = value
    return table
