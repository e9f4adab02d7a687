"""Upload: the user's exports, how each was read (format, columns, rows kept, skipped, flagged), and a preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import _shared as ui
from storykit.limits import LIMITS
from storykit.vocabulary import FORMATS

MAIN_ROLES = {"date": "Date", "person": "Person", "activity": "Activity (the label we classify)",
              "hours": "Hours or duration"}
MORE_ROLES = {"start": "Start time", "end": "End time", "minutes": "Minutes past the hours", "end_date": "End date",
              "first_name": "First name", "last_name": "Last name", "email": "E-mail", "team": "Team", "client": "Client",
              "project": "Project", "task": "Task", "description": "Description", "billable": "Billable"}
ROLE_NAMES = {**MAIN_ROLES, "activity": "Activity", "hours": "Hours", "break": "Unpaid break", **MORE_ROLES}
NONE = "(not in this file)"
LISTED = 1000  # rows listed per table; the count above it is always the full count


def set_column(file: str, role: str) -> None:
    column = st.session_state[f"map:{file}:{role}"]
    mappings = {f: dict(m) for f, m in ui.project().mappings.items()}
    mappings.setdefault(file, {})[role] = "" if column == NONE else column
    ui.update(mappings=mappings)


def confirm(file: str, mapping: dict[str, str]) -> None:
    ui.update(mappings={**ui.project().mappings, file: {**mapping, **ui.project().mappings.get(file, {})}})


def answer(file: str, mapping: dict[str, str]) -> None:
    """One click on an answer to the reader's question: its mapping is applied and the file read again."""
    ui.update(mappings={**ui.project().mappings, file: {**ui.project().mappings.get(file, {}), **mapping}})


def reset_mapping(file: str) -> None:
    ui.update(mappings={f: m for f, m in ui.project().mappings.items() if f != file})


def mapping_editor(source, roles: dict[str, str], columns: int) -> None:
    cols = st.columns(columns)
    options = [NONE, *source.columns] if source.columns else [NONE, *dict.fromkeys(source.mapping.values())]
    for i, (role, label) in enumerate(roles.items()):
        current = source.mapping.get(role, NONE)
        key = f"map:{source.file}:{role}"
        st.session_state[key] = current if current in options else NONE
        cols[i % columns].selectbox(label, options, key=key, on_change=set_column, args=(source.file, role))


def derived_roles(mapping: dict[str, str]) -> list[str]:
    """Roles filled from other columns, so an empty Person or Hours box does not look like a loss."""
    out = []
    if "person" not in mapping:
        names = [mapping[r] for r in ("first_name", "last_name") if r in mapping]
        if names:
            out.append("Person from " + " + ".join(names))
        elif "email" in mapping:
            out.append(f"Person from {mapping['email']}")
    if "hours" not in mapping and "start" in mapping and "end" in mapping:
        out.append(f"Hours from {mapping['start']} to {mapping['end']}")
    if "date" not in mapping and "start" in mapping:
        out.append(f"Date from {mapping['start']}")
    return out


def show_source(source, log) -> None:
    rows = log.frame[log.frame["file"] == source.file]
    a, b, c, d = st.columns([2, 1, 1, 1])
    a.markdown(f"Detected format  \n**{FORMATS[source.format]}**  \n"
               f"{source.confidence:.0%} sure")
    b.metric("Rows read", f"{source.rows:,}")
    skipped = [s for s in log.not_counted if s.file == source.file]
    structure = [s for s in log.structure_rows if s.file == source.file]
    flagged = [s for s in log.flagged if s.file == source.file]
    skipped_count = len(skipped) + source.more_skipped  # a file read in batches lists 1,000, counts all
    flagged_count = len(flagged) + source.more_flagged
    c.metric("Rows skipped", f"{skipped_count:,}")
    d.metric("Hours", f"{rows['hours'].sum():,.1f}")
    first, last = rows["date"].min(), rows["date"].max()
    people, labels = rows["person"].nunique(), rows["activity"].nunique()
    st.caption(f"{ui.count(people, 'person', 'people')} · {ui.count(labels, 'activity label')} · "
               f"{first:%d %b %Y} to {last:%d %b %Y}"
               + (f" · sheet {source.sheet!r}" if source.sheet else "")
               + (f" · header on row {source.header_row}" if source.header_row else ""))
    question = source.question
    if question:
        ask(source.file, question)
    if ui.needs_confirmation(source) and (not question or set(source.doubts) - {question.text}):
        st.warning(f"We are not sure how to read this file (confidence {source.confidence:.0%}). Check the "
                   "columns below, correct any that are wrong, then confirm.", icon=":material/help:")
        st.button("These columns are right", key=f"confirm:{source.file}", icon=":material/check:",
                  on_click=confirm, args=(source.file, dict(source.mapping)))
    st.markdown("**Which column is which** (change one and every step after this one updates)")
    mapping_editor(source, MAIN_ROLES, 4)
    show_reasons(source)
    derived = derived_roles(source.mapping)
    if derived:
        st.caption(" · ".join(derived) + " (see More columns)")
    with st.expander("More columns (start and end times, names, e-mail, team, client, ...)"):
        mapping_editor(source, MORE_ROLES, 4)
    if source.file in ui.project().mappings:
        st.button("Go back to the detected columns", key=f"reset:{source.file}", icon=":material/undo:",
                  on_click=reset_mapping, args=(source.file,))
    for alert in source.alerts:  # it changes every figure of the story: never a grey note among the others
        st.warning(ui.plain(alert[:1].upper() + alert[1:]), icon=":material/warning:")
    notes = [note for note in source.warnings if note not in source.alerts]
    if notes:  # one line each
        st.caption("How it was read:" + "".join(f"\n- {ui.plain(note[:1].upper() + note[1:])}" for note in notes))
    if skipped:
        with st.expander(f"{ui.count(skipped_count, 'row')} skipped, and why", icon=":material/block:"):
            row_table(skipped, "reason", skipped_count)
    if structure:
        with st.expander(f"{ui.count(len(structure), 'row')} of the table's structure (totals, titles, repeated "
                         "headers): not entries, not counted", icon=":material/table_rows:"):
            row_table(structure, "what", len(structure))
    if flagged:
        with st.expander(f"{ui.count(flagged_count, 'row')} kept but worth a look", icon=":material/flag:"):
            row_table(flagged, "why", flagged_count)


