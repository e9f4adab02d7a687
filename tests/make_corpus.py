"""Writes tests/corpus/: exports of tools and habits the reader was never tuned on, each with its truth.

Each format follows the columns its tool documents (the source is named beside it); the rows
are made up here, seeded, and `NAME.truth.json` is computed from those rows, never by reading
the file back. None of these shapes is in tests/fixtures; the reader must understand them from
their words and values, with no mapping given.

    .venv/bin/python tests/make_corpus.py     # rewrites tests/corpus/
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from tests.fixture_files import Entry, csv_text, write_files

OUT = Path(__file__).resolve().parent / "corpus"
PEOPLE = ["Amira Haddad", "Bruno Costa", "Céline Dubois", "Daniel Kowalski", "Elif Yılmaz"]
LABELS = ["Phone support", "Billing questions (Finance)", "Password resets (IT)", "Team huddle", "Onboarding other teams"]
EPOCH = dt.datetime(1970, 1, 1)


def make(seed: str, step: int = 60, per_day: tuple[int, int] = (2, 5), people: int = 4, days: int = 10,
         labels: list[str] = LABELS, long: tuple[int, int] = (1800, 9000)) -> list[Entry]:
    rng = random.Random(seed)
    out, day = [], dt.date(2026, 2, 2)
    while len({e.day for e in out}) < days:
        if day.weekday() < 5:
            for person in PEOPLE[:people]:
                clock = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=15 * rng.randint(0, 4))
                for _ in range(rng.randint(*per_day)):
                    seconds = step * rng.randint(max(1, long[0] // step), long[1] // step)
                    out.append(Entry(day, person, rng.choice(labels), seconds, clock))
                    clock += dt.timedelta(seconds=seconds + 300 * rng.randint(0, 3))
        day += dt.timedelta(days=1)
    return out


def hms(s: int) -> str:
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def hm(s: int) -> str:
    return f"{s // 3600}:{s // 60 % 60:02d}"


def dec(x: float, comma: bool = False) -> str:
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def csv_bytes(rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    return csv_text(rows, delimiter, newline).encode(encoding)


def truth(entries: list[Entry], person: Callable[[Entry], str] = lambda e: e.person,
          label: Callable[[Entry], str] = lambda e: e.label, hours: Callable[[Entry], float] = lambda e: e.seconds / 3600,
          **extra: object) -> dict:
    by_label: dict[str, float] = defaultdict(float)
    for e in entries:
        by_label[label(e)] += hours(e)
    return {"total_hours": round(sum(hours(e) for e in entries), 4), "rows": len(entries),
            "people": sorted({person(e) for e in entries}),
            "date_range": [min(e.day for e in entries).isoformat(), max(e.day for e in entries).isoformat()],
            "hours_by_label": {k: round(v, 4) for k, v in sorted(by_label.items())}, **extra}


Made = tuple[bytes, dict]


# --- project trackers --------------------------------------------------------------------------------

def tempo_api(seed: str) -> Made:
    """Tempo Cloud REST API v4 /worklogs flattened: timeSpentSeconds, billableSeconds, ISO start."""
    es = make(seed, step=1)
    rows = [["tempoWorklogId", "issueKey", "authorDisplayName", "startDate", "startTime", "timeSpentSeconds",
             "billableSeconds", "description", "account"]]
    rows += [[9000 + i, f"HELP-{100 + i}", e.person, e.day.isoformat(), e.start.strftime("%H:%M:%S"), e.seconds,
              e.seconds // 900 * 900 + 900, "", e.label] for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es, not_summed=["billableSeconds"])


def redmine_en(seed: str) -> Made:
    """Redmine 'Spent time' CSV export (English UI): Project, Date, User, Activity, Issue, Comment, Hours."""
    es = make(seed, step=36)
    rows = [["Project", "Date", "User", "Activity", "Issue", "Comment", "Hours"]]
    rows += [["Service desk", e.day.strftime("%m/%d/%Y"), e.person, e.label, f"Support #{400 + i}", "", dec(e.seconds / 3600)]
             for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def youtrack_timesheet(seed: str) -> Made:
    """YouTrack time-tracking report CSV: Work author, Work date, Work type, Spent time in minutes."""
    es = make(seed, step=60)
    rows = [["Issue id", "Issue summary", "Work author", "Work date", "Work type", "Spent time (minutes)"]]
    rows += [[f"SUP-{i}", "Customer request", e.person, e.day.strftime("%d %b %Y"), e.label, e.seconds // 60]
             for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def clickup(seed: str) -> Made:
    """ClickUp 'Export time tracking' CSV: Start/Stop as epoch ms, Time Tracked in ms, a text copy beside it."""
    es = make(seed, step=1)
    ms = lambda t: int((t - EPOCH).total_seconds() * 1000)  # noqa: E731
    rows = [["User ID", "Username", "Time Entry ID", "Description", "Billable", "Time Labels", "Start", "Stop",
             "Time Tracked", "Time Tracked Text", "Space Name", "Task Name"]]
    rows += [[7000 + i % 4, e.person, i, "", "False", e.label, ms(e.start), ms(e.end), e.seconds * 1000,
              f"{e.seconds // 3600}h {e.seconds // 60 % 60}m {e.seconds % 60}s", "Support", "Inbox"]
             for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es, label=lambda e: e.label)


def monday(seed: str) -> Made:
    """monday.com board export with a Time Tracking column (HH:MM:SS) and a People column."""
    es = make(seed, step=1)
    rows = [["Name", "People", "Date", "Group", "Time Tracking"]]
    rows += [[f"Request {i}", e.person, e.day.isoformat(), e.label, hms(e.seconds)] for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def wrike(seed: str) -> Made:
    """Wrike timelog report: Date, User, Task, Timelog category, Hours, Comment."""
    es = make(seed, step=36)
    rows = [["Date", "User", "Task", "Timelog category", "Hours", "Comment"]]
    rows += [[e.day.strftime("%m/%d/%Y"), e.person, "Inbox", e.label, dec(e.seconds / 3600), ""] for e in es]
    return csv_bytes(rows), truth(es)


def teamwork(seed: str) -> Made:
    """Teamwork.com time export: Hours and Minutes as separate parts, and Decimal Hours (the total)."""
    es = make(seed, step=60)
    rows = [["Date", "Who", "Description", "Task list", "Start time", "End time", "Hours", "Minutes", "Decimal hours",
             "Billable"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, "", e.label, e.start.strftime("%H:%M"), e.end.strftime("%H:%M"),
              e.seconds // 3600, e.seconds // 60 % 60, dec(e.seconds / 3600), "Yes"] for e in es]
    return csv_bytes(rows), truth(es)


def zoho_projects(seed: str) -> Made:
    """Zoho Projects timesheet export: Log Date, User, Task/Bug, Hours as HH:MM, Billing type, Notes."""
    es = make(seed, step=60)
    rows = [["Project Name", "Task/Bug", "Log Date", "User", "Hours", "Billing Type", "Notes"]]
    rows += [[e.label, "Ticket", e.day.strftime("%Y-%m-%d"), e.person, f"{e.seconds // 3600:02d}:{e.seconds // 60 % 60:02d}",
              "Billable", ""] for e in es]
    return csv_bytes(rows), truth(es)


def paymo(seed: str) -> Made:
    """Paymo time report: a Duration written '1h 25m', the user's full name and e-mail."""
    es = make(seed, step=60)
    rows = [["Date", "Client", "Project", "Task", "User", "User email", "Duration", "Description"]]
    rows += [[e.day.isoformat(), "Internal", "Service", e.label, e.person, e.login,
              f"{e.seconds // 3600}h {e.seconds // 60 % 60}m", ""] for e in es]
    return csv_bytes(rows), truth(es)


