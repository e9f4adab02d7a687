"""Learning within a project: labels like one the user decided get that decision as a suggestion.

Like means: sharing a meaningful word ("Invoice queries" and "Invoice corrections"), or most
entries of both going to the same client or the same project. A learned suggestion is always
asked about, never applied silently: the user decided one label, not its neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from storykit.model import Choice
from storykit.ownership.evidence import LabelTexts
from storykit.ownership.judging import Suggestion
from storykit.ownership.words import STOPWORDS, Token, Word, tokens

CONFIDENCE = 0.6  # a neighbour's decision is a good guess, and a guess is asked about
#: Words too common in activity labels to make two labels alike.
GENERIC = frozenset(
    ["work", "misc", "general", "other", "others", "various", "task", "tasks", "time", "project", "projects", "team", "teams", "admin", "stuff", "arbeit", "sonstiges", "allgemein", "aufgaben", "divers", "travail", "autres", "general", "tache", "taches", "equipe", "new", "neue", "nouveau", "our", "unser", "notre", "for", "fuer", "pour", "with", "mit", "avec", "from", "von"])
GENERIC_VALUES = frozenset({"internal", "intern", "interne", "none", "n/a", "na", "-", "general", "misc", "other"})


def learn_from(decided: Mapping[str, Choice], others: Iterable[str], texts: LabelTexts | None) -> dict[str, Suggestion]:
    """For each other label, the decision of the most similar label the user decided, if any is similar."""
    if not decided:
        return {}
    decided_words = {lbl: _meaningful(lbl) for lbl in decided}
    out = {}
    for label in others:
        words = _meaningful(label)
        best: tuple[float, Suggestion] | None = None
        for source, choice in decided.items():
            score, why = _likeness(label, words, source, decided_words[source], texts)
            if score > 0 and (best is None or score > best[0]):
                verb = "are" if choice.cls == "non_work" else "is"
                best = (score, Suggestion(choice, CONFIDENCE,
                                          f"like '{source}', which you decided {verb} {choice.words} ({why})"))
        if best:
            out[label] = best[1]
    return out


def _meaningful(label: str) -> tuple[Token, ...]:
    return tuple(t for t in tokens(label) if len(t.folded) > 2 and t.folded not in STOPWORDS | GENERIC)


def _likeness(label: str, words: tuple[Token, ...], source: str, source_words: tuple[Token, ...],
              texts: LabelTexts | None) -> tuple[float, str]:
    shared = [t.text for t in words if any(_same_word(t, s) for s in source_words)]
    union = len(words) + len(source_words) - len(shared)
    score = len(shared) / union if union else 0.0
    reasons = [f"both say {', '.join(repr(w) for w in dict.fromkeys(shared))}"] if shared else []
    for column, what in (("client", "client"), ("project", "project")):
        mine = texts.main(label, column) if texts else None
        if mine and mine.strip().lower() not in GENERIC_VALUES and mine == texts.main(source, column):
            score += 0.5
            reasons.append(f"same {what} '{mine}'")
    return (score, "; ".join(reasons)) if score >= 0.3 else (0.0, "")


def _same_word(a: Token, b: Token) -> bool:
    return Word(a.folded).matches(b, True) or Word(b.folded).matches(a, True)
