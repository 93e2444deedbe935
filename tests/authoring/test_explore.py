"""The explorer against a hand-checked persona, and against the reference scenario."""

from __future__ import annotations

import random

from simulator.authoring.default_scenario import bundle_for
from simulator.authoring.explore import explore, random_calls
from simulator.core.library import load_persona
from simulator.engine.bundle import load_scenario
from simulator.engine.policies import best_line
from simulator.engine.session import Session, new_session

from .conftest import FIXTURES


def tiny_session(seed: int = 1) -> Session:
    loaded = load_persona(str(FIXTURES / "tiny.yaml"))
    return Session(bundle_for(loaded.model, loaded.source.path, seed))


def test_finds_the_hand_checked_best_score():
    e = explore(tiny_session())
    assert e.complete
    assert e.best is not None and e.best.score == 97
    assert e.best.replies == ("demand", "ask-reason", "costs", "pin", "close")
    # the only opening speaks of the debt before confirming who answered: a right-party
    # breach (a red line in every profile), so no line of this persona passes
    assert not e.best.passed and e.shortest_pass is None
    assert e.worst is not None and e.worst.replies == ("insult",) and not e.worst.passed


def test_reports_every_ending_and_coverage():
    e = explore(tiny_session())
    assert set(e.endings) == {"closed", "vague-end", "hangs-up"}
    assert e.endings["vague-end"].replies == ("demand", "accept")
    assert e.coverage["never"] == 0 and e.coverage["pinned"] == 1
    assert e.situations == 8  # one per reachable state: nothing in this persona varies


def test_explorer_agrees_with_the_expert_on_the_reference_call():
    s = new_session("first-call-zhang", seed=1)
    e = explore(s)
    line, value = best_line(s)
    assert e.complete and e.best is not None
    assert e.best.score * 10 == value[1] and e.best.passed
    assert e.shortest_pass is not None and len(e.shortest_pass.replies) <= len(line)
    assert {"closed", "hangs-up", "complaint", "put-off"} <= set(e.endings)
    assert not s.turns  # the session explored from is left untouched


def test_stop_at_pass_stops_early():
    s = new_session("first-call-zhang", seed=1)
    full = explore(s)
    quick = explore(s, stop_at_pass=True)
    assert quick.shortest_pass == full.shortest_pass
    assert quick.situations < full.situations


def test_random_calls_count_states_replies_and_scores():
    run = random_calls(tiny_session, 60, seed=3)
    assert run.calls == 60 == sum(run.scores.values()) == run.states["answer"]
    assert run.replies[("answer", "demand")] + run.replies[("answer", "insult")] == 60
    assert run.passed == 0 and "never" not in run.states  # no line confirms the right party (above)


def test_situation_key_is_the_sessions_situation_narrowed():
    from simulator.authoring.explore import situation_key

    s = new_session("first-call-zhang", seed=1)
    s.choose("identify")
    state, values, flags, visited, _, _ = s.situation()
    assert situation_key(s, frozenset({"answer", "busy"})) == (state, values, flags, frozenset())


def _golden_and_random_lines():
    """(scenario path, seed, officer) for every bundled golden line and random and harsh
    officers on every scenario."""
    from simulator.core.library import bundled_dir, list_files
    from simulator.engine.golden import golden_files, load_golden
    from simulator.engine.policies import random_policy, scripted

    def harsh(seed: int):
        """Presses as hard as it can: angers debtors into the interrupts (hang-ups)."""
        rng = random.Random(seed)
        return lambda s: max(s.offered(), key=lambda r: (r.pressure or 0, rng.random())).id

    for _, path in list_files("scenarios"):
        for seed in range(1, 9):
            yield str(path), seed, random_policy(seed) if seed % 2 else harsh(seed), {}
    for path in golden_files(bundled_dir("personas")):
        golden = load_golden(path)
        for line in golden.lines:
            yield golden.scenario, golden.seed, scripted(list(line.choices)), {**golden.facets, **line.facets}


def test_the_explorer_and_the_live_session_agree_turn_by_turn():
    """The explorer steps (call state, fold number) pairs through the same turn step as
    the session; on golden lines and random lines through every scenario its calls, menus
    and scores must be the session's - and the session's `transitions` model, moved by
    the step's triggers alone, must be in the same state."""
    from simulator.authoring.explore import _Search
    from simulator.engine.step import menu

    checked = interrupted = 0
    for ref, seed, officer, facets in _golden_and_random_lines():
        s = Session(load_scenario(ref), seed=seed, facets=facets)
        if not facets and seed % 2 == 0 and "anger" in s.call.values:  # on the edge of hang-ups
            c = s.call
            s.call = c._replace(values={**c.values, "anger": s.persona.variables["anger"].max - 1})
            s._menu = menu(s.plan.states[c.state], s.call.values, c.flags, c.visited)
        search = _Search(s)
        node = search.root(s)
        while not s.ended:
            rid = officer(s)
            call = node[0]
            [rp] = [p for p in menu(s.plan.states[call.state], call.values, call.flags, call.visited)
                    if p.reply.id == rid]
            child, _, score = search.step(node, rp)
            node = (child, score())
            s.choose(rid)
            assert child == s.call and s.model.state == s.call.state, (ref, seed, child.turns)
            assert (child.turns, child.outcome) == (len(s.turns), s.outcome.value if s.outcome else None)
            if not s.ended:
                assert [p.reply.id for p in menu(s.plan.states[child.state], child.values, child.flags,
                                                 child.visited)] == sorted(
                    (r.id for r in s.offered()), key=[p.reply.id for p in s.plan.states[child.state].replies].index)
            checked += 1
            interrupted += any(e.startswith("interrupt:") for e in s.turns[-1].events)
        assert search.verdict(node[1]) == (round(s.scorer.total()), s.scorer.passed()), (ref, seed)
    assert checked > 250 and interrupted > 5


