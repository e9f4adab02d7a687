"""Rules the unseen set (tests/make_unseen.py) asked for, one table per rule, each with why it holds."""

from __future__ import annotations

import pandas as pd
import pytest

from storykit.ingest.dates import parse_dates
from storykit.ingest.role_values import day_first_named


@pytest.mark.parametrize(("values", "first", "last", "ambiguous"), [
    pytest.param(["03022026", "03132026"], "2026-03-02", "2026-03-13", False, id="mmddyyyy text (NICE IEX)"),
    pytest.param([3022026, 3132026], "2026-03-02", "2026-03-13", False, id="mmddyyyy number lost its 0"),
    pytest.param([3022026, 3032026], "2026-03-02", "2026-03-03", True, id="mmddyyyy either way: still asked"),
    pytest.param(["2026.03.02.", "2026.03.13."], "2026-03-02", "2026-03-13", False, id="Hungarian YYYY.MM.DD."),
    pytest.param(["2026-03-02 08:15:00 UTC", "2026-03-13 17:00:00 GMT"], "2026-03-02", "2026-03-13", False,
                 id="timestamps ending in UTC/GMT"),
    pytest.param(["02.03.2026", "11.03.2026"], "2026-03-02", "2026-03-11", False,
                 id="dotted: day first everywhere"),
    pytest.param(["02/03/2026", "11/03/2026"], "2026-03-02", "2026-03-11", True, id="slashes: US or not, asked"),
    pytest.param([20032026, 25032026], "2026-03-20", "2026-03-25", False,
                 id="ddmmyyyy numbers over 19000101 are not YYYYMMDD (they end in a year)"),
])
def test_date_shapes(values, first, last, ambiguous):
    reading = parse_dates(pd.Series(values, dtype=object))
    assert [reading.values.min().date().isoformat(), reading.values.max().date().isoformat()] == [first, last]
    assert reading.ambiguous == ambiguous


@pytest.mark.parametrize(("header", "day_first"), [
    ("Datum", True), ("Fecha", True), ("Data", True), ("Dienst Datum", True), ("Date de début", False),
    ("Date", False), ("Work date", False), ("Day", False),
])
def test_a_date_column_named_in_a_day_first_language_is_read_day_first(header, day_first):
    assert bool(day_first_named(header)) == day_first
    reading = parse_dates(pd.Series(["03-02-2026", "11-02-2026"], dtype=object), day_first_named(header))
    assert reading.ambiguous != day_first
    if day_first:
        assert reading.values.min().date().isoformat() == "2026-02-03" and "day first" in reading.how


@pytest.mark.parametrize("label", ["Totaal", "Totale", "Suma", "Razem", "Celkem", "Összesen", "Totalt", "Sous-total",
                                   "Total", "Summe"])
def test_a_total_row_is_known_in_the_languages_logs_are_kept_in(label):
    from storykit.ingest.table import is_total_text

    assert is_total_text(label) and is_total_text(f"{label}:") and not is_total_text(f"Support {label.lower()}ly")


def _log(tmp_path, name: str, text: str):
    import storykit as sk

    path = tmp_path / name
    path.write_text(text)
    return sk.load(path)


def test_weekday_names_take_their_dates_from_the_week_the_name_states(tmp_path):
    rows = [f"{d},{p},Support,{h}" for d in ("Lun", "Mar", "Mié", "Jue", "Vie") for p, h in (("Ana Lima", 3),
                                                                                            ("Bo Chen", 4.5))]
    log = _log(tmp_path, "semana_2026-03-09.csv", "Día,Empleado,Proyecto,Horas\n" + "\n".join(rows) + "\n")
    assert [d.isoformat() for d in log.date_range] == ["2026-03-09", "2026-03-13"]
    assert any("names only the weekday" in w for w in log.warnings)
    ending = _log(tmp_path, "week ending 15 Mar 2026.csv", "Day,Name,Task,Hours\n" + "\n".join(
        f"{d},{p},Support,{h}" for d in ("Mon", "Tue", "Wed", "Thu", "Fri") for p, h in (("Ana Lima", 3),
                                                                                       ("Bo Chen", 4.5))) + "\n")
    assert [d.isoformat() for d in ending.date_range] == ["2026-03-09", "2026-03-13"], "a Sunday ends its week"


