"""Whose work a label is: the words, the notes and columns, the user's own choices, and the review line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import storykit as sk
from storykit.model import Choice, Source, TimeLog
from storykit.ownership.words import Term, tokens

CC, FIN, IT = Choice.of_team("Contact Centre"), Choice.of_team("Finance"), Choice.of_team("IT")


# -- the words ------------------------------------------------------------------------------------

MATCHES = [
    ("invoice", "Invoicing backlog", True),  # a verb form
    ("invoice", "Invoices", True),
    ("query", "Invoice queries", True),  # y -> ies
    ("rechnung*", "Rechnungsklärung", True),  # a German compound starting with the word
    ("*pause", "Mittagspause", True),  # ... or ending with it
    ("ueberlauf", "Überlauf", True),  # umlauts spelled out either way
    ("IT", "IT-Störungen", True),
    ("IT", "training it", False),  # a pronoun, not the IT team
    ("COD", "clean up code", False),  # an abbreviation matches itself, not words that start with it
    ("lunch & learn", "Lunch and learn", True),  # little words skipped
    ("centre d'appels", "Débordement centre d'appels", True),
    ("pay", "Payroll", False),  # whole words unless the term says otherwise
]


@pytest.mark.parametrize(("term", "label", "found"), MATCHES, ids=[f"{t} in {lbl}" for t, lbl, _ in MATCHES])
def test_term_matching(term, label, found):
    assert (Term.parse(term).find(tokens(label), label == label.lower()) is not None) == found


def test_tokens_split_codes_and_keep_one_to_ones():
    assert [t.text for t in tokens("AR_CHASE SUP-1142 1:1s KundenTickets ☕")] == \
        ["AR", "CHASE", "SUP", "1:1", "s", "Kunden", "Tickets"]


# -- reasons, in the words the app shows ----------------------------------------------------------

def test_each_decision_says_why():
    c = sk.classify(["Phone overflow", "Acme Finance Ltd inbox", "Schulung andere Teams", "Personal development study"])
    assert c.decisions["Phone overflow"].explained.startswith("decided by presets (90% sure): 'Phone overflow': the "
                                                              "company's phone line")
    assert "'Acme Finance Ltd' is a company name, not a team" in c.decisions["Acme Finance Ltd inbox"].reason
    assert "here we train 'andere Teams'" in c.decisions["Schulung andere Teams"].reason
    assert c.of("Personal development study") == Choice("overhead")


def test_a_team_of_another_kind_reads_the_same_words_as_its_own_work():
    finance_team = ["Cash application", "Dunning run", "Invoice disputes", "Credit memos", "Team huddle",
                    "Covering customer service phones"]
    c = sk.classify(finance_team)
    assert c.own_work.team == "finance" and "finance is taken as your team's own work" in c.own_work.reason
    assert c.of("Invoice disputes") == Choice("core")
    assert c.of("Covering customer service phones").cls == "other_team"
    # the same log, told it is a service team's: the finance words are Finance's work again
    assert sk.classify(finance_team, own_work="service").of("Invoice disputes") == FIN


def test_a_service_team_that_absorbs_finance_work_stays_a_service_team():
    hours = {"Customer tickets": 30.0, "Invoice queries": 40.0, "Payment reminders": 20.0, "Live chat": 15.0}
    c = sk.classify(hours, hours=hours)
    assert c.own_work.team == "service"
    assert c.of("Invoice queries") == FIN


# -- notes, client, project, task -----------------------------------------------------------------

def log_of(rows: list[tuple[str, str, float, str, str]]) -> TimeLog:
    frame = pd.DataFrame(rows, columns=["person", "activity", "hours", "description", "client"])
    frame["date"] = pd.Timestamp("2026-01-05")
    frame["file"], frame["sheet"], frame["row"] = "notes.csv", None, range(2, 2 + len(frame))
    return TimeLog(frame, (Source("notes.csv", "generic", None, 1, len(frame), {}, "activity", 1.0),))


def test_the_notes_say_whose_work_a_label_is():
    rows = [("Ann", "Ad-hoc requests", 1.0, "covering the contact centre", "Internal")] * 5
    rows += [("Ann", "Ad-hoc requests", 1.0, "misc", "Internal")] * 3
    rows += [("Bob", "Customer tickets", 4.0, f"ticket {i}", "Internal") for i in range(4)]
    rows += [("Bob", "Odd jobs", 1.0, "contact centre queue cover", "Internal")] * 9 + [("Bob", "Odd jobs", 1.0, "", "")]
    c = sk.analyse(log_of(rows)).classification
    d = c.decisions["Ad-hoc requests"]  # most notes say so, but not so many that it decides: asked
    assert d.by == "open" and d.suggestion.choice == CC
    assert d.explained == ("suggested (60% sure): Contact Centre's work, because 'contact centre' in 62% of this "
                           "label's notes (5 of 8 entries)")
    assert c.decisions["Odd jobs"].choice == CC  # nine notes in ten: decided, and saying so
    assert "in 100% of this label's notes (9 of 9 entries)" in c.decisions["Odd jobs"].reason


def test_words_every_label_shares_are_no_evidence_and_a_client_is_a_company():
    rows = [(p, lbl, 1.0, "support request", "Globex Finance") for p in ("Ann", "Bob", "Cy")
            for lbl in ("Shift A", "Shift B", "Shift C", "Shift D")]
    c = sk.analyse(log_of(rows)).classification
    assert all(not d.choice.decided and d.suggestion is None for d in c.decisions.values())  # no Finance, no core


def test_a_client_that_reads_as_a_department_is_evidence():
    rows = [("Ann", "Ad-hoc work", 1.0, "", "Finance dept")] * 4 + [("Bob", "Customer tickets", 1.0, "", "Acme")] * 4
    d = sk.analyse(log_of(rows)).classification.decisions["Ad-hoc work"]
    assert d.choice == FIN and "'finance dept' in 100% of this label's clients (4 of 4 entries)" in d.reason


# -- learning from the user's own choices -----------------------------------------------------------

def test_a_decision_suggests_itself_for_similar_labels_and_is_shown_as_such():
    labels = ["Invoice chasing", "Acme rollout", "Globex rollout", "Zephyr"]
    c = sk.classify(labels, choices={"Acme rollout": Choice("core")})
    assert c.of("Invoice chasing") == FIN  # unrelated: untouched
    s = c.suggestions["Globex rollout"]
    assert s.choice == Choice("core") and s.confidence < 0.7
    assert c.decisions["Globex rollout"].explained == ("suggested (60% sure): our core work, because like 'Acme "
                                                       "rollout', which you decided is our core work (both say 'rollout')")
    assert "Zephyr" not in c.suggestions


def test_a_decided_label_keeps_its_choice_and_shows_a_differing_view_from_a_similar_label():
    c = sk.classify(["Invoice queries", "Invoice corrections", "Customer tickets", "Live chat", "E-mails"],
                    choices={"Invoice queries": Choice("core")})
    d = c.decisions["Invoice corrections"]
    assert d.choice == FIN and d.by == "presets"  # no number moves silently
    assert d.suggestion.choice == Choice("core") and "like 'Invoice queries'" in d.suggestion.reason
    assert d.explained.endswith("; but like 'Invoice queries', which you decided is our core work (both say "
                                "'Invoice'): is this one our core work too?")


# -- the review line and the numbers it shares with the story ----------------------------------------

def tiny(rows):
    frame = pd.DataFrame(rows, columns=["date", "person", "activity", "hours"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["file"], frame["sheet"], frame["row"] = "tiny.csv", None, range(2, 2 + len(frame))
    return TimeLog(frame, (Source("tiny.csv", "generic", None, 1, len(frame), {}, "activity", 1.0),))


ROWS = [("2026-01-05", "Ann", "Customer tickets", 10.0), ("2026-01-05", "Ann", "Phone overflow", 4.0),
        ("2026-01-06", "Bob", "Invoice queries", 2.0), ("2026-01-06", "Bob", "Lunch", 1.0),
        ("2026-01-06", "Bob", "Zephyr", 3.0), ("2026-01-07", "Cy", "Team meeting", 1.0)]


def test_the_review_line_counts_labels_and_working_time_by_who_decided():
    project = sk.Project(assignments={"Team meeting": Choice("overhead")})
    a = sk.analyse(tiny(ROWS), project)
    # work: 21 - 1 (lunch) = 20 h; presets: tickets 10 + overflow 4 + invoices 2 (+ lunch, no work hours) = 16 h
    assert a.review.sentence == ("Presets decided 4 labels (80% of working time), you decided 1 (5%), "
                                 "1 is still open (15% of working time).")
    assert a.review.open == ("Zephyr",)
    assert a.metrics.unassigned_share == pytest.approx(3 / 20)  # the story's "has no owner yet" share


def test_a_decision_says_what_it_moves_before_the_headline_moves():
    before = sk.analyse(tiny(ROWS))
    after = sk.analyse(tiny(ROWS), sk.Project(rules=(sk.Rule("Customer", FIN),)))
    moved = after.change_since(before, "your rule 'Customer'")
    # work 20 h; other teams' work before: overflow 4 + invoices 2 = 6 h (30%); after, tickets' 10 h too: 80%
    assert moved.labels == ("Customer tickets",) and moved.hours == 10.0
    assert (moved.before, moved.after) == (pytest.approx(before.metrics.other_team_share),
                                           pytest.approx(after.metrics.other_team_share))
    assert moved.big and moved.sentence == ("Your rule 'Customer' changes 1 label (50% of working time: "
                                            "'Customer tickets'): other teams' share 30% → 80%.")
    same = after.change_since(after, "your rule 'Customer'")
    assert not same.big and same.sentence == "Your rule 'Customer' changes no label's choice; other teams' share stays 80%."
    small = sk.analyse(tiny(ROWS), sk.Project(assignments={"Zephyr": Choice("core")})).change_since(before, "you")
    assert not small.big and small.sentence.endswith("'Zephyr'): other teams' share stays 30%.")


def test_what_was_counted_as_other_teams_work_is_listed_for_the_deck():
    m = sk.analyse(tiny(ROWS)).metrics
    assert m.other_team_labels == (("Phone overflow", "Contact Centre", 4.0, "presets"),
                                   ("Invoice queries", "Finance", 2.0, "presets"))


# -- the one choice, in the model and in project files ------------------------------------------------

@pytest.mark.parametrize(("cls", "team", "problem"), [
    ("other_team", "", "needs that team's name"),
    ("other_team", "Our team", "is our own team"),
    ("core", "Finance", "names no team"),
    ("fun", "", "is not a choice"),
])
def test_a_contradictory_choice_cannot_be_made(cls, team, problem):
    with pytest.raises(ValueError, match=problem):
        Choice(cls, team)


def test_words_and_owner_follow_from_the_choice():
    assert [c.words for c in (Choice("core"), FIN, Choice.of_team("Sales"), Choice())] == \
        ["our core work", "Finance's work", "Sales' work", "not decided yet"]
    assert (Choice().owner, Choice("non_work").owner, FIN.owner) == ("", sk.OUR_TEAM, "Finance")


def test_project_files_hold_one_choice_per_label_and_read_old_ones():
    p = sk.Project(assignments={"A": Choice("core"), "B": FIN}, rules=(sk.Rule("esc", IT),))
    data = json.loads(p.to_json())
    assert data["assignments"] == {"A": {"choice": "core"}, "B": {"choice": "other_team", "team": "Finance"}}
    assert data["rules"] == [{"keyword": "esc", "choice": "other_team", "team": "IT"}]
    assert sk.Project.from_json(p.to_json()) == p
    old = {"storykit_project": 1, "assignments": {"A": {"owner": "Our team", "class": "overhead"},
                                                  "B": {"owner": "Our team", "class": "other_team"}}}
    loaded = sk.Project.from_json(json.dumps(old))
    assert loaded.assignments == {"A": Choice("overhead"), "B": Choice()}
    assert loaded.migration_notes == ("the label 'B' said 'Our team' and 'other team', which contradict each other: "
                                      "it is now not decided yet, so please choose again",)


def test_a_project_file_with_a_contradictory_new_choice_is_refused():
    bad = {"storykit_project": 1, "assignments": {"A": {"choice": "core", "team": "Finance"}}}
    with pytest.raises(sk.ProjectError, match=r"assignments\['A'\].team .*names no team"):
        sk.Project.from_json(json.dumps(bad))


def test_the_decks_notes_list_what_was_counted_as_other_teams_work():
    project = sk.Project(rules=(sk.Rule("invoice", FIN),))
    story = sk.build_story(tiny(ROWS), project)
    notes = story.acts[0].notes
    assert notes.counted == ("Phone overflow: Contact Centre, 4.0 h (presets)", "Invoice queries: Finance, 2.0 h (your rule)",
                             "Not counted, because nobody has decided whose work it is yet: 3.0 h (15% of working time)")
    assert "WHAT WE COUNTED AS OTHER TEAMS' WORK\n- Phone overflow: Contact Centre, 4.0 h (presets)" in notes.text
    assert type(notes).from_text(notes.text) == notes  # edited in the app and read back, it keeps its sections
    import io

    from pptx import Presentation
    deck = Presentation(io.BytesIO(sk.build_deck(story)))
    assert "- Invoice queries: Finance, 2.0 h (your rule)" in deck.slides[0].notes_slide.notes_text_frame.text


@pytest.mark.parametrize("label", ["Front desk", "Reception", "Empfang", "Accueil"])
def test_a_counter_is_asked_about_unless_the_label_says_we_cover_it(label):
    """An office's front desk is facilities', a service team's counter its own: the name alone cannot tell."""
    alone = sk.classify([label]).decisions[label]
    assert alone.by == "open" and alone.suggestion.choice == Choice.of_team("Facilities")
    covered = f"{label} cover for Facilities"
    assert sk.classify([covered]).of(covered) == Choice.of_team("Facilities")


