"""The story as plain data: what every renderer draws, and nothing it has to work out itself.

Three acts, each a message (its title), two or three points, one big number, one chart and
speaker notes; an appendix of tables for "how did you get this number?"; the source line and
the document's title and author. The app and the deck both read this, so "what will the deck
say" can be answered (and tested, with ==) without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from storykit.chartspec import ChartSpec
from storykit.vocabulary import ACTS

TALK_TRACK = "TALK TRACK (about a minute)"
ASSUMPTIONS = "ASSUMPTIONS"
METHOD = "METHOD"
QUESTIONS = "LIKELY QUESTIONS"
COUNTED = "WHAT WE COUNTED AS OTHER TEAMS' WORK"


@dataclass(frozen=True)
class BigNumber:
    value: str
    label: str


@dataclass(frozen=True)
class NoteSection:
    """One headed part of a slide's speaker notes: renderers set the heading apart (bold)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Notes:
    """What the presenter reads: a talk track, the assumptions, the method and likely questions.

    `lead` is one line said before everything else (the example deck says it is one);
    `as_typed` holds notes a user rewrote in a form that is not these four sections: they are
    drawn exactly as typed, line by line.
    """

    talk: str
    assumptions: tuple[str, ...] = ()
    method: str = ""
    questions: tuple[tuple[str, str], ...] = ()  # (question, answer)
    lead: str = ""
    as_typed: str | None = None
    #: Each label counted as another team's work, with its owner, hours and who decided: for the
    #: director who asks "what exactly did you count?" (act 1 only; empty elsewhere).
    counted: tuple[str, ...] = ()

    def sections(self) -> tuple[NoteSection, ...]:
        if self.as_typed is not None:
            return (NoteSection("", tuple(self.as_typed.split("\n"))),)
        return ((NoteSection("", (self.lead,)),) if self.lead else ()) + (
            NoteSection(TALK_TRACK, (self.talk,)),
            NoteSection(ASSUMPTIONS, tuple(f"- {a}" for a in self.assumptions)),
            NoteSection(METHOD, (self.method,)),
            *((NoteSection(COUNTED, tuple(f"- {c}" for c in self.counted)),) if self.counted else ()),
            NoteSection(QUESTIONS, tuple(line for q, a in self.questions for line in (f"Q: {q}", f"A: {a}"))),
        )

    @property
    def text(self) -> str:
        """The notes as one text, as the app shows them for editing."""
        return notes_text(self.sections())

    @classmethod
    def from_text(cls, text: str) -> Notes:
        """A user's notes: the four sections again where the text still has them, else the text as typed."""
        parsed = _parse(text)
        return parsed if parsed is not None and parsed.text == text else cls(talk="", as_typed=text)


def notes_text(sections: tuple[NoteSection, ...]) -> str:
    """Sections as lines: heading, its lines, a blank line between sections."""
    lines: list[str] = []
    for i, section in enumerate(sections):
        if i:
            lines.append("")
        if section.heading:
            lines.append(section.heading)
        lines.extend(section.lines)
    return "\n".join(lines)


def _parse(text: str) -> Notes | None:
    """The sections of `text`, if it has exactly their headings in order (the list of what was counted
    optional); else None."""
    lines = text.split("\n")
    lead = lines[0] if len(lines) > 2 and lines[0] not in (TALK_TRACK, *_HEADINGS) and lines[1] == "" else ""
    if lead:
        lines = lines[2:]
    at = [i for i, line in enumerate(lines) if line in (TALK_TRACK, *_HEADINGS)]
    found = [lines[i] for i in at]
    if found not in ([TALK_TRACK, ASSUMPTIONS, METHOD, QUESTIONS], [TALK_TRACK, *_HEADINGS]) or at[0] != 0:
        return None
    parts = [lines[start + 1:end] for start, end in zip(at, [*at[1:], len(lines) + 1], strict=True)]
    parts = [p[:-1] if p and p[-1] == "" else p for p in parts[:-1]] + [parts[-1]]
    counted = parts.pop(3) if COUNTED in found else []
    talk, assumptions, method, questions = parts
    if len(talk) != 1 or len(method) != 1 or any(not a.startswith("- ") for a in (*assumptions, *counted)):
        return None
    if len(questions) % 2 or not all(q.startswith("Q: ") and a.startswith("A: ")
                                     for q, a in zip(questions[::2], questions[1::2], strict=True)):
        return None
    return Notes(talk[0], tuple(a[2:] for a in assumptions), method[0],
                 tuple((q[3:], a[3:]) for q, a in zip(questions[::2], questions[1::2], strict=True)), lead,
                 counted=tuple(c[2:] for c in counted))


_HEADINGS = (ASSUMPTIONS, METHOD, COUNTED, QUESTIONS)


@dataclass(frozen=True)
class Act:
    """One slide of the story; `name` is where in the story it stands (its kicker), by default the
    three acts' names (vocabulary.ACTS); the follow-up story names its own."""

    number: int
    title: str
    points: tuple[str, ...]
    chart: ChartSpec
    notes: Notes
    big_number: BigNumber
    name: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", ACTS[self.number])


@dataclass(frozen=True)
class Table:
    """An appendix slide: a titled table whose first row is its header, and the slide's notes.

    `widths` are the columns' shares of the table's width; `figures`: numbers after the first
    column are aligned right.
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    notes: NoteSection
    figures: bool = False


@dataclass(frozen=True)
class Story:
    title: str
    team_name: str
    acts: tuple[Act, Act, Act]
    source: str
    author: str = ""
    subject: str = "Where our time goes, what it costs, and what could be"
    appendix: tuple[Table, ...] = ()  # the method and the data, for decks that carry them

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(a.title for a in self.acts)
