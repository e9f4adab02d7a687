"""Writes tests/fixtures/: realistic exports and hand-made sheets, each with its ground truth beside it.

Every file is written from a list of entries this script made up (seeded, so the output is the
same every run); `NAME.truth.json` is computed from those entries, never by reading the file
back, so the reader is checked against what the file means, not against itself.

    .venv/bin/python tests/make_fixtures.py     # rewrites tests/fixtures/
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from tests.fixture_files import book_bytes, csv_text, write_files

OUT = Path(__file__).resolve().parent / "fixtures"
PEOPLE = ["Ana Souza", "Ben Carter", "Chloé Martin", "Dev Patel", "Eva Novak"]
LABELS = ["Customer support", "Overflow calls (Contact Centre)", "IT escalations", "Invoice chasing (Finance)",
          "Training other teams", "Team meeting", "Lunch break"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]


@dataclass(frozen=True)
class Entry:
    """One time entry as the generator means it: the truth the file is written from."""

    date: dt.date
    person: str
    label: str
    seconds: int  # whole seconds, so every spelling of it is exact
    start: dt.time = dt.time(9, 0)

    @property
    def hours(self) -> float:
        return self.seconds / 3600

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start) + dt.timedelta(seconds=self.seconds)


def workdays(first: dt.date, n: int) -> list[dt.date]:
    days, d = [], first
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d += dt.timedelta(days=1)
    return days


def make_entries(rng: random.Random, first: dt.date, days: int, people: list[str], per_day: int = 3,
                 step: int = 900, labels: list[str] = LABELS) -> list[Entry]:
    """A plausible log: each person, each working day, a few entries in whole `step`-second units."""
    out = []
    for day in workdays(first, days):
        for person in people:
            clock = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=15 * rng.randint(0, 4))
            for _ in range(rng.randint(1, per_day)):
                seconds = step * rng.randint(max(1, 1800 // step), 10800 // step)
                out.append(Entry(day, person, rng.choice(labels), seconds, clock.time()))
                clock += dt.timedelta(seconds=seconds + 60 * rng.choice([0, 0, 5, 15]))
    return out


def hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def truth_of(entries: list[Entry], **extra: object) -> dict:
    """Ground truth straight from the entries: total, rows, people, dates, hours by label."""
    by_label: dict[str, float] = defaultdict(float)
    for e in entries:
        by_label[e.label] += e.hours
    dates = [e.date for e in entries]
    return {
        "total_hours": round(sum(e.hours for e in entries), 4),
        "rows": len(entries),
        "people": sorted({e.person for e in entries}),
        "date_range": [min(dates).isoformat(), max(dates).isoformat()],
        "hours_by_label": {k: round(v, 4) for k, v in sorted(by_label.items())},
        **extra,
    }


def save_book(book: openpyxl.Workbook) -> bytes:
    return book_bytes(book, "storykit fixtures", dt.datetime(2026, 3, 1))


# --- the fixtures: each returns (file bytes, ground truth) -------------------------------------------

def toggl_detailed(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 2), 10, PEOPLE[:4], step=1)
    night = Entry(dt.date(2026, 2, 4), PEOPLE[0], "IT escalations", 4500, dt.time(23, 30))  # crosses midnight
    entries.append(night)
    entries.append(entries[3])  # an exact duplicate: kept, flagged
    rows = [["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
             "End date", "End time", "Duration", "Tags", "Amount ()"]]
    for e in entries:
        end = e.end
        rows.append([e.person, e.person.split()[0].lower() + "@example.com", "Acme", "Service Desk", "",
                     "work", "Yes", e.date.isoformat(), e.start.strftime("%H:%M:%S"), end.date().isoformat(),
                     end.strftime("%H:%M:%S"), hms(e.seconds), e.label, f"{e.hours * 55:.2f}"])
    data = b"\xef\xbb\xbf" + csv_text(rows, newline="\n").encode()
    return data, truth_of(entries, format="toggl_detailed", flagged=["possible duplicate"],
                          hours_column="Duration", not_summed=["Amount ()"])


def toggl_summary(rng: random.Random) -> tuple[bytes, dict]:
    totals = {label: rng.randint(3600 * 5, 3600 * 120) for label in LABELS[:6]}
    rows = [["Project", "Client", "Duration"]]
    rows += [[label, "Acme", hms(sec)] for label, sec in totals.items()]
    truth = {
        "total_hours": round(sum(totals.values()) / 3600, 4), "rows": len(totals), "people": ["(everyone)"],
        "date_range": ["2026-03-01", "2026-03-31"],
        "hours_by_label": {k: round(v / 3600, 4) for k, v in sorted(totals.items())},
        "format": "toggl_summary", "kind": "summary", "warnings_mention": ["summary report", "file name"],
    }
    return csv_text(rows).encode(), truth


def clockify_csv(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 3, 2), 10, PEOPLE[1:4], step=60)
    rows = [["Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Billable", "Start Date",
             "Start Time", "End Date", "End Time", "Duration (h)", "Duration (decimal)", "Billable Rate (USD)",
             "Billable Amount (USD)"]]
    for e in entries:
        end = e.end
        rows.append(["Service Desk", "Acme", "", "", e.person, "Support", e.person[:3].lower() + "@example.com",
                     e.label, "Yes", e.date.strftime("%m/%d/%Y"), e.start.strftime("%I:%M:%S %p"),
                     end.strftime("%m/%d/%Y"), end.strftime("%I:%M:%S %p"), hms(e.seconds),
                     f"{e.hours:.4f}", "60.00", f"{e.hours * 60:.2f}"])
    return csv_text(rows).encode(), truth_of(entries, format="clockify_detailed", hours_column="Duration (decimal)",
                                             not_summed=["Billable Rate (USD)", "Billable Amount (USD)"])


def clockify_xlsx(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 3, 9), 8, PEOPLE[2:], step=300)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Detailed Report"
    ws.append(["Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Billable",
               "Start Date", "Start Time", "End Date", "End Time", "Duration (h)", "Duration (decimal)",
               "Billable Rate (EUR)", "Billable Amount (EUR)"])
    for e in entries:
        end = e.end
        ws.append(["Service Desk", "Acme", "ticket work", "", e.person, "Support", "x@example.com", e.label, "No",
                   e.date.strftime("%d/%m/%Y"), e.start.strftime("%H:%M:%S"), end.strftime("%d/%m/%Y"),
                   end.strftime("%H:%M:%S"), hms(e.seconds), round(e.hours, 6), 50, round(e.hours * 50, 2)])
    return save_book(book), truth_of(entries, format="clockify_detailed", hours_column="Duration (decimal)")


def harvest(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 1, 12), 10, PEOPLE, step=36)  # Harvest keeps 2 decimals: 36 s steps
    rows = [["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Hours Rounded", "Billable?",
             "Invoiced?", "First Name", "Last Name", "Roles", "Employee?", "Billable Rate", "Billable Amount",
             "Cost Rate", "Cost Amount", "Currency", "External Reference URL"]]
    for e in entries:
        first, last = e.person.split(" ", 1)
        rounded = math.ceil(e.hours * 4) / 4
        rows.append([e.date.isoformat(), "Acme", "Service Desk", "SD", e.label, "", f"{e.hours:.2f}", f"{rounded:.2f}",
                     "Yes", "No", first, last, "Agent", "Yes", "80.0", f"{e.hours * 80:.2f}", "40.0",
                     f"{e.hours * 40:.2f}", "Euro - EUR", ""])
    return csv_text(rows).encode(), truth_of(entries, format="harvest_detailed", hours_column="Hours",
                                             not_summed=["Hours Rounded", "Billable Amount", "Cost Amount"])


TEMPO_ACCOUNTS = {"Customer support": "SUP", "Overflow calls (Contact Centre)": "CC", "IT escalations": "IT",
                  "Invoice chasing (Finance)": "FIN", "Training other teams": "TRN", "Team meeting": "INT",
                  "Lunch break": "BRK"}


def tempo_en(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 16), 10, PEOPLE[:3], step=900)
    rows = [["Issue Key", "Issue summary", "Hours", "Work date", "Username", "Full name", "Period", "Account Key",
             "Account Name", "Work Description", "Billed Hours", "External Hours"]]
    for e in entries:
        rows.append([f"SD-{rng.randint(100, 999)}", "Customer ticket", f"{e.hours:g}",
                     f"{e.date.isoformat()} 00:00", e.person.split()[0].lower(), e.person, "Feb 2026",
                     TEMPO_ACCOUNTS[e.label], e.label, "", f"{math.ceil(e.hours):g}", f"{e.hours * 1.5:g}"])
    return csv_text(rows).encode(), truth_of(entries, format="tempo_worklogs", hours_column="Hours",
                                             not_summed=["Billed Hours", "External Hours"])


def tempo_de(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 3, 2), 8, PEOPLE[2:], step=900)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Worklogs"
    ws.append(["Vorgangsschlüssel", "Zusammenfassung", "Stunden", "Arbeitsdatum", "Benutzername",
               "Vollständiger Name", "Konto", "Arbeitsbeschreibung", "Abgerechnete Stunden"])
    for e in entries:
        ws.append([f"SD-{rng.randint(100, 999)}", "Kundenanfrage", e.hours, dt.datetime.combine(e.date, dt.time()),
                   e.person.split()[0].lower(), e.person, e.label, "", math.ceil(e.hours)])
        ws.cell(ws.max_row, 4).number_format = "DD.MM.YYYY"
    return save_book(book), truth_of(entries, format="tempo_worklogs", hours_column="Stunden",
                                     not_summed=["Abgerechnete Stunden"])


def tempo_fr(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 1, 5), 10, PEOPLE[:2] + PEOPLE[3:4], step=900)
    rows = [["Clé de ticket", "Résumé du ticket", "Heures", "Date de travail", "Nom d'utilisateur", "Nom complet",
             "Compte", "Description du travail", "Heures facturées", "Heures externes"]]
    for e in entries:
        rows.append([f"SD-{rng.randint(100, 999)}", "Demande client", f"{e.hours:g}".replace(".", ","),
                     e.date.strftime("%d/%m/%Y"), e.person.split()[0].lower(), e.person, e.label, "",
                     f"{math.ceil(e.hours)}", f"{e.hours * 2:g}".replace(".", ",")])
    return csv_text(rows, delimiter=";").encode(), truth_of(entries, format="tempo_worklogs", hours_column="Heures",
                                                            not_summed=["Heures facturées", "Heures externes"])


def kimai(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 9), 10, PEOPLE[:3], step=60)
    entries.append(Entry(dt.date(2026, 2, 12), PEOPLE[1], "IT escalations", 9900, dt.time(22, 30)))  # to 01:15
    rows = [["Date", "From", "To", "Duration", "Hourly rate", "Rate", "User", "Username", "Customer", "Project",
             "Activity", "Description", "Billable", "Tags"]]
    for e in entries:
        rows.append([e.date.isoformat(), e.start.strftime("%H:%M"), e.end.strftime("%H:%M"),
                     f"{e.seconds // 3600}:{e.seconds // 60 % 60:02d}", "70", f"{e.hours * 70:.2f}", e.person,
                     e.person.split()[0].lower(), "Acme", "Service Desk", e.label, "", "1", ""])
    return csv_text(rows).encode(), truth_of(entries, format="kimai", hours_column="Duration",
                                             not_summed=["Hourly rate", "Rate"])


WFM_CODES = {"Customer support": "PHN", "Overflow calls (Contact Centre)": "OVF", "IT escalations": "ITX",
             "Team meeting": "MTG", "Lunch break": "LUN", "Training other teams": "TRN"}


def wfm_pipe(rng: random.Random) -> tuple[bytes, dict]:
    labels = list(WFM_CODES)
    entries = make_entries(rng, dt.date(2026, 3, 2), 10, PEOPLE, step=300, labels=labels)
    entries.append(Entry(dt.date(2026, 3, 4), PEOPLE[4], "Overflow calls (Contact Centre)", 9000, dt.time(22, 0)))
    lines = ["Agent ID|Agent Name|Date|Activity Code|Activity|Start|End|Minutes"]
    for e in entries:
        lines.append("|".join([f"A{PEOPLE.index(e.person) + 101}", e.person, e.date.strftime("%m/%d/%Y"),
                               WFM_CODES[e.label], e.label, e.start.strftime("%H:%M"), e.end.strftime("%H:%M"),
                               str(e.seconds // 60)]))
    return ("\r\n".join(lines) + "\r\n").encode(), truth_of(entries, format="wfm_activity", hours_column="Minutes")


def unicode_text(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 2), 10, PEOPLE[:4], step=900)
    rows = [["Date", "Employee", "Category", "Hours"]]
    rows += [[e.date.strftime("%d/%m/%Y"), e.person, e.label, f"{e.hours:g}"] for e in entries]
    text = csv_text(rows, delimiter="\t", newline="\r\n")
    return b"\xff\xfe" + text.encode("utf-16-le"), truth_of(entries, format="generic", hours_column="Hours")


def european_csv(rng: random.Random) -> tuple[bytes, dict]:
    people = ["Jürgen Müller", "Zoë Brandt", "Björn Åkesson"]
    labels = ["Kundenservice", "Rückfragen Buchhaltung", "IT-Störungen", "Schulung andere Teams", "Teambesprechung"]
    entries = make_entries(rng, dt.date(2026, 1, 12), 10, people, step=900, labels=labels)
    rows = [["Datum", "Mitarbeiter", "Tätigkeit", "Stunden", "Bemerkung"]]
    rows += [[e.date.strftime("%d.%m.%Y"), e.person, e.label, f"{e.hours:g}".replace(".", ","), "ok"] for e in entries]
    return csv_text(rows, delimiter=";").encode("cp1252"), truth_of(entries, format="generic", hours_column="Stunden")


SPELLINGS: list[Callable[[int], str]] = [
    lambda s: f"{s // 3600}:{s // 60 % 60:02d}",
    lambda s: f"{s // 3600}h {s // 60 % 60}m",
    lambda s: f"{s // 60} min",
    lambda s: f"{s / 3600:g}".replace(".", ","),
    lambda s: f"PT{s // 3600}H{s // 60 % 60}M",
    lambda s: f"{s / 3600:g}",
]


def handmade_title_totals(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 3, 2), 10, PEOPLE[:3], step=900)
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Service Desk hours, March 2026"])
    summary.append(["Person", "Total hours"])
    for person in PEOPLE[:3]:
        summary.append([person, round(sum(e.hours for e in entries if e.person == person), 2)])
    log = book.create_sheet("Log")
    log.append(["Service Desk – time log"])
    log.append(["Prepared by the team lead; one row per piece of work"])
    log.append([])
    log.append(["Date", "Team member", "Activity", "Time spent", "Notes"])
    week = entries[0].date.isocalendar().week
    week_sum = 0.0
    for i, e in enumerate(entries):
        if e.date.isocalendar().week != week:
            log.append([f"TOTAL week {week}", None, None, round(week_sum, 2)])
            week, week_sum = e.date.isocalendar().week, 0.0
        log.append([dt.datetime.combine(e.date, dt.time()), e.person, e.label, SPELLINGS[i % len(SPELLINGS)](e.seconds),
                    ""])
        log.cell(log.max_row, 1).number_format = "DD/MM/YYYY"
        week_sum += e.hours
    log.append([f"TOTAL week {week}", None, None, round(week_sum, 2)])
    log.append(["GRAND TOTAL", None, None, round(sum(e.hours for e in entries), 2)])
    old = book.create_sheet("Old log 2025")
    old.sheet_state = "hidden"
    old.append(["Date", "Team member", "Activity", "Hours"])
    for e in make_entries(rng, dt.date(2025, 6, 2), 5, PEOPLE[:3]):
        old.append([dt.datetime.combine(e.date, dt.time()), e.person, e.label, e.hours])
    return save_book(book), truth_of(entries, format="generic", sheet="Log", header_row=4,
                                     skipped_reason="total row",
                                     warnings_mention=["hidden sheets not read", "sheet 'Summary' not read"])


def handmade_wide_days(rng: random.Random) -> tuple[bytes, dict]:
    days = workdays(dt.date(2026, 3, 2), 10)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "March"
    ws.append(["Hours per day, Service Desk"])
    ws.append([])
    ws.append(["Person", "Activity", *[dt.datetime.combine(d, dt.time()) for d in days], "Total"])
    for c in range(3, 3 + len(days)):
        ws.cell(3, c).number_format = "DD/MM"
    entries: list[Entry] = []
    r = 4
    for person in PEOPLE[:3]:
        for label in LABELS[:4]:
            row: list[object] = [person, label]
            for d in days:
                if rng.random() < 0.3:
                    row.append(None)
                    continue
                quarters = rng.randint(1, 16)
                row.append(quarters / 4)
                entries.append(Entry(d, person, label, quarters * 900))
            last = openpyxl.utils.get_column_letter(2 + len(days))
            row.append(f"=SUM(C{r}:{last}{r})")
            ws.append(row)
            r += 1
    ws.append(["TOTAL", None, *[f"=SUM({openpyxl.utils.get_column_letter(c)}4:"
                                f"{openpyxl.utils.get_column_letter(c)}{r - 1})" for c in range(3, 3 + len(days))]])
    return save_book(book), truth_of(entries, format="wide_grid", header_row=3,
                                     warnings_mention=["wide layout", "'Total' not summed"])


def handmade_wide_weekdays(rng: random.Random) -> tuple[bytes, dict]:
    monday = dt.date(2026, 3, 9)
    rows: list[list[object]] = [["Weekly timesheet"], ["Name: Sam Lee"], [f"Week of {monday:%d.%m.%Y}"], [],
                                ["Activity", *WEEKDAYS, "Total"]]
    entries = []
    for label in LABELS[:5]:
        row: list[object] = [label]
        total = 0.0
        for i in range(5):
            if rng.random() < 0.25:
                row.append("")
                continue
            quarters = rng.randint(1, 12)
            row.append(f"{quarters // 4}:{quarters % 4 * 15:02d}" if i == 2 else f"{quarters / 4:g}")
            entries.append(Entry(monday + dt.timedelta(days=i), "Sam Lee", label, quarters * 900))
            total += quarters / 4
        rows.append([*row, f"{total:g}"])
    rows.append(["Total", *[""] * 5, f"{sum(e.hours for e in entries):g}"])
    return csv_text(rows).encode(), truth_of(entries, format="wide_grid", header_row=5)


def handmade_formulas(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 23), 5, PEOPLE[:2], step=300)
    entries.append(Entry(dt.date(2026, 2, 26), PEOPLE[1], "IT escalations", 3 * 3600 + 1800, dt.time(22, 30)))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Timesheet"
    ws.append(["Date", "Name", "Task", "Start", "End", "Hours"])
    first = entries[0].date
    for i, e in enumerate(entries, start=2):
        date_cell: object = dt.datetime.combine(e.date, dt.time()) if e.date == first else \
            f"=$A$2+{(e.date - first).days}"
        end = e.end.time()
        hours = f"=MOD(E{i}-D{i},1)*24" if end < e.start else f"=(E{i}-D{i})*24"
        ws.append([date_cell, e.person, e.label, e.start, end, hours])
        ws.cell(i, 1).number_format = "YYYY-MM-DD"
        ws.cell(i, 4).number_format = ws.cell(i, 5).number_format = "HH:MM"
        ws.cell(i, 6).number_format = "0.00"
    return save_book(book), truth_of(entries, format="generic", hours_column="Hours",
                                     warnings_mention=["formula cells had no saved value"])


def handmade_mixed_durations(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 1, 19), 10, PEOPLE[:3], step=300)
    rows = [["Date", "Person", "Activity", "Duration"]]
    serial = dt.date(1899, 12, 30)
    for i, e in enumerate(entries):
        rows.append([str((e.date - serial).days), e.person, e.label, SPELLINGS[i % len(SPELLINGS)](e.seconds)])
    return csv_text(rows).encode(), truth_of(entries, format="generic", hours_column="Duration",
                                             warnings_mention=["Excel serial numbers"])


def seconds_us_dates(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 3, 2), 15, PEOPLE[:3], step=1)
    rows = [["Date", "User", "Project", "Duration (seconds)"]]
    rows += [[e.date.strftime("%m/%d/%Y"), e.person, e.label, str(e.seconds)] for e in entries]
    return csv_text(rows).encode(), truth_of(entries, format="generic", hours_column="Duration (seconds)",
                                             warnings_mention=["MM/DD/YYYY", "seconds"])


def payroll_rollup(rng: random.Random) -> tuple[bytes, dict]:
    entries = []
    for person in PEOPLE:
        for w in range(4):
            start = dt.date(2026, 1, 4) + dt.timedelta(weeks=w)
            entries.append(Entry(start, person, "(no category)", rng.randint(30 * 4, 44 * 4) * 900))
    rows = [["First Name", "Last Name", "Work Email", "Start Date", "End Date", "Regular Hours"]]
    for e in entries:
        first, last = e.person.split(" ", 1)
        rows.append([first, last, first.lower() + "@example.com", e.date.isoformat(),
                     (e.date + dt.timedelta(days=6)).isoformat(), f"{e.hours:g}"])
    truth = truth_of(entries, format="justworks_weekly_hours", kind="rollup", flagged=[])
    truth["date_range"][1] = (max(e.date for e in entries) + dt.timedelta(days=6)).isoformat()  # the last week's end
    return csv_text(rows).encode(), truth


def suspicious(rng: random.Random) -> tuple[bytes, dict]:
    entries = make_entries(rng, dt.date(2026, 2, 2), 5, PEOPLE[:2], step=900)
    odd = [Entry(dt.date(2026, 2, 4), PEOPLE[0], "Customer support", 18 * 3600),
           Entry(dt.date(2026, 2, 5), PEOPLE[1], "Team meeting", -5400),
           Entry(dt.date(2099, 6, 1), PEOPLE[1], "Customer support", 3600)]
    rows = [["Date", "Person", "Activity", "Hours"]]
    rows += [[e.date.isoformat(), e.person, e.label, f"{e.hours:g}"] for e in entries + odd]
    rows.append(rows[2])  # duplicate of the second entry
    rows.append(["2026-02-03", PEOPLE[0], "Customer support", "n/a"])  # unreadable: skipped
    rows.append(["", PEOPLE[1], "Customer support", "2"])  # no date: skipped
    kept = entries + odd[:2] + [entries[1]]  # the 2099 row is far from the others: kept out of the period, listed
    return csv_text(rows).encode(), truth_of(
        kept, format="generic", skipped=3,
        flagged=["18.0 h in one entry", "negative hours", "possible duplicate"])


def ambiguous_dates(rng: random.Random) -> tuple[bytes, dict]:
    entries = [e for e in make_entries(rng, dt.date(2026, 3, 2), 9, PEOPLE[:2], step=900) if e.date.day <= 12]
    rows = [["Date", "Person", "Activity", "Hours"]]
    rows += [[e.date.strftime("%d/%m/%Y"), e.person, e.label, f"{e.hours:g}"] for e in entries]
    return csv_text(rows).encode(), truth_of(entries, format="generic", needs_confirmation=True)


def not_a_timelog(rng: random.Random) -> tuple[bytes, dict]:
    rows = [["Name", "Email", "Phone", "Company"]]
    rows += [[p, p.split()[0].lower() + "@example.com", f"+44 20 7946 0{rng.randint(100, 999)}", "Acme"]
             for p in PEOPLE]
    return csv_text(rows).encode(), {"error": "does not look like a time log", "error_also": "Expected a time log"}


def summary_without_period(rng: random.Random) -> tuple[bytes, dict]:
    rows = [["Category", "Hours"]] + [[label, f"{rng.randint(5, 80)}"] for label in LABELS[:4]]
    return csv_text(rows).encode(), {"error": "no dates in it or in its file name", "error_also": "period"}


FIXTURES: dict[str, Callable[[random.Random], tuple[bytes, dict]]] = {
    "toggl_detailed.csv": toggl_detailed,
    "toggl_summary_2026-03-01_to_2026-03-31.csv": toggl_summary,
    "clockify_detailed.csv": clockify_csv,
    "clockify_detailed.xlsx": clockify_xlsx,
    "harvest_detailed.csv": harvest,
    "tempo_worklogs.csv": tempo_en,
    "tempo_worklogs_de.xlsx": tempo_de,
    "tempo_worklogs_fr.csv": tempo_fr,
    "kimai_export.csv": kimai,
    "wfm_agent_activity.txt": wfm_pipe,
    "excel_unicode_text.txt": unicode_text,
    "european_excel.csv": european_csv,
    "handmade_title_totals.xlsx": handmade_title_totals,
    "handmade_wide_days.xlsx": handmade_wide_days,
    "handmade_wide_weekdays.csv": handmade_wide_weekdays,
    "handmade_start_end_formulas.xlsx": handmade_formulas,
    "handmade_mixed_durations.csv": handmade_mixed_durations,
    "timer_seconds_us_dates.csv": seconds_us_dates,
    "payroll_weekly_rollup.csv": payroll_rollup,
    "handmade_suspicious_rows.csv": suspicious,
    "handmade_ambiguous_dates.csv": ambiguous_dates,
    "not_a_timelog_contacts.csv": not_a_timelog,
    "summary_without_period.csv": summary_without_period,
}


def main() -> None:
    n = write_files(OUT, ((name, *make(random.Random(name))) for name, make in FIXTURES.items()))
    print(f"wrote {n} fixtures to {OUT}")


if __name__ == "__main__":
    main()