@pytest.mark.parametrize(("label", "team"), [("Special projects", "Engineering"), ("Doorstep deliveries", "Facilities")])
def test_a_word_that_only_starts_like_a_teams_word_is_no_evidence(label, team):
    """'spec' is a specification's family, not 'special'; 'door' is not 'doorstep'."""
    d = sk.classify([label]).decisions[label]
    assert team not in d.explained and d.choice != Choice.of_team(team)


def test_columns_that_agree_are_named_together():
    rows = [("Ann", "Special projects", 1.0, "month-end close support", "Internal - Finance")] * 4
    rows += [("Bob", "Customer tickets", 1.0, "refund", "Acme")] * 4
    d = sk.analyse(log_of(rows)).classification.decisions["Special projects"]
    assert d.choice == FIN
    assert "in 100% of this label's notes (4 of 4 entries); and 'finance' in 100% of this label's clients" in d.reason


@given(st.text(max_size=30))
def test_folding_ascii_words_is_the_full_fold(text):
    """fold() skips spelling out and dropping accents for ASCII text: it must give what the whole rule gives."""
    import unicodedata

    from storykit.ownership import words

    spelled = text.lower().translate(words._FOLD)
    assert words.fold(text) == "".join(ch for ch in unicodedata.normalize("NFKD", spelled) if not unicodedata.combining(ch))


def test_a_label_reads_the_same_whether_its_words_were_seen_before_or_not():
    """The index keeps each word's candidate terms once found (labels repeat their words); a reading from
    those must be the reading from a fresh index, also after the kept words are let go at the cap."""
    from storykit.ownership import vocabulary as vocab
    from storykit.ownership.reading import read_label

    labels = ["Customer tickets (queue 3)", "AR chase for Finance", "Mittagspause", "IT support tickets",
              "Onboarding training for Sales", "Kundenanfragen Rechnung", "lunch & learn"]
    index = vocab.vocabulary().index
    index._seen.clear()
    fresh = [read_label.__wrapped__(lbl) for lbl in labels]
    assert index._seen  # the words were kept
    assert [read_label.__wrapped__(lbl) for lbl in labels] == fresh
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(vocab, "_SEEN_MAX", 2)
        index._seen.clear()
        assert [read_label.__wrapped__(lbl) for lbl in labels] == fresh
        assert len(index._seen) <= 2
