"""Write the sample exports and their ground truth; deterministic, so reruns give the same bytes.

Three shapes of the same kind of team (customer support, absorbing other departments' work):
a Toggl detailed CSV, a Harvest detailed CSV and a hand-made workbook with a title block and a
TOTAL row. The ground truth is computed here from the generated entries, independently of the
reader, and the tests compare `storykit inspect` against it.

    python sample_data/make_samples.py [OUT_DIR]

The Toggl team also has a second period (`later_entries`): the four weeks after its hand-back
began, for the follow-up deck. Stage 1 happened for some owners and not for others.

Only the workbook's "created" and "modified" dates differ between runs (openpyxl stamps them at
save); tests/test_samples.py regenerates everything in a temporary folder and compares it with
what is committed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

# label -> (weight per person-day, owner for the ground truth)
CORE = {"Customer tickets": 5, "Customer emails": 3, "Live chat": 2, "Complaint handling": 1,
        "Knowledge base": 1, "Team meeting": 1, "Admin": 1}
OTHER = {"Phone overflow": 3, "IT escalations": 1.2, "Invoice queries": 1.2, "Order error rework": 1,
         "Training other teams": 0.6}
LUNCH = "Lunch break"


def entries(seed: int, people: list[str], start: dt.date, weeks: int, heavy: tuple[str, ...],
            other_weight: float) -> list[tuple[dt.date, str, str, int, int]]:
    """(date, person, label, start minute, minutes) for every working day; lunch logged daily."""
    rng = random.Random(seed)
    out = []
    for day in (start + dt.timedelta(days=i) for i in range(weeks * 7)):
        if day.weekday() >= 5:
            continue
        for person in people:
            if rng.random() < 0.04:  # a day off now and then
                continue
            minute = 8 * 60 + rng.choice((0, 15, 30))
            left = rng.choice((450, 450, 465, 480))  # 7.5 to 8 working hours
            lunch_done = False
            boost = 2.2 if person in heavy else 1.0
            while left > 0:
                if not lunch_done and minute >= 12 * 60:
                    out.append((day, person, LUNCH, minute, 30))
                    minute += 30
                    lunch_done = True
                    continue
                weights = {**CORE, **{k: v * boost * other_weight for k, v in OTHER.items()}}
                label = rng.choices(list(weights), list(weights.values()))[0]
                length = min(left, rng.choice((15, 30, 45, 60, 75, 90, 120)))
                out.append((day, person, label, minute, length))
                minute += length
                left -= length
    return out


#: The Toggl team's second period: the four weeks from the Monday after its baseline, when stage 1 of the
#: hand-back was due (a third of each owner's agreed share goes back). The weeks repeat the baseline's
#: first four (same seed and people), so what differs is what the hand-back changed, not chance:
#: Contact Centre (share 0.6) and Finance (0.5) took their stage 1 back and that time went to customer
#: emails; IT, Sales and the trainers did not. Every TICKETS_RENAMED-th ticket entry is logged under a new
#: label, which the saved project has never seen.
LATER = "toggl_support_team_oct_nov.csv"
LATER_START, LATER_WEEKS = dt.date(2026, 10, 12), 4
HANDED_BACK = {"Phone overflow": 0.6 / 3, "Invoice queries": 0.5 / 3}
FREED_FOR = "Customer emails"
NEW_LABEL, TICKETS_RENAMED = "Returns processing", 12


def later_entries(seed: int, people: list[str], start: dt.date, weeks: int, heavy: tuple[str, ...],
                  other_weight: float) -> list[tuple[dt.date, str, str, int, int]]:
    """The team's second period: its first LATER_WEEKS weeks again from LATER_START, after stage 1.

    Of each handed-back label, entries become FREED_FOR while what moved is under the label's share
    of its minutes so far (a running quota, so it is spread over the weeks, not the first days).
    """
    shift = LATER_START - start
    first = entries(seed, people, start, LATER_WEEKS, heavy, other_weight)
    seen: dict[str, int] = defaultdict(int)
    moved: dict[str, int] = defaultdict(int)
    tickets = 0
    out = []
    for day, person, label, minute, minutes in first:
        if label in HANDED_BACK:
            seen[label] += minutes
            if moved[label] + minutes <= HANDED_BACK[label] * seen[label]:
                moved[label] += minutes
                label = FREED_FOR
        elif label == "Customer tickets":
            tickets += 1
            label = NEW_LABEL if tickets % TICKETS_RENAMED == 0 else label
        out.append((day + shift, person, label, minute, minutes))
    return out


def truth(rows: list[tuple[dt.date, str, str, int, int]]) -> dict:
    by_label: dict[str, float] = defaultdict(float)
    by_person: dict[str, float] = defaultdict(float)
    for _, person, label, _, minutes in rows:
        by_label[label] += minutes / 60
        by_person[person] += minutes / 60
    dates = [r[0] for r in rows]
    return {
        "rows": len(rows),
        "total_hours": round(sum(r[4] for r in rows) / 60, 4),
        "people": sorted(by_person),
        "date_range": [min(dates).isoformat(), max(dates).isoformat()],
        "hours_by_label": {k: round(v, 4) for k, v in sorted(by_label.items())},
        "hours_by_person": {k: round(v, 4) for k, v in sorted(by_person.items())},
    }


def hms(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def toggl(rows) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
                "Start time", "End date", "End time", "Duration", "Tags", "Amount ()"])
    for day, person, label, start, minutes in rows:
        end = start + minutes
        w.writerow([person, person.split()[0].lower() + "@example.com", "Internal", label, "", "", "No",
                    day.isoformat(), hms(start), day.isoformat(), hms(end), hms(minutes), "", ""])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def harvest(rows) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Hours Rounded",
                "Billable?", "Invoiced?", "First Name", "Last Name", "Roles", "Employee?", "Billable Rate",
                "Billable Amount", "Cost Rate", "Cost Amount", "Currency"])
    for day, person, label, _, minutes in rows:
        first, last = person.split(" ", 1)
        hours = minutes / 60
        rounded = -(-minutes // 30) * 0.5
        w.writerow([day.isoformat(), "Internal", "Support", "SUP", label, "", f"{hours:.2f}", f"{rounded:.1f}",
                    "No", "No", first, last, "Support Agent", "Yes", "0", "0", "42", f"{hours * 42:.2f}",
                    "United States Dollar - USD"])
    return buf.getvalue().encode("utf-8")


def workbook(rows) -> bytes:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Time log"
    ws["A1"] = "Customer Care - team time log"
    ws["A1"].font = Font(bold=True, size=14)
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    ws["A2"] = f"Period: {first:%d.%m.%Y} - {last:%d.%m.%Y}"
    ws.append([])
    ws.append(["Date", "Team member", "Activity", "Hours", "Notes"])
    for i, (day, person, label, _, minutes) in enumerate(rows):
        # hand-typed sheets mix numbers and clock strings
        hours: object = minutes / 60 if i % 7 else f"{minutes // 60}:{minutes % 60:02d}"
        ws.append([day, person, label, hours, ""])
        ws.cell(ws.max_row, 1).number_format = "DD.MM.YYYY"
    ws.append([])
    ws.append(["TOTAL", "", "", f"=SUM(D5:D{ws.max_row - 1})", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SAMPLES = {
    "toggl_support_team.csv": (toggl, dict(seed=1, people=["Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel",
                                                           "Emma Novak", "Farid Haddad", "Grace Lee", "Hugo Berg"],
                                           start=dt.date(2026, 9, 7), weeks=5, heavy=("Dev Patel", "Grace Lee"),
                                           other_weight=0.8)),
    "harvest_service_desk.csv": (harvest, dict(seed=2, people=["Ines Moreau", "Jonas Weber", "Kofi Mensah",
                                                              "Lena Fischer", "Marta Costa", "Nils Berg"],
                                               start=dt.date(2026, 8, 3), weeks=4, heavy=("Kofi Mensah",),
                                               other_weight=0.8)),
    "handmade_care_team.xlsx": (workbook, dict(seed=3, people=["Olga Ivanova", "Pablo Ruiz", "Quinn Harper",
                                                               "Rosa Jimenez", "Sam Taylor", "Tariq Aziz",
                                                               "Uma Rao", "Victor Hale", "Wen Zhou", "Yara Nasser"],
                                               start=dt.date(2026, 10, 5), weeks=6, heavy=("Uma Rao", "Sam Taylor"),
                                               other_weight=0.75)),
}


def main(out: Path = HERE) -> None:
    truths = {}
    for name, (writer, params) in SAMPLES.items():
        rows = entries(**params)
        (out / name).write_bytes(writer(rows))
        truths[name] = truth(rows)
    rows = later_entries(**SAMPLES["toggl_support_team.csv"][1])
    (out / LATER).write_bytes(toggl(rows))
    truths[LATER] = truth(rows)
    (out / "ground_truth.json").write_text(json.dumps(truths, indent=2) + "\n")
    project = {
        "storykit_project": 1,
        "settings": {"team_name": "Customer Support", "contracted_weekly_hours": 37.5,
                     "working_weeks_per_year": 46, "hourly_cost": 48.0, "currency": "$",
                     "audience": "operations", "show_names": False, "author": "Customer Support lead"},
        "scenario": {"default_share": 0.5, "hand_backs": [{"owner": "Contact Centre", "share": 0.6, "stage": 3,
                                                            "start": None}],
                     "reclaimed_for": "clearing our email backlog", "ask": "hand_back"},
        "service": {"promised_response_hours": 2, "actual_response_hours": 19, "backlog_items": 340,
                    "minutes_per_item": 20},
    }
    (out / "project.json").write_text(json.dumps(project, indent=2) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
