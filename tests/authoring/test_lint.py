"""Lint finds each planted defect at the line where it was planted."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.lint import Finding, lint_file


def plant(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, yaml_states: str) -> None:
    """Add states at the end of `states:` (the file's last section)."""
    path.write_text(path.read_text(encoding="utf-8") + yaml_states, encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 0) -> int:
    lines = [i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln]
    return lines[nth]


def found(path: Path, severity: str, words: str, **kw) -> list[Finding]:
    return [f for f in lint_file(path, **kw) if f.severity == severity and words in f.message]


def test_reference_persona_is_clean(zhang):
    assert lint_file(zhang) == []


def test_unreachable_state(zhang):
    append(zhang, """
  - id: orphan
    say: [{en: "Hm?", zh: "嗯？"}]
    replies:
      - {id: bye, text: {en: Bye, zh: 再见}, moves: [close_call], to: put-off}
""")
    hits = found(zhang, "warning", "state 'orphan' is unreachable", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "- id: orphan")]


def test_ending_never_reached(zhang):
    append(zhang, """
  - id: paid-off
    say: [{en: "Paid.", zh: "还了。"}]
    ending: {outcome: commitment}
""")
    hits = found(zhang, "warning", "ending 'paid-off' (commitment) is never reached", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "- id: paid-off")]


def test_dead_end(zhang):
    plant(zhang, "        moves: [introduce_self, ask_good_time]\n        to: busy",
          "        moves: [introduce_self, ask_good_time]\n        to: limbo")
    append(zhang, """
  - id: limbo
    say: [{en: "...", zh: "……"}]
    global_replies: false
""")
    hits = found(zhang, "error", "dead end: state 'limbo'", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "- id: limbo")]


def test_no_ending_reachable(zhang):
    plant(zhang, "        moves: [introduce_self, ask_good_time]\n        to: busy",
          "        moves: [introduce_self, ask_good_time]\n        to: loop-a")
    append(zhang, """
  - id: loop-a
    global_replies: false
    say: [{en: "A", zh: "甲"}]
    replies: [{id: go-b, text: {en: B, zh: 乙}, moves: [ask_follow_up], to: loop-b}]
  - id: loop-b
    global_replies: false
    say: [{en: "B", zh: "乙"}]
    replies: [{id: go-a, text: {en: A, zh: 甲}, moves: [ask_follow_up], to: loop-a}]
""")
    hits = found(zhang, "error", "no ending can be reached", winnable=False)
    assert sorted(f.line for f in hits) == [line_of(zhang, "- id: loop-a"), line_of(zhang, "- id: loop-b")]


@pytest.mark.parametrize("when, words", [
    ("[{var: anger, gt: 10}]", "'anger' can only be"),
    ("[{var: trust, gte: 6}, {var: trust, lt: 3}]", "contradict each other"),
    ("[{flag: costs_heard}, {flag: costs_heard, is: false}]", "must be both set and unset"),
    ("[{flag: never_set}]", "flag 'never_set' is never set"),
])
def test_impossible_condition(zhang, when, words):
    plant(zhang, "flags: [asked_customer, costs_heard, bridge_raised, unmoved_seen, unmoved_again]",
          "flags: [asked_customer, costs_heard, bridge_raised, unmoved_seen, unmoved_again, never_set]")
    plant(zhang, "        effects: [{var: trust, add: 1}]\n        to: worry",
          f"        when: {when}\n        effects: [{{var: trust, add: 1}}]\n        to: worry")
    hits = found(zhang, "warning", "reply 'ask-worry' can never be offered", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, f"when: {when}")]
    assert words in hits[0].message


def test_variable_that_never_rises(zhang):
    """A bound reachable on paper but not in play: nothing ever lowers willingness."""
    plant(zhang, "        effects: [{var: trust, add: 1}]\n        to: worry",
          "        when: [{var: willingness, lt: 5}]\n        effects: [{var: trust, add: 1}]\n        to: worry")
    hits = found(zhang, "warning", "'willingness' can only be 6..10", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "when: [{var: willingness, lt: 5}]")]


def test_branch_after_unconditional_branch(zhang):
    plant(zhang, "          - when: [{var: anger, gte: 6}]\n            to: hangs-up\n          - to: no-cash",
          "          - to: no-cash\n          - to: hangs-up")
    hits = found(zhang, "warning", "branch to 'hangs-up' is never tried", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "          - to: hangs-up")]


def test_unwinnable(zhang):
    """Pinning never works any more, so no commitment is ever concrete."""
    plant(zhang, "          - when: [{var: pressure, gte: 5}, {var: trust, gte: 4}]\n            to: pinned\n          - to: wriggles",
          "          - to: wriggles")
    plant(zhang, "          - when: [{var: pressure, gte: 5}]\n            to: pinned\n          - to: vague-end",
          "          - to: vague-end")
    hits = found(zhang, "error", "unwinnable: no line of play passes")
    assert [f.line for f in hits] == [line_of(zhang, "id: zhang-wholesaler")]


def test_whole_file_checks_find_texts_deep_in_lists(zhang):
    """The whole-file checks (placeholders, translations) walk every list and mapping, into
    per-language texts too: a typo in one phrasing of a list is found at its line."""
    plant(zhang, '- {en: "Hello, Zhang speaking.", zh: "喂，我是张伟。"}',
          '- {en: "Hello, Zhang speaking, {ammount}.", zh: "喂，我是张伟。"}')
    hits = found(zhang, "error", "unknown placeholder {ammount}", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "{ammount}")]


