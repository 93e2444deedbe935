"""Who is who, against a real `collectsim serve`: a signed cookie nobody else can mint, no
app without it, and no websocket opened from another site's page."""

from __future__ import annotations

import asyncio
import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request

import aiohttp
from itsdangerous import URLSafeTimedSerializer

from simulator.web.identity import COOKIE

from .conftest import serve


def opener() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def page(url: str, cookie: str | None = None, data: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode() if data else None)
    if cookie:
        req.add_header("Cookie", f"{COOKIE}={cookie}")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def ws_status(url: str, cookie: str | None, origin: str) -> int:
    headers = {"Origin": origin, **({"Cookie": f"{COOKIE}={cookie}"} if cookie else {})}
    async with aiohttp.ClientSession() as http_:
        try:
            async with http_.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_only_the_servers_own_cookie_signs_in(tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        op, jar = opener()
        with op.open(urllib.request.Request(server.url + "/signin",
                                            data=b"name=Li+Wei"), timeout=10) as r:
            assert r.url.endswith("/practice")
        good = next(c.value for c in jar if c.name == COOKIE)
        assert 'id="user">Li Wei<' in page(server.url + "/", good)[1]

        forged = URLSafeTimedSerializer("another-secret", salt="collectsim-web").dumps(
            {"user": "Wang Fang", "assessor": True})
        assert 'id="user"' not in page(server.url + "/", forged)[1]
        payload, _, rest = good.partition(".")
        tampered = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1] + "." + rest
        assert 'id="user"' not in page(server.url + "/", tampered)[1]

        status, body = page(server.url + "/signin", data={"name": "Li\x00Wei"})
        assert status == 400 and "1 to 60" in body

        ws = server.url.replace("http", "ws", 1) + "/ws/practice"
        assert asyncio.run(ws_status(ws, None, server.url)) == 403  # not signed in
        assert asyncio.run(ws_status(ws, forged, server.url)) == 403
        assert asyncio.run(ws_status(ws, good, "http://evil.example")) == 403  # another site's page
        assert asyncio.run(ws_status(server.url.replace("http", "ws", 1) + "/ws/gradebook",
                                     good, server.url)) == 403  # not an assessor
        assert server.health()["sessions"] == 0
