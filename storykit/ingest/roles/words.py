"""The words people use in column headers, per role and language, and the spellings of time units.

Data only: header.py matches these against a header's tokens (words, stems, compounds), and
the assignment weighs what they say against the column's values. Words are written without
accents (matching folds accents), lower case. A phrase of two words matches only when both
are in the header; its weight says how surely it names the role on its own.

Languages: English, German, French, Spanish, Dutch, Czech, and the common words of Italian,
Portuguese and Polish (person, start/end, break, category, description).
"""

from __future__ import annotations

_DATE = ("date", "datum", "fecha", "datos", "data", "jour", "dia", "dag", "den", "day", "tag", "datetime")
_END = ("end", "stop", "ende", "bis", "fin", "finish", "until", "eind", "konec", "hasta", "ending", "ended", "out",
        "termino", "koniec")
_START = ("start", "begin", "beginn", "debut", "inicio", "zacatek", "aanvang", "started", "starting", "inizio",
          "poczatek")
#: "Type of work" in each language, word by word: Work type, Arbeitsart, Typ práce, Tipo de trabajo, Soort werk.
_WORK = ("work", "arbeit", "arbeits", "travail", "trabajo", "werk", "prace", "lavoro")
_TYPE = ("type", "typ", "tipo", "art", "soort", "druh", "kind", "nature", "sorte")
#: "Worked" in each language (a participle that qualifies a noun): with a word for time it is the time worked
#: ("Tiempo trabajado", "Gewerkte tijd"), with a word for a day it is the day ("Día trabajado", "Day worked").
WORKED = ("worked", "spent", "logged", "tracked", "gearbeitet", "travaille", "trabajado", "trabajada", "gewerkt",
          "odpracovano", "odpracovany", "lavorato", "lavorata", "trabalhado", "trabalhada")
_TIME = ("time", "zeit", "heure", "hora", "tijd", "cas", "uhrzeit", "clock", "timestamp", "zeitpunkt", "ora", "orario",
         "godzina")

#: Words for a date in languages that write the day before the month (German, Dutch, Czech, Spanish, Italian,
#: Portuguese, Polish, French 'jour', ...): a date column named so is read day first, not asked about.
#: English 'date'/'day' (and French 'date') say nothing: the US writes the month first.
DAY_FIRST_DATE_WORDS = frozenset({"datum", "fecha", "data", "datos", "jour", "dia", "dag", "den", "dne", "tag",
                                  "giorno", "dzien", "datas", "datums", "paivamaara", "dato"})

