"""The kinds of field a project file holds, and the readers that check a value against one.

`Number(1, 80)`, `Count(1, 3)`, `Text(80)`, `Choice(AUDIENCES)`, `Day()`, `Flag()`, `Records(...)`:
each reads one JSON value and either returns it as Python wants it or records, in `Problems`,
what is wrong with it and where. storykit/project_schema.py declares every field of the file
with these, one line each, and says why they are ours and not a library's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storykit.project_json import BAD, Problems, TooBig

FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)  # plans start within the data's century
JSON_NAMES = {"class": "cls"}  # a JSON key that is a Python keyword, as the dataclass names its field


@dataclass(frozen=True)
class Number:
    """A finite number from `lo` to `hi`; never true/false, never text."""

    lo: float
    hi: float
    whole: bool = False
    optional: bool = False

    def read(self, value: Any, where: str, p: Problems) -> Any:
        if value is None and self.optional:
            return None
        kind = "a whole number" if self.whole else "a number"
        rule = f"must be {kind} from {_figure(self.lo)} to {_figure(self.hi)}"
        if isinstance(value, bool) or not isinstance(value, (int, float, TooBig)):
            return p.add(where, rule, value)
        if isinstance(value, TooBig) or (isinstance(value, float) and not math.isfinite(value)):
            return p.add(where, rule, value)
        if self.whole and not (isinstance(value, int) or value.is_integer()):
            return p.add(where, rule, value)
        if not self.lo <= value <= self.hi:  # exact for ints of any size: no float conversion
            return p.add(where, rule, value)
        return int(value) if self.whole else float(value)


def _figure(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def Count(lo: int, hi: int, optional: bool = False) -> Number:
    """A whole number: a stage, weeks, items."""
    return Number(lo, hi, whole=True, optional=optional)


@dataclass(frozen=True)
class Text:
    limit: int
    nonempty: bool = False
    why_nonempty: str = ""

    def read(self, value: Any, where: str, p: Problems) -> Any:
        if not isinstance(value, str):
            return p.add(where, "must be text", value)
        if len(value) > self.limit:
            return p.add(where, f"is longer than {self.limit} characters", value)
        if self.nonempty and not value.strip():
            return p.add(where, "must not be empty" + self.why_nonempty, value)
        return "".join(ch for ch in value if ch.isprintable() or ch in "\n\t")


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]

    def read(self, value: Any, where: str, p: Problems) -> Any:
        if not isinstance(value, str) or value not in self.options:
            return p.add(where, f"must be one of {', '.join(self.options)}", value)
        return value


@dataclass(frozen=True)
class Flag:
    def read(self, value: Any, where: str, p: Problems) -> Any:
        return value if isinstance(value, bool) else p.add(where, "must be true or false", value)


@dataclass(frozen=True)
class Day:
    """An ISO date (or null, unless required) within FIRST_DAY..LAST_DAY: year 1 or 9999 is a typo, not a plan."""

    required: bool = False

    def read(self, value: Any, where: str, p: Problems) -> Any:
        if value is None:
            return p.add(where, "must be a date like 2026-01-31", value) if self.required else None
        try:
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return p.add(where, "must be a date like 2026-01-31", value)
        if not FIRST_DAY <= day <= LAST_DAY:
            return p.add(where, f"must be a date from {FIRST_DAY.year} to {LAST_DAY.year}", value)
        return day


@dataclass(frozen=True)
class Records:
    """A list of records of one kind, as a tuple."""

    make: type
    fields: dict[str, Any]
    limit: int = 1000

    def read(self, value: Any, where: str, p: Problems) -> Any:
        items = [record(self.make, self.fields, v, f"{where}[{i}]", p) for i, v in enumerate(array(value, where, p,
                                                                                                   self.limit))]
        return BAD if BAD in items else tuple(items)


# -- records, objects, lists ----------------------------------------------------------------
def record(make: Callable[..., Any], fields: dict[str, Any], value: Any, where: str, p: Problems) -> Any:
    """One JSON object as `make(**fields)`; absent fields take the dataclass's defaults."""
    value = obj(value, where, p)
    if value is BAD:
        return BAD
    unknown(value, tuple(fields), where, p)
    defaults = {f.name: f.default for f in dataclasses.fields(make) if f.default is not dataclasses.MISSING}
    kwargs = {}
    for name, kind in fields.items():
        attr = JSON_NAMES.get(name, name)
        if name in value:
            kwargs[attr] = kind.read(value[name], f"{where}.{name}", p)
        elif attr not in defaults:
            kwargs[attr] = p.add(f"{where}.{name}", "is missing")
    return BAD if BAD in kwargs.values() else make(**kwargs)


def obj(value: Any, where: str, p: Problems) -> Any:
    return value if isinstance(value, dict) else p.add(where, "must be an object", value)


def array(value: Any, where: str, p: Problems, limit: int = 1000) -> list:
    """The list, or [] after recording why not (so the caller reads no items)."""
    if not isinstance(value, list):
        p.add(where, "must be a list", value)
        return []
    if len(value) > limit:
        p.add(where, f"has more than {limit:,} items", value)
        return []
    return value


def unknown(value: dict, allowed: tuple[str, ...], where: str, p: Problems) -> None:
    extra = [k for k in value if k not in allowed]
    if extra:
        names = ", ".join(repr(k) for k in extra)
        p.add(where, f"has {'unknown fields' if len(extra) > 1 else 'an unknown field'} {names} "
                     f"(allowed: {', '.join(allowed)})")
