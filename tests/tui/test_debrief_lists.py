"""The debrief's lists wrap like the call screen: Chinese never opens a line with closing
punctuation, labels stay with their text, continuation lines keep their indent, and a
resize re-wraps them without losing the highlight."""

from __future__ import annotations

from simulator.tui.widgets.wrapping import CLOSING

from .test_pilot import end_call_after, expert_line, opened


def lines_of(option_list) -> list[str]:
    return [line for i in range(option_list.option_count)
            for line in str(option_list.get_option_at_index(i).prompt).split("\n")]


async def test_chinese_transcript_lines_wrap_between_characters():
    async with opened(lang="zh") as (app, pilot):
        screen = await end_call_after(pilot, app, expert_line()[:4])
        await pilot.pause()
        lines = lines_of(screen.query_one("#transcript"))
        assert len(lines) > 2 * 4 + 1  # some turns wrapped at this width
        assert not any(x.strip()[:1] in CLOSING for x in lines)
        assert not any(x.strip() in ("你:", "债务人:") for x in lines)  # no label left alone


async def test_wrapped_lines_keep_their_indent_and_a_resize_rewraps():
    async with opened() as (app, pilot):
        screen = await end_call_after(pilot, app, expert_line()[:2])
        await pilot.pause()
        items = screen.query_one("#items")
        narrow = lines_of(items)
        tips = [i for i, x in enumerate(narrow) if x.strip().startswith("Tip:")]
        assert tips and narrow[tips[0] + 1].startswith(" " * 6)  # the tip's second line
        items.highlighted = 3
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert len(lines_of(items)) < len(narrow) and items.highlighted == 3
