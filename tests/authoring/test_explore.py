"""The explorer against a hand-checked persona, and against the reference scenario."""

from __future__ import annotations

import random

from simulator.authoring.default_scenario import bundle_for
from simulator.authoring.explore import explore, random_calls
from simulator.core.library import load_persona
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
    assert situation_key(s, frozenset({"answer", "busy"})) == (state, values, flags, frozenset({"answer"}))


def test_the_explorers_walker_agrees_with_the_engine_turn_by_turn():
    """The exhaustive search steps situations on the persona plan, not through Session:
    on random lines through every bundled scenario, each of its steps must land where the
    engine lands - state, hidden values, flags, turn count, ending and score."""
    from simulator.authoring.explore import _Walker, visited_that_matter
    from simulator.core.library import list_files
    from simulator.engine.policies import random_policy

    def harsh(seed: int):
        """Presses as hard as it can: angers debtors into the interrupts (hang-ups)."""
        rng = random.Random(seed)
        return lambda s: max(s.offered(), key=lambda r: (r.pressure or 0, rng.random())).id

    checked = interrupted = 0
    for _, path in list_files("scenarios"):
        for seed in range(1, 9):
            s = new_session(str(path), seed=seed)
            if seed % 2 == 0 and "anger" in s.model.values:  # start on the edge of the hang-ups
                s.model.values["anger"] = s.persona.variables["anger"].max - 1
            keep = visited_that_matter(s.persona)
            walk = _Walker(s, keep)
            node = walk.root(s)
            officer = random_policy(seed) if seed % 2 else harsh(seed)
            while not s.ended:
                rid = officer(s)
                [rp] = [p for p in walk.menu(node) if p.reply.id == rid]
                child, score = walk.step(node, rp)
                node = (*child[:5], score(), child[6])
                n, outcome = child[4], child[6]
                s.choose(rid)
                m = s.model
                assert child[:4] == (m.state, tuple(m.values.values()), m.flags, keep & m.visited), (path, seed, n)
                assert (n, outcome) == (len(s.turns), s.outcome.value if s.outcome else None), (path, seed, n)
                assert {p.reply.id for p in walk.menu(node)} == {r.id for r in s.offered()}
                checked += 1
                interrupted += any(e.startswith("interrupt:") for e in s.turns[-1].events)
            assert walk.verdict(node) == (round(s.scorer.total()), s.scorer.passed()), (path, seed)
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
