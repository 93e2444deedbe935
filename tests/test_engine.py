"""The engine: seeded, deterministic, bounded."""

import pytest

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


def test_model_is_detached_when_the_call_ends():
    s = play(new_session("first-call-zhang", seed=1), make_policy("expert", 1))
    assert s.model not in s.machine.models
