"""A header as words and a unit: `Talk time [sec]` -> {talk, time} + seconds, and what its words say.

Matching is on words, never on the whole string: accents folded, camelCase and snake_case
split, units taken from brackets, after a comma or run into a word (`duration_ms`), and
German-style compounds split into known words (`Arbeitsdatum` -> arbeits + datum).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from storykit.ingest.roles.words import BILLABLE_TIME, IDENTIFIERS, NOT_LOGGED, OTHER_NOUNS, UNITS, WORDS, WORKED

_UNIT_OF = {spelling: unit for unit, spellings in UNITS.items() for spelling in spellings}
_VOCAB = frozenset(
    w for entries in WORDS.values() for phrase, _ in entries for w in ((phrase,) if isinstance(phrase, str) else phrase)
) | frozenset(_UNIT_OF) | frozenset(w for words, _ in NOT_LOGGED for w in words) | frozenset(OTHER_NOUNS)
#: Words that are parts of compounds but say nothing alone (kept so a compound splits cleanly).
_FILLERS = frozenset({"arbeits", "work", "entry", "worklog", "id", "no", "key", "full", "of", "by", "spent", "on"})
_SPLIT_VOCAB = _VOCAB | _FILLERS
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")


@dataclass(frozen=True)
class HeaderWords:
    """A header read as a person reads it."""

    text: str
    words: tuple[str, ...]
    unit: str | None  # hours/minutes/seconds/milliseconds when the header names one
    unit_said: str = ""  # the spelling that said it, for the reason
    stems: frozenset[str] = frozenset()  # the words and the known words they inflect (abgerechnete -> abgerechnet)


def fold(text: str) -> str:
    """Lower case without accents: `Člen` -> `clen`, `Durée` -> `duree`, `ß` -> `ss`."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=4096)
def read_header(text: object) -> HeaderWords:
    raw = str(text or "").replace("\ufeff", "").strip()
    spaced = _camel_spaced(raw)
    folded = fold(spaced)
    unit, said = None, ""
    for inside in _BRACKETS.findall(folded):  # Duration (min), Talk time [sec], Dauer (Min.)
        found = _unit_in(inside, bracketed=True)
        if found:
            unit, said = found
    abbreviated = frozenset(re.findall(r"([a-z]{1,4})\.", folded))  # Min., Std., seg., u.
    words: list[str] = []
    for token in re.findall(r"[a-z]+", folded):
        if unit_of(token, token in abbreviated):
            words.append(token)
            continue
        parts = _split_compound(token)  # an inflection of a known word ('gewerkte') is no slip of the keyboard
        words.extend((near_word(token) or token,) if parts == (token,) and not _stems(token) else parts)
    if unit is None:  # a unit as a word: "Logged, mins", "Dauer in Min.", "duration_ms", "Hours"
        for w in sorted(reversed(words), key=lambda w: w not in ("decimal", "dezimal", "decimale")):
            found_unit = unit_of(w, w in abbreviated)
            if found_unit and (len(w) > 1 or len(words) > 1):
                unit, said = found_unit, w
                break
    if said in words:  # "Dauer in Min.": 'in' introduces the unit, it is not the 'in' of "Time in"
        at = len(words) - 1 - words[::-1].index(said)
        if at and words[at - 1] in _UNIT_PREPOSITIONS:
            del words[at - 1]
    return HeaderWords(raw, tuple(words), unit, said, frozenset(words) | {s for w in words for s in _stems(w)})


def _camel_spaced(text: str) -> str:
    """A space where a lower-case letter meets an upper-case one, accented or not: authorName -> author Name,
    tempsConsacréMillisecondes -> temps Consacré Millisecondes."""
    return "".join(" " + c if i and c.isupper() and text[i - 1].islower() else c for i, c in enumerate(text))


#: Words that introduce a unit: "in minutes", "en heures", "v hodinách", "im Stundenformat".
_UNIT_PREPOSITIONS = frozenset({"in", "en", "v", "ve", "im", "as", "em"})
_MILLI = ("milli", "mili")


def unit_of(token: str, abbreviation: bool = False) -> str | None:
    """The time unit a word names: a spelling we know, milli- before any word for seconds
    (milisegundos, milliseconden), or an abbreviation with a dot that starts exactly one unit's
    spellings (seg. -> segundos, u. -> uur)."""
    if token in _UNIT_OF:
        return _UNIT_OF[token]
    for prefix in _MILLI:
        if token.startswith(prefix) and len(token) > len(prefix) + 1:
            rest = token[len(prefix):]
            if unit_of(rest, True) == "seconds" or rest.startswith(("sec", "seg", "sek")):
                return "milliseconds"
    if abbreviation and token:
        units = {u for spelling, u in _UNIT_OF.items() if len(spelling) > len(token) and spelling.startswith(token)}
        if len(units) == 1:
            return units.pop()
    return None


