"""Column roles from evidence (storykit.ingest.roles), table by table: words, units, values, relations, questions.

Every table below is made here from entries whose meaning we know, so each case says what a
person reading the table would conclude and why.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from storykit.ingest.roles import assign_roles, not_logged, read_header, role_words

PEOPLE = ["Ana Souza", "Ben Carter", "Chloé Martin", "Dev Patel"]
LABELS = ["Support", "Overflow calls", "IT escalations", "Meeting", "Training"]


@pytest.mark.parametrize(("header", "words", "unit"), [
    ("Talk time [sec]", ("talk", "time", "sec"), "seconds"),
    ("Zeitaufwand (Std)", ("zeit", "aufwand", "std"), "hours"),
    ("Logged, mins", ("logged", "mins"), "minutes"),
    ("Dauer in Min.", ("dauer", "min"), "minutes"),  # "in" introduces the unit
    ("Dauer (Min.)", ("dauer", "min"), "minutes"),
    ("Tiempo (seg.)", ("tiempo", "seg"), "seconds"),
    ("Gewerkte tijd [milliseconden]", ("gewerkte", "tijd", "milliseconden"), "milliseconds"),
    ("Duración in milisegundos", ("duracion", "milisegundos"), "milliseconds"),
    ("durée (h)", ("duree", "h"), "hours"),
    ("duration_ms", ("duration", "ms"), "milliseconds"),
    ("timeSpentSeconds", ("time", "spent", "seconds"), "seconds"),
    ("AfterContactWorkDuration", ("after", "contact", "work", "duration"), None),
    ("Arbeitsdatum", ("arbeits", "datum"), None),
    ("Tiempo (minutos)", ("tiempo", "minutos"), "minutes"),
], ids=lambda v: str(v))
def test_a_header_is_words_and_a_unit(header, words, unit):
    h = read_header(header)
    assert h.words == words
    assert h.unit == unit


@pytest.mark.parametrize(("header", "role"), [
    ("Datum", "date"), ("Člen", "person"), ("Hodiny", "hours"), ("Spent on", "date"), ("Work date", "date"),
    ("Start date", "date"), ("Start time", "start"), ("Clock-in", "start"), ("Time Out", "end"),
    ("End Date", "end_date"), ("Enddatum", "end_date"), ("Benutzername", "person"), ("Medewerker", "person"),
    ("Nom complet", "person"), ("Prénom", "first_name"), ("Nachname", "last_name"), ("Apellidos", "last_name"),
    ("Tätigkeit", "activity"), ("Leistungsart", "activity"), ("Work type", "activity"), ("Aktivita", "activity"),
    ("Projekt", "project"), ("Issue Key", "task"), ("Úkol", "task"), ("Kunde", "client"), ("Abteilung", "team"),
    ("Kommentar", "description"), ("Omschrijving", "description"), ("Mealbreak", "break"),
    ("Unpaid break (min)", "break"), ("Přestávka (min.)", "break"), ("Horas trabajadas", "hours"), ("Bestede tijd", "hours"), ("E-Mail", "email"),
    ("Talk time [sec]", "hours"), ("Temps passé", "hours"), ("Fecha", "date"), ("authorName", "person"),
], ids=lambda v: str(v))
def test_a_headers_words_name_its_role(header, role):
    found = role_words(header)
    assert max(found, key=lambda r: found[r][0]) == role, found


@pytest.mark.parametrize(("header", "why"), [
    ("Hours Rounded", "rounded"), ("Abgerechnete Stunden", "billed"), ("Heures facturées", "billed"),
    ("Billable Amount (USD)", "money"), ("Stundensatz", "rate"), ("Geplante Zeit", "planned"),
    ("Scheduled Hours", "planned"), ("Importe", "money"), ("Total Cost", "money"), ("Billable Hours", "billable"),
    ("Hours", None), ("Duration (decimal)", None), ("Regular Hours", None), ("Dauer", None),
], ids=lambda v: str(v))
def test_time_that_is_not_the_time_logged_is_known_by_its_words(header, why):
    said = not_logged(header)
    assert (said is None) if why is None else (why in said)


# --- whole tables --------------------------------------------------------------------------------

def entries(seed: int, days: int = 10, people: list[str] = PEOPLE, per_day: tuple[int, int] = (3, 6),
            minutes: tuple[int, int] = (20, 150)) -> list[dict]:
    rng = random.Random(seed)
    out = []
    day = dt.date(2026, 3, 2)
    for _ in range(days):
        for p in people:
            clock = dt.datetime.combine(day, dt.time(8, rng.choice([0, 15, 30])))
            for _ in range(rng.randint(*per_day)):
                m = rng.randint(*minutes)
                out.append({"date": day, "person": p, "label": rng.choice(LABELS), "minutes": m, "start": clock,
                            "end": clock + dt.timedelta(minutes=m)})
                clock += dt.timedelta(minutes=m + rng.choice([0, 5, 10]))
        day += dt.timedelta(days=1 if day.weekday() < 4 else 3)
    return out


def table(rows: list[dict], **columns) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.DataFrame({name: [make(r) for r in rows] for name, make in columns.items()}, dtype=object)


def read(frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    return assign_roles(list(frame.columns), frame)


def test_seconds_named_in_brackets_are_seconds_and_the_reason_says_so():
    rows = entries(1)
    r = read(table(rows, **{"Agent": lambda e: e["person"], "Interval": lambda e: e["date"].isoformat(),
                            "Talk time [sec]": lambda e: str(e["minutes"] * 60), "State": lambda e: e["label"]}))
    assert (r.mapping["hours"], r.unit) == ("Talk time [sec]", "seconds")
    assert "'sec'" in r.reasons["hours"]
    assert r.mapping["person"] == "Agent" and r.mapping["activity"] == "State" and r.mapping["date"] == "Interval"


def test_a_unit_no_header_names_is_the_one_that_makes_a_working_day():
    """'wrap' says nothing; its values are seconds because only seconds give 1-16 h per person-day."""
    rows = entries(2, per_day=(8, 14), minutes=(2, 15))
    r = read(table(rows, **{"login": lambda e: e["person"].split()[0].lower(), "day": lambda e: e["date"].isoformat(),
                            "wrap": lambda e: str(e["minutes"] * 60), "code": lambda e: e["label"]}))
    assert (r.mapping["hours"], r.unit) == ("wrap", "seconds")
    assert "median" in r.reasons["hours"] and "per person-day" in r.reasons["hours"]
    assert r.question is None


def test_minutes_without_a_unit_in_the_name_are_minutes():
    rows = entries(3)
    r = read(table(rows, Datum=lambda e: e["date"].strftime("%d.%m.%Y"), Mitarbeiter=lambda e: e["person"],
                   Dauer=lambda e: str(e["minutes"]), Tätigkeit=lambda e: e["label"]))
    assert (r.mapping["hours"], r.unit) == ("Dauer", "minutes")
    assert r.question is None


def test_when_two_units_both_give_a_plausible_entry_the_reader_asks_which():
    """No person column, so no person-day: entries of 1-8 are plausible as hours and as minutes."""
    rows = entries(4, minutes=(1, 8))
    r = read(table(rows, Date=lambda e: e["date"].isoformat(), Dauer=lambda e: str(e["minutes"]),
                   Activity=lambda e: e["label"]))
    assert r.question is not None, r.reasons
    assert r.question.text == "Is 'Dauer' in hours or minutes?" or r.question.text == "Is 'Dauer' in minutes or hours?"
    assert {o.answer for o in r.question.options} == {"hours", "minutes"}
    assert all("h per entry" in o.consequence for o in r.question.options)
    assert {tuple(sorted(o.mapping.items())) for o in r.question.options} == {
        (("date", "Date"), ("hours", "Dauer"), ("hours_unit", u)) for u in ("hours", "minutes")}
    assert r.confidence < 0.75


def test_start_end_and_an_unpaid_break_give_the_time_worked():
    rows = entries(5, per_day=(1, 1), minutes=(420, 540))
    r = read(table(rows, Employee=lambda e: e["person"], Date=lambda e: e["date"].strftime("%d/%m/%Y"),
                   Start=lambda e: e["start"].strftime("%H:%M"), End=lambda e: e["end"].strftime("%H:%M"),
                   **{"Unpaid break (min)": lambda e: "30", "Area": lambda e: e["label"]}))
    assert (r.mapping["start"], r.mapping["end"], r.mapping["break"]) == ("Start", "End", "Unpaid break (min)")
    assert "hours" not in r.mapping
    assert "minus the unpaid break" in r.reasons["break"]


def test_first_and_last_name_make_the_person():
    rows = entries(6)
    r = read(table(rows, Vorname=lambda e: e["person"].split()[0], Nachname=lambda e: e["person"].split()[1],
                   Datum=lambda e: e["date"].isoformat(), Stunden=lambda e: f"{e['minutes'] / 60:.2f}".replace(".", ","),
                   Projekt=lambda e: e["label"]))
    assert (r.mapping["first_name"], r.mapping["last_name"]) == ("Vorname", "Nachname")
    assert r.mapping["activity"] == "Projekt"


def test_a_person_written_last_first_under_a_tools_own_name():
    rows = entries(7)
    r = read(table(rows, Assignee=lambda e: ", ".join(reversed(e["person"].split())),
                   Updated=lambda e: e["date"].isoformat(), **{"Time spent (h)": lambda e: f"{e['minutes'] / 60:.2f}"},
                   Queue=lambda e: e["label"]))
    assert r.mapping["person"] == "Assignee"
    assert "Last, First" in r.reasons["person"]


def test_e_mail_only_people():
    rows = entries(8)
    r = read(table(rows, user_email=lambda e: e["person"].split()[0].lower() + "@example.com",
                   date=lambda e: e["date"].isoformat(), hours=lambda e: f"{e['minutes'] / 60:.3f}",
                   category=lambda e: e["label"]))
    assert r.mapping.get("person", r.mapping.get("email")) == "user_email"


def test_epoch_milliseconds_and_iso_timestamps_are_dates():
    rows = entries(9)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    r = read(table(rows, ts=lambda e: str(int((e["start"].replace(tzinfo=dt.UTC) - epoch).total_seconds() * 1000)),
                   agent=lambda e: e["person"], duration_ms=lambda e: str(e["minutes"] * 60000),
                   status=lambda e: e["label"]))
    assert r.mapping["date"] == "ts" and (r.mapping["hours"], r.unit) == ("duration_ms", "milliseconds")
    r = read(table(rows, started_at=lambda e: e["start"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                   ended_at=lambda e: e["end"].strftime("%Y-%m-%dT%H:%M:%SZ"), owner=lambda e: e["person"],
                   type=lambda e: e["label"]))
    assert (r.mapping.get("start"), r.mapping.get("end")) == ("started_at", "ended_at")


def test_durations_with_letters_and_a_vendors_own_name():
    rows = entries(10)
    r = read(table(rows, Logged=lambda e: f"{e['minutes'] // 60}h {e['minutes'] % 60}m",
                   Worker=lambda e: e["person"], When=lambda e: e["date"].strftime("%b %d, %Y"),
                   Category=lambda e: e["label"]))
    assert r.mapping["hours"] == "Logged" and r.mapping["date"] == "When" and r.mapping["person"] == "Worker"


def test_a_days_total_beside_the_entries_is_not_summed():
    rows = entries(11)
    totals: dict[tuple, int] = {}
    for e in rows:
        totals[(e["person"], e["date"])] = totals.get((e["person"], e["date"]), 0) + e["minutes"]
    r = read(table(rows, Date=lambda e: e["date"].isoformat(), User=lambda e: e["person"],
                   Hours=lambda e: f"{e['minutes'] / 60:.4f}", **{"Daily total": lambda e: f"{totals[(e['person'], e['date'])] / 60:.4f}"},
                   Activity=lambda e: e["label"]))
    assert r.mapping["hours"] == "Hours"
    assert "day's total" in r.ignored["Daily total"]


def test_an_amount_proportional_to_the_hours_is_not_time():
    rows = entries(12)
    r = read(table(rows, Date=lambda e: e["date"].isoformat(), User=lambda e: e["person"],
                   Hours=lambda e: f"{e['minutes'] / 60:.4f}", Value=lambda e: f"{e['minutes'] / 60 * 85:.4f}",
                   Activity=lambda e: e["label"]))
    assert r.mapping["hours"] == "Hours"
    assert "amount" in r.ignored["Value"]


def test_czech_redmine_header():
    rows = entries(13, people=["Vítězslav Dvořák"])
    r = read(table(rows, **{"#": lambda e: str(random.Random(e["minutes"]).randint(100, 999)),
                            "Datum": lambda e: e["date"].isoformat(), "Člen": lambda e: e["person"],
                            "Aktivita": lambda e: e["label"], "Hodiny": lambda e: f"{e['minutes'] / 60:.2f}"}))
    assert r.mapping["date"] == "Datum" and r.mapping["person"] == "Člen" and r.mapping["hours"] == "Hodiny"
    assert r.mapping["activity"] == "Aktivita"


def test_a_known_tools_signature_gives_its_unit():
    rows = entries(14)
    r = read(table(rows, date=lambda e: e["date"].isoformat(), duration=lambda e: str(e["minutes"]),
                   authorName=lambda e: e["person"], issueId=lambda e: "SD-1", type=lambda e: e["label"]))
    assert r.format == "youtrack_worklogs" and r.unit == "minutes"


def handle_times(seed: int, header: str, calls: tuple[int, int] = (50, 80), people: bool = True) -> pd.DataFrame:
    """A contact centre's calls: each a handle time of 1:30-10:00 written M:SS, 50-80 per agent and day."""
    rng, out, day = random.Random(seed), [], dt.date(2026, 3, 2)
    for _ in range(8):
        for p in PEOPLE[:3]:
            for _ in range(rng.randint(*calls)):
                s = rng.randint(90, 600)
                out.append({"Interval": day.isoformat(), "Agent": p, header: f"{s // 60}:{s % 60:02d}",
                            "Queue": rng.choice(LABELS)})
        day += dt.timedelta(days=1)
    frame = pd.DataFrame(out, dtype=object)
    return frame if people else frame.drop(columns=["Agent"])


