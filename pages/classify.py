"""Classify: one choice per activity label (whose work it is), and why each label has the choice it has."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

import storykit as sk
from pages import _shared as ui
from pages._classify_state import LAST_CHANGE, Decision, Place, edits, fresh_table, this_table

SHOWN_SUGGESTIONS = 8  # open labels whose suggestion is written out in full above the table, largest first
OWN_CHOICES = (sk.Choice("core"), sk.Choice("overhead"), sk.Choice("non_work"))
WORK_KINDS = {"": "Read it from the log", "service": "Customer service", "contact_centre": "Contact centre",
              "it": "IT service desk", "finance": "Finance", "logistics": "Logistics / warehouse",
              "sales": "Sales", "hr": "HR", "marketing": "Marketing", "engineering": "Engineering",
              "facilities": "Facilities", "legal": "Legal", "procurement": "Procurement"}


OWNER_ADDED = "owner_added"  # the team just added, confirmed under the box it was typed in


def choices(c: sk.Classification, project: sk.Project) -> dict[str, sk.Choice]:
    """Every choice the user can make, by the words the app shows: ours, other teams' in the alphabetical order
    of those words (teams in use first moved a team up the list the moment a label was given it), not decided
    yet."""
    teams = [*c.team_options, *(r.choice.team for r in project.rules), *(a.team for a in project.assignments.values()),
             *st.session_state.get(ui.EXTRA_OWNERS, [])]
    others = sorted({sk.Choice.of_team(t) for t in teams if t}, key=lambda ch: ch.words.casefold())
    offered = [*OWN_CHOICES, *others, sk.Choice()]
    return {ch.words: ch for ch in offered}


def decide(what: str, place: Place, fresh: bool = True, **changes: object) -> None:
    """Change the project, remembering what it was, so the page can say what the decision moved, where it
    was made. A rule, Accept or Undo starts a fresh table; a choice made in the table keeps it (_classify_state).
    """
    before = ui.project()
    ui.update(**changes)
    st.session_state[LAST_CHANGE] = Decision(what, place, before, ui.project(), announce=not fresh)
    if fresh:
        fresh_table()


def apply_table(offered: dict[str, sk.Choice]) -> None:
    """The table's choices, read before anything is drawn, so the numbers above it are already the new ones.

    The grid keeps its key and its values across edits (_classify_state); its edits stay in its state, so
    applying them again changes nothing.
    """
    chosen = {label: offered[words] for label, words in edits().items() if words in offered}
    if any(ui.project().assignments.get(label) != choice for label, choice in chosen.items()):
        decide("your choice in the table", "table", fresh=False, assignments={**ui.project().assignments, **chosen})


def accept(suggested: dict[str, sk.Choice]) -> None:
    decide(f"accepting {ui.count(len(suggested), 'suggestion')}", "suggestions",
           assignments={**ui.project().assignments, **suggested})


def add_rule(offered: dict[str, sk.Choice]) -> None:
    keyword, words = st.session_state.get("rule_keyword", ""), st.session_state.get("rule_choice")
    if not (keyword or "").strip() or words not in offered:
        st.session_state["rule_problem"] = "Type a keyword and choose whose work those labels are."
        return
    rule = sk.Rule(keyword.strip(), offered[words])
    decide(f"your rule '{rule.keyword}'", "rules", rules=with_rule(ui.project(), rule))
    st.session_state.pop("rule_problem", None)
    st.session_state["rule_keyword"] = ""
    st.session_state["rule_choice"] = None


def with_rule(project: sk.Project, rule: sk.Rule) -> tuple[sk.Rule, ...]:
    """The project's rules with `rule` first (a rule for the same keyword is replaced)."""
    return (rule, *(r for r in project.rules if r.keyword.lower() != rule.keyword.lower()))


def remove_rule(keyword: str) -> None:
    decide(f"removing your rule '{keyword}'", "rules", rules=tuple(r for r in ui.project().rules if r.keyword != keyword))


def undo_choices() -> None:
    decide("undoing your table choices", "table", assignments={})


def add_owner() -> None:
    name = " ".join(st.session_state.get("new_owner", "").split())
    if name and (sk.is_our_team(name) or name.casefold() == ui.project().settings.team_name.casefold()):
        st.session_state["owner_problem"] = f"'{name}' is your own team: choose our core work, overhead or not work."
    elif name:
        st.session_state[ui.EXTRA_OWNERS] = [*st.session_state.get(ui.EXTRA_OWNERS, []), name]
        st.session_state.pop("owner_problem", None)
        st.session_state[OWNER_ADDED] = name
    st.session_state["new_owner"] = ""


