"""Whose work each label is, in the app: one choice per label, so no state can contradict itself."""

from __future__ import annotations

import dataclasses
import json

import pytest
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _shared as ui
from tests.app_session import goto, label_table, new_session, upload
from tests.conftest import SAMPLES

TOGGL = "toggl_support_team.csv"
OWN = {"our core work", "our overhead (meetings, admin, our own training)", "not work (breaks, leave)"}


@pytest.fixture
def at() -> AppTest:
    at = new_session()
    upload(at, (TOGGL, (SAMPLES / TOGGL).read_bytes()))
    return goto(at, ui.CLASSIFY)


def project(at: AppTest) -> sk.Project:
    return at.session_state[ui.PROJECT]


def table(at: AppTest):
    return label_table(at)


def analysis(at: AppTest) -> sk.Analysis:
    return ui.analysis(at.session_state[ui.FILES], project(at))


def assert_consistent(at: AppTest) -> None:
    """Every row shows one choice the app offers; owner and class follow from it and agree."""
    a = analysis(at)
    offered = set(at.selectbox(key="rule_choice").options)
    for label, words in zip(table(at)["label"], table(at)["whose work"], strict=True):
        choice = a.classification.of(label)
        assert words == choice.words and words in offered
        assert (choice.cls == "other_team") == bool(choice.team) == (choice.owner not in ("", sk.OUR_TEAM))
        assert choice.owner != sk.OUR_TEAM or choice.cls in ("core", "overhead", "non_work")
    by_class = a.metrics.hours_by_class
    hours = analysis(at).cube.frame.groupby("activity")["hours"].sum()
    assert by_class["other_team"] == pytest.approx(
        sum(h for lbl, h in hours.items() if a.classification.of(lbl).cls == "other_team"))


def test_a_rule_needs_a_choice_and_has_no_default(at):
    assert at.selectbox(key="rule_choice").value is None
    at.text_input(key="rule_keyword").input("Customer")
    at.button(key="rule_add").click().run()
    assert project(at).rules == ()
    assert any("choose whose work" in e.value for e in at.error)


def test_a_rule_with_every_choice_the_app_offers(at):
    options = at.selectbox(key="rule_choice").options
    assert set(options) >= OWN and "not decided yet" in options and "Finance's work" in options
    assert not any(o.startswith(sk.OUR_TEAM) for o in options)  # "Our team's work" cannot be picked
    for words in options:
        at.text_input(key="rule_keyword").input("Customer")
        at.selectbox(key="rule_choice").set_value(words)
        at.button(key="rule_add").click().run()
        (rule,) = project(at).rules
        assert rule.keyword == "Customer" and rule.choice.words == words
        decided = analysis(at).classification.decisions["Customer tickets"]
        if words == "not decided yet":
            assert decided.by == "open" and "set it to not decided yet" in decided.reason
        else:
            assert decided.explained == "decided by your rule 'Customer'" and decided.choice.words == words
        assert_consistent(at)
        at.button(key="rule_del:Customer").click().run()


def test_our_own_team_cannot_become_another_team(at):
    at.text_input(key="new_owner").input("our team").run()
    assert any("is your own team" in e.value for e in at.error)
    assert "our team's work" not in {o.lower() for o in at.selectbox(key="rule_choice").options}


