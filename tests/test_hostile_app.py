"""The app under hostile input: sessions stay apart, and a failed or killed parse loses nothing.

Two AppTest instances are two browser sessions of one server process: they share the module
state and Streamlit's caches, exactly what could leak between users, and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _shared as ui
from storykit.frozenmap import FrozenMap
from storykit.ingest import guard
from tests.app_session import goto, new_session
from tests.app_session import upload as upload_as
from tests.conftest import SAMPLES
from tests.hostile_inputs import CASES, ROWS, csv_bytes

HARVEST = "harvest_service_desk.csv"
SAMPLE_PROJECT = sk.Project.from_json((SAMPLES / "project.json").read_text())


def session() -> AppTest:
    return new_session(timeout=90)


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    return upload_as(at, *files, mime="application/octet-stream")


def titles(at: AppTest) -> list[str]:
    goto(at, ui.STORY)
    return [at.text_area(key=f"{ui.SEED}titles{n}").value for n in (1, 2, 3)]


def people_caption(at: AppTest) -> str:
    goto(at, ui.UPLOAD)
    return " ".join(c.value for c in at.caption)


def story_of(files: list[tuple[str, bytes]], project: sk.Project) -> sk.Story:
    return sk.build_story(sk.load(*files), project)


def test_two_sessions_never_see_each_others_data() -> None:
    alice, bob = session(), session()
    harvest = (HARVEST, (SAMPLES / HARVEST).read_bytes())
    upload(alice, harvest)
    goto(alice, ui.SETTINGS)
    alice.text_input(key=f"{ui.SEED}team_name").input("Alice's Service Desk").run()

    sample_titles = [a.title for a in story_of([(ui.SAMPLE_FILE, (SAMPLES / ui.SAMPLE_FILE).read_bytes())],
                                               SAMPLE_PROJECT).acts]
    assert titles(bob) == sample_titles, "Bob still sees the example story"
    assert ui.FILES not in bob.session_state
    assert bob.session_state[ui.PROJECT] == SAMPLE_PROJECT
    assert "Alice" not in " ".join(titles(bob)) and HARVEST not in people_caption(bob)
    assert titles(alice)[0].startswith("Alice's Service Desk")


def test_same_file_name_different_bytes_stay_apart() -> None:
    """Caches are keyed by the bytes, not the name: two users' 'export.csv' never mix."""
    alice, bob = session(), session()
    upload(alice, ("export.csv", csv_bytes()))
    upload(bob, ("export.csv", (SAMPLES / HARVEST).read_bytes()))
    a_log = alice.session_state[ui.FILES]
    b_log = bob.session_state[ui.FILES]
    assert a_log.digest != b_log.digest
    a_people = set(ui.read(a_log, FrozenMap()).log.frame["person"])
    b_people = set(ui.read(b_log, FrozenMap()).log.frame["person"])
    assert a_people.isdisjoint(b_people)


HOSTILE = [c for c in CASES if c.error and c.limits is None and c.id in {
    "cell at XFD1048576 (calamine abort)", "truncated .xlsx (first half)", "password-protected workbook "
    "(CFB with EncryptionInfo)", "zip bomb entry (ratio)", "billion laughs in workbook.xml"}]


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_a_failed_parse_keeps_earlier_data_and_edits(case) -> None:
    at = session()
    upload(at, (HARVEST, (SAMPLES / HARVEST).read_bytes()))
    goto(at, ui.SETTINGS)
    at.text_input(key=f"{ui.SEED}team_name").input("Service Desk").run()
    goto(at, ui.STORY)
    at.text_area(key=f"{ui.SEED}titles2").input("Our own title for act two").run()
    before = at.session_state[ui.PROJECT]
    good_titles = titles(at)

    upload(at, (case.name, case.data()))
    errors = [e.value for e in at.error]
    assert any(e.startswith(f"{case.name}: ") and case.error in e for e in errors), errors
    assert at.session_state[ui.PROJECT] == before, "edits are intact"
    assert [n for n, _ in at.session_state[ui.FILES].files] == [HARVEST, case.name]
    assert titles(at) == good_titles, "the story is still built from the earlier data"


def test_a_killed_reader_keeps_the_session_working(monkeypatch, tmp_path) -> None:
    """The workbook reader killed from outside (as the OOM killer would): an error, not a dead app."""
    killer = tmp_path / "killed_child.py"
    killer.write_text("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    at = session()
    upload(at, (HARVEST, (SAMPLES / HARVEST).read_bytes()))
    goto(at, ui.SETTINGS)
    at.text_input(key=f"{ui.SEED}team_name").input("Service Desk").run()
    before, good_titles = at.session_state[ui.PROJECT], titles(at)

    monkeypatch.setattr(guard, "_CHILD", killer)
    upload(at, ("team.xlsx", (SAMPLES / "handmade_care_team.xlsx").read_bytes()))
    errors = [e.value for e in at.error]
    assert any(e.startswith("team.xlsx: ") and "stopped by the system" in e for e in errors), errors
    assert at.session_state[ui.PROJECT] == before
    assert titles(at) == good_titles

    monkeypatch.undo()  # the reader is back: the same session reads the workbook now
    goto(at, ui.UPLOAD)
    at.button(key="remove:team.xlsx").click().run()
    upload(at, ("team2.xlsx", (SAMPLES / "handmade_care_team.xlsx").read_bytes()))
    assert not at.error
    assert at.session_state[ui.PROJECT].settings.team_name == "Service Desk"


def test_an_upload_through_the_app_writes_nothing_to_disk(monkeypatch, tmp_path) -> None:
    """Upload, read, story and deck in a session: no file opened for writing, no temp file left."""
    import builtins
    import io
    import os
    import tempfile

    at = session()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    written: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(file, int) and any(m in str(mode) for m in "wax+"):  # ints: the child's pipes
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            written.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)  # pathlib and others reach open through io
    monkeypatch.setattr(os, "open", spy_os_open)
    upload(at, ("team.xlsx", (SAMPLES / "handmade_care_team.xlsx").read_bytes()),
           (HARVEST, (SAMPLES / HARVEST).read_bytes()))
    goto(at, ui.STORY)
    goto(at, ui.EXPORT)
    assert not at.error
    assert written == []
    assert list(tmp_path.iterdir()) == []
    Path(tmp_path / "probe.txt").write_text("x")  # the spy is live: pathlib's write is seen
    assert written == [str(tmp_path / "probe.txt")]


def test_replacing_a_file_again_and_again_keeps_one_log_in_memory() -> None:
    """A session holds the log of the files it uses, never those it replaced (the soak in benchmarks/
    bench_load.py measures the server's RSS; this pins the cause: replaced logs must be freed)."""
    import gc

    at = session()
    name = "replaced-again-and-again.csv"
    for hours in ("1", "2", "3", "4"):
        rows = [[d, p, a, hours] for d, p, a, _ in ROWS]
        upload(at, (name, csv_bytes(rows)))
        goto(at, ui.STORY)
        goto(at, ui.UPLOAD)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, sk.TimeLog) and any(s.file == name for s in o.sources)]
    assert len(alive) == 1, f"{len(alive)} logs of replaced uploads are still in memory"
    assert alive[0].total_hours == 4 * len(ROWS)
