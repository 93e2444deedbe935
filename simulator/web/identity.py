"""Who is who on the web: a signed cookie, or a header set by a trusted proxy.

A practice user is a name they type (or the single sign-on user a reverse proxy puts in a
header, when the site turns that on); an assessor is whoever gave the assessor key. The
cookie is signed with the server's secret (itsdangerous), so a page cannot claim another
name or role without that secret; servers behind one load balancer share it.
"""

from __future__ import annotations

import unicodedata

from aiohttp import web
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "collectsim"
MAX_AGE = 12 * 3600  # a training day
MAX_NAME = 60


def clean_name(raw: str | None) -> str | None:
    """A display name as typed, or None if it is empty, too long or has control characters."""
    name = " ".join((raw or "").split())
    if not name or len(name) > MAX_NAME:
        return None
    if any(unicodedata.category(c).startswith("C") for c in name):
        return None
    return name


class Identity:
    def __init__(self, secret: str, user_header: str | None = None) -> None:
        self.signer = URLSafeTimedSerializer(secret, salt="collectsim-web")
        self.user_header = user_header

    def _claims(self, request: web.Request) -> dict:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self.signer.loads(raw, max_age=MAX_AGE)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def user(self, request: web.Request) -> str | None:
        """The practice user: the trusted header when configured (and then only it)."""
        if self.user_header:
            return clean_name(request.headers.get(self.user_header))
        return clean_name(self._claims(request).get("user"))

    def is_assessor(self, request: web.Request) -> bool:
        return self._claims(request).get("assessor") is True

    def remember(self, request: web.Request, response: web.StreamResponse, **claims) -> None:
        """Add `claims` to the request's signed cookie on `response`."""
        data = {**self._claims(request), **claims}
        secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
        response.set_cookie(COOKIE, self.signer.dumps(data), max_age=MAX_AGE, httponly=True,
                            samesite="Lax", secure=secure, path="/")

    @staticmethod
    def forget(response: web.StreamResponse) -> None:
        response.del_cookie(COOKIE, path="/")
