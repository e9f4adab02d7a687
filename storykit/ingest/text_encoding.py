"""Bytes of a text export to text: byte-order marks, UTF-8, UTF-16 without a mark, and the older 8-bit encodings.

UTF-8 is tried first and is the fast path. Bytes that are not UTF-8 were written in one of the
8-bit code pages (Windows-1252 in Western Europe, Windows-1250/ISO-8859-2 in Central Europe,
Mac Roman from older Macs, Windows-1251 for Cyrillic, ...): each decodes without error, so the
choice is the one whose text reads most like words (letters of one script inside a word, case
that follows the word, no symbols or control characters between letters). charset-normalizer
(a maintained detector) adds its guess for the encodings outside that list (CJK, others); on
short Western samples, names with a few accents, it cannot tell Mac Roman or Windows-1250 from
Windows-1252 (measured in tests/test_encodings.py), so it is a second opinion, not the judge.
"""

from __future__ import annotations

import re
import unicodedata

from storykit.errors import ReadError

#: 8-bit encodings people's files are in, most common first: the order breaks ties.
CODE_PAGES = ("cp1252", "cp1250", "iso-8859-2", "mac_roman", "cp1251", "cp1253", "cp1254", "cp1257",
              "iso-8859-15", "cp850", "cp437", "koi8_r", "mac_latin2")
SAMPLE_BYTES = 1 << 16
_HIGH = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TOKEN = re.compile(r"[^\s,;|\"'()\[\]/:.\-_]+")
#: Quotes and dashes may touch a word; any other sign against a letter is a sign of the wrong code page.
_QUOTES = frozenset("‘’‚“”„«»–—¿¡")
#: Letters of few languages (Icelandic, Faroese, Old English): a wrong code page makes them often.
_RARE_LETTERS = frozenset("þÞðÐÿŸ")
_ACCENTED_VOWELS = frozenset("áàâäãåæéèêëěíìîïóòôöõøœúùûüůűýÿőąęėįųūāēī")
#: The accented letters of the Latin-script languages people write time logs in.
_ALPHABETS = tuple(frozenset(a) for a in (
    "äöüß", "àâæçéèêëîïôœùûüÿ", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "áéèëïóöü", "æøåéó", "åäöé",
    "áðéíóúýþæö", "ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "ăâîșțşţ", "čćđšž",
    "çğıöşüâî", "ąčęėįšųūž", "āčēģīķļņšūž", "äöõüšž", "àçèéíïòóúü",
))


