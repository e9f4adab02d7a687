"""The decks the deck tests and the render test build: every sample file with our design and with a
brand template, plus stress stories (a long team name and long German titles, CJK names and
owners, twelve owning teams) made in memory."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import pandas as pd

import storykit as sk
from storykit.model import Choice, Source, TimeLog
from tests.conftest import SAMPLES
from tests.make_brand_template import brand_template

SAMPLE_FILES = ("toggl_support_team.csv", "harvest_service_desk.csv", "handmade_care_team.xlsx")
NOW = dt.datetime(2026, 11, 2, 9, 30)


@dataclass(frozen=True)
class Case:
    id: str
    story: sk.Story
    options: sk.DeckOptions

    @functools.cached_property
    def deck(self) -> bytes:
        return sk.build_deck(self.story, self.options)


def sample_project() -> sk.Project:
    return sk.Project.from_json((SAMPLES / "project.json").read_text())


def made_log(people: list[str], owners: list[str], weeks: int = 4) -> TimeLog:
    """A small log: each person logs own work and a share of every other team's work each week."""
    rows = []
    start = dt.date(2026, 3, 2)
    for w in range(weeks):
        for i, person in enumerate(people):
            day = start + dt.timedelta(days=7 * w + i % 5)
            rows.append((day, person, "Eigene Arbeit", 22.0 + i))
            for j, owner in enumerate(owners):
                rows.append((day, person, f"Arbeit für {owner}", 1.0 + ((i + j + w) % 4) * 0.75))
            rows.append((day, person, "Pause", 2.5))
    frame = pd.DataFrame(rows, columns=["date", "person", "activity", "hours"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["file"], frame["sheet"], frame["row"] = "made.csv", None, range(2, len(frame) + 2)
    return TimeLog(frame, (Source("made.csv", "generic", None, 1, len(frame), {}, "activity", 1.0),))


def made_project(owners: list[str], **settings: object) -> sk.Project:
    assignments = {f"Arbeit für {o}": Choice.of_team(o) for o in owners}
    assignments["Eigene Arbeit"] = Choice("core")
    assignments["Pause"] = Choice("non_work")
    return sk.Project(settings=sk.Settings(**settings), assignments=assignments)  # type: ignore[arg-type]


GERMAN_TITLES = {
    1: "Das Kundenservice- und Reklamationsbearbeitungsteam Süddeutschland verbringt 31 % seiner "
       "Arbeitszeit mit Aufgaben, die eigentlich der Buchhaltung, der IT und dem Vertriebsinnendienst gehören",
    2: "Das entspricht 2,7 Vollzeitkräften und rund 184.000 € im Jahr, die unserer eigenen Arbeit fehlen",
    3: "Wenn wir die Hälfte in drei Stufen zurückgeben, gewinnen wir 1,4 Vollzeitkräfte für unseren Rückstand",
}
CJK_PEOPLE = ["山田太郎", "佐藤花子", "김민준", "李小龙", "Zoë Ångström"]
CJK_OWNERS = ["経理部", "情報システム部", "コンタクトセンター運営グループ"]
MANY_OWNERS = [f"Department {c}" for c in "ABCDEFGHIJKL"]


def stress_stories() -> dict[str, sk.Story]:
    owners = ["Finanzbuchhaltung und Rechnungsprüfung", "IT-Servicedesk", "Vertriebsinnendienst"]
    log = made_log(["Anna", "Bernd", "Chiara", "Dieter", "Elif", "Franz"], owners)
    project = made_project(owners, team_name="Kundenservice- und Reklamationsbearbeitungsteam Süddeutschland",
                           hourly_cost=61.0, currency="€")
    german = sk.Project(settings=project.settings, assignments=project.assignments,
                        edits=sk.Edits(titles=GERMAN_TITLES))
    cjk_log = made_log(CJK_PEOPLE, CJK_OWNERS)
    cjk = made_project(CJK_OWNERS, team_name="カスタマーサポート部", show_names=True, hourly_cost=5200.0, currency="¥")
    many_log = made_log(["P1", "P2", "P3"], MANY_OWNERS, weeks=9)
    many = made_project(MANY_OWNERS, team_name="Service Desk")
    out = {}
    for key, lg, pr in (("german", log, german), ("cjk", cjk_log, cjk), ("many-owners", many_log, many)):
        out[key] = sk.build_story(lg, pr)
    return out


@functools.cache
def all_cases() -> tuple[Case, ...]:
    """Every sample with our design and with a 4:3 .potx brand template; stress stories with both."""
    project = sample_project()
    potx = brand_template(wide=False, potx=True)
    wide = brand_template(wide=True, potx=False)
    cases = []
    for name in SAMPLE_FILES:
        log = sk.load(SAMPLES / name)
        story = sk.build_story(log, project)
        stem = name.split(".")[0]
        cases.append(Case(f"{stem}-default", story, sk.DeckOptions(now=NOW)))
        cases.append(Case(f"{stem}-brand", story, sk.DeckOptions(now=NOW, template=potx, template_name="brand.potx")))
    for key, story in stress_stories().items():
        cases.append(Case(f"{key}-default", story, sk.DeckOptions(now=NOW, appendix=True)))
        cases.append(Case(f"{key}-brand-wide", story,
                          sk.DeckOptions(now=NOW, template=wide, template_name="brand.pptx", appendix=True)))
    return tuple(cases)
