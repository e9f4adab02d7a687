"""Perturbations of a time log that keep its meaning, and whether the reader still reads it exactly.

A perturbation renames the headers (a synonym of the column's role from our vocabulary, or from
the hand-written spellings below that the vocabulary does not hold verbatim; in EN/DE/FR/ES/NL/CS;
with a unit in brackets, after a comma, abbreviated, with a dot, run into the word; in another
case and punctuation), reorders the columns and may convert the time worked to another unit,
values and all. tests/test_perturbation.py draws them with hypothesis; this module also measures:

    .venv/bin/python -m tests.perturb --draws 8            # share of perturbations read exactly
    .venv/bin/python -m tests.perturb --draws 8 --typos    # the same with one typo in each renamed header
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell

import storykit as sk
from storykit.errors import StoryKitError
from storykit.ingest.roles import read_header
from storykit.ingest.roles.words import PER_HOUR, WORDS

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "de", "fr", "es", "nl", "cs")

#: Headers a person would read as each role, written here by hand: none of them is a whole entry of
#: the vocabulary, so they measure whether the reader generalises, not the vocabulary against itself.
SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "hours": {
        "en": ("Time tracked", "Hours worked", "Logged time", "Time booked", "Work duration", "Actual hours",
               "Elapsed time", "Time recorded"),
        "de": ("Arbeitszeit", "Gearbeitete Stunden", "Erfasste Zeit", "Ist-Stunden", "Gebuchte Zeit", "Zeitaufwand",
               "Dauer der Tätigkeit"),
        "fr": ("Temps de travail", "Heures travaillées", "Durée passée", "Temps saisi", "Temps consacré"),
        "es": ("Horas dedicadas", "Tiempo trabajado", "Duración del trabajo", "Horas registradas",
               "Tiempo invertido"),
        "nl": ("Gewerkte uren", "Gewerkte tijd", "Geboekte uren", "Tijdsduur", "Bestede uren"),
        "cs": ("Odpracované hodiny", "Strávený čas", "Doba práce", "Vykázané hodiny", "Trvání"),
    },
    "date": {
        "en": ("Entry date", "Date worked", "Work day", "Booking date", "Day of work", "Logged on"),
        "de": ("Buchungsdatum", "Leistungsdatum", "Arbeitstag", "Datum der Buchung", "Erfasst am"),
        "fr": ("Date de saisie", "Jour travaillé", "Date de la prestation", "Date du travail"),
        "es": ("Fecha de trabajo", "Día", "Fecha del registro", "Fecha de la tarea"),
        "nl": ("Werkdag", "Boekingsdatum", "Datum van het werk"),
        "cs": ("Datum práce", "Den", "Datum výkazu"),
    },
    "person": {
        "en": ("Employee name", "Staff member", "Team member", "Resource name", "Consultant", "Worked by",
               "Agent name", "Technician"),
        "de": ("Mitarbeiter/in", "Name des Mitarbeiters", "Mitarbeitername", "Bearbeiter", "Angestellte(r)"),
        "fr": ("Nom de l'employé", "Salarié", "Intervenant", "Ressource", "Collaborateur/trice"),
        "es": ("Nombre del empleado", "Empleado/a", "Trabajador", "Técnico"),
        "nl": ("Naam medewerker", "Werknemer", "Medewerkersnaam"),
        "cs": ("Jméno pracovníka", "Zaměstnanec", "Řešitel"),
    },
    "activity": {
        "en": ("Type of work", "Work category", "Activity type", "Category name", "Kind of work"),
        "de": ("Art der Tätigkeit", "Tätigkeitsart", "Kategorie", "Tätigkeiten"),
        "fr": ("Type d'activité", "Nature de l'activité", "Catégorie d'activité"),
        "es": ("Tipo de actividad", "Categoría", "Actividad realizada"),
        "nl": ("Soort werk", "Activiteit", "Categorie"),
        "cs": ("Druh činnosti", "Typ práce", "Kategorie"),
    },
    "first_name": {"en": ("Given name", "First"), "de": ("Vorname",), "fr": ("Prénom",), "es": ("Nombre",),
                   "nl": ("Voornaam",), "cs": ("Jméno",)},
    "last_name": {"en": ("Surname", "Last"), "de": ("Nachname", "Familienname"), "fr": ("Nom", "Nom de famille"),
                  "es": ("Apellidos", "Apellido"), "nl": ("Achternaam",), "cs": ("Příjmení",)},
    "start": {"en": ("Clock-in", "Time in", "Started at", "Start time"), "de": ("Beginn", "Von", "Kommen"),
              "fr": ("Heure de début", "Début"), "es": ("Hora de inicio", "Entrada"), "nl": ("Begintijd", "Begin"),
              "cs": ("Začátek", "Čas od")},
    "end": {"en": ("Clock-out", "Time out", "Ended at", "End time"), "de": ("Ende", "Bis", "Gehen"),
            "fr": ("Heure de fin", "Fin"), "es": ("Hora de fin", "Salida"), "nl": ("Eindtijd", "Einde"),
            "cs": ("Konec", "Čas do")},
    "break": {"en": ("Unpaid break", "Lunch break", "Break"), "de": ("Pause", "Pausenzeit"), "fr": ("Pause",),
              "es": ("Descanso", "Pausa"), "nl": ("Pauze",), "cs": ("Přestávka", "Pauza")},
    "end_date": {"en": ("End date", "Date ended"), "de": ("Enddatum", "Ende Datum"), "fr": ("Date de fin",),
                 "es": ("Fecha de fin",), "nl": ("Einddatum",), "cs": ("Datum konce",)},
    "email": {"en": ("E-mail address", "Work email"), "de": ("E-Mail-Adresse",), "fr": ("Adresse e-mail",),
              "es": ("Correo electrónico",), "nl": ("E-mailadres",), "cs": ("E-mailová adresa",)},
    "client": {"en": ("Customer name", "Client"), "de": ("Kunde",), "fr": ("Client",), "es": ("Cliente",),
               "nl": ("Klant",), "cs": ("Zákazník",)},
    "project": {"en": ("Project name",), "de": ("Projektname",), "fr": ("Nom du projet",),
                "es": ("Proyecto",), "nl": ("Projectnaam",), "cs": ("Projekt",)},
    "task": {"en": ("Task name", "Ticket"), "de": ("Aufgabe",), "fr": ("Tâche",), "es": ("Tarea",),
             "nl": ("Taak",), "cs": ("Úkol",)},
    "team": {"en": ("Team name", "Department"), "de": ("Abteilung",), "fr": ("Équipe",), "es": ("Equipo",),
             "nl": ("Afdeling",), "cs": ("Oddělení",)},
    "description": {"en": ("Notes", "Work description"), "de": ("Beschreibung",), "fr": ("Commentaire",),
                    "es": ("Descripción",), "nl": ("Omschrijving",), "cs": ("Popis",)},
    "billable": {"en": ("Billable?", "Is billable"), "de": ("Abrechenbar",), "fr": ("Facturable",),
                 "es": ("Facturable",), "nl": ("Declarabel",), "cs": ("Fakturovatelné",)},
}

#: Units as people write them, by language, including spellings the vocabulary lacks (with a dot,
#: abbreviated, milli- compounds of other languages).
UNIT_SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "hours": {"en": ("h", "hrs", "hrs.", "hours", "hr."), "de": ("Std.", "Stunden", "h"), "fr": ("h", "heures"),
              "es": ("h", "horas"), "nl": ("uur", "u."), "cs": ("hod.", "h", "hodiny")},
    "minutes": {"en": ("min", "mins", "minutes", "mins."), "de": ("Min.", "Minuten", "min"),
                "fr": ("min", "minutes", "mn"), "es": ("min", "minutos"), "nl": ("min.", "minuten"),
                "cs": ("min.", "minuty", "minut")},
    "seconds": {"en": ("s", "sec", "secs", "seconds", "sec."), "de": ("Sek.", "Sekunden", "s"),
                "fr": ("s", "secondes"), "es": ("s", "segundos", "seg."), "nl": ("sec.", "seconden"),
                "cs": ("s", "sekundy", "sek.")},
    "milliseconds": {"en": ("ms", "millis", "milliseconds", "msec"), "de": ("ms", "Millisekunden"),
                     "fr": ("ms", "millisecondes"), "es": ("ms", "milisegundos"), "nl": ("ms", "milliseconden"),
                     "cs": ("ms", "milisekundy")},
}
#: How a unit is attached to a header's words.
UNIT_STYLES = ("{w} ({u})", "{w} [{u}]", "{w}, {u}", "{w} in {u}", "{w}_{u}", "{w} - {u}", "{w} {u}", "{w}/{u}")
CASES = ("as is", "upper", "lower", "title", "snake", "camel", "ascii", "colon", "star", "spaces")


# --- the inputs ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fixture:
    path: Path
    truth: dict


def fixtures() -> list[Fixture]:
    """Every log of tests/fixtures, tests/corpus and sample_data with its truth."""
    out = []
    for folder in ("tests/fixtures", "tests/corpus"):
        for t in sorted((ROOT / folder).glob("*.truth.json")):
            truth = json.loads(t.read_text())
            if "error" not in truth:
                out.append(Fixture(t.with_name(t.name.removesuffix(".truth.json")), truth))
    samples = json.loads((ROOT / "sample_data" / "ground_truth.json").read_text())
    out += [Fixture(ROOT / "sample_data" / name, truth) for name, truth in sorted(samples.items())]
    return out


@dataclass(frozen=True)
class Original:
    """How the unperturbed file reads: which header cell plays which role, and each row's hours."""

    roles: dict[int, str]  # index in the header row -> role
    headers: tuple[str, ...]
    header_row: int
    sheets: tuple[str | None, ...]  # every sheet the log was read from (a workbook's tabs of one shape)
    unit: str
    hours_by_row: dict[tuple[str | None, int], float]  # (sheet, row number) -> hours read (for converting units)
    numeric_hours: bool  # the time worked is written as plain numbers
    wide: bool
    summary: bool


