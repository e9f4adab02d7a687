"""Writes tests/unseen/: exports of the issue's families in shapes no other fixture has, each with its truth.

A stand-in for the maintainers' hidden set ("members of each family you have not seen"), written
before looking at how the reader handles them. Each maker names the tool or habit it follows and
where that was read (help pages, API docs); the rows are made up here, seeded, and
`NAME.truth.json` is computed from the entries the maker wrote, never by reading the file back.

Truth fields beyond the corpus' (total_hours, rows, people, date_range, hours_by_label):
  family      which of the issue's families the file is a member of
  source      where the format comes from; hard: what makes it hard
  set_aside   rows a careful reader keeps out of the log (far dates), listed with their reason
  asks        when the file truly cannot say something: why (the reader may ask one question then)
  kind, people_known, weekly_detail   for a summary: what the reader must say it does not know

    .venv/bin/python -m tests.make_unseen     # rewrites tests/unseen/
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl

from tests.fixture_files import Entry, book_bytes, csv_text, write_files

OUT = Path(__file__).resolve().parent / "unseen"
PEOPLE = ["Giulia Rossi", "Jan de Vries", "Marta Nowak", "João Pereira", "Lucía Fernández", "Siobhán Byrne"]
EPOCH = dt.datetime(1970, 1, 1)
WRITTEN = dt.datetime(2026, 4, 1)  # the workbooks' dates, fixed so the bytes are too


def make(seed: str, labels: list[str], people: int = 4, days: int = 10, first: dt.date = dt.date(2026, 3, 2),
         step: int = 60, per_day: tuple[int, int] = (2, 5), long: tuple[int, int] = (1800, 9000),
         names: list[str] = PEOPLE) -> list[Entry]:
    """Working days from `first`; each person a few entries a day in whole `step` seconds, back to back."""
    rng = random.Random(seed)
    out, day, seen = [], first, 0
    while seen < days:
        if day.weekday() < 5:
            seen += 1
            for person in names[:people]:
                clock = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=15 * rng.randint(0, 4))
                for _ in range(rng.randint(*per_day)):
                    seconds = step * rng.randint(max(1, long[0] // step), long[1] // step)
                    out.append(Entry(day, person, rng.choice(labels), seconds, clock))
                    clock += dt.timedelta(seconds=seconds + 300 * rng.randint(0, 3))
        day += dt.timedelta(days=1)
    return out


def shifts(seed: str, labels: list[str], people: int = 4, days: int = 8, first: dt.date = dt.date(2026, 3, 2),
           breaks: tuple[int, ...] = (0, 30, 45), names: list[str] = PEOPLE) -> list[tuple[Entry, int]]:
    """One shift a person-day in quarter hours, 6-10 h long, with its unpaid break in minutes; the entry's
    seconds are the time worked (the shift less the break)."""
    rng = random.Random(seed)
    out, day, seen = [], first, 0
    while seen < days:
        if day.weekday() < 5:
            seen += 1
            for person in names[:people]:
                start = dt.datetime.combine(day, dt.time(6, 0)) + dt.timedelta(minutes=15 * rng.randint(0, 16))
                length = 900 * rng.randint(24, 40)
                brk = rng.choice(breaks)
                out.append((Entry(day, person, rng.choice(labels), length - 60 * brk, start), brk))
        day += dt.timedelta(days=1)
    return out


def dec(x: float, comma: bool = False, places: int = 4) -> str:
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def hm(s: int) -> str:
    return f"{s // 3600}:{s // 60 % 60:02d}"


def truth(entries: list[Entry], person: Callable[[Entry], str] = lambda e: e.person,
          label: Callable[[Entry], str] = lambda e: e.label, **extra: object) -> dict:
    by_label: dict[str, float] = defaultdict(float)
    for e in entries:
        by_label[label(e)] += e.hours
    return {"total_hours": round(sum(e.hours for e in entries), 4), "rows": len(entries),
            "people": sorted({person(e) for e in entries}),
            "date_range": [min(e.day for e in entries).isoformat(), max(e.day for e in entries).isoformat()],
            "hours_by_label": {k: round(v, 4) for k, v in sorted(by_label.items())}, **extra}


Made = tuple[bytes, dict]
NO_CATEGORY = "(no category)"


# --- 1. a unit written in the duration column's name --------------------------------------------------

def zeit_h_de(seed: str) -> Made:
    """German consultancy's monthly report: 'Zeit [h]' in square brackets, decimal commas, Leistung."""
    es = make(seed, ["Beratung", "Entwicklung", "Projektleitung", "Interne Abstimmung"], step=360)
    rows = [["Mitarbeiter", "Datum", "Kunde", "Leistung", "Bemerkung", "Zeit [h]"]]
    rows += [[e.person, e.day.strftime("%d.%m.%Y"), "Stadtwerke Nord", e.label, "", dec(e.hours, comma=True)]
             for e in es]
    return csv_text(rows, ";").encode("utf-8-sig"), truth(es)


