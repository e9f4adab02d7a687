"""Story: the three acts as the deck will show them; titles, points and notes editable in place."""

from __future__ import annotations

import dataclasses

import streamlit as st

import storykit as sk
from pages import _followup as followup
from pages import _shared as ui
from storykit.vocabulary import ACTS

EXPLAINS = {1: ("Work hours", "What we control", "Other-team share"),
            2: ("FTE equivalent", "Annual cost", "Concentration", "Trend by week", "Fragmentation"), 3: ()}


def edit(kind: str, number: int, generated: str | tuple[str, ...]) -> None:
    """Store the user's text; text equal to the generated text is no edit, so new data updates it."""
    value = ui.seeded(f"{kind}{number}")
    if kind == "points":
        value = tuple(line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t"))
    else:
        value = value.strip()
    field = dict(getattr(ui.project().edits, kind))
    if not value or value == generated:
        field.pop(number, None)
    else:
        field[number] = value
    ui.update(edits=dataclasses.replace(ui.project().edits, **{kind: field}))


def reset(number: int) -> None:
    e = ui.project().edits
    ui.update(edits=sk.Edits({k: v for k, v in e.titles.items() if k != number},
                             {k: v for k, v in e.points.items() if k != number},
                             {k: v for k, v in e.notes.items() if k != number}))
    for kind in ("titles", "points", "notes"):
        st.session_state.pop(f"{ui.SEED}{kind}{number}", None)


ui.header(ui.STORY)
files, _ = ui.require_data()
project = ui.project()
if followup.chosen(files, project):  # the project keeps a baseline and this data is later: the second meeting
    followup.show(files, project)
    ui.next_step(ui.STORY)
    st.stop()
story = ui.story(files, project)
generated = ui.story(files, ui.without_edits(project))
a = ui.analysis(files, project)
explanations = {x.name: x for x in sk.explain(a.metrics, project.settings.currency)}
ui.show_review(a)
st.caption("Read the three titles alone: they should tell the whole story. Click into any text to rewrite it; "
           "the deck uses exactly what you see. " + story.source)

for act, gen in zip(story.acts, generated.acts, strict=True):
    n = act.number
    edited = n in project.edits.titles or n in project.edits.points or n in project.edits.notes
    with st.container(border=True, key=f"slide-story-{n}"):
        top, button = st.columns([3, 1], vertical_alignment="center")
        top.caption(f"Slide {n} of 3 · {ACTS[n]}" + (" · edited by you" if edited else ""))
        if edited:
            button.button("Use the generated text", key=f"reset{n}", on_click=reset, args=(n,), icon=":material/undo:")
        st.text_area("Title (the slide's message, with its number)", key=ui.seed(f"titles{n}", act.title),
                     height=68, max_chars=300, on_change=edit, args=("titles", n, gen.title))
        if n in project.edits.titles and act.title != gen.title:
            st.caption(f"Generated from the current data: {gen.title}")
        left, right = st.columns([3, 2], gap="large")
        with left:
            ui.show_chart(act, "story", 360)
        right.metric(act.big_number.label, act.big_number.value)
        right.text_area("Points (one per line)", key=ui.seed(f"points{n}", "\n".join(act.points)), height=200,
                        on_change=edit, args=("points", n, gen.points))
        with right.expander("How was this computed?", icon=":material/functions:"):
            for name in EXPLAINS[n]:
                if name in explanations:
                    x = explanations[name]
                    st.markdown(f"**{x.name}: {x.value}**  \n{x.meaning}  \n`{x.formula}`")
            if n == 3 and not a.metrics.has_other_work:  # no plan to sum up: say why nothing is reclaimed
                st.markdown(act.notes.method)
            elif n == 3:
                o = a.outcome
                for p in o.plans:
                    st.markdown(f"**{p.owner}**: {p.hours_per_week:,.1f} h/wk x {p.share:.0%} share x "
                                f"stage {p.stage}/3 = {p.reclaimed_per_week:,.1f} h/wk back")
                st.markdown(f"**Reclaimed: {o.reclaimed_fte:.1f} FTE**  \n`{o.reclaimed_per_week:,.1f} h per week "
                            f"/ {a.metrics.contracted_weekly_hours:g} contracted h per week`")
        with st.expander("Speaker notes", icon=":material/record_voice_over:"):
            st.text_area("Speaker notes", key=ui.seed(f"notes{n}", act.notes.text), height=320, max_chars=5000,
                         on_change=edit, args=("notes", n, gen.notes.text), label_visibility="collapsed")
ui.next_step(ui.STORY)