# --- the file as rows of cells, and back -----------------------------------------------------------------------

@dataclass
class Table:
    """A file's cells, the header row found in it, and how to write it back in its own format."""

    rows: list[list[object]]
    header_at: int  # 0-based index into rows
    write: object = field(repr=False)  # Callable[[Table], bytes]
    formulas: bool = False


def _encoding(data: bytes) -> str:
    """The fixture's own encoding: a BOM, UTF-8, else the first 8-bit page that decodes it (a Mac Roman
    file has bytes Windows-1252 leaves undefined); it is written back in the same one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    for encoding in ("utf-8", "cp1252", "mac_roman"):
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def read_tables(path: Path, header_row: int, sheets: tuple[str | None, ...]) -> list[Table]:
    """The table of each sheet the log was read from (one for a text file), written back together."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return [_read_sheet(book, book[sheet] if sheet else book.active, header_row) for sheet in sheets]
    encoding = _encoding(data)
    text = data.decode(encoding)
    ending = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    line = text.splitlines()[header_row - 1]
    delimiter = max(",;\t|", key=lambda d: len(next(csv.reader([line], delimiter=d))))
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]

    def write(table: Table) -> bytes:
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator=ending).writerows(table.rows)
        try:
            return out.getvalue().encode(encoding)
        except UnicodeEncodeError:  # Czech in a Windows-1252 file: its users write those letters unaccented
            return out.getvalue().encode(encoding, errors="fold")
    return [Table(rows, header_row - 1, write)]


