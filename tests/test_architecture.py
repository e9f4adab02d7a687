"""The import direction and code hygiene that keep storykit easy to change."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "storykit"
RENDERERS = {"plotly", "pptx", "storykit.charts", "storykit.export"}


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_storykit_never_imports_streamlit(path):
    assert not any(n == "streamlit" or n.startswith("streamlit.") for n in imports_of(path))


STORY_MODULES = sorted({*PACKAGE.glob("narrative/**/*.py"), *(PACKAGE / m for m in (
    "analysis.py", "scenario.py", "chartspec.py", "classify.py", "model.py", "vocabulary.py"))})
RENDERER_MODULES = sorted({*PACKAGE.glob("export/*.py"), PACKAGE / "charts.py"})
BEFORE_THE_STORY = {"storykit.analysis", "storykit.scenario", "storykit.classify", "storykit.model",
                    "storykit.ingest", "storykit.project"}


@pytest.mark.parametrize("path", STORY_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_story_modules_import_no_renderer(path):
    names = imports_of(path)
    assert not any(n == r or n.startswith(r + ".") for n in names for r in RENDERERS)


@pytest.mark.parametrize("path", RENDERER_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_renderers_read_only_the_story(path):
    """A renderer draws the Story and its ChartSpecs; it never reaches back for the numbers."""
    names = imports_of(path)
    assert not any(n == m or n.startswith(m + ".") for n in names for m in BEFORE_THE_STORY)


def test_importing_storykit_loads_no_ui_or_renderer():
    code = ("import sys, storykit; bad = [m for m in ('streamlit', 'plotly', 'pptx') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