def test_a_weekday_column_beside_a_date_column_is_only_the_dates_name(tmp_path):
    rows = [f"2026-03-{9 + i:02d},{d},Ana Lima,Support,3" for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri"))]
    rows += [f"2026-03-{16 + i:02d},{d},Ana Lima,Support,2" for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri"))]
    log = _log(tmp_path, "week_2026-03-09.csv", "Date,Day,Name,Task,Hours\n" + "\n".join(rows) + "\n")
    assert [d.isoformat() for d in log.date_range] == ["2026-03-09", "2026-03-20"]


def test_a_summary_takes_its_period_from_a_range_in_its_title(tmp_path):
    log = _log(tmp_path, "summary.csv", "Summary report\n01/03/2026 - 31/03/2026\n\nProject,Time (decimal)\n"
               "Support,120.5\nBilling,40\nTraining,12.25\n")
    assert log.sources[0].kind == "summary" and log.sources[0].period[1].isoformat() == "2026-03-31"


@pytest.mark.parametrize("days", [["Lun", "Mar", "Mié", "Jue", "Vie"], ["ma", "di", "wo", "do", "vr"],
                                  ["Lun.", "Mar.", "Mer.", "Gio.", "Ven."], ["Seg", "Ter", "Qua", "Qui", "Sex"],
                                  ["Pon", "Wt", "Śr", "Czw", "Pt"]])
def test_weekday_headers_in_other_languages_are_days(days):
    from storykit.ingest.layout import day_columns

    assert list(day_columns(["Name", *days, "Total"]).values()) == [0, 1, 2, 3, 4]


def _people_rows(line: str) -> str:
    """Ten days of two people's rows from a template with {d} (day of March 2026), {p} (person), {h} (hours)."""
    people = (("Giulia Rossi", 2.5), ("Jan de Vries", 3.25))
    return "\n".join(line.format(d=d, p=p, h=h, i=i) for i, (d, (p, h)) in enumerate(
        (d, ph) for d in range(2, 12) for ph in people)) + "\n"


def test_a_mailbox_names_its_person(tmp_path):
    """'Name <address>' (Azure DevOps' Assigned To) is that person, not a third spelling of them."""
    log = _log(tmp_path, "ado.csv", "ID,Assigned To,Activity,Date,Effort\n" + _people_rows(
        "{i},{p} <{i}x@example.net>,Design,03/{d:02d}/2026,{h}"))
    assert log.people == ["Giulia Rossi", "Jan de Vries"]


def test_an_amount_equal_to_a_quantity_times_a_rate_is_money(tmp_path):
    """Clio: Total = Quantity x Rate is money, though 'total' is also a word for time; Quantity is the time."""
    log = _log(tmp_path, "clio.csv", "Date,User,Matter,Quantity,Rate,Total\n" + _people_rows(
        "03/{d:02d}/2026,{p},Lease,{h},250.00,{h}*250").replace("2.5*250", "625.0").replace("3.25*250", "812.5"))
    src = log.sources[0]
    assert src.mapping["hours"] == "Quantity" and "money" in src.ignored["Total"]
    assert log.total_hours == pytest.approx(57.5) and src.question is None


def test_a_unit_column_says_the_unit_of_the_numbers_before_it(tmp_path):
    """ERP labour confirmations: Qty, then UoM = HR on every row, beside a count (Scrap) of the same size."""
    log = _log(tmp_path, "conf.csv", "Posting Date,Operator,Work Center,Qty,UoM,Scrap\n" + _people_rows(
        "2026-03-{d:02d},{p},Packing,{h},HR,{i}"))
    src = log.sources[0]
    assert src.mapping["hours"] == "Qty" and "'UoM' says 'HR'" in src.reasons["hours"] and src.question is None
    assert log.people == ["Giulia Rossi", "Jan de Vries"], "a person column: not a grid of hours per person"


def test_a_time_in_two_parts_with_no_whole_is_read_as_one(tmp_path):
    """'Dauer' over 'Std.' and 'Min.' (whole hours, minutes past them); 'Name' beside 'Vorname' is the last name."""
    rows = "\n".join(f"Rossi,Giulia,0{d}.03.2026,Support,{d % 3},{15 * (d % 4)}" for d in range(2, 10))
    log = _log(tmp_path, "nachweis.csv", "Mitarbeiter Name,Mitarbeiter Vorname,Datum,Projekt,Dauer Std.,Dauer Min.\n"
               + rows + "\n")
    src = log.sources[0]
    assert src.mapping["hours"] == "Dauer Std." and src.mapping["minutes"] == "Dauer Min."
    assert log.total_hours == pytest.approx(sum(d % 3 + 15 * (d % 4) / 60 for d in range(2, 10)))
    assert src.mapping["last_name"] == "Mitarbeiter Name" and log.people == ["Giulia Rossi"]


@pytest.mark.parametrize(("header", "role"), [
    ("Operatore", "person"), ("Operator", "person"), ("Colaborador", "person"), ("Pracownik", "person"),
    ("Saída", "end"), ("Uscita", "end"), ("Intervalo (min)", "break"), ("Pausa", "break"), ("Inizio", "start"),
    ("Attività", "activity"), ("Descrição", "description"), ("Cognome", "last_name"),
])
def test_the_common_words_of_italian_portuguese_and_polish(header, role):
    from storykit.ingest.roles import role_words

    assert max(role_words(header).items(), key=lambda kv: kv[1][0])[0] == role


def test_two_row_records_keyed_by_a_column_that_is_not_the_first(tmp_path):
    """The date that keys each pair may sit after the pay code (columns in any order)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Pay code", "Date", "Time In", "Time Out"])
    for d in range(2, 7):
        day = f"03/{d:02d}/2026"
        ws.append([f"Pay code for {day}", f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri')[d - 2]} {day}", f"Start for {day}", f"Stop for {day}"])
        ws.append(["01 - Regular", None, "08:00am", "04:30pm"])
    book.save(tmp_path / "pairs.xlsx")
    import storykit as sk

    log = sk.load(tmp_path / "pairs.xlsx")
    assert len(log.frame) == 5 and log.total_hours == pytest.approx(42.5)
    assert any("over two rows" in w for w in log.warnings)


def test_section_titles_naming_people_are_the_person_of_the_rows_below(tmp_path):
    """A report grouped by user: each name over its rows is their person (said), never a row."""
    text = ("Detailed report grouped by user\nDate,Project,Description,Duration\nAna Souza\n"
            "2026-03-02,Support,Tickets,2.5\n2026-03-03,Billing,Invoices,3\nBen Carter\n"
            "2026-03-02,Support,Calls,4\n2026-03-04,Training,Course,1.5\nTotal,,,11\n")
    log = _log(tmp_path, "grouped.csv", text)
    assert log.people == ["Ana Souza", "Ben Carter"] and log.sources[0].people_known
    assert sk_hours_by(log, "person") == {"Ana Souza": 5.5, "Ben Carter": 5.5}
    assert any("section title above it" in w for w in log.warnings)
    by_category = _log(tmp_path, "by_category.csv", "Date,Description,Duration\nCustomer Support\n"
                       "2026-03-02,Tickets,2.5\nBilling Team\n2026-03-02,Invoices,3\n")
    assert by_category.people == ["(one person)"], "titles over rows with no category of their own are categories"


def sk_hours_by(log, what: str) -> dict[str, float]:
    import storykit as sk

    return {k: round(v, 2) for k, v in sk.cube_of(log).hours_by(what).to_dict().items()}


def test_a_group_header_spans_its_merged_cells_only(tmp_path):
    """'Shift' merged over Start and End names those two; the columns after it are their own (before, a
    group ran on to the next group or the end: 'Shift Name', 'Shift Task')."""
    import openpyxl

    import storykit as sk

    book = openpyxl.Workbook()
    ws = book.active
    ws.append([None, "Shift", None, None, None, None])
    ws.merge_cells("B1:C1")
    ws.append(["Date", "Start", "End", "Name", "Task", "Break"])
    for d in range(2, 9):
        ws.append([f"2026-03-{d:02d}", "08:00", "16:30", "Ana Souza" if d % 2 else "Ben Carter", "Support", 30])
    book.save(tmp_path / "shifts.xlsx")
    src = sk.load(tmp_path / "shifts.xlsx").sources[0]
    assert src.columns == ("Date", "Shift Start", "Shift End", "Name", "Task", "Break")


def test_section_titles_naming_weeks_date_the_weekdays_below_them(tmp_path):
    """'Week of 2 Mar 2026' over Mon/Tue rows, then 'Week of 9 Mar 2026': each block is its own week."""
    log = _log(tmp_path, "weeks.csv", "Day,Name,Task,Hours\nWeek of 2 Mar 2026\nMon,Ana Souza,Support,3\n"
               "Tue,Ana Souza,Billing,4\nWeek of 9 Mar 2026\nMon,Ana Souza,Support,2\nFri,Ben Carter,Training,6\n")
    assert sorted(d.isoformat() for d in log.frame["date"].dt.date) == [
        "2026-03-02", "2026-03-03", "2026-03-09", "2026-03-13"]
    assert any("section title above them" in w for w in log.warnings)


def test_choosing_another_hours_column_drops_the_minutes_part(tmp_path):
    import storykit as sk

    path = tmp_path / "parts.csv"
    path.write_text("Name,Datum,Projekt,Std.,Min.,Andere\n" + "".join(
        f"Anna Schmidt,0{d}.03.2026,Support,{d % 3},{15 * (d % 4)},9\n" for d in range(2, 10)))
    assert sk.load(path).sources[0].mapping["minutes"] == "Min."
    log = sk.load(path, mappings={str(path): {"hours": "Andere"}})
    assert "minutes" not in log.sources[0].mapping and log.total_hours == pytest.approx(72)