@pytest.mark.parametrize("header", ["Handle Time", "AHT (min)", "Talk time (sec)"])
def test_m_ss_handle_times_are_minutes_and_seconds(header):
    """'4:35' per call: as H:MM an agent would work 300 h a day, as M:SS 6 h; a name that says min or sec agrees."""
    r = read(handle_times(15, header))
    assert (r.mapping["hours"], r.unit) == (header, "minutes")
    assert "minutes:seconds" in r.reasons["hours"] and "per person-day" in r.reasons["hours"]
    assert r.question is None


def test_h_mm_entries_stay_hours_and_minutes():
    rows = entries(16)
    r = read(table(rows, Date=lambda e: e["date"].isoformat(), User=lambda e: e["person"],
                   Time=lambda e: f"{e['minutes'] // 60}:{e['minutes'] % 60:02d}", Activity=lambda e: e["label"]))
    assert (r.mapping["hours"], r.unit) == ("Time", "hours") and r.question is None


def test_m_ss_or_h_mm_with_no_day_to_judge_by_is_asked():
    """No agent column: a call of 6:21 is plausible as 6 h 21 min and as 6 min 21 s, so the reader asks."""
    r = read(handle_times(17, "Handle Time", people=False))
    assert r.question is not None
    assert r.question.text == "Is 'Handle Time' in hours:minutes (H:MM) or minutes:seconds (M:SS)?"
    assert {o.mapping["hours_unit"] for o in r.question.options} == {"hours", "minutes"}


