"""Which column plays which TimeLog role, decided from header names and told to the user.

Also knows the signatures of the export formats we recognise, and which columns look like
time but are not the logged time (rounded, billed, external hours, amounts): those are never
summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Role -> header spellings (normalised: lower case, single spaces, no punctuation at ends).
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "start date", "work date", "day", "datum", "spent on", "worklog date",
             "date worked", "entry date", "startdatum", "arbeitsdatum", "tag", "started",
             "work day", "fecha", "startdate", "date of work", "workdate", "date de travail", "jour",
             "week", "week of", "period", "period start"),
    "person": ("user", "person", "name", "employee", "full name", "username", "member", "agent",
               "agent name", "staff", "mitarbeiter", "benutzer", "author", "author name",
               "authorname", "worker", "employee name", "team member", "user name", "resource",
               "vollständiger name", "nutzer", "who", "nom complet", "utilisateur",
               "nom d'utilisateur", "employé", "collaborateur", "agent id"),
    "activity": ("activity", "category", "activity code", "activity name", "aux code", "work type",
                 "worktype", "code", "state", "tätigkeit", "aktivität", "kategorie", "activity type",
                 "type", "task type", "account", "account name", "konto", "project", "task",
                 "tags", "issue summary", "issuesummary", "projekt", "aufgabe", "summary",
                 "activity description", "compte", "nom du compte", "activité", "catégorie"),
    "hours": ("hours", "duration (decimal)", "duration", "duration (h)", "time", "time spent",
              "timespent", "time spent (h)", "hours worked", "stunden", "dauer", "logged hours",
              "time (h)", "total hours", "regular hours", "spent", "time spent (hours)",
              "arbeitszeit", "zeit", "duration (hours)", "hrs", "worked hours", "horas",
              "time spent (seconds)", "duration (minutes)", "minutes", "mins", "duration (min)",
              "seconds", "duration (seconds)", "time spent (minutes)", "time spent (seconds)",
              "heures", "durée", "temps passé", "hours logged", "time logged"),
    "start": ("start", "start time", "begin", "from", "clock in", "clock_in", "beginn", "von",
              "starttime", "start_time", "time in", "started at"),
    "end": ("end", "end time", "to", "clock out", "clock_out", "ende", "bis", "endtime",
            "end_time", "time out", "stopped at", "finish"),
    "end_date": ("end date", "enddatum", "stop date", "period end", "week ending"),
    "first_name": ("first name", "vorname", "firstname", "given name"),
    "last_name": ("last name", "nachname", "lastname", "surname", "family name"),
    "email": ("email", "e-mail", "work email", "user email", "mail", "email address"),
    "team": ("team", "group", "department", "abteilung", "gruppe"),
    "client": ("client", "customer", "kunde", "klient"),
    "project": ("project", "projekt", "project name"),
    "task": ("task", "aufgabe", "issue key", "issue", "issueid", "ticket", "ticket no", "tasks"),
    "description": ("description", "notes", "note", "comment", "beschreibung", "worklog description",
                    "work description", "kommentar", "notiz", "arbeitsbeschreibung",
                    "description du travail"),
    "billable": ("billable", "billable?", "chargeable", "abrechenbar"),
}

#: Headers that look like time but are not the logged time; never summed.
NOT_LOGGED_TIME = re.compile(
    r"rounded|billed|billable (hours|amount)|external|amount|rate|estimate|remaining|cost|"
    r"budget|overtime|break|pause|verrechnet|abgerechnet|extern|gerundet|betrag|factur|arrondi|"
    r"montant|taux|tarif|kosten|price|preis|prix",
    re.IGNORECASE,
)

#: Why a time-like column is not the logged time, by the word in its header (first match wins).
_NOT_LOGGED_WHY = (
    (r"rounded|gerundet|arrondi", "rounded for invoicing, not the time logged"),
    (r"billed|billable hours|abgerechnet|verrechnet|factur", "hours billed to the client, not the time logged"),
    (r"extern", "external (client-facing) hours, not the time logged"),
    (r"rate|taux|tarif", "a rate (money per hour), not time"),
    (r"amount|betrag|montant|cost|kosten|price|preis|prix", "money, not time"),
    (r"estimate|remaining|budget", "planned time, not the time logged"),
    (r"overtime", "overtime is part of the logged time, not extra to it"),
    (r"break|pause", "break time, not the time logged"),
)


def why_not_logged(header: str) -> str:
    n = normalise(header)
    for pattern, why in _NOT_LOGGED_WHY:
        if re.search(pattern, n):
            return why
    return "not the logged time"


@dataclass(frozen=True)
class Signature:
    """Headers that together identify one tool's export, and where its category label lives."""

    name: str
    headers: frozenset[str]
    category: tuple[str, ...]


