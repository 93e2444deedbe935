"""Word wrapping of the call screen's lines: within the width, nothing lost, and Chinese broken
between characters, never before closing punctuation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from simulator.tui.widgets.wrapping import CLOSING, wrap_offsets, wrap_pieces


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_offsets(text, width)]


def test_english_breaks_at_spaces_and_drops_them():
    text = "Mr Zhang, it's Sun. Your 50,000 instalment fell due yesterday."
    got = lines(text, 20)
    assert got == ["Mr Zhang, it's Sun.", "Your 50,000", "instalment fell due", "yesterday."]


def test_chinese_breaks_between_characters_and_keeps_the_label_with_its_text():
    text = "你: 张总，我是小孙。您五万块的贷款昨天到期，已经逾期了。"
    got = lines(text, 20)
    assert got[0].startswith("你: 张总")  # the label is not left alone on a line
    assert all(cell_len(x) <= 20 for x in got)
    assert len(got) == 3
    assert not any(x[0] in CLOSING for x in got)  # no line opens with '，' or '。'


def test_closing_punctuation_stays_with_the_character_before_it():
    text = "张总张总张总张总张，好"  # '，' would fall at the start of line 2 at width 18
    got = lines(text, 18)
    assert got[0] == "张总张总张总张总"
    assert got[1].startswith("张，")


def test_opening_punctuation_stays_with_what_follows():
    text = "我是小孙我是小孙「今天」"
    got = lines(text, 18)
    assert not any(x.endswith("「") for x in got)


def test_a_word_longer_than_the_line_is_folded():
    assert lines("see https://example.com/a/very/long/path now", 12) == [
        "see", "https://exam", "ple.com/a/ve", "ry/long/path", "now"]


def test_newlines_are_breaks_and_blank_lines_are_kept():
    assert lines("one\n\ntwo three", 20) == ["one", "", "two three"]


def test_pieces_keep_their_styles_across_a_break_and_indent_hangs():
    bold, plain = Style(bold=True), Style(italic=True)
    strips = wrap_pieces([("1. ", bold), ("pay today or we call again", plain)], 14, hang=3,
                         fill=plain)
    assert [s.text for s in strips] == ["1. pay today  ", "   or we call ", "   again      "]
    first = list(strips[0])
    assert (first[0].text, first[0].style) == ("1. ", bold)
    assert all(s.cell_length == 14 for s in strips)  # filled: a full-width bar


TEXT = st.text(
    alphabet=st.sampled_from(list("ab cd  efg,.!") + list("张总我是小孙，。「」？") + ["\n"]),
    max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=2, max_value=30))
def test_every_line_fits_and_only_spaces_at_breaks_are_dropped(text, width):
    spans = wrap_offsets(text, width)
    for a, b in spans:
        assert cell_len(text[a:b]) <= width or b - a == 1  # a lone wide char in 1 cell: shown
    # Between one line and the next, only spaces (or the newline) are left out.
    ends = [0, *[x for span in spans for x in span], len(text)]
    gaps = [text[ends[i]:ends[i + 1]] for i in range(0, len(ends), 2)]
    assert all(gap.isspace() or gap == "" for gap in gaps[1:-1])
    assert "".join(text[a:b] for a, b in spans).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("张总我是小孙") + list("，。？」")), max_size=40),
       st.integers(min_value=2, max_value=20))
def test_closing_punctuation_opens_a_line_only_when_folded(text, width):
    for p, _ in wrap_offsets(text, width)[1:]:
        if text[p] in CLOSING:
            # The break is inside a character and its closing punctuation: only folding a
            # run wider than a whole line may do that.
            start = p
            while start > 0 and text[start - 1] in CLOSING:
                start -= 1
            start = max(0, start - 1)
            end = p
            while end < len(text) and text[end] in CLOSING:
                end += 1
            assert cell_len(text[start:end]) > width
