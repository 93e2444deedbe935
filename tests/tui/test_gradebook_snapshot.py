"""Snapshot of the gradebook at 100x30 over a db filled by sittings sat with policies, with a
fixed clock (so times are the same on every run; signatures are only shown as valid). The attempt screen
is not snapshotted: it shows content hashes and persona lines, which change with the content. Update with
`pytest tests/tui --snapshot-update` after an intended change, and look at it."""

from __future__ import annotations

from simulator.tui.gradebook_app import create_gradebook_app

from .test_gradebook import fill, loaded


def test_gradebook(snap_compare, tmp_path, monkeypatch):
    url = fill(tmp_path, monkeypatch)

    async def wait_and_sort(pilot):
        await loaded(pilot)
        await pilot.press("s", "s")  # by score, best first

    assert snap_compare(create_gradebook_app(db=url), terminal_size=(100, 30), run_before=wait_and_sort)

