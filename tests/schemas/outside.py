"""Validators the project did not write, run as a trainer or CI would run them.

check-jsonschema comes with the dev dependencies; ajv-cli and ajv-formats are installed
from the npm registry into the user cache folder the first time (pinned majors), then
reused (outside the checkout, whose YAML files some tests walk).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_path

ROOT = Path(__file__).resolve().parents[2]
AJV_DIR = user_cache_path("collectsim-tests", appauthor=False) / "ajv"
AJV_PACKAGES = ("ajv-cli@5", "ajv-formats@3")


def ajv() -> Path:
    """The ajv executable, installed locally from npm on first use."""
    exe = AJV_DIR / "node_modules" / ".bin" / "ajv"
    if not exe.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install ajv-cli (apt-get install npm)"
        AJV_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(AJV_DIR),
                        *AJV_PACKAGES], check=True, capture_output=True, timeout=300)
    return exe


def run_ajv(schema: Path, files: list[Path], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """ajv with formats checked (`-c ajv-formats`), as the schema's draft says."""
    cmd = [str(ajv()), "validate", "--spec=draft2020", "--all-errors", "-c", "ajv-formats",
           "-s", str(schema)]
    for f in files:
        cmd += ["-d", str(f)]
    env = os.environ | {"NODE_PATH": str(AJV_DIR / "node_modules")}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def run_check_jsonschema(schema: Path, files: list[Path], cwd: Path | None = None
                         ) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("check-jsonschema")
    cmd = [str(exe), "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300)
