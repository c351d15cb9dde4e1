"""Reading and writing Stripe objects and events inside one request's transaction.

Every object is a JSON document; keys starting with `_` are the sandbox's private notes (the test
card behind a payment method, whether it was set up for off-session use) and never leave the
server. `Ctx` carries what one request needs: its connection, the time, and its request id.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from fxorleans.sandbox import db
from fxorleans.sandbox.errors import missing

API_VERSION = "2026-10-28"
_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str, n: int = 24) -> str:
    return prefix + "_" + "".join(secrets.choice(_ALPHABET) for _ in range(n))


@dataclass
class Ctx:
    conn: Connection
    now: datetime
    request_id: str = field(default_factory=lambda: new_id("req", 14))
    idempotency_key: str | None = None
    publishable: bool = False
    webhook_url: str | None = None
    root_url: str = ""  # where the sandbox is served, for next_action URLs

    @property
    def ts(self) -> int:
        return int(self.now.timestamp())


def public(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def insert(ctx: Ctx, obj: dict[str, Any], *, parent: str | None = None,
           expires_at: float | None = None) -> dict[str, Any]:
    last = ctx.conn.execute(select(func.max(db.objects.c.position))).scalar() or 0
    ctx.conn.execute(db.objects.insert().values(
        id=obj["id"], object=obj["object"], created=obj["created"], position=last + 1,
        parent=parent,
        expires_at=expires_at, data=json.dumps(obj),
    ))
    return obj


def save(ctx: Ctx, obj: dict[str, Any], **columns: Any) -> dict[str, Any]:
    ctx.conn.execute(
        update(db.objects).where(db.objects.c.id == obj["id"])
        .values(data=json.dumps(obj), **columns)
    )
    return obj


def find(ctx: Ctx, ident: str, kind: str) -> dict[str, Any] | None:
    row = ctx.conn.execute(
        select(db.objects.c.data).where(db.objects.c.id == ident, db.objects.c.object == kind)
    ).first()
    return json.loads(row.data) if row else None


def load(ctx: Ctx, ident: str, kind: str, *, label: str | None = None,
         param: str = "id") -> dict[str, Any]:
    obj = find(ctx, ident, kind)
    if obj is None:
        raise missing(label or kind, ident, param)
    return obj


def children(ctx: Ctx, kind: str, parent: str) -> list[dict[str, Any]]:
    rows = ctx.conn.execute(
        select(db.objects.c.data)
        .where(db.objects.c.object == kind, db.objects.c.parent == parent)
        .order_by(db.objects.c.position.desc())
    )
    return [json.loads(r.data) for r in rows]


def all_of(ctx: Ctx, kind: str) -> list[dict[str, Any]]:
    rows = ctx.conn.execute(
        select(db.objects.c.data).where(db.objects.c.object == kind)
        .order_by(db.objects.c.position.desc())
    )
    return [json.loads(r.data) for r in rows]


def emit(ctx: Ctx, type_: str, obj: dict[str, Any],
         previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """Record the event Stripe would send, and queue it for the webhook endpoint."""
    data: dict[str, Any] = {"object": public(obj)}
    if previous:
        data["previous_attributes"] = previous
    event = {
        "id": new_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": ctx.ts,
        "data": data,
        "livemode": False,
        "pending_webhooks": 1 if ctx.webhook_url else 0,
        "request": {"id": ctx.request_id, "idempotency_key": ctx.idempotency_key},
        "type": type_,
    }
    ctx.conn.execute(db.events.insert().values(
        id=event["id"], type=type_, created=event["created"], data=json.dumps(event)
    ))
    if ctx.webhook_url:
        ctx.conn.execute(db.deliveries.insert().values(
            event_id=event["id"], url=ctx.webhook_url, status="pending", attempts=0,
            next_attempt_at=ctx.now.timestamp(), locked_until=0.0,
        ))
    return event
