"""storykit: turn a team's time logs into a three-act story and a deck leadership acts on.

    import storykit as sk
    built = sk.build(["toggl.csv"], sk.Project())          # load, analyse, tell, draw
    open("deck.pptx", "wb").write(built.deck)

    log = sk.load("toggl.csv")                              # or step by step, as the app does
    story = sk.build_story(log, sk.Project())
    open("deck.pptx", "wb").write(sk.build_deck(story))

    project = sk.saved_project(sk.Project(), sk.analyse(log))   # this period kept as the baseline
    follow = sk.build_follow_up(sk.load("toggl-next.csv"), project)  # the second meeting: plan vs actual

The names below are the public API (imported from storykit/api.py on first use, so that `import
storykit` costs nothing until one is needed); storykit/pipeline.py is where they are put together.
"""

# ruff: noqa: F405  (the names in __all__ come from storykit.api, below)
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storykit.api import *  # noqa: F403  (what type checkers and editors see)

__all__ = [
    "CLASSES", "OUR_TEAM", "Act", "Analysis", "Baseline", "Built", "Change", "Choice", "Classification", "CostRate",
    "Cube", "DeckOptions", "Edits", "FollowUp", "FollowUpError", "FormatError", "HandBack", "LimitError", "Metrics",
    "Notes", "Outcome", "Project", "ProjectError", "ReadError", "Rule", "Scenario", "ServiceLevel", "Settings",
    "SkippedRow", "Source", "Story", "StoryKitError", "TimeLog", "analyse", "baseline_words", "build", "build_deck",
    "build_follow_up", "build_story", "can_follow_up", "classify", "cube_of", "explain", "follow_up", "is_our_team",
    "lint_story", "load", "read_file", "require_baseline", "saved_project",
]


def __getattr__(name: str) -> Any:
    """A public name, imported the first time it is asked for.

    `storykit --help` then answers without importing pandas, and the CLI imports the library with the
    collector paused (cli.run). Submodules (`storykit.limits`) are not names here: the import system
    finds them itself once this says no.
    """
    if name not in __all__:
        raise AttributeError(f"module 'storykit' has no attribute {name!r}")
    from storykit import api

    value = globals()[name] = getattr(api, name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package, whose public names win over its submodules of the same name.

    Importing a submodule sets it as the package's attribute: `storykit.classify` would become the
    module once anything imported storykit/classify.py, and `sk.classify(labels)` would fail. A public
    name is never replaced by a module (it was the function when this file imported everything).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
