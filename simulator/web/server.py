"""The aiohttp server behind `collectsim serve`.

Three kinds of tab, each one app process (process.py) behind a websocket: practice (the
call app, for a signed-in user), a sitting (the assessment command, which asks for its
one-time code itself) and the gradebook (assessors only). The page, its script, its fonts
and its style all come from this server: textual-serve's own static files plus ours (a CJK
font, and boot.js which starts the terminal once the fonts are in). A cap on live
processes, an idle timeout, and every process ended when its tab closes or the server
stops.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSMsgType, web

from .identity import Identity, clean_name
from .process import AppProcess

log = logging.getLogger("collectsim.web")
HERE = Path(__file__).parent
LANGS = ("en", "zh")
TEXTUAL_STATIC = Path(textual_serve.__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
       "base-uri 'none'; form-action 'self'")


@dataclass
class ServeConfig:
    db_url: str
    practice_argv: list[str]
    gradebook_argv: list[str]
    sit_argv: list[str] | None  # None: no assessment command installed
    secret: str
    max_sessions: int = 40
    idle_timeout: float = 1800.0
    user_header: str | None = None
    assessor_key: str | None = None
    font_size: int = 16


@dataclass(eq=False)
class Tab:
    kind: str
    user: str | None
    process: AppProcess
    socket: web.WebSocketResponse


class WebServer:
    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.identity = Identity(config.secret, config.user_header)
        self.tabs: set[Tab] = set()
        self._reaper: asyncio.Task | None = None

    # -- application -------------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._headers])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(default=True))
        app.add_routes([
            web.get("/", self.index),
            web.post("/signin", self.signin),
            web.post("/signout", self.signout),
            web.get("/practice", self.page("practice")),
            web.get("/sit", self.page("sit")),
            web.get("/gradebook", self.page("gradebook")),
            web.post("/gradebook/signin", self.assessor_signin),
            web.get("/ws/{kind}", self.websocket),
            web.get("/ws/{kind}/{lang}", self.websocket),
            web.get("/healthz", self.health),
            web.static("/static/textual", TEXTUAL_STATIC),
            web.static("/static/collectsim", HERE / "static"),
        ])
        app.on_startup.append(self._start_reaper)
        app.on_shutdown.append(self._shutdown)
        return app

    @web.middleware
    async def _headers(self, request: web.Request, handler) -> web.StreamResponse:
        response = await handler(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @property
    def full(self) -> bool:
        return len(self.tabs) >= self.config.max_sessions

    # -- pages -------------------------------------------------------------------------
    def _render(self, name: str, request: web.Request, status: int = 200, **ctx) -> web.Response:
        ctx.setdefault("sso", bool(self.config.user_header))
        ctx.setdefault("sit_available", self.config.sit_argv is not None)
        ctx.setdefault("gradebook_available", bool(self.config.assessor_key))
        return aiohttp_jinja2.render_template(name, request, ctx, status=status)

    async def index(self, request: web.Request) -> web.Response:
        return self._render("index.html", request, user=self.identity.user(request), error=None)

    async def signin(self, request: web.Request) -> web.Response:
        if self.config.user_header:
            raise web.HTTPFound("/")
        form = await request.post()
        name = clean_name(str(form.get("name", "")))
        if name is None:
            return self._render("index.html", request, status=400, user=None,
                                error="Type your name (1 to 60 letters). 请输入姓名（1 到 60 个字）。")
        response = web.HTTPFound("/practice")
        self.identity.remember(request, response, user=name)
        raise response

    async def signout(self, request: web.Request) -> web.Response:
        response = web.HTTPFound("/")
        self.identity.forget(response)
        raise response

    async def assessor_signin(self, request: web.Request) -> web.Response:
        form = await request.post()
        key = self.config.assessor_key
        given = str(form.get("key", "")).encode()
        if not key or not hmac.compare_digest(given, key.encode()):
            return self._render("assessor.html", request, status=403, error=True)
        response = web.HTTPFound("/gradebook")
        self.identity.remember(request, response, assessor=True)
        raise response

    def _allowed(self, kind: str, request: web.Request) -> bool:
        """May this request open a `kind` tab (signed in, assessor, command installed)?"""
        if kind == "practice":
            return self.identity.user(request) is not None
        if kind == "gradebook":
            return bool(self.config.assessor_key) and self.identity.is_assessor(request)
        return self.config.sit_argv is not None

    def _refusal(self, kind: str, request: web.Request) -> web.StreamResponse | None:
        """The page that says why this request may not open a `kind` tab, or None."""
        if kind == "practice" and self.identity.user(request) is None:
            if self.config.user_header:
                return self._render("message.html", request, status=403, title="Not signed in",
                                    text="This site signs you in through its single sign-on, "
                                         "and the request carried no user.")
            raise web.HTTPFound("/")
        if kind == "sit" and self.config.sit_argv is None:
            return self._render("message.html", request, status=404, title="No assessments here",
                                text="This server has no assessment command installed.")
        if kind == "gradebook" and not self.identity.is_assessor(request):
            if not self.config.assessor_key:
                return self._render("message.html", request, status=404, title="No gradebook here",
                                    text="The gradebook is off: start the server with an assessor key.")
            return self._render("assessor.html", request, status=401, error=False)
        if self.full:
            page = self._render("message.html", request, status=503, title="All places are taken",
                                text=f"This server runs at most {self.config.max_sessions} sessions "
                                     "at once and all are in use. Try again in a minute; "
                                     "your saved call will be waiting. "
                                     "练习名额已满，请一分钟后再试，您的通话已保存。")
            page.headers["Retry-After"] = "30"
            return page
        return None

    def page(self, kind: str):
        async def handler(request: web.Request) -> web.StreamResponse:
            refusal = self._refusal(kind, request)
            if refusal is not None:
                return refusal
            font_size = request.query.get("fontsize", "")
            lang = request.query.get("lang")
            return self._render("terminal.html", request, kind=kind,
                                user=self.identity.user(request),
                                ws_path=f"/ws/{kind}" + (f"/{lang}" if lang in LANGS else ""),
                                font_size=int(font_size) if font_size.isdigit() and 8 <= int(font_size) <= 40
                                else self.config.font_size,
                                idle_minutes=round(self.config.idle_timeout / 60))
        return handler

    async def health(self, request: web.Request) -> web.Response:
        body = {"sessions": len(self.tabs), "max_sessions": self.config.max_sessions,
                "pid": os.getpid(),  # which server answered, behind a balancer or in tests
                "pids": sorted(t.process.pid for t in self.tabs if t.process.pid)}
        return web.json_response(body)

    # -- the websocket: one app process ------------------------------------------------
    def _argv_env(self, kind: str, request: web.Request) -> tuple[list[str], dict[str, str]]:
        env = {"COLLECTSIM_DB": self.config.db_url}
        lang = request.match_info.get("lang")
        if lang in LANGS:
            env["COLLECTSIM_WEB_LANG"] = lang
        if kind == "practice":
            env["COLLECTSIM_WEB_USER"] = self.identity.user(request) or ""
            return list(self.config.practice_argv), env
        if kind == "gradebook":
            return list(self.config.gradebook_argv), env
        assert self.config.sit_argv is not None
        return list(self.config.sit_argv), env

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        kind = request.match_info["kind"]
        if kind not in ("practice", "sit", "gradebook"):
            raise web.HTTPNotFound()
        if not _same_origin(request):
            raise web.HTTPForbidden(text="cross-site websocket refused")
        if not self._allowed(kind, request):
            raise web.HTTPForbidden(text="sign in first")
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        if self.full:  # filled up since the page loaded: say so in the terminal
            await socket.send_bytes(b"\r\n  collectsim: all places are in use; "
                                    b"try again in a minute.\r\n")
            await socket.close()
            return socket
        argv, env = self._argv_env(kind, request)
        if kind == "practice":
            await self._close_other_tabs(env["COLLECTSIM_WEB_USER"])
        process = AppProcess(argv, env, write_bytes=socket.send_bytes,
                             write_str=socket.send_str, close=socket.close)
        tab = Tab(kind, env.get("COLLECTSIM_WEB_USER"), process, socket)
        self.tabs.add(tab)
        try:
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            await process.start(width, height)
            await _relay(socket, process)
        except Exception:
            log.exception("tab ended with an error")
        finally:
            self.tabs.discard(tab)
            await process.stop()
            if not socket.closed:
                await socket.close()
        return socket

    async def _close_other_tabs(self, user: str) -> None:
        """The newest practice tab of a user wins: an older one is closed, and its app ended,
        before the new one resumes the call (two apps would play the same turns)."""
        older = [t for t in self.tabs if t.kind == "practice" and t.user == user]
        await asyncio.gather(*(t.socket.close(message=b"opened elsewhere") for t in older),
                             *(t.process.stop() for t in older), return_exceptions=True)

    # -- keeping it up -----------------------------------------------------------------
    async def _start_reaper(self, app: web.Application) -> None:
        self._reaper = asyncio.create_task(self._reap())

    async def _reap(self) -> None:
        """End tabs nobody typed in for `idle_timeout` (their calls are saved turn by turn)."""
        while True:
            await asyncio.sleep(min(5.0, max(0.5, self.config.idle_timeout / 4)))
            now = time.monotonic()
            for tab in list(self.tabs):
                if now - tab.process.last_input > self.config.idle_timeout:
                    log.info("idle tab closed (%s)", tab.kind)
                    await tab.socket.close(message=b"idle")

    async def _shutdown(self, app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        tabs = list(self.tabs)
        await asyncio.gather(*(t.process.stop() for t in tabs), return_exceptions=True)
        await asyncio.gather(*(t.socket.close(message=b"server stopping") for t in tabs),
                             return_exceptions=True)


async def _relay(socket: web.WebSocketResponse, process: AppProcess) -> None:
    """The browser's messages to the app (textual-serve's protocol) until the tab closes."""
    async for message in socket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
            kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
        except (ValueError, IndexError, TypeError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await process.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await process.set_terminal_size(_int(data.get("width"), 80), _int(data.get("height"), 24))
        elif kind == "ping":
            await socket.send_json(["pong", data])
        elif kind == "blur":
            await process.blur()
        elif kind == "focus":
            await process.focus()


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by a page of this site (browsers always send Origin)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser: the cookie check still applies
    return urlsplit(origin).netloc == request.host


def _int(value, default: int) -> int:
    try:
        return max(1, min(1000, int(value)))
    except (TypeError, ValueError):
        return default