#: role -> ((phrase, weight), ...). A phrase is one word or a tuple of words that must all appear.
WORDS: dict[str, tuple[tuple[str | tuple[str, ...], float], ...]] = {
    "date": (
        *((w, 1.0) for w in ("date", "datum", "fecha", "datetime")),
        ("data", 0.6), ("jour", 0.8), ("dia", 0.7), ("dag", 0.7), ("den", 0.5), ("day", 0.7), ("tag", 0.4),
        (("spent", "on"), 0.9), (("worked", "on"), 0.9), ("period", 0.5), ("week", 0.5), ("when", 0.5),
        ("timestamp", 0.5), ("zeitpunkt", 0.5), ("started", 0.5), ("created", 0.3), ("fecha", 1.0),
        ("datos", 0.3), ("dne", 0.5),
    ),
    "end_date": (
        *(((e, d), 1.0) for e in _END for d in _DATE if d not in ("day", "tag", "den")),
        (("week", "ending"), 1.0), (("period", "end"), 1.0), (("to", "date"), 0.8), (("date", "to"), 0.8),
    ),
    "start": (
        *((w, 0.8) for w in _START), ("from", 0.6), ("von", 0.6), ("od", 0.4), ("desde", 0.6), ("in", 0.3),
        *(((s, t), 1.0) for s in (*_START, "from", "von") for t in _TIME),
        (("clock", "in"), 1.0), (("time", "in"), 1.0), (("punch", "in"), 1.0), (("check", "in"), 1.0),
        ("kommen", 0.7), ("entrada", 0.8), ("arrivee", 0.8), ("login", 0.5), (("log", "in"), 0.6),
        ("entrata", 0.8), ("wejscie", 0.8),
    ),
    "end": (
        *((w, 0.8) for w in _END), ("to", 0.5), ("do", 0.3), ("out", 0.3), ("stopped", 0.6),
        *(((e, t), 1.0) for e in (*_END, "to") for t in _TIME),
        (("clock", "out"), 1.0), (("time", "out"), 1.0), (("punch", "out"), 1.0), (("check", "out"), 1.0),
        ("gehen", 0.7), ("salida", 0.8), ("depart", 0.7), ("logout", 0.5), (("log", "out"), 0.6),
        ("saida", 0.8), ("uscita", 0.8), ("wyjscie", 0.8), ("fine", 0.5),
    ),
    "hours": (
        *((w, 1.0) for w in ("hours", "hrs", "duration", "dauer", "duree", "duracion", "duur", "stunden",
                             "heures", "horas", "uren", "hodiny", "std")),
        *((w, 0.9) for w in ("hour", "aufwand", "minutes", "seconds", "stunde", "hodin", "hod", "ore", "durata",
                             *WORKED)),
        *((w, 0.5) for w in ("time", "zeit", "temps", "tiempo", "tijd", "cas", "doba", "length", "talk", "handle",
                             "effort", "wrap", "minuten", "sekunden", "istzeit", "total", "sum", "summe")),
        *(((t, w), 1.0) for t in ("time", "zeit", "temps", "tiempo", "tijd", "cas", "doba") for w in WORKED),
        (("work", "time"), 0.9),
        (("arbeits", "zeit"), 1.0), (("temps", "passe"), 1.0), (("tiempo", "dedicado"), 1.0),
        (("bestede", "tijd"), 1.0), (("odpracovano",), 1.0), (("vykazano",), 0.9), ("regular", 0.3),
        ("worklog", 0.6), ("billable", 0.2),
    ),
    "break": (
        *((w, 1.0) for w in ("break", "pause", "mealbreak", "descanso", "pauza", "pausenzeit", "pauze", "pausa",
                             "przerwa", "prestavka")),
        ("intervalo", 0.8), ("almoco", 0.7), ("pranzo", 0.7),
        ("lunch", 0.8), ("meal", 0.7), ("mittagspause", 1.0), ("repas", 0.7), ("rest", 0.4), ("unpaid", 1.0),
    ),
    "person": (
        *((w, 1.0) for w in ("user", "person", "employee", "mitarbeiter", "mitarbeiterin", "benutzer",
                             "utilisateur", "employe", "collaborateur", "empleado", "usuario", "trabajador",
                             "medewerker", "gebruiker", "werknemer", "clen", "uzivatel", "pracovnik",
                             "zamestnanec", "username", "dipendente", "utente", "colaborador", "funcionario",
                             "pracownik", "uzytkownik", "collaboratore", "utilizador")),
        *((w, 0.9) for w in ("member", "staff", "agent", "worker", "nutzer", "bearbeiter", "salarie", "intervenant",
                             "persona", "personne", "technician", "consultant", "people", "teammate", "operator",
                             "operatore", "operador", "operatrice", "risorsa")),
        ("name", 0.6), ("nom", 0.5), ("nombre", 0.5), ("naam", 0.5), ("jmeno", 0.5), ("who", 0.7),
        ("author", 0.8), ("resource", 0.7), ("owner", 0.6), ("assignee", 0.6), ("login", 0.4), ("resitel", 0.8),
        (("full", "name"), 1.0), (("team", "member"), 1.0), (("nom", "complet"), 1.0), (("logged", "by"), 1.0),
        (("tracked", "by"), 1.0), (("worked", "by"), 1.0), (("assigned", "to"), 1.0), (("display", "name"), 0.9), (("vollstandiger", "name"), 1.0),
        ("angestellter", 1.0), ("angestellte", 1.0), ("kollege", 0.8),
    ),
    "first_name": (
        (("first", "name"), 1.0), (("given", "name"), 1.0), ("forename", 1.0), ("vorname", 1.0), ("prenom", 1.0),
        ("voornaam", 1.0), ("first", 0.6), ("firstname", 1.0), ("krestni", 1.0), ("imie", 0.9),
    ),
    "last_name": (
        (("last", "name"), 1.0), (("family", "name"), 1.0), ("surname", 1.0), ("nachname", 1.0),
        ("familienname", 1.0), ("famille", 0.9), ("apellido", 1.0), ("apellidos", 1.0), ("achternaam", 1.0),
        ("prijmeni", 1.0), ("last", 0.5), ("lastname", 1.0), ("cognome", 1.0), ("sobrenome", 1.0), ("nazwisko", 1.0),
    ),
    "email": (("email", 1.0), ("mail", 0.9), ("courriel", 1.0), ("correo", 0.9), ("emailadres", 1.0)),
    "activity": (
        *((w, 1.0) for w in ("activity", "category", "tatigkeit", "aktivitat", "kategorie", "activite", "categorie",
                             "actividad", "categoria", "activiteit", "aktivita", "cinnost", "leistungsart",
                             "attivita", "atividade", "czynnosc", "kategoria")),
        ("stato", 0.6), ("estado", 0.5), ("setor", 0.5), ("settore", 0.5),
        ("type", 0.7), ("tipo", 0.7), ("art", 0.5), ("soort", 0.6), ("druh", 0.6), ("nature", 0.7), ("kind", 0.6),
        ("code", 0.5), ("state", 0.6), ("status", 0.5), ("reason", 0.5), ("aux", 0.8), ("presence", 0.6),
        ("account", 0.7), ("konto", 0.7), ("compte", 0.7), ("tags", 0.6), ("tag", 0.5), ("label", 0.6),
        ("labels", 0.6), ("leistung", 0.8), ("position", 0.6), ("area", 0.6), ("job", 0.5), ("queue", 0.5),
        ("tracker", 0.5), ("skill", 0.5), ("disposition", 0.5), ("earning", 0.6), (("pay", "code"), 0.8),
        (("pay", "type"), 0.8), *(((w, t), 1.0) for w in _WORK for t in _TYPE), (("time", "type"), 0.9),
        (("hour", "type"), 0.9), ("typ", 0.7),
        ("fronta", 0.5), ("role", 0.4), ("service", 0.5), ("shift", 0.4), ("absence", 0.5), ("class", 0.5),
    ),
    "project": (
        *((w, 1.0) for w in ("project", "projekt", "projet", "proyecto", "projecto", "progetto", "projeto")),
        ("zakazka", 0.8), ("matter", 0.7), ("engagement", 0.7), ("job", 0.4), ("board", 0.5), ("space", 0.4),
        ("workspace", 0.4), ("folder", 0.4), ("list", 0.3), ("portfolio", 0.4),
    ),
    "task": (
        *((w, 1.0) for w in ("task", "tasks", "aufgabe", "tache", "tarea", "taak", "ukol", "tarefa", "compito",
                             "zadanie")),
        ("ticket", 0.9), ("issue", 0.9), ("vorgang", 0.8), ("case", 0.6), ("story", 0.5), ("card", 0.5),
        ("incident", 0.7), ("request", 0.5), ("item", 0.5), (("issue", "key"), 1.0), (("work", "item"), 0.9),
        ("subtask", 0.8), ("milestone", 0.4), ("phase", 0.4), (("to", "do"), 1.0), ("todo", 1.0),
    ),
    "client": (
        *((w, 1.0) for w in ("client", "customer", "kunde", "klient", "cliente", "klant", "zakaznik")),
        ("mandant", 0.9), ("auftraggeber", 0.9), ("company", 0.6), ("organization", 0.6), ("organisation", 0.6),
        ("firma", 0.7), ("account", 0.3), ("requester", 0.5), ("odberatel", 0.8),
    ),
    "team": (
        *((w, 1.0) for w in ("team", "abteilung", "equipe", "departamento", "equipo", "afdeling", "oddeleni")),
        ("group", 0.9), ("gruppe", 0.9), ("department", 0.9), ("skupina", 0.9), ("division", 0.8),
        ("location", 0.5), ("site", 0.5), ("hierarchy", 0.5), (("routing", "profile"), 0.6), ("branch", 0.5),
        ("standort", 0.5), ("groupname", 1.0),
    ),
    "description": (
        *((w, 1.0) for w in ("description", "notes", "note", "comment", "comments", "beschreibung", "kommentar",
                             "bemerkung", "notiz", "commentaire", "remarque", "descripcion", "comentario",
                             "omschrijving", "opmerking", "popis", "komentar", "poznamka", "anmerkung",
                             "descrizione", "descricao", "observacao", "observacoes", "opis", "uwagi")),
        ("details", 0.9), ("memo", 0.9), ("remarks", 0.9), ("summary", 0.6), ("subject", 0.7), ("title", 0.6),
        ("predmet", 0.7), ("text", 0.5), ("what", 0.5), ("nota", 0.9), ("zusammenfassung", 0.6), ("resume", 0.6),
        ("work", 0.2), ("narrative", 0.8), ("message", 0.5),
    ),
    "billable": (
        ("billable", 1.0), ("chargeable", 1.0), ("abrechenbar", 1.0), ("facturable", 1.0), ("fakturovatelne", 1.0),
        ("declarable", 0.9), ("billing", 0.6), ("invoiceable", 1.0), ("verrechenbar", 1.0),
    ),
}

