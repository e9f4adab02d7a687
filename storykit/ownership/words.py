"""Words of a label as the vocabulary matches them: tokens, folded spellings, inflections, compounds.

A term of the vocabulary is one or more words. A word matches a token of a label when, after
folding (lower case; ä -> ae, ß -> ss, accents dropped), the token is the word itself or the word
with an English, German or French ending ("invoice" matches "invoices", "invoicing"; "rechnung"
matches "rechnungen"). German runs words together, so the vocabulary marks where a word may be
part of a compound: "rechnung*" also matches "Rechnungsklärung", "*pause" also "Mittagspause".
A short word written in capitals ("IT", "AR", "HR") matches only where the label writes it in
capitals too, and only as itself or its plural: "training it" is not the IT team, "code" is not COD.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Endings that make a word plural, a verb form or a German/French inflection of itself.
ENDINGS = frozenset({"s", "es", "e", "en", "n", "er", "ern", "em", "x", "ing", "ings", "ed", "d", "ies", "ung", "ungen"})
#: Words skipped inside multi-word terms: "centre d'appels" is "centre appels", "lunch & learn" "lunch learn".
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "and", "to", "in", "on", "at", "&", "der", "die", "das", "den", "dem", "des", "und", "im", "am", "vom", "zum", "zur", "ein", "eine", "le", "la", "les", "l", "d", "de", "du", "des", "et", "au", "aux", "un", "une", "en"])
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "œ": "oe", "æ": "ae"})
_TOKEN = re.compile(r"\d+:\d+|[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[^\W\d_])(?<![A-Z])(?=[A-Z][a-z])")


def fold(text: str) -> str:
    """Lower case, German umlauts spelled out, other accents dropped: 'Überlauf' -> 'ueberlauf'."""
    text = text.lower()
    if text.isascii():  # nothing to spell out or drop: most words, and the 1,300 of the vocabulary at start
        return text
    text = text.translate(_FOLD)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Token:
    """One word of a label: as written, folded, and where it stands."""

    text: str
    folded: str
    index: int

    @property
    def capitals(self) -> bool:
        return self.text.isupper()


@lru_cache(maxsize=65536)
def tokens(label: str) -> tuple[Token, ...]:
    """The words of a label: 'AR_CHASE' -> AR, CHASE; 'SUP-1142 login' -> SUP, login; '1:1s' -> 1:1.

    Runs of letters split at a lower-to-upper change too ('KundenTickets'); digits are no words,
    except a ratio like '1:1' (a one-to-one meeting).
    """
    words = [w for part in _TOKEN.findall(label) for w in _CAMEL.split(part)]
    return tuple(Token(w, fold(w), i) for i, w in enumerate(w for w in words if w))


@dataclass(frozen=True)
class Word:
    """One word of a vocabulary term, with where it may sit inside a compound."""

    folded: str
    starts: bool = False  # "rechnung*": may start a longer word
    ends: bool = False  # "*pause": may end a longer word
    capitals: bool = False  # "IT": only where the label writes it in capitals

    def matches(self, token: Token, lower_label: bool) -> bool:
        w, t = self.folded, token.folded
        if self.capitals:  # an abbreviation: itself or its plural, in capitals ("AR", "POs"), never "it" or "code"
            return (token.capitals or token.text[:-1].isupper()) and t in (w, w + "s")
        if t == w or (self.starts and t.startswith(w)) or (self.ends and _ends_with(t, w)):
            return True
        return t.startswith(w[:-1] if w.endswith(("e", "y")) else w) and _inflects(w, t)


def _ends_with(token: str, word: str) -> bool:
    return token.endswith(word) or any(token.endswith(word + e) for e in ("s", "e", "en", "n", "es"))


def _inflects(word: str, token: str) -> bool:
    """True if token is word with an ending: invoices, invoicing (invoice), queries (query), Rechnungen."""
    if token.startswith(word) and token[len(word):] in ENDINGS:
        return True
    return word.endswith(("e", "y")) and token[len(word) - 1:] in ENDINGS  # chase -> chasing, query -> queries


@dataclass(frozen=True)
class Term:
    """A vocabulary entry as written ('accounts receivable', 'mahn*', 'IT') and its words."""

    text: str
    words: tuple[Word, ...]

    @classmethod
    def parse(cls, text: str) -> Term:
        words = []
        for raw in text.split():
            starts, ends = raw.endswith("*"), raw.startswith("*")
            core = raw.strip("*")
            caps = core.isupper() and len(core) <= 4
            words.extend(Word(t.folded, starts, ends, caps) for t in tokens(core))
        if not words:
            raise ValueError(f"the vocabulary term {text!r} has no words")
        return cls(text, tuple(words))

    def find(self, label: tuple[Token, ...], lower_label: bool) -> tuple[int, int] | None:
        """(first, last) positions of the first place the term occurs in the label.

        The term's words match in order; little words of the label that the term does not have
        are skipped ("lunch and learn" is "lunch & learn"), the term's own little words must be there.
        """
        for start in range(len(label)):
            end = self.match_at(label, start, lower_label)
            if end is not None:
                return label[start].index, label[end].index
        return None

    def match_at(self, label: tuple[Token, ...], i: int, lower_label: bool) -> int | None:
        """The position in `label` of the term's last word, if the term starts at position i."""
        last = None
        for k, word in enumerate(self.words):
            while k and i < len(label) and label[i].folded in STOPWORDS and not word.matches(label[i], lower_label):
                i += 1
            if i >= len(label) or not word.matches(label[i], lower_label):
                return None
            last, i = i, i + 1
        return last


def content_words(label: str) -> frozenset[str]:
    """The label's words that carry meaning (no stopwords, no one-letter tokens), folded."""
    return frozenset(t.folded for t in tokens(label) if t.folded not in STOPWORDS and len(t.folded) > 1)
