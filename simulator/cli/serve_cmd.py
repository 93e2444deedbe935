"""Serve collectsim to browsers: practice, assessment sittings and the gradebook.

Each browser tab runs its own app process (textual-serve) on this machine: the same screens
as `collectsim play`, `gradebook` and the assessment command. Practice asks for a name (or,
with --user-header, trusts the one a reverse proxy puts in that header; only do that
behind a proxy that sets it and strips it from clients). A web user's calls are journaled
turn by turn in the results store, so a closed tab resumes at the same turn, and servers
sharing one PostgreSQL (--db) share their users. Listens on loopback unless --host says
otherwise; put TLS in a reverse proxy in front (README: "In the browser").

Secrets come from the environment, never the command line: COLLECTSIM_WEB_SECRET signs the
sign-in cookie (give every server behind one load balancer the same one; without it each
start makes a new one and signs everybody out) and COLLECTSIM_ASSESSOR_KEY opens /gradebook
(without it the gradebook is off)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from .common import guarded

EPILOG = """\
examples:
  collectsim serve                                  http://127.0.0.1:8000 for this machine
  collectsim serve --host 0.0.0.0 --port 8080       for a training room (behind TLS, see README)
  collectsim serve --db postgresql://db/collectsim  one of N servers sharing one database
  collectsim serve --user-header X-Remote-User      single sign-on by a trusted proxy
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", metavar="URL", help="results store (default: $COLLECTSIM_DB or a local SQLite file)")
    p.add_argument("--max-sessions", type=int, default=40, metavar="N",
                   help="app processes at once; past that a page says the server is full (default 40)")
    p.add_argument("--idle-timeout", type=float, default=1800, metavar="SECONDS",
                   help="close a tab nobody typed in for this long (default 1800; the call is saved)")
    p.add_argument("--user-header", metavar="NAME", default=None,
                   help="take the practice user from this request header (trusted proxy only; off by default)")
    p.add_argument("--sit-command", metavar="CMD", default=None,
                   help="what an assessment tab runs (default: `collectsim sit` when installed)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _collectsim(*words: str) -> list[str]:
    """This same collectsim, whatever venv or wheel it runs from."""
    return [sys.executable, "-m", "simulator.cli.main", *words]


def _sit_argv(arg: str | None) -> list[str] | None:
    if arg:
        return shlex.split(arg)
    from .main import COMMANDS

    return _collectsim("sit") if any(name == "sit" for name, _, _ in COMMANDS) else None


def _run(args: argparse.Namespace) -> int:
    import logging
    import secrets

    from aiohttp import web

    from simulator.store import open_store
    from simulator.web.server import ServeConfig, WebServer

    if args.max_sessions < 1 or args.idle_timeout <= 0:
        raise SystemExit("collectsim serve: --max-sessions and --idle-timeout must be positive")
    store = open_store(args.db)  # checks the URL and brings the schema up to date, once
    db_url = store.url
    store.close()
    config = ServeConfig(
        db_url=db_url,
        practice_argv=[sys.executable, "-m", "simulator.web.child"],
        gradebook_argv=_collectsim("gradebook"),
        sit_argv=_sit_argv(args.sit_command),
        secret=os.environ.get("COLLECTSIM_WEB_SECRET") or secrets.token_urlsafe(32),
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        user_header=args.user_header,
        assessor_key=os.environ.get("COLLECTSIM_ASSESSOR_KEY") or None,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(f"collectsim serve: http://{args.host}:{args.port}/ (store: {_redacted(db_url)}, "
          f"at most {args.max_sessions} sessions; Ctrl-C stops)", flush=True)
    try:
        web.run_app(WebServer(config).make_app(), host=args.host, port=args.port,
                    print=None, access_log=None, shutdown_timeout=10)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise SystemExit(f"collectsim serve: cannot listen on {args.host}:{args.port}: "
                         f"{exc.strerror or exc}") from None
    return 0


def _redacted(url: str) -> str:
    """The store URL without its password, for the log."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
