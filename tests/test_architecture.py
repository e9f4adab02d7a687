"""The import direction and code hygiene that keep storykit easy to change.

Every module of storykit/ and of the app (app.py, pages/) sits in one layer, and each layer
names the layers (or single modules) it may import: an allow-list, not just "anything below",
so the reader never reaches for the classifier, the renderers read only the Story, and the app
and the CLI reach the library through its public API. No two modules import each other, directly
or round a longer loop. A new module fails here until it is given its layer on purpose. Imports
inside functions and under TYPE_CHECKING count: they are arrows too.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "storykit"
PAGES = ROOT / "pages"
MAX_LINES = 400


@dataclass(frozen=True)
class Layer:
    name: str
    modules: tuple[str, ...]  # fnmatch patterns of the modules in it
    may_import: frozenset[str]  # other layers' names, or single modules of a layer not otherwise allowed


def _layer(name: str, modules: tuple[str, ...], *may_import: str) -> Layer:
    return Layer(name, modules, frozenset(may_import))


#: Bottom to top, each with what it may import besides its own layer.
LAYERS: tuple[Layer, ...] = (
    # storykit.memory: the process's allocator settings (the app sets them), heeded by the pipeline after a read.
    _layer("base", ("storykit.errors", "storykit.vocabulary", "storykit.progress", "storykit.limits", "storykit.cfb",
                    "storykit.chartspec", "storykit.frozenmap", "storykit.weeks", "storykit.memory")),
    _layer("model", ("storykit.model", "storykit.baseline"), "base"),
    _layer("ingest", ("storykit.ingest", "storykit.ingest.*"), "base", "model"),
    _layer("classify", ("storykit.classify", "storykit.ownership", "storykit.ownership.*"), "base", "model"),
    _layer("project", ("storykit.project", "storykit.project_*"), "base", "model", "classify"),
    _layer("analysis", ("storykit.cube", "storykit.analysis"), "base", "model", "classify"),
    _layer("scenario", ("storykit.scenario",), "base", "model", "analysis"),
    # The second meeting's numbers: a later period's analysis held against the baseline's plan.
    _layer("followup", ("storykit.followup",), "base", "model", "classify", "analysis", "scenario"),
    _layer("narrative", ("storykit.narrative", "storykit.narrative.*"), "base", "model", "analysis", "scenario",
           "followup"),
    # Renderers draw the Story: of everything above the bottom layer they read only its data.
    _layer("renderers", ("storykit.export", "storykit.export.*", "storykit.charts", "storykit.lint"), "base",
           "storykit.narrative.story"),
    _layer("pipeline", ("storykit.pipeline", "storykit.report", "storykit", "storykit.api"), "base", "model", "ingest", "classify",
           "project", "analysis", "scenario", "followup", "narrative", "renderers"),
    # The CLI and the app take the pipeline (the public API), never the steps inside it.
    # ...and, as the one exception, the route's read-ahead: it starts before the pipeline is imported.
    _layer("edge", ("storykit.cli",), "base", "project", "pipeline", "storykit.ingest.route"),
    _layer("app", ("app", "pages", "pages.*"), "base", "pipeline", "edge", "storykit.charts"),
)
#: Packages the layers below the renderers must never import, even lazily.
RENDERERS = {"plotly", "pptx", "storykit.charts", "storykit.export"}
RENDERER_LAYER = next(i for i, layer in enumerate(LAYERS) if layer.name == "renderers")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    """Every module of the library and of the app, by its dotted name."""
    paths = (*sorted(PACKAGE.rglob("*.py")), ROOT / "app.py", *sorted(PAGES.glob("*.py")))
    return {module_name(p): p for p in paths}


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
    for i, layer in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, p) for p in layer.modules):
            return i
    return None


@functools.cache
def graph() -> dict[str, set[str]]:
    """module -> the storykit and app modules it imports. `import storykit` from outside the package is
    an arrow to the public API; inside it, only the package's own __init__ draws it (else every module
    would loop through the __init__ that imports it)."""
    known = modules()
    inside = {m for m in known if m == "storykit" or m.startswith("storykit.")}
    return {m: {n for n in imports_of(p) if n in known and n != m and not (n == "storykit" and m in inside)}
            for m, p in known.items()}


MODULES = sorted(modules())


def may_import(module: str, target: str) -> bool:
    own, theirs = layer_of(module), layer_of(target)
    assert own is not None and theirs is not None
    allowed = LAYERS[own].may_import
    return theirs == own or LAYERS[theirs].name in allowed or target in allowed


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_a_layer(module):
    assert layer_of(module) is not None, f"{module}: add it to LAYERS in tests/test_architecture.py"


@pytest.mark.parametrize("module", MODULES)
def test_imports_keep_to_the_layer_allow_list(module):
    own = layer_of(module)
    assert own is not None
    against = sorted(t for t in graph()[module] if layer_of(t) is None or not may_import(module, t))
    assert not against, (f"{module} ({LAYERS[own].name}) may import only {sorted(LAYERS[own].may_import)}, "
                         f"not: {', '.join(against)}")


def test_the_allow_list_points_down_the_flow():
    """A layer may name only layers below it: an arrow up would allow a cycle between layers."""
    names = [layer.name for layer in LAYERS]
    for i, layer in enumerate(LAYERS):
        for allowed in layer.may_import:
            below = names.index(allowed) if allowed in names else layer_of(allowed)
            assert below is not None and below < i, f"{layer.name} may import {allowed}, which is not below it"


def test_every_single_module_allowance_is_still_used():
    """An allowance for one module is an exception: once its arrow is gone, it goes too, or the arrow
    could come back unnoticed."""
    layers = {layer.name for layer in LAYERS}
    drawn = {(layer_of(m), t) for m, targets in graph().items() for t in targets}
    stale = [f"{layer.name} -> {allowed}" for i, layer in enumerate(LAYERS) for allowed in sorted(layer.may_import)
             if allowed not in layers and not any((i, allowed) == arrow for arrow in drawn)]
    assert not stale, stale


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


@pytest.mark.parametrize("path", [*sorted(PACKAGE.rglob("*.py")), ROOT / "app.py", *sorted(PAGES.glob("*.py"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
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
