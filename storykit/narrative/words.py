"""Numbers as a room hears them: '2.5 people', 'a third', '$206k', 'A, B and 2 more', '7 Sep'.

Formatting only: every number here arrives computed (analysis, scenario); these functions
decide how it is said, and titles that would not fit two lines give way to shorter ones.
"""

from __future__ import annotations

import datetime as dt

TITLE_MAX = 110  # characters: two lines of the deck's title box at its smallest size
NAMED_SHARES = {1.0: "all", 0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 1 / 3: "a third",
                2 / 3: "two thirds"}
SMALL_COUNTS = {1: "one", 2: "two", 3: "three"}
ONE_IN = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def fte(value: float) -> str:
    """'2.5': full-time equivalents as the deck prints them."""
    return f"{value:.1f}"


def people(value: float) -> str:
    """'1.3 people', '1.0 person': FTE as people, the magnitude a room pictures."""
    return f"{value:.1f} {'person' if round(value, 1) == 1.0 else 'people'}"


def more_people(value: float) -> str:
    """'2.5 more people': the headcount ask as people."""
    return f"{value:.1f} more {'person' if round(value, 1) == 1.0 else 'people'}"


def hours_a_week(hours: float) -> str:
    """'6 hours a week', '1.5 hours a week': for amounts below half a person."""
    value = f"{hours:,.0f}" if hours >= 9.5 else f"{hours:.1f}".removesuffix(".0")
    return f"{value} hour{'' if value == '1' else 's'} a week"


def percent(share: float) -> str:
    """'31%'; '<1%' for a share above zero that would read 0% beside a bar that says it is not nothing."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def share_words(share: float) -> str:
    """Half, a third, all: words where a fraction is close to one people say, else a percentage."""
    for value, words in NAMED_SHARES.items():
        if abs(share - value) < 0.005:
            return words
    return percent(share)


def one_in_words(share: float) -> str:
    """'one in three' for 31%."""
    if share <= 0:
        return "none of our"
    n = round(1 / share)
    if n <= 1:
        return f"{share:.0%} of our"
    return f"one in {ONE_IN.get(n, str(n))}"


def count_words(n: int) -> str:
    return SMALL_COUNTS.get(n, str(n))


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def listing(items: list[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def owners_words(owners: list[str]) -> str:
    """'Contact Centre and IT', or 'the 5 owning teams' where a list would not fit a line."""
    return listing(owners) if len(owners) <= 3 else f"the {len(owners)} owning teams"


def day(date: dt.date, year: bool = False) -> str:
    """'7 Sep', or '7 Sep 2026' with its year."""
    return f"{date.day} {date.strftime('%b')}" + (f" {date.year}" if year else "")


def period(first: dt.date, last: dt.date) -> str:
    """'7 Sep - 30 Sep 2026', '23 Nov 2025 - 14 Jan 2026' (a year is never left to guess), '12 Mar 2013'."""
    if first == last:
        return day(last, True)
    return f"{day(first, first.year != last.year)} - {day(last, True)}"


def file_name(path: str) -> str:
    """'x.csv' for '/home/jane/exports/x.csv' or 'C:\\Users\\jane\\x.csv': the deck never shows the user's folders."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path


def sources_words(sources: tuple[str, ...]) -> str:
    """'a.csv, b.xlsx': the files a story was told from, base names once each (no folder reaches a deck)."""
    return ", ".join(dict.fromkeys(file_name(s) for s in sources)) or "time logs"


def weeks_words(weeks: int) -> str:
    """'1 week', '5 weeks'."""
    return f"{weeks} week{'s' * (weeks != 1)}"


def money(value: float, currency: str = "$") -> str:
    """People-sized money: $184k, $1.2M, $950."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    if size >= 1e6:
        return f"{sign}{currency}{size / 1e6:.1f}M"
    if size >= 1e4:
        return f"{sign}{currency}{size / 1e3:.0f}k"
    if size >= 1e3:
        return f"{sign}{currency}{size / 1e3:.1f}k"
    return f"{sign}{currency}{size:,.0f}"


def fitting(*candidates: str | None) -> str:
    """The first candidate title that fits two lines; the shortest if none does."""
    options = [c for c in candidates if c]
    for candidate in options:
        if len(candidate) <= TITLE_MAX:
            return candidate
    return min(options, key=len)