def ask(file: str, question) -> None:  # type: ignore[no-untyped-def]
    """The one thing the file could not tell, with one button per answer (and what each answer means)."""
    st.info(f"**{question.text}** We could not tell from the file: {question.why}.", icon=":material/help:")
    for i, (col, option) in enumerate(zip(st.columns(len(question.options)), question.options, strict=True)):
        col.button(f"{option.answer} ({option.consequence})", key=f"answer:{file}:{i}", on_click=answer,
                   args=(file, dict(option.mapping)), width="stretch")


def show_reasons(source) -> None:  # type: ignore[no-untyped-def]
    """Why each column plays its role, as the reader decided it, and which time-like columns are not counted."""
    lines = [f"**{ROLE_NAMES.get(role, role)}**: {ui.plain(source.reasons[role])}" for role in source.mapping
             if source.reasons.get(role)]
    lines += [f"**Not counted**: {ui.plain(repr(column))}, {ui.plain(why)}" for column, why in source.ignored.items()]
    if lines:
        st.caption("  \n".join(lines))


def row_table(rows: list, why: str, count: int) -> None:
    """Rows by their place in the user's file; a long list shows its first rows and says how many more."""
    shown = min(len(rows), LISTED)
    if count > shown:
        st.caption(f"The first {shown:,} of {count:,}.")
    table = pd.DataFrame([{"sheet": s.sheet, "row": s.row, why: s.reason} for s in rows[:LISTED]])
    st.dataframe(table.dropna(axis=1, how="all"), hide_index=True, width="stretch")
    if count > shown:
        st.caption(f"... and {count - shown:,} more, not listed here"
                   + (f" (from row {rows[shown].row:,} on)." if len(rows) > shown else "."))


ui.header(ui.UPLOAD)
key = f"uploads{st.session_state.get(ui.UPLOAD_ROUND, 0)}"
# No type filter: Streamlit would refuse other files with its own chip, or drop them silently among good
# ones. Every file goes to our reader, which says what the file is and what to do, on the file's own card.
st.file_uploader("Drop your time-log exports here: several files at once are combined, each row keeps its file",
                 accept_multiple_files=True, key=key, on_change=ui.take_uploads, args=(key,))
st.caption("CSV (also gzipped), TXT, Excel or Parquet exports, and your project file (.json) if you saved one. "
           "Files stay in this session's memory and are never written to disk. Up to 200 MB per file; a CSV or "
           f"Parquet log of more than {LIMITS.rows:,} rows is read in batches.")
if ui.PROJECT_ERROR in st.session_state:
    ui.show_error(st.session_state[ui.PROJECT_ERROR])

if ui.FILES in st.session_state:
    st.button("Back to the example", key="back_to_example", icon=":material/restart_alt:", on_click=ui.back_to_example,
              help="Forget your files and choices and show the example story again")

files, r = ui.inputs(), ui.reading()
if files is None or r is None:
    st.stop()
for name, data in files.files:
    with st.container(border=True):
        head, remove = st.columns([5, 1])
        head.markdown(f"#### :material/description: {name}")
        head.caption(f"{len(data) / 1024:,.0f} KB")
        if ui.FILES in st.session_state:
            remove.button("Remove", key=f"remove:{name}", icon=":material/delete:", on_click=ui.remove_file,
                          args=(name,))
        if name in r.problems:
            ui.show_error(r.problems[name])
            if name in ui.project().mappings:
                st.button("Go back to the detected columns", key=f"reset:{name}", icon=":material/undo:",
                          on_click=reset_mapping, args=(name,))
            continue
        show_source(next(s for s in r.log.sources if s.file == name), r.log)

if r.log is not None:
    log = r.log
    st.subheader("Preview")
    people, read = len(log.people), log.rows_read
    # A file read in batches is kept as one row per person, activity and day: the table's rows are not the file's
    kept = "" if len(log.frame) == read else (
        f" A file read in batches is kept summed, one row per person, activity and day ({len(log.frame):,} rows; "
        "'row' is where each sum's first entry is in the file).")
    st.caption(f"{ui.count(read, 'row')} from {ui.count(len(log.sources), 'file')}, "
               f"{log.total_hours:,.1f} hours, {ui.count(people, 'person', 'people')}.{kept} The first 200 rows, as "
               "storykit reads them:")
    preview = log.frame.head(200)
    st.dataframe(preview.dropna(axis=1, how="all"), hide_index=True, width="stretch", height=320,
                 column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                                "hours": st.column_config.NumberColumn("hours", format="%.2f")})
    ui.next_step(ui.UPLOAD)