def decode_text(name: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Text, the encoding it was read with, and notes about repairs (NUL bytes, mixed lines, a guessed encoding)."""
    notes: list[str] = []
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in data and _utf16_without_bom(data) is None:
        nuls = data.count(b"\x00")
        notes.append(f"{nuls:,} NUL bytes were removed (as after a copy that broke off); the file may be damaged")
        data = data.replace(b"\x00", b"")
    text, encoding = decode(name, data)
    if encoding == "utf-8+cp1252":
        notes.append("the file mixes UTF-8 and Windows-1252 lines; each line was read in its own "
                     "encoding: check names with accents")
    elif encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "ascii"):
        notes.append(f"the file is not UTF-8: read as {encoding} (the code page whose text reads as words): "
                     "check names with accents")
    return text, encoding, tuple(notes)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-16 without one, UTF-8, then an 8-bit code page."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(name, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(name, data, "utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(name, data, utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    encoding = guess_code_page(data)
    return data.decode(encoding, errors="replace"), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when NULs fill every other byte of the head (ASCII text in UTF-16), else None.

    A run of NULs from a broken copy fills both halves, so it is not taken for UTF-16.
    """
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _strict(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(
            f"the file says it is {encoding} but byte {e.start} is not", file=name,
            hint="Save it again as UTF-8 CSV.",
        ) from None


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Lines that are valid UTF-8 as UTF-8, the rest as Windows-1252 (files appended by two tools)."""
    out, utf8_lines = [], 0
    for line in data.split(b"\n"):
        try:
            decoded = line.decode("utf-8")
            utf8_lines += any(b > 127 for b in line)
        except UnicodeDecodeError:
            decoded = line.decode("cp1252", errors="replace")
        out.append(decoded)
    return ("\n".join(out), "utf-8+cp1252") if utf8_lines else None


def guess_code_page(data: bytes) -> str:
    """The 8-bit encoding whose reading of the file's non-ASCII lines looks most like words."""
    sample = b"\n".join(m.group(0) for m in _HIGH.finditer(data[: SAMPLE_BYTES * 4]))[:SAMPLE_BYTES]
    scores: dict[str, float] = {}
    for encoding in CODE_PAGES:
        try:
            scores[encoding] = implausibility(sample.decode(encoding))
        except UnicodeDecodeError:
            continue
    best = min(scores, key=lambda e: (scores[e], CODE_PAGES.index(e)))
    if scores[best] > 0:
        second = _detector_guess(sample)
        if second and second not in scores:
            try:
                if implausibility(sample.decode(second)) < scores[best]:
                    return second
            except (UnicodeDecodeError, LookupError):
                pass
    return best


def _detector_guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but a missing one only loses the second opinion
        return None
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def implausibility(text: str) -> float:
    """How unlike words the non-ASCII characters of `text` are (0 reads as words; higher is worse).

    Judged on each distinct token (a run of characters between spaces and the ASCII punctuation
    of a CSV) with non-ASCII letters in it: a letter of another script than its neighbours, a
    sign against a letter, an uppercase letter inside a word, a letter few languages use, or a
    text whose Latin words are made almost only of accented letters (Cyrillic read as Latin) is
    what the wrong code page produces; a control character is worse.
    """
    score, accented, tokens = 0.0, 0, 0
    for token in set(_TOKEN.findall(text)):
        if token.isascii() or not any(c.isalpha() for c in token):
            continue
        tokens += 1
        score += _token_oddity(token)
        high = [c for c in token if not c.isascii() and c.isalpha()]
        if len(token) >= 3 and len(high) >= 0.8 * len(token) and _script(high[0]) == "LATIN":
            accented += 1
    if tokens and accented > 0.3 * tokens:
        score += 2 * accented  # Latin words are mostly plain letters with a few accents
    score += 0.5 * _unexplained_letters(text)
    for c in set(_NON_ASCII.findall(text)):
        if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn") or c == "\ufffd":
            score += 3
    return score


def _unexplained_letters(text: str) -> int:
    """Accented Latin letters of the text that the one language explaining most of them does not use.

    The right code page gives one language's letters (ç ı ş ğ ü ö: Turkish); a wrong one a
    mixture of several (ç ý ţ đ ü ö). A team's names may mix languages, so this weighs lightly.
    """
    letters = {c for c in _NON_ASCII.findall(text.lower()) if c.isalpha() and _script(c) == "LATIN"}
    if not letters:
        return 0
    return len(letters) - max(len(letters & alphabet) for alphabet in _ALPHABETS)


def _token_oddity(token: str) -> float:
    score = 0.0
    letters = [c for c in token if c.isalpha()]
    shouted = len(letters) > 1 and all(c.isupper() for c in letters)
    if len({_script(c) for c in letters}) > 1:
        score += 2
    for i, c in enumerate(token):
        if c.isascii():
            continue
        before = token[i - 1] if i else ""
        after = token[i + 1] if i + 1 < len(token) else ""
        if not c.isalpha():
            if c not in _QUOTES:
                score += (before.isalpha() or after.isalpha()) + (before.isalpha() and after.isalpha())
            continue
        if c in _RARE_LETTERS:
            score += 1
        if c.lower() in _ACCENTED_VOWELS and before.lower() in _ACCENTED_VOWELS:
            score += 1  # two accented vowels in a row ('úè') are rare in any language
        if c.isupper() and i > 0 and (before.isalpha() or after.islower()) and not shouted:
            score += 2  # an uppercase letter inside a word (not one written all in capitals: CONSACRÉ)
    return score


def _script(c: str) -> str:
    return unicodedata.name(c, "?").split(" ", 1)[0]
