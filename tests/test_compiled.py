"""The engine's fast paths must not change what a call does or how it scores.

Compiled conditions against the model's own `holds`, copy-on-write scorers against fresh
ones, and quiet (search) forks against ordinary ones.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.scorer import Scorer
from simulator.core.conditions import Condition, all_hold, compile_conditions
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.policies import make_policy, play
from simulator.engine.session import new_session

OPS = ("lt", "lte", "gt", "gte", "eq", "ne")


def _var() -> st.SearchStrategy[Condition]:
    ops = st.dictionaries(st.sampled_from(OPS), st.integers(-2, 12), min_size=1, max_size=3)
    return ops.map(lambda o: Condition(var="x", **o))


_leaf = st.one_of(
    _var(),
    st.builds(lambda f, is_: Condition(flag=f, **{"is": is_}), st.sampled_from("ab"), st.booleans()),
    st.builds(lambda s, is_: Condition(visited=s, **{"is": is_}), st.sampled_from("st"), st.booleans()),
)
_cond = st.recursive(_leaf, lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda cs: Condition(any=cs)),
                     max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(conds=st.lists(_cond, min_size=1, max_size=3), x=st.integers(-3, 14),
       flags=st.frozensets(st.sampled_from("ab")), visited=st.sets(st.sampled_from("st")))
def test_compiled_conditions_agree_with_the_models(conds, x, flags, visited):
    test = compile_conditions(conds)
    assert test is not None
    assert test({"x": x}, flags, visited) == all_hold(conds, {"x": x}, flags, visited)


def test_no_conditions_compile_to_nothing():
    assert compile_conditions([]) is None


def _fresh_report(s) -> dict:
    return Scorer(s.rubric, s.profile, s.context).observe_all(s.turns).report().model_dump()


def test_forked_scorers_stay_independent():
    """A fork and its parent share checks until one writes: each must still score exactly
    its own turns, however the two go on."""
    line = golden_choices("first-call-zhang")
    parent = new_session("first-call-zhang", seed=golden_seed("first-call-zhang"))  # the golden line's debtor
    parent.replay(line[:2])
    child = parent.fork()
    parent.replay(line[2:])
    play(child, make_policy("novice", 1))
    assert parent.report().model_dump() == _fresh_report(parent)
    assert child.report().model_dump() == _fresh_report(child)
    assert parent.report().total != child.report().total


def test_quiet_forks_play_the_same_call_without_lines():
    s = new_session("first-call-zhang", seed=5)
    s.replay(golden_choices("first-call-zhang")[:1])
    loud, quiet = s.fork(), s.fork(quiet=True)
    for f in (loud, quiet):
        play(f, make_policy("random", 9))
    assert [t.reply for t in loud.turns] == [t.reply for t in quiet.turns]
    assert [t.state_after for t in loud.turns] == [t.state_after for t in quiet.turns]
    assert loud.report().total == quiet.report().total
    assert all(t.debtor_line for t in loud.turns[1:])
    assert not any(t.debtor_line for t in quiet.turns[1:])