def dauer_min_at(seed: str) -> Made:
    """Austrian team sheet: the unit after a slash ('Dauer/Min'), ISO dates, 'Bearbeiter:in'."""
    es = make(seed, ["Kundenanfragen", "Rechnungsprüfung", "Schulung", "Teambesprechung"], step=60)
    rows = [["Datum", "Bearbeiter:in", "Thema", "Dauer/Min"]]
    rows += [[e.day.isoformat(), e.person, e.label, e.seconds // 60] for e in es]
    return csv_text(rows, ";").encode(), truth(es)


def gitlab_timelogs(seed: str) -> Made:
    """GitLab timelogs (GraphQL: spentAt, timeSpent in seconds, user, issue) dumped by a script with short
    snake_case names: 'dur_s', ISO timestamps with a +02:00 offset, the issue's label as category."""
    es = make(seed, ["bug", "feature", "support", "review"], step=1, long=(900, 10800))
    rows = [["spent_at", "username", "issue_iid", "issue_title", "label", "dur_s"]]
    rows += [[e.start.strftime("%Y-%m-%dT%H:%M:%S+02:00"), e.email.split("@")[0], 100 + i, "Fix the import", e.label,
              e.seconds] for i, e in enumerate(es)]
    return csv_text(rows, newline="\n").encode(), truth(es, person=lambda e: e.email.split("@")[0])


def preamble_tiempo_hhmm_es(seed: str) -> Made:
    """Spanish attendance-and-projects report (Factorial-style 'Tiempo (hh:mm)'), below a preamble of 31 lines:
    company, period, filters, generated-at and one total per employee that looks like a data row."""
    es = make(seed, ["Atención al cliente", "Facturación", "Formación", "Reuniones internas"], step=60,
              names=["Lucía Fernández", "Javier Gómez", "Ana Martín", "Pablo Ruiz"])
    pre = [["Informe de horas por proyecto"], ["Empresa", "Servicios Levante S.L."],
           ["Periodo", "02/03/2026 - 13/03/2026"], ["Generado el", "16/03/2026 08:02"],
           ["Filtros", "Equipo = Soporte; Estado = aprobado"], [""], ["Totales por empleado"]]
    for person in sorted({e.person for e in es}):
        pre.append([person, hm(sum(e.seconds for e in es if e.person == person))])
    pre += [[""]] + [[f"Nota {i}: las horas se redondean al minuto"] for i in range(17)] + [[""]]
    rows = pre + [["Empleado", "Fecha", "Proyecto", "Tiempo (hh:mm)"]]
    rows += [[e.person, e.day.strftime("%d/%m/%Y"), e.label, f"{e.seconds // 3600:02d}:{e.seconds // 60 % 60:02d}"]
             for e in es]
    return csv_text(rows, ";").encode(), truth(es)


def uren_nl(seed: str) -> Made:
    """Dutch hours export (Simplicate/Shiftbase-style columns): 'Uren' with decimal commas, 'Dienst' is the
    service (the category), a 'Totaal' footer, blank lines, and NUL bytes padding the end (a broken copy)."""
    es = make(seed, ["Klantcontact", "Facturatie", "Inwerken collega's", "Werkoverleg"], step=900,
              names=["Jan de Vries", "Sanne Bakker", "Daan Visser", "Eva Smit"])
    rows = [["Medewerker", "Datum", "Project", "Dienst", "Uren", "Opmerking"]]
    rows += [[e.person, e.day.strftime("%d-%m-%Y"), "Servicedesk", e.label, dec(e.hours, comma=True), ""] for e in es]
    rows += [[""], ["Totaal", "", "", "", dec(sum(e.hours for e in es), comma=True), ""], [""], [""]]
    return csv_text(rows, ";").encode() + b"\x00" * 512, truth(es)


def durata_ms_it(seed: str) -> Made:
    """Italian contact-centre state log: 'Operatore', 'Stato', 'Durata (ms)', date and time apart."""
    es = make(seed, ["Disponibile", "In chiamata", "Post-chiamata", "Pausa"], step=1, per_day=(6, 12),
              long=(120, 3600), names=["Giulia Rossi", "Marco Bianchi", "Chiara Ricci", "Luca Romano"])
    rows = [["Data", "Ora inizio", "Operatore", "Stato", "Durata (ms)"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.start.strftime("%H:%M:%S"), e.person, e.label, e.seconds * 1000]
             for e in es]
    return csv_text(rows, ";").encode(), truth(es)


def czas_pracy_pl(seed: str) -> Made:
    """Polish hand-kept sheet in Windows-1250: 'Czas pracy (godz.)', 'Pracownik', 'Zadanie'."""
    es = make(seed, ["Obsługa klienta", "Księgowość", "Szkolenie", "Spotkanie zespołu"], step=900,
              names=["Marta Nowak", "Łukasz Wójcik", "Małgorzata Żak", "Paweł Kowalczyk"])
    rows = [["Data", "Pracownik", "Zadanie", "Czas pracy (godz.)"]]
    rows += [[e.day.strftime("%d.%m.%Y"), e.person, e.label, dec(e.hours, comma=True)] for e in es]
    return csv_text(rows, ";").encode("cp1250"), truth(es)


def munkaido_hu(seed: str) -> Made:
    """Hungarian sheet in ISO-8859-2: 'Dátum', 'Név', 'Feladat', 'Idő (óra)' with decimal commas."""
    es = make(seed, ["Ügyfélszolgálat", "Számlázás", "Betanítás", "Megbeszélés"], step=900,
              names=["Kovács Gergő", "Szabó Zsófia", "Tóth Bence", "Horváth Lőrinc"])
    rows = [["Dátum", "Név", "Feladat", "Idő (óra)"]]
    rows += [[e.day.strftime("%Y.%m.%d."), e.person, e.label, dec(e.hours, comma=True)] for e in es]
    return csv_text(rows, ";").encode("iso-8859-2"), truth(es)


# --- 2. a vendor's own name, where the values make the role obvious ------------------------------------

def nice_iex_summary(seed: str) -> Made:
    """NICE IEX WFM 'Agent Activity Summary' export (help.incontact.com): pipe-delimited, mmddyyyy dates,
    IDs first, the agent 'Last, First', minutes per activity code in a column named only 'minutes'."""
    es = make(seed, ["OPEN", "PHONE", "EMAIL", "BREAK", "MEETING"], step=60, per_day=(3, 6), long=(900, 7200),
              names=["Rossi Giulia", "Byrne Siobhan", "Nowak Marta", "Pereira Joao"])
    rows = [["date", "TZ", "custID", "muID", "tvID", "logonID", "agentName", "actCode", "minutes"]]
    ids = {p: 4100 + i for i, p in enumerate(sorted({e.person for e in es}))}
    rows += [[e.day.strftime("%m%d%Y"), "ET", 1, 12, ids[e.person], 71000 + ids[e.person],
              f"{e.person.split()[0]}, {e.person.split()[1]}", e.label, e.seconds // 60] for e in es]
    return csv_text(rows, "|").encode(), truth(es, person=lambda e: f"{e.person.split()[0]}, {e.person.split()[1]}")


def workday_time_blocks(seed: str) -> Made:
    """Workday time blocks report (Workday REST timeBlock: worker, date, timeCode, hours): 'Worker',
    'Reported Date', 'Time Type', and the hours in 'Quantity' beside 'Unit of Time'."""
    es = make(seed, ["Regular", "Training", "Project Work", "Admin"], step=900, per_day=(1, 3), long=(3600, 18000))
    rows = [["Worker", "Reported Date", "Time Type", "Quantity", "Unit of Time", "Status"]]
    rows += [[e.person, e.day.strftime("%m/%d/%Y"), e.label, dec(e.hours), "Hours", "Approved"] for e in es]
    return csv_text(rows).encode(), truth(es)


def primavera_actuals(seed: str) -> Made:
    """Oracle Primavera P6 resource assignments exported to Excel: 'Resource', 'Activity Name', the day as
    'Actual Start', the hours as 'Actual Units' (a vendor word for time that says nothing of it)."""
    es = make(seed, ["Design review", "Site inspection", "Drawings", "Coordination"], step=1800, per_day=(1, 3),
              long=(3600, 14400))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "TASKRSRC"
    ws.append(["Activity ID", "Activity Name", "Resource", "Actual Start", "Actual Units"])
    for i, e in enumerate(es):
        ws.append([f"A{1000 + i}", e.label, e.person, e.start, e.hours])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(es)


def clio_activities(seed: str) -> Made:
    """Clio (legal practice) activities export: 'Matter' is what the time is for, 'Quantity' is hours in
    tenths, 'Rate' and 'Total' are money, the person is the 'User'."""
    es = make(seed, ["Smith v. Jones", "Estate of Clarke", "Harbour Lease", "General advice"], step=360,
              per_day=(2, 6), long=(360, 7200))
    rows = [["Type", "Date", "User", "Matter", "Description", "Quantity", "Rate", "Total", "Billed"]]
    rows += [["TimeEntry", e.day.strftime("%m/%d/%Y"), e.person, e.label, "Drafting", dec(e.hours, places=1), "250.00",
              f"{e.hours * 250:.2f}", "No"] for e in es]
    return csv_text(rows).encode(), truth(es, not_summed=["Rate", "Total"])


def labor_bookings_qty(seed: str) -> Made:
    """A plant's ERP labour confirmations: 'Operator', 'Work Center', 'Posting Date', the time in 'Qty'
    with 'UoM' = HR beside it, and a scrap count (a number that is not time)."""
    es = make(seed, ["Assembly", "Painting", "Packing", "Quality check"], step=900, per_day=(1, 3), long=(3600, 14400),
              names=["Tomasz Lewandowski", "Ahmet Demir", "Nina Petrović", "Oliver Hughes"])
    rng = random.Random(seed)
    rows = [["Posting Date", "Order", "Operation", "Work Center", "Operator", "Qty", "UoM", "Scrap"]]
    rows += [[e.day.strftime("%Y-%m-%d"), f"PO{5000 + i}", "0010", e.label, e.person, dec(e.hours, places=2), "HR",
              rng.randint(0, 4)] for i, e in enumerate(es)]
    return csv_text(rows).encode(), truth(es, not_summed=["Scrap"])


def twilio_worker_events(seed: str) -> Made:
    """Twilio TaskRouter worker activity events, flattened: the person only as an e-mail in 'Worker ID',
    'Stamp' in epoch seconds, the time in the state in 'Elapsed' (seconds, no unit)."""
    es = make(seed, ["Available", "Busy", "Break", "Offline Training"], step=1, per_day=(6, 12), long=(300, 3600))
    rows = [["Worker ID", "Activity", "Stamp", "Elapsed"]]
    rows += [[e.email, e.label, int((e.start - EPOCH).total_seconds()), e.seconds] for e in es]
    return csv_text(rows).encode(), truth(es, person=lambda e: e.email)


def login_occurred_utf16be(seed: str) -> Made:
    """A Java-based dialler's agent log, written as UTF-16 big-endian with no BOM: 'Login' handles,
    'Occurred' in epoch milliseconds, 'Duration' written M:SS (contact-centre habit), tab-separated."""
    es = make(seed, ["Ready", "Talking", "Wrap", "Not Ready"], step=1, per_day=(8, 14), long=(60, 1500))
    rows = [["Login", "Occurred", "State", "Duration"]]
    handle = {e.person: e.email[0] + e.email.split("@")[0].split(".")[-1] for e in es}
    rows += [[handle[e.person], int((e.start - EPOCH).total_seconds() * 1000), e.label,
              f"{e.seconds // 60}:{e.seconds % 60:02d}"] for e in es]
    return csv_text(rows, "\t").encode("utf-16-be"), truth(es, person=lambda e: handle[e.person])


def azure_devops_effort(seed: str) -> Made:
    """An Azure DevOps query of completed tasks exported to CSV: 'Assigned To' as 'Name <e-mail>',
    the day in 'Closed Date', hours in 'Effort', the category in 'Activity'."""
    es = make(seed, ["Development", "Testing", "Documentation", "Deployment"], step=1800, per_day=(1, 3),
              long=(1800, 14400))
    rows = [["ID", "Work Item Type", "Title", "Assigned To", "Activity", "Closed Date", "Effort"]]
    rows += [[7000 + i, "Task", "Task", f"{e.person} <{e.email}>", e.label, e.start.strftime("%m/%d/%Y %I:%M:%S %p"),
              dec(e.hours)] for i, e in enumerate(es)]
    return csv_text(rows).encode("utf-8-sig"), truth(es)


# --- 3. a header that starts with a comment marker, or sits below a preamble ----------------------------

def slash_comment_header(seed: str) -> Made:
    """A shell script's export with '//' notes, the header itself commented ('// day,who,tag,secs')."""
    es = make(seed, ["ops", "oncall", "docs", "meetings"], step=1, long=(600, 9000))
    lines = ["// timelog export v0.4 (cron, nightly)", "// source: /var/lib/timelog/entries.db",
             f"// rows: {len(es)}", "// day,who,tag,secs"]
    body = csv_text([[e.day.isoformat(), e.email.split("@")[0], e.label, e.seconds] for e in es], newline="\n")
    return ("\n".join(lines) + "\n" + body).encode(), truth(es, person=lambda e: e.email.split("@")[0])


def semicolon_comment_tabbed(seed: str) -> Made:
    """A PBX reporting tool's tab-separated dump: INI-style ';' notes, the header marked '; ' too, minutes."""
    es = make(seed, ["Inbound", "Outbound", "Callback", "Training"], step=60, per_day=(3, 6), long=(600, 5400))
    lines = ["; Agent time report", "; Exported 2026-03-14 06:00", "; Site: Rotterdam", "; Agent\tDate\tQueue\tMinutes"]
    body = csv_text([[e.person, e.day.strftime("%d-%m-%Y"), e.label, e.seconds // 60] for e in es], "\t")
    return ("\r\n".join(lines) + "\r\n" + body).encode(), truth(es)


def kronos_pay_code_report(seed: str) -> Made:
    """A UKG (Kronos) style pay-code report: 24 lines of report header (time period, hyperfind, run date, totals),
    'Last, First' names, 'Apply Date', 'Pay Code', trailing empty rows of commas."""
    es = make(seed, ["Regular", "Overtime", "Training", "Vacation"], step=900, per_day=(1, 2), long=(7200, 28800),
              names=["Amy Walsh", "Kofi Mensah", "Priya Nair", "Diego Alvarez"])
    pre = [["Pay Code Actions Detail"], [""], ["Time Period:", "3/02/2026 - 3/13/2026"], ["Hyperfind:", "All Home"],
           ["Run Date:", "3/16/2026 7:15 AM"], ["Run By:", "SUPERVISOR01"], [""], ["Totals"],
           ["Total Employees:", "4"], ["Total Hours:", dec(sum(e.hours for e in es), places=2)],
           ["Total Amount:", f"{sum(e.hours for e in es) * 21.5:.2f}"]]
    pre += [[f"Selection criterion {i}: (all)"] for i in range(11)] + [[""], [""]]
    rows = pre + [["Employee Name", "Employee ID", "Apply Date", "Pay Code", "Hours", "Wage Amount"]]
    ids = {p: f"{900 + i}" for i, p in enumerate(sorted({e.person for e in es}))}
    rows += [[f"{e.last}, {e.first}", ids[e.person],
              f"{e.day.month}/{e.day.day:02d}/{e.day.year}", e.label, dec(e.hours, places=2),
              f"{e.hours * 21.5:.2f}"] for e in es]
    rows += [["", "", "", "", "", ""]] * 3
    return csv_text(rows).encode(), truth(es, person=lambda e: f"{e.last}, {e.first}", not_summed=["Wage Amount"])


# --- 4. a header written over two rows -----------------------------------------------------------------

def stundennachweis_two_rows(seed: str) -> Made:
    """German workbook with group cells merged over the header: 'Mitarbeiter' over Name/Vorname, 'Einsatz' over
    Datum/Projekt, 'Dauer' over 'Std.' and 'Min.' (the time in two parts, named only by the group)."""
    es = make(seed, ["Kundenservice", "Abrechnung", "Einarbeitung", "Besprechung"], step=300,
              names=["Anna Schmidt", "Jonas Becker", "Lena Wagner", "Felix Hoffmann"])
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Nachweis"
    ws.append(["Mitarbeiter", None, "Einsatz", None, "Dauer", None])
    ws.append(["Name", "Vorname", "Datum", "Projekt", "Std.", "Min."])
    for cells in ("A1:B1", "C1:D1", "E1:F1"):
        ws.merge_cells(cells)
    for e in es:
        ws.append([e.last, e.first, e.day, e.label, e.seconds // 3600, e.seconds // 60 % 60])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(es)


def dienst_two_rows_nl(seed: str) -> Made:
    """Dutch shift export as CSV, the merged group row left as blanks: 'Medewerker' over Naam/Afdeling,
    'Dienst' over Datum/Begin/Eind/Pauze (min); no hours column: the shift less its unpaid break."""
    ss = shifts(seed, ["Kassa", "Magazijn", "Klantenservice"], names=["Jan de Vries", "Sanne Bakker", "Daan Visser",
                                                                      "Eva Smit"])
    rows = [["Medewerker", "", "Dienst", "", "", ""], ["Naam", "Afdeling", "Datum", "Begin", "Eind", "Pauze (min)"]]
    rows += [[e.person, e.label, e.day.strftime("%d-%m-%Y"), e.start.strftime("%H:%M"),
              (e.end + dt.timedelta(minutes=brk)).strftime("%H:%M"), brk] for e, brk in ss]
    return csv_text(rows, ";").encode(), truth([e for e, _ in ss])


# --- 5. one worksheet per person, per week or per month -------------------------------------------------

def sheet_per_week_days(seed: str) -> Made:
    """One tab per week named 'Week of 2 Mar 2026'; rows name only the weekday ('Mon'): the date needs the tab."""
    es = make(seed, ["Support", "Billing", "Training", "Meetings"], step=900, days=15)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for monday in sorted({e.day - dt.timedelta(days=e.day.weekday()) for e in es}):
        ws = book.create_sheet(f"Week of {monday.day} {monday:%b %Y}")
        ws.append(["Day", "Name", "Task", "Hours"])
        for e in es:
            if e.day - dt.timedelta(days=e.day.weekday()) == monday:
                ws.append([e.day.strftime("%a"), e.person, e.label, e.hours])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(es)


def sheet_per_person_last_first(seed: str) -> Made:
    """One tab per person named 'Last, First', no person column, a total row on each, a summary tab last."""
    es = make(seed, ["Client calls", "Case notes", "Supervision", "Admin"], step=300)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for person in sorted({e.person for e in es}):
        ws = book.create_sheet(f"{person.split(' ', 1)[1]}, {person.split(' ', 1)[0]}")
        ws.append(["Date", "Work", "Time (h:mm)"])
        mine = [e for e in es if e.person == person]
        for e in mine:
            ws.append([e.day, e.label, hm(e.seconds)])
        ws.append(["Total", None, hm(sum(e.seconds for e in mine))])
    summary = book.create_sheet("Summary")
    summary.append(["Person", "Hours"])
    for person in sorted({e.person for e in es}):
        summary.append([person, round(sum(e.hours for e in es if e.person == person), 2)])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(es, person=lambda e: f"{e.person.split(' ', 1)[1]}, {e.person.split(' ', 1)[0]}")


def sheet_per_month_it(seed: str) -> Made:
    """Italian workbook, one tab per month named in Italian ('Febbraio 2026'), the same columns on each."""
    es = make(seed, ["Assistenza clienti", "Fatturazione", "Formazione", "Riunioni"], step=900, days=25,
              first=dt.date(2026, 2, 16), names=["Giulia Rossi", "Marco Bianchi", "Chiara Ricci"], people=3)
    months = {2: "Febbraio", 3: "Marzo"}
    book = openpyxl.Workbook()
    book.remove(book.active)
    for month in sorted({e.day.month for e in es}):
        ws = book.create_sheet(f"{months[month]} 2026")
        ws.append(["Data", "Dipendente", "Attività", "Ore"])
        for e in es:
            if e.day.month == month:
                ws.append([e.day, e.person, e.label, e.hours])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(es)


# --- 6. a weekday grid whose week is on each row ---------------------------------------------------------

def _grid_entries(seed: str, mondays: list[dt.date], days: int, labels: list[str], names: list[str]
                  ) -> list[tuple[dt.date, str, str, list[int]]]:
    rng = random.Random(seed)
    out = []
    for monday in mondays:
        for person in names:
            for label in rng.sample(labels, 2):
                out.append((monday, person, label, [1800 * rng.choice([0, 1, 2, 4, 6, 8]) for _ in range(days)]))
    return out


def grid_entries(grid: list[tuple[dt.date, str, str, list[int]]]) -> list[Entry]:
    return [Entry(monday + dt.timedelta(days=d), person, label, s, dt.datetime.combine(monday, dt.time(9)))
            for monday, person, label, secs in grid for d, s in enumerate(secs) if s]


def semana_grid_es(seed: str) -> Made:
    """Spanish weekly grid: the week as an ISO week ('2026-W10') on each row, Lun..Vie in Spanish, a Total."""
    grid = _grid_entries(seed, [dt.date(2026, 3, 2), dt.date(2026, 3, 9), dt.date(2026, 3, 16)], 5,
                         ["Soporte", "Facturación", "Formación", "Reuniones"], ["Lucía Fernández", "Javier Gómez"])
    rows = [["Semana", "Empleado", "Proyecto", "Lun", "Mar", "Mié", "Jue", "Vie", "Total"]]
    for monday, person, label, secs in grid:
        year, week, _ = monday.isocalendar()
        rows.append([f"{year}-W{week:02d}", person, label, *[dec(s / 3600, comma=True) if s else "" for s in secs],
                     dec(sum(secs) / 3600, comma=True)])
    return csv_text(rows, ";").encode(), truth(grid_entries(grid))


def week_ending_grid(seed: str) -> Made:
    """US weekly timesheet workbook: 'Week Ending' (the Sunday) on each row, Mon..Sun hours, a Total column."""
    mondays = [dt.date(2026, 3, 2), dt.date(2026, 3, 9), dt.date(2026, 3, 16)]
    grid = _grid_entries(seed, mondays, 7, ["Install", "Repair", "Travel", "Shop time"],
                         ["Amy Walsh", "Kofi Mensah", "Diego Alvarez"])
    grid = [(m, p, lab, [*s[:5], s[5] if s[5] <= 3600 else 0, 0]) for m, p, lab, s in grid]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Timesheets"
    ws.append(["Week Ending", "Technician", "Job Type", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Total"])
    for monday, person, label, secs in grid:
        ws.append([monday + dt.timedelta(days=6), person, label, *[s / 3600 for s in secs], sum(secs) / 3600])
    return book_bytes(book, "storykit unseen set", WRITTEN), truth(grid_entries(grid))


# --- 7. shifts with start, end and an unpaid break --------------------------------------------------------

def planday_punch_clock(seed: str) -> Made:
    """Planday punch clock export (support.planday.com: Punch time, Start, Finish, Break): Break as H:MM,
    one night shift crossing midnight per person, no hours column."""
    ss = shifts(seed, ["Bar", "Kitchen", "Floor"], names=["Emma Larsen", "Mads Jensen", "Sofie Nielsen", "Oscar Berg"])
    night = [(replace(e, start=dt.datetime.combine(e.day, dt.time(22, 0))), brk) for e, brk in ss[::9]]
    ss = [x for i, x in enumerate(ss) if i % 9] + night
    rows = [["Employee", "Department", "Date", "Start", "Finish", "Break", "Shift type"]]
    rows += [[e.person, e.label, e.day.strftime("%d.%m.%Y"), e.start.strftime("%H:%M"),
              (e.end + dt.timedelta(minutes=brk)).strftime("%H:%M"), f"{brk // 60}:{brk % 60:02d}", "Normal"]
             for e, brk in sorted(ss, key=lambda x: (x[0].day, x[0].person))]
    return csv_text(rows).encode(), truth([e for e, _ in ss])


def ponto_mac_roman_pt(seed: str) -> Made:
    """Brazilian 'espelho de ponto' from an old Mac: Mac Roman, CR line ends; Entrada/Saída, 'Intervalo (min)'
    unpaid, the department ('Setor') as category, no hours column."""
    ss = shifts(seed, ["Atendimento", "Cobrança", "Expedição"], breaks=(60, 60, 30),
                names=["João Pereira", "Conceição Araújo", "Sebastião Gonçalves", "Inês Simões"])
    rows = [["Colaborador", "Setor", "Data", "Entrada", "Saída", "Intervalo (min)"]]
    rows += [[e.person, e.label, e.day.strftime("%d/%m/%Y"), e.start.strftime("%H:%M"),
              (e.end + dt.timedelta(minutes=brk)).strftime("%H:%M"), brk] for e, brk in ss]
    return csv_text(rows, ";", newline="\r").encode("mac_roman"), truth([e for e, _ in ss])


# --- 8. people written other ways; a category named after what it holds ------------------------------------

def zammad_time_units(seed: str) -> Made:
    """Zammad time accounting (docs.zammad.org: time_unit in 'whichever unit your colleagues use'): 'Agent',
    'Time Units' in minutes with no unit said, 'Created at' timestamps, the ticket 'Group' as category."""
    es = make(seed, ["1st Level", "2nd Level", "Billing", "Sales"], step=300, per_day=(5, 12), long=(300, 3600))
    rows = [["Ticket#", "Title", "Customer", "Agent", "Time Units", "Created at", "Group"]]
    rows += [[f"{31000 + i}", "Login problem", "acme", e.person, f"{e.seconds / 60:.1f}",
              e.start.strftime("%Y-%m-%d %H:%M:%S UTC"), e.label] for i, e in enumerate(es)]
    return csv_text(rows).encode(), truth(es)


# --- 9./10. dates that do not belong, an all-zero log, a summary without people ----------------------------

def far_dates_jira(seed: str) -> Made:
    """A Jira worklog export where two rows carry impossible dates: 1970-01-01 (a null epoch) and 2062 (a typo)."""
    es = make(seed, ["HELP", "OPS", "DEV", "MEET"], step=60)
    rows = [["Issue Key", "Author", "Started", "Time Spent (h)", "Project"]]
    rows += [[f"{e.label}-{10 + i}", e.person, e.start.strftime("%Y-%m-%d %H:%M"), dec(e.hours), e.label]
             for i, e in enumerate(es)]
    rows.insert(9, ["HELP-9001", PEOPLE[0], "1970-01-01 00:00", "1.5", "HELP"])
    rows.insert(31, ["OPS-9002", PEOPLE[1], "2062-03-05 10:00", "2", "OPS"])
    return csv_text(rows).encode(), truth(es, set_aside=2)


def all_zero_template(seed: str) -> Made:
    """A team template filled with people, days and tasks whose hours were never entered: every hour is 0."""
    es = make(seed, ["Support", "Projects", "Admin"], step=3600, per_day=(1, 2), long=(3600, 3600))
    es = [replace(e, seconds=0) for e in es]
    rows = [["Date", "Employee", "Task", "Hours"]]
    rows += [[e.day.strftime("%d/%m/%Y"), e.person, e.label, "0"] for e in es]
    return csv_text(rows).encode(), truth(es, asks="every hour is 0: the file cannot say whether the time was never "
                                                   "entered or sits in a column it does not have")


def summary_by_project(seed: str) -> Made:
    """A Clockify-style summary report grouped by project: the period only in its preamble, no people, the time
    as H:MM:SS and as decimal hours, an amount in money, a total row."""
    rng = random.Random(seed)
    labels = ["Customer support", "Billing", "Onboarding", "Internal meetings", "Training"]
    secs = {label: 60 * rng.randint(600, 6000) for label in labels}
    rows = [["Summary report"], ["01/03/2026 - 31/03/2026"], ["Group by: Project"], [""],
            ["Project", "Client", "Time (h)", "Time (decimal)", "Amount (EUR)"]]
    rows += [[label, "Internal", f"{s // 3600}:{s // 60 % 60:02d}:00", dec(s / 3600, places=2),
              f"{s / 3600 * 40:.2f}"] for label, s in secs.items()]
    total = sum(secs.values())
    rows.append(["Total", "", f"{total // 3600}:{total // 60 % 60:02d}:00", dec(total / 3600, places=2),
                 f"{total / 3600 * 40:.2f}"])
    return csv_text(rows).encode(), {
        "total_hours": round(total / 3600, 4), "rows": len(labels), "people": ["(everyone)"],
        "date_range": ["2026-03-01", "2026-03-31"],
        "hours_by_label": {k: round(v / 3600, 4) for k, v in sorted(secs.items())},
        "kind": "summary", "people_known": False, "weekly_detail": False}


UNSEEN: dict[str, tuple[Callable[[str], Made], str, str, str]] = {
    # file: (maker, family, source of the format, what is hard about it)
    "zeit_h_monatsbericht.csv": (zeit_h_de, "unit in the name", "habit: German consultancies' monthly reports",
                                 "'Zeit [h]' in square brackets; 'Leistung'; UTF-8 BOM; decimal commas"),
    "dauer_min_team.csv": (dauer_min_at, "unit in the name", "habit: Austrian team sheet",
                           "'Dauer/Min' unit after a slash; 'Bearbeiter:in'"),
    "gitlab_timelogs_dump.csv": (gitlab_timelogs, "unit in the name",
                                 "GitLab GraphQL timelogs (spentAt, timeSpent seconds, user)",
                                 "'dur_s'; timestamps with +02:00; usernames"),
    "informe_horas_preambulo.csv": (preamble_tiempo_hhmm_es, "preamble", "Factorial/Spanish attendance reports",
                                    "31-line preamble with per-person totals; 'Tiempo (hh:mm)'"),
    "urenexport_dienst.csv": (uren_nl, "unit in the name", "Simplicate/Shiftbase help (Dutch columns)",
                              "'Uren'; 'Dienst' is the category; Totaal footer; NUL padding at the end"),
    "stati_operatori_ms.csv": (durata_ms_it, "unit in the name", "habit: Italian contact-centre state log",
                               "'Durata (ms)'; 'Operatore'; date and time apart"),
    "czas_pracy_cp1250.csv": (czas_pracy_pl, "encodings", "habit: Polish hand-kept sheet",
                              "Windows-1250; 'Czas pracy (godz.)'; 'Pracownik'; 'Zadanie'"),
    "munkaido_iso8859_2.csv": (munkaido_hu, "encodings", "habit: Hungarian hand-kept sheet",
                               "ISO-8859-2; Hungarian words only; 'YYYY.MM.DD.' dates; 'Idő (óra)'"),
    "agentActivitySummary_031626_0600.txt": (nice_iex_summary, "vendor names",
                                             "NICE IEX WFM Agent Activity Summary export (help.incontact.com)",
                                             "pipe; mmddyyyy; 'Last, First' agentName; IDs; 'minutes'"),
    "workday_time_blocks.csv": (workday_time_blocks, "vendor names", "Workday time block (worker, date, timeCode)",
                                "hours in 'Quantity' beside 'Unit of Time'; 'Worker'; 'Time Type'"),
    "p6_resource_actuals.xlsx": (primavera_actuals, "vendor names", "Oracle Primavera P6 resource assignments",
                                 "'Resource'; 'Actual Units' hours; 'Actual Start' datetimes"),
    "clio_activities.csv": (clio_activities, "vendor names", "Clio activities export (legal)",
                            "'Matter' category; 'Quantity' hours in tenths; Rate/Total money"),
    "labor_confirmations_qty.csv": (labor_bookings_qty, "vendor names", "habit: ERP/MES labour confirmations",
                                    "'Operator'; 'Qty' with UoM=HR; 'Work Center' category; Scrap count"),
    "taskrouter_worker_events.csv": (twilio_worker_events, "vendor names", "Twilio TaskRouter worker events",
                                     "e-mail only 'Worker ID'; 'Stamp' epoch s; 'Elapsed' seconds unsaid"),
    "dialler_agent_log_utf16be.txt": (login_occurred_utf16be, "encodings", "habit: Java dialler agent log",
                                      "UTF-16BE without BOM; 'Login' handles; 'Occurred' epoch ms; M:SS"),
    "azure_devops_tasks.csv": (azure_devops_effort, "vendor names", "Azure DevOps query export (Effort, Activity)",
                               "'Name <e-mail>' in 'Assigned To'; 'Closed Date' AM/PM; 'Effort' hours"),
    "timelog_slash_comments.csv": (slash_comment_header, "comment marker", "habit: a cron script's dump",
                                   "'//' notes and header; 'secs'; LF"),
    "pbx_agent_time_semicolon.tsv": (semicolon_comment_tabbed, "comment marker", "habit: PBX report (INI notes)",
                                     "'; ' comment header; tabs; 'Queue'"),
    "ukg_pay_code_actions.csv": (kronos_pay_code_report, "preamble", "UKG/Kronos pay code report layout",
                                 "24-line preamble with totals; 'Last, First'; trailing comma rows"),
    "stundennachweis_zweizeilig.xlsx": (stundennachweis_two_rows, "two-row header", "habit: German workbook",
                                        "merged groups; 'Dauer' over 'Std.'/'Min.' parts; Name/Vorname"),
    "diensten_twee_rijen.csv": (dienst_two_rows_nl, "two-row header", "Shiftbase help (Begintijd/Eindtijd/Pauze)",
                                "group row left blank; shifts less 'Pauze (min)'; Dutch"),
    "weekly_tabs_day_names.xlsx": (sheet_per_week_days, "sheets", "habit: one tab per week",
                                   "tab 'Week of 2 Mar 2026' is the period; rows name only the weekday"),
    "caseworker_tabs_last_first.xlsx": (sheet_per_person_last_first, "sheets", "habit: one tab per person",
                                        "tab 'Last, First' is the person; total rows; a summary tab"),
    "ore_mensili_it.xlsx": (sheet_per_month_it, "sheets", "habit: Italian workbook per month",
                            "tabs named in Italian months"),
    "semana_iso_grid_es.csv": (semana_grid_es, "weekday grid", "habit: Spanish weekly grid",
                               "ISO week '2026-W10' per row; Lun..Vie"),
    "week_ending_timesheets.xlsx": (week_ending_grid, "weekday grid", "habit: US field-service timesheets",
                                    "'Week Ending' Sunday per row; Mon..Sun; 'Technician'"),
    "planday_punch_clock.csv": (planday_punch_clock, "shifts", "Planday help, Punch Clock export",
                                "Break as H:MM; night shifts across midnight; no hours"),
    "espelho_ponto_macroman.csv": (ponto_mac_roman_pt, "shifts", "habit: Brazilian espelho de ponto",
                                   "Mac Roman; CR line ends; 'Intervalo (min)' unpaid"),
    "zammad_time_accounting.csv": (zammad_time_units, "vendor names", "Zammad docs, time accounting",
                                   "'Time Units' minutes unsaid; 'Agent'; 'Group' category"),
    "jira_worklogs_far_dates.csv": (far_dates_jira, "far dates", "habit: Jira worklog export",
                                    "rows in 1970 and 2062 in a 2026 log"),
    "team_template_all_zero.csv": (all_zero_template, "all zero", "habit: a template never filled in",
                                   "every hour is 0"),
    "summary_report_by_project.csv": (summary_by_project, "summary", "Clockify-style summary report",
                                      "no people; the period only in the preamble; total row; money"),
}


def main() -> None:
    n = write_files(OUT, ((name, *_with_origin(maker(name), family, source, hard))
                          for name, (maker, family, source, hard) in UNSEEN.items()))
    print(f"wrote {n} files to {OUT}")


def _with_origin(made: Made, family: str, source: str, hard: bool) -> Made:
    data, t = made
    return data, {**t, "family": family, "source": source, "hard": hard}


if __name__ == "__main__":
    main()