def test_the_reader_sums_m_ss_as_minutes_and_seconds():
    import storykit as sk

    frame = handle_times(18, "Handle Time")
    seconds = sum(int(m) * 60 + int(s) for m, s in (t.split(":") for t in frame["Handle Time"]))
    log = sk.load(("calls.csv", frame.to_csv(index=False).encode()))
    assert log.total_hours == pytest.approx(seconds / 3600, abs=1e-6)
    assert log.sources[0].unit == "minutes" and not log.sources[0].needs_confirmation


@pytest.mark.parametrize(("header", "role"), [
    ("Duraton", "hours"), ("Emplyee", "person"), ("Actvity", "activity"), ("Projcet", "project"),
    ("Mitarbieter", "person"), ("Tätigkiet", "activity"), ("Work Emial", "email"),
], ids=str)
def test_one_slip_of_the_keyboard_still_names_the_role(header, role):
    found = role_words(header)
    assert max(found, key=lambda r: found[r][0]) == role, found


@pytest.mark.parametrize("header", ["Hotel", "Notes", "Stand"], ids=str)
def test_a_word_is_not_bent_into_a_role_it_is_not_near(header):
    assert "hours" not in role_words(header) and "date" not in role_words(header)


def test_mailboxes_name_people_as_their_names_do():
    """'Ana Silva <ana.silva@example.net>' is evidence of a person as 'Ana Silva' is: six agents written as
    mailboxes over 3,000 rows (each with many entries a day) were read as no person column at all."""
    import storykit as sk
    from tests.test_large_input import activity_log

    log = activity_log(3000)
    plain = sk.load(("names.csv", log.to_csv(index=False).encode()))
    log["Agent"] = [f"{a} <{a.lower().replace(' ', '.')}@example.net>" for a in log["Agent"]]
    boxed = sk.load(("mailboxes.csv", log.to_csv(index=False).encode()))
    assert plain.sources[0].mapping.get("person") == boxed.sources[0].mapping.get("person") == "Agent"
    assert sorted(boxed.frame["person"].unique()) == sorted(plain.frame["person"].unique())


