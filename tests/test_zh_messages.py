"""The scorer's sentences have Chinese: every reason and red line that bundled scenarios can
produce, under the expert, novice and random officers, and every reply tried once."""

from __future__ import annotations

from scoring.zh import to_zh, untranslated
from simulator.core.library import list_files
from simulator.engine import new_session
from simulator.engine.policies import expert, novice, play, random_policy


def sentences(session) -> list[str]:
    """What the scorer itself words (a profile's own rules come with their Chinese)."""
    details = [c.result().detail for c in session.scorer.checks]
    return details + [f.message for f in session.scorer.compliance.findings if not f.message_zh]


def test_every_sentence_the_scorer_says_has_a_chinese_template():
    said: set[str] = set()
    for _, path in list_files("scenarios"):
        for policy in (expert(), novice(), *(random_policy(k) for k in range(6))):
            said.update(sentences(play(new_session(str(path), seed=3), policy)))
        first = new_session(str(path), seed=3)
        for r in first.offered():  # each opening reply, red lines included
            said.update(sentences(first.preview(r.id)[1]))
    missing = {x for s in said for x in untranslated(s)}
    assert len(said) > 20 and not missing


def test_composite_sentences_are_translated_part_by_part():
    got = to_zh("missing an amount, a method; pressure fell back at turn 4")
    assert got == "缺少金额、还款方式；第 4 轮施压回落"


def test_a_zh_report_speaks_chinese_and_an_en_one_english():
    s = play(new_session("first-call-zhang", seed=1), novice())
    en, zh = s.report("en"), s.report("zh")
    lost = [(a.detail, b.detail) for a, b in zip(en.items, zh.items, strict=True) if a.detail]
    assert len(lost) > 2 and all(b == to_zh(a) != a for a, b in lost)
    assert en.total == zh.total and en.passed == zh.passed
