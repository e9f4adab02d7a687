"""Signatures of the export formats we know: evidence that raises confidence, never the only way in.

A signature is the set of headers one tool writes; when most of them are present the format is
named, its category column preferred in its own order, and a unit it always uses (YouTrack's
minutes) counts as what the header would have said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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


#: Units some tools write without saying so in the header.
FORMAT_UNITS = {"youtrack_worklogs": "minutes"}
