"""The sample data is what its script writes: regenerated in a temporary folder, it matches what is committed.

A sample edited by hand, or a script changed without rerunning it (it once forgot the project's
minutes per backlog item), would make the demo and the tests read data nobody can reproduce.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile

from tests.conftest import SAMPLES

#: openpyxl stamps a workbook's document properties with the time it was saved.
SAVED_AT = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _parts(workbook: bytes) -> dict[str, bytes]:
    """A workbook's parts, the save time left out of its document properties."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as book:
        return {name: SAVED_AT.sub(b"", book.read(name)) for name in book.namelist()}


def test_regenerating_the_samples_gives_what_is_committed(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix != ".py")
    for name in written:
        new, old = (tmp_path / name).read_bytes(), (SAMPLES / name).read_bytes()
        if name.endswith(".xlsx"):
            assert _parts(new) == _parts(old), name
        else:
            assert new == old, f"{name} differs from what sample_data/make_samples.py writes"