def _read_sheet(book: openpyxl.Workbook, ws, header_row: int) -> Table:  # type: ignore[no-untyped-def]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    formats = [[c.number_format for c in r] for r in ws.iter_rows()]
    formulas = any(isinstance(v, str) and v.startswith("=") for r in rows for v in r)

    def write(table: Table) -> bytes:
        for i, (row, fmts) in enumerate(zip(table.rows, table.formats, strict=True)):  # type: ignore[attr-defined]
            for j, (value, fmt) in enumerate(zip(row, fmts, strict=True)):
                cell = ws.cell(i + 1, j + 1)
                if not isinstance(cell, MergedCell):  # covered by a merged range: it holds nothing of its own
                    cell.value, cell.number_format = value, fmt
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    table = Table(rows, header_row - 1, write, formulas)
    table.formats = formats  # type: ignore[attr-defined]
    return table


def _fold_error(error: UnicodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]  # type: ignore[attr-defined]
    return case(bad, "ascii"), error.end  # type: ignore[attr-defined]


codecs.register_error("fold", _fold_error)
_REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?\d+)")


def _letters(n: int) -> str:
    return openpyxl.utils.get_column_letter(n + 1)


def reorder(table: Table, order: list[int]) -> None:
    """Columns in the new `order` (old indices) from the header row down; formulas follow their cells."""
    width = len(table.rows[table.header_at])
    moved = {_letters(old): _letters(new) for new, old in enumerate(order)}
    for i in range(table.header_at, len(table.rows)):
        row = table.rows[i]
        if len(row) < width:
            if not any(str(v or "").strip() for v in row):
                continue
            row.extend([""] * (width - len(row)))
        table.rows[i] = [_move_refs(row[j], moved) for j in order] + row[width:]
        if hasattr(table, "formats"):
            f = table.formats[i]  # type: ignore[attr-defined]
            table.formats[i] = [f[j] for j in order] + f[width:]  # type: ignore[attr-defined]


