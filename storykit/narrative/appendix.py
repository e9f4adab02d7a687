"""The appendix as data: a method table and a data table, for "how did you get this number?".

Both come from the same Metrics the story was told from, so every figure on them is one the
three acts used, with its formula and the actual inputs. Renderers draw the tables; they
compute nothing.
"""

from __future__ import annotations

from storykit.analysis import Metrics
from storykit.narrative.explain import explain
from storykit.narrative.story import METHOD, NoteSection, Table
from storykit.narrative.words import weeks_words

CLASS_ROWS = {"core": "Our core work", "overhead": "Our overhead (meetings, admin)",
              "unassigned": "No owner yet (counted as neither)", "non_work": "Non-work (breaks, lunch)"}
MAX_OWNER_ROWS = 8


def appendix(metrics: Metrics, currency: str) -> tuple[Table, ...]:
    method = method_rows(metrics, currency)
    return (
        Table(f"How the {len(method) - 1} numbers in this story were calculated, with their inputs", method,
              (0.17, 0.13, 0.30, 0.40),
              NoteSection(METHOD, ("Every number on the three slides comes from these formulas, with the inputs shown.",))),
        Table(f"{metrics.work_hours:,.0f} work hours over {weeks_words(metrics.weeks)}, by whose work it is", data_rows(metrics),
              (0.40, 0.15, 0.15, 0.12, 0.18),
              NoteSection("DATA", ("Hours from the time logs, grouped by the owner and class each activity was given.",)),
              figures=True),
    )


def method_rows(metrics: Metrics, currency: str) -> tuple[tuple[str, ...], ...]:
    rows = [("Measure", "Value", "What it means", "How it was calculated")]
    rows += [(e.name, e.value, e.meaning, e.formula) for e in explain(metrics, currency)]
    return tuple(rows)


def data_rows(metrics: Metrics) -> tuple[tuple[str, ...], ...]:
    """Hours by whose work it is and by class; other teams beyond eight grouped as one row."""

    def row(name: str, hours: float, share: bool = True) -> tuple[str, ...]:
        pct = f"{hours / metrics.work_hours:.0%}" if share and metrics.work_hours > 0 else "-"
        return (name, f"{hours:,.1f}", f"{hours / metrics.weeks:,.1f}", f"{metrics.fte(hours):.1f}", pct)

    rows = [("Whose work", "Hours", "Hours a week", "FTE", "Share of work")]
    for cls in ("core", "overhead", "unassigned"):
        if metrics.hours_by_class.get(cls, 0) > 0:
            rows.append(row(CLASS_ROWS[cls], metrics.hours_by_class[cls]))
    owners = list(metrics.by_owner)
    if len(owners) > MAX_OWNER_ROWS + 1:
        tail = owners[MAX_OWNER_ROWS:]
        owners = owners[:MAX_OWNER_ROWS] + [(f"Other teams ({len(tail)})", sum(h for _, h in tail))]
    rows += [row(f"Other team: {owner}", hours) for owner, hours in owners]
    rows.append(row("Work hours in total", metrics.work_hours))
    if metrics.hours_by_class.get("non_work", 0) > 0:
        rows.append(row(CLASS_ROWS["non_work"], metrics.hours_by_class["non_work"], share=False))
    return tuple(rows)
