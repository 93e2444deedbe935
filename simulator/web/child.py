"""What the server runs in each practice tab: `python -m simulator.web.child`.

The user, the store and the language arrive in the environment set by the server
(`COLLECTSIM_WEB_USER`, `COLLECTSIM_DB`, `COLLECTSIM_WEB_LANG`), never on a command line a
page could shape.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    user = os.environ.get("COLLECTSIM_WEB_USER", "")
    if not user:
        print("collectsim web child: no COLLECTSIM_WEB_USER", file=sys.stderr)
        return 2
    lang = os.environ.get("COLLECTSIM_WEB_LANG") or None
    from simulator.store import open_store

    from .app import WebCollectApp

    store = open_store(os.environ.get("COLLECTSIM_DB"))
    try:
        WebCollectApp(store, user, lang=lang if lang in ("en", "zh") else None).run()
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