def _move_refs(value: object, moved: dict[str, str]) -> object:
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    return _REF.sub(lambda m: m[1] + moved.get(m[2], m[2]) + m[3], value)


# --- what a header may be renamed to ---------------------------------------------------------------------------

def _word_forms(role: str) -> tuple[str, ...]:
    """The vocabulary's own strong words for a role (weight >= 0.9), units left out."""
    out = []
    for phrase, weight in WORDS.get(role, ()):
        text = phrase if isinstance(phrase, str) else " ".join(phrase)
        if weight >= 0.9 and not (role != "hours" and read_header(text).unit) and text not in (
                "minutes", "seconds", "billable"):
            out.append(text)
    return tuple(out)


def says_hours(text: str) -> bool:
    """A name that is itself a word for hours ('Stunden', 'Hours worked'): it cannot hold minutes."""
    return read_header(text).unit == "hours"


def case(text: str, style: str) -> str:
    words = re.findall(r"[^\W_]+", text)
    if style == "upper":
        return text.upper()
    if style == "lower":
        return text.lower()
    if style == "title":
        return text.title()
    if style == "snake":
        return "_".join(w.lower() for w in words) or text
    if style == "camel":
        return "".join(w.lower() if i == 0 else w[:1].upper() + w[1:].lower() for i, w in enumerate(words)) or text
    if style == "ascii":
        return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if style == "colon":
        return text + ":"
    if style == "star":
        return text + " *"
    if style == "spaces":
        return f"  {text} "
    return text


def with_unit(words: str, unit_text: str, style: str, case_style: str) -> str:
    if case_style in ("snake", "camel"):
        u = re.sub(r"\W", "", unit_text)
        return f"{words}_{u.lower()}" if case_style == "snake" else words + u[:1].upper() + u[1:].lower()
    return style.format(w=words, u=unit_text)


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard in the header's longest word: a letter dropped, doubled or swapped."""
    words = re.findall(r"[^\W\d_]{5,}", text)
    if not words:
        return text
    w = max(words, key=len)
    i = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    slip = w[:i] + w[i + 1:] if kind == "drop" else w[:i] + w[i] + w[i:] if kind == "double" else \
        w[:i - 1] + w[i] + w[i - 1] + w[i + 1:]
    return text.replace(w, slip, 1)


# --- the plan of one perturbation, drawn by hypothesis or by a random generator --------------------------------

@dataclass(frozen=True)
class Plan:
    names: dict[int, str]  # header index -> new name
    order: tuple[int, ...]  # new column order (old indices)
    unit: str | None  # the hours column converted to this unit (values too), None to keep
    removed: str | None  # why the renamed file cannot say what the original said, or None

    def describe(self, original: Original) -> str:
        renamed = {original.headers[i]: n for i, n in self.names.items() if original.headers[i] != n}
        return f"renamed {renamed}, order {list(self.order)}, unit {self.unit}" + (
            f", removed: {self.removed}" if self.removed else "")


