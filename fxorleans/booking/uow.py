"""Run a decision against one booking stream: load, decide, append, project, enqueue."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from fxorleans.booking import outbox, projections
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.store import db, eventstore


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: str  # client | partner | admin | system

    @classmethod
    def system(cls) -> Actor:
        return cls("system", "system")


@dataclass
class Decision:
    events: list[ev.Event]
    jobs: list[outbox.Job] = field(default_factory=list)


Decide = Callable[[bk.Booking | None, Session], Decision | Sequence[ev.Event]]


def run(
    booking_id: str,
    decide: Decide,
    actor: Actor,
    *,
    correlation_id: str | None = None,
    retries: int = 3,
    after: Callable[[Session, bk.Booking], None] | None = None,
) -> bk.Booking:
    """Fold the stream, ask `decide` for new events, and commit them atomically.

    Illegal events raise the state machine's BookingError before anything is written.
    A concurrent writer makes us reload and decide again, up to `retries` times.
    """
    stream = projections.booking_stream(booking_id)
    meta: dict[str, Any] = {
        "actor": actor.user_id, "role": actor.role,
        "correlation_id": correlation_id or uuid.uuid4().hex,
    }
    for attempt in range(retries + 1):
        try:
            with db.transaction() as session:
                stored = eventstore.read_stream(session, stream)
                state: bk.Booking | None = bk.fold([s.event for s in stored]) if stored else None
                decision = decide(state, session)
                if not isinstance(decision, Decision):
                    decision = Decision(list(decision))
                new_state = state
                for e in decision.events:
                    new_state = bk.apply(new_state, e)
                if not decision.events:
                    if state is None:
                        raise bk.NotRequested(f"no booking {booking_id}")
                    for job in decision.jobs:  # a side effect without a new fact
                        outbox.enqueue(session, job)
                    return state
                assert new_state is not None
                appended = eventstore.append(session, stream, len(stored), decision.events, meta)
                first_at: datetime = stored[0].recorded_at if stored else appended[0].recorded_at
                projections.project_booking(session, new_state, created_at=first_at,
                                            updated_at=appended[-1].recorded_at)
                for job in decision.jobs:
                    outbox.enqueue(session, job)
                if after is not None:
                    after(session, new_state)
                return new_state
        except eventstore.ConcurrencyError:
            if attempt == retries:
                raise
    raise AssertionError("unreachable")
