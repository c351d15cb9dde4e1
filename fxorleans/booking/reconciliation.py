"""The periodic comparison of the provider's intents with our bookings.

Every intent of the last RECONCILE_WINDOW is read back: one whose booking exists is folded
into it as a webhook would be (`payment.apply_intent`: a lost event is caught up, an
authorization a cancelled or expired booking must not keep is released); one whose booking
does not exist is cancelled; captured money our books disagree with alerts the admins.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from fxorleans import bootstrap, clock
from fxorleans.booking import outbox, uow
from fxorleans.booking.payment import PaymentRefused, apply_intent
from fxorleans.booking.payment.reconcile import intent_of
from fxorleans.domain import reconciliation as rules
from fxorleans.domain.decision import Decision
from fxorleans.store import db

log = logging.getLogger(__name__)

RECONCILE_WINDOW = timedelta(days=8)  # longer than any authorization lives
RECONCILE_EVERY = timedelta(minutes=15)


@dataclass(frozen=True)
class Report:
    seen: int
    orphans: int
    flagged: int


def _enqueue(decision: Decision) -> None:
    with db.transaction() as session:
        for job in decision.jobs:
            outbox.enqueue(session, job)


def run(now: datetime | None = None) -> Report:
    now = now or clock.now()
    intents = asyncio.run(bootstrap.payments().recent(now - RECONCILE_WINDOW))
    orphans = flagged = 0
    for auth in intents:
        booking_id = auth.metadata.get("booking_id")
        if not booking_id:
            continue  # not one of ours
        b = uow.load(booking_id)
        intent = intent_of(auth)
        if b is None:
            decision = rules.orphan(intent)
            orphans += bool(decision.jobs)
            _enqueue(decision)
            continue
        try:
            apply_intent(booking_id, auth, uow.Actor.system())
        except PaymentRefused as exc:
            log.info("reconcile %s: %s", auth.intent_id, exc)
        decision = rules.disagreement(b, intent, auth.amount_received)
        flagged += bool(decision.jobs)
        _enqueue(decision)
    return Report(len(intents), orphans, flagged)