def test_variables_no_condition_reads_do_not_split_situations(tmp_path):
    """A generated persona's detours move trust, which no condition reads: situations
    that differ only in trust have the same future, so the search merges them. Make a
    condition read trust (one that always holds) and the search must split them - with
    the same highest and lowest scores and declared endings."""
    from simulator.authoring.explore import variables_that_matter
    from simulator.authoring.generate import generated_persona
    from simulator.core.library import load_persona

    text = generated_persona("gen", 30, seed=1)
    assert "var: trust, add:" in text
    read = text.replace("        moves: [ask_follow_up]\n", "        moves: [ask_follow_up]\n        when: [{var: trust, gte: 0}]\n", 1)
    results = {}
    for name, body in (("plain", text), ("read", read)):
        (tmp_path / f"{name}.yaml").write_text(body.replace("id: gen\n", f"id: {name}\n", 1), encoding="utf-8")
        loaded = load_persona(str(tmp_path / f"{name}.yaml"))
        results[name] = (("trust" in variables_that_matter(loaded.model)),
                         explore(Session(bundle_for(loaded.model, loaded.source.path, 1))))
    (plain_reads, plain), (read_reads, split) = results["plain"], results["read"]
    assert not plain_reads and read_reads
    assert plain.situations < split.situations
    assert (plain.best.score, plain.worst.score) == (split.best.score, split.worst.score)
    def declared(e):  # endings the persona declares (a deeper search also meets the turn limit)
        return {k for k, r in e.endings.items() if r.outcome != "turn_limit"}

    assert declared(plain) == declared(split)


def test_explorations_sharing_a_rubric_memo_agree_with_fresh_ones():
    """The fold memo is shared by every exploration under the same rubric, profile and
    context: results must not depend on what was explored before."""
    from scoring import fold

    def summary(e):
        return (e.situations, e.best, e.worst, e.shortest_pass, e.endings, dict(e.outcomes))

    fold._SHARED.clear()
    alone = summary(explore(new_session("first-call-zhang", seed=1)))
    explore(tiny_session())
    explore(new_session("hostile-day3", seed=2))
    after = summary(explore(new_session("first-call-zhang", seed=1)))
    assert after == alone


def test_line_passes_agrees_with_a_replayed_session_on_every_draw():
    """Lint's memorisable check replays a line through the explorer's step and fold memo: on
    each draw it must give what playing the line in a session gives, and refuse a line that
    cannot be played as written (a reply not on offer, or the call over before its end)."""
    from simulator.authoring.explore import line_passes
    from simulator.engine.session import CallOver, UnknownReply

    line = list(explore(new_session("first-call-zhang", seed=1), stop_at_pass=True).shortest_pass.replies)
    verdicts = set()
    remembered: dict = {}
    for seed in range(1, 25):
        s = new_session("first-call-zhang", seed=seed)
        try:
            played = s.fork(quiet=True).replay(line)
            expected: bool | None = played.ended and played.scorer.passed()
        except (UnknownReply, CallOver):
            expected = None
        assert line_passes(s, line) == expected, seed
        assert line_passes(s, line, remembered) == expected, seed  # draws that start alike share a verdict
        verdicts.add(expected)
    assert len(verdicts) > 1  # the line wins some draws and not others: a check that can fail
    s = new_session("first-call-zhang", seed=1)
    assert line_passes(s, [*line, line[-1]]) is None  # the call is over before the last reply
    assert line_passes(s, ["no-such-reply"]) is None
    assert line_passes(s, line[:-1]) is False  # not ended: not a pass


def test_a_search_fork_does_not_build_the_persona_machine(tmp_path):
    """Searches (lint's replays, the expert) play quiet forks; the machine is for calls."""
    fresh = tmp_path / "tiny.yaml"  # a persona object no earlier test has played
    fresh.write_text((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_persona(str(fresh))
    s = Session(bundle_for(loaded.model, loaded.source.path, 1))
    s.fork(quiet=True).replay(["demand", "accept"])
    assert "machine" not in loaded.model.__pydantic_private__["_derived"]
    s.replay(["demand", "accept"])
    assert "machine" in loaded.model.__pydantic_private__["_derived"]


def test_draws_that_start_alike_share_a_verdict(tmp_path):
    """A persona whose draws differ only in variables no condition reads starts many draws
    alike: lint replays its line once per distinct start, with the same verdicts."""
    from simulator.authoring.explore import line_passes
    from simulator.authoring.generate import write_library

    (path,) = write_library(tmp_path / "personas", 1, 30, seed=3)
    loaded = load_persona(str(path))
    first = Session(bundle_for(loaded.model, path, 1))
    line = list(explore(first, stop_at_pass=True).shortest_pass.replies)
    remembered: dict = {}
    for seed in range(2, 12):
        s = Session(bundle_for(loaded.model, path, seed))
        assert line_passes(s, line, remembered) == line_passes(s, line), seed
    assert 1 < len(remembered) < 10
