"""One exception family whose messages say what is wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class StoryKitError(Exception):
    """Anything storykit refuses; the CLI and pages turn it into one line of text.

    The location fields are optional because not every problem has a row or a column,
    but whenever one applies it is filled in, so the user can find the cell.
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        if self.value is not None:
            text = str(self.value)
            parts.append(f"value {text[:40]!r}" + ("..." if len(text) > 40 else ""))
        return ", ".join(parts)

    def __str__(self) -> str:
        head = f"{self.file}: " if self.file else ""
        where = self.where()
        text = f"{head}{self.message}" + (f" ({where})" if where else "")
        return f"{text}. {self.hint}" if self.hint else text


class ReadError(StoryKitError):
    """The bytes could not be read as a table (encoding, zip, encryption, size)."""


class FormatError(StoryKitError):
    """The table was read but is not a time log we can map."""


class LimitError(StoryKitError):
    """The input is larger or deeper than the limits in the README."""


class ProjectError(StoryKitError):
    """A project file is malformed, from an unknown version, or holds bad values."""


class FollowUpError(StoryKitError):
    """A later period cannot be held against the plan: no baseline, or no weeks after it."""
