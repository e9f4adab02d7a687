"""The CLI contract: inspect --json keys and totals, build writes a deck, bad input exits 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pptx import Presentation

from tests.conftest import ROOT, SAMPLES

CONTRACT_KEYS = {"file", "format", "sheet", "header_row", "rows", "skipped_rows", "total_hours", "people",
                 "hours_by_person", "category_column", "hours_by_label", "date_range", "mapping",
                 "hours_by_class", "other_team_share", "warnings"}
SAMPLE_FILES = ["toggl_support_team.csv", "harvest_service_desk.csv", "handmade_care_team.xlsx"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storykit.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_inspect_json_matches_ground_truth(name, ground_truth):
    result = run("inspect", str(SAMPLES / name), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    truth = ground_truth[name]
    assert set(report) >= CONTRACT_KEYS
    assert report["total_hours"] == pytest.approx(truth["total_hours"], abs=0.01)
    assert report["rows"] == truth["rows"]
    assert report["people"] == truth["people"]
    assert report["date_range"] == truth["date_range"]
    assert report["hours_by_label"] == pytest.approx(truth["hours_by_label"], abs=0.01)
    assert report["hours_by_person"] == pytest.approx(truth["hours_by_person"], abs=0.01)
    assert sum(report["hours_by_class"].values()) == pytest.approx(truth["total_hours"], abs=0.01)
    assert 0.2 <= report["other_team_share"] <= 0.35


def test_inspect_ignores_rounded_hours_and_lists_the_total_row(ground_truth):
    harvest = json.loads(run("inspect", str(SAMPLES / "harvest_service_desk.csv"), "--json").stdout)
    assert harvest["mapping"]["hours"] == "Hours"
    assert "Hours Rounded" not in harvest["mapping"].values()
    sheet = json.loads(run("inspect", str(SAMPLES / "handmade_care_team.xlsx"), "--json").stdout)
    assert sheet["header_row"] == 4
    assert sheet["skipped_rows"] == [] and sheet["skipped_count"] == 0  # a total row is not a lost entry
    assert [(s["reason"], s["kind"]) for s in sheet["structure_rows"]] == [("total row (a sum of other rows)",
                                                                          "structure")]


def test_inspect_human_readable():
    result = run("inspect", str(SAMPLES / "toggl_support_team.csv"))
    assert result.returncode == 0
    assert "toggl_detailed" in result.stdout
    assert "other-team share" in result.stdout


def test_inspect_lists_the_first_flagged_rows_and_says_how_many_more(tmp_path):
    dupes = tmp_path / "dupes.csv"
    dupes.write_text("Date,Person,Activity,Hours\n" + "2026-01-05,Ann,Customer tickets,1\n" * 25)
    flagged = json.loads(run("inspect", str(dupes), "--json").stdout)["flagged_rows"]
    result = run("inspect", str(dupes))
    listed = [line for line in result.stdout.splitlines() if line.strip().startswith("flagged row")]
    assert len(listed) == 10 < len(flagged)
    assert f"  ... and {len(flagged) - 10} more flagged rows (see --json)" in result.stdout.splitlines()


def test_build_writes_a_three_slide_deck(tmp_path):
    out = tmp_path / "deck.pptx"
    result = run("build", str(SAMPLES / "toggl_support_team.csv"), "-o", str(out),
                 "--project", str(SAMPLES / "project.json"))
    assert result.returncode == 0, result.stderr
    assert len(Presentation(str(out)).slides) == 3
    assert "Customer Support" in result.stdout


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "empty.csv", "the file is empty"),
        (b"hello world\nthis is not a table\n", "notes.csv", "no header row"),
        (b"PK\x03\x04garbage", "broken.xlsx", "damaged"),
        (b"just text", "fake.xlsx", "not a spreadsheet"),
        (b"Date,Person,Activity,Hours\n", "header_only.csv", "no readable rows"),
    ],
    ids=["empty", "not-a-table", "truncated-zip", "fake-xlsx", "header-only"],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, name, expected):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("inspect", str(path), "--json")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_bad_project(tmp_path):
    result = run("inspect", str(tmp_path / "nope.csv"))
    assert result.returncode == 2 and "cannot open" in result.stderr
    bad = tmp_path / "p.json"
    bad.write_text('{"storykit_project": 1, "settings": {"contracted_weekly_hours": -3}}')
    result = run("build", str(SAMPLES / "toggl_support_team.csv"), "-o", str(tmp_path / "d.pptx"),
                 "--project", str(bad))
    assert result.returncode == 2
    assert "settings.contracted_weekly_hours must be a number from 1 to 80 (value -3, a number)" in result.stderr
    assert "Traceback" not in result.stderr


def test_inspect_into_a_closed_pipe_exits_quietly():
    """`storykit inspect FILE | head`: the reader closes the pipe; storykit says nothing about it.

    `true` closes its end before storykit has started, so the first print always meets a closed pipe.
    """
    cmd = f"{sys.executable} -m storykit.cli inspect {SAMPLES / 'harvest_service_desk.csv'} | true"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.stderr == "", result.stderr
    assert result.returncode == 141  # as `ls | true` on a long listing: ended by the closed pipe, nothing said


def test_inspect_says_why_for_every_role_and_asks_its_question(tmp_path, capsys):
    """The text names each role's column with its reason; a file the reader cannot settle shows the question
    and each answer's mapping, and --json carries both (reasons per role, question with its options)."""
    from storykit.cli import main

    def inspect(*args: str) -> str:
        assert main(["inspect", *args]) == 0
        return capsys.readouterr().out

    kimai = str(ROOT / "tests" / "fixtures" / "kimai_export.csv")
    text, report = inspect(kimai), json.loads(inspect(kimai, "--json"))
    assert set(report["reasons"]) == set(report["mapping"]) and all(report["reasons"].values())
    assert all(f"    {role}: {why}" in text for role, why in report["reasons"].items())
    assert report["question"] is None and "QUESTION" not in text
    rows = ["Date,Dauer,Activity"] + [f"2026-03-{2 + i // 12:02d},{1 + (i * 7) % 8},{('Support', 'Meeting')[i % 2]}"
                                      for i in range(120)]
    unsure = tmp_path / "dauer.csv"
    unsure.write_text("\n".join(rows) + "\n")
    text, question = inspect(str(unsure)), json.loads(inspect(str(unsure), "--json"))["question"]
    assert question["text"] in ("Is 'Dauer' in hours or minutes?", "Is 'Dauer' in minutes or hours?")
    assert {o["answer"] for o in question["options"]} == {"hours", "minutes"}
    assert f"QUESTION: {question['text']}" in text
    assert all(json.dumps(o["mapping"]) in text for o in question["options"])


