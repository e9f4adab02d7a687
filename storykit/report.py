"""What `inspect` reports about a file: one plain dict, the same for the CLI and the tests."""

from __future__ import annotations

from typing import Any

from storykit.model import Question, SkippedRow, TimeLog
from storykit.pipeline import Analysis
from storykit.vocabulary import CLASSES


def inspect_report(log: TimeLog, analysis: Analysis) -> dict[str, Any]:
    src = log.sources[0]
    by_label = analysis.cube.hours_by("activity")
    by_person = analysis.cube.hours_by("person").sort_index()
    first, last = log.date_range or (None, None)
    metrics = analysis.metrics
    return {
        "file": src.file,
        "format": src.format,
        "confidence": src.confidence,
        "needs_confirmation": src.needs_confirmation,
        "doubts": list(src.doubts),
        "kind": src.kind,
        "period": [d.isoformat() for d in src.period] if src.period else None,
        "sheet": src.sheet,
        "header_row": src.header_row,
        "rows": log.rows_read,
        # entries left out: unreadable ones and ones set aside (far dates); the table's own rows apart
        "skipped_rows": [_row(s) for s in log.not_counted],
        "skipped_count": len(log.not_counted) + sum(s.more_skipped for s in log.sources),
        "structure_rows": [_row(s) for s in log.structure_rows],
        "structure_count": len(log.structure_rows),
        "flagged_count": len(log.flagged) + sum(s.more_flagged for s in log.sources),
        "flagged_rows": [{"row": s.row, "reason": s.reason, "sheet": s.sheet, "file": s.file} for s in log.flagged],
        "total_hours": round(log.total_hours, 4),
        "people": log.people,
        "people_known": log.people_known,
        "weekly_detail": log.weekly_detail,
        "sheets": [s for src in log.sources for s in (src.sheets or ((src.sheet,) if src.sheet else ()))],
        "hours_by_person": {str(k): round(float(v), 4) for k, v in by_person.items()},
        "category_column": src.category_column,
        "hours_by_label": {str(k): round(float(v), 4) for k, v in by_label.items()},
        "date_range": [first.isoformat() if first else None, last.isoformat() if last else None],
        "mapping": dict(src.mapping),
        "reasons": {role: src.reasons.get(role, "") for role in src.mapping},
        "question": _question(src.question),
        "ignored_columns": dict(src.ignored),
        "hours_by_class": {c: round(metrics.hours_by_class[c], 4) for c in CLASSES},
        "other_team_share": round(metrics.other_team_share, 6),
        "warnings": list(log.warnings),
    }


def _question(q: Question | None) -> dict[str, Any] | None:
    """The one question the reading could not answer from the file, with each answer's mapping (to put under
    the file's name in a project's `mappings`)."""
    if q is None:
        return None
    return {"text": q.text, "why": q.why,
            "options": [{"answer": o.answer, "consequence": o.consequence, "mapping": dict(o.mapping)}
                        for o in q.options]}


def _row(s: SkippedRow) -> dict[str, Any]:
    return {"row": s.row, "reason": s.reason, "sheet": s.sheet, "file": s.file, "kind": s.kind}
