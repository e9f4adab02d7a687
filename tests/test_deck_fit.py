"""Text that fits: real font metrics (Carlito for Calibri), per-glyph fallback for CJK and other
scripts, wrapping, shrinking within limits, shortening with an ellipsis; and every text box of
every deck we build fits by that measure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from storykit.export import fit
from storykit.export.geometry import EMU_PER_PT, WIDTH_SAFETY
from tests.conftest import IN_CI
from tests.deck_cases import all_cases


@pytest.fixture(scope="module")
def carlito() -> str:
    """Calibri's metric twin must be there: without it every measurement here is a guess."""
    path = fit.font_path("Calibri")
    if path is None or "Carlito" not in Path(path).name:
        message = f"Calibri resolves to {path}, not Carlito (install fonts-crosextra-carlito: bash .ci/setup --test)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_calibri_is_measured_with_carlito(carlito):
    assert fit.font_path("Calibri", bold=True).endswith("Carlito-Bold.ttf")
    # Calibri's advance widths (units per em 2048): 'W' 1817 / 2048 em, 'i' 470 / 2048 em at regular weight
    assert fit.text_width_pt("W", 100) == pytest.approx(100 * 1817 / 2048, abs=0.6)
    assert fit.text_width_pt("i", 100) == pytest.approx(100 * 470 / 2048, abs=0.6)


@pytest.mark.parametrize(("text", "lo", "hi"), [
    ("山田太郎", 0.95, 1.05),  # CJK ideographs: one em each, from the CJK fallback font
    ("カスタマー", 0.95, 1.05),
    ("김민준", 0.9, 1.05),
], ids=["kanji", "katakana", "hangul"])
def test_cjk_is_measured_in_the_fallback_font_at_about_one_em(carlito, text, lo, hi):
    per_char = fit.text_width_pt(text, 20) / len(text) / 20
    assert lo <= per_char <= hi


def test_mixed_text_adds_up_font_by_font_with_space_where_scripts_meet(carlito):
    latin, cjk = "Team ", "経理部"
    assert fit.text_width_pt(latin + cjk, 18) == pytest.approx(
        fit.text_width_pt(latin, 18) + fit.text_width_pt(cjk, 18) + fit.CJK_AUTOSPACE_EM * 18, rel=0.01)


def test_a_line_with_cjk_is_taller():
    assert fit.lines_height(["Team", "経理部"], 10) == pytest.approx(10 * fit.LINE_SPACING + 10 * fit.CJK_LINE_SPACING)


def test_cjk_wraps_between_characters_without_inventing_spaces():
    lines = fit.wrap("情報システム部のコンタクトセンター運営グループ", 100, 20)
    assert len(lines) > 1 and "".join(lines) == "情報システム部のコンタクトセンター運営グループ"
    assert all(fit.text_width_pt(line, 20) <= 100 for line in lines)


@pytest.mark.parametrize(("text", "width", "expected_lines"), [
    ("Our team spends 31% of its time on other teams' work", 10_000, 1),
    ("Our team spends 31% of its time on other teams' work", 300, 2),
    ("Zusammenarbeitsplattformverantwortliche", 120, 3),
], ids=["one-line", "wraps", "long-german-word-broken"])
def test_wrap(carlito, text, width, expected_lines):
    lines = fit.wrap(text, width, 20)
    assert len(lines) == expected_lines
    assert all(fit.text_width_pt(line, 20) <= width for line in lines)


def test_fit_shrinks_before_it_shortens(carlito):
    text = "That is 2.5 full-time people, about $206k a year, taken from our own work"
    roomy = fit.fit(text, 900, 80, 28, 20, bold=True, max_lines=2)
    assert roomy.size_pt == 28 and not roomy.shortened and roomy.text == text
    tight = fit.fit(text, 420, 60, 28, 16, bold=True, max_lines=2)
    assert 16 <= tight.size_pt < 28 and not tight.shortened and tight.text == text
    assert len(fit.wrap(text, 420, tight.size_pt, True)) <= 2


def test_fit_shortens_with_an_ellipsis_when_even_the_smallest_size_overflows(carlito):
    text = " ".join(["Rechnungsprüfung"] * 30)
    done = fit.fit(text, 300, 50, 20, 14, bold=True, max_lines=2)
    assert done.shortened and done.size_pt == 14 and done.text.endswith("…")
    assert len(fit.wrap(done.text, 300, 14, True)) <= 2


def _boxes(deck: bytes):  # type: ignore[no-untyped-def]
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                yield shape


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_every_text_box_fits_by_measurement(carlito, case):
    """Each paragraph's lines at its own size and font fit the box's height and width."""
    for shape in _boxes(case.deck):
        width = shape.width / EMU_PER_PT * WIDTH_SAFETY
        height = shape.height / EMU_PER_PT
        used = 0.0
        paragraphs = shape.text_frame.paragraphs
        for i, p in enumerate(paragraphs):
            runs = [r for r in p.runs if r.text]
            if not runs:
                continue
            size = runs[0].font.size.pt
            family = runs[0].font.name or "Calibri"
            lines = fit.wrap(p.text, width, size, bool(runs[0].font.bold), family)
            used += fit.lines_height(lines, size) + (size * 0.6 if i < len(paragraphs) - 1 else 0)
        assert used <= height + 0.5, f"{case.id}: {shape.name!r} needs {used:.0f} pt of {height:.0f} pt"