def set_own_work() -> None:
    decide("your team's own kind of work", "own_work", settings=dataclasses.replace(ui.project().settings,
                                                                     own_work=ui.seeded("own_work")))


def preview_change(change: sk.Change) -> None:
    """What a rule would move, before it is applied; a big move is a warning, so it is never missed."""
    (st.warning if change.big else st.caption)(change.sentence)


def said_here(place: Place) -> None:
    """The latest decision's effect on the headline, if it was made here and the project is still as it left it.

    A big move is a warning, so it is never missed; a choice in the table is said in a toast too, once.
    """
    last = st.session_state.get(LAST_CHANGE)
    if not isinstance(last, Decision) or last.place != place or last.after != project:
        return
    change = a.change_since(ui.analysis(files, last.before), last.what)
    text = change.sentence + (" A big move: check the labels it names." if change.big else "")
    (st.warning if change.big else st.success)(text, icon=":material/moving:")
    if last.announce:
        st.toast(text, icon=":material/moving:", duration="long")  # the line under the grid stays
        st.session_state[LAST_CHANGE] = dataclasses.replace(last, announce=False)


ui.header(ui.CLASSIFY)
files, log = ui.require_data()
apply_table(choices(ui.analysis(files, ui.project()).classification, ui.project()))
project = ui.project()
a = ui.analysis(files, project)
m, c, r = a.metrics, a.classification, a.review
offered = choices(c, project)

hours = a.cube.hours_by("activity")
suggested = {lbl: s.choice for lbl, s in c.suggestions.items()}
drawn = this_table(tuple(hours.index), set(r.open), {lbl: c.of(lbl).words for lbl in hours.index},
                   tuple(sorted(suggested, key=lambda lbl: -hours.get(lbl, 0.0))))
left, mid, right = st.columns(3)
left.metric("Working time not decided yet", f"{m.unassigned_share:.0%}",
            help=f"{m.hours_by_class['unassigned']:,.1f} of {m.work_hours:,.1f} working hours (breaks and leave "
                 "left out, as in the story) belong to labels nobody has decided; they count as our own work "
                 "until you do.")
mid.metric("Labels still open", f"{len(r.open)} of {len(hours)}")
right.metric("Other teams' share of working time", f"{m.other_team_share:.0%}",
             help="Other-team hours / working hours: what act 1's title says.")
(st.info if r.open else st.success)(r.sentence, icon=":material/fact_check:")
for note in project.migration_notes:
    st.warning(f"From your older project file: {note}.", icon=":material/history:")
if a.new_labels:
    st.info(f"New since the project file was saved: {', '.join(a.new_labels[:10])}"
            + (f" and {len(a.new_labels) - 10} more" if len(a.new_labels) > 10 else "")
            + ". They stay open until you decide whose work they are.", icon=":material/fiber_new:")

with st.container(border=True):
    o1, o2 = st.columns([3, 2], vertical_alignment="center")
    own = c.own_work
    o1.markdown(f"Labels are judged as the log of a **{WORK_KINDS.get(own.team, own.name).lower()}** team"
                + ("" if own.chosen else f": {own.reason}") + ". The same words are core work for one team "
                "and other teams' work for another.")
    o2.selectbox("Our team's own work", list(WORK_KINDS), key=ui.seed("own_work", project.settings.own_work),
                 format_func=WORK_KINDS.get, on_change=set_own_work)
    said_here("own_work")

if drawn.suggested:  # the lines of this table's suggestions stay while they are decided in it
    s1, s2 = st.columns([4, 1], vertical_alignment="center")
    one = len(suggested) == 1
    s1.markdown(f"**{ui.count(len(suggested), 'open label')} {'has' if one else 'have'} a suggestion**, "
                f"{'with its' if one else 'each with its'} reason. Accept {'it' if one else 'them all'}, or choose "
                "label by label in the table." if suggested else "**Every suggested label is decided.**")
    s2.button(f"Accept {ui.count(len(suggested), 'suggestion')}", on_click=accept, args=(suggested,), key="accept_all",
              icon=":material/done_all:", disabled=not suggested)
    st.markdown("\n".join(
        f"- **{ui.plain(lbl)}** ({hours.get(lbl, 0.0):,.1f} h): " + (
            f"{s.choice.words}, {s.confidence:.0%} sure, because {ui.plain(s.reason)}"
            if (s := c.suggestions.get(lbl)) else f"decided: {c.of(lbl).words}")
        for lbl in drawn.suggested[:SHOWN_SUGGESTIONS])
        + (f"\n- ... and {len(drawn.suggested) - SHOWN_SUGGESTIONS} more in the table"
           if len(drawn.suggested) > SHOWN_SUGGESTIONS else ""))
