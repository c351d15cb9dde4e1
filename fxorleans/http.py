"""Non-UI HTTP routes: health, metrics, the Stripe webhook and (embedded default) the sandbox."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route

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


async def metrics(_request: Request) -> Response:
    try:
        return PlainTextResponse(_metrics_text(), media_type="text/plain; version=0.0.4")
    except sa.exc.SQLAlchemyError:
        return PlainTextResponse("# database unreachable\n", status_code=503)


async def stripe_webhook(request: Request) -> Response:
    from fxorleans.booking import webhooks

    status, text = await webhooks.receive(await request.body(),
                                          request.headers.get("stripe-signature", ""))
    return PlainTextResponse(text, status_code=status)


def sandbox_app() -> Starlette | None:
    """The in-app Stripe sandbox, only when no Stripe key is configured."""
    settings = config.get()
    if not settings.uses_sandbox:
        return None
    from fxorleans.sandbox.server import create_app
    from fxorleans.services.payments import sandbox_settings

    _base, _pk, secret = sandbox_settings()
    webhook_url = settings.public_url.replace("://localhost", "://127.0.0.1", 1)
    return create_app(db.normalize_url(settings.database_url),
                      webhook_url=f"{webhook_url}/api/stripe/webhook", webhook_secret=secret,
                      deliver_in_background=False)


def create_api(sandbox: Starlette | None = None) -> Starlette:
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/api/stripe/webhook", stripe_webhook, methods=["POST"]),
    ]
    if sandbox is not None:
        routes.append(Mount("/sandbox/stripe", app=sandbox))
    return Starlette(routes=routes)
