"""What a label's entries say about it: the words of their notes, client, project and task.

"Ad-hoc requests" says nothing, but if most of its entries' notes say "covering the contact
centre queue", the work is the contact centre's. The log is reduced once to the most frequent
values of each text column per label (`gather_texts`, kept with the cube), and each distinct
value is read with the same vocabulary as the labels.

A client column names companies, so an industry word in it ("Globex Finance") is no evidence;
only a client that reads as an internal department ("Finance", "IT dept", "Internal - HR") is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from storykit.model import Choice
from storykit.ownership.judging import Suggestion
from storykit.ownership.reading import Reading, read_label
from storykit.ownership.vocabulary import vocabulary
from storykit.ownership.words import STOPWORDS, tokens

#: The log's text columns that can say whose work an entry is, and what the app calls them.
TEXT_COLUMNS = {"description": "notes", "task": "task", "project": "project", "client": "client"}
TOP_VALUES = 200  # most frequent values kept per label and column: notes beyond them are not read
MIN_SHARE = 0.5  # a column suggests an owner when at least half of the label's entries with a value say so
MIN_ENTRIES = 3
INTERNAL_MARKERS = frozenset({"internal", "intern", "interne", "dept", "department", "team", "abteilung", "service",
                              "division", "departement"})


@dataclass(frozen=True, eq=False)
class LabelTexts:
    """Per label and text column: the most frequent values with their entry counts, and the count
    of the label's entries that have any value in that column."""

    values: Mapping[str, tuple[tuple[str, str, int], ...]]  # label -> ((column, value, entries), ...)
    with_value: Mapping[tuple[str, str], int]  # (label, column) -> entries with a value

    def clients(self, label: str) -> tuple[str, ...]:
        return tuple(v for c, v, _ in self.values.get(label, ()) if c == "client")

    @cached_property
    def mentions(self) -> dict[str, dict[str, dict[str, tuple[int, str, bool]]]]:
        """label -> column -> team -> (entries that mention it, the words most of them use, any strong word),
        for teams at least half of the label's entries with a value mention.

        A team that most labels' entries mention in a column ("support" in every ticket title) is the
        log's background, not evidence about one label: it is left out for that column.
        """
        out: dict[str, dict[str, dict[str, tuple[int, str, bool]]]] = {}
        for column in TEXT_COLUMNS:
            per_label = {}
            for label, values in self.values.items():
                total = self.with_value.get((label, column), 0)
                if total < MIN_ENTRIES or not _can_reach_half(values, column, total):
                    continue
                counts: Counter = Counter()
                quotes: dict[str, Counter] = {}
                strong: dict[str, bool] = {}
                for c, value, n in values:
                    if c != column:
                        continue
                    for team, found in _teams_in(read_label(value), column == "client").items():
                        counts[team] += n
                        quotes.setdefault(team, Counter())[found[0].words.lower()] += n
                        strong[team] = strong.get(team, False) or any(f.group.strength >= 3 for f in found)
                per_label[label] = {t: (n, quotes[t].most_common(1)[0][0], strong[t]) for t, n in counts.items()
                                    if n / total >= MIN_SHARE}
            labelled = sum(1 for label in self.values if self.with_value.get((label, column), 0))
            spread = Counter(t for teams in per_label.values() for t in teams)
            background = {t for t, k in spread.items() if k > max(2, labelled / 2)}
            for label, teams in per_label.items():
                kept = {t: v for t, v in teams.items() if t not in background}
                if kept:
                    out.setdefault(label, {})[column] = kept
        return out

    def main(self, label: str, column: str) -> str | None:
        """The value most of the label's entries share in a column (at least half of them), if any."""
        values = [(v, n) for c, v, n in self.values.get(label, ()) if c == column]
        total = self.with_value.get((label, column), 0)
        if not values or not total:
            return None
        value, n = max(values, key=lambda x: x[1])
        return value if n / total >= MIN_SHARE else None


def _can_reach_half(values: tuple[tuple[str, str, int], ...], column: str, total: int) -> bool:
    """Whether a team could be mentioned by half the label's entries with a value, were all its kept values
    to name it: a column of ticket keys, each on a few of 12,000 entries, cannot, and is not read (3,200
    readings of 'T-106008' were most of classifying a detailed export's 16 labels)."""
    return sum(n for c, _, n in values if c == column) >= MIN_SHARE * total