def test_a_table_choice_is_one_choice(at):
    row = int(table(at).index[table(at)["label"] == "Admin"][0])
    at.session_state[f"labels{at.session_state.get(ui.TABLE_ROUND, 0)}"] = {
        "edited_rows": {row: {"whose work": "IT's work"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert project(at).assignments == {"Admin": sk.Choice.of_team("IT")}
    assert analysis(at).classification.decisions["Admin"].explained == "decided by you, in the table"
    assert_consistent(at)


OLD_PROJECT = {  # written by the app before one choice per label: owner and class side by side
    "storykit_project": 1,
    "assignments": {"Customer tickets": {"owner": "Our team", "class": "core"},
                    "Invoice queries": {"owner": "Finance", "class": "other_team"},
                    "Admin": {"owner": "Finance", "class": "core"}},
    "rules": [{"keyword": "phone", "owner": "Our team", "class": "other_team"},  # the old rule form's defaults
              {"keyword": "escalat", "owner": "IT", "class": "other_team"},
              {"keyword": "lunch", "owner": "Our team", "class": "non_work"}],
}


def load_project(at: AppTest, data: dict) -> None:
    """Load a project file the way a user does: the uploader on Open."""
    goto(at, ui.OPEN)
    at.file_uploader(key="open_project").set_value(("old.json", json.dumps(data).encode(), "application/json")).run()
    assert not at.exception
    goto(at, ui.CLASSIFY)


def test_an_old_project_loads_with_its_choices_and_its_contradictions_left_open(at):
    load_project(at, OLD_PROJECT)
    p = project(at)
    assert p.assignments == {"Customer tickets": sk.Choice("core"), "Invoice queries": sk.Choice.of_team("Finance"),
                             "Admin": sk.Choice()}
    assert [r.choice for r in p.rules] == [sk.Choice(), sk.Choice.of_team("IT"), sk.Choice("non_work")]
    warnings = [w.value for w in at.warning]
    assert any("the label 'Admin' said 'Finance' and 'core'" in w for w in warnings)
    assert any("the rule 'phone' said 'Our team' and 'other team'" in w for w in warnings)
    c = analysis(at).classification
    assert c.of("Phone overflow") == sk.Choice() and c.suggestions["Phone overflow"].choice.team == "Contact Centre"
    assert c.of("IT escalations") == sk.Choice.of_team("IT")
    assert_consistent(at)
    # saved again, the file has one choice per label and loads without notes
    again = sk.Project.from_json(p.to_json())
    assert again == p and again.migration_notes == ()


def test_open_labels_never_show_our_team(at):
    at.text_input(key="rule_keyword").input("Customer")
    at.selectbox(key="rule_choice").set_value("not decided yet")
    at.button(key="rule_add").click().run()
    shown = table(at)
    assert set(shown.loc[shown["label"].str.startswith("Customer"), "whose work"]) == {"not decided yet"}
    assert not shown["whose work"].str.contains(sk.OUR_TEAM).any()


def test_the_review_line_before_the_story_leads_to_the_open_labels(at):
    at.text_input(key="rule_keyword").input("Customer")
    at.selectbox(key="rule_choice").set_value("not decided yet")
    at.button(key="rule_add").click().run()
    review = analysis(at).review
    goto(at, ui.STORY)
    assert any(w.value.startswith(review.sentence) and "Customer tickets" in w.value for w in at.warning)
    at.button(key="review_open").click().run()
    assert set(table(at)["label"]) == {"Customer tickets", "Customer emails"}


def test_accepting_the_suggestions_makes_them_your_choices(at):
    at.text_input(key="rule_keyword").input("Invoice")
    at.selectbox(key="rule_choice").set_value("not decided yet")
    at.button(key="rule_add").click().run()
    assert analysis(at).classification.suggestions["Invoice queries"].choice == sk.Choice.of_team("Finance")
    at.button(key="accept_all").click().run()
    assert project(at).assignments["Invoice queries"] == sk.Choice.of_team("Finance")


def test_a_rule_says_what_it_will_move_before_it_is_applied_and_again_after(at):
    before = analysis(at)
    at.text_input(key="rule_keyword").input("Customer")
    at.selectbox(key="rule_choice").set_value("Finance's work").run()
    trial = dataclasses.replace(project(at), rules=(sk.Rule("Customer", sk.Choice.of_team("Finance")),))
    preview = ui.analysis(at.session_state[ui.FILES], trial).change_since(before, "this rule")
    assert preview.labels == ("Customer tickets", "Customer emails") and preview.big
    assert [w.value for w in at.warning if "→" in w.value] == [preview.sentence]  # said before Apply
    assert project(at).rules == () and analysis(at).metrics.other_team_share == before.metrics.other_team_share
    at.button(key="rule_add").click().run()
    after = analysis(at)
    (said,) = [w.value for w in at.warning if "→" in w.value]
    assert said.startswith("Your rule 'Customer' changes 2 labels") and "A big move" in said
    assert f"{before.metrics.other_team_share:.0%} → {after.metrics.other_team_share:.0%}" in said
    assert at.metric[2].value == f"{after.metrics.other_team_share:.0%}"


def keyword_box(at: AppTest):  # -> the Expander
    return next(e for e in at.expander if e.label.startswith("Decide many labels at once"))


def in_order(node):  # -> every element of the page, top to bottom
    yield node
    for child in getattr(node, "children", {}).values():
        yield from in_order(child)


def test_a_table_choice_says_what_it_moved_under_the_grid_and_once_in_a_toast(at):
    """Said above the grid, the line pushed the grid down under the pointer as the next row was clicked; under
    it the grid may hide it, so a toast says it once too."""
    row = int(table(at).index[table(at)["label"] == "Admin"][0])
    at.session_state[f"labels{at.session_state.get(ui.TABLE_ROUND, 0)}"] = {
        "edited_rows": {row: {"whose work": "IT's work"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    (said,) = [s.value for s in at.success if "changes" in s.value]
    assert said.startswith("Your choice in the table changes 1 label") and "'Admin'" in said
    page = [type(e).__name__ + ":" + str(getattr(e, "value", "")) for e in in_order(at.main)]
    assert page.index(f"Success:{said}") > next(i for i, e in enumerate(page) if e.startswith("Dataframe:"))
    assert [t.value for t in at.toast] == [said]
    at.run()  # the project did not change since: still said, and the toast not again
    assert any(s.value == said for s in at.success) and not at.toast
    at.button(key="rule_add").click().run()  # no keyword: the project stays, and so does the line
    assert any(s.value == said for s in at.success)


def test_the_grid_keeps_its_values_rows_and_the_lines_above_it_while_the_user_chooses(at):
    """Given each new choice as its value, the grid dropped its own edit and sent that back: a second run,
    whose redraw closed the dropdown being opened on the next row. A row decided under 'only the open labels'
    stays, and so does its suggestion's line, marked decided: nothing moves under the pointer until the user
    starts a new table (here: Undo)."""
    at.text_input(key="rule_keyword").input("Invoice")
    at.selectbox(key="rule_choice").set_value("not decided yet")
    at.button(key="rule_add").click().run()
    at.toggle(key=ui.OPEN_ONLY).set_value(True).run()
    given, key = at.data_editor[0].value, at.data_editor[0].key
    assert list(given["label"]) == ["Invoice queries"]
    at.session_state[key] = {"edited_rows": {0: {"whose work": "our overhead (meetings, admin, our own training)"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert project(at).assignments == {"Invoice queries": sk.Choice("overhead")}
    now = at.data_editor[0].value
    assert at.data_editor[0].key == key and now[["label", "whose work"]].equals(given[["label", "whose work"]])
    assert list(now["why"]) == ["decided by you, in the table"]  # the reason follows the choice
    assert list(table(at)["whose work"]) == ["our overhead (meetings, admin, our own training)"]  # as shown
    assert any("- **Invoice queries** (" in m.value and "decided: our overhead" in m.value for m in at.markdown)
    assert any(m.value == "**Every suggested label is decided.**" for m in at.markdown)
    at.button[[b.label for b in at.button].index("Undo my 1 table choice")].click().run()
    assert at.data_editor[0].key != key and list(table(at)["whose work"]) == ["not decided yet"]


def test_a_choice_in_the_table_is_offered_for_similar_labels_without_moving_them(at):
    row = int(table(at).index[table(at)["label"] == "Customer tickets"][0])
    at.session_state[f"labels{at.session_state.get(ui.TABLE_ROUND, 0)}"] = {
        "edited_rows": {row: {"whose work": "Finance's work"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    shown = table(at).set_index("label")
    assert shown.at["Customer emails", "whose work"] == "our core work"  # the presets' choice stands
    assert shown.at["Customer emails", "why"].endswith(
        "but like 'Customer tickets', which you decided is Finance's work (both say 'Customer'): "
        "is this one Finance's work too?")
    assert "like 'Customer tickets'" not in shown.at["Phone overflow", "why"]


def test_each_suggestion_is_written_out_with_its_reason_and_confidence(at):
    at.text_input(key="rule_keyword").input("Invoice")
    at.selectbox(key="rule_choice").set_value("not decided yet")
    at.button(key="rule_add").click().run()
    s = analysis(at).classification.suggestions["Invoice queries"]
    hours = analysis(at).cube.hours_by("activity")["Invoice queries"]
    line = (f"- **Invoice queries** ({hours:,.1f} h): Finance's work, {s.confidence:.0%} sure, because "
            f"{s.reason.replace('_', chr(92) + '_')}")
    assert any(line in m.value.split("\n") for m in at.markdown)


def test_a_labels_whole_reason_can_be_read(at):
    at.selectbox(key="why_label").set_value("Phone overflow").run()
    d = analysis(at).classification.decisions["Phone overflow"]
    assert d.by == "presets" and len(d.explained) > 150  # longer than the table's column shows
    expected = d.explained.replace("_", chr(92) + "_").replace("*", chr(92) + "*")
    hours = analysis(at).cube.hours_by("activity")["Phone overflow"]
    assert any(m.value.startswith(f"**Phone overflow** ({hours:,.1f} h), Contact Centre's work: ")
               and m.value.endswith(expected) for m in at.markdown)


def test_the_keyword_box_stays_open_when_the_last_open_label_is_decided_in_the_table():
    """It folded up as the last open label was decided, and the grid under it jumped 101 px up."""
    at = new_session()
    odd = "Date,Person,Activity,Hours\n2026-01-05,Ann,Zebra grooming,4\n2026-01-05,Ann,Customer tickets,4\n"
    goto(upload(at, ("odd.csv", odd.encode())), ui.CLASSIFY)
    assert analysis(at).review.open == ("Zebra grooming",) and keyword_box(at).proto.expanded
    row = list(table(at)["label"]).index("Zebra grooming")
    at.session_state[at.data_editor[0].key] = {"edited_rows": {row: {"whose work": "our core work"}},
                                               "added_rows": [], "deleted_rows": []}
    at.run()
    assert not analysis(at).review.open and keyword_box(at).proto.expanded
