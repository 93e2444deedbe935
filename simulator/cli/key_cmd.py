"""The assessor's Ed25519 signing key. `create` makes it (private file 0600 from the moment
it exists; the public half beside it, .pub); `public` prints the public half, which is all
anyone needs to check results: `collectsim verify --public-key FILE`.

Run these as the assessor, never as a candidate: whoever holds the private key can sign a
grade."""

from __future__ import annotations

import argparse

from .common import guarded

EPILOG = """\
examples:
  collectsim key create
  collectsim key public > assessor.pub
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["create", "public"])


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.store import keys

    from .common import err

    if args.action == "create":
        path, made = keys.create_key()
        err(f"{'made' if made else 'already there'}: {path} (public half: {keys.public_path(path)})")
        return 0
    print(keys.load_private().as_pem(private=False).decode(), end="")
    return 0
