"""Assessment results as xAPI 1.0.3 statements, for a Learning Record Store.

Each counted attempt (a finished assessment whose signatures check out) gives three
statements: attempted (when it began), completed (when it ended, with its duration) and
passed or failed (with the score, scaled and raw, and each rubric item in the result's
extensions). `context.registration` names the attempt. Statement ids are derived from the
store and attempt, so sending the same results twice sends the same statements.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.error
import urllib.request
import uuid
from typing import Any

from .models import Attempt

VERBS = {
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
DEFAULT_HOME = "https://collectsim.invalid"
_NS = uuid.UUID("6f1c8e9a-3b0d-4c57-9a51-0c0115ec7a11")


def registration(store_id: str, attempt_id: int) -> str:
    return str(uuid.uuid5(_NS, f"{store_id}/attempt/{attempt_id}"))


def _duration(start: str, end: str | None) -> str | None:
    if not end:
        return None
    secs = (dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds()
    return f"PT{max(0.0, secs):.2f}S"


def statements(a: Attempt, store_id: str, home: str = DEFAULT_HOME) -> list[dict[str, Any]]:
    """The statements for one counted attempt."""
    home = home.rstrip("/")
    report = json.loads(a.report or "{}")
    actor = {"objectType": "Agent", "name": a.candidate,
             "account": {"homePage": home, "name": a.candidate}}
    obj = {"objectType": "Activity", "id": f"{home}/scenarios/{a.scenario}",
           "definition": {"type": ASSESSMENT, "name": {"en-US": a.scenario}}}
    ext = f"{home}/xapi/extensions"
    context = {"registration": registration(store_id, a.id), "platform": "collectsim",
               "extensions": {f"{ext}/sitting": a.sitting, f"{ext}/attempt-number": a.seq,
                              f"{ext}/seed": a.seed, f"{ext}/signature": a.jws}}
    items = {i["id"]: {"points": i["points"], "weight": i["weight"]}
             for i in report.get("items", []) if i.get("applicable")}
    score = {"scaled": round((a.total or 0) / 100, 4), "raw": a.total or 0, "min": 0, "max": 100}

    def one(verb: str, when: str, result: dict[str, Any] | None) -> dict[str, Any]:
        st: dict[str, Any] = {
            "id": str(uuid.uuid5(_NS, f"{store_id}/attempt/{a.id}/{verb}")),
            "actor": actor, "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": obj, "context": context, "timestamp": when,
        }
        if result is not None:
            st["result"] = result
        return st

    end = a.ended_at or a.started_at
    done = {"completion": True, "duration": _duration(a.started_at, a.ended_at)}
    verdict = "passed" if a.passed else "failed"
    return [
        one("attempted", a.started_at, None),
        one("completed", end, done),
        one(verdict, end, {**done, "score": score, "success": bool(a.passed),
                           "extensions": {f"{ext}/rubric-items": items,
                                          f"{ext}/auto-fail": [f.get("message") for f in report.get("auto_fail", [])]}}),
    ]


class LrsError(Exception):
    pass


def post(url: str, batch: list[dict[str, Any]], auth: str | None = None, timeout: float = 30) -> list[str]:
    """POST statements to `url` (the LRS's xAPI endpoint, `.../xAPI` or `.../statements`);
    returns the ids it stored. `auth`: "user:password" for HTTP basic authentication."""
    endpoint = url.rstrip("/")
    if not endpoint.endswith("/statements"):
        endpoint += "/statements"
    req = urllib.request.Request(endpoint, data=json.dumps(batch).encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"})
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")[:500]
        raise LrsError(f"{endpoint}: the LRS refused the statements ({exc.code}): {detail}") from None
    except urllib.error.URLError as exc:
        raise LrsError(f"{endpoint}: cannot reach the LRS: {exc.reason}") from None
    return json.loads(body or b"[]")
