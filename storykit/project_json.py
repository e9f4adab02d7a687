"""The project file's JSON, read strictly, and its problems in words that name the field and the value.

Python's json module keeps the last of a key written twice, turns 1e999 into infinity, and
cannot turn a 5,000-digit integer into text again; a project file is small and hand-editable, so
all three are refused instead, with the place they were found. `shown` words a value as the file
wrote it, with its kind: `2.5, a number` is not `'2.5', text`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from storykit.errors import LimitError, ProjectError

MAX_PROJECT_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 8
MAX_DIGITS = 30  # integers longer than this are kept as their text: no field holds one
BAD: Any = object()  # what a field reads as when it is refused (its problem is already recorded)


class Problems(list[str]):
    """Every problem found so far, as phrases naming the field and the value."""

    def add(self, where: str, what: str, value: Any = ...) -> Any:
        self.append(f"{where} {what}" + ("" if value is ... else f" ({shown(value)})"))
        return BAD


@dataclass(frozen=True)
class TooBig:
    """A number as the file wrote it, when no float holds it (1e999, NaN, a 400-digit integer)."""

    text: str


class _Object(dict):
    """A JSON object, with the keys the file wrote more than once (the parser keeps the last)."""

    twice: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    out = _Object(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        out.twice = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return out


def _number(text: str) -> float | TooBig:
    value = float(text)
    return value if math.isfinite(value) else TooBig(text)


def _integer(text: str) -> int | TooBig:
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else TooBig(text)


def parse_json(text: str | bytes, file: str) -> Any:
    if len(text) > MAX_PROJECT_BYTES:
        raise LimitError(f"the project file is larger than {MAX_PROJECT_BYTES // 2**20} MB", file=file)
    use = "Use a project file saved by storykit."
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ProjectError("not a valid JSON file (it is not UTF-8 text)", file=file, hint=use) from None
    if not text.strip():
        raise ProjectError("the project file is empty", file=file, hint=use)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_float=_number, parse_int=_integer,
                          parse_constant=TooBig)
    except RecursionError:
        raise ProjectError(f"the JSON is nested deeper than {MAX_DEPTH} levels", file=file, hint=use) from None
    except json.JSONDecodeError as e:
        raise ProjectError(f"not a valid JSON file ({e.msg} at line {e.lineno}, column {e.colno})", file=file,
                           hint=use) from None


def walk(value: Any, where: str, level: int, p: Problems) -> None:
    """Depth and keys written twice, everywhere in the file (also where no field is read)."""
    if level > MAX_DEPTH:
        if not p:
            p.add("the file", f"is nested deeper than {MAX_DEPTH} levels")
        return
    if isinstance(value, dict):
        for key in getattr(value, "twice", ()):
            p.add(where, f"has the key {key!r} more than once (keep one)")
        for key, item in value.items():
            walk(item, f"{where}.{key}" if level else key, level + 1, p)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            walk(item, f"{where}[{i}]", level + 1, p)


def shown(value: Any) -> str:
    """A value as the file wrote it, with its kind: `value 2.5, a number`, `value '2.5', text`."""
    if value is None:
        return "value null"
    if isinstance(value, bool):
        return f"value {str(value).lower()}, true/false"
    if isinstance(value, TooBig):
        text = value.text
        digits = len(text.lstrip("-"))
        if text.lstrip("-").isdigit():
            return f"value {text[:6]}...{text[-3:]}, a number with {digits:,} digits"
        return f"value {text[:24]}, a number"
    if isinstance(value, (int, float)):
        return f"value {value!r}, a number"
    if isinstance(value, str):
        return f"value {value[:40]!r}{'...' if len(value) > 40 else ''}, text"
    if isinstance(value, list):
        if len(value) > 3:
            return f"a list of {len(value):,} items"
        return f"value {json.dumps(value, default=lambda big: big.text)[:60]}, a list"  # TooBig as its text
    if isinstance(value, dict):
        return "an object"
    return f"value {value!r}"