said_here("suggestions")

with st.expander("Decide many labels at once, by keyword", expanded=drawn.any_open, icon=":material/bolt:"):
    k1, k2, k3 = st.columns([3, 4, 1], vertical_alignment="bottom")
    keyword = k1.text_input("Labels containing", key="rule_keyword", placeholder="e.g. invoice")
    k2.selectbox("are", list(offered), key="rule_choice", index=None, placeholder="choose whose work they are")
    k3.button("Apply", on_click=add_rule, args=(offered,), type="primary", key="rule_add")
    rule_choice = st.session_state.get("rule_choice")
    if keyword.strip() and rule_choice in offered:  # before Apply: what the rule would do to the headline
        trial = dataclasses.replace(project, rules=with_rule(project, sk.Rule(keyword.strip(), offered[rule_choice])))
        preview_change(ui.analysis(files, trial).change_since(a, "this rule"))
    elif keyword.strip():
        hits = [lbl for lbl in hours.index if sk.Rule(keyword.strip(), sk.Choice()).matches(lbl)]
        st.caption(f"{ui.count(len(hits), 'label')} {'matches' if len(hits) == 1 else 'match'}: "
                   + ", ".join(hits[:8]) + (" ..." if len(hits) > 8 else ""))
    if "rule_problem" in st.session_state:
        st.error(st.session_state["rule_problem"], icon=":material/error:")
    said_here("rules")
    for rule in project.rules:
        rc1, rc2 = st.columns([6, 1], vertical_alignment="center")
        rc1.markdown(f"Labels containing **{rule.keyword}** are {rule.choice.words}")
        rc2.button("Remove", key=f"rule_del:{rule.keyword}", on_click=remove_rule, args=(rule.keyword,))

st.toggle("Show only the open labels", key=ui.OPEN_ONLY, disabled=not (r.open or drawn.only_open))
shown = list(drawn.rows)
now = [c.of(lbl).words for lbl in shown]
table = pd.DataFrame({
    "label": shown,
    "hours": hours[shown].to_numpy(),
    "share": 100 * hours[shown].to_numpy() / m.total_hours if m.total_hours else 0.0,
    "whose work": drawn.words,
    "why": [c.decisions[lbl].explained for lbl in shown],
})
styled = table.style.apply(  # by the choice as it is now: a row decided in the table is no longer marked open
    lambda row: ["background-color: #FDE8DD; font-weight: 600" if now[row.name] == sk.Choice().words else ""
                 for _ in row], axis=1)
st.data_editor(
    styled, key=drawn.key, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 640),
    disabled=["label", "hours", "share", "why"], num_rows="fixed",
    column_order=("label", "whose work", "hours", "share", "why"),  # the choice beside its label, on a phone too
    column_config={
        "label": st.column_config.TextColumn("Activity label", width="medium"),
        "hours": st.column_config.NumberColumn("Hours", format="%.1f", width="small"),
        "share": st.column_config.ProgressColumn("Share", format="%.0f%%", min_value=0, max_value=100,
                                                 width="small"),
        "whose work": st.column_config.SelectboxColumn("Whose work", options=list(offered), required=True,
                                                       width="medium"),
        "why": st.column_config.TextColumn("Why", width="large",
                                           help="Who decided (you, your rule, the presets) and the evidence"),
    },
)
said_here("table")
asked = st.selectbox("Read a label's whole reason", shown, index=None, key="why_label",
                     placeholder="choose a label", help="The table's 'Why' column is cut at its width")
if asked:
    st.markdown(f"**{ui.plain(asked)}** ({hours[asked]:,.1f} h), {c.of(asked).words}: "
                f"{ui.plain(c.decisions[asked].explained)}")
t1, t2 = st.columns([3, 2], vertical_alignment="bottom")
t1.text_input("A team that is not in the list yet", key="new_owner", placeholder="e.g. Facilities",
              on_change=add_owner)
if "owner_problem" in st.session_state:
    t1.error(st.session_state["owner_problem"], icon=":material/error:")
elif OWNER_ADDED in st.session_state:
    added = sk.Choice.of_team(st.session_state.pop(OWNER_ADDED)).words
    t1.success(f"Added: **{added}** is now a choice in the table's 'Whose work' and in the keyword rule.",
               icon=":material/check_circle:")
if project.assignments:
    t2.button(f"Undo my {ui.count(len(project.assignments), 'table choice')}", on_click=undo_choices,
              icon=":material/undo:")
ui.next_step(ui.CLASSIFY)
