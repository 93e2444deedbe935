"""The engine and the rubric must run without Textual (scripts, CI, graders)."""

import subprocess
import sys

CODE = """
import sys
import simulator.engine, simulator.engine.policies, scoring.scorer, scoring.grade
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
s = play(new_session('first-call-zhang', seed=1), make_policy('expert', 1))
assert s.report().passed
loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))
print('TEXTUAL:', loaded)
"""


def test_core_imports_without_textual():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert "TEXTUAL: []" in out.stdout, out.stdout + out.stderr