def test_the_command_leaves_its_objects_to_the_os_but_main_does_not(tmp_path):
    """`storykit` imports the library with the collector paused and freezes it (no collection walks pandas
    again), and freezes what is alive before exiting (no last garbage walk: ~0.1 s); main() called in a
    process that goes on (a test, a script) must leave the caller's collector as it was."""
    run = subprocess.run([sys.executable, "-c", "import atexit, gc, sys\nfrom storykit import cli\n"
                          "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
                          "real = cli.dispatch\n"
                          "def seen(args):\n"
                          "    print('imported frozen', gc.isenabled(), 'pandas' in sys.modules,\n"
                          "          gc.get_freeze_count() > 100_000, file=sys.stderr)\n"
                          "    return real(args)\n"
                          "cli.dispatch = seen\n"
                          f"sys.argv = ['storykit', 'inspect', {str(SAMPLES / 'harvest_service_desk.csv')!r}, '--json']\n"
                          "cli.run()"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0 and json.loads(run.stdout)["rows"] > 0
    assert "imported frozen True True True" in run.stderr  # the library is in, frozen, and the collector back on
    assert "frozen True" in run.stderr
    called = subprocess.run([sys.executable, "-c", "import gc\nfrom storykit import cli\n"
                             f"code = cli.main(['inspect', {str(SAMPLES / 'harvest_service_desk.csv')!r}])\n"
                             "print('frozen', gc.get_freeze_count() > 0, code)"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert called.stdout.strip().endswith("frozen False 0")


def test_help_and_usage_errors_answer_before_the_library_is_imported():
    """`storykit --help` and a mistyped command answer at once: pandas and the reader (half a second) are
    imported only once the arguments ask for work."""
    probe = ("import sys\nfrom storykit import cli\nsys.argv = ['storykit'] + sys.argv[1:]\n"
             "try:\n    cli.run()\nexcept SystemExit as e:\n"
             "    print('exit', e.code, 'pandas' in sys.modules, 'storykit.api' in sys.modules, file=sys.stderr)\n")
    for argv, code in ((["--help"], 0), (["inspect"], 2), (["biuld", "x.csv"], 2)):
        run = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=ROOT,
                             timeout=120)
        assert f"exit {code} False False" in run.stderr, (argv, run.stderr[-500:])


def test_inspect_imports_no_narrative_and_build_tells_the_story(tmp_path):
    """`storykit inspect` reads and counts; it never tells a story, so the narrative, the follow-up and the
    deck's modules stay unimported (~20 ms of every inspect). `build` imports them where it needs them. The
    project file's schema (~6 ms) is imported where a project file is read or written."""
    probe = ("import atexit, sys\nfrom storykit import cli\n"
             "atexit.register(lambda: print('told', 'storykit.narrative' in sys.modules, 'storykit.followup' in sys.modules,\n"
             "                              'pptx' in sys.modules, 'storykit.project_schema' in sys.modules,\n"
             "                              file=sys.stderr))\n"
             "sys.argv = ['storykit'] + sys.argv[1:]\ncli.run()\n")
    sample = str(SAMPLES / "harvest_service_desk.csv")
    project = str(SAMPLES / "project.json")
    for argv, told in ((["inspect", sample, "--json"], "told False False False False"),
                       (["build", sample, "-o", str(tmp_path / "deck.pptx")], "told True True True False"),
                       (["build", sample, "--project", project, "-o", str(tmp_path / "p.pptx")],
                        "told True True True True")):
        run = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=ROOT,
                             timeout=120)
        assert run.returncode == 0 and told in run.stderr, (argv, run.stderr[-500:])


@pytest.mark.parametrize("preset", [None, "4"])
def test_the_command_keeps_numpy_to_one_blas_thread_unless_told(preset):
    """OpenBLAS starts a spinning thread per core at numpy's import (~0.1 s of the other core's CPU, which
    reads the file meanwhile); storykit has no matrix work for it. The command asks for one thread where
    the user set nothing, and leaves a user's own setting alone."""
    import os

    code = ("import os, sys; from storykit.cli import run; sys.argv = ['storykit', 'inspect', sys.argv[1], '--json']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "import numpy; print(os.environ.get('OPENBLAS_NUM_THREADS'), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | ({"OPENBLAS_NUM_THREADS": preset} if preset else {})
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLES / "harvest_service_desk.csv")], capture_output=True,
                         text=True, cwd=ROOT, env=env, check=True)
    assert json.loads(out.stdout)["rows"] > 0
    assert out.stderr.strip().splitlines()[-1] == (preset or "1")
