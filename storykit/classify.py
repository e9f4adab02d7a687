"""Whose work each activity label is: the user's choices, their keyword rules, then the evidence.

Order of precedence: the user's own choice for a label, then the user's keyword rules, then
what the evidence says (the label's words, its notes and other columns, and labels like it that
the user already decided). Evidence decides a label only when it is sure enough to defend
(`DECIDE_AT`); otherwise the label stays "not decided yet" with the suggestion and its reason,
and is asked about. Every decision carries who made it and why, in words the app shows.

A project that was saved remembers the labels its user reviewed (`known`). When newer data
brings a label nobody has reviewed, the evidence does not decide it: it is listed as new and
open, with the suggestion kept, so no number moves without a person seeing why.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storykit.model import Choice
from storykit.ownership.evidence import LabelTexts, from_columns
from storykit.ownership.judging import DECIDE_AT, Suggestion, judge
from storykit.ownership.own_work import OwnWork, infer_own_work
from storykit.ownership.reading import read_label
from storykit.ownership.similar import learn_from
from storykit.ownership.vocabulary import TRAINING_OWNER, vocabulary
from storykit.vocabulary import CONTROLLED, OUR_TEAM

#: Who decided a label.
BY_YOU, BY_RULE, BY_PRESETS, OPEN = "you", "your rule", "presets", "open"


@dataclass(frozen=True)
class Rule:
    """Labels containing `keyword` (case-insensitive, at the start of a word) get `choice`.

    "escalat" matches "IT escalations" and "Escalated cases"; "phone" matches "Phone overflow",
    and "Telefon" does "Telefonüberlauf" (German compounds start a word).
    """

    keyword: str
    choice: Choice

    def matches(self, label: str) -> bool:
        keyword, label = self.keyword.lower(), label.lower()
        # the substring test first: most labels fail it, and then no pattern is compiled
        return keyword in label and bool(re.search(rf"(?<!\w){re.escape(keyword)}", label))


@dataclass(frozen=True)
class Decision:
    """A label's choice, who made it, why, and (while it is open) what the evidence suggests."""

    choice: Choice
    by: str  # BY_YOU, BY_RULE, BY_PRESETS or OPEN
    reason: str
    confidence: float = 1.0
    #: Open labels: what the evidence suggests. Decided ones: a differing view from a similar label you decided.
    suggestion: Suggestion | None = None

    @property
    def explained(self) -> str:
        """One line for the app: 'decided by: your rule 'escalat'', 'suggested: ...'."""
        if self.by == OPEN:
            if self.suggestion is None:
                return f"not decided: {self.reason}"
            return f"suggested ({self.suggestion.confidence:.0%} sure): {self.suggestion.choice.words}, " \
                   f"because {self.suggestion.reason}"
        if self.by == BY_PRESETS:
            text = f"decided by presets ({self.confidence:.0%} sure): {self.reason}"
            if self.suggestion is not None:  # a similar label you decided differently: asked, never applied
                text += f"; but {self.suggestion.reason}: is this one {self.suggestion.choice.words} too?"
            return text
        return f"decided by {self.reason}"


@dataclass(frozen=True)
class Classification:
    """Every label of a log with its decision, and the team's own kind of work used to judge them."""

    decisions: Mapping[str, Decision]
    own_work: OwnWork | None = None
    new_labels: tuple[str, ...] = ()  # labels the project had not seen before; never decided by evidence

    def of(self, label: str) -> Choice:
        d = self.decisions.get(label)
        return d.choice if d else Choice()

    @property
    def labels(self) -> list[str]:
        return list(self.decisions)

    @property
    def unassigned(self) -> list[str]:
        return [lbl for lbl, d in self.decisions.items() if not d.choice.decided]

    @property
    def suggestions(self) -> dict[str, Suggestion]:
        """What the evidence suggests for each open label that it could not decide."""
        return {lbl: d.suggestion for lbl, d in self.decisions.items() if d.by == OPEN and d.suggestion}

    @property
    def owners(self) -> list[str]:
        """The other teams whose work appears, in label order."""
        return list(dict.fromkeys(d.choice.team for d in self.decisions.values() if d.choice.cls == "other_team"))

    @property
    def team_options(self) -> list[str]:
        """Other teams a user may file a label under: those in use, then the vocabulary's (not our own kind)."""
        in_use = [d.choice.team for d in self.decisions.values() if d.choice.team]
        in_use += [d.suggestion.choice.team for d in self.decisions.values() if d.suggestion and d.suggestion.choice.team]
        own = self.own_work.team if self.own_work else None
        known = [t.name for key, t in vocabulary().teams.items() if key != own] + [TRAINING_OWNER]
        return list(dict.fromkeys(in_use + sorted(known)))

    def controlled(self, label: str) -> bool:
        """True where the work is the team's own to plan (core or overhead)."""
        return self.of(label).cls in CONTROLLED


