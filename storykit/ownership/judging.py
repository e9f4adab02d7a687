"""What a label's reading means for a team whose own kind of work is known, with the reason in words.

The same "Invoice queries" is a finance team's core work and a service team's work for Finance.
The steps, in order: learning (ours, or training we give others), breaks and leave, meetings and
admin, then whose kind of work the words are. Each step says why, in words the app shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from storykit.model import Choice
from storykit.ownership.reading import Reading
from storykit.ownership.vocabulary import OTHER_DEPARTMENTS, TRAINING_OWNER, vocabulary

#: Below this confidence a suggestion is asked about, never used silently.
DECIDE_AT = 0.7
#: Confidence by the strength of the evidence for another team (1 weak ... 4+ several signs).
_CONFIDENCE = {1: 0.35, 2: 0.6, 3: 0.8}
FOR_CUSTOMERS = 2  # "for customers", "für Kunden": as strong a sign of our own work as a medium word


@dataclass(frozen=True)
class Suggestion:
    """A choice the evidence points to, how sure it is (0..1), and why, in words the app shows."""

    choice: Choice
    confidence: float
    reason: str

    @property
    def decisive(self) -> bool:
        return self.confidence >= DECIDE_AT


def judge(r: Reading, own: str) -> Suggestion | None:
    """The choice a reading points to for a team whose own work is `own` (a vocabulary team key)."""
    aside = f" ({', '.join(repr(c) for c in r.companies)} is a company name, not a team)" if r.companies else ""
    for step in (_training, _non_work, _overhead, _teams):
        s = step(r, own)
        if s is not None:
            return Suggestion(s.choice, s.confidence, s.reason + aside)
    return None


def _training(r: Reading, own: str) -> Suggestion | None:
    learning = r.of_kind("training")
    if not learning:
        return None
    t = learning[0]
    why = f"{t.quote()}: {t.group.why}"
    if r.own:
        return Suggestion(Choice("overhead"), 0.85, f"{why}; {r.own.quote()} makes us the learners")
    if r.customers and r.customers.first > t.first:  # "Onboarding calls with new customers"
        return Suggestion(Choice("core"), 0.8, f"{why}; here we train {r.customers.quote()}, which is serving them")
    trained = [f for f in r.found if f.group.kind == "name" and f.group.team != own]
    after = [f for f in trained if f.first > t.first or r.served(f.group.team)]
    staff = r.colleagues if r.colleagues and r.colleagues.first > t.first else None  # "Onboarding new retail staff"
    if r.audience or after or staff:
        who = r.audience or (after[0] if after else staff)
        return Suggestion(Choice.of_team(TRAINING_OWNER), 0.85, f"{why}; here we train {who.quote()}")
    if trained:
        return Suggestion(Choice.of_team(TRAINING_OWNER), 0.5,
                          f"{why}; {trained[0].quote()} may be the topic or the trainees: please decide")
    return Suggestion(Choice("overhead"), 0.85, f"{why}; nobody else is named, so we are the learners")


def _non_work(r: Reading, own: str) -> Suggestion | None:
    pauses = r.of_kind("non_work")
    if not pauses or (r.help and _best_other(r, own)):
        return None  # "Holiday cover for the contact centre" is the contact centre's work
    return Suggestion(Choice("non_work"), 0.9, f"{pauses[0].quote()}: {pauses[0].group.why}")


def _overhead(r: Reading, own: str) -> Suggestion | None:
    found = sorted(r.of_kind("overhead"), key=lambda f: -f.group.strength)
    if not found:
        return None
    best = _best_other(r, own)
    admin = found[0].group.strength < 3
    if (best and best[1] >= 3 and (admin or r.help or r.served(best[0]))) or (admin and r.audience):
        return None  # "Invoice reporting", "reporting for Finance", "reports for other departments"
    return Suggestion(Choice("overhead"), 0.85, f"{found[0].quote()}: {found[0].group.why}")


def _best_other(r: Reading, own: str) -> tuple[str, int] | None:
    scores = {t: s for t, s in r.scores.items() if t != own and s > 0}
    if not scores:
        return None
    key = max(scores, key=lambda t: (scores[t], r.named(t) or r.served(t)))
    return key, scores[key]


def _own_score(r: Reading, own: str) -> int:
    """The evidence for our own kind of work. Channel words (tickets, e-mail) say how work arrives, not
    whose it is: next to another team's subject ("Inkasso-Fälle") or a for-others cue they count little."""
    others_subject = r.audience or any(f.group.kind == "team" and f.group.team != own and f.group.strength >= 2
                                       for f in r.found)
    groups = {f.group.why: 1 if f.group.channel and others_subject else f.group.strength for f in r.for_team(own)}
    return sum(groups.values()) + (FOR_CUSTOMERS if r.for_customers else 0)


def _teams(r: Reading, own: str) -> Suggestion | None:
    v = vocabulary()
    own_score = _own_score(r, own)
    best = _best_other(r, own)
    if best is None and r.audience:  # "Support Fremdbereich", "Reports for other departments": nobody named
        return Suggestion(Choice.of_team(OTHER_DEPARTMENTS), 0.75, f"{r.audience.quote()}: {r.audience.group.why}")
    if best is None or own_score > best[1] or (own_score == best[1] and not (r.named(best[0]) or r.served(best[0]))):
        return _ours(r, own, own_score)
    key, score = best
    near = key in v.teams[own].near and not (r.help or r.named(key))
    boost = sum(bool(x) for x in (r.help, r.audience, r.named(key) or r.served(key)))
    confidence = _CONFIDENCE.get(score + boost, 0.9) - 0.1 * own_score
    if near:
        confidence = min(confidence, 0.5)
    evidence = r.for_team(key)
    reason = f"{', '.join(dict.fromkeys(f.quote() for f in evidence[:2]))}: {evidence[0].group.why}"
    for cue in (r.help, r.audience):
        if cue:
            reason += f"; {cue.quote()}: {cue.group.why}"
    if own_score:
        ours = r.for_team(own)
        reason += f"; {(ours[0] if ours else r.customers).quote()} points to our own work, so less sure"
    if near:
        reason += f"; {v.teams[own].name} work uses this channel too, so please decide"
    return Suggestion(Choice.of_team(v.teams[key].name), round(max(0.05, min(confidence, 0.95)), 2), reason)


def _ours(r: Reading, own: str, score: int) -> Suggestion | None:
    if score == 0:
        return None
    confidence = 0.85 if score >= 3 else 0.75 if score == 2 else 0.4
    ours = r.for_team(own)
    if not ours:  # only "for customers"
        return Suggestion(Choice("core"), confidence, f"{r.customers.quote()}: {r.customers.group.why}")
    return Suggestion(Choice("core"), confidence, f"{ours[0].quote()}: {ours[0].group.why} (your team's own kind of work)")
