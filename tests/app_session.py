"""Driving the app in AppTest the way a user walks it: one session, its steps, its uploads."""

from __future__ import annotations

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