def _csv(rows: list[dict]) -> bytes:
    frame = pd.DataFrame({"Date": [r["date"].isoformat() for r in rows], "Agent": [r["person"] for r in rows],
                          "Activity": [r["label"] for r in rows], "Minutes": [r["minutes"] for r in rows]})
    return frame.to_csv(index=False).encode()


def test_counts_from_the_first_rows_say_so_when_the_table_is_longer():
    """The roles are judged on the first 1,000 rows: a count from them says so where the table is longer. In
    a log sorted by person those rows hold one person; the person's count is then the whole table's."""
    from storykit.ingest import read_file

    rows = sorted(entries(3, days=120, people=PEOPLE[:2], per_day=(8, 14)), key=lambda e: e["person"])
    assert len(rows) > 2000 and len({r["person"] for r in rows[:1000]}) == 1
    long = read_file("sorted.csv", _csv(rows)).sources[0]
    assert "names that repeat (2 people)" in long.reasons["person"]  # counted in the table: the sample has 1
    assert long.reasons["activity"].endswith("labels that repeat in the first 1,000 rows")
    assert long.reasons["hours"].endswith("h per person-day in the first 1,000 rows")
    short = read_file("short.csv", _csv(rows[:999] + rows[-1:])).sources[0]  # the whole table is the sample
    assert "names that repeat (2 people)" in short.reasons["person"]
    assert "first" not in " ".join(short.reasons.values())


