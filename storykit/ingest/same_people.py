"""One person, one name, when files name people differently: Toggl by e-mail, Harvest by first and last name.

Read together, `aymer@compiler.la` and `Aymer Hauck` would count as two people and double the team.
An address is taken as a name only when its local part spells that name in a way people write
addresses (`aymer`, `aymer.hauck`, `ahauck`, `hauck.a`, `aymerh`) and spells no other name of the
log: two Anas make `ana@` nobody in particular, and it stays as written. Letters an address cannot hold
are written either way people write them: accents dropped (`jurgen.muller` for Jürgen Müller) or spelled
out (`juergen.mueller`; Nordic `soeren`/`soren` for Søren, `aasa`/`asa` for Åsa).
"""

from __future__ import annotations

import re
import unicodedata

_ADDRESS = re.compile(r"^\s*([^@\s]+)@[^@\s]+\.[^@\s]+\s*$")
_WORDS = re.compile(r"[^\W\d_]+")


#: Letters with no accent to drop, as an address writes them (ø is no o with a mark to Unicode).
_LETTERS = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
#: The same letters spelled out, as German and Nordic addresses write them (ß is 'ss' either way).
_SPELLED_OUT = str.maketrans({**_LETTERS, "ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_DROPPED = str.maketrans(_LETTERS)


def _fold(text: str, letters: dict[int, str] = _DROPPED) -> str:
    text = unicodedata.normalize("NFC", text.casefold()).translate(letters)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _spellings(name: str) -> set[str]:
    """How an address's local part may write a name, separators dropped: 'Aymer Hauck' -> aymer, hauck,
    aymerhauck, hauckaymer, ahauck, aymerh, haucka; with its accents dropped or spelled out."""
    out: set[str] = set()
    for letters in (_DROPPED, _SPELLED_OUT):
        words = _WORDS.findall(_fold(name, letters))
        if not words:
            continue
        first, last = words[0], words[-1]
        out |= {"".join(words), first + last, last + first}
        if len(words) > 1:
            out |= {first, last, first[0] + last, first + last[0], last + first[0]}
    return out


def addresses_as_names(people: list[str]) -> dict[str, str]:
    """Address -> the one name of `people` its local part spells; addresses that spell none or several
    are left out."""
    names = [p for p in people if not _ADDRESS.match(p)]
    by_spelling: dict[str, set[str]] = {}
    for name in names:
        for spelling in _spellings(name):
            by_spelling.setdefault(spelling, set()).add(name)
    out = {}
    for person in people:
        address = _ADDRESS.match(person)
        if not address:
            continue
        local = "".join(_WORDS.findall(_fold(address.group(1).split("+")[0])))
        found = by_spelling.get(local, set())
        if len(found) == 1:
            out[person] = next(iter(found))
    return out
