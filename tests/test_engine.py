"""The engine: seeded, deterministic, bounded."""

import gc

import pytest
from transitions import MachineError

from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.engine.session import CallOver, UnknownReply


def _strip(records):
    return [{k: v for k, v in r.items() if k not in ("started_at", "ended_at")} for r in records]


@pytest.mark.parametrize("policy", ["expert", "novice", "random"])
def test_same_seed_and_choices_give_the_same_call(policy):
    a = play(new_session("first-call-zhang", seed=7), make_policy(policy, 7))
    b = new_session("first-call-zhang", seed=7).replay([t.reply for t in a.turns])
    assert _strip(a.records()) == _strip(b.records())


def test_seeds_vary_the_call():
    starts = {tuple(new_session("first-call-zhang", seed=s).values.values()) for s in range(20)}
    lines = {new_session("first-call-zhang", seed=s).opening.line for s in range(20)}
    assert len(starts) > 1 and len(lines) > 1


def test_unknown_reply_and_finished_call():
    s = new_session("first-call-zhang", seed=1)
    with pytest.raises(UnknownReply):
        s.choose("no-such-reply")
    s.choose("good-time")
    s.choose("call-later")
    assert s.ended and s.outcome.value == "callback"
    with pytest.raises(CallOver):
        s.choose("identify")


def test_turn_limit_ends_every_call():
    for seed in range(30):
        s = play(new_session("first-call-zhang", seed=seed), make_policy("random", seed))
        assert s.ended and len(s.turns) <= s.max_turns


def test_fork_does_not_touch_the_original():
    s = new_session("first-call-zhang", seed=3)
    before = (s.model.state, s.values, len(s.turns))
    turn, other = s.preview("blurt-demand")
    assert turn.state_after == "wary" and other.model.state == "wary"
    assert (s.model.state, s.values, len(s.turns)) == before


def test_the_machine_moves_the_call_along_the_edge_the_step_chose():
    """The persona's `transitions` machine runs each turn's transition (its callbacks fire),
    along the route the step chose: the reply's branch, then an interrupt's edge if one fired."""
    s = new_session("hostile-day20", seed=7)  # three turns, the last cut short by an interrupt
    taken: list[tuple[str, str, str]] = []

    def seen(ev) -> None:
        taken.append((ev.event.name, ev.transition.source, ev.transition.dest))

    s.machine.after_state_change.append(seen)
    try:
        play(s, make_policy("random", 7))
    finally:
        s.machine.after_state_change.remove(seen)
    edges = iter(taken)
    for t in s.turns:  # each turn: the reply's branch out of its state, then any interrupt
        name, source, dest = next(edges)
        assert name.startswith(f"r:{t.reply}#") and source == t.state_before
        if any(e.startswith("interrupt:") for e in t.events):
            name, source, dest = next(edges)
            assert name.startswith("interrupt:")
        assert dest == t.state_after
    assert next(edges, None) is None and s.model.state == s.turns[-1].state_after
    assert [name.split(":")[0] for name, *_ in taken] == ["r", "r", "r", "interrupt"]


def test_an_edge_the_machine_lacks_is_refused():
    s = new_session("first-call-zhang", seed=1)
    s.choose(s.offered()[0].id)  # builds the machine
    before = s.model.state
    with pytest.raises(MachineError):
        s.plan.edges.follow("r:no-such-reply#0", s.model)
    elsewhere = next(name for name, ev in s.machine.events.items() if before not in ev.transitions)
    with pytest.raises(MachineError):  # a real edge, from a state it does not leave
        s.plan.edges.follow(elsewhere, s.model)
    assert s.model.state == before


def test_a_finished_call_leaves_no_cyclic_garbage():
    """Each call is freed as soon as it is dropped: a training server or a cohort's
    re-grading never waits on the cycle collector for sessions."""
    play(new_session("first-call-zhang", seed=1), make_policy("expert", 1))  # warm the caches
    gc.collect()
    gc.disable()
    try:
        s = play(new_session("first-call-zhang", seed=4), make_policy("random", 4))
        del s
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_calls_that_draw_alike_share_a_start_but_never_a_score():
    """Calls on the same scenario and facets start from one shared scorer (`drawn_for`):
    each must get its own copy, so one call's turns never reach another's score."""
    from scoring.scorer import Scorer
    from simulator.engine.session import drawn_for

    a = new_session("first-call-zhang", seed=1)
    drawn = drawn_for(a.bundle, a.facets, a.lang)
    before = drawn.scorer.key()
    play(a, make_policy("expert", 1))
    b = new_session("first-call-zhang", seed=1)
    assert drawn_for(b.bundle, b.facets, b.lang) is drawn and b.scorer is not drawn.scorer
    assert drawn.scorer.key() == before == b.scorer.key() and b.scorer.turns == 0
    assert a.scorer.key() != before
    fresh = Scorer(a.rubric, a.profile, a.context, start=a.opening.variables).observe_all(a.turns)
    assert fresh.report().model_dump() == a.report().model_dump()
