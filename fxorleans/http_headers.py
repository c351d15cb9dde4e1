"""What browsers are told about us: the origins we answer, the CSP, HSTS, the other headers.

Every header value is a pure function of the settings (and, for the origins, of the machine's
name), so the same policy reaches pages, API routes and the sandbox, and tests read it directly.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fxorleans import config
from fxorleans.services.payments import SANDBOX_PATH, STRIPE_JS_URL

STRIPE_API_ORIGIN = "https://api.stripe.com"
STRIPE_JS_SUBDOMAINS = "https://*.js.stripe.com"
STRIPE_HOOKS_ORIGIN = "https://hooks.stripe.com"
HSTS = "max-age=31536000; includeSubDomains"

OTHER_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of `url`, the form browsers send in `Origin`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(settings: config.Settings, hostname: str) -> list[str]:
    """The origins the app answers (CORS and the event websocket).

    Production: PUBLIC_URL only. Development: also the loopback names and this machine's own
    name on PUBLIC_URL's port, so the app works however a developer opens it.
    """
    public = origin_of(settings.public_url)
    if settings.production:
        return [public]
    parts = urlsplit(settings.public_url)
    port = f":{parts.port}" if parts.port else ""
    names = ["localhost", "127.0.0.1", hostname.lower()]
    extra = [f"{parts.scheme}://{name}{port}" for name in names if name]
    return list(dict.fromkeys([public, *extra]))


@dataclass(frozen=True)
class PaymentOrigins:
    """Where the browser's payment code comes from, talks to and frames."""

    script: tuple[str, ...]
    connect: tuple[str, ...]
    frame: tuple[str, ...]


def payment_origins(settings: config.Settings) -> PaymentOrigins:
    if settings.uses_sandbox:
        # The sandbox's Stripe.js is served from PUBLIC_URL (or a sandbox elsewhere) and calls
        # the API beside it; it draws its form in the page itself, no frames.
        base = origin_of(settings.sandbox_api_base or f"{settings.public_url}{SANDBOX_PATH}")
        return PaymentOrigins(script=(base,), connect=(base,), frame=())
    js = origin_of(settings.stripe_js_url or STRIPE_JS_URL)
    api = origin_of(settings.stripe_api_base) if settings.stripe_api_base else STRIPE_API_ORIGIN
    if js != origin_of(STRIPE_JS_URL):  # a stand-in elsewhere: only its own origin
        return PaymentOrigins(script=(js,), connect=(api,), frame=(js,))
    # Stripe's own CSP guide adds its js subdomains; 3-D Secure frames come from hooks.
    return PaymentOrigins(script=(js, STRIPE_JS_SUBDOMAINS), connect=(api,),
                          frame=(js, STRIPE_JS_SUBDOMAINS, STRIPE_HOOKS_ORIGIN))


def _websocket_origin(origin: str) -> str:
    return origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)


def content_security_policy(settings: config.Settings, hostname: str = "") -> str:
    """The Content-Security-Policy of every response.

    Reflex's prerendered pages carry inline scripts and `rx.call_script` evaluates strings, hence
    'unsafe-inline' and 'unsafe-eval' for scripts; Radix and emotion write inline styles. The
    event websocket goes to the page's own origin, one of `allowed_origins`.
    """
    pay = payment_origins(settings)
    origins = allowed_origins(settings, hostname)
    sockets = [_websocket_origin(o) for o in origins]

    def sources(*items: str) -> str:
        return " ".join(dict.fromkeys(items))

    directives = {
        "default-src": "'self'",
        "script-src": sources("'self'", "'unsafe-inline'", "'unsafe-eval'", *pay.script),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": sources("'self'", *sockets, *pay.connect),
        "frame-src": sources("'self'", *pay.frame),
        "object-src": "'none'",
        "frame-ancestors": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def response_headers(settings: config.Settings, hostname: str = "") -> list[tuple[str, str]]:
    """Every header our responses carry; HSTS only when PUBLIC_URL is https."""
    headers = [("content-security-policy", content_security_policy(settings, hostname)),
               *OTHER_HEADERS]
    if urlsplit(settings.public_url).scheme == "https":
        headers.append(("strict-transport-security", HSTS))
    return headers


@lru_cache(maxsize=4)
def _encoded(settings: config.Settings, hostname: str) -> tuple[tuple[bytes, bytes], ...]:
    return tuple((k.encode(), v.encode()) for k, v in response_headers(settings, hostname))


def security_headers(app: ASGIApp) -> ASGIApp:
    """Adds `response_headers` to every HTTP response (pages, static files, API, sandbox)."""
    hostname = socket.gethostname()

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        ours = _encoded(config.get(), hostname)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in ours if k not in present]
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped
