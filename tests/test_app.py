"""The app, page by page, through Streamlit's AppTest: what a user does and what they then see."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _shared as ui
from tests.app_session import download, goto, new_session, upload
from tests.conftest import ROOT, SAMPLES

TOGGL = "toggl_support_team.csv"
HARVEST = "harvest_service_desk.csv"
SAMPLE_PROJECT = sk.Project.from_json((SAMPLES / "project.json").read_text())


def story_of(*names: str, project: sk.Project, mappings: dict | None = None) -> sk.Story:
    """The story storykit itself tells for these sample files: what the app must show."""
    log = sk.load(*[(n, (SAMPLES / n).read_bytes()) for n in names], mappings=mappings)
    return sk.build_story(log, project)


@pytest.fixture
def at() -> AppTest:
    return new_session()


def sample(name: str) -> tuple[str, bytes]:
    return name, (SAMPLES / name).read_bytes()


def subheaders(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader]


def act_titles(at: AppTest) -> list[str]:
    goto(at, ui.STORY)
    return [at.text_area(key=f"{ui.SEED}titles{n}").value for n in (1, 2, 3)]


def project(at: AppTest) -> sk.Project:
    return at.session_state[ui.PROJECT]


def downloaded_deck(at: AppTest) -> Presentation:
    goto(at, ui.EXPORT)
    deck = ui.deck(at.session_state[ui.FILES] if ui.FILES in at.session_state else ui.sample_inputs(),
                   project(at))
    return Presentation(io.BytesIO(deck))


@pytest.mark.parametrize("step", ui.STEPS, ids=lambda s: s.title)
def test_every_step_renders_the_example_with_its_indicator_and_no_error(at, step):
    goto(at, step)
    assert at.title[0].value == step.title
    n = ui.STEPS.index(step) + 1
    bars = [(bar.proto.value, bar.proto.text) for bar in at.get("progress")]
    assert bars == [(int(n / 7 * 100), f"Step {n} of 7")]
    assert any(step.needs in m.value for m in at.markdown)
    assert not at.error, [e.value for e in at.error]


def test_open_shows_the_sample_story_and_the_way_to_own_data(at):
    expected = story_of(TOGGL, project=SAMPLE_PROJECT)
    assert subheaders(at) == list(expected.titles)
    assert any(f"This is the {ui.EXAMPLE}" in i.value for i in at.main.info)
    assert at.button(key="own_data").label == "Use my own data"


def test_an_upload_changes_the_numbers(at):
    before = subheaders(at)
    upload(at, sample(HARVEST))
    goto(at, ui.OPEN)
    expected = story_of(HARVEST, project=sk.Project())  # a user's own data starts from a fresh project
    assert subheaders(at) == list(expected.titles)
    assert subheaders(at) != before
    assert "6-person" in subheaders(at)[0]


def test_several_files_are_combined_and_each_row_keeps_its_file(at):
    upload(at, sample(TOGGL), sample(HARVEST))
    preview = at.dataframe[-1].value
    assert set(preview["file"]) <= {TOGGL, HARVEST}
    log = sk.load(sample(TOGGL), sample(HARVEST))
    assert any(f"{len(log.frame):,} rows from 2 files" in c.value for c in at.caption)


def test_a_mapping_correction_changes_the_totals(at):
    upload(at, sample(HARVEST))
    logged = sk.load(sample(HARVEST)).total_hours
    assert any(f"{logged:,.1f} hours" in c.value for c in at.caption)
    at.selectbox(key=f"map:{HARVEST}:hours").set_value("Hours Rounded").run()
    rounded = sk.load(sample(HARVEST), mappings={HARVEST: {"hours": "Hours Rounded"}}).total_hours
    assert rounded != logged
    assert any(f"{rounded:,.1f} hours" in c.value for c in at.caption)
    assert project(at).mappings == {HARVEST: {"hours": "Hours Rounded"}}
    # ... and everything downstream: the story is the one for the corrected mapping
    expected = story_of(HARVEST, project=project(at), mappings=project(at).mappings)
    assert act_titles(at) == list(expected.titles)


def test_going_back_to_the_detected_columns(at):
    upload(at, sample(HARVEST))
    at.selectbox(key=f"map:{HARVEST}:hours").set_value("Hours Rounded").run()
    at.button(key=f"reset:{HARVEST}").click().run()
    assert project(at).mappings == {}


def test_a_classification_edit_changes_act_one_title(at):
    before = act_titles(at)[0]
    goto(at, ui.CLASSIFY)
    table = at.data_editor[0].value
    row = int(table.index[table["label"] == "Customer tickets"][0])
    at.session_state[f"labels{at.session_state.get(ui.TABLE_ROUND, 0)}"] = {
        "edited_rows": {row: {"whose work": "Finance's work"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert project(at).assignments == {"Customer tickets": sk.Choice.of_team("Finance")}
    after = act_titles(at)[0]
    assert after != before
    assert after == story_of(TOGGL, project=project(at)).titles[0]


def test_a_keyword_rule_assigns_many_labels_at_once(at):
    upload(at, sample(HARVEST))
    goto(at, ui.CLASSIFY)
    at.text_input(key="new_owner").input("Facilities").run()  # a team not in the list yet
    at.text_input(key="rule_keyword").input("e")
    at.selectbox(key="rule_choice").set_value("Facilities' work")
    at.button(key="rule_add").click().run()
    assert project(at).rules == (sk.Rule("e", sk.Choice.of_team("Facilities")),)
    table = at.data_editor[0].value
    assert "Facilities' work" in set(table["whose work"])


def test_unassigned_labels_are_counted_and_highlighted(at):
    odd = "Date,Person,Activity,Hours\n2026-01-05,Ann,Zebra grooming,4\n2026-01-05,Ann,Customer tickets,4\n"
    upload(at, ("odd.csv", odd.encode()))
    goto(at, ui.CLASSIFY)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Working time not decided yet"] == "50%"
    assert metrics["Labels still open"] == "1 of 2"
    assert any("1 is still open (50% of working time)" in i.value for i in at.info)


def test_settings_reach_the_story(at):
    goto(at, ui.SETTINGS)
    at.text_input(key=f"{ui.SEED}team_name").input("Service Desk").run()
    at.number_input(key=f"{ui.SEED}hourly_cost").set_value(None).run()
    assert project(at).settings.team_name == "Service Desk"
    assert project(at).settings.hourly_cost is None
    titles = act_titles(at)
    assert titles[0].startswith("Service Desk:")
    assert "$" not in titles[1]


def test_the_team_size_set_in_settings_is_the_size_the_story_says(at):
    goto(at, ui.SETTINGS)
    at.number_input(key=f"{ui.SEED}team_size").set_value(12).run()
    assert project(at).settings.team_size == 12
    assert act_titles(at)[0].startswith("Customer Support: 12 people spend")
    assert sk.Project.from_json(project(at).to_json()).settings.team_size == 12


def test_names_stay_off_the_slides_unless_switched_on(at):
    goto(at, ui.SETTINGS)
    toggle = at.toggle(key=f"{ui.SEED}show_names")
    assert toggle.value is False
    people = sk.load(sample(TOGGL)).people

    def shown() -> str:
        story = story_of(TOGGL, project=project(at))
        return " ".join(t for a in story.acts for t in (a.title, *a.points, a.notes.text, a.chart.alt_text,
                                                          *a.chart.categories))

    assert people and not [p for p in people if p in shown()]
    toggle.set_value(True).run()
    assert project(at).settings.show_names is True  # the library's use of it: test_deck_truth's names tests


def test_a_scenario_change_changes_act_three(at):
    before = act_titles(at)[2]
    goto(at, ui.SCENARIO)
    at.slider(key=f"{ui.SEED}share:Finance").set_value(100).run()
    at.selectbox(key=f"{ui.SEED}stage:IT").set_value(1).run()
    hand_backs = {h.owner: h for h in project(at).scenario.hand_backs}
    assert hand_backs["Finance"].share == 1.0 and hand_backs["IT"].stage == 1
    after = act_titles(at)[2]
    assert after != before
    assert after == story_of(TOGGL, project=project(at)).titles[2]


def test_the_scenario_effect_is_shown_live(at):
    goto(at, ui.SCENARIO)
    reclaimed = {m.label: m.value for m in at.metric}["Reclaimed per week"]
    at.slider(key=f"{ui.SEED}share:Contact Centre").set_value(0).run()
    assert {m.label: m.value for m in at.metric}["Reclaimed per week"] != reclaimed


def test_an_edited_title_reaches_the_deck_and_survives_other_edits(at):
    goto(at, ui.STORY)
    at.text_area(key=f"{ui.SEED}titles2").input("Two people quietly carry our Contact Centre's queue").run()
    assert project(at).edits.titles == {2: "Two people quietly carry our Contact Centre's queue"}
    prs = downloaded_deck(at)
    titles = [next(s for s in slide.shapes if s.name == "Title").text_frame.text for slide in prs.slides]
    assert titles[1] == "Two people quietly carry our Contact Centre's queue"
    goto(at, ui.STORY)
    at.button(key="reset2").click().run()
    assert project(at).edits.titles == {}


def test_each_number_says_how_it_was_computed(at):
    goto(at, ui.STORY)
    text = " ".join(m.value for m in at.markdown)
    for x in sk.explain(sk.analyse(sk.load(sample(TOGGL)), SAMPLE_PROJECT).metrics):
        assert x.formula in text


def test_a_bad_file_shows_an_error_next_to_it_and_the_app_keeps_working(at):
    upload(at, sample(HARVEST), ("notes.csv", b"just,some\nwords,here\n"))
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("notes.csv:")
    assert "Traceback" not in errors[0]
    goto(at, ui.STORY)
    assert any("could not be read" in w.value for w in at.warning)
    assert act_titles(at)[0] == story_of(HARVEST, project=sk.Project()).titles[0]
    goto(at, ui.UPLOAD)
    at.button(key="remove:notes.csv").click().run()
    assert not at.error


def test_a_binary_file_is_refused_politely(at):
    upload(at, ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))
    assert at.error[0].value.startswith("photo.xlsx")
    for step in (ui.CLASSIFY, ui.SCENARIO, ui.STORY, ui.EXPORT):
        goto(at, step)
        assert any("Upload" in i.value for i in at.error), step.title


def test_the_project_file_brings_every_choice_back(at):
    goto(at, ui.SETTINGS)
    at.text_input(key=f"{ui.SEED}team_name").input("Service Desk").run()
    goto(at, ui.STORY)
    at.text_area(key=f"{ui.SEED}titles1").input("Our own title").run()
    saved = project(at).to_json()
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    fresh.file_uploader(key="open_project").set_value(("project.json", saved.encode(), "application/json")).run()
    assert project(fresh) == project(at)
    assert any("Upload this period's exports" in i.value for i in fresh.info)
    upload(fresh, sample(TOGGL))  # next week: the project first, then the new data
    assert project(fresh) == project(at)
    assert act_titles(fresh)[0] == "Our own title"
    goto(fresh, ui.SETTINGS)
    assert fresh.text_input(key=f"{ui.SEED}team_name").value == "Service Desk"


def test_a_broken_project_file_is_explained_next_to_the_uploader(at):
    before = project(at)
    at.file_uploader(key="open_project").set_value(("p.json", b'{"storykit_project": 1, "settings": 3}',
                                                    "application/json")).run()
    assert [e.value for e in at.error] == [
        "p.json: settings must be an object (value 3, a number). Fix the value or save the project again from the app."]
    assert project(at) == before


def test_back_to_the_example(at):
    upload(at, sample(HARVEST))
    at.button(key="back_to_example").click().run()
    goto(at, ui.OPEN)
    assert subheaders(at) == list(story_of(TOGGL, project=SAMPLE_PROJECT).titles)


def test_a_low_confidence_reading_is_asked_about_not_used_silently(at):
    text = "Date,Hours,Notes\n2026-01-05,4,tickets\n2026-01-06,3,phones\n"  # no person, no category
    upload(at, ("odd.csv", text.encode()))
    source = sk.load(("odd.csv", text.encode())).sources[0]
    assert source.needs_confirmation  # no person, no category: the reader must be unsure
    assert any("not sure" in w.value for w in at.warning)
    at.button(key="confirm:odd.csv").click().run()
    assert "odd.csv" in project(at).mappings
    assert not any("not sure" in w.value for w in at.warning)


def test_the_project_file_holds_no_time_log_data(at):
    upload(at, sample(HARVEST))
    saved = json.loads(project(at).to_json())
    assert "Ines" not in json.dumps(saved)


def test_config_keeps_privacy_limits_and_the_deck_look():
    import re
    import tomllib

    from storykit.charts import FONT
    from storykit.chartspec import ACCENT, DARK, GREY, TEXT
    from storykit.ingest.grid import MAX_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    readme_mb = int(re.search(r"\| upload size \| (\d+) MB", (ROOT / "README.md").read_text()).group(1))
    assert config["server"]["maxUploadSize"] == readme_mb == MAX_BYTES // 2**20
    theme = config["theme"]
    assert (theme["primaryColor"], theme["textColor"]) == (ACCENT, TEXT)
    assert theme["chartCategoricalColors"] == [ACCENT, GREY, DARK]
    assert theme["font"] == FONT


def test_the_apps_cached_story_is_the_librarys_story():
    """The app builds stories from its cached analysis (without the edits) and then the edits; the result
    must be the story the library tells from the files, edits and all."""
    files = ui.Inputs.of((sample(TOGGL), sample(HARVEST)))
    edited = dataclasses.replace(SAMPLE_PROJECT, edits=sk.Edits(titles={2: "Our own title: 2.5 people"}))
    log = sk.load(sample(TOGGL), sample(HARVEST))
    for p in (SAMPLE_PROJECT, edited):
        assert ui.story(files, p) == sk.build_story(log, p)
    assert ui.story(files, edited).acts[1].title == "Our own title: 2.5 people"
    assert TOGGL in ui.story(files, SAMPLE_PROJECT).source


def test_stage_timing_and_backlog_effort_are_kept_with_the_hand_backs(at):
    goto(at, ui.SCENARIO)
    at.number_input(key=f"{ui.SEED}stage_weeks").set_value(2).run()
    at.slider(key=f"{ui.SEED}share:IT").set_value(80).run()
    at.number_input(key=f"{ui.SEED}minutes_per_item").set_value(15.0).run()
    p = project(at)
    assert p.scenario.stage_weeks == 2 and p.scenario.plan_for("IT").share == 0.8
    assert p.service.minutes_per_item == 15.0 and p.service.backlog_items == 340
    assert act_titles(at)[2] == story_of(TOGGL, project=p).titles[2]


def test_long_lists_of_flagged_rows_show_their_count_and_their_first_rows(at):
    text = "Date,Person,Activity,Hours\n" + "2026-01-05,Ann,Customer tickets,1\n" * 1200
    upload(at, ("dupes.csv", text.encode()))
    assert any(e.label.startswith("1,199 rows kept but worth a look") for e in at.expander)
    assert any(c.value == "The first 1,000 of 1,199." for c in at.caption)
    assert len(at.dataframe[0].value) == 1000
    flagged = sk.load(("dupes.csv", text.encode())).flagged
    assert any(c.value == f"... and 199 more, not listed here (from row {flagged[1000].row:,} on)." for c in at.caption)


def test_saved_projects_remember_labels_and_next_month_flags_new_ones(at):
    log = sk.load(sample(TOGGL))
    saved = sk.Project.from_json(sk.saved_project(SAMPLE_PROJECT, sk.analyse(log, SAMPLE_PROJECT)).to_json())
    assert saved.known_labels == tuple(log.labels)
    last_month = dataclasses.replace(saved, known_labels=tuple(lbl for lbl in log.labels if lbl != "Phone overflow"))
    at.file_uploader(key="open_project").set_value(("p.json", last_month.to_json().encode(), "application/json")).run()
    upload(at, sample(TOGGL))
    goto(at, ui.CLASSIFY)
    assert any("New since the project file was saved: Phone overflow" in i.value for i in at.info)
    assert ui.analysis(at.session_state[ui.FILES], project(at)).new_labels == ("Phone overflow",)


def test_project_uploaders_state_the_project_file_limit():
    from storykit.project_json import MAX_PROJECT_BYTES

    assert ui.PROJECT_UPLOAD_MB * 2**20 == MAX_PROJECT_BYTES
    for page in ("open.py", "export.py"):
        assert "max_upload_size=ui.PROJECT_UPLOAD_MB" in (ROOT / "pages" / page).read_text()


# -- the example is unmistakable ------------------------------------------------------------
def slide_title(slide) -> str:  # type: ignore[no-untyped-def]
    return next(s for s in slide.shapes if s.name == "Title").text_frame.text


def reload(at: AppTest) -> AppTest:
    """What a browser does on F5 or after a server restart: a new session, the same URL."""
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    fresh.query_params.update(dict(at.query_params))
    fresh.run()
    assert not fresh.exception
    return fresh


@pytest.mark.parametrize("step", ui.STEPS, ids=lambda s: s.title)
def test_every_step_says_in_its_main_area_that_it_shows_the_example(at, step):
    goto(at, step)
    assert any(f"This is the {ui.EXAMPLE}" in i.value for i in at.main.info), step.title
    upload(at, sample(HARVEST))
    goto(at, step)
    assert not any(ui.EXAMPLE in i.value for i in at.main.info), step.title


def test_the_example_deck_says_example_in_its_file_name_document_title_and_first_slide(at):
    goto(at, ui.EXPORT)
    assert at.get("download_button")[0].proto.label.startswith(f"Download the {ui.EXAMPLE} deck")
    name, data = download(at, "download_deck")
    prs = Presentation(io.BytesIO(data))
    assert name.startswith(f"{ui.EXAMPLE}-")
    assert ui.EXAMPLE in prs.core_properties.title
    assert slide_title(prs.slides[0]).startswith(ui.EXAMPLE)
    assert prs.slides[0].notes_slide.notes_text_frame.text.startswith(f"This is the {ui.EXAMPLE} deck")
    upload(at, sample(HARVEST))
    goto(at, ui.EXPORT)
    name, data = download(at, "download_deck")
    prs = Presentation(io.BytesIO(data))
    assert ui.EXAMPLE not in name and ui.EXAMPLE not in prs.core_properties.title
    assert not any(ui.EXAMPLE in slide_title(s) for s in prs.slides)


def test_a_refresh_says_the_work_was_forgotten_and_the_project_file_brings_the_choices_back(at):
    upload(at, sample(HARVEST))
    goto(at, ui.SETTINGS)
    at.text_input(key=f"{ui.SEED}team_name").input("Service Desk").run()
    saved = project(at).to_json()
    assert dict(at.query_params) == {ui.WORK_PARAM: ui.WORK_VALUE}
    for step in (ui.STORY, ui.EXPORT):  # where the sample team's numbers could pass for ours
        reloaded = goto(reload(at), step)
        assert any(ui.FORGOTTEN_TITLE in w.value for w in reloaded.main.warning), step.title
        assert ui.FILES not in reloaded.session_state
    assert download(reloaded, "download_deck")[0].startswith(f"{ui.EXAMPLE}-")
    reloaded.file_uploader(key="forgotten_project").set_value(
        ("service-desk.storykit.json", saved.encode(), "application/json")).run()
    assert project(reloaded) == sk.Project.from_json(saved)
    assert not any(ui.FORGOTTEN_TITLE in w.value for w in reloaded.main.warning)
    assert any("No data yet" in i.value for i in reloaded.main.info)
    assert dict(reloaded.query_params) == {ui.WORK_PARAM: ui.WORK_VALUE}  # still work: a second refresh says so too


def test_a_first_visit_or_a_refresh_on_the_example_is_not_told_of_forgotten_work(at):
    assert not any(ui.FORGOTTEN_TITLE in w.value for w in at.main.warning)
    assert dict(at.query_params) == {}
    assert not any(ui.FORGOTTEN_TITLE in w.value for w in goto(reload(at), ui.STORY).main.warning)
    upload(at, sample(HARVEST))
    at.button(key="back_to_example").click().run()
    assert dict(at.query_params) == {}


def test_after_a_refresh_the_example_can_be_chosen_and_is_still_marked(at):
    upload(at, sample(HARVEST))
    reloaded = goto(reload(at), ui.STORY)
    reloaded.button(key="carry_on").click().run()
    assert not any(ui.FORGOTTEN_TITLE in w.value for w in reloaded.main.warning)
    assert any(f"This is the {ui.EXAMPLE}" in i.value for i in reloaded.main.info)
    assert dict(reloaded.query_params) == {}


# -- no file is dropped silently ----------------------------------------------------------------
DAMAGED_XLS = ("timesheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))  # an OLE header, then nothing


def reader_message(name: str, data: bytes) -> str:
    with pytest.raises(sk.StoryKitError) as e:
        sk.load((name, data))
    return str(e.value)


def test_the_uploader_accepts_any_file_so_streamlit_never_refuses_one_on_its_own(at):
    goto(at, ui.UPLOAD)
    assert list(at.file_uploader[0].proto.type) == []


def test_every_file_gets_its_own_card_with_the_readers_message_and_every_later_step_names_those_left_out(at):
    scan = ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    upload(at, sample(HARVEST), DAMAGED_XLS, scan, mime="application/octet-stream")
    cards = [h.value for h in at.main.markdown if h.value.startswith("#### :material/description:")]
    assert [c.rsplit(" ", 1)[1] for c in cards] == [HARVEST, DAMAGED_XLS[0], scan[0]]
    assert [e.value for e in at.main.error] == [reader_message(*DAMAGED_XLS), reader_message(*scan)]
    assert any("Harvest, detailed time" in m.value for m in at.main.markdown)  # the good one is read
    for step in (ui.CLASSIFY, ui.SETTINGS, ui.SCENARIO, ui.STORY, ui.EXPORT):
        goto(at, step)
        left_out = [w.value for w in at.main.warning if w.value.startswith("Left out")]
        assert len(left_out) == 1 and DAMAGED_XLS[0] in left_out[0] and scan[0] in left_out[0], step.title
    assert act_titles(at)[0] == story_of(HARVEST, project=sk.Project()).titles[0]


def test_a_project_file_dropped_among_the_exports_becomes_the_project(at):
    saved = dataclasses.replace(sk.Project(), settings=sk.Settings(team_name="Service Desk"))
    upload(at, sample(HARVEST), ("service-desk.storykit.json", saved.to_json().encode()))
    assert project(at) == saved
    assert at.session_state[ui.FILES].names == (HARVEST,)
    assert act_titles(at)[0].startswith("Service Desk:")


# -- narrow screens (what a browser alone can check is in tests/test_browser_screens.py) ---------
@pytest.mark.parametrize("step", ui.STEPS, ids=lambda s: s.title)
def test_every_step_shows_all_seven_steps_as_links_none_folded_away(at, step):
    goto(at, step)
    links = [link.proto.label for link in at.main.get("page_link")]
    assert links[:7] == [f"{i}. {s.title}" for i, s in enumerate(ui.STEPS, 1)]


# -- the small items -------------------------------------------------------------------------
def choose_in_table(at: AppTest, label: str, words: str) -> None:
    """What the grid sends when a person picks `words` in a label's 'Whose work' cell."""
    table = at.data_editor[0].value
    row = int(table.index[table["label"] == label][0])
    key = at.data_editor[0].key
    edits = dict(at.session_state[key]["edited_rows"]) if key in at.session_state else {}
    at.session_state[key] = {"edited_rows": {**edits, row: {"whose work": words}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()


def test_a_choice_in_the_table_keeps_the_grid_and_the_numbers_above_follow_in_the_same_run(at):
    """A grid redrawn under a new key after each choice lost the next clicks (the dropdown needed a third)."""
    goto(at, ui.CLASSIFY)
    grid = at.data_editor[0].proto.id
    share = {m.label: m.value for m in at.metric}["Other teams' share of working time"]
    choose_in_table(at, "Customer tickets", "Finance's work")
    choose_in_table(at, "Live chat", "IT's work")  # a second choice in the same grid
    assert at.data_editor[0].proto.id == grid
    assert project(at).assignments == {"Customer tickets": sk.Choice.of_team("Finance"),
                                       "Live chat": sk.Choice.of_team("IT")}
    expected = sk.analyse(sk.load(sample(TOGGL)), project(at)).metrics.other_team_share
    assert {m.label: m.value for m in at.metric}["Other teams' share of working time"] == f"{expected:.0%}" != share


def test_adding_a_team_confirms_it_and_offers_it(at):
    goto(at, ui.CLASSIFY)
    at.text_input(key="new_owner").input("Facilities").run()
    assert [s.value for s in at.main.success if "Facilities" in s.value] == [
        "Added: **Facilities' work** is now a choice in the table's 'Whose work' and in the keyword rule."]
    assert "Facilities' work" in at.selectbox(key="rule_choice").options
    at.run()
    assert not any("Facilities" in s.value for s in at.main.success)  # said once, not on every run


def test_classify_and_the_story_give_the_same_undecided_share(at):
    """Both of working time (breaks left out): Classify once divided by all hours, the story by working hours."""
    text = ("Date,Person,Activity,Hours\n2026-01-05,Ann,Zebra grooming,3\n2026-01-05,Ann,Customer tickets,4\n"
            "2026-01-05,Ann,Lunch break,3\n")
    upload(at, ("odd.csv", text.encode()))
    goto(at, ui.CLASSIFY)
    shown = {m.label: m.value for m in at.metric}["Working time not decided yet"]
    m = sk.analyse(sk.load(("odd.csv", text.encode())), project(at)).metrics
    assert f"{m.hours_by_class['unassigned'] / m.total_hours:.0%}" != shown  # the two totals differ here
    goto(at, ui.STORY)
    story = " ".join(at.text_area(key=f"{ui.SEED}{kind}{n}").value for kind in ("titles", "points") for n in (1, 2, 3))
    assert f"{shown} of working time has no owner yet" in story


def test_open_stops_saying_nothing_yet_once_a_project_is_loaded(at):
    assert any("Nothing yet" in m.value for m in at.main.markdown)
    at.file_uploader(key="open_project").set_value(
        ("p.json", SAMPLE_PROJECT.to_json().encode(), "application/json")).run()
    assert not any("Nothing yet" in m.value for m in at.main.markdown)
    assert any("your project is in" in m.value for m in at.main.markdown)


def test_settings_offer_the_hourly_cost_a_file_carries(at):
    goto(at, ui.SETTINGS)
    assert not any(b.key == "use_rate" for b in at.button)
    upload(at, sample(HARVEST))
    goto(at, ui.SETTINGS)
    rate = sk.load(sample(HARVEST)).cost_rate
    assert any(f"${rate.per_hour:,.2f}" in i.value and "'Cost Rate'" in i.value for i in at.main.info)
    at.button(key="use_rate").click().run()
    assert (project(at).settings.hourly_cost, project(at).settings.currency) == (rate.per_hour, "$")
    assert at.number_input(key=f"{ui.SEED}hourly_cost").value == rate.per_hour
    assert not any(b.key == "use_rate" for b in at.button)  # offered until used
    assert f"an hour costs ${rate.per_hour:,.2f}" in " ".join(c.value for c in at.caption)


def test_the_review_line_names_five_open_labels_and_counts_the_rest(at):
    labels = [f"Zebra grooming {n}" for n in range(7)]
    text = "Date,Person,Activity,Hours\n" + "".join(f"2026-01-05,Ann,{lbl},{n + 1}\n" for n, lbl in enumerate(labels))
    upload(at, ("odd.csv", text.encode()))
    goto(at, ui.STORY)
    review = next(w.value for w in at.main.warning if "Open: " in w.value)
    named = review.split("Open: ", 1)[1]
    assert sum(lbl in named for lbl in labels) == ui.OPEN_NAMED and named.endswith(" and 2 more.")
    assert "..." not in review


def test_a_file_with_one_person_and_one_label_is_counted_in_the_singular(at):
    upload(at, ("one.csv", b"Date,Person,Activity,Hours\n2026-01-05,Ann,Customer tickets,4\n"))
    assert any(c.value.startswith("1 person · 1 activity label · ") for c in at.main.caption)


def test_the_share_after_shows_no_change_arrow_when_nothing_is_handed_back(at):
    goto(at, ui.SCENARIO)
    assert {m.label: m.delta for m in at.metric}["Other teams' share after"]  # the example hands work back
    upload(at, ("some.csv", b"Date,Person,Activity,Hours\n2026-01-05,Ann,Customer tickets,4\n"
                            b"2026-01-05,Ann,Invoice queries,2\n"))
    goto(at, ui.SCENARIO)
    assert project(at).scenario.ask == "hand_back" and len(at.slider) == 1
    at.slider[0].set_value(0).run()
    assert {m.label: m.value for m in at.metric}["Reclaimed per week"] == "0.0 h"
    assert not {m.label: m.delta for m in at.metric}["Other teams' share after"]


def test_with_no_other_teams_work_the_scenario_asks_nothing_it_cannot_use(at):
    """Nothing to hand back: an effect of four zeros, an ask, its purpose and weeks between stages changed
    nothing on slide 3. The page says why, keeps the service levels (act 2 says what slips) and slide 3."""
    upload(at, ("ours.csv", b"Date,Person,Activity,Hours\n2026-01-05,Ann,Customer tickets,4\n"))
    goto(at, ui.SCENARIO)
    assert any("nothing to hand back" in i.value for i in at.info)
    assert [m.label for m in at.metric] == ["of other teams' work to hand back"]  # slide 3's big number only
    assert not list(at.radio)
    assert "Weeks between stages" not in [n.label for n in at.number_input]
    assert any(e.label.startswith("Service levels") for e in at.expander)
    assert any(c.value == "Slide 3 as it will read" for c in at.caption)


def test_one_row_is_one_row_and_each_note_on_how_a_file_was_read_has_its_line(at):
    """'1 rows kept but worth a look' on real files; a note that lowers every per-week figure (a file from
    another period) was the last clause of one long grey sentence, then a grey line among the notes."""
    text = "Date,Person,Activity,Hours\n2026-01-05,Ann,Customer tickets,1\n2026-01-05,Ann,Customer tickets,1\n"
    later = "Date,Person,Activity,Hours\n2026-09-07,Bob,Customer tickets,2\n"
    upload(at, ("dupe.csv", text.encode()), ("later.csv", later.encode()))
    log = sk.load(("dupe.csv", text.encode()), ("later.csv", later.encode()))
    assert len(log.flagged) == 1 and any(e.label.startswith("1 row kept but worth a look") for e in at.expander)
    (late,) = [s for s in log.sources if s.file == "later.csv"]
    (gap,) = late.alerts
    # the note that lowers every per-week figure is a warning of its own, not a grey line among the notes
    assert [w.value for w in at.main.warning if "this file starts" in w.value.lower()] == [
        ui.plain(gap[:1].upper() + gap[1:])]
    captions = [c.value for c in at.caption if c.value.startswith("How it was read:")]
    assert not any("this file starts" in c.lower() for c in captions)
    notes = [w for s in log.sources for w in s.warnings if w not in s.alerts]
    assert [line for c in captions for line in c.split("\n")[1:]] == [
        f"- {ui.plain(w[:1].upper() + w[1:])}" for w in notes]


def test_column_names_with_underscores_read_as_written_in_the_upload_notes(at):
    """Exports name columns 'user_name', 'work_date', 'duration_h' (and files 'my_time_log.csv'); the reasons,
    notes and the sidebar are markdown, where two underscores on a line made the text between them italic
    and the underscores vanished. And one person is '1 person'."""
    text = ("work_date,user_name,task_*id*,duration_h\n"
            + "".join(f"2026-01-{5 + i % 5:02d},Ann,T-{i},1.5\n" for i in range(20)))
    upload(at, ("my_time_log.csv", text.encode()))
    (reasons,) = [c.value for c in at.caption if "**Date**" in c.value]
    assert "'work\\_date'" in reasons and "'user\\_name'" in reasons and "'duration\\_h'" in reasons
    assert "'task\\_\\*id\\*'" in reasons
    sidebar = [c.value.replace("<wbr>", "") for c in at.sidebar.caption]  # <wbr>: where a long name may wrap
    assert "Data: my\\_time\\_log.csv" in sidebar  # the sidebar names the file
    assert any(c.value.startswith("20 rows from 1 file, 30.0 hours, 1 person.") for c in at.caption)


def test_act_three_with_nothing_to_hand_back_shows_what_the_rule_keeps_ours_as_the_deck_does(at):
    """No other teams' work: the Story page's act 3 drew two identical columns ('Today', 'Next quarter'). It
    shows what the storykit story says (our work by kind beside other teams' work at zero), number for number
    as the deck's chart, and says how that was computed."""
    from storykit.charts import to_figure

    text = b"Date,Person,Activity,Hours\n2026-01-05,Ann,Customer tickets,30\n2026-01-06,Bob,Team meeting,6\n"
    upload(at, ("ours.csv", text))
    goto(at, ui.STORY)
    act3 = sk.build_story(sk.load(("ours.csv", text)), project(at)).acts[2]
    (shown,) = [json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart") if c.proto.id.endswith("chart3")]
    assert [(list(t["y"]), t["text"]) for t in shown] == [
        (list(t.y), list(t.text)) for t in to_figure(act3.chart).data]
    assert shown[0]["y"] == ["Core work", "Overhead", "Other teams' work"] and shown[0]["text"][-1] == "0.0"
    assert any(m.value == f"**{act3.chart.caption}**" for m in at.markdown)
    assert any(act3.notes.method in m.value for m in at.markdown)  # not 'Reclaimed: 0.0 FTE' with no plan


def test_the_whose_work_options_keep_their_order_after_a_choice(at):
    """Teams in use came first, so giving a label to Marketing moved Marketing up the list in the grid's
    dropdown and the keyword rule's: the next pick landed on another team. Teams are in alphabetical order."""
    goto(at, ui.CLASSIFY)

    def options() -> list[str]:
        grid = json.loads(at.data_editor[0].proto.columns)["whose work"]["type_config"]["options"]
        assert grid == at.selectbox(key="rule_choice").options
        return grid

    before = options()
    choose_in_table(at, "Customer tickets", "Marketing's work")
    assert project(at).assignments == {"Customer tickets": sk.Choice.of_team("Marketing")}
    assert options() == before
    teams = before[3:-1]  # after our own three, before 'not decided yet'
    assert len(teams) > 3 and teams == sorted(teams, key=str.casefold)
