"""What one activity label's words say, before knowing whose log it is.

A label is read once: which vocabulary groups it contains (the longest match wins: "IT support"
over "support"), which cues ("covering", "for other teams", "for customers"), which words follow
"for"/"für"/"pour" (the work's beneficiary), which teams it names in brackets, and which company
or client names it holds (set aside first: "Acme Finance Ltd" names a client, not Finance).
judging.py then decides what that means for a team whose own work is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from storykit.ownership.vocabulary import Group, Term, vocabulary
from storykit.ownership.words import STOPWORDS, Token, tokens

CUES = ("help", "audience", "colleagues", "own", "customers")
#: Words after which the next word or two say whom the work is for: "for Finance", "für die Buchhaltung".
FOR_WORDS = frozenset({"for", "fuer", "pour", "with", "mit", "avec", "helping", "help", "covering", "cover", "para",
                       "con"})
_BRACKETS = re.compile(r"[(\[]([^)\]]*)[)\]]")


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
    """Everything the vocabulary found in one label."""

    label: str
    found: tuple[Found, ...]
    help: Found | None = None
    audience: Found | None = None  # other teams, other departments; colleagues or staff after "for"
    colleagues: Found | None = None  # colleagues, staff, new hires anywhere: trainees when after "training"
    own: Found | None = None
    customers: Found | None = None
    companies: tuple[str, ...] = ()
    after_for: frozenset[int] = frozenset()  # positions of the one or two words after "for", "für", "pour"
    bracketed: frozenset[str] = frozenset()  # teams named in brackets: "Invoice chasing (Finance)"

    def of_kind(self, kind: str) -> list[Found]:
        return [f for f in self.found if f.group.kind == kind]

    def for_team(self, key: str) -> list[Found]:
        return sorted((f for f in self.found if f.group.team == key), key=lambda f: -f.group.strength)

    def score(self, key: str) -> int:
        """The strength of the evidence for a team: each of its groups counts once ("sprint" and "bugs" are
        one piece of evidence), different groups add up ("Invoice chasing (Finance)": work and name)."""
        return sum({f.group.why: f.group.strength for f in self.for_team(key)}.values())

    def named(self, key: str) -> bool:
        return any(f.group.kind == "name" for f in self.for_team(key))

    def served(self, key: str) -> bool:
        """True when the team's name or strong words come right after "for": the work is done for that team
        ("for Finance", "für Marketingaktion"; not "for login screen")."""
        return any(f.first in self.after_for and f.group.strength >= 3 for f in self.for_team(key))

    @property
    def scores(self) -> dict[str, int]:
        teams = dict.fromkeys(f.group.team for f in self.found if f.group.team)
        return {t: self.score(t) for t in teams}

    @property
    def for_customers(self) -> bool:
        return self.customers is not None and self.customers.first in self.after_for

    @property
    def points_elsewhere(self) -> bool:
        """True when the label says the work is done for someone else: a cue, "for <team>", "(<team>)"."""
        return bool(self.help or self.audience or self.bracketed or any(self.served(t) for t in self.scores))


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
    after_for = _after_for(toks)
    colleagues = cues["colleagues"] if cues["colleagues"] and cues["colleagues"].first in after_for else None
    inner = " ".join(_BRACKETS.findall(label))
    bracketed = frozenset(f.group.team for f in read_label(inner).found if f.group.kind == "name") if inner else frozenset()
    return Reading(label, tuple(found), cues["help"], cues["audience"] or colleagues, cues["colleagues"], cues["own"],
                   cues["customers"], companies, after_for, bracketed)


def _words(toks: tuple[Token, ...], first: int, last: int) -> str:
    return " ".join(t.text for t in toks if first <= t.index <= last)


def _after_for(toks: tuple[Token, ...]) -> frozenset[int]:
    """The first two content words after each 'for' word: 'for (the) internal staff', 'für die Buchhaltung'."""
    content = [t for t in toks if t.folded not in STOPWORDS or t.folded in FOR_WORDS]
    out = set()
    for prev, nxt in pairwise(enumerate(content)):
        if prev[1].folded in FOR_WORDS:
            out.update(t.index for t in content[nxt[0]:nxt[0] + 2] if t.folded not in FOR_WORDS)
    return frozenset(out)


@cache
def _casefolded(forms: frozenset[str]) -> frozenset[str]:
    return frozenset(f.casefold() for f in forms)


def _without_names(toks: tuple[Token, ...], forms: frozenset[str],
                   clients: Iterable[str]) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    """The label's tokens without company names ('Acme Finance Ltd') or its client's name."""
    drop: set[int] = set()
    names = []
    folded_forms = _casefolded(forms)
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
    return tuple(t for t in toks if t.index not in drop), tuple(names)


def _longest_first(candidates: list[Found]) -> list[Found]:
    """Matches that cover more words win over those they contain ('IT support' over 'support')."""
    kept: list[Found] = []
    for f in sorted(candidates, key=lambda f: (f.first - f.last, -f.group.strength)):
        if any(f.group is k.group and (f.first, f.last) == (k.first, k.last) for k in kept):
            continue  # "call" and "calls" of one group on the same word: one piece of evidence
        if all((f.first, f.last) == (k.first, k.last) or f.last < k.first or f.first > k.last for k in kept):
            kept.append(f)
    return kept
