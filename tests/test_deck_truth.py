"""What a director reads in the deck is true and gives nothing away: the user's folders never reach
it, claims are made only when the numbers carry them, and edits reach every place their text shows."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile

import pytest

import storykit as sk
from tests.conftest import SAMPLES

AUDIENCES = ("operations", "finance", "people")


def sample_project(**settings: object) -> sk.Project:
    project = sk.Project.from_json((SAMPLES / "project.json").read_text())
    return dataclasses.replace(project, settings=dataclasses.replace(project.settings, **settings))


def deck_texts(deck: bytes) -> dict[str, str]:
    """Every part of the .pptx as text, and every part of each embedded chart workbook (a zip in the zip)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as outer:
        for name in outer.namelist():
            data = outer.read(name)
            out[name] = data.decode("utf-8", "replace")
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for part in inner.namelist():
                        out[f"{name}!{part}"] = inner.read(part).decode("utf-8", "replace")
    return out


# -- the user's folders never reach the deck ---------------------------------------------------------

@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_file_from_a_home_folder_is_named_by_its_base_name_only(tmp_path, audience):
    folder = tmp_path / "home" / "jane.doe" / "exports"
    folder.mkdir(parents=True)
    path = folder / "x.csv"
    shutil.copy(SAMPLES / "toggl_support_team.csv", path)
    built = sk.build([path], sample_project(audience=audience), sk.DeckOptions(appendix=True))
    parts = deck_texts(built.deck)
    assert any(name.endswith(".xlsx") for name in parts), "the charts' workbooks are searched too"
    for needle in ("jane.doe", "exports/", "/home", str(tmp_path)):
        leaks = [name for name, text in parts.items() if needle in text]
        assert not leaks, f"{needle!r} is in {leaks}"
    assert built.story.source.startswith("Source: x.csv; ")


@pytest.mark.parametrize("name", [r"C:\Users\jane.doe\exports\x.csv", "/home/jane.doe/exports/x.csv",
                                  "exports/x.csv"])
def test_an_upload_named_with_its_folders_shows_only_its_base_name(name):
    log = sk.load((name, (SAMPLES / "toggl_support_team.csv").read_bytes()))
    story = sk.build_story(log, sample_project())
    assert story.source.startswith("Source: x.csv; ")
    text = "\n".join(deck_texts(sk.build_deck(story)).values())
    assert "jane.doe" not in text and "exports" not in text
