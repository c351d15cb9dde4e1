"""Webhook delivery from the durable queue: signed like Stripe, retried with backoff.

A delivery is claimed (locked for a while) in one transaction, POSTed outside any transaction,
and its result recorded in another, so several processes can share the queue.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from fxorleans import clock
from fxorleans.sandbox import db

# Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is given up
# (Stripe keeps retrying for up to three days).
BACKOFF = [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10),
           timedelta(hours=1), timedelta(hours=3), timedelta(hours=6), timedelta(hours=12),
           timedelta(hours=24), timedelta(hours=24)]
CLAIM = timedelta(seconds=60)
TIMEOUT = 10.0


def sign(payload: str, secret: str, timestamp: int) -> str:
    """The `Stripe-Signature` header value for `payload`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _claim(engine: Engine, limit: int) -> list[tuple[int, str, str, int]]:
    now = clock.now().timestamp()
    with db.write_transaction(engine) as conn:
        rows = conn.execute(
            select(db.deliveries.c.id, db.deliveries.c.url, db.deliveries.c.attempts,
                   db.events.c.data)
            .join(db.events, db.events.c.id == db.deliveries.c.event_id)
            .where(db.deliveries.c.status == "pending",
                   db.deliveries.c.next_attempt_at <= now,
                   db.deliveries.c.locked_until <= now)
            .order_by(db.deliveries.c.id).limit(limit)
        ).all()
        for row in rows:
            conn.execute(update(db.deliveries).where(db.deliveries.c.id == row.id)
                         .values(locked_until=now + CLAIM.total_seconds()))
    return [(r.id, r.url, r.data, r.attempts) for r in rows]


def deliver_due(engine: Engine, secret: str | None, *, limit: int = 100) -> int:
    """POST every due event; returns how many were delivered (2xx)."""
    delivered = 0
    claimed = _claim(engine, limit)
    with httpx.Client(timeout=TIMEOUT) as http:
        for delivery_id, url, data, attempts in claimed:
            event = json.loads(data)
            event["pending_webhooks"] = 1
            payload = json.dumps(event, indent=2)
            headers = {"Content-Type": "application/json; charset=utf-8",
                       "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}
            if secret:
                # Signed at the wall-clock time, as Stripe does: the receiver checks the age
                # on its wall clock, whatever the test clock says.
                headers["Stripe-Signature"] = sign(payload, secret, int(time.time()))
            try:
                resp = http.post(url, content=payload.encode(), headers=headers)
                ok, note = 200 <= resp.status_code < 300, f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                ok, note = False, f"{type(exc).__name__}: {exc}"
            delivered += ok
            _record(engine, delivery_id, attempts + 1, ok, note)
    return delivered


def _record(engine: Engine, delivery_id: int, attempts: int, ok: bool, note: str) -> None:
    now = clock.now()
    values: dict[str, object]
    if ok:
        values = {"status": "delivered"}
    elif attempts > len(BACKOFF):
        values = {"status": "failed"}
    else:
        values = {"next_attempt_at": (now + BACKOFF[attempts - 1]).timestamp()}
    with db.write_transaction(engine) as conn:
        conn.execute(update(db.deliveries).where(db.deliveries.c.id == delivery_id).values(
            attempts=attempts, last_response=note[:500], locked_until=0.0, **values))
