"""The Textual internals collectsim relies on (simulator/tui/textual_private.py) are still
there, with the parameters it passes. When this fails after a Textual upgrade, fix the
adapter, then the pin in pyproject.toml."""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version

import pytest

from simulator.tui.textual_private import RELIED_ON


@pytest.mark.parametrize(("owner", "member", "params"), RELIED_ON,
                         ids=[f"{o.split(':')[1]}.{m}" for o, m, _ in RELIED_ON])
def test_textual_still_has_what_the_adapter_uses(owner, member, params):
    module, cls = owner.split(":")
    target = getattr(importlib.import_module(module), cls)
    assert hasattr(target, member), f"Textual {version('textual')}: {cls}.{member} is gone"
    got = tuple(inspect.signature(getattr(target, member)).parameters)[1:]
    assert got == params, f"Textual {version('textual')}: {cls}.{member}{got}, the adapter passes {params}"


def test_textual_is_the_pinned_version():
    import tomllib
    from pathlib import Path

    deps = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    pin = next(d for d in deps["project"]["dependencies"] if d.startswith("textual=="))
    assert pin == f"textual=={version('textual')}", "installed Textual is not the one tested"
