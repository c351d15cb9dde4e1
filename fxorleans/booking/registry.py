"""Which handler runs each kind of outbox job. The kinds and their keys are in
`fxorleans.domain.jobs`; the worker reads this table, nothing registers itself on import."""

from __future__ import annotations

from collections.abc import Mapping

from fxorleans.booking import closing, notices, schedule, settlement
from fxorleans.booking.outbox import Handler
from fxorleans.booking.payment import jobs as payment_jobs
from fxorleans.domain import jobs

HANDLERS: Mapping[str, Handler] = {
    jobs.SCHEDULE: schedule.schedule,
    jobs.RELEASE: payment_jobs.release,
    jobs.REAUTHORIZE: payment_jobs.reauthorize,
    jobs.ALERT: notices.alert_admins,
    jobs.CAPTURE: settlement.capture,
    jobs.SETTLE: settlement.settle,
    jobs.CANCEL_MEETING: closing.cancel_meeting,
    jobs.NOTIFY_CANCELLED: closing.notify_cancelled,
    jobs.DEADLINE: settlement.deadline,
    jobs.REFUND: settlement.refund,
    jobs.UNCOVERED: settlement.uncovered,
}

if set(HANDLERS) != jobs.KINDS:  # a kind without a handler would fail only in production
    raise RuntimeError(f"outbox kinds without a handler: {sorted(jobs.KINDS - set(HANDLERS))}")