def draw_plan(original: Original, draw, typos: bool = False) -> Plan:  # type: ignore[no-untyped-def]
    """A plan from `draw(kind, options)`, which picks one of `options` (hypothesis or random), or for
    kind "order" a permutation of them."""
    lang = draw("language", LANGS)
    hand = draw("spellings", ("vocabulary", "hand-written"))
    unit_style = draw("unit style", UNIT_STYLES)
    names: dict[int, str] = {}
    unit, removed = None, None
    hours_unit: str | None = None
    for i, header in enumerate(original.headers):
        role = original.roles.get(i)
        style = draw(f"case of {header!r}", CASES)
        if original.wide and role is None:
            names[i] = header  # a day of the grid: its date is its name
            continue
        if role is None:
            names[i] = case(header, style) if header.strip() else header
            continue
        said = read_header(header).unit
        if role == "hours":
            hours_unit = original.unit if original.numeric_hours else None  # 1:30 and 1h 30m carry their unit
            if original.hours_by_row and not original.wide and not original.summary:
                target = draw("unit", (None, "hours", "minutes", "seconds", "milliseconds"))
                if target is not None and (target != original.unit or not original.numeric_hours):
                    unit = hours_unit = target  # the values are converted to it
        words = _synonym(role, lang, hand, draw, hours_unit)
        text = case(words, style if style not in ("colon", "star", "spaces") else "as is")
        if role == "hours" and hours_unit:
            if unit or draw("say the unit", (True, True, False)):
                text = with_unit(text, draw("unit spelling", UNIT_SPELLINGS[hours_unit][lang]), unit_style, style)
            elif said and hours_unit != "hours":
                removed = f"the unit {hours_unit} was in the name {header!r}; {text!r} does not say it"
        elif role == "break" and said:
            text = with_unit(text, draw("unit spelling", UNIT_SPELLINGS[said][lang]), unit_style, style)
        if style in ("colon", "star", "spaces"):
            text = case(text, style)
        if typos:
            text = typo(text, random.Random(draw("typo", range(1000))))
        names[i] = text
    names = _unique(names, original.headers)
    order = tuple(range(len(original.headers)))
    if not original.wide:  # a grid's days stay in their order; "order" asks for a permutation of the options
        order = tuple(draw("order", order))
    return Plan(names, order, unit, removed)


def _synonym(role: str, lang: str, hand: str, draw, hours_unit: str | None) -> str:  # type: ignore[no-untyped-def]
    if hand == "hand-written" or role not in WORDS:
        options = SPELLINGS[role][lang] if role in SPELLINGS else _word_forms(role)
    else:
        options = _word_forms(role)
    if role == "hours" and hours_unit not in (None, "hours"):
        options = tuple(o for o in options if not says_hours(o)) or ("Duration",)
    return draw(f"name for {role}", options)


def _unique(names: dict[int, str], headers: tuple[str, ...]) -> dict[int, str]:
    """Two columns never share a name: a clash keeps the original header."""
    seen: dict[str, int] = {}
    out = dict(names)
    for i, n in names.items():
        key = n.strip().lower()
        if key in seen or (not key and headers[i].strip()):
            out[i] = headers[i]
        seen[out[i].strip().lower()] = i
    return out


# --- applying a plan and reading the result --------------------------------------------------------------------

@functools.cache
def original(path: Path) -> Original:
    log = sk.load(path)
    src = log.sources[0]
    sheets = src.sheets or (src.sheet,)
    table = read_tables(path, src.header_row or 1, sheets[:1])[0]
    headers = tuple("" if v is None else str(v) for v in table.rows[table.header_at])
    index = {h.strip(): i for i, h in enumerate(headers)}
    roles = {index[c.strip()]: r for r, c in src.mapping.items() if c.strip() in index}
    hours_by_row: dict[tuple[str | None, int], float] = {}
    hours_col = next((i for i, r in roles.items() if r == "hours"), None)
    numeric = False
    if hours_col is not None and src.kind != "summary":
        in_sheet = log.frame["sheet"] if len(sheets) > 1 else [sheets[0]] * len(log.frame)
        hours_by_row = dict(zip(zip(in_sheet, log.frame["row"], strict=True), log.frame["hours"], strict=True))
        cells = [r[hours_col] for r in table.rows[table.header_at + 1:] if len(r) > hours_col and r[hours_col]
                 not in (None, "")]
        numeric = bool(cells) and all(_is_number(c) for c in cells[:200])
    return Original(roles, headers, src.header_row or 1, sheets, src.unit, hours_by_row, numeric,
                    src.format in ("wide_grid", "wide_by_person"), src.kind == "summary")


def _is_number(v: object) -> bool:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True
    return bool(re.fullmatch(r"-?\d+(?:[.,]\d+)?", str(v).strip()))


def apply(path: Path, plan: Plan) -> bytes:
    """The file with the plan applied to every sheet the log was read from."""
    o = original(path)
    tables = read_tables(path, o.header_row, o.sheets)
    for sheet, table in zip(o.sheets, tables, strict=True):
        _apply(table, sheet, o, plan)
    return [table.write(table) for table in tables][-1]  # type: ignore[operator]  # one book: the last has all


