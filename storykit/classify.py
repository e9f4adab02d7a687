"""Whose work each activity label is: presets, the user's keyword rules, and exact edits.

Order of precedence: an exact edit by the user, then the user's keyword rules, then presets.
Anything still unmatched is `unassigned`: shown to the user, never guessed silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storykit.model import CLASSES, OUR_TEAM, Assignment


@dataclass(frozen=True)
class Rule:
    """Labels containing `keyword` (case-insensitive, whole words) belong to `owner` as `cls`."""

    keyword: str
    owner: str
    cls: str

    def matches(self, label: str) -> bool:
        return bool(re.search(rf"(?<!\w){re.escape(self.keyword.lower())}", label.lower()))


def _r(keywords: str, owner: str, cls: str) -> list[Rule]:
    return [Rule(k.strip(), owner, cls) for k in keywords.split("|")]


#: Presets in English and German. Earlier rules win, so the specific come before the general.
PRESETS: tuple[Rule, ...] = tuple(
    _r("lunch|break|pause|mittag|mittagspause|vacation|holiday|urlaub|sick|krank|leave|personal", OUR_TEAM, "non_work")
    + _r("overflow|phone queue|phones|call queue|inbound calls|switchboard|contact centre|contact center|"
         "call centre|call center|hotline|telefon|anrufe|warteschlange", "Contact Centre", "other_team")
    + _r("it escalation|escalation|helpdesk|help desk|it support|password reset|laptop|vpn|access request|"
         "it ticket|software install|it-support|passwort", "IT", "other_team")
    + _r("invoice|invoicing|billing|accounts receivable|ar chasing|payment chasing|dunning|refund|credit note|"
         "rechnung|mahnung|zahlung|buchhaltung|finance", "Finance", "other_team")
    + _r("order error|order correction|order fix|sales ops|quote|crm cleanup|rework|auftragsfehler|"
         "nacharbeit|angebot", "Sales Ops", "other_team")
    + _r("training other|onboarding other|train other|training for|schulung anderer|einarbeitung anderer|"
         "training sales|training it|training finance", "Other teams (training)", "other_team")
    + _r("hr request|payroll|recruiting|personalabteilung", "HR", "other_team")
    + _r("logistics|shipping|delivery|warehouse|versand|lager", "Logistics", "other_team")
    + _r("meeting|team meeting|1:1|one-on-one|admin|administration|email triage|reporting|planning|"
         "training|onboarding|stand up|standup|besprechung|verwaltung|schulung|weiterbildung", OUR_TEAM, "overhead")
    + _r("ticket|tickets|customer email|customer emails|email support|chat|live chat|support|complaint|"
         "customer|case|cases|kunden|kundenanfragen|anfragen|reklamation|backlog|knowledge base|qa|"
         "quality", OUR_TEAM, "core")
)


@dataclass(frozen=True)
class Classification:
    """Label -> Assignment for every label of a log, with how each was decided."""

    assignments: Mapping[str, Assignment]
    sources: Mapping[str, str]  # label -> "edit" | "rule: kw" | "preset: kw" | "unmatched"

    def of(self, label: str) -> Assignment:
        return self.assignments.get(label, Assignment(OUR_TEAM, "unassigned"))

    @property
    def unassigned(self) -> list[str]:
        return [lbl for lbl, a in self.assignments.items() if a.cls == "unassigned"]


def classify(
    labels: Iterable[str],
    edits: Mapping[str, Assignment] | None = None,
    rules: Iterable[Rule] = (),
    presets: Iterable[Rule] = PRESETS,
) -> Classification:
    """Give every label an owner and a class."""
    edits = edits or {}
    rules, presets = tuple(rules), tuple(presets)
    assignments: dict[str, Assignment] = {}
    sources: dict[str, str] = {}
    for label in labels:
        if label in edits:
            assignments[label], sources[label] = edits[label], "edit"
            continue
        for kind, pool in (("rule", rules), ("preset", presets)):
            hit = next((r for r in pool if r.matches(label)), None)
            if hit:
                assignments[label] = Assignment(hit.owner, hit.cls)  # type: ignore[arg-type]
                sources[label] = f"{kind}: {hit.keyword}"
                break
        else:
            assignments[label], sources[label] = Assignment(OUR_TEAM, "unassigned"), "unmatched"
    return Classification(assignments, sources)


def check_class(value: str) -> str:
    if value not in CLASSES:
        raise ValueError(f"{value!r} is not a class; choose one of {', '.join(CLASSES)}")
    return value
