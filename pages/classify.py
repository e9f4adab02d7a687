"""Classify: every activity label with its hours, owner and class; keyword rules for many at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import storykit as sk
from pages import _shared as ui

CLASS_NAMES = {"core": "Core work", "overhead": "Overhead (meetings, admin)",
               "other_team": "Other team's work", "non_work": "Not work (breaks, leave)",
               "unassigned": "Unassigned"}
OWN_CLASSES = ("core", "overhead", "non_work")


def table_key() -> str:
    return f"labels{st.session_state.get(ui.TABLE_ROUND, 0)}"


def apply_table(edited_rows: dict, labels: list[str], shown: dict[str, sk.Assignment]) -> None:
    """Each changed row becomes an exact assignment; an owner implies its class and the other way round.

    The table then gets a fresh key, so its next edit is read against the new assignments.
    """
    assignments = dict(ui.project().assignments)
    for row, change in edited_rows.items():
        label = labels[int(row)]
        before = shown[label]
        owner, cls = change.get("owner") or before.owner, change.get("class") or before.cls
        if "owner" in change and "class" not in change:
            cls = "other_team" if owner != sk.OUR_TEAM else ("core" if before.cls == "other_team" else before.cls)
        elif "class" in change and "owner" not in change and cls in OWN_CLASSES:
            owner = sk.OUR_TEAM
        assignments[label] = sk.Assignment(owner, cls)
    ui.update(assignments=assignments)
    st.session_state[ui.TABLE_ROUND] = st.session_state.get(ui.TABLE_ROUND, 0) + 1


def add_rule() -> None:
    keyword, owner, cls = (st.session_state[k] for k in ("rule_keyword", "rule_owner", "rule_class"))
    if not (keyword or "").strip() or not owner:
        st.session_state["rule_problem"] = "Type a keyword and choose a team first."
        return
    owner = owner.strip()
    if cls in OWN_CLASSES:
        owner = sk.OUR_TEAM
    rule = sk.Rule(keyword.strip(), owner, cls)
    ui.update(rules=(rule, *(r for r in ui.project().rules if r.keyword.lower() != rule.keyword.lower())))
    st.session_state.pop("rule_problem", None)
    st.session_state["rule_keyword"] = ""
    st.session_state[ui.TABLE_ROUND] = st.session_state.get(ui.TABLE_ROUND, 0) + 1


def remove_rule(keyword: str) -> None:
    ui.update(rules=tuple(r for r in ui.project().rules if r.keyword != keyword))
    st.session_state[ui.TABLE_ROUND] = st.session_state.get(ui.TABLE_ROUND, 0) + 1


def undo_edits() -> None:
    ui.update(assignments={})
    st.session_state[ui.TABLE_ROUND] = st.session_state.get(ui.TABLE_ROUND, 0) + 1


def add_owner() -> None:
    name = st.session_state.get("new_owner", "").strip()
    if name:
        st.session_state[ui.EXTRA_OWNERS] = [*st.session_state.get(ui.EXTRA_OWNERS, []), name]
    st.session_state["new_owner"] = ""


ui.header(ui.CLASSIFY)
files, log = ui.require_data()
project = ui.project()
a = ui.analysis(files, project)
m, c = a.metrics, a.classification

hours = log.hours_by("activity")
unassigned_hours = m.hours_by_class["unassigned"]
left, mid, right = st.columns(3)
left.metric("Hours still unassigned", f"{unassigned_hours / m.total_hours:.0%}" if m.total_hours else "0%",
            help=f"{unassigned_hours:,.1f} of {m.total_hours:,.1f} logged hours have no owner yet; "
                 "they count as our own work until you assign them.")
mid.metric("Labels without an owner", f"{len(c.unassigned)} of {len(hours)}")
right.metric("Other teams' share of working time", f"{m.other_team_share:.0%}",
             help="Other-team hours / work hours: what act 1's title says.")
if a.new_labels:
    st.info(f"New since the project file was saved: {', '.join(a.new_labels[:10])}"
            + (f" and {len(a.new_labels) - 10} more" if len(a.new_labels) > 10 else "")
            + ". They stay unassigned until you decide whose work they are.", icon=":material/fiber_new:")
if c.unassigned:
    st.warning(f"{len(c.unassigned)} label(s) have no owner yet (highlighted below). Give them one in the table, "
               "or with a keyword rule.", icon=":material/priority_high:")
else:
    st.success("Every label has an owner.", icon=":material/check_circle:")

with st.expander("Assign many labels at once, by keyword", expanded=bool(c.unassigned), icon=":material/bolt:"):
    owners = sorted({a.owner for a in c.assignments.values()} | {r.owner for r in project.rules}
                    | set(st.session_state.get(ui.EXTRA_OWNERS, [])) | {sk.OUR_TEAM})
    k1, k2, k3, k4 = st.columns([3, 3, 3, 1], vertical_alignment="bottom")
    keyword = k1.text_input("Labels containing", key="rule_keyword", placeholder="e.g. invoice")
    k2.selectbox("belong to", owners, key="rule_owner", accept_new_options=True,
                 help="Pick a team, or type a new team's name")
    k3.selectbox("as", sk.CLASSES[:-1], key="rule_class", index=sk.CLASSES.index("other_team"),
                 format_func=CLASS_NAMES.get)
    k4.button("Assign", on_click=add_rule, type="primary", key="rule_add")
    if keyword.strip():
        hits = [lbl for lbl in hours.index if sk.Rule(keyword.strip(), "", "core").matches(lbl)]
        st.caption(f"{len(hits)} label(s) match: " + ", ".join(hits[:8]) + (" ..." if len(hits) > 8 else ""))
    if "rule_problem" in st.session_state:
        st.error(st.session_state["rule_problem"], icon=":material/error:")
    for r in project.rules:
        rc1, rc2 = st.columns([6, 1], vertical_alignment="center")
        rc1.markdown(f"Labels containing **{r.keyword}** → {r.owner}, {CLASS_NAMES[r.cls].lower()}")
        rc2.button("Remove", key=f"rule_del:{r.keyword}", on_click=remove_rule, args=(r.keyword,))

shown = {lbl: c.of(lbl) for lbl in hours.index}
table = pd.DataFrame({
    "label": hours.index,
    "hours": hours.to_numpy(),
    "share": 100 * hours.to_numpy() / m.total_hours if m.total_hours else 0.0,
    "owner": [shown[lbl].owner for lbl in hours.index],
    "class": [shown[lbl].cls for lbl in hours.index],
    "decided by": [c.sources.get(lbl, "unmatched").replace("unmatched", "nobody yet") for lbl in hours.index],
})
styled = table.style.apply(
    lambda row: ["background-color: #FDE8DD; font-weight: 600" if row["class"] == "unassigned" else ""
                 for _ in row], axis=1)
options = sorted(set(table["owner"]) | {r.owner for r in project.rules}
                 | set(st.session_state.get(ui.EXTRA_OWNERS, [])) | {sk.OUR_TEAM})
st.data_editor(
    styled, key=table_key(), hide_index=True, width="stretch", height=min(38 + 35 * len(table), 640),
    disabled=["label", "hours", "share", "decided by"], num_rows="fixed",
    column_config={
        "label": st.column_config.TextColumn("Activity label", width="medium"),
        "hours": st.column_config.NumberColumn("Hours", format="%.1f", width="small"),
        "share": st.column_config.ProgressColumn("Share", format="%.0f%%", min_value=0, max_value=100,
                                                 width="small"),
        "owner": st.column_config.SelectboxColumn("Whose work", options=options, required=True, width="medium"),
        "class": st.column_config.SelectboxColumn("Class", options=list(sk.CLASSES), required=True,
                                                  format_func=CLASS_NAMES.get, width="medium"),
        "decided by": st.column_config.TextColumn("Decided by", help="preset, your rule, or your edit"),
    },
)
edited = st.session_state.get(table_key(), {}).get("edited_rows")
if edited:  # read after drawing, so the numbers above are redrawn from the new assignments
    apply_table(edited, list(table["label"]), shown)
    st.rerun()
t1, t2 = st.columns([3, 2], vertical_alignment="bottom")
t1.text_input("A team that is not in the list yet", key="new_owner", placeholder="e.g. Facilities",
              on_change=add_owner)
if project.assignments:
    t2.button(f"Undo my {len(project.assignments)} table edit(s)", on_click=undo_edits, icon=":material/undo:")
ui.next_step(ui.CLASSIFY)
