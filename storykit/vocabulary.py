"""The words storykit's choices are made of, each list in one place: classes, stages, asks, audiences, acts,
the formats the reader recognises and the roles of a file's columns.

Each is a mapping from the name code uses (and the project file stores) to the words a user
reads, with the names alone as a tuple in the order users see them. Everything that lists or
checks these names (the project file, the app's pickers, the deck's kickers, the narrative's
registry of asks) reads them from here.
"""

from __future__ import annotations

from typing import Literal

#: The classes every activity label falls into (the order users see them), as the one choice a user
#: makes per label, in the words the app and the deck use (another team's work is named by its team:
#: "Finance's work", see model.Choice.words).
CHOICE_WORDS: dict[str, str] = {
    "core": "our core work", "overhead": "our overhead (meetings, admin, our own training)",
    "other_team": "another team's work", "non_work": "not work (breaks, leave)", "unassigned": "not decided yet",
}
CLASSES: tuple[str, ...] = ("core", "overhead", "other_team", "non_work", "unassigned")
Class = Literal["core", "overhead", "other_team", "non_work", "unassigned"]
#: What the team controls (its own work) versus where it depends on others (other teams' work).
CONTROLLED: tuple[str, ...] = ("core", "overhead")
#: Whose work our own classes are: the team itself.
OUR_TEAM = "Our team"

#: The three stages of a hand-back, in order. Work never just stops: it first gets a home.
STAGES: dict[int, str] = {
    1: "Redirect new requests to the owner",
    2: "Help lightly, take a message",
    3: "The owner handles it fully",
}
#: How much of an owner's agreed share has gone back once its hand-back reaches a stage:
#: new requests first (a third), then light help only (two thirds), then all of it.
STAGE_FRACTIONS: dict[int, float] = {0: 0.0, 1: 1 / 3, 2: 2 / 3, 3: 1.0}

#: What act 3 asks for; each has its module in storykit/narrative/asks/.
ASK_LABELS: dict[str, str] = {
    "hand_back": "Hand the work back to its owners, in stages",
    "headcount": "Add headcount to carry it",
    "service_level": "Protect a service level we promised",
}
ASKS: tuple[str, ...] = tuple(ASK_LABELS)
Ask = Literal["hand_back", "headcount", "service_level"]

#: Who the deck is for: the emphasis changes, never the numbers.
AUDIENCE_LABELS: dict[str, str] = {
    "operations": "Operations: service levels and queues",
    "finance": "Finance: the money first",
    "people": "People / HR: load, fairness and retention",
}
AUDIENCES: tuple[str, ...] = tuple(AUDIENCE_LABELS)
Audience = Literal["operations", "finance", "people"]

#: The three acts, by number.
ACTS: dict[int, str] = {1: "What is", 2: "What it costs", 3: "What could be"}

#: Every format the reader tells a file apart as (model.Source.format), with the words the app shows;
#: a Source with a format not listed here is refused, so a new reader path must name its format here.
FORMATS: dict[str, str] = {
    "toggl_detailed": "Toggl Track, detailed report",
    "toggl_summary": "Toggl Track, summary report",
    "clockify_detailed": "Clockify, detailed report",
    "harvest_detailed": "Harvest, detailed time",
    "tempo_worklogs": "Tempo (Jira) worklogs",
    "kimai": "Kimai",
    "youtrack_worklogs": "YouTrack worklogs",
    "wfm_activity": "Contact-centre WFM activity export",
    "justworks_weekly_hours": "Justworks weekly hours (a payroll roll-up)",
    "summary": "A summary report (totals, no date on each row)",
    "wide_grid": "A sheet with one column per day",
    "wide_by_person": "A sheet with one column of hours per person",
    "cube": "A cube of hours by person, activity and week",
    "generic": "A table with a header row",
}

#: The follow-up story's three acts (the second meeting: the plan against what happened).
FOLLOW_UP_ACTS: dict[int, str] = {1: "What we agreed", 2: "What happened", 3: "What next"}

#: Every role a mapping may name, in the order the app lists them. `hours_unit` is not a column
#: but the unit of the hours column when the user says it (see Reading.unit).
ROLES: tuple[str, ...] = (
    "date", "person", "activity", "hours", "minutes", "start", "end", "break", "end_date", "first_name", "last_name",
    "email", "team", "client", "project", "task", "description", "billable", "hours_unit",
)
#: What a user calls each role, for reasons and questions.
ROLE_NAMES = {
    "date": "the entry date", "person": "the person", "activity": "the category label", "hours": "the time worked",
    "minutes": "the minutes past the hours", "start": "the start time", "end": "the end time", "break": "the unpaid break", "end_date": "the end date",
    "first_name": "the first name", "last_name": "the last name", "email": "the e-mail address",
    "team": "the team", "client": "the client", "project": "the project", "task": "the task",
    "description": "the description", "billable": "the billable flag",
}
