"""One running sandbox: its engine and webhook settings, plus the background work it does
(expiring authorizations, delivering webhooks) that tests can also drive by hand."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from fxorleans import clock, config
from fxorleans.sandbox import db, intents, webhooks
from fxorleans.sandbox.store import Ctx

log = logging.getLogger("fxorleans.sandbox")


class LiveKeyRefused(RuntimeError):
    """The Stripe sandbox must never run beside a live Stripe key."""


def refuse_live_key() -> None:
    if config.get().live_stripe:
        raise LiveKeyRefused("STRIPE_SECRET_KEY is a live key (sk_live_… or rk_live_…): the "
                             "Stripe sandbox refuses to start. Unset it or use a test key.")


@dataclass
class Sandbox:
    engine: Engine
    webhook_url: str | None = None
    webhook_secret: str | None = None
    api_keys: frozenset[str] | None = None  # None: any test key


def _sandbox(target: Any) -> Sandbox:
    if isinstance(target, Sandbox):
        return target
    state = getattr(target, "state", None)
    if state is not None and hasattr(state, "sandbox"):
        return state.sandbox
    if isinstance(target, Engine):
        return Sandbox(target)
    raise TypeError(f"not a sandbox, app or engine: {target!r}")


def expire_due(target: Any) -> int:
    """Expire every authorization past its capture deadline (by `fxorleans.clock`)."""
    box = _sandbox(target)
    with db.write_transaction(box.engine) as conn:
        return intents.expire_due(Ctx(conn, clock.now(), webhook_url=box.webhook_url))


def deliver_due(target: Any) -> int:
    """Expire what is due, then POST due webhook deliveries; returns how many succeeded.

    `target` is the app from `create_app`, a `Sandbox`, or an engine (then unsigned).
    """
    box = _sandbox(target)
    expire_due(box)
    return webhooks.deliver_due(box.engine, box.webhook_secret)


async def delivery_loop(target: Any, interval: float = 0.5) -> None:
    """Run forever: the background task a server (or a host app's lifespan) starts."""
    box = _sandbox(target)
    while True:
        try:
            await run_in_threadpool(deliver_due, box)
        except Exception:  # keep the loop alive; the queue keeps the work
            log.exception("sandbox delivery loop")
        await asyncio.sleep(interval)