def _apply(table: Table, sheet: str | None, o: Original, plan: Plan) -> None:
    header = table.rows[table.header_at]
    for i, name in plan.names.items():
        if name != o.headers[i]:  # a cell left alone keeps its type (a grid's day is a date)
            header[i] = name
    if plan.unit:
        col = next(i for i, r in o.roles.items() if r == "hours")
        comma = any(isinstance(r[col], str) and re.fullmatch(r"\d+,\d+", r[col].strip())
                    for r in table.rows[table.header_at + 1:] if len(r) > col)
        for i in range(table.header_at + 1, len(table.rows)):
            hours = o.hours_by_row.get((sheet, i + 1))
            if hours is None or len(table.rows[i]) <= col:
                continue
            value = round(hours * PER_HOUR[plan.unit], 6 if plan.unit == "hours" else 4)
            if hasattr(table, "formats"):
                table.rows[i][col] = value
                table.formats[i][col] = "General"  # type: ignore[attr-defined]
            else:
                text = f"{value:.6f}".rstrip("0").rstrip(".")
                table.rows[i][col] = text.replace(".", ",") if comma else text
    if list(plan.order) != sorted(plan.order):
        reorder(table, list(plan.order))


def read(fixture: Fixture, data: bytes) -> sk.TimeLog | str:
    try:
        return sk.load((fixture.path.name, data))
    except StoryKitError as e:
        return f"refused: {e}"


def differences(fixture: Fixture, log: sk.TimeLog | str) -> list[str]:
    """What a reading of the perturbed file gives other than the truth (empty when it reads exactly)."""
    if isinstance(log, str):
        return [log]
    truth = fixture.truth
    got = {"total": log.total_hours, "rows": len(log.frame), "people": log.people,
           "dates": [d.isoformat() for d in log.date_range] if log.date_range else None,
           "labels": sk.cube_of(log).hours_by("activity").to_dict()}
    want = {"total": truth["total_hours"], "rows": truth["rows"], "people": truth["people"],
            "dates": truth["date_range"], "labels": truth["hours_by_label"]}
    return [f"{k}: {got[k]!r} instead of {want[k]!r}"[:300] for k in want if not _same(got[k], want[k])]


def _same(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(abs(a[k] - b[k]) <= 0.011 for k in a)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 0.011
    return a == b


def judge(fixture: Fixture, plan: Plan, data: bytes) -> tuple[str, list[str]]:
    """("exact" | "asked" | "wrong", what differs). A reading may ask instead only when the plan removed what
    the file said, and then one of its answers must read exactly."""
    log = read(fixture, data)
    wrong = differences(fixture, log)
    src = log.sources[0] if not isinstance(log, str) else None
    if not wrong and (src is None or not src.needs_confirmation or fixture.truth.get("needs_confirmation")):
        return "exact", []
    if plan.removed and src is not None and src.question is not None:
        for option in src.question.options:
            answered = sk.load((fixture.path.name, data), mappings={fixture.path.name: option.mapping})
            if not differences(fixture, answered):
                return "asked", []
        return "wrong", [f"asked {src.question.text!r} but no answer reads exactly"]
    if not wrong:
        return "wrong", [f"reads exactly but asks: {src.doubts if src else ''}"]
    return "wrong", wrong + ([f"mapping {src.mapping}, unit {src.unit}"] if src else [])


def main() -> None:
    import argparse
    from collections import Counter

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=5, help="perturbations per file")
    parser.add_argument("--typos", action="store_true", help="one typo in every renamed header")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="files whose name contains this")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    for fixture in fixtures():
        if args.only and args.only not in fixture.path.name:
            continue
        o = original(fixture.path)
        for _ in range(args.draws):
            plan = draw_plan(o, lambda kind, options: rng.sample(list(options), len(options)) if kind == "order"
                             else rng.choice(list(options)), typos=args.typos)
            verdict, why = judge(fixture, plan, apply(fixture.path, plan))
            counts[verdict] += 1
            if verdict == "wrong":
                print(f"{fixture.path.name}: {plan.describe(o)}\n    " + "\n    ".join(why))
    total = sum(counts.values())
    print(f"{total} perturbations: {counts['exact']} exact, {counts['asked']} asked (information removed), "
          f"{counts['wrong']} wrong: {(counts['exact'] + counts['asked']) / max(total, 1):.1%} right")


if __name__ == "__main__":
    main()
