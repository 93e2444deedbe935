"""`collectsim serve` as a command: a taken port is a clear error, not a traceback."""

from __future__ import annotations

import subprocess
import sys

from .conftest import serve


def test_a_taken_port_is_a_clear_error(tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        port = server.url.rsplit(":", 1)[1]
        r = subprocess.run([sys.executable, "-m", "simulator.cli.main", "serve", "--port", port,
                            "--db", db], capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr and "Traceback" not in r.stderr