SIGNATURES: tuple[Signature, ...] = (
    Signature("toggl_detailed", frozenset({"user", "email", "project", "start date", "start time",
                                           "end date", "end time", "duration"}), ("tags", "project")),
    Signature("toggl_detailed", frozenset({"email", "start date", "start time", "duration", "project",
                                           "client", "billable"}), ("tags", "project")),
    Signature("clockify_detailed", frozenset({"project", "client", "user", "start date", "start time",
                                              "duration (h)", "duration (decimal)"}), ("tags", "project")),
    Signature("harvest_detailed", frozenset({"date", "client", "project", "task", "hours",
                                             "first name", "last name"}), ("task", "project")),
    Signature("tempo_worklogs", frozenset({"issue key", "hours", "work date", "username"}),
              ("account name", "account", "work type", "issue summary", "project")),
    Signature("tempo_worklogs", frozenset({"vorgangsschlüssel", "stunden", "arbeitsdatum", "benutzername"}),
              ("account name", "account", "project", "issue summary")),
    Signature("kimai", frozenset({"date", "begin", "end", "duration", "user", "project", "activity"}),
              ("activity", "project")),
    Signature("kimai", frozenset({"date", "from", "to", "duration", "user", "customer", "project", "activity"}),
              ("activity", "project")),
    Signature("tempo_worklogs", frozenset({"clé de ticket", "heures", "date de travail", "nom d'utilisateur"}),
              ("account name", "account", "project", "issue summary")),
    Signature("justworks_weekly_hours", frozenset({"first name", "last name", "work email", "start date",
                                                   "end date", "regular hours"}), ()),
    Signature("youtrack_worklogs", frozenset({"date", "duration", "authorname", "issueid"}),
              ("type", "issuesummary", "groupname")),
    Signature("wfm_activity", frozenset({"agent", "activity", "start", "end"}), ("activity", "activity code")),
    Signature("wfm_activity", frozenset({"agent id", "agent name", "activity code"}),
              ("activity", "activity description", "activity code")),
    Signature("clockify_detailed", frozenset({"project", "user", "start date", "duration (decimal)"}),
              ("tags", "project")),
)

#: Translated Tempo headers map to the English roles.
TRANSLATIONS = {
    "vorgangsschlüssel": "issue key", "arbeitsdatum": "work date", "benutzername": "username",
    "vollständiger name": "full name", "stunden": "hours", "konto": "account",
    "zusammenfassung": "issue summary", "clé de ticket": "issue key", "heures": "hours",
    "date de travail": "work date", "nom d'utilisateur": "username", "nom complet": "full name",
    "résumé du ticket": "issue summary", "compte": "account", "nom du compte": "account name",
    "résumé": "issue summary", "benutzer": "username", "projet": "project",
}


def normalise(header: object) -> str:
    text = str(header or "").replace("\ufeff", "").replace("\u00a0", " ").strip().lower()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" :*#")


