"""The ownership vocabulary (vocabulary.toml) as data: teams, their work, our own work, and cues.

Read once per process and checked on the way in, so a mistake in the data file fails loudly at
import instead of quietly matching nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from storykit.ownership.words import Term, Token, Word

DATA = Path(__file__).with_name("vocabulary.toml")
STRENGTHS = {"weak": 1, "medium": 2, "strong": 3}
NAME_STRENGTH = 3  # a label that names a team ("for Finance") says plainly whose work it is
LANGUAGES = ("en", "de", "fr", "es", "all")
#: The owner of training we give to other teams: the teams trained, taken together.
TRAINING_OWNER = "Other teams (training)"
#: The owner of work a label says is done for other departments without naming one.
OTHER_DEPARTMENTS = "Other departments"
_SEEN_MAX = 100_000  # folded words whose candidates an Index keeps (a few MB)


@dataclass(frozen=True)
class Group:
    """Words that are one piece of evidence: what they point to, how strongly, and why."""

    kind: str  # "team", "name", "non_work", "overhead", "training", "help", "audience", "own", "company"
    team: str  # the team's key for "team" and "name" groups, else ""
    strength: int
    why: str
    terms: tuple[Term, ...]
    channel: bool = False  # words for how work arrives (tickets, e-mail): no proof of whose it is


@dataclass(frozen=True)
class Team:
    key: str
    name: str
    near: tuple[str, ...]  # teams whose channel words alone do not prove the work is theirs, not ours
    names: Group
    work: tuple[Group, ...]


@dataclass(frozen=True)
class Index:
    """Terms by the first one to three letters of their first word, so a label's word is compared
    with the few terms that could start there, not with all 1,200 (notes have thousands of values)."""

    by_start: dict[str, tuple[tuple[Group, Term], ...]]
    anywhere: tuple[tuple[str, Group, Term], ...]  # terms whose first word may end a compound ("*pause"), by core
    #: candidates() by word: labels repeat their words (300 labels of a queue log have ~40), and each new
    #: word is held against every compound ending; emptied when it holds too many (a long-lived app).
    _seen: dict[tuple[str, bool, bool], tuple[tuple[Group, Term], ...]] = field(default_factory=dict, compare=False,
                                                                                 repr=False)

    @classmethod
    def of(cls, groups: tuple[Group, ...]) -> Index:
        by_start: dict[str, list[tuple[Group, Term]]] = {}
        anywhere = []
        for g in groups:
            for t in g.terms:
                first = t.words[0]
                if first.ends:
                    anywhere.append((_core(first), g, t))
                else:
                    by_start.setdefault(first.folded[:3], []).append((g, t))
        return cls({k: tuple(v) for k, v in by_start.items()}, tuple(anywhere))

    def candidates(self, token: Token) -> tuple[tuple[Group, Term], ...]:
        """The terms whose first word matches the token: the only ones that can start where it stands."""
        f = token.folded
        seen = (f, token.capitals, token.text[:-1].isupper())  # all that Word.matches reads of a token
        found = self._seen.get(seen)
        if found is None:
            starts = [hit for key in dict.fromkeys((f[:3], f[:2], f[:1])) for hit in self.by_start.get(key, ())]
            # "*pause" can only match a word that holds "paus": the word, its inflection or a compound ending in it
            found = tuple((g, t) for g, t in (*starts, *((g, t) for core, g, t in self.anywhere if core in f))
                          if t.words[0].matches(token, False))  # Term.match_at's first test, once per word
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()
            self._seen[seen] = found
        return found


def _core(word: Word) -> str:
    """What every token a word matches holds: itself, or itself without a final e or y ("chase" in "chasing")."""
    w = word.folded
    return w[:-1] if w.endswith(("e", "y")) and not word.capitals else w


@dataclass(frozen=True, eq=False)
class Vocabulary:
    teams: dict[str, Team]
    non_work: tuple[Group, ...]
    overhead: tuple[Group, ...]
    training: Group
    help: Group
    audience: Group
    colleagues: Group  # like audience, but only right after "for", "für", "pour" ("staff training" is ours)
    own: Group
    customers: Group  # "for customers", "training customers": serving our customers is our own work
    company_forms: frozenset[str]

    @property
    def groups(self) -> tuple[Group, ...]:
        """Every group that says whose work a label is (cues excluded), longest terms first per group."""
        teams = tuple(g for t in self.teams.values() for g in (t.names, *t.work))
        return (*self.non_work, *self.overhead, self.training, *teams)

    @cached_property
    def index(self) -> Index:
        """Every term of every group and cue, found by the first letters of its first word."""
        return Index.of((*self.groups, self.help, self.audience, self.colleagues, self.own, self.customers))

    def team_named(self, name: str) -> Team | None:
        """The vocabulary's team of this display name ("Finance"), if any."""
        return next((t for t in self.teams.values() if t.name.casefold() == name.casefold()), None)


def _terms(table: dict, where: str) -> tuple[Term, ...]:
    unknown = set(table) - {"why", "strength", "channel", *LANGUAGES}
    if unknown:
        raise ValueError(f"{DATA.name}: {where} has unknown keys {sorted(unknown)}")
    texts = [t for lang in LANGUAGES for t in table.get(lang, ())]
    if not texts:
        raise ValueError(f"{DATA.name}: {where} lists no words")
    return tuple(Term.parse(t) for t in texts)


def _group(kind: str, table: dict, where: str, team: str = "", strength: int | None = None) -> Group:
    if not table.get("why"):
        raise ValueError(f"{DATA.name}: {where} must say why its words are evidence")
    level = strength if strength is not None else STRENGTHS[table.get("strength", "strong")]
    return Group(kind, team, level, table["why"], _terms(table, where), bool(table.get("channel")))


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    teams = {}
    for key, t in data["teams"].items():
        names = {"why": f"the label names the {t['name']} team", **t["names"]}
        teams[key] = Team(key, t["name"], tuple(t.get("near", ())),
                          _group("name", names, f"teams.{key}.names", key, NAME_STRENGTH),
                          tuple(_group("team", g, f"teams.{key}.work", key) for g in t["work"]))
    for t in teams.values():
        if set(t.near) - set(teams):
            raise ValueError(f"{DATA.name}: teams.{t.key}.near names an unknown team")
    own, cues = data["own"], data["cues"]
    return Vocabulary(
        teams=teams,
        non_work=tuple(_group("non_work", g, "own.non_work") for g in own["non_work"]),
        overhead=tuple(_group("overhead", g, "own.overhead") for g in own["overhead"]),
        training=_group("training", own["training"], "own.training"),
        help=_group("help", cues["help"], "cues.help"),
        audience=_group("audience", cues["audience"], "cues.audience"),
        colleagues=_group("colleagues", cues["colleagues"], "cues.colleagues"),
        own=_group("own", cues["own"], "cues.own"),
        customers=_group("customers", cues["customers"], "cues.customers"),
        company_forms=frozenset(cues["company"]["all"]),
    )