def gather_texts(frame: pd.DataFrame) -> LabelTexts | None:
    """The frequent text values per label, or None when the log has no text columns.

    Per column: its values trimmed once per distinct value, each (label, value) pair counted by one integer
    key, the pairs ranked by count (ties in the order the log first has them), TOP_VALUES kept per label.
    What grouping the trimmed text by label gives (the test keeps that as the reference), without trimming
    and hashing every row's text: 54 -> ~10 ms on a 200k-row log with a client, a project and a ticket.
    """
    columns = [c for c in TEXT_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return None
    label_codes, label_names = pd.factorize(frame["activity"])
    names = [str(label) for label in label_names]
    values: dict[str, list[tuple[str, str, int]]] = {}
    with_value: dict[tuple[str, str], int] = {}
    for column in columns:
        codes, distinct = pd.factorize(frame[column])
        as_text = pd.Series(distinct).astype("string")
        trimmed = as_text.str.strip()
        if trimmed.equals(as_text) and not trimmed.eq("").any():  # nothing trimmed: the distinct values are the texts
            text_codes, texts = np.arange(len(trimmed)), trimmed.array
        else:
            text_codes, texts = pd.factorize(trimmed.where(trimmed.fillna("").ne("")))  # empty after trimming: none
        value = np.append(text_codes, -1)[codes]  # a missing cell (code -1) has no text either
        rows = np.flatnonzero((label_codes >= 0) & (value >= 0))
        if not len(rows):
            continue
        pair_codes, pairs = pd.factorize(label_codes[rows].astype(np.int64) * len(texts) + value[rows])
        n = np.bincount(pair_codes)  # pairs in the order the log first has them, then by count:
        order = np.argsort(-n, kind="stable")
        label_of, text_of = np.divmod(pairs[order], len(texts))
        n = n[order]
        totals = np.bincount(label_of, weights=n, minlength=len(names))
        for lbl in np.flatnonzero(totals):
            with_value[(names[lbl], column)] = int(totals[lbl])
        top = _rank_in_group(label_of) < TOP_VALUES
        kept_texts = np.asarray(texts, dtype=object)[text_of[top]].tolist()
        for lbl, txt, count in zip(label_of[top].tolist(), kept_texts, n[top].tolist(), strict=True):
            values.setdefault(names[lbl], []).append((column, str(txt), count))
    return LabelTexts({k: tuple(v) for k, v in values.items()}, with_value) if values else None


def _rank_in_group(groups: np.ndarray) -> np.ndarray:
    """Each position's rank among the earlier positions of its group (groupby().cumcount() without pandas)."""
    by_group = np.argsort(groups, kind="stable")
    ordered = groups[by_group]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    rank = np.empty(len(groups), np.int64)
    rank[by_group] = np.arange(len(groups)) - np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    return rank


def from_columns(texts: LabelTexts, label: str, own: str) -> Suggestion | None:
    """What the label's entries' columns suggest, if at least half of them agree; the other columns that
    say the same are named beside it ('... notes; and client 'Internal - Finance' on 100% ...')."""
    found: list[Suggestion] = []
    for column, word in TEXT_COLUMNS.items():
        total = texts.with_value.get((label, column), 0)
        for team, (n, quote, strong) in texts.mentions.get(label, {}).get(column, {}).items():
            if s := _suggest(team, own, n / total, strong, quote, word, n, total):
                found.append(s)
    if not found:
        return None
    best = max(found, key=lambda s: s.confidence)
    agreeing = [s.reason for s in found if s is not best and s.choice == best.choice]
    return Suggestion(best.choice, best.confidence, "; and ".join([best.reason, *agreeing]))


def _teams_in(r: Reading, client: bool) -> dict[str, list]:
    """Teams a column value points to: named, or its work words (score 2+); a client only if internal."""
    if client and not _reads_internal(r):
        return {}
    return {t: r.for_team(t) for t, s in r.scores.items() if s >= 2 or r.named(t)}


def _reads_internal(r: Reading) -> bool:
    named = {w for f in r.found if f.group.kind == "name" for w in f.words.lower().split()}
    rest = {t.folded for t in tokens(r.label)} - STOPWORDS - INTERNAL_MARKERS - {w for w in named}
    return bool(named) and not r.companies and not rest


def _suggest(team: str, own: str, share: float, strong: bool, quote: str, word: str, n: int,
             total: int) -> Suggestion | None:
    v = vocabulary()
    confidence = min(0.9, 0.5 + 0.8 * (share - MIN_SHARE))
    if not strong:  # "events" in every note is a hint, not proof that the work is marketing's
        confidence = min(confidence, 0.6)
    reason = f"'{quote}' in {share:.0%} of this label's {_plural(word)} ({n} of {total} entries)"
    if team == own:
        return Suggestion(Choice("core"), round(confidence, 2), reason + " (your team's own kind of work)")
    if team in v.teams[own].near and not strong:
        confidence = min(confidence, 0.5)
    return Suggestion(Choice.of_team(v.teams[team].name), round(confidence, 2), reason)


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"
