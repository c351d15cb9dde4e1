"""Non-UI HTTP routes: health, metrics, the Stripe webhook and (embedded default) the sandbox."""

from __future__ import annotations

import hmac

import sqlalchemy as sa
from sqlmodel import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fxorleans import config
from fxorleans.store import db
from fxorleans.store.tables import BookingView, OutboxJob


async def healthz(_request: Request) -> Response:
    if db.ping():
        return JSONResponse({"status": "ok", "database": "reachable"})
    return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)


def _metrics_text() -> str:
    lines = [
        "# HELP fxo_bookings Bookings by status.",
        "# TYPE fxo_bookings gauge",
    ]
    with db.reading() as session:
        for status, n in session.exec(
            select(BookingView.status, sa.func.count()).group_by(BookingView.status)
        ).all():
            lines.append(f'fxo_bookings{{status="{status}"}} {n}')
        lines += ["# HELP fxo_outbox_jobs Outbox jobs by status.", "# TYPE fxo_outbox_jobs gauge"]
        for status, n in session.exec(
            select(OutboxJob.status, sa.func.count()).group_by(OutboxJob.status)
        ).all():
            lines.append(f'fxo_outbox_jobs{{status="{status}"}} {n}')
    return "\n".join(lines) + "\n"


def _may_read_metrics(request: Request) -> bool:
    """With METRICS_TOKEN, a matching bearer token; without it, loopback callers only."""
    token = config.get().metrics_token
    if token:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    host = request.client.host if request.client else ""
    return host in ("127.0.0.1", "::1", "localhost")


async def metrics(request: Request) -> Response:
    if not _may_read_metrics(request):
        return PlainTextResponse("forbidden\n", status_code=403)
    try:
        return PlainTextResponse(_metrics_text(), media_type="text/plain; version=0.0.4")
    except sa.exc.SQLAlchemyError:
        return PlainTextResponse("# database unreachable\n", status_code=503)


async def stripe_webhook(request: Request) -> Response:
    from fxorleans.booking import webhooks

    status, text = await webhooks.receive(await request.body(),
                                          request.headers.get("stripe-signature", ""))
    return PlainTextResponse(text, status_code=status)


async def test_clock(request: Request) -> Response:
    """FXO_TEST_CLOCK=1 only: browser tests move the one clock of the running app."""
    from datetime import timedelta

    from fxorleans import clock

    try:
        seconds = float((await request.json())["advance_seconds"])
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "send {\"advance_seconds\": N}"}, status_code=400)
    clock.advance(timedelta(seconds=seconds))
    return JSONResponse({"now": clock.now().isoformat()})


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def security_headers(app: ASGIApp) -> ASGIApp:
    """Headers every response carries (pages, API and sandbox alike)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


def sandbox_app() -> Starlette | None:
    """The in-app Stripe sandbox, only when no Stripe key is configured."""
    settings = config.get()
    if not settings.uses_sandbox:
        return None
    from fxorleans.sandbox.server import create_app
    from fxorleans.services.payments import sandbox_settings

    _base, _pk, secret = sandbox_settings()
    return create_app(db.normalize_url(settings.database_url),
                      webhook_url=f"{settings.server_url}/api/stripe/webhook",
                      webhook_secret=secret,
                      deliver_in_background=False)


def create_api(sandbox: Starlette | None = None) -> Starlette:
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/api/stripe/webhook", stripe_webhook, methods=["POST"]),
    ]
    if sandbox is not None:
        routes.append(Mount("/sandbox/stripe", app=sandbox))
    if config.get().test_clock:
        routes.append(Route("/api/test/clock", test_clock, methods=["POST"]))
    return Starlette(routes=routes)
