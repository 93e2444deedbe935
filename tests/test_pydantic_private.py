"""`collectsim play` skips pydantic's plugin discovery on start-up by registering an empty
plugin loader (simulator/tui/speed.py). That relies on how pydantic asks for plugins: if
this fails after a pydantic upgrade, change speed._no_pydantic_plugins with it."""

from __future__ import annotations

import inspect
import subprocess
import sys

from pydantic.plugin import _loader, _schema_validator


def test_pydantic_asks_for_plugins_only_through_the_loaders_get_plugins():
    source = inspect.getsource(_schema_validator)
    assert "from ._loader import get_plugins" in source
    assert source.count("_loader") == 1
    assert callable(_loader.get_plugins)


def test_a_started_play_validates_content_without_importing_importlib_metadata():
    code = (
        "import os, sys\n"
        "os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None)\n"
        "os.environ['COLLECTSIM_NO_CACHE'] = '1'\n"
        "from simulator.tui import speed\n"
        "speed.starting()\n"
        "from simulator.engine.bundle import load_scenario\n"
        "load_scenario('first-call-zhang')\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
