"""Rubric feedback in every language the product speaks (issue 18): each bundled rubric's
titles and tips, each compliance profile's name and rules, and each message the scorer
words, exist in en, zh, es and zh-Hant, so the debrief never falls back to another
language (with the `‹en›` mark, or silently for a profile's rule)."""

from __future__ import annotations

import pytest

from scoring.library import load_profile, load_rubric
from scoring.messages import CATALOGUE
from simulator.core.library import profile_dir, rubric_dir
from simulator.core.text import LANGS, languages_of
from simulator.engine import new_session
from simulator.engine.policies import novice, play

RUBRICS = sorted(p.stem for p in rubric_dir().glob("*.yaml"))
PROFILES = sorted(p.stem for p in profile_dir().glob("*.yaml"))


@pytest.mark.parametrize("rubric", RUBRICS)
def test_every_rubric_text_is_in_every_language(rubric):
    r = load_rubric(rubric).model
    texts = {"title": r.title} | {f"{i.id}.{part}": getattr(i, part) for i in r.items
                                  for part in ("title", "tip")}
    assert len(texts) > 4 and not lacking(texts)


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_text_is_in_every_language(profile):
    p = load_profile(profile).model
    texts = {"name": p.name} | {rule.id: rule.description for rule in p.rules}
    assert len(texts) > 1 and not lacking(texts)


def lacking(texts: dict[str, str | dict[str, str]]) -> dict[str, list[str]]:
    missing = {where: sorted(set(LANGS) - {lang for lang in languages_of(text) if text_in(text, lang)})
               for where, text in texts.items()}
    return {where: langs for where, langs in missing.items() if langs}


def text_in(text: str | dict[str, str], lang: str) -> bool:
    return isinstance(text, str) or bool(text.get(lang, "").strip())


def test_every_scorer_message_is_in_every_language():
    missing = {code: sorted(set(LANGS) - set(entry)) for code, entry in CATALOGUE.items()
               if not set(LANGS) <= set(entry)}
    assert len(CATALOGUE) > 50 and not missing


@pytest.mark.parametrize("scenario", ["first-call-zhang", "third-party-day3", "informed-day9", "guarantor-day40"])
@pytest.mark.parametrize("lang", ["es", "zh-Hant"])
def test_a_debrief_speaks_the_language_asked(scenario, lang):
    """A real call's report: its item titles, tips and details are in `lang` (none marked as
    fallen back, none left in English), with the same figures as the English report."""
    s = play(new_session(scenario, seed=2), novice())
    en, other = s.report("en"), s.report(lang)
    shown = [t for i in other.items for t in (i.title, i.tip, i.detail) if t]
    assert shown and not [t for t in shown if "‹" in t]
    assert all(a.title != b.title for a, b in zip(en.items, other.items, strict=True))
    assert (en.total, en.passed) == (other.total, other.passed)


@pytest.mark.parametrize("lang, cite", [("en", "red line (all profiles)"), ("zh", "红线（所有合规规范）"),
                                        ("zh-Hant", "紅線（所有合規規範）"), ("es", "línea roja (todos los perfiles)")])
def test_a_red_line_cites_itself_in_the_reports_language(lang, cite):
    """A profile clause is a reference and stays as written; the red lines' own citation is
    words, and a Chinese debrief said it in English."""
    s = new_session("bereaved-day15", seed=1, lang=lang)
    s.choose("heirs-must-pay")  # a false threat at turn 1
    assert [f.cite for f in s.report(lang).auto_fail] == [cite]
