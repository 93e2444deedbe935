"""The mutation score's list of equivalent mutants (tools/mutation_equivalent.md) names each
mutant with the code it changes: mutmut renumbers a function's mutants when the function is
edited, and a listing that came to name another mutant must stop counting."""

from __future__ import annotations

from pathlib import Path

from tools.mutation_score import EQUIVALENT, changed_lines, equivalents, still_equivalent

MUTATED = '''
class Scorer:
    def xǁScorerǁlive__mutmut_orig(self):
        key = ("live", self.peak)
        return key

    def xǁScorerǁlive__mutmut_1(self):
        key = ("XXliveXX", self.peak)
        return key

    def xǁScorerǁlive__mutmut_2(self):
        key = ("live", self.peak)
        return None


def x_plans__mutmut_orig(rubric):
    hit = TABLE.get(rubric)
    return hit


def x_plans__mutmut_1(rubric):
    hit = None
    return hit
'''


def _root(tmp_path: Path) -> Path:
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "fake.py").write_text(MUTATED, encoding="utf-8")
    return tmp_path


def test_a_mutants_changed_lines_are_read_from_the_mutated_module(tmp_path):
    root = _root(tmp_path)
    assert changed_lines("scoring.fake.xǁScorerǁlive__mutmut_1", root) == ['key = ("XXliveXX", self.peak)']
    assert changed_lines("scoring.fake.xǁScorerǁlive__mutmut_2", root) == ["return None"]
    assert changed_lines("scoring.fake.x_plans__mutmut_1", root) == ["hit = None"]
    assert changed_lines("scoring.missing.x_plans__mutmut_1", root) == []


def test_a_listing_counts_only_while_its_mutant_changes_the_code_it_names(tmp_path):
    root = _root(tmp_path)
    assert still_equivalent("scoring.fake.xǁScorerǁlive__mutmut_1", '"XXliveXX"', root)
    assert not still_equivalent("scoring.fake.xǁScorerǁlive__mutmut_2", '"XXliveXX"', root)  # renumbered
    assert not still_equivalent("scoring.fake.xǁScorerǁlive__mutmut_9", "hit = None", root)  # gone


def test_every_listed_equivalent_names_the_code_it_changes():
    listed = equivalents()
    text = EQUIVALENT.read_text(encoding="utf-8")
    assert len(listed) == text.count("\n- `") and len(listed) >= 20
    assert all(code.strip() and why.strip() for code, why in listed.values())
