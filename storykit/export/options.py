"""Choices about the deck file (not the story), importable without loading python-pptx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DeckOptions:
    """Choices about the file, not the story."""

    now: dt.datetime | None = None  # fixed in tests; default: the time of building
    template: bytes | None = None  # a brand .pptx or .potx; None: our own 16:9 design
    template_name: str = "template"  # the uploaded file's name, for error messages
    appendix: bool = False  # add a method slide and a data table (needs the analysis)