#: Why a rate column is not time; an amount equal to a time times it is money (time_worked.amounts_at_a_rate).
A_RATE = "a rate (money per hour), not time"
#: A header word that means a column is not the time logged, and why (first match wins).
NOT_LOGGED: tuple[tuple[tuple[str, ...], str], ...] = (
    (("rounded", "round", "gerundet", "arrondi", "redondeado", "afgerond", "zaokrouhleno"),
     "rounded for invoicing, not the time logged"),
    (("billed", "invoiced", "abgerechnet", "verrechnet", "fakturiert", "facturees", "facture", "facturee",
      "facturado", "gefactureerd", "fakturovano"), "hours billed to the client, not the time logged"),
    (("external", "extern", "externe", "externes", "externo"), "external (client-facing) hours, not the time logged"),
    (("rate", "satz", "stundensatz", "taux", "tarif", "tarifa", "tarief", "sazba"), A_RATE),
    (("amount", "cost", "costs", "price", "betrag", "kosten", "preis", "montant", "cout", "prix", "importe", "costo",
      "coste", "precio", "bedrag", "prijs", "castka", "cena", "naklady", "pay", "wage", "wages", "salary", "lohn",
      "earnings", "revenue", "currency", "usd", "eur", "gbp", "chf"), "money, not time"),
    (("estimate", "estimated", "remaining", "budget", "planned", "scheduled", "rostered", "forecast", "target",
      "soll", "sollzeit", "geplant", "geschatzt", "prevu", "estime", "planifie", "estimado", "planificado",
      "gepland", "geschat", "odhad", "expected", "quota", "original"), "planned time, not the time logged"),
    (("overtime", "uberstunden"), "overtime is part of the logged time, not extra to it"),
    (("cumulative", "running", "balance", "saldo", "accrued", "ytd"), "a running total, not one entry's time"),
    (("paid",), "paid time, not the time logged"),
)
#: Person words that say only "name": beside a first-name column such a column is the last name, and so on.
GENERIC_NAMES = ("name", "nom", "nombre", "naam", "jmeno", "nome")
#: Last words of a header that name an identifier (an entry's number, a ticket's key), never a quantity.
IDENTIFIERS = ("id", "key", "no", "nr", "number", "nummer", "numero", "cislo", "ref", "reference", "uuid", "guid")
#: Words that mark a billable *amount of time* only next to a duration word (Billable hours).
BILLABLE_TIME = ("billable", "chargeable", "abrechenbar", "facturable", "non")

