"""One person, one name, when files name people differently: Toggl by e-mail, Harvest by first and last name.

Read together, `aymer@compiler.la` and `Aymer Hauck` would count as two people and double the team.
An address is taken as a name only when its local part spells that name in a way people write
addresses (`aymer`, `aymer.hauck`, `ahauck`, `hauck.a`, `aymerh`) and spells no other name of the
log: two Anas make `ana@` nobody in particular, and it stays as written.
"""

from __future__ import annotations

import re
import unicodedata

_ADDRESS = re.compile(r"^\s*([^@\s]+)@[^@\s]+\.[^@\s]+\s*$")
_WORDS = re.compile(r"[^\W\d_]+")


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _spellings(name: str) -> set[str]:
    """How an address's local part may write a name, separators dropped: 'Aymer Hauck' -> aymer, hauck,
    aymerhauck, hauckaymer, ahauck, aymerh, haucka."""
    words = _WORDS.findall(_fold(name))
    if not words:
        return set()
    first, last = words[0], words[-1]
    out = {"".join(words), first + last, last + first}
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