def _stems(word: str) -> tuple[str, ...]:
    """The known word that `word` inflects: the longest known word of 5+ letters it is, plus an ending of up to
    3 letters. A known word inflects nothing: 'trabajador' (worker) is not 'trabajado' (worked) + r."""
    if word in _VOCAB:
        return ()
    return next(((word[:cut],) for cut in range(len(word) - 1, max(5, len(word) - 3) - 1, -1)
                 if word[:cut] in _VOCAB), ())


def _unit_in(text: str, bracketed: bool = False) -> tuple[str, str] | None:
    """The unit named in a bracket's text; there, a word of 3+ letters may be an abbreviation (seg)."""
    for token in re.findall(r"[a-z]+", text):
        found = unit_of(token, bracketed and len(token) >= 3)
        if found:
            return found, token
    return None


@functools.lru_cache(maxsize=8192)
def _split_compound(token: str) -> tuple[str, ...]:
    """`arbeitsdatum` -> (arbeits, datum); `durationms` -> (duration, ms); known words stay whole."""
    if token in _SPLIT_VOCAB or len(token) < 6:
        return (token,)
    for cut in range(len(token) - 2, 2, -1):  # the shortest known word at the end (a unit: the longest)
        head, tail = token[:cut], token[cut:]
        if tail in _SPLIT_VOCAB and (len(tail) >= 4 or tail in _UNIT_OF or tail in ("end", "day", "tag")):
            if unit_of(tail):  # the longest unit it ends in: consacremsec is msec, zeitmillisekunden millisekunden
                cut = next(c for c in range(cut + 1) if c == cut or unit_of(token[c:]))
                head, tail = token[:cut], token[cut:]
                if not head:
                    return (tail,)
            front = _split_compound(head) if head not in _SPLIT_VOCAB else (head,)
            return (*front, tail)
    for cut in range(len(token) - 3, 2, -1):  # a known word at the start: benutzername -> benutzer + name
        head, tail = token[:cut], token[cut:]
        if head in _SPLIT_VOCAB and len(head) >= 4 and (len(tail) >= 4 or tail in _SPLIT_VOCAB):
            return (head, *_split_compound(tail))  # not a known word and an ending: trabajador+es, not trabajado+res
    return (token,)


#: Words a slip of the keyboard is measured against (the vocabulary's words of 5 letters or more), indexed by
#: what is left when one letter is taken out (SymSpell): a word and its slip share such a rest.
_LONG_WORDS = tuple(sorted(w for w in _SPLIT_VOCAB if len(w) >= 5))


