"""A file's own cost of an hour (Harvest's "Cost Rate"), so the app can offer it as the loaded hourly cost.

Time trackers that know what an hour of each person costs write it on every entry. The reader never
sums such a column as time (roles.words.NOT_LOGGED); here it becomes one figure: the hours-weighted
mean of the entries that carry a cost, with the share of the hours they hold. A billing rate (what a
client pays) is a price, not a cost, and is never taken for one. The user decides whether to use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from storykit.ingest.cells import map_distinct
from storykit.ingest.roles.header import read_header
from storykit.model import CostRate

#: A header names an hourly cost when it has a word of each: a cost (not a price) and a rate (not an amount).
COST_WORDS = frozenset({"cost", "costs", "kosten", "kost", "cout", "couts", "costo", "coste", "naklady"})
RATE_WORDS = frozenset({"rate", "satz", "taux", "tarif", "tarifa", "tarief", "sazba", "hourly", "hour", "stunde",
                        "heure", "hora", "uur"})
CURRENCY_WORDS = frozenset({"currency", "wahrung", "devise", "monnaie", "moneda", "valuta", "mena"})
#: Above this a cell is no hourly cost (an amount, a code, a year); zero means the tracker has none set.
MAX_PER_HOUR = 10_000.0
_SYMBOLS = "$€£¥"
_ISO = re.compile(r"\b([A-Z]{3})\b")


def find_cost_rate(body: pd.DataFrame, hours: pd.Series, used: Iterable[str]) -> CostRate | None:
    """The file's hourly cost from the first column whose header says cost per hour, or None."""
    used = set(used)
    for column in body.columns:
        stems = read_header(column).stems
        if column in used or not (stems & COST_WORDS and stems & RATE_WORDS):
            continue
        values = map_distinct(body[column], lambda cells: money(cells.astype("string")))  # rates repeat
        carries = values.notna() & (values > 0) & (values <= MAX_PER_HOUR) & (hours > 0)
        if not carries.any():
            continue
        weight = hours[carries]
        return CostRate(
            per_hour=round(float((values[carries] * weight).sum() / weight.sum()), 2), column=str(column),
            hours=float(weight.sum()), covered=float(weight.sum() / hours[hours > 0].sum()),
            currency=_currency(body, body[column][carries]),
        )
    return None


def money(text: pd.Series) -> pd.Series:
    """'$42.00', '42,5', '1,250.00', ' 42 ' -> numbers; anything else -> NaN."""
    digits = text.str.strip().str.replace(r"[^\d,.\-]", "", regex=True)
    comma_decimal = digits.str.contains(",", regex=False) & ~digits.str.contains(".", regex=False) \
        & digits.str.contains(r",\d{1,2}$", regex=True)
    digits = digits.where(~comma_decimal.fillna(False), digits.str.replace(",", ".", regex=False))
    return pd.to_numeric(digits.str.replace(",", "", regex=False), errors="coerce")


def _currency(body: pd.DataFrame, cells: pd.Series) -> str | None:
    """The currency the file names: an ISO code in a currency column ('United States Dollar - USD'), or a symbol."""
    for column in body.columns:
        if read_header(column).stems & CURRENCY_WORDS:
            said = body[column].drop_duplicates().astype("string").dropna().str.strip()
            codes = said.str.extract(_ISO, expand=False).dropna()
            if not codes.empty:
                return str(codes.iloc[0])
    symbols = cells.drop_duplicates().astype("string").str.extract(f"([{_SYMBOLS}])", expand=False).dropna()
    return str(symbols.mode().iloc[0]) if not symbols.empty else None