def everhour(seed: str) -> Made:
    """Everhour team time report: Member, Date, Project, Task, Time in H:MM, Comment."""
    es = make(seed, step=60)
    rows = [["Member", "Date", "Project", "Task", "Time", "Comment"]]
    rows += [[e.person, e.day.strftime("%b %d, %Y"), "Support", e.label, hm(e.seconds), ""] for e in es]
    return csv_bytes(rows), truth(es)


def timecamp(seed: str) -> Made:
    """TimeCamp detailed report: Person, Date, Task, Note, Start time, End time, Duration (HH:MM:SS)."""
    es = make(seed, step=1)
    rows = [["Person", "Date", "Task", "Note", "Start time", "End time", "Duration"]]
    rows += [[e.person, e.day.isoformat(), e.label, "", e.start.strftime("%H:%M:%S"), e.end.strftime("%H:%M:%S"),
              hms(e.seconds)] for e in es]
    return csv_bytes(rows), truth(es)


def hubstaff(seed: str) -> Made:
    """Hubstaff daily activity export: 'Activity' is a percentage of active time, not a category."""
    es = make(seed, step=1)
    rng = random.Random(seed)
    rows = [["Organization", "Project", "Member", "Date", "To-do", "Time", "Activity", "Spent"]]
    rows += [["Acme", e.label, e.person, e.day.isoformat(), "", hms(e.seconds), f"{rng.randint(35, 95)}%", "0.00"]
             for e in es]
    return csv_bytes(rows), truth(es)


