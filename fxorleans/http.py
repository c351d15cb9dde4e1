"""Non-UI HTTP routes: health and metrics (the Stripe webhook joins them later)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

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


def routes() -> list[Route]:
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]


def create_api() -> Starlette:
    return Starlette(routes=routes())
