"""The labelled corpus of activity labels: read, checked, and measured against storykit's calls.

Format of dev.txt and holdout.txt: a section header per team's log, then one label per line with
its true choice, as that team's manager would make it:

    [Customer Support | service | en]        team name | the team's own kind of work | language
    Phone overflow => other:cc               core | overhead | non_work | open | other:<team key>

"open" means the label alone cannot say (a project code, "Misc"): any own-work answer or "not
decided yet" is right, another team's work is wrong. Each section is classified as one log (every
label one hour), with no manual classification: exactly what a new user gets.

    python -m tests.labels.corpus [--split dev|holdout|all] [--show]
prints precision and recall of "another team's work" calls; --show lists every miss (use it on dev
only: the held-out part is measured, never tuned to).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
#: dev: in view while the vocabulary was built. holdout: written before the vocabulary, measured once
#: (precision 94.6%, recall 81.4%), then its misses were studied like dev's. holdout2: written after that
#: first measurement and before its misses were read, measured once when the vocabulary was done
#: (precision 93.0%, recall 93.0%), then studied too. Those two single measurements are the honest
#: estimate for labels storykit has never seen; the test below holds every part to the targets so
#: that no later change loses what was learned.
SPLITS = {"dev": HERE / "dev.txt", "holdout": HERE / "holdout.txt", "holdout2": HERE / "holdout2.txt"}
TEAMS = {"service": "Customer Service", "cc": "Contact Centre", "it": "IT", "finance": "Finance", "sales": "Sales",
         "hr": "HR", "logistics": "Logistics", "marketing": "Marketing", "engineering": "Engineering",
         "departments": "Other departments",
         "facilities": "Facilities", "legal": "Legal", "procurement": "Procurement", "ld": "Other teams (training)"}
OWN_KINDS = {"service", "cc", "it", "finance", "logistics"}
LANGUAGES = {"en", "de", "fr"}
PRECISION_TARGET, RECALL_TARGET = 0.95, 0.85
_HEADER = re.compile(r"^\[(?P<team>[^|\]]+)\|(?P<own>[^|\]]+)\|(?P<lang>[^|\]]+)\]$")


@dataclass(frozen=True)
class Item:
    label: str
    truth: str  # core, overhead, non_work, open, or other:<key>
    line: int

    @property
    def other(self) -> bool:
        return self.truth.startswith("other:")


@dataclass(frozen=True)
class Section:
    team: str
    own: str
    language: str
    items: tuple[Item, ...]
    split: str


def read(split: str) -> list[Section]:
    path = SPLITS[split]
    sections: list[Section] = []
    header, items = None, []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := _HEADER.match(line):
            if header:
                sections.append(Section(*header, tuple(items), split))
            header, items = tuple(x.strip() for x in m.group("team", "own", "lang")), []
            continue
        label, sep, truth = line.rpartition("=>")
        if not sep or header is None:
            raise ValueError(f"{path.name}:{n}: expected 'label => truth' inside a [team | own | lang] section")
        items.append(Item(label.strip(), truth.strip(), n))
    if header:
        sections.append(Section(*header, tuple(items), split))
    return sections


def check(sections: list[Section]) -> list[str]:
    """Everything wrong with the corpus, as messages naming file and line."""
    problems = []
    for s in sections:
        if s.own not in OWN_KINDS:
            problems.append(f"{s.split}: section {s.team!r}: unknown own kind {s.own!r}")
        if s.language not in LANGUAGES:
            problems.append(f"{s.split}: section {s.team!r}: unknown language {s.language!r}")
        seen = set()
        for i in s.items:
            kind, _, key = i.truth.partition(":")
            if kind not in {"core", "overhead", "non_work", "open", "other"} or (kind == "other") != bool(key):
                problems.append(f"{s.split}.txt:{i.line}: truth {i.truth!r} is not core/overhead/non_work/open/other:<team>")
            elif key and key not in TEAMS:
                problems.append(f"{s.split}.txt:{i.line}: {key!r} is not a team key ({', '.join(TEAMS)})")
            if i.label in seen:
                problems.append(f"{s.split}.txt:{i.line}: {i.label!r} twice in one section")
            seen.add(i.label)
    return problems


@dataclass(frozen=True)
class Call:
    item: Item
    section: Section
    choice: object  # storykit.Choice
    reason: str

    @property
    def called_other(self) -> bool:
        return self.choice.cls == "other_team"

    @property
    def right_team(self) -> bool:
        return self.called_other and self.item.other and self.choice.team == TEAMS[self.item.truth[6:]]


def calls(sections: list[Section]) -> list[Call]:
    import storykit as sk

    out = []
    for s in sections:
        c = sk.classify([i.label for i in s.items])
        out.extend(Call(i, s, c.of(i.label), c.decisions[i.label].explained) for i in s.items)
    return out


@dataclass(frozen=True)
class Score:
    labels: int
    truly_other: int
    called_other: int
    right: int
    right_team: int
    own_called_other: int  # own work (core, overhead, non-work) filed as another team's: the worst mistake
    undecided: int

    @property
    def precision(self) -> float:
        return self.right / self.called_other if self.called_other else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.truly_other if self.truly_other else 1.0


def score(results: list[Call]) -> Score:
    return Score(
        labels=len(results),
        truly_other=sum(c.item.other for c in results),
        called_other=sum(c.called_other for c in results),
        right=sum(c.called_other and c.item.other for c in results),
        right_team=sum(c.right_team for c in results),
        own_called_other=sum(c.called_other and c.item.truth in {"core", "overhead", "non_work"} for c in results),
        undecided=sum(c.choice.cls == "unassigned" for c in results),
    )


def table(by_split: dict[str, Score]) -> str:
    rows = ["| part | labels | truly other-team | called other-team | right | precision | recall | right team "
            "| own work called other-team | left undecided |", "|" + "---|" * 10]
    for name, s in by_split.items():
        rows.append(f"| {name} | {s.labels} | {s.truly_other} | {s.called_other} | {s.right} | {s.precision:.1%} "
                    f"| {s.recall:.1%} | {s.right_team} | {s.own_called_other} | {s.undecided} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--show", action="store_true", help="list every call that differs from the truth")
    args = parser.parse_args()
    names = list(SPLITS) if args.split == "all" else [args.split]
    sections = {n: read(n) for n in names}
    problems = check([s for ss in sections.values() for s in ss])
    if problems:
        raise SystemExit("\n".join(problems))
    results = {n: calls(ss) for n, ss in sections.items()}
    scores = {n: score(r) for n, r in results.items()}
    if len(scores) > 1:
        scores["all"] = score([c for r in results.values() for c in r])
    print(table(scores))
    if args.show:
        for r in results.values():
            for c in r:
                wrong_other = c.called_other != c.item.other
                wrong_own = c.item.truth in {"core", "overhead", "non_work"} and c.choice.cls not in {c.item.truth}
                if wrong_other or wrong_own:
                    print(f"[{c.section.team}] {c.item.label!r}: truth {c.item.truth}, "
                          f"called {c.choice.words}  -- {c.reason}")


if __name__ == "__main__":
    main()
