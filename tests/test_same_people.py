"""People written as e-mail addresses in one file and by name in another count once (storykit/ingest/same_people.py)."""

from __future__ import annotations

import pytest

import storykit as sk
from storykit.ingest.same_people import addresses_as_names

NAMES = ["Aymer Hauck", "Ana Silva", "Ana Berg", "José Núñez"]


@pytest.mark.parametrize("address, name", [
    ("aymer@compiler.la", "Aymer Hauck"),         # the first name alone (Toggl's workspace e-mails)
    ("aymer.hauck@compiler.la", "Aymer Hauck"),   # first.last
    ("ahauck@compiler.la", "Aymer Hauck"),        # initial and last name
    ("hauck.a@compiler.la", "Aymer Hauck"),       # last name and initial
    ("AYMER+toggl@compiler.la", "Aymer Hauck"),   # case and a plus tag
    ("jose.nunez@example.com", "José Núñez"),     # accents as addresses drop them
    ("silva@example.com", "Ana Silva"),           # the last name, held by one person only
])
def test_an_address_that_spells_one_name_is_that_person(address, name):
    assert addresses_as_names([*NAMES, address]) == {address: name}


@pytest.mark.parametrize("name", ["Jürgen Müller", "Søren Ødegaard", "Åsa Lindström", "Björn Bæk", "Zoë Strauß",
                                  "Łukasz Wałęsa"])
@pytest.mark.parametrize("way", ["dropped", "spelled out"])
@pytest.mark.parametrize("form", ["{first}.{last}", "{first}", "{f}{last}", "{last}.{f}"])
def test_an_address_writes_a_letter_it_cannot_hold_either_way_people_write_it(name, way, form):
    """ü is u or ue, ø is o or oe, å is a or aa, æ is ae, ß is ss, ł is l: both spellings are the person."""
    out = {"dropped": {"ü": "u", "ö": "o", "ä": "a", "ø": "o", "å": "a"},
           "spelled out": {"ü": "ue", "ö": "oe", "ä": "ae", "ø": "oe", "å": "aa"}}[way]
    out |= {"æ": "ae", "ß": "ss", "ł": "l", "ë": "e", "ę": "e"}
    first, last = ("".join(out.get(ch, ch) for ch in w.lower()) for w in name.split())
    address = form.format(first=first, last=last, f=first[0]) + "@example.com"
    assert addresses_as_names([*NAMES, name, address]) == {address: name}


def test_two_names_an_address_spells_alike_leave_it_as_written():
    assert addresses_as_names(["Jörg Müller", "Jorg Muller", "jorg.muller@example.com"]) == {}
    assert addresses_as_names(["Jörg Müller", "Jorg Muller", "joerg.mueller@example.com"]) == {
        "joerg.mueller@example.com": "Jörg Müller"}


@pytest.mark.parametrize("address", [
    "ana@example.com",          # two Anas: nobody in particular
    "info@example.com",         # a shared mailbox spells no one
    "aymer.smith@compiler.la",  # another Aymer, not in the log
    "not an address",
])
def test_an_address_that_spells_no_name_or_several_stays_as_written(address):
    assert addresses_as_names([*NAMES, address]) == {}


def test_a_toggl_export_by_email_and_a_harvest_export_by_name_count_each_person_once():
    toggl = ("Email,Start date,Start time,Duration,Project,Description\n"
             "aymer@compiler.la,2023-01-02,09:00:00,02:00:00,Project3,a\n"
             "ana.silva@compiler.la,2023-01-03,09:00:00,03:00:00,Project3,b\n"
             "info@compiler.la,2023-01-03,11:00:00,01:00:00,Project3,c\n")
    harvest = ("Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n"
               "2023-01-04,Client1,Project5,Consulting,x,2.5,Aymer,Hauck\n"
               "2023-01-05,Client1,Project5,Consulting,y,1.5,Ana,Silva\n")
    log = sk.load(("toggl.csv", toggl.encode()), ("harvest.csv", harvest.encode()))
    hours = log.frame.groupby("person", observed=True)["hours"].sum().to_dict()
    assert hours == pytest.approx({"Aymer Hauck": 4.5, "Ana Silva": 4.5, "info@compiler.la": 1.0})
    said = [w for s in log.sources if s.file == "toggl.csv" for w in s.warnings if "e-mail addresses" in w]
    assert said and "2 people" in said[0] and "aymer@compiler.la as 'Aymer Hauck'" in said[0]
    assert not any("e-mail addresses" in w for s in log.sources if s.file == "harvest.csv" for w in s.warnings)