def detect_format(headers: list[str]) -> tuple[str, float, tuple[str, ...]]:
    """The export format whose signature best matches, its confidence 0..1, and its category order.

    Confidence is the share of the signature's headers present; between equal shares the larger
    signature wins (it says more). Below 0.8 we call it generic rather than guess a tool.
    """
    norm = {TRANSLATIONS.get(normalise(h), normalise(h)) for h in headers} | {normalise(h) for h in headers}
    best = ("generic", 0.0, (), 0)
    for sig in SIGNATURES:
        score = len(sig.headers & norm) / len(sig.headers)
        if (score, len(sig.headers)) > (best[1], best[3]):
            best = (sig.name, score, sig.category, len(sig.headers))
    if best[1] < 0.8:
        return "generic", 0.0, ()
    return best[0], best[1], best[2]


def header_score(cells: list[object]) -> int:
    """How much a row looks like a header: distinct cells that are known role names."""
    known = {a for names in ALIASES.values() for a in names}
    seen = {normalise(c) for c in cells if isinstance(c, str) and c.strip()}
    return sum(1 for s in seen if s in known or TRANSLATIONS.get(s) in known)


def choose_columns(
    headers: list[str], category_order: tuple[str, ...] = (), empty: frozenset[str] = frozenset(),
    fmt: str = "generic",
) -> tuple[dict[str, str], list[str], dict[str, str], dict[str, str]]:
    """Role -> header for every role we can fill, notes, why each was chosen, and what was ignored.

    Each header fills at most one role; the hours column skips anything that is not the
    logged time, and prefers decimal over clock spellings when a tool writes both.
    """
    norm = {h: TRANSLATIONS.get(normalise(h), normalise(h)) for h in headers if str(h).strip()}
    by_norm: dict[str, str] = {}
    for h, n in norm.items():
        by_norm.setdefault(n, h)
    mapping: dict[str, str] = {}
    notes: list[str] = []
    reasons: dict[str, str] = {}
    used: set[str] = set()
    known = "" if fmt == "generic" else f" in a {fmt} export"

    def take(role: str, candidates: tuple[str, ...], why: str = "") -> None:
        for rank, alias in enumerate(candidates):
            h = by_norm.get(alias)
            if h is not None and h not in used and not (role == "activity" and h in empty):
                mapping[role] = h
                used.add(h)
                others = [by_norm[a] for a in candidates[rank + 1:] if a in by_norm and by_norm[a] not in used]
                reasons[role] = why or (f"{h!r} is a usual name for the {role.replace('_', ' ')}{known}"
                                        + (f" (preferred over {', '.join(map(repr, others[:3]))})"
                                           if others and role in ("hours", "date", "activity") else ""))
                return

    ignored = {h: why_not_logged(h) for h, n in norm.items() if NOT_LOGGED_TIME.search(n) and _timeish(n)}
    used.update(ignored)
    if ignored:
        notes.append("not summed (not the logged time): " + ", ".join(ignored))
    for role in ("date", "hours", "start", "end", "end_date", "first_name", "last_name", "email"):
        take(role, ALIASES[role])
    if "hours" in mapping:
        unit = hours_unit(mapping["hours"])
        if unit != "hours":
            reasons["hours"] += f"; its header says {unit}"
    take("person", ALIASES["person"])
    if category_order:
        take("activity", category_order, "")
        if "activity" in mapping:
            reasons["activity"] = f"{mapping['activity']!r} holds the category label{known or ''}"
    if "activity" not in mapping:
        take("activity", ALIASES["activity"])
    for role in ("team", "client", "project", "task", "description", "billable"):
        take(role, ALIASES[role])
    if "activity" in mapping:
        notes.append(f"category labels from {mapping['activity']!r}")
    if "hours" in mapping:
        notes.append(f"hours from {mapping['hours']!r}")
    return mapping, notes, reasons, ignored


def hours_unit(header: str) -> str:
    n = normalise(header)
    if "second" in n or n.endswith("(s)") or n == "secs":
        return "seconds"
    if "minute" in n or n in ("mins", "min") or "(min)" in n:
        return "minutes"
    return "hours"


def _timeish(n: str) -> bool:
    return bool(re.search(r"hour|time|duration|stunden|zeit|amount|rate|cost|betrag|hrs|heure|durée|montant|"
                          r"taux|price|preis|prix|kosten|tarif", n))