def timely(seed: str) -> Made:
    """Timely hours export: Date, User, Project, Client, Note, Hours (decimal), Billed flag."""
    es = make(seed, step=36)
    rows = [["Date", "User", "Client", "Project", "Note", "Hours", "Billed"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, "Acme", e.label, "", dec(e.seconds / 3600), "false"] for e in es]
    return csv_bytes(rows), truth(es)


def tick(seed: str) -> Made:
    """Tick entries report: the person as User First Name and User Last Name columns."""
    es = make(seed, step=36)
    rows = [["Entry Date", "Client", "Project", "Task", "User First Name", "User Last Name", "Hours", "Notes"]]
    rows += [[e.day.strftime("%m/%d/%Y"), "Acme", "Support", e.label, e.first, e.last, dec(e.seconds / 3600), ""]
             for e in es]
    return csv_bytes(rows), truth(es)


def productive(seed: str) -> Made:
    """Productive.io time entries: Time and Billable time in minutes (only Time is the time logged)."""
    es = make(seed, step=60)
    rows = [["Date", "Person", "Service", "Budget", "Time (min)", "Billable time (min)", "Note"]]
    rows += [[e.day.isoformat(), e.person, e.label, "Retainer", e.seconds // 60, (e.seconds // 60 // 15 + 1) * 15, ""]
             for e in es]
    return csv_bytes(rows), truth(es, not_summed=["Billable time (min)"])


def jibble(seed: str) -> Made:
    """Jibble timesheet export: Clock In / Clock Out with a Break Duration; Total Hours is net of the break."""
    es = make(seed, step=60, per_day=(1, 1), long=(27000, 32400), labels=["Store floor"])
    rows = [["Full Name", "Group", "Date", "Clock In", "Clock Out", "Break Duration", "Total Hours"]]
    rows += [[e.person, "Retail", e.day.strftime("%d/%m/%Y"), e.start.strftime("%H:%M"),
              (e.end + dt.timedelta(minutes=30)).strftime("%H:%M"), "0:30", dec(e.seconds / 3600)] for e in es]
    return csv_bytes(rows), truth(es, label=lambda e: "(no category)")


# --- help desks --------------------------------------------------------------------------------------

def zendesk(seed: str) -> Made:
    """Zendesk Time Tracking app, exported ticket time logs: time spent in seconds, named in the header."""
    es = make(seed, step=1, per_day=(4, 9), long=(120, 2400))
    rows = [["Ticket ID", "Agent", "Group", "Date", "Time spent last update (sec)"]]
    rows += [[40000 + i, e.person, e.label, e.start.strftime("%Y-%m-%dT%H:%M:%SZ"), e.seconds] for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def freshdesk(seed: str) -> Made:
    """Freshdesk timesheet report: Agent, Group, Customer, Date, Hours as HH:MM, Billable, Note."""
    es = make(seed, step=60, per_day=(3, 7), long=(300, 3600))
    rows = [["Ticket", "Agent", "Group", "Customer", "Date", "Hours", "Billable", "Note"]]
    rows += [[f"#{900 + i}", e.person, e.label, "Acme", e.day.strftime("%a, %d %b %Y"), hm(e.seconds), "Non-billable", ""]
             for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def servicenow(seed: str) -> Made:
    """ServiceNow time worked (task_time_worked) list export: durations written '1 Hour 25 Minutes'."""
    es = make(seed, step=60)

    def spoken(s: int) -> str:
        h, m = s // 3600, s // 60 % 60
        return " ".join(p for p in (f"{h} Hour{'s' if h != 1 else ''}" if h else "",
                                    f"{m} Minute{'s' if m != 1 else ''}" if m else "") if p)
    rows = [["Task", "Time worked", "User", "Created", "Category"]]
    rows += [[f"INC00{1000 + i}", spoken(e.seconds), e.person, e.start.strftime("%Y-%m-%d %H:%M:%S"), e.label]
             for i, e in enumerate(es)]
    return csv_bytes(rows), truth(es)


def hubspot_calls(seed: str) -> Made:
    """HubSpot call activities export: call duration in milliseconds (hs_call_duration), owner by name."""
    es = make(seed, step=1, per_day=(6, 14), long=(60, 1500))
    rows = [["Activity date", "Activity assigned to", "Call outcome", "Call duration (ms)", "Call title"]]
    rows += [[e.start.strftime("%Y-%m-%d %H:%M"), e.person, e.label, e.seconds * 1000, "Customer call"] for e in es]
    return csv_bytes(rows), truth(es)


# --- contact centres ---------------------------------------------------------------------------------

def genesys(seed: str) -> Made:
    """Genesys Cloud agent status duration details: Presence, start and end ISO timestamps, Duration in ms."""
    es = make(seed, step=1, per_day=(5, 10), long=(300, 5400), labels=["On Queue", "Available", "Meal", "Training", "Meeting"])
    rows = [["Agent Name", "Presence", "Start Date", "End Date", "Duration"]]
    rows += [[e.person, e.label, e.start.strftime("%Y-%m-%dT%H:%M:%S.000Z"), e.end.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
              e.seconds * 1000] for e in es]
    return csv_bytes(rows), truth(es)


def five9(seed: str) -> Made:
    """Five9 agent state detail report: upper-case headers, AGENT STATE TIME as HH:MM:SS."""
    es = make(seed, step=1, per_day=(5, 10), long=(120, 4000), labels=["Ready", "Not Ready", "On Call", "After Call Work"])
    rows = [["AGENT", "DATE", "STATE", "REASON CODE", "AGENT STATE TIME"]]
    rows += [[e.login, e.day.strftime("%m/%d/%Y"), e.label, "", hms(e.seconds)] for e in es]
    return csv_bytes(rows), truth(es, person=lambda e: e.login)


def talkdesk(seed: str) -> Made:
    """Talkdesk user status report: snake_case, ISO timestamps, a duration in seconds whose header says no unit."""
    es = make(seed, step=1, per_day=(6, 12), long=(300, 3600), labels=["available", "busy", "after_call_work", "away"])
    rows = [["user_name", "status_label", "status_start_at", "status_end_at", "duration"]]
    rows += [[e.person, e.label, e.start.isoformat(), e.end.isoformat(), e.seconds] for e in es]
    return csv_bytes(rows), truth(es)


def amazon_connect(seed: str) -> Made:
    """Amazon Connect agent event stream, flattened: epoch-millisecond start, status, duration in seconds."""
    es = make(seed, step=1, per_day=(6, 12), long=(300, 3600), labels=["Available", "Lunch", "Training", "Offline"])
    rows = [["AgentUsername", "AgentStatus", "StatusStartTimestamp", "StatusDurationSeconds"]]
    rows += [[e.login, e.label, int((e.start - EPOCH).total_seconds() * 1000), e.seconds] for e in es]
    return csv_bytes(rows), truth(es, person=lambda e: e.login)


# --- payroll and shifts ------------------------------------------------------------------------------

def deputy(seed: str) -> Made:
    """Deputy 'CSV/Excel - All fields': Mealbreak HH:MM:SS, Total Hours net of it, Total Cost, Area."""
    es = make(seed, step=900, per_day=(1, 1), long=(25200, 32400), labels=["Front counter", "Phones", "Back office"])
    rows = [["Employee Export Code", "Employee Name", "Date", "Start", "End", "Mealbreak", "Total Hours", "Total Cost",
             "Area"]]
    rows += [[f"E{10 + PEOPLE.index(e.person)}", e.person, e.day.strftime("%d/%m/%Y"), e.start.strftime("%H:%M:%S"),
              (e.end + dt.timedelta(minutes=45)).strftime("%H:%M:%S"), "00:45:00", dec(e.seconds / 3600),
              dec(e.seconds / 3600 * 31.5), e.label] for e in es]
    return csv_bytes(rows), truth(es, not_summed=["Total Cost"])


def when_i_work(seed: str) -> Made:
    """When I Work timesheets: Start and End with a Break in minutes and no hours column at all."""
    es = make(seed, step=900, per_day=(1, 1), long=(25200, 32400), labels=["Cashier", "Stock", "Supervisor"])
    rows = [["Employee", "Position", "Location", "Start", "End", "Unpaid Break (mins)", "Wage"]]
    rows += [[e.person, e.label, "Downtown", e.start.strftime("%m/%d/%Y %I:%M %p"),
              (e.end + dt.timedelta(minutes=30)).strftime("%m/%d/%Y %I:%M %p"), 30, "17.50"] for e in es]
    return csv_bytes(rows), truth(es)


def homebase(seed: str) -> Made:
    """Homebase timesheet export: Last name before First name, clock-in date and time apart, paid hours net."""
    es = make(seed, step=900, per_day=(1, 1), long=(25200, 32400), labels=["Server", "Host", "Cook"])
    rows = [["Last name", "First name", "Role", "Clock in date", "Clock in time", "Clock out date", "Clock out time",
             "Unpaid breaks", "Total paid hours", "Estimated wages"]]
    rows += [[e.last, e.first, e.label, e.day.strftime("%m/%d/%Y"), e.start.strftime("%I:%M %p"),
              e.day.strftime("%m/%d/%Y"), (e.end + dt.timedelta(minutes=30)).strftime("%I:%M %p"), "0.5",
              dec(e.seconds / 3600), dec(e.seconds / 3600 * 16)] for e in es]
    return csv_bytes(rows), truth(es, person=lambda e: f"{e.first} {e.last}", not_summed=["Estimated wages"])


def clockify_kiosk(seed: str) -> Made:
    """Clockify kiosk (time clock) report: Clock in / Clock out, Break (h), Work time (h)."""
    es = make(seed, step=300, per_day=(1, 1), long=(25200, 32400), labels=["Warehouse"])
    rows = [["Name", "Date", "Clock in", "Clock out", "Break (h)", "Work time (h)"]]
    rows += [[e.person, e.day.strftime("%d.%m.%Y"), e.start.strftime("%H:%M"),
              (e.end + dt.timedelta(hours=1)).strftime("%H:%M"), "1.00", dec(e.seconds / 3600)] for e in es]
    return csv_bytes(rows), truth(es, label=lambda e: "(no category)")


def bamboohr(seed: str) -> Made:
    """BambooHR time tracking export: Employee Name, Employee #, Clock In, Clock Out, Hours Worked, Project."""
    es = make(seed, step=60, per_day=(1, 3), long=(5400, 14400))
    rows = [["Employee #", "Employee Name", "Date", "Clock In", "Clock Out", "Hours Worked", "Project", "Task"]]
    rows += [[100 + PEOPLE.index(e.person), e.person, e.day.isoformat(), e.start.strftime("%I:%M %p"),
              e.end.strftime("%I:%M %p"), dec(e.seconds / 3600), e.label, ""] for e in es]
    return csv_bytes(rows), truth(es)


def adp(seed: str) -> Made:
    """ADP Workforce Now timecard export: 'Last, First' payroll names, In/Out punches, Hours, Pay Code."""
    es = make(seed, step=900, per_day=(1, 2), long=(7200, 18000), labels=["REG", "TRAINING", "PTO"])
    rows = [["Payroll Name", "File Number", "Pay Date", "In Punch", "Out Punch", "Hours", "Pay Code"]]
    rows += [[f"{e.last}, {e.first}", f"00{PEOPLE.index(e.person) + 1}", e.day.strftime("%m/%d/%Y"),
              e.start.strftime("%I:%M%p"), e.end.strftime("%I:%M%p"), dec(e.seconds / 3600), e.label] for e in es]
    return csv_bytes(rows), truth(es, person=lambda e: f"{e.last}, {e.first}")


# --- ERP time sheets ---------------------------------------------------------------------------------

def sap_cats(seed: str) -> Made:
    """SAP CATS time sheet list (CADO) in German: Personalnummer, Datum, Leistungsart, Stunden, Maßeinheit."""
    es = make(seed, step=360, labels=["1410 Beratung", "1420 Support Fremdbereich", "1430 Schulung", "1490 Intern"])
    rows = [["Personalnummer", "Name des Mitarbeiters", "Datum", "Empfängerauftrag", "Leistungsart", "Stunden",
             "Maßeinheit"]]
    rows += [[f"{5000 + PEOPLE.index(e.person)}", e.person, e.day.strftime("%d.%m.%Y"), "400123", e.label,
              dec(e.seconds / 3600, comma=True), "H"] for e in es]
    return csv_bytes(rows, delimiter=";", encoding="cp1252"), truth(es)


def dynamics(seed: str) -> Made:
    """Dynamics 365 Project Operations time entries: Duration in minutes under a header that names no unit."""
    es = make(seed, step=60)
    rows = [["Date", "Bookable Resource", "Project", "Role", "Type", "Duration", "Entry Status"]]
    rows += [[e.day.strftime("%m/%d/%Y"), e.person, "Service", "Consultant", e.label, e.seconds // 60, "Approved"]
             for e in es]
    return csv_bytes(rows), truth(es)


def odoo_fr(seed: str) -> Made:
    """Odoo timesheets exported in French: Employé, Projet, Tâche, Durée (heure(s)) as decimal hours."""
    es = make(seed, step=36)
    rows = [["Date", "Employé", "Projet", "Tâche", "Description", "Durée (heure(s))"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, "Support", e.label, "/", dec(e.seconds / 3600, comma=True)]
             for e in es]
    return csv_bytes(rows, delimiter=";"), truth(es)


def netsuite(seed: str) -> Made:
    """NetSuite time tracking saved search: Employee, Customer:Project, Service Item, Duration as H:MM."""
    es = make(seed, step=60)
    rows = [["Date", "Employee", "Customer:Project", "Service Item", "Duration", "Billable", "Memo"]]
    rows += [[e.day.strftime("%m/%d/%Y"), e.person, "Acme : Support", e.label, hm(e.seconds), "F", ""] for e in es]
    return csv_bytes(rows), truth(es)


# --- spreadsheets in other languages ----------------------------------------------------------------

def spanish_sheet(seed: str) -> Made:
    """A hand-kept Spanish sheet: Fecha, Empleado, Actividad, Horas trabajadas with decimal commas."""
    es = make(seed, step=900, labels=["Atención al cliente", "Facturación (Finanzas)", "Incidencias TI", "Reunión"])
    rows = [["Fecha", "Empleado", "Actividad", "Horas trabajadas"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, e.label, dec(e.seconds / 3600, comma=True)] for e in es]
    return csv_bytes(rows, delimiter=";", encoding="cp1252"), truth(es)


def dutch_sheet(seed: str) -> Made:
    """A Dutch team sheet: Datum, Medewerker, Activiteit, Duur (min)."""
    es = make(seed, step=300, labels=["Klantenservice", "Facturen (Financiën)", "IT-storingen", "Overleg"])
    rows = [["Datum", "Medewerker", "Activiteit", "Duur (min)"]]
    rows += [[e.day.strftime("%d-%m-%Y"), e.person, e.label, e.seconds // 60] for e in es]
    return csv_bytes(rows, delimiter=";"), truth(es)


def czech_sheet(seed: str) -> Made:
    """A Czech sheet: Datum, Pracovník, Činnost, Odpracováno (h)."""
    es = make(seed, step=900, labels=["Zákaznická podpora", "Fakturace", "IT požadavky", "Porada"])
    rows = [["Datum", "Pracovník", "Činnost", "Odpracováno (h)"]]
    rows += [[e.day.strftime("%d.%m.%Y"), e.person, e.label, dec(e.seconds / 3600, comma=True)] for e in es]
    return csv_bytes(rows, delimiter=";"), truth(es)


def german_minutes_sheet(seed: str) -> Made:
    """A German sheet whose duration column says its unit only as 'Dauer in Min.'."""
    es = make(seed, step=60, labels=["Kundenservice", "Rückfragen Buchhaltung", "IT-Störungen", "Teamrunde"])
    rows = [["Tag", "Bearbeiter", "Tätigkeit", "Dauer in Min."]]
    rows += [[e.day.strftime("%d.%m.%Y"), e.person, e.label, e.seconds // 60] for e in es]
    return csv_bytes(rows, delimiter=";"), truth(es)


def french_sheet(seed: str) -> Made:
    """A French sheet: Jour, Collaborateur, Catégorie, Temps passé (h:mm)."""
    es = make(seed, step=60, labels=["Support client", "Relances factures", "Incidents informatiques", "Réunion"])
    rows = [["Jour", "Collaborateur", "Catégorie", "Temps passé"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, e.label, hm(e.seconds).replace(":", "h")] for e in es]
    return csv_bytes(rows, delimiter=";"), truth(es)


CORPUS: dict[str, tuple[Callable[[str], Made], str, str]] = {
    # file: (maker, source of the format, what is hard about it)
    "tempo_api_worklogs.csv": (tempo_api, "Tempo REST API v4 docs, /worklogs fields", "camelCase; seconds; billable seconds beside"),
    "redmine_spent_time_en.csv": (redmine_en, "Redmine guide, Spent time > CSV", "Issue column of 'Support #n'; MM/DD/YYYY"),
    "youtrack_timesheet.csv": (youtrack_timesheet, "YouTrack docs, time tracking reports export", "'Work author'; minutes; '02 Feb 2026'"),
    "clickup_time_entries.csv": (clickup, "ClickUp help, Export time tracking data", "epoch ms start/stop; ms duration; text copy"),
    "monday_time_tracking.csv": (monday, "monday.com support, Time Tracking column export", "'People'; category in 'Group'"),
    "wrike_timelog.csv": (wrike, "Wrike help, Timelog reports", "'Timelog category'"),
    "teamwork_time.csv": (teamwork, "Teamwork.com support, exporting time logs", "Hours and Minutes as parts, Decimal hours the total"),
    "zoho_projects_timesheet.csv": (zoho_projects, "Zoho Projects help, export timesheets", "'Log Date'; Hours as HH:MM; category in Project Name"),
    "paymo_time_report.csv": (paymo, "Paymo help, time reports export", "'1h 25m'; user e-mail beside the name"),
    "everhour_report.csv": (everhour, "Everhour help, reports export", "'Member'; 'Time' as H:MM; 'Feb 02, 2026'"),
    "timecamp_detailed.csv": (timecamp, "TimeCamp help, detailed report export", "duration and start/end agree"),
    "hubstaff_daily.csv": (hubstaff, "Hubstaff help, activity reports export", "'Activity' is a percentage, not a category"),
    "timely_hours.csv": (timely, "Timely help, export hours", "'Billed' flag"),
    "tick_entries.csv": (tick, "Tick API/reports entries export", "'User First Name'/'User Last Name'"),
    "productive_time_entries.csv": (productive, "Productive.io help, time entries export", "minutes; Billable time (min) not logged time"),
    "jibble_timesheet.csv": (jibble, "Jibble help, timesheet export", "clock in/out with a break; Total Hours net"),
    "zendesk_time_tracking.csv": (zendesk, "Zendesk help, Time Tracking app fields (sec)", "seconds in the header; ISO Z dates"),
    "freshdesk_timesheet.csv": (freshdesk, "Freshdesk support, timesheet reports", "'Fri, 06 Feb 2026' dates; HH:MM"),
    "servicenow_time_worked.csv": (servicenow, "ServiceNow docs, task_time_worked list export", "'1 Hour 25 Minutes'"),
    "hubspot_calls.csv": (hubspot_calls, "HubSpot docs, calls properties (hs_call_duration ms)", "milliseconds; owner 'assigned to'"),
    "genesys_agent_status.csv": (genesys, "Genesys Cloud resource center, agent status duration details", "'Presence'; ms without a unit"),
    "five9_agent_state.csv": (five9, "Five9 reports guide, agent state detail", "upper case; e-mail logins; HH:MM:SS"),
    "talkdesk_status.csv": (talkdesk, "Talkdesk Explore, user status report", "'duration' seconds with no unit"),
    "amazon_connect_agent_events.csv": (amazon_connect, "Amazon Connect admin guide, agent event streams", "epoch ms; DurationSeconds compound"),
    "deputy_timesheets.csv": (deputy, "Deputy help, Export Timesheets CSV - All fields", "Mealbreak HH:MM:SS; Total Cost"),
    "when_i_work_timesheets.csv": (when_i_work, "When I Work help, timesheet exports", "no hours column: start-end minus break"),
    "homebase_timesheets.csv": (homebase, "Homebase help, timesheet export", "Last name first; 12-hour clock; wages"),
    "clockify_kiosk.csv": (clockify_kiosk, "Clockify help, kiosk/time clock reports", "Break (h) and Work time (h)"),
    "bamboohr_time.csv": (bamboohr, "BambooHR help, time tracking export", "'Hours Worked'; employee number"),
    "adp_timecard.csv": (adp, "ADP Workforce Now timecard export", "'Last, First'; punches '09:15AM'; pay codes"),
    "sap_cats_de.csv": (sap_cats, "SAP help, CATS time sheet (CADO) fields", "German; ';'; cp1252; Leistungsart"),
    "dynamics_time_entries.csv": (dynamics, "Microsoft Learn, msdyn_timeentry duration in minutes", "'Duration' in minutes, unsaid"),
    "odoo_timesheets_fr.csv": (odoo_fr, "Odoo docs, Timesheets export (French UI)", "'Durée (heure(s))'; decimal comma"),
    "netsuite_time.csv": (netsuite, "NetSuite help, time tracking saved search", "'Customer:Project'; H:MM"),
    "hoja_horas_es.csv": (spanish_sheet, "hand-made (Spanish)", "'Horas trabajadas'; cp1252"),
    "urenregistratie_nl.csv": (dutch_sheet, "hand-made (Dutch)", "'Duur (min)'"),
    "vykaz_prace_cs.csv": (czech_sheet, "hand-made (Czech)", "'Odpracováno (h)'"),
    "zeiterfassung_minuten_de.csv": (german_minutes_sheet, "hand-made (German)", "'Tag' as the date; 'Dauer in Min.'"),
    "feuille_de_temps_fr.csv": (french_sheet, "hand-made (French)", "'Temps passé' written 1h25"),
}


def main() -> None:
    n = write_files(OUT, ((name, data, {**t, "source": source, "hard": hard})
                          for name, (maker, source, hard) in CORPUS.items() for data, t in [maker(name)]))
    print(f"wrote {n} files to {OUT}")


if __name__ == "__main__":
    main()
