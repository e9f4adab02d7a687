"""The command line: parse arguments, call the library, print the result. No logic of its own.

    storykit inspect FILE [--json]
    storykit build FILE... -o deck.pptx [--project project.json] [--template brand.potx] [--appendix]
                           [--save-project out.json] [--follow-up]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

EXIT_BAD_INPUT = 2


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as arguments (argparse prints help or a usage error and exits)."""
    parser = argparse.ArgumentParser(prog="storykit", description="Turn team time logs into a three-slide story.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks (for bug reports)")
    sub = parser.add_subparsers(dest="command", required=True)
    inspect = sub.add_parser("inspect", help="show how a file is read: format, columns, totals, skipped rows")
    inspect.add_argument("file")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument("--project", help="a project file whose mapping and classification to apply")
    build = sub.add_parser("build", help="build the .pptx deck from one or more files")
    build.add_argument("files", nargs="+")
    build.add_argument("-o", "--output", required=True, help="where to write the deck (.pptx)")
    build.add_argument("--project", help="a project file (settings, classification, scenario, edits)")
    build.add_argument("--template", help="a brand template (.pptx or .potx) whose master, theme and fonts to use")
    build.add_argument("--appendix", action="store_true", help="add a method slide and a data table")
    build.add_argument("--save-project", metavar="OUT.json",
                       help="write the project as the app saves it, with this period kept as the plan's baseline")
    build.add_argument("--follow-up", action="store_true",
                       help="the second meeting's deck: these later files against the baseline --project keeps")
    return parser.parse_args(argv)


def first_file(args: argparse.Namespace) -> str:
    """The file an error names when it names none, and the one read ahead: inspect's, or build's first."""
    return args.file if args.command == "inspect" else args.files[0]


def main(argv: Sequence[str] | None = None) -> int:
    return dispatch(parse(argv))


