"""The background worker: runs due outbox jobs and expires stale holds."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fxorleans.booking import holds, outbox, registry

log = logging.getLogger(__name__)


def tick() -> int:
    """One pass: returns how many jobs ran plus how many holds expired."""
    ran = outbox.run_due(registry.HANDLERS)
    # Expiry marks bookings Expired for people to see; the slot itself is free already.
    return ran + holds.expire_holds()


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
        except Exception:  # noqa: BLE001 - the loop must survive a bad pass; it is logged
            log.exception("worker pass failed")
            ran = 0
        if not ran:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_wake.wait(), interval)
            _wake.clear()