#: Unit -> spellings in headers (a whole token, in brackets, after a comma, or run into a word).
UNITS: dict[str, tuple[str, ...]] = {
    "hours": ("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden", "heure", "heures", "hora", "horas",
              "uur", "uren", "hod", "hodiny", "hodin", "ore", "decimal", "dezimal", "decimale", "dec"),
    "minutes": ("m", "min", "mins", "minute", "minutes", "minuten", "minuty", "minut", "minutos", "minuti", "mn"),
    "seconds": ("s", "sec", "secs", "seg", "second", "seconds", "sek", "sekunden", "secondes", "segundos", "seconden",
                "sekundy", "sekund", "secondi"),
    "milliseconds": ("ms", "msec", "msecs", "millis", "millisecond", "milliseconds", "millisekunden",
                     "millisecondes"),
}
#: Hours in one of each unit.
PER_HOUR = {"hours": 1.0, "minutes": 60.0, "seconds": 3600.0, "milliseconds": 3_600_000.0}

#: Nouns of other roles: "Project name" names the project, not a person.
OTHER_NOUNS = ("project", "projekt", "projet", "client", "customer", "kunde", "task", "activity", "account",
               "team", "group", "tag", "category", "location", "area", "company", "issue", "file", "queue", "skill",
               "department", "konto", "compte", "ticket", "job", "site", "position", "role", "tatigkeit",
               "aktivitat", "aufgabe", "vorgangs", "organization", "organisation", "workspace", "board", "list",
               "folder", "phase", "routing", "profile", "state", "status", "presence")