def _rests(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.cache
def _slip_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for w in _LONG_WORDS:
        for rest in _rests(w):
            index.setdefault(rest, set()).add(w)
    return {k: frozenset(v) for k, v in index.items()}


@functools.cache
def _meanings(word: str) -> frozenset[str]:
    return frozenset(r for r, entries in WORDS.items() for p, _ in entries if word == p or word in p)


@functools.lru_cache(maxsize=4096)
def near_word(token: str) -> str | None:
    """The vocabulary word `token` is one slip away from ('duraton', 'emplyee', 'projcet'): a letter dropped,
    doubled, swapped or mistyped. None when no word is that near, when the near words mean different
    things, and for words under 5 letters (too many short words are one letter apart)."""
    if len(token) < 5 or token in _SPLIT_VOCAB:
        return None
    index = _slip_index()
    near = {w for rest in _rests(token) for w in index.get(rest, ()) if _slips(token, w, 1) <= 1}
    if not near or len({_meanings(w) for w in near}) > 1:
        return None
    return min(near)


def _slips(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, or limit + 1 once it is over."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


_PERSON_TAILS = frozenset({"name", "id", "username", "login", "by", "code", "number", "no", "nom", "naam"})


def _by_first_word() -> dict[str, list[tuple[int, int, str | tuple[str, ...], float]]]:
    """WORDS turned around: each phrase under its first word, with its role's and its own place in WORDS,
    so role_words asks only the phrases a header could hold (the cells of data rows are many)."""
    index: dict[str, list[tuple[int, int, str | tuple[str, ...], float]]] = {}
    for r, entries in enumerate(WORDS.values()):
        for k, (phrase, weight) in enumerate(entries):
            index.setdefault(phrase if isinstance(phrase, str) else phrase[0], []).append((r, k, phrase, weight))
    return index


_ROLES = tuple(WORDS)
_PHRASES_BY_FIRST_WORD = _by_first_word()


def _has(words: frozenset[str], phrase: str | tuple[str, ...]) -> bool:
    if isinstance(phrase, str):
        return phrase in words
    return all(p in words for p in phrase)


@functools.lru_cache(maxsize=4096)
def role_words(text: object) -> dict[str, tuple[float, str]]:
    """Role -> (weight 0..1, the words that said it), for each role the header's words name."""
    h = read_header(text)
    stems = h.stems
    out: dict[str, tuple[float, str]] = {}
    # only the phrases whose first word the header has can match: a few of the ~1,000, in WORDS' order
    for r, _, phrase, weight in sorted(e for w in stems for e in _PHRASES_BY_FIRST_WORD.get(w, ())):
        role = _ROLES[r]
        if weight > out.get(role, (0.0, ""))[0] and _has(stems, phrase):
            out[role] = (weight, phrase if isinstance(phrase, str) else " ".join(_in_order(phrase, h.words)))
    _resolve(h.words, stems, out)
    if h.unit and "break" not in out:  # "Talk time [sec]": a unit of time says it holds a duration
        out["hours"] = (max(out.get("hours", (0.0, ""))[0], 0.9 if "hours" in out else 0.7),
                        out.get("hours", (0, h.unit_said))[1])
    return out


def _in_order(phrase: tuple[str, ...], words: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase's words in the order the header has them ('Typ práce' says 'typ prace', not 'prace typ')."""
    def at(p: str) -> int:
        return next((i for i, w in enumerate(words) if w == p or w.startswith(p)), len(words))
    return tuple(sorted(phrase, key=at))


def _resolve(words: tuple[str, ...], stems: frozenset[str], out: dict[str, tuple[float, str]]) -> None:
    """Where words of two roles meet, the one the phrase is about wins (`words` in order, `stems` for lookups)."""
    dates = {"date", "datum", "fecha", "jour", "day", "dia", "dag", "data", "datetime"}
    times = {"time", "zeit", "heure", "hora", "tijd", "cas", "uhrzeit", "clock", "timestamp", "zeitpunkt"}
    has_date, has_time = bool(dates & stems), bool(times & stems)
    if "date" in out and "end" in out and out["date"][0] < 0.8:
        out.pop("date")  # "End Zeitpunkt" is when an entry ends, not its date
    if "end_date" in out and out["end_date"][0] >= 0.8:
        out.pop("date", None)
        out.pop("end", None)
    for role in ("start", "end"):  # "Start date" is the date; "Start time" is the start
        if role in out and has_date and not has_time:
            out[role] = (out[role][0] * 0.4, out[role][1])
    if "date" in out and has_time and not has_date:
        out.pop("date")  # "Start time" has no date word: "time" said start, not date
    if "date" in out and out["date"][0] >= 0.7 and out.get("hours", (0.0, ""))[1] in WORKED:
        out.pop("hours")  # "Day worked", "Día trabajado", "Spent on": the day the time was worked, not how long
    if ("start" in out or "end" in out) and "hours" in out and out["hours"][1] in times | {"time"}:
        out.pop("hours")  # "Start time" is not a duration
    if "person" in out and out["person"][1] in ("name", "nom", "nombre", "naam", "jmeno", "login") and (
            stems & set(OTHER_NOUNS) or "first_name" in out or "last_name" in out):
        out.pop("person")
    if "first_name" in out or "last_name" in out or "email" in out:
        out.pop("person", None)  # "User email" is the e-mail; "Vorname" the first name
    if "person" in out and words and out["person"][1].split()[-1] != words[-1] and words[-1] not in _PERSON_TAILS \
            and any(out.get(r, (0.0,))[0] >= 0.4 for r in ("activity", "hours", "date", "start", "end", "task", "team")):
        # "Agent Status" is a status: the last word of an English compound is what it is; a weak word says less
        # than the person ("Mitarbeiter/in", "mitarbeiter_in": that "in" is a feminine ending, not a clock-in)
        out.pop("person")
    if "billable" in out and "hours" in out and out["hours"][0] >= 0.9:
        out.pop("billable")  # "Billable hours" is time, and not the time logged (see not_logged)
    if "break" in out:
        out.pop("hours", None)
    if words and words[-1] in IDENTIFIERS:
        out.pop("hours", None)  # "tempoWorklogId", "Entry no.": the entry's number, never its time


@functools.lru_cache(maxsize=4096)
def not_logged(text: object) -> str | None:
    """Why a time-like header is not the time logged (rounded, billed, money, planned...), or None."""
    h = read_header(text)
    words = set(h.stems)
    for spellings, why in NOT_LOGGED:
        if words & set(spellings):
            return why
    if words & set(BILLABLE_TIME) and words & {"hours", "time", "duration", "hrs", "stunden", "heures", "horas",
                                               "seconds", "minutes", "secs", "mins", "ms", "h", "min", "sec"}:
        return "billable hours are part of the time logged, not all of it"
    if any(ch in h.text for ch in "$€£¥"):
        return "money, not time"
    return None


def header_score(cells: list[object]) -> int:
    """How much a row looks like a header: distinct cells whose words surely name a role or a unit."""
    seen = {str(c).strip() for c in cells if isinstance(c, str) and c.strip() and len(c) <= 60}
    return sum(1 for s in seen if any(w >= 0.6 for w, _ in role_words(s).values()) or read_header(s).unit)
