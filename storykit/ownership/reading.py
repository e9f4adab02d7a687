"""What one activity label's words say about whose work it is, with the reason in words.

A label is read once (`read_label`: which vocabulary groups and cues it contains, with company
names set aside), then judged against the team's own kind of work (`judge`): the same
"Invoice queries" is a finance team's core work and a service team's work for Finance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from storykit.model import Choice
from storykit.ownership.vocabulary import TRAINING_OWNER, Group, Term, vocabulary
from storykit.ownership.words import STOPWORDS, Token, tokens

#: Below this confidence a suggestion is asked about, never used silently.
DECIDE_AT = 0.7
#: Confidence by the strength of the evidence for another team (1 weak ... 4+ several strong signs).
_CONFIDENCE = {1: 0.35, 2: 0.6, 3: 0.8}
CUES = ("help", "audience", "own")
_FOR = frozenset({"for", "fuer", "pour", "with", "mit", "avec", "helping", "help", "covering", "cover"})


@dataclass(frozen=True)
class Suggestion:
    """A choice the evidence points to, how sure it is (0..1), and why, in words the app shows."""

    choice: Choice
    confidence: float
    reason: str

    @property
    def decisive(self) -> bool:
        return self.confidence >= DECIDE_AT


@dataclass(frozen=True)
class Found:
    """One vocabulary group found in a label: the label's words that matched, and where."""

    group: Group
    words: str
    first: int
    last: int

    def quote(self) -> str:
        return f"'{self.words}'"


@dataclass(frozen=True)
class Reading:
    """Everything the vocabulary found in one label, before knowing whose team's log it is."""

    label: str
    found: tuple[Found, ...]
    help: Found | None = None
    audience: Found | None = None
    own: Found | None = None
    companies: tuple[str, ...] = ()
    named_after_for: frozenset[str] = frozenset()  # teams named right after "for", "für", "pour"...

    def of_kind(self, kind: str) -> list[Found]:
        return [f for f in self.found if f.group.kind == kind]

    def for_team(self, key: str) -> list[Found]:
        return sorted((f for f in self.found if f.group.team == key), key=lambda f: -f.group.strength)

    def score(self, key: str) -> int:
        return sum(f.group.strength for f in self.for_team(key))

    def named(self, key: str) -> bool:
        return any(f.group.kind == "name" for f in self.for_team(key))

    @property
    def scores(self) -> dict[str, int]:
        teams = dict.fromkeys(f.group.team for f in self.found if f.group.team)
        return {t: self.score(t) for t in teams}

    @property
    def points_elsewhere(self) -> bool:
        """True when the label itself says the work is done for someone else (a cue or a named team)."""
        return bool(self.help or self.audience or self.named_after_for or any(f.group.kind == "name" for f in self.found))


@lru_cache(maxsize=65536)
def read_label(label: str, clients: tuple[str, ...] = ()) -> Reading:
    """Find the vocabulary's groups and cues in a label; company and client names are set aside first."""
    v = vocabulary()
    toks = tokens(label)
    lower = label == label.lower()
    toks, companies = _without_names(toks, v.company_forms, clients)
    hits = [Found(g, _words(toks, toks[i].index, toks[end].index), toks[i].index, toks[end].index)
            for i, tok in enumerate(toks) for g, t in v.index.candidates(tok)
            if (end := t.match_at(toks, i, lower)) is not None]
    found = _longest_first([h for h in hits if h.group.kind not in CUES])
    cues = {kind: next((h for h in hits if h.group.kind == kind), None) for kind in CUES}
    return Reading(label, tuple(found), cues["help"], cues["audience"], cues["own"], companies,
                   _named_after_for(toks, found))


def _words(toks: tuple[Token, ...], first: int, last: int) -> str:
    return " ".join(t.text for t in toks if first <= t.index <= last)


def _without_names(toks: tuple[Token, ...], forms: frozenset[str], clients: Iterable[str]) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    """The label's tokens without company names ('Acme Finance Ltd') or its client's name."""
    drop: set[int] = set()
    names = []
    folded_forms = {f.casefold() for f in forms}
    for i, tok in enumerate(toks):
        if tok.text.casefold() in folded_forms and tok.text[0].isupper() and i > 0 and toks[i - 1].text[0].isupper():
            j = i - 1
            while j > 0 and i - j < 3 and toks[j - 1].text[0].isupper() and toks[j - 1].folded not in STOPWORDS:
                j -= 1
            drop.update(range(j, i + 1))
            names.append(" ".join(t.text for t in toks[j:i + 1]))
    for client in clients:
        span = Term.parse(client).find(toks, True) if any(ch.isalpha() for ch in client) else None
        if span:
            drop.update(range(span[0], span[1] + 1))
            names.append(client)
    kept = tuple(t for t in toks if t.index not in drop)
    return kept, tuple(names)


