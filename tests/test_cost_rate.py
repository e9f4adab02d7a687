"""A file's own hourly cost (Harvest's 'Cost Rate'): found by what its header says, weighted by hours, never a price."""

from __future__ import annotations

import csv
import io

import pytest

import storykit as sk
from tests.conftest import SAMPLES

HARVEST = "harvest_service_desk.csv"


def log_of(text: str, name: str = "t.csv") -> sk.TimeLog:
    return sk.load((name, text.encode()))


def test_harvest_cost_rate_is_the_hours_weighted_mean_of_its_entries():
    rows = list(csv.DictReader(io.StringIO((SAMPLES / HARVEST).read_text())))
    costed = [(float(r["Hours"]), float(r["Cost Rate"])) for r in rows if float(r["Cost Rate"]) > 0]
    expected = sum(h * c for h, c in costed) / sum(h for h, _ in costed)
    rate = sk.load((HARVEST, (SAMPLES / HARVEST).read_bytes())).cost_rate
    assert rate is not None
    assert rate.per_hour == pytest.approx(expected, abs=0.005)
    assert rate.column == "Cost Rate" and rate.currency == "USD"
    assert rate.covered == pytest.approx(sum(h for h, _ in costed) / sum(float(r["Hours"]) for r in rows))


HEAD = "Date,Person,Activity,Hours,"


@pytest.mark.parametrize("header, cells, per_hour, currency", [
    ("Cost Rate", ("40", "60"), 50.0, None),
    ("Hourly cost", ("$40.00", "$60.00"), 50.0, "$"),
    ("Kosten pro Stunde", ("40,00", "60,00"), 50.0, None),
    ("Taux de coût", ("40", "60"), 50.0, None),
    ("Cost rate", ("0", "60"), 60.0, None),  # 0: the tracker has no cost set for that person
], ids=["harvest", "symbol", "german decimal comma", "french", "zero is no rate"])
def test_an_hourly_cost_is_read_from_what_the_header_says(header, cells, per_hour, currency):
    sep = ";" if "," in cells[0] else ","  # decimal commas come in ';'-separated files, as Excel writes them
    rows = [HEAD.split(",")[:-1] + [header], ["2026-01-05", "Ann", "Tickets", "1", cells[0]],
            ["2026-01-05", "Bob", "Tickets", "1", cells[1]]]
    rate = log_of("".join(sep.join(row) + "\n" for row in rows)).cost_rate
    assert rate is not None and rate.per_hour == per_hour and rate.currency == currency


@pytest.mark.parametrize("header", ["Billable Rate", "Cost Amount", "Cost", "Rate", "Stundensatz"])
def test_a_price_an_amount_or_an_unnamed_rate_is_never_taken_for_the_hourly_cost(header):
    text = HEAD + f"{header}\n2026-01-05,Ann,Tickets,1,40\n2026-01-05,Bob,Tickets,1,60\n"
    assert log_of(text).cost_rate is None


def test_a_rate_column_is_never_read_as_hours():
    text = HEAD.replace("Hours,", "Hours,Cost Rate") + "\n2026-01-05,Ann,Tickets,2,40\n"
    log = log_of(text)
    assert log.total_hours == 2 and log.cost_rate.per_hour == 40


def test_several_files_combine_by_their_hours_and_never_across_currencies():
    a = HEAD + "Cost Rate,Currency\n2026-01-05,Ann,Tickets,3,40,EUR\n"
    b = HEAD + "Cost Rate,Currency\n2026-01-05,Bob,Tickets,1,80,EUR\n"
    c = HEAD + "Cost Rate,Currency\n2026-01-05,Cy,Tickets,1,80,USD\n"
    both = sk.load(("a.csv", a.encode()), ("b.csv", b.encode()))
    assert both.cost_rate.per_hour == 50.0 and both.cost_rate.currency == "EUR"
    assert sk.load(("a.csv", a.encode()), ("c.csv", c.encode())).cost_rate is None
