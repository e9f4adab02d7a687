"""Whose work each activity label is: presets, the user's keyword rules, and exact edits.

Order of precedence: an exact edit by the user, then the user's keyword rules, then presets.
Anything still unmatched is `unassigned`: shown to the user, never guessed silently.

A project that was saved remembers the labels its user reviewed (`known`). When newer data
brings a label nobody has reviewed, presets do not decide it: it is listed as new and
unassigned, with the preset's guess kept as a suggestion, so no number moves without a person
seeing why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from storykit.model import CLASSES, CONTROLLED, OUR_TEAM, Assignment


@dataclass(frozen=True)
class Rule:
    """Labels containing `keyword` (case-insensitive, at the start of a word) belong to `owner` as `cls`.

    "escalation" matches "IT escalations" and "Eskalation" only when spelled so; "phone"
    matches "Phone overflow" and "Telefon" does "Telefonüberlauf" (German compounds start a word).
    """

    keyword: str
    owner: str
    cls: str

    def matches(self, label: str) -> bool:
        keyword, label = self.keyword.lower(), label.lower()
        # the substring test first: most labels fail it, and then no pattern is compiled (200 presets)
        return keyword in label and bool(re.search(rf"(?<!\w){re.escape(keyword)}", label))


def _r(keywords: str, owner: str, cls: str) -> list[Rule]:
    return [Rule(k.strip(), owner, cls) for k in keywords.split("|")]


#: Presets in English and German. Earlier rules win, so the specific come before the general:
#: "Training other teams" is the training team's work, "Training" alone is our own overhead.
PRESETS: tuple[Rule, ...] = tuple(
    _r("lunch|break|coffee break|pause|kaffeepause|mittag|mittagspause|vacation|holiday|urlaub|sick|krank|"
       "leave|personal|feiertag", OUR_TEAM, "non_work")
    + _r("training other|onboarding other|train other|training for|trained other|"
         "training sales|training it|training finance|training contact|training new hires in other|"
         "schulung anderer|schulung für|schulung fuer|einarbeitung anderer|einarbeitung von|"
         "schulung vertrieb|schulung buchhaltung|onboarding anderer", "Other teams (training)", "other_team")
    + _r("overflow|phone|phones|call queue|calls|inbound call|switchboard|contact centre|contact center|"
         "call centre|call center|hotline|telefon|anruf|warteschlange|überlauf|ueberlauf|zentrale|"
         "callcenter|call-center", "Contact Centre", "other_team")
    + _r("it escalation|escalation|helpdesk|help desk|service desk|it support|it-support|it ticket|"
         "password|laptop|vpn|access request|software install|printer|eskalation|it-eskalation|"
         "passwort|drucker|zugang|it-störung|it-stoerung", "IT", "other_team")
    + _r("invoice|invoicing|billing|accounts receivable|ar |a/r|ar chasing|payment|dunning|refund|"
         "credit note|collections|finance|rechnung|faktur|mahnung|mahnwesen|zahlung|gutschrift|"
         "debitoren|forderung|inkasso|buchhaltung|finanz", "Finance", "other_team")
    + _r("order error|order correction|order fix|order rework|sales ops|sales operations|quote|"
         "crm cleanup|crm data|rework|pricing error|auftragsfehler|auftragskorrektur|bestellfehler|"
         "bestellkorrektur|nacharbeit|angebot|vertrieb", "Sales Ops", "other_team")
    + _r("hr request|payroll|recruiting|personalabteilung|lohn", "HR", "other_team")
    + _r("logistics|shipping|delivery|warehouse|versand|lager|lieferung", "Logistics", "other_team")
    + _r("meeting|team meeting|1:1|one-on-one|admin|administration|email triage|reporting|planning|"
         "training|onboarding|stand up|standup|stand-up|coaching|besprechung|teammeeting|verwaltung|"
         "schulung|weiterbildung|einarbeitung|planung|berichte", OUR_TEAM, "overhead")
    + _r("ticket|tickets|customer email|customer emails|email support|e-mail|chat|live chat|support|"
         "complaint|customer|case|cases|kunden|kundenanfragen|anfragen|reklamation|beschwerde|backlog|"
         "rückstand|knowledge base|wissensdatenbank|qa|quality|qualität", OUR_TEAM, "core")
)


@dataclass(frozen=True)
class Classification:
    """Label -> Assignment for every label of a log, with how each was decided."""

    assignments: Mapping[str, Assignment]
    sources: Mapping[str, str]  # label -> "edit" | "rule: kw" | "preset: kw" | "new label" | "unmatched"
    new_labels: tuple[str, ...] = ()  # labels the project had not seen before; never decided by a preset
    suggestions: Mapping[str, Assignment] = field(default_factory=dict)  # preset guesses for unassigned labels

    def of(self, label: str) -> Assignment:
        return self.assignments.get(label, Assignment(OUR_TEAM, "unassigned"))

    @property
    def labels(self) -> list[str]:
        return list(self.assignments)

    @property
    def unassigned(self) -> list[str]:
        return [lbl for lbl, a in self.assignments.items() if a.cls == "unassigned"]

    @property
    def owners(self) -> list[str]:
        """The other teams whose work appears, in label order."""
        return list(dict.fromkeys(a.owner for a in self.assignments.values() if a.cls == "other_team"))

    def controlled(self, label: str) -> bool:
        """True where the work is the team's own to plan (core or overhead)."""
        return self.of(label).cls in CONTROLLED


def classify(
    labels: Iterable[str],
    edits: Mapping[str, Assignment] | None = None,
    rules: Iterable[Rule] = (),
    presets: Iterable[Rule] = PRESETS,
    known: Iterable[str] | None = None,
) -> Classification:
    """Give every label an owner and a class.

    `known`: the labels a saved project has already reviewed. When given (even empty), any
    other label is new: an exact edit or a user rule still decides it, a preset does not.
    """
    edits = edits or {}
    rules, presets = tuple(rules), tuple(presets)
    known_set = None if known is None else set(known)
    assignments: dict[str, Assignment] = {}
    sources: dict[str, str] = {}
    suggestions: dict[str, Assignment] = {}
    new: list[str] = []
    for label in labels:
        is_new = known_set is not None and label not in known_set
        if is_new:
            new.append(label)
        if label in edits:
            assignments[label], sources[label] = edits[label], "edit"
            continue
        rule = next((r for r in rules if r.matches(label)), None)
        if rule:
            assignments[label], sources[label] = Assignment(rule.owner, rule.cls), f"rule: {rule.keyword}"  # type: ignore[arg-type]
            continue
        preset = next((r for r in presets if r.matches(label)), None)
        if preset and not is_new:
            assignments[label] = Assignment(preset.owner, preset.cls)  # type: ignore[arg-type]
            sources[label] = f"preset: {preset.keyword}"
            continue
        assignments[label] = Assignment(OUR_TEAM, "unassigned")
        sources[label] = "new label" if is_new else "unmatched"
        if preset:
            suggestions[label] = Assignment(preset.owner, preset.cls)  # type: ignore[arg-type]
    return Classification(assignments, sources, tuple(new), suggestions)


def check_class(value: str) -> str:
    if value not in CLASSES:
        raise ValueError(f"{value!r} is not a class; choose one of {', '.join(CLASSES)}")
    return value
