"""Scenario: per other team, the share of its work that goes back and the stage; the effect live; the ask."""

from __future__ import annotations

import dataclasses

import streamlit as st

import storykit as sk
from pages import _shared as ui
from storykit.vocabulary import ASK_LABELS, ASKS, STAGES

STAGE_CHOICES = {n: f"{n} · {words}" for n, words in STAGES.items()}


def set_hand_back(owner: str) -> None:
    sc = ui.project().scenario
    plan = dataclasses.replace(sc.plan_for(owner), share=ui.seeded(f"share:{owner}") / 100,
                               stage=ui.seeded(f"stage:{owner}"))
    others = tuple(h for h in sc.hand_backs if h.owner != owner)
    ui.update(scenario=dataclasses.replace(sc, hand_backs=(*others, plan)))


def set_scenario(field: str) -> None:
    value = ui.seeded(field)
    if field == "reclaimed_for":
        value = value.strip() or sk.Scenario.reclaimed_for
    if field == "stage_weeks":
        value = int(value)
    ui.update(scenario=dataclasses.replace(ui.project().scenario, **{field: value}))


def set_service(field: str) -> None:
    value = ui.seeded(field)
    if field == "backlog_items" and value is not None:
        value = int(value)
    ui.update(service=dataclasses.replace(ui.project().service, **{field: value}))


ui.header(ui.SCENARIO)
files, _ = ui.require_data()
project = ui.project()
sc, sl, settings = project.scenario, project.service, project.settings
a = ui.analysis(files, project)
m, o = a.metrics, a.outcome

if not o.plans:
    st.info("No hours are classified as other teams' work, so there is nothing to hand back. "
            "If some work belongs to another team, assign it on the Classify step.", icon=":material/info:")
    right = st.container()  # no effect of zeros, no ask for nothing: the service levels alone, the page's width
else:
    st.markdown("**Per team: how much of its work goes back, and how far the hand-back goes by the end**")
    for n, plan in enumerate(o.plans):
        with st.container(border=True, key=f"plan-{n}"):  # pages/_layout.py: two by two when narrow
            c1, c2, c3, c4 = st.columns([3, 3, 3, 2], vertical_alignment="center")
            c1.markdown(f"**{plan.owner}**  \n{plan.hours_per_week:,.1f} h a week today")
            c2.slider("Share that goes back", 0, 100, key=ui.seed(f"share:{plan.owner}", round(plan.share * 100)),
                      step=5, format="%d%%", on_change=set_hand_back, args=(plan.owner,))
            c3.selectbox("Stage reached", list(STAGE_CHOICES), key=ui.seed(f"stage:{plan.owner}", plan.stage),
                         format_func=STAGE_CHOICES.get, on_change=set_hand_back, args=(plan.owner,),
                         help="Stage s returns s/3 of the share: stage 1 moves only new requests.")
            c4.markdown(f"Back to us  \n**{plan.reclaimed_per_week:,.1f} h a week**")
    st.markdown("**The effect**")
    e1, e2, e3, e4 = st.columns(4)
    e1.metric("Reclaimed per week", f"{o.reclaimed_per_week:,.1f} h")
    e2.metric("Full-time people", f"{o.reclaimed_fte:.1f} FTE",
              help=f"{o.reclaimed_per_week:,.1f} h / {m.contracted_weekly_hours:g} contracted h per week")
    if o.reclaimed_cost is not None:
        e3.metric("A year", f"{settings.currency}{o.reclaimed_cost:,.0f}",
                  help=f"{o.reclaimed_per_week:,.1f} h x {m.working_weeks_per_year:g} weeks x "
                       f"{settings.currency}{m.hourly_cost:,.2f}")
    else:
        e3.metric("A year", "no cost given", help="Add a loaded hourly cost on the Settings step to see money.")
    moved = o.other_share_after - m.other_team_share  # no arrow where nothing moves: '+0%' in red read as worse
    e4.metric("Other teams' share after", f"{o.other_share_after:.0%}",
              delta=f"{moved:+.0%}" if round(moved, 2) else None, delta_color="inverse")
    left, right = st.columns(2, gap="large")
    with left:
        st.radio("Our ask", ASKS, key=ui.seed("ask", sc.ask), format_func=ASK_LABELS.get, on_change=set_scenario,
                 args=("ask",))
        st.text_input("What the reclaimed time is for", key=ui.seed("reclaimed_for", sc.reclaimed_for),
                      max_chars=120, on_change=set_scenario, args=("reclaimed_for",),
                      help="Completes act 3's title: '... frees 1.0 people for <this>'.")
        st.number_input("Weeks between stages", key=ui.seed("stage_weeks", sc.stage_weeks), min_value=1,
                        max_value=26, step=1, on_change=set_scenario, args=("stage_weeks",),
                        help="Stage 1 starts the Monday after your data ends; each later stage this many weeks on.")
with right, st.expander("Service levels (optional): what slips today", expanded=sl != sk.ServiceLevel()):
    st.number_input("Promised response time (hours)", key=ui.seed("promised_response_hours",
                    sl.promised_response_hours), value=None, min_value=0.0, max_value=10000.0, step=1.0, placeholder="e.g. 2",
                    on_change=set_service, args=("promised_response_hours",))
    st.number_input("Actual response time today (hours)", key=ui.seed("actual_response_hours",
                    sl.actual_response_hours), value=None, min_value=0.0, max_value=100000.0, step=1.0, placeholder="e.g. 19",
                    on_change=set_service, args=("actual_response_hours",))
    st.number_input("Items waiting in our backlog", key=ui.seed("backlog_items", sl.backlog_items), value=None, min_value=0,
                    max_value=10**9, step=1, placeholder="e.g. 340", on_change=set_service, args=("backlog_items",))
    st.number_input("Minutes one backlog item takes", key=ui.seed("minutes_per_item", sl.minutes_per_item),
                    value=None, min_value=0.0, max_value=10000.0, step=1.0, placeholder="e.g. 15",
                    on_change=set_service, args=("minutes_per_item",),
                    help="With it, the story says when the reclaimed time clears the backlog.")

act3 = ui.story(files, ui.project()).acts[2]
with st.container(border=True, key="slide-scenario-3"):
    st.caption("Slide 3 as it will read")
    ui.show_act(act3, "scenario", height=320)
ui.next_step(ui.SCENARIO)