def _longest_first(candidates: list[Found]) -> list[Found]:
    """Matches that cover more words win over those they contain ('IT support' over 'support')."""
    kept: list[Found] = []
    for f in sorted(candidates, key=lambda f: (f.first - f.last, -f.group.strength)):
        if any(f.group is k.group and (f.first, f.last) == (k.first, k.last) for k in kept):
            continue  # "call" and "calls" of one group on the same word: one piece of evidence
        if all((f.first, f.last) == (k.first, k.last) or f.last < k.first or f.first > k.last for k in kept):
            kept.append(f)
    return kept


def _named_after_for(toks: tuple[Token, ...], found: list[Found]) -> frozenset[str]:
    before = {t.index: prev.folded for prev, t in pairwise(toks)}
    return frozenset(f.group.team for f in found if f.group.kind == "name" and before.get(f.first) in _FOR)


# -- judging a reading against the team's own kind of work ---------------------------------------------

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
    trained = [f for f in r.found if f.group.kind == "name" and f.group.team != own]
    if r.audience or any(f.first > t.first or f.group.team in r.named_after_for for f in trained):
        who = r.audience or next(f for f in trained if f.first > t.first or f.group.team in r.named_after_for)
        return Suggestion(Choice.of_team(TRAINING_OWNER), 0.85, f"{why}; here we train {who.quote()}")
    if trained:
        return Suggestion(Choice.of_team(TRAINING_OWNER), 0.5,
                          f"{why}; {trained[0].quote()} may be the topic or the trainees: please decide")
    return Suggestion(Choice("overhead"), 0.85, f"{why}; nobody else is named, so we are the learners")


def _non_work(r: Reading, own: str) -> Suggestion | None:
    pauses = r.of_kind("non_work")
    if not pauses or (r.help and _best_other(r, own)):
        return None
    return Suggestion(Choice("non_work"), 0.9, f"{pauses[0].quote()}: {pauses[0].group.why}")


def _overhead(r: Reading, own: str) -> Suggestion | None:
    found = sorted(r.of_kind("overhead"), key=lambda f: -f.group.strength)
    if not found:
        return None
    best = _best_other(r, own)
    if best and (best[1] >= 3 and (found[0].group.strength < 3 or r.help or best[0] in r.named_after_for)):
        return None  # "Invoice reporting", "reporting for Finance": the other team's work, written up by us
    return Suggestion(Choice("overhead"), 0.85, f"{found[0].quote()}: {found[0].group.why}")


def _best_other(r: Reading, own: str) -> tuple[str, int] | None:
    scores = {t: s for t, s in r.scores.items() if t != own and s > 0}
    if not scores:
        return None
    key = max(scores, key=lambda t: (scores[t], r.named(t)))
    return key, scores[key]


def _teams(r: Reading, own: str) -> Suggestion | None:
    v = vocabulary()
    own_score = r.score(own)
    best = _best_other(r, own)
    if best is None or own_score > best[1] or (own_score == best[1] and not r.named(best[0])):
        if own_score == 0:
            return None
        f = r.for_team(own)[0]
        confidence = 0.85 if own_score >= 3 else 0.75 if own_score == 2 else 0.4
        return Suggestion(Choice("core"), confidence,
                          f"{f.quote()}: {f.group.why} (your team's own kind of work)")
    key, score = best
    near = key in v.teams[own].near and not (r.help or r.named(key))
    boost = sum(bool(x) for x in (r.help, r.audience, key in r.named_after_for or r.named(key)))
    confidence = _CONFIDENCE.get(score + boost, 0.9) - 0.1 * own_score
    if near:
        confidence = min(confidence, 0.5)
    evidence = r.for_team(key)
    words = ", ".join(dict.fromkeys(f.quote() for f in evidence[:2]))
    reason = f"{words}: {evidence[0].group.why}"
    for cue in (r.help, r.audience):
        if cue:
            reason += f"; {cue.quote()}: {cue.group.why}"
    if own_score:
        reason += f"; {r.for_team(own)[0].quote()} points to our own work, so less sure"
    if near:
        reason += f"; {v.teams[own].name} work uses this channel too, so please decide"
    return Suggestion(Choice.of_team(v.teams[key].name), round(max(0.05, min(confidence, 0.95)), 2), reason)
