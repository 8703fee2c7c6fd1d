"""Who may use the server and how much: one ASGI middleware in front of the chat and the API.

- `--auth user:password` protects every route. The chat accepts its login cookie; any
  route also accepts HTTP Basic `user:password` or `Authorization: Bearer password`. Only
  what the login page itself needs (its page, scripts, styles, the login form) is open.
- `--api-key` keys (comma-separated) protect the API (`/v1/...`) as `Bearer KEY`.
- API requests are limited per client (requests per minute) and in body size; refusals are
  OpenAI-style error bodies (401, 413, 429).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import threading
import time
from collections import deque
from typing import Callable

from newsdesk.app.openai_shapes import error
from newsdesk.settings import Settings

API_PREFIX = "/v1"
# What the chat's login page needs before anyone has logged in.
LOGIN_PAGE = ("/", "/login", "/login/", "/favicon.ico", "/theme.css", "/robots.txt",
              "/manifest.json", "/gradio_api/theme.css", "/gradio_api/login_check",
              "/gradio_api/login_check/")
LOGIN_ASSETS = ("/assets/", "/static/", "/svelte/", "/pwa_icon")


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Credentials:
    """The keys and login this server accepts, checked in constant time."""

    def __init__(self, settings: Settings):
        self.keys = [k.strip() for k in (settings.api_key or "").split(",") if k.strip()]
        user, _, password = (settings.auth or "").partition(":")
        self.login = (user, password) if settings.auth else None

    def api_open(self) -> bool:
        return not self.keys and self.login is None

    def accepts(self, authorization: str, api: bool) -> bool:
        """Bearer KEY (API routes only), Bearer <login password>, Basic user:password."""
        scheme, _, value = authorization.strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer" and value:
            secrets = (self.keys if api else []) + ([self.login[1]] if self.login else [])
            return any([_equal(value, secret) for secret in secrets])
        if scheme.lower() == "basic" and self.login is not None:
            try:
                user, _, password = base64.b64decode(value, validate=True).decode(
                    "utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return False
            return _equal(user, self.login[0]) & _equal(password, self.login[1])
        return False


class RateLimiter:
    """At most `per_minute` requests per client in any 60 s window (0 = no limit)."""

    def __init__(self, per_minute: int, window: float = 60.0):
        self.per_minute, self.window = per_minute, window
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str, now: float | None = None) -> float:
        """0 when this request may go ahead (and counts it), else seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle clients
                self._seen = {c: q for c, q in self._seen.items() if q and q[-1] > now - self.window}
            times = self._seen.setdefault(client, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.per_minute:
                return max(0.1, times[0] + self.window - now)
            times.append(now)
            return 0.0


async def send_json(send, status: int, body: dict, headers: dict | None = None) -> None:
    raw = json.dumps(body).encode("utf-8")
    extra = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(raw)).encode()), *extra]})
    await send({"type": "http.response.body", "body": raw})


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


def _login_page(path: str) -> bool:
    return path in LOGIN_PAGE or path.startswith(LOGIN_ASSETS)


class Guard:
    """ASGI middleware: login and keys on every route, size and rate limits on the API.
    `logged_in(cookies header)` tells whether the chat's login cookie is valid."""

    def __init__(self, app, settings: Settings,
                 logged_in: Callable[[str], bool] = lambda cookies: False):
        self.app = app
        self.credentials = Credentials(settings)
        self.limiter = RateLimiter(settings.api_rate_limit)
        self.max_body = settings.api_max_body
        self.logged_in = logged_in

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            return await self._api(scope, receive, send)
        if self.credentials.login is None or _login_page(path) or self._allowed(scope, api=False):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        # No WWW-Authenticate: Basic here: a browser would answer the chat's own background
        # requests with its password dialog instead of showing the chat's login page.
        await send_json(send, 401, {"detail": "Not authenticated: log in first"})

    def _allowed(self, scope, api: bool) -> bool:
        authorization = _header(scope, b"authorization")
        if authorization and self.credentials.accepts(authorization, api):
            return True
        cookies = _header(scope, b"cookie")
        return bool(cookies) and self.credentials.login is not None and self.logged_in(cookies)

    async def _api(self, scope, receive, send):
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.limiter.retry_after(client)
        if wait:
            return await send_json(send, 429, error(
                f"Too many requests: at most {self.limiter.per_minute} a minute; retry in "
                f"{wait:.0f} s", "rate_limit_error", code="rate_limit_exceeded"),
                {"Retry-After": str(int(wait + 0.999))})
        if not self.credentials.api_open() and not self._allowed(scope, api=True):
            return await send_json(send, 401, error(
                "Missing or invalid API key: send 'Authorization: Bearer KEY'",
                "authentication_error", code="invalid_api_key"),
                {"WWW-Authenticate": 'Bearer realm="newsdesk"'})
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        await self._limited_body(scope, receive, send)

    async def _limited_body(self, scope, receive, send):
        """Read the body up to the limit (413 past it), then hand it on unchanged."""
        too_large = error(f"Request body too large: at most {self.max_body} bytes",
                          "invalid_request_error", code="request_too_large")
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_body:
            return await send_json(send, 413, too_large)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                return await send_json(send, 413, too_large)
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()  # waits for the client to go away
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
