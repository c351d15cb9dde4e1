"""The background worker: runs due outbox jobs and expires stale holds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from fxorleans import clock
from fxorleans.booking import holds, outbox, registry
from fxorleans.services.payments import PaymentError

log = logging.getLogger(__name__)


def tick() -> int:
    """One pass: returns how many jobs ran plus how many holds expired."""
    ran = outbox.run_due(registry.HANDLERS)
    # Expiry marks bookings Expired for people to see; the slot itself is free already.
    return ran + holds.expire_holds()


_last_reconcile: datetime | None = None


def reconcile_if_due() -> None:
    """Every RECONCILE_EVERY, compare the provider's intents with our bookings. Not part of
    `tick`: it reads the provider, and a provider outage must not stop the jobs."""
    global _last_reconcile
    from fxorleans.booking import reconciliation

    now = clock.now()
    if _last_reconcile is not None and now - _last_reconcile < reconciliation.RECONCILE_EVERY:
        return
    _last_reconcile = now
    try:
        report = reconciliation.run(now)
    except PaymentError as exc:
        log.warning("reconciliation skipped: %s", exc.failure.outcome)
        return
    if report.orphans or report.flagged:
        log.warning("reconciliation: %s", report)


_wake: asyncio.Event | None = None
_loop: asyncio.AbstractEventLoop | None = None


def wake() -> None:
    """Run the worker now rather than at its next poll (jobs were just enqueued here)."""
    if _wake is not None and _loop is not None:
        _loop.call_soon_threadsafe(_wake.set)


async def run_forever(interval: float = 2.0) -> None:
    """The app's lifespan task: the worker runs inside the app (one per app worker)."""
    global _wake, _loop
    _wake, _loop = asyncio.Event(), asyncio.get_running_loop()
    while True:
        try:
            ran = await asyncio.to_thread(tick)
            await asyncio.to_thread(reconcile_if_due)
        except Exception:  # noqa: BLE001 - the loop must survive a bad pass; it is logged
            log.exception("worker pass failed")
            ran = 0
        if not ran:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_wake.wait(), interval)
            _wake.clear()
