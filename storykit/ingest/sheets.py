"""A workbook's sheets: the one that holds the log, and sheets of the same shape read together as one log.

People keep one sheet per person, per week, per month or per pay period, all with the same
columns. Each such sheet is part of the log: they are read alike and combined, and when the
columns do not say whose time it is, a sheet named after a person gives the name (and says so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from storykit.ingest.grid import Grid
from storykit.model import Source, TimeLog, as_labels

#: Which kind of table to prefer when a workbook has several: an entry log beats totals.
KIND_RANK = {"log": 2, "rollup": 1, "summary": 0}
#: Names spreadsheet programs give new sheets, and names that say only "data": no person, no period.
_GENERIC = re.compile(r"^\s*((sheet|tabelle|blatt|feuil(le)?|hoja|foglio|planilha|arkusz|list|лист|munkalap|ark)"
                      r"\s*\d*|data|daten|donn[ée]es|datos|log|export|report|bericht|time ?sheet|times|entries)\s*$",
                      re.IGNORECASE)
_MONTHS = ("jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|februar|march|märz|april|june|july|"
           "august|september|october|oktober|november|december|dezember|janvier|février|mars|avril|juin|juillet|"
           "août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
           "septiembre|octubre|noviembre|diciembre")
_PERIOD = re.compile(rf"^\s*(({_MONTHS})\.?(\s*'?\d{{2,4}})?|(\d{{4}}\s*[-_/ ]\s*)?({_MONTHS})\.?"
                     r"|(week|wk|kw|woche|semaine|semana|w)\s*\.?\s*\d{1,2}([-_/ ]\d{2,4})?"
                     r"|(\d{4}\s*[-_/ ]?\s*)?(w|kw|q)\s*\d{1,2}|(pay\s*)?period\s*\d+|pp\s*\d+"
                     r"|\d{1,4}([-_./ ]\d{1,2}){0,2}([-_./ ]\d{2,4})?([ _]*(-|–|to|bis)[ _]*\d{1,4}([-_./ ]\d{1,2}){0,2})?)\s*$",
                     re.IGNORECASE)


def pick_sheets(candidates: list[tuple[TimeLog, Grid]],
                read_like: Callable[[Grid, Source], TimeLog]) -> tuple[TimeLog, list[Grid]]:
    """The log of the best sheet, combined with every other sheet of the same shape, and the sheets read.

    Sheets of the same shape have the same columns and kind. They are read alike: a sheet whose
    columns were read otherwise than most of them (a week where the evidence leaned the other
    way) is read again as the others were, through `read_like(grid, source)`.
    """
    log, grid = max(candidates, key=lambda c: (KIND_RANK.get(c[0].sources[0].kind, 0), c[0].total_hours > 0,
                                               len(c[0].frame)))
    src = log.sources[0]
    same = [(other, g) for other, g in candidates
            if g is grid or (src.kind != "summary" and _same_shape(other.sources[0], src))]
    if len(same) < 2:
        return log, [grid]
    usual = Counter(tuple(sorted(other.sources[0].mapping.items())) for other, _ in same).most_common(1)[0][0]
    model = next(other.sources[0] for other, _ in same if tuple(sorted(other.sources[0].mapping.items())) == usual)
    same = [(other if other.sources[0].mapping == model.mapping else read_like(g, model), g) for other, g in same]
    return combine_sheets(same), [g for _, g in same]


def _same_shape(a: Source, b: Source) -> bool:
    return a.kind == b.kind and a.columns == b.columns


def combine_sheets(parts: list[tuple[TimeLog, Grid]]) -> TimeLog:
    """One log from sheets of the same shape; sheet names become people when the columns name no one."""
    names = [str(g.sheet) for _, g in parts]
    sources = [log.sources[0] for log, _ in parts]
    frames = [log.frame for log, _ in parts]
    notes = [f"{len(parts)} sheets of the same shape read as one log: {_list(names)}"]
    people_known = all(s.people_known for s in sources)
    as_people = not people_known and all(_person_like(n) for n in names)
    if as_people:
        frames = [f.assign(person=name) for f, name in zip(frames, names, strict=True)]
        notes.append("no person column: each sheet is one person's time, named by its sheet (" + _list(names) + ")")
        people_known = True
    elif all(_PERIOD.match(n) for n in names):
        notes.append("each sheet is one period (" + _list(names) + "): their rows give the dates")
    frame = pd.concat(frames, ignore_index=True)
    for column in ("file", "sheet"):
        frame[column] = frame[column].astype("category")
    if as_people:
        frame["person"] = frame["person"].astype(str)
    as_labels(frame)
    warnings = _once([w for s in sources for w in s.warnings
                      if not (as_people and w.startswith("no person column"))])
    first = sources[0]
    source = replace(first, rows=len(frame), sheets=tuple(names), people_known=people_known,
                     warnings=tuple(dict.fromkeys([*notes, *warnings])),
                     doubts=tuple(dict.fromkeys(d for s in sources for d in s.doubts)),
                     confidence=min(s.confidence for s in sources),
                     period=_span([s.period for s in sources]))
    return TimeLog(frame, (source,), tuple(s for log, _ in parts for s in log.skipped),
                   tuple(s for log, _ in parts for s in log.flagged))


def _once(warnings: list[str]) -> list[str]:
    """Each sheet's notes said once for the workbook: notes that differ only in their example or count
    ('e.g. 'Mon 10/30'', '11 rows') are the same note, and the first sheet's wording stands."""
    seen: set[str] = set()
    out = []
    for w in warnings:
        key = re.sub(r"\d+", "#", re.sub(r"e\.g\. '[^']*'", "", w))
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def _person_like(name: str) -> bool:
    """A sheet name that can be a person's: letters, not a period, not a name a program gives sheets."""
    return bool(re.search(r"[^\W\d_]", name)) and len(name) <= 40 and not _GENERIC.match(name) \
        and not _PERIOD.match(name)


def _span(periods):  # type: ignore[no-untyped-def]
    known = [p for p in periods if p]
    return (min(a for a, _ in known), max(b for _, b in known)) if known else None


def _list(names: list[str]) -> str:
    shown = ", ".join(map(repr, names[:6]))
    return shown + (f" and {len(names) - 6} more" if len(names) > 6 else "")