def test_missing_translation(zhang):
    plant(zhang, '- {en: "Hello, Zhang speaking.", zh: "喂，我是张伟。"}', '- {en: "Hello, Zhang speaking."}')
    hits = found(zhang, "warning", "missing translation: no zh text", winnable=False)
    assert [(f.line, f.col) for f in hits] == [(line_of(zhang, '- {en: "Hello, Zhang speaking."}'), 9)]


def test_duplicate_state_id(zhang):
    append(zhang, """
  - id: put-off
    say: [{en: "Again.", zh: "又来。"}]
    ending: {outcome: callback}
""")
    hits = found(zhang, "error", "duplicate state id 'put-off'")
    assert [f.line for f in hits] == [line_of(zhang, "- id: put-off", nth=1)]


def test_duplicate_key(zhang):
    plant(zhang, "        moves: [fix_callback, close_call]\n        to: put-off",
          "        moves: [fix_callback, close_call]\n        to: put-off\n        to: hangs-up")
    hits = found(zhang, "error", "duplicate key 'to'", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "moves: [fix_callback, close_call]") + 2]


def test_reply_with_no_move(zhang):
    plant(zhang, "        moves: [fix_callback, close_call]\n        to: put-off",
          "        moves: []\n        to: put-off")
    hits = found(zhang, "error", "moves")
    assert [f.line for f in hits] == [line_of(zhang, "        moves: []")]


def test_close_call_that_does_not_end(zhang):
    plant(zhang, "        moves: [fix_callback, close_call]\n        to: put-off",
          "        moves: [fix_callback, close_call]\n        to: identified")
    hits = found(zhang, "warning", "closes the call (close_call) but leads to 'identified'", winnable=False)
    assert [f.line for f in hits] == [line_of(zhang, "moves: [fix_callback, close_call]")]


def test_flags_set_by_a_scenario_start_count_as_set(zhang):
    plant(zhang, "flags: [asked_customer, costs_heard, bridge_raised, unmoved_seen, unmoved_again]",
          "flags: [asked_customer, costs_heard, bridge_raised, unmoved_seen, unmoved_again, promise_broken]")
    plant(zhang, "        effects: [{var: trust, add: 1}]\n        to: worry",
          "        when: [{flag: promise_broken}]\n        effects: [{var: trust, add: 1}]\n        to: worry")
    assert found(zhang, "warning", "flag 'promise_broken' is never set", winnable=False)
    scenarios = zhang.parent.parent / "scenarios"
    scenarios.mkdir()
    (scenarios / "day-9.yaml").write_text(
        "id: day-9\ntitle: Day 9\npersona: zhang-wholesaler\n"
        "case: {loan: {amount: 50000, days_overdue: 9}}\nstart: {flags: [promise_broken]}\n", encoding="utf-8")
    assert not found(zhang, "warning", "never set", winnable=False)


def test_golden_folders_are_left_to_collectsim_test(zhang):
    from simulator.authoring.lint import lint_paths

    golden = zhang.parent / "golden"
    golden.mkdir()
    (golden / "x.yaml").write_text("scenario: x\nlines: []\n", encoding="utf-8")
    assert list(lint_paths([str(zhang.parent)], winnable=False)) == ["personas/zhang-wholesaler.yaml"]


def test_call_outside_contact_hours_is_a_warning_at_its_line(content_copy):
    import subprocess
    import sys

    scen = content_copy / "scenarios" / "first-call-zhang.yaml"
    text = scen.read_text(encoding="utf-8").replace('local_time: "10:00"', 'local_time: "23:15"')
    scen.write_text(text, encoding="utf-8")
    line = text[: text.index('"23:15"')].count("\n") + 1
    r = subprocess.run([sys.executable, "-m", "simulator.cli.main", "lint", str(scen)],
                       capture_output=True, text=True)
    assert f"{scen}:{line}:" in r.stdout and "outside profile 'cn' contact hours" in r.stdout
    assert r.returncode == 0  # a warning: such a scenario can be a deliberate lesson


def test_a_persona_without_a_right_party_opening_is_warned(zhang):
    tiny = Path(__file__).parent / "fixtures" / "tiny.yaml"
    assert found(tiny, "warning", "confirms who answered before the debt", winnable=False)
    assert not found(zhang, "warning", "confirms who answered", winnable=False)


def test_each_file_is_collected_when_done_and_the_collector_is_given_back(tmp_path):
    """Lint turns the automatic collector off for a run and collects each file's cycles when
    the file is done: that is safe only if nothing a file leaves needs a full collection,
    and the collector must be as it was after the run."""
    import gc

    from simulator.authoring.generate import write_library
    from simulator.authoring.lint import _lint_one, lint_paths

    files = write_library(tmp_path / "personas", 3, 30, seed=5)
    (tmp_path / "personas" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    files.append(tmp_path / "personas" / "broken.yaml")
    assert gc.isenabled()
    lint_paths([str(tmp_path)], winnable=True, explorations={})
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    gc.disable()
    try:
        for f in files:
            _lint_one(f, True, True)
            assert gc.collect() == 0, f.name
    finally:
        gc.enable()
