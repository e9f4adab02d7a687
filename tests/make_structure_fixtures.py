"""Writes the structural fixtures to tests/fixtures/: tables as people and tools lay them out around the entries.

Each file hides a known list of entries (made up, seeded) inside one structure a reader has to
see through: a preamble of report details, a comment-marked header, a header over two rows,
one sheet per person or per month, a header repeated per week with totals under it, a weekday
grid with the week on each row, one column of hours per person, shifts with unpaid breaks and
a day total, records over two rows, dates without a year, an old code page with CR line ends,
a date far outside the log, a date inside text. The truth is computed from the entries, never
by reading the file back.

    .venv/bin/python -m tests.make_structure_fixtures     # rewrites these fixtures
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import openpyxl

from tests.fixture_files import write_files
from tests.make_fixtures import LABELS, OUT, PEOPLE, Entry, csv_text, make_entries, save_book, truth_of

WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri"]


def preamble_comment_header(rng: random.Random) -> tuple[bytes, dict]:
    """38 lines of report details above a '#'-marked header; blank lines and a total footer below."""
    entries = make_entries(rng, dt.date(2026, 2, 2), 8, PEOPLE[:3], step=900)
    pre = [["Time report - Service Desk"], ["Generated at", "2026-02-14 09:12"], ["Filters: project = Service Desk",
                                                                                  "users = all"], [""]]
    pre += [[f"Note {i}: exported by the tracker, see its settings page"] for i in range(30)]
    pre += [["Total hours", f"{sum(e.hours for e in entries):.2f}"], ["Entries", str(len(entries))], [""], [""]]
    rows = [*pre, ["# Date", "User", "Activity", "Hours"]]
    rows += [[e.date.isoformat(), e.person, e.label, f"{e.hours:.2f}"] for e in entries]
    rows += [[""], ["Total", "", "", f"{sum(e.hours for e in entries):.2f}"], [""], [""]]
    return csv_text(rows, delimiter=";").encode(), truth_of(entries, format="generic", header_row=len(pre) + 1,
                                                            warnings_mention=["comment marker", "header is on row"])


def two_row_header(rng: random.Random) -> tuple[bytes, dict]:
    """A group row above the header, in merged cells: 'Shift' over Start and End, 'Employee' over Name."""
    entries = make_entries(rng, dt.date(2026, 3, 2), 5, PEOPLE[:3], per_day=1, step=900)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Employee", None, "Shift", None, None])
    ws.append(["Name", "Task", "Date", "Start", "End"])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:E1")
    for e in entries:
        ws.append([e.person, e.label, e.date, e.start, e.end.time()])
    return save_book(book), truth_of(entries, format="generic", header_row=2, warnings_mention=["over two rows"])


def sheet_per_person(rng: random.Random) -> tuple[bytes, dict]:
    """One sheet per person, named by the person, no person column; a summary sheet first."""
    entries = make_entries(rng, dt.date(2026, 1, 12), 8, PEOPLE[:3], step=900)
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Activity", "Hours"])
    for label in LABELS:
        summary.append([label, sum(e.hours for e in entries if e.label == label)])
    for person in PEOPLE[:3]:
        ws = book.create_sheet(person)
        ws.append(["Date", "Activity", "Hours"])
        for e in entries:
            if e.person == person:
                ws.append([e.date, e.label, e.hours])
    return save_book(book), truth_of(entries, format="generic", warnings_mention=["named by its sheet"])


def sheet_per_month(rng: random.Random) -> tuple[bytes, dict]:
    """One sheet per month ('Jan 2026', 'Feb 2026'), the same columns on each."""
    entries = make_entries(rng, dt.date(2026, 1, 26), 10, PEOPLE[:2], step=900)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for month in sorted({e.date.replace(day=1) for e in entries}):
        ws = book.create_sheet(month.strftime("%b %Y"))
        ws.append(["Date", "Name", "Activity", "Hours"])
        for e in entries:
            if e.date.replace(day=1) == month:
                ws.append([e.date, e.person, e.label, e.hours])
    return save_book(book), truth_of(entries, format="generic", warnings_mention=["one period"])


def weekly_blocks(rng: random.Random) -> tuple[bytes, dict]:
    """One block per week: a 'Week N' title, the header again, the entries, a total row with its value below."""
    entries = make_entries(rng, dt.date(2026, 3, 2), 10, PEOPLE[:2], step=900)
    rows: list[list[object]] = []
    for week in sorted({e.date.isocalendar()[1] for e in entries}):
        mine = [e for e in entries if e.date.isocalendar()[1] == week]
        rows += [[f"Week {week}"], ["Date", "Person", "Activity", "Hours"]]
        rows += [[e.date.strftime("%d.%m.%Y"), e.person, e.label, f"{e.hours:g}".replace(".", ",")] for e in mine]
        rows += [["Week total", "", "", ""], ["", "", "", f"{sum(e.hours for e in mine):g}".replace(".", ",")], [""]]
    return csv_text(rows, delimiter=";").encode(), truth_of(entries, format="generic",
                                                            warnings_mention=["header row is repeated"])


def weekday_grid_week_per_row(rng: random.Random) -> tuple[bytes, dict]:
    """Mon..Fri columns; the week is given on each row (its Monday), not in a title; a Total column."""
    mondays = [dt.date(2026, 2, 2), dt.date(2026, 2, 9), dt.date(2026, 2, 16)]
    entries = []
    rows = [["Week of", "Name", "Activity", *WEEKDAY_NAMES, "Total"]]
    for monday in mondays:
        for person in PEOPLE[:2]:
            label = rng.choice(LABELS[:4])
            cells = []
            for d in range(5):
                seconds = 1800 * rng.randint(0, 8)
                cells.append(f"{seconds / 3600:g}" if seconds else "")
                if seconds:
                    entries.append(Entry(monday + dt.timedelta(days=d), person, label, seconds))
            total = sum(float(c) for c in cells if c)
            rows.append([monday.strftime("%d/%m/%Y"), person, label, *cells, f"{total:g}"])
    return csv_text(rows).encode(), truth_of(entries, format="wide_grid", warnings_mention=["the week on each row"])


def hours_per_person_columns(rng: random.Random) -> tuple[bytes, dict]:
    """Date and task, then one column of hours per person headed by the name, a Total column and row."""
    names = ["Ana", "Ben", "Chloé", "Dev"]
    entries, rows = [], [["Date", "Task", *names, "Total"]]
    for day in [dt.date(2026, 3, 2) + dt.timedelta(days=i) for i in range(10)]:
        task = rng.choice(LABELS[:5])
        cells = []
        for name in names:
            seconds = 1800 * rng.choice([0, 0, 1, 2, 4, 6])
            cells.append(f"{seconds / 3600:g}" if seconds else ("0" if rng.random() < 0.5 else ""))
            if seconds:
                entries.append(Entry(day, name, task, seconds))
        rows.append([day.isoformat(), task, *cells, f"{sum(float(c or 0) for c in cells):g}"])
    rows.append(["Total", "", *[f"{sum(e.hours for e in entries if e.person == n):g}" for n in names],
                 f"{sum(e.hours for e in entries):g}"])
    return csv_text(rows).encode(), truth_of(entries, format="wide_by_person", warnings_mention=["per person"])


def shifts_with_breaks(rng: random.Random) -> tuple[bytes, dict]:
    """Start, end, unpaid break in minutes, and a day total repeated on each row of the day (never summed)."""
    rows = [["Date", "Employee", "Role", "Start", "End", "Unpaid break (min)", "Day total (h)"]]
    entries = []
    for day in [dt.date(2026, 4, 6) + dt.timedelta(days=i) for i in range(5)]:
        for person in PEOPLE[:3]:
            shifts = []
            clock = dt.datetime.combine(day, dt.time(7 + rng.randint(0, 2), 0))
            for _ in range(rng.randint(1, 2)):
                role = rng.choice(["Front desk", "Phones", "Back office"])
                length = 60 * 30 * rng.randint(6, 10)
                brk = rng.choice([0, 30, 45])
                shifts.append((clock, clock + dt.timedelta(seconds=length), brk, role))
                entries.append(Entry(day, person, role, length - 60 * brk, clock.time()))
                clock += dt.timedelta(seconds=length + 3600)
            total = sum((b - a).total_seconds() / 3600 - brk / 60 for a, b, brk, _ in shifts)
            rows += [[day.isoformat(), person, role, a.strftime("%H:%M"), b.strftime("%H:%M"), str(brk),
                      f"{total:.2f}"] for a, b, brk, role in shifts]
    return csv_text(rows).encode(), truth_of(entries, format="generic", warnings_mention=["break"])


def two_row_records(rng: random.Random) -> tuple[bytes, dict]:
    """A web timesheet pasted into a sheet: the date and the entry's total on one row, labels about the
    row beside them; the pay code, times and meal on the row under it."""
    entries = []
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Date", "Pay code", "Time In", "Time Out", "Meal", "Hours"])
    ws.append([None] * 6)
    for day in [dt.date(2026, 3, 2) + dt.timedelta(days=i) for i in range(10)]:
        key = day.strftime("%a %m/%d/%Y")
        if day.weekday() >= 5:
            ws.append([key] + [None] * 5)
            continue
        start = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=5 * rng.randint(0, 12))
        end = start + dt.timedelta(minutes=15 * rng.randint(30, 40))
        meal = rng.choice([0, 30])
        seconds = int((end - start).total_seconds()) - 60 * meal
        code = rng.choice(["01 - Regular", "29 - Credit hours"])
        entries.append(Entry(day, "(one person)", code, seconds))
        ws.append([key, f"Pay code for {key}", f"Start for {key}", f"Stop for {key}", f"Meal for {key}",
                   seconds / 3600])
        ws.append([None, code, start.strftime("%I:%M%p").lower(), end.strftime("%I:%M%p").lower(),
                   dt.time(0, meal), None])
    return save_book(book), truth_of(entries, format="generic", warnings_mention=["over two rows"])


def yearless_dates(rng: random.Random) -> tuple[bytes, dict]:
    """'Mon 3/2' dates with no year: the file name states the period."""
    entries = make_entries(rng, dt.date(2026, 3, 2), 10, PEOPLE[:2], step=900)
    rows = [["Day", "Person", "Activity", "Hours"]]
    rows += [[f"{e.date:%a} {e.date.month}/{e.date.day}", e.person, e.label, f"{e.hours:g}"] for e in entries]
    return csv_text(rows).encode(), truth_of(entries, format="generic", warnings_mention=["have no year"])


def mac_roman_cr(rng: random.Random) -> tuple[bytes, dict]:
    """An old Mac's export: Mac Roman text, lines ended by CR alone, a few NUL bytes from a broken copy."""
    people = ["Chloé Martin", "Jürgen Weiß", "Zoë Ångström"]
    entries = make_entries(rng, dt.date(2026, 1, 12), 6, people, step=900)
    rows = [["Date", "Person", "Activity", "Hours"]]
    rows += [[e.date.strftime("%d.%m.%Y"), e.person, e.label.replace("(", "").replace(")", ""), f"{e.hours:g}"]
             for e in entries]
    data = csv_text(rows, delimiter=";", newline="\r").encode("mac_roman")
    cut = data.index(b"\r", len(data) // 2)
    data = data[:cut] + b"\x00" * 40 + data[cut:]
    truth = truth_of([Entry(e.date, e.person, e.label.replace("(", "").replace(")", ""), e.seconds) for e in entries],
                     format="generic", warnings_mention=["mac_roman", "NUL bytes"])
    return data, truth


def outlier_date(rng: random.Random) -> tuple[bytes, dict]:
    """One row typed as 1900 in a 2026 log: kept out of the period, listed with its reason."""
    entries = make_entries(rng, dt.date(2026, 2, 2), 10, PEOPLE[:2], step=900)
    rows = [["Date", "Person", "Activity", "Hours"]]
    rows += [[e.date.isoformat(), e.person, e.label, f"{e.hours:g}"] for e in entries]
    rows.insert(7, ["1900-02-04", PEOPLE[0], LABELS[0], "2"])
    return csv_text(rows).encode(), truth_of(entries, format="generic", skipped=1,
                                             skipped_reason="far from the log's other dates")


def date_in_text(rng: random.Random) -> tuple[bytes, dict]:
    """Invoice lines: the day sits inside the text of each line."""
    entries = make_entries(rng, dt.date(2026, 5, 4), 10, ["(one person)"], per_day=1, step=360)
    rows = [["Line", "Quantity (h)"]]
    rows += [[f"Support services on {e.date:%B} {e.date.day:02d}, {e.date.year}", f"{e.hours:.2f}"] for e in entries]
    entries = [Entry(e.date, e.person, "(no category)", e.seconds) for e in entries]
    return csv_text(rows).encode(), truth_of(entries, format="generic", warnings_mention=["inside the text"],
                                             needs_confirmation=True)


STRUCTURE: dict[str, Callable[[random.Random], tuple[bytes, dict]]] = {
    "structure_preamble_comment_header.csv": preamble_comment_header,
    "structure_two_row_header.xlsx": two_row_header,
    "structure_sheet_per_person.xlsx": sheet_per_person,
    "structure_sheet_per_month.xlsx": sheet_per_month,
    "structure_weekly_blocks.csv": weekly_blocks,
    "structure_weekday_grid_week_per_row.csv": weekday_grid_week_per_row,
    "structure_hours_per_person_columns.csv": hours_per_person_columns,
    "structure_shifts_with_breaks.csv": shifts_with_breaks,
    "structure_two_row_records.xlsx": two_row_records,
    "structure_yearless_dates_2026-03-02_to_2026-03-13.csv": yearless_dates,
    "structure_mac_roman_cr_nul.csv": mac_roman_cr,
    "structure_outlier_date.csv": outlier_date,
    "structure_date_in_text.csv": date_in_text,
}


def main() -> None:
    n = write_files(OUT, ((name, *make(random.Random(name))) for name, make in STRUCTURE.items()))
    print(f"wrote {n} structural fixtures to {OUT}")


if __name__ == "__main__":
    main()
