"""The import direction and code hygiene that keep storykit easy to change.

Every module of storykit/ sits in one layer; a module imports only its own layer and the
layers below it (renderers: only the Story and the bottom layer), and no two modules import
each other, directly or round a longer loop. A new module fails here until it is given its
layer on purpose. Imports inside functions and under TYPE_CHECKING count: they are arrows too.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "storykit"
PAGES = ROOT / "pages"
MAX_LINES = 400

#: Bottom to top. A module may import modules of its own layer and of the layers below it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("storykit.errors", "storykit.vocabulary", "storykit.progress", "storykit.limits", "storykit.cfb",
              "storykit.chartspec", "storykit.frozenmap", "storykit.weeks")),
    ("model", ("storykit.model",)),
    ("ingest and classify", ("storykit.ingest", "storykit.ingest.*", "storykit.classify", "storykit.ownership",
                             "storykit.ownership.*", "storykit.project", "storykit.project_*")),
    ("analysis", ("storykit.cube", "storykit.analysis")),
    ("scenario", ("storykit.scenario",)),
    ("narrative", ("storykit.narrative", "storykit.narrative.*")),
    ("renderers", ("storykit.export", "storykit.export.*", "storykit.charts", "storykit.lint")),
    ("pipeline", ("storykit.pipeline", "storykit.report", "storykit")),
    ("edge", ("storykit.cli", "storykit.memory")),
)
#: Renderers draw the Story: of everything above the bottom layer they may read only its data.
RENDERERS_READ = ("storykit.narrative.story",)
RENDERERS = {"plotly", "pptx", "storykit.charts", "storykit.export"}
RENDERER_LAYER = next(i for i, (name, _) in enumerate(LAYERS) if name == "renderers")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def imports_of(path: Path) -> frozenset[str]:
    """Every module `path` imports, at any depth of its code; 'from storykit import x' names storykit.x if it is one."""
    known = set(modules())
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & known
            names.update(submodules)
            if len(submodules) < len(node.names):  # names defined in the module itself
                names.add(node.module)
    return frozenset(names)


def layer_of(module: str) -> int | None:
    for i, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return i
    return None


@functools.cache
def graph() -> dict[str, set[str]]:
    """storykit module -> the storykit modules it imports (a package's own __init__ left out)."""
    known = modules()
    return {m: {n for n in imports_of(p) if n in known and n != m and not (n == "storykit" and m != "storykit")}
            for m, p in known.items()}


MODULES = sorted(modules())


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_a_layer(module):
    assert layer_of(module) is not None, f"{module}: add it to LAYERS in tests/test_architecture.py"


@pytest.mark.parametrize("module", MODULES)
def test_imports_point_down_the_flow(module):
    own = layer_of(module)
    assert own is not None
    up = []
    for target in sorted(graph()[module]):
        theirs = layer_of(target)
        if theirs is None or theirs > own or (own == RENDERER_LAYER and 0 < theirs < own and target not in RENDERERS_READ):
            up.append(target)
    assert not up, f"{module} ({LAYERS[own][0]}) imports against the flow: {', '.join(up)}"


def test_no_import_cycles():
    """Tarjan's strongly connected components: any with two or more modules is a cycle."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert not cycles, cycles


#: Modules still over the limit, each with who is splitting it; strict: the entry must go when it is split.
TOO_LONG_YET = {"storykit/ingest/roles/assign.py": "reader roles (#13)", "pages/_shared.py": "app (#17)"}


def _length_case(path: Path):  # type: ignore[no-untyped-def]
    name = str(path.relative_to(ROOT))
    marks = [pytest.mark.xfail(strict=True, reason=f"to be split by {TOO_LONG_YET[name]}")] if name in TOO_LONG_YET else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", [_length_case(p) for p in (*sorted(PACKAGE.rglob("*.py")), *sorted(PAGES.glob("*.py")))])
def test_no_module_is_longer_than_it_can_be_read(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by job"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_storykit_never_imports_streamlit(path):
    assert not any(n == "streamlit" or n.startswith("streamlit.") for n in imports_of(path))


@pytest.mark.parametrize("module", [m for m in MODULES if (layer_of(m) or 0) < RENDERER_LAYER])
def test_nothing_before_the_renderers_imports_one(module):
    names = imports_of(modules()[module])
    assert not any(n == r or n.startswith(r + ".") for n in names for r in RENDERERS)


def test_importing_storykit_loads_no_ui_or_renderer():
    code = ("import sys, storykit; bad = [m for m in ('streamlit', 'plotly', 'pptx') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