def classify(
    labels: Iterable[str],
    choices: Mapping[str, Choice] | None = None,
    rules: Iterable[Rule] = (),
    known: Iterable[str] | None = None,
    hours: Mapping[str, float] | None = None,
    texts: LabelTexts | None = None,
    own_work: str | None = None,
) -> Classification:
    """Decide every label, and say who decided and why.

    `choices`: the user's own choice per label. `known`: the labels a saved project has already
    reviewed; when given (even empty), any other label is new and only the user decides it.
    `hours` weighs the labels when reading the team's own kind of work; `texts` holds the notes
    and other columns of each label's entries; `own_work` (a vocabulary team key) overrides
    what the log suggests the team's own work is.
    """
    labels = list(dict.fromkeys(labels))
    choices, rules = choices or {}, tuple(rules)
    known_set = None if known is None else set(known)
    readings = {lbl: read_label(lbl, texts.clients(lbl) if texts else ()) for lbl in labels}
    own = (OwnWork(own_work, "you chose it", chosen=True) if own_work
           else infer_own_work(readings, hours or dict.fromkeys(labels, 1.0)))
    decisions: dict[str, Decision] = {}
    for label in labels:
        rule = next((r for r in rules if r.matches(label)), None)
        yours = (choices[label], "you, in the table") if label in choices else (
            (rule.choice, f"your rule '{rule.keyword}'") if rule else None)
        if yours and yours[0].decided:
            decisions[label] = Decision(yours[0], BY_YOU if label in choices else BY_RULE, yours[1])
            continue
        evidence = _weigh(judge(readings[label], own.team), from_columns(texts, label, own.team) if texts else None)
        if yours:  # "not decided yet" on purpose: the evidence may suggest, never decide
            decisions[label] = Decision(Choice(), OPEN, f"{yours[1]} set it to not decided yet", suggestion=evidence)
        else:
            decisions[label] = _decide(evidence, known_set is not None and label not in known_set)
    yours = {lbl: d.choice for lbl, d in decisions.items() if d.by == BY_YOU}
    for label, learned in learn_from(yours, [lbl for lbl in labels if lbl not in yours], texts).items():
        decisions[label] = _with_learned(decisions[label], learned)
    new = tuple(lbl for lbl in labels if known_set is not None and lbl not in known_set)
    return Classification(decisions, own, new)


def _decide(evidence: Suggestion | None, is_new: bool) -> Decision:
    if evidence is None:
        return Decision(Choice(), OPEN, "nothing in the label or its notes says whose work it is")
    if is_new:
        return Decision(Choice(), OPEN, "new since the project was saved", suggestion=evidence)
    if evidence.decisive:
        return Decision(evidence.choice, BY_PRESETS, evidence.reason, evidence.confidence)
    return Decision(Choice(), OPEN, "the evidence is not strong enough to decide", suggestion=evidence)


def _weigh(words: Suggestion | None, columns: Suggestion | None) -> Suggestion | None:
    """One suggestion from the label's words and its columns: agreeing signs add up, a clash is asked."""
    if words is None or columns is None:
        return words or columns
    if columns.choice.owner == OUR_TEAM:
        return words  # notes saying "ours" never overrule a label that says whose it is
    if words.choice == columns.choice:
        return Suggestion(words.choice, round(min(0.95, max(words.confidence, columns.confidence) + 0.1), 2),
                          f"{words.reason}; and {columns.reason}")
    if words.decisive and columns.confidence < 0.6:
        return words
    if columns.confidence >= 0.6 and words.confidence >= 0.6:
        return Suggestion(words.choice, min(words.confidence, DECIDE_AT - 0.05),
                          f"{words.reason}; but {columns.reason} ({columns.choice.words}): please decide")
    return max(words, columns, key=lambda s: s.confidence)


def _with_learned(current: Decision, learned: Suggestion) -> Decision:
    """A decision in the light of a similar label the user decided: an open label gets it as its
    suggestion; a decided one keeps its choice (no number moves silently) and shows the other view."""
    if current.by in (BY_YOU, BY_RULE) or current.choice == learned.choice:
        return current
    return dataclasses.replace(current, suggestion=learned)
