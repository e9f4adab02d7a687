"""Settings: what the data cannot say: the team's name, contracted hours, cost, audience, names on slides."""

from __future__ import annotations

import streamlit as st

import storykit as sk
from pages import _shared as ui
from storykit.vocabulary import AUDIENCE_LABELS, AUDIENCES

CURRENCIES = ["$", "€", "£", "CHF ", "kr ", "A$", "C$"]
SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "CHF": "CHF ", "SEK": "kr ", "NOK": "kr ", "DKK": "kr ", "AUD": "A$",
         "CAD": "C$"}  # a file's ISO code as this page writes the currency


def sign(currency: str | None) -> str:
    """The currency as the deck writes it: '$' for USD, a symbol as it is, another code with a space."""
    if currency is None:
        return ui.project().settings.currency
    return SIGNS.get(currency, currency if len(currency) == 1 else f"{currency} ")


def save(field: str) -> None:
    value = ui.seeded(field)
    if isinstance(value, str) and field in ("team_name", "author"):
        value = value.strip() or ("Our team" if field == "team_name" else "")
    if field == "currency":
        value = (value or "$")[:5]  # the project file allows five characters
    ui.update_settings(**{field: value})


def use_rate(per_hour: float, currency: str) -> None:
    """The file's cost of an hour becomes the hourly cost; the boxes show it at once."""
    ui.update_settings(hourly_cost=per_hour, currency=currency)
    st.session_state[ui.SEED + "hourly_cost"] = per_hour
    st.session_state[ui.SEED + "currency"] = currency


def offer_rate(rate: sk.CostRate) -> None:
    """A file that says what an hour costs (Harvest's 'Cost Rate'): offered as the hourly cost, never assumed."""
    money = f"{sign(rate.currency)}{rate.per_hour:,.2f}"
    st.info(f"Your export says what an hour costs: **{money}** on average (its '{rate.column}' column, weighted by "
            f"hours; {rate.covered:.0%} of the hours carry one). Check that it includes benefits and overhead.",
            icon=":material/payments:")
    st.button(f"Use {money} an hour", key="use_rate", icon=":material/check:", on_click=use_rate,
              args=(rate.per_hour, sign(rate.currency)))


ui.header(ui.SETTINGS)
s = ui.project().settings
r = ui.reading()
rate = r.log.cost_rate if r is not None and r.log is not None else None
left, right = st.columns(2, gap="large")
with left:
    st.text_input("Team name", key=ui.seed("team_name", s.team_name), max_chars=80, on_change=save,
                  args=("team_name",), help="Used in the titles: 'Customer Support: 6 people spend ...'")
    st.number_input("People in the team (optional)", key=ui.seed("team_size", s.team_size), value=None, min_value=1,
                    max_value=100_000, step=1, on_change=save, args=("team_size",), placeholder="read from the data",
                    help="The data names the people who logged; set this when it names nobody (a summary report) "
                         "or when some of the team did not log.")
    st.number_input("Contracted hours per person per week", key=ui.seed("contracted_weekly_hours",
                    s.contracted_weekly_hours), min_value=1.0, max_value=80.0, step=0.5, on_change=save,
                    args=("contracted_weekly_hours",), help="One full-time person (FTE) = this many hours a week.")
    st.number_input("Working weeks per year", key=ui.seed("working_weeks_per_year", s.working_weeks_per_year),
                    min_value=1.0, max_value=53.0, step=1.0, on_change=save, args=("working_weeks_per_year",),
                    help="For the annual cost: weeks a year minus holidays.")
    st.text_input("Author (shown in the deck's properties)", key=ui.seed("author", s.author), max_chars=120,
                  on_change=save, args=("author",))
with right:
    c1, c2 = st.columns([3, 1])
    c1.number_input("Loaded hourly cost (optional)", key=ui.seed("hourly_cost", s.hourly_cost), value=None, min_value=0.0,
                    max_value=100000.0, step=1.0, on_change=save, args=("hourly_cost",),
                    placeholder="leave empty: no money",
                    help="Salary, benefits and overhead per hour. Without it the deck speaks in people, not money.")
    if rate is not None and (s.hourly_cost, s.currency) != (rate.per_hour, sign(rate.currency)):
        offer_rate(rate)
    currencies = CURRENCIES if s.currency in CURRENCIES else [s.currency, *CURRENCIES]
    c2.selectbox("Currency", currencies, key=ui.seed("currency", s.currency), on_change=save, args=("currency",),
                 accept_new_options=True)
    st.radio("Who will see the deck?", AUDIENCES, key=ui.seed("audience", s.audience),
             format_func=AUDIENCE_LABELS.get, on_change=save, args=("audience",),
             help="Changes what act 2 leads with and the speaker notes' emphasis.")
    st.toggle("Show people's names on the slides", key=ui.seed("show_names", s.show_names), on_change=save,
              args=("show_names",),
              help="Off: people appear as Person A, Person B, ... Turn on only if everyone named agreed.")

s = ui.project().settings
st.caption(f"One full-time person = {s.contracted_weekly_hours:g} h a week; a year = {s.working_weeks_per_year:g} "
           "working weeks; " + (f"an hour costs {s.currency}{s.hourly_cost:,.2f}."
                                if s.hourly_cost is not None else "no cost given, so the deck shows no money."))
ui.next_step(ui.SETTINGS)
