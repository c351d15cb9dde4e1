"""Non-UI HTTP routes: health, metrics, the Stripe webhook and (embedded default) the sandbox."""

from __future__ import annotations

import hmac
import math
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from fxorleans import config
from fxorleans.http_headers import security_headers
from fxorleans.http_limits import BodyLimit
from fxorleans.services.payments import SANDBOX_PATH
from fxorleans.store import db
from fxorleans.store.tables import BookingView, OutboxJob

__all__ = ["create_api", "sandbox_app", "security_headers"]

WEBHOOK_PATH = "/api/stripe/webhook"


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
    """A matching bearer token when METRICS_TOKEN is set. Without one, development lets
    loopback callers in; production never does (behind a proxy on the same host every caller
    looks local)."""
    settings = config.get()
    if settings.metrics_token:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), settings.metrics_token.encode())
    if settings.production:
        return False
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


MAX_CLOCK_STEP = timedelta(days=14)


def clock_step(body: object) -> tuple[timedelta | None, str]:
    """The step a test-clock request asks for, or None and why it is refused."""
    try:
        seconds = float(body["advance_seconds"] if isinstance(body, dict) else "")
    except (ValueError, KeyError, TypeError):
        return None, 'send {"advance_seconds": N}'
    if not math.isfinite(seconds) or seconds < 0:
        return None, "the test clock only moves forward: advance_seconds must be 0 or more"
    step = timedelta(seconds=seconds)
    if step > MAX_CLOCK_STEP:
        return None, (f"advance_seconds may be at most {int(MAX_CLOCK_STEP.total_seconds())}"
                      " (14 days) per call")
    return step, ""


async def test_clock(request: Request) -> Response:
    """Development with FXO_TEST_CLOCK=1 only: browser tests move the app's one clock."""
    from fxorleans import clock

    try:
        body = await request.json()
    except ValueError:
        body = None
    step, refusal = clock_step(body)
    if step is None:
        return JSONResponse({"error": refusal}, status_code=400)
    clock.advance(step)
    return JSONResponse({"now": clock.now().isoformat()})


def sandbox_app() -> Starlette | None:
    """The in-app Stripe sandbox: development without a Stripe key only, never in production."""
    settings = config.get()
    if settings.production or not settings.uses_sandbox:
        return None
    from fxorleans import bootstrap
    from fxorleans.sandbox.server import create_app

    keys = bootstrap.sandbox_keys()
    return create_app(db.normalize_url(settings.database_url),
                      webhook_url=f"{settings.server_url}{WEBHOOK_PATH}",
                      webhook_secret=keys.webhook_secret,
                      deliver_in_background=False,
                      api_keys=frozenset({keys.secret, keys.publishable}))


def create_api(sandbox: Starlette | None = None) -> Starlette:
    settings = config.get()
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route(WEBHOOK_PATH, stripe_webhook, methods=["POST"]),
    ]
    if sandbox is not None and not settings.production:
        routes.append(Mount(SANDBOX_PATH, app=sandbox))
    if settings.test_clock and not settings.production:
        routes.append(Route("/api/test/clock", test_clock, methods=["POST"]))
    # The sandbox caps its own bodies (it also runs on its own); the webhook is capped here.
    return Starlette(routes=routes,
                     middleware=[Middleware(BodyLimit, prefixes=(WEBHOOK_PATH,))])