def dispatch(args: argparse.Namespace) -> int:
    current = first_file(args)
    try:
        if args.command == "inspect":
            return _inspect(args)
        return _build(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `storykit inspect FILE | head`: the reader has all it wanted
        return _reader_gone()
    except Exception as e:  # the edge where every failure becomes one line
        if args.debug:
            raise
        from storykit.errors import StoryKitError

        if isinstance(e, StoryKitError):
            text = str(e) if e.file else f"{current}: {e}"
        else:
            text = f"{current}: could not be read ({type(e).__name__}: {e}); run with --debug for details"
        print(f"error: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT


EXIT_PIPE_CLOSED = 128 + 13  # what a shell reports for a tool ended by SIGPIPE (`ls | head` gives it too)


def _reader_gone() -> int:
    """Exit quietly once stdout's reader has closed the pipe; later flushes must not complain either."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE_CLOSED


class ProgressBar:
    """A one-line bar on stderr for reads that take a while; silent when stderr is not a terminal."""

    DELAY = 0.5  # seconds before a bar appears: quick reads never flash one
    WIDTH = 24

    def __init__(self, stream=None) -> None:  # type: ignore[no-untyped-def]
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, fraction: float, text: str) -> None:
        if not self.live or time.monotonic() - self.start < self.DELAY:
            return
        filled = int(self.WIDTH * min(max(fraction, 0.0), 1.0))
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} {text}"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()
        self.shown = True

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:  # leave the terminal as it was: the result is printed on stdout
            self.stream.write("\r" + " " * (shutil.get_terminal_size((80, 24)).columns - 1) + "\r")
            self.stream.flush()


def _project(path: str | None):  # type: ignore[no-untyped-def]
    from storykit.project import Project

    if not path:
        return Project()
    from storykit.errors import ReadError

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ReadError(f"cannot open the project file ({e.strerror})", file=path) from None
    try:
        return Project.from_json(data, file=path)
    except (RecursionError, ValueError, TypeError, ArithmeticError) as e:  # never blamed on the data file
        from storykit.errors import ProjectError

        raise ProjectError("the project file could not be read (run with --debug for details)", file=path,
                           hint="Save the project again from the app.") from e


def _inspect(args: argparse.Namespace) -> int:
    from storykit.pipeline import analyse, load  # not `storykit`'s names: they import the narrative too
    from storykit.report import inspect_report

    project = _project(args.project)
    with ProgressBar() as bar:
        log = load(args.file, mappings=project.mappings, progress=bar)
    report = inspect_report(log, analyse(log, project))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(f"{report['file']}: {report['format']} (confidence {report['confidence']:.0%})"
          + (f", sheet {report['sheet']!r}" if report["sheet"] else "") + f", header on row {report['header_row']}")
    print(f"  {report['rows']:,} rows read, {report['skipped_count']:,} skipped, "
          + (f"{report['structure_count']:,} set aside as the table's structure, " if report["structure_count"] else "")
          + f"{report['total_hours']:,.2f} hours, {len(report['people'])} people, "
          f"{report['date_range'][0]} to {report['date_range'][1]}")
    print("  columns, and why:")
    for role, col in report["mapping"].items():
        print(f"    {role}: {report['reasons'][role] or repr(col)}")
    for col, why in report["ignored_columns"].items():
        print(f"  ignored {col!r}: {why}")
    if report["kind"] != "log":
        print(f"  kind: {report['kind']}" + (f", period {report['period'][0]} to {report['period'][1]}"
                                              if report["period"] else ""))
    question = report["question"]
    if question:
        print(f"  QUESTION: {question['text']} ({question['why']})")
        for option in question["options"]:
            print(f"    {option['answer']}: {option['consequence']}; as a project's mapping: "
                  + json.dumps({report['file']: option["mapping"]}, ensure_ascii=False))
        print("    (answer with --project FILE.json holding {\"mappings\": <the mapping of your answer>})")
    doubts = [d for d in report["doubts"] if not question or d != question["text"]]
    if report["needs_confirmation"] and (doubts or not question):
        print("  CHECK THE MAPPING: " + ("; ".join(doubts) or "few of the usual columns were found"))
    print(f"  other-team share of work hours: {report['other_team_share']:.1%}")
    for label, hours in list(report["hours_by_label"].items())[:15]:
        print(f"    {hours:10,.2f} h  {label}")
    for s in report["skipped_rows"][:20]:
        print(f"  skipped row {s['row']}: {s['reason']}")
    for s in report["structure_rows"][:10]:
        print(f"  structure row {s['row']}: {s['reason']}")
    if report["structure_count"] > 10:
        print(f"  ... and {report['structure_count'] - 10:,} more rows of the table's structure (see --json)")
    if report["skipped_count"] > 20:
        print(f"  ... and {report['skipped_count'] - 20:,} more skipped rows"
              + (" (see --json)" if len(report["skipped_rows"]) > 20 else ""))
    for s in report["flagged_rows"][:10]:
        print(f"  flagged row {s['row']}: {s['reason']}")
    if len(report["flagged_rows"]) > 10:
        print(f"  ... and {len(report['flagged_rows']) - 10} more flagged rows (see --json)")
    for w in report["warnings"]:
        print(f"  note: {w}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from storykit import DeckOptions, build, lint_story, require_baseline
    from storykit.errors import ReadError

    project = _project(args.project)
    template = None
    if args.template:
        try:
            template = Path(args.template).read_bytes()
        except OSError as e:
            raise ReadError(f"cannot open the template ({e.strerror})", file=args.template) from None
    options = DeckOptions(template=template, template_name=Path(args.template or "template").name,
                          appendix=args.appendix)
    if args.follow_up and args.project:
        require_baseline(project.baseline, args.project)
    elif args.follow_up:
        require_baseline(None, "--follow-up", "needs --project, the project file that keeps the baseline")
    with ProgressBar() as bar:
        built = build(args.files, project, options, progress=bar, follow_up=args.follow_up)
    Path(args.output).write_bytes(built.deck)
    print(f"wrote {args.output}: {3 + len(built.story.appendix) * bool(args.appendix)} slides"
          + (" (follow-up: the plan against these files)" if args.follow_up else ""))
    for act in built.story.acts:
        print(f"  {act.number}. {act.title}")
    for finding in lint_story(built.story):
        print(f"  lint: {finding.message}")
    skipped = len(built.log.not_counted) + sum(s.more_skipped for s in built.log.sources)
    if skipped:
        print(f"  {skipped:,} rows were skipped; see `storykit inspect FILE`")
    if args.follow_up and args.appendix:
        print("  note: the follow-up deck has no appendix: each slide's speaker notes hold its arithmetic")
    _new_labels(built.analysis)
    if args.save_project:
        _save_project(args.save_project, project, built.analysis)
    return 0


def _new_labels(analysis) -> None:  # type: ignore[no-untyped-def]
    """Labels the project had never seen are named, with their hours, so someone decides them."""
    new = analysis.new_labels
    if new:
        hours = analysis.cube.hours_by("activity")
        print(f"  {len(new)} label{'s' * (len(new) != 1)} new since the project was saved, not decided yet: "
              + ", ".join(f"{label!r} ({hours.get(label, 0.0):,.1f} h)" for label in new[:10])
              + (f" and {len(new) - 10} more" if len(new) > 10 else "")
              + "; decide them in the app (Classify) or in the project's assignments")


def _save_project(path: str, project, analysis) -> None:  # type: ignore[no-untyped-def]
    from storykit import baseline_words, saved_project
    from storykit.errors import ReadError

    saved = saved_project(project, analysis)
    try:
        Path(path).write_text(saved.to_json(), encoding="utf-8")
    except OSError as e:
        raise ReadError(f"cannot write the project file ({e.strerror})", file=path) from None
    kept = "kept its baseline" if project.baseline == saved.baseline else "with this period as its baseline"
    print(f"saved {path}, {kept} (totals only: no rows, no names): {baseline_words(saved.baseline)}")


def run() -> None:
    """The `storykit` command: main(), with the start and the end of the process made cheap.

    The library (pandas, pyarrow, storykit: ~0.5 s) is imported with the collector paused, and what it
    made is frozen out of later collections: it lives until the process ends, and each collection
    during the import walked everything imported so far. The first file is read on another core
    while the second half of storykit imports. At exit CPython walks every object still
    alive looking for cycles (pandas, pyarrow and a read log: about 0.1 s, as long as reading the
    200k-row file); the process ends here, so its objects are frozen out of that walk too and the OS
    takes the memory back at once. Only the command does this: main() called in-process (tests,
    scripts) leaves the caller's collector alone.
    """
    args = parse()  # --help and usage errors answer before anything is imported
    # numpy's OpenBLAS starts a thread per core that spins for ~0.1 s of CPU waiting for matrix work
    # storykit never gives it: the other core is the one reading the file meanwhile. A user's own setting stays.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    gc.disable()
    try:
        from storykit.ingest import route  # nothing of pandas: the file is inflated and parsed on another
        # core while pandas and the rest of storykit import (ingest/ahead.py)
        route.read_ahead(first_file(args))
        import storykit.pipeline  # noqa: F401  (its objects all live to the end; a story's: build imports them)
    finally:
        gc.freeze()
        gc.enable()
    code = dispatch(args)
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