def _generic(rows: list[dict], team: str | None = None) -> bytes:
    """A hand-made log's headers, which say little: the values must say which column is which."""
    frame = pd.DataFrame({"Day": [r["date"].isoformat() for r in rows], "Who": [r["person"] for r in rows],
                          "What": [r["label"] for r in rows], "Time": [round(r["minutes"] / 60, 2) for r in rows]})
    if team:
        frame["Team"] = team
    return frame.to_csv(index=False).encode()


@pytest.mark.parametrize("order", ["as logged", "by label", "by person"])
def test_a_table_sorted_by_a_column_reads_as_the_same_table(order):
    """The roles are judged on the first 1,000 rows; a log sorted by its labels shows one label there. Its
    label column must keep its role (it read as 'one value only' and lost it to the notes role), and a
    count from the whole table is said without 'in the first rows'."""
    from storykit.ingest import read_file

    rows = entries(5, days=120, per_day=(8, 14))
    key = {"as logged": None, "by label": lambda e: e["label"], "by person": lambda e: e["person"]}[order]
    rows = sorted(rows, key=key) if key else rows
    src = read_file("log.csv", _generic(rows, team="Service Desk")).sources[0]
    assert {k: src.mapping[k] for k in ("date", "person", "activity", "hours")} == \
        {"date": "Day", "person": "Who", "activity": "What", "hours": "Time"}
    if order == "by label":
        assert src.reasons["activity"].endswith(f"{len(LABELS)} labels that repeat")
    if order == "by person":
        assert f"names that repeat ({len(PEOPLE)} people)" in src.reasons["person"]
    assert src.reasons["team"].endswith("one value only in the first 1,000 rows")  # true of the whole table too


def test_only_words_are_counted_in_the_whole_table():
    """A log sorted by date shows one date in its first 1,000 rows; a date reads as a date whatever the count,
    so only a column of words (a label, a name) whose first rows show one value is counted in the table
    (the count costs a pass over the column, and it changed the question a workbook's early read asked)."""
    from storykit.ingest.role_choice import role_question

    n = 3000
    body = pd.DataFrame({"Date": ["2026-03-02"] * 1500 + ["2026-03-03"] * 1500,
                         "What": ["Calls"] * 1500 + ["Tickets", "Audit"] * 750,
                         "Hours": ["1.5"] * n}, dtype=object)
    question = role_question(list(body.columns), body=body)
    assert question.table_distinct == {"What": 3} and not question.whole
