"""A real PostgreSQL server for the store tests, started here (initdb in a temp dir), plus
SQLite. Nothing is mocked: every store test runs against both."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if cands:
        return Path(cands[-1]).parent
    pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
                "(Debian: apt-get install -y postgresql) or run .ci/run, which does", pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Yields a base URL (no database name) of a throwaway server on a free loopback port."""
    bindir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="collectsim-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as 'postgres'
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(root, 0o755)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def pg(*cmd: str) -> None:
        r = subprocess.run([*prefix, *cmd], capture_output=True, text=True)
        if r.returncode:
            pytest.fail(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}", pytrace=False)

    pg(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "collectsim", "-E", "UTF8",
       "--no-sync")
    pg(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start",
       "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off")
    try:
        yield f"postgresql+psycopg://collectsim@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _new_pg_db(base: str) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    dsn = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty results db of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.db'}"
    return _new_pg_db(request.getfixturevalue("pg_server"))
