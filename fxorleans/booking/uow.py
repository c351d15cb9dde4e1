"""Run a decision against one booking stream: load, decide, append, project, enqueue."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from fxorleans.booking import outbox, projections
from fxorleans.domain import booking as bk
from fxorleans.domain.decision import Decision
from fxorleans.store import db, eventstore


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: str  # client | partner | admin | system

    @classmethod
    def system(cls) -> Actor:
        return cls("system", "system")


@dataclass(frozen=True)
class Outcome:
    booking: bk.Booking | None  # None only when the decider refused a missing booking
    decision: Decision

    @property
    def refusal(self) -> str | None:
        return self.decision.refusal


def load(booking_id: str) -> bk.Booking | None:
    """The booking folded from its stream, or None if it has none."""
    with db.reading() as session:
        stored = eventstore.read_stream(session, projections.booking_stream(booking_id))
    return bk.fold([s.event for s in stored]) if stored else None


# The decider gets the folded booking (None before its first event) and the open session,
# to read the facts it needs in the same transaction; it returns what happens.
Decide = Callable[[bk.Booking | None, Session], Decision]


def run(
    booking_id: str,
    decide: Decide,
    actor: Actor,
    *,
    correlation_id: str | None = None,
    retries: int = 3,
    after: Callable[[Session, bk.Booking], None] | None = None,
) -> Outcome:
    """Fold the stream, ask `decide` what happens, and commit it atomically.

    Illegal events raise the state machine's BookingError before anything is written; a
    refusal commits the decision's jobs (if any) and comes back in the outcome. A
    concurrent writer makes us reload and decide again, up to `retries` times.
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
                state = bk.fold([s.event for s in stored]) if stored else None
                decision = decide(state, session)
                new_state = state
                for e in decision.events:
                    new_state = bk.apply(new_state, e)
                if new_state is None:
                    if decision.refusal is None:
                        raise bk.NotRequested(f"no booking {booking_id}")
                    return Outcome(None, decision)
                if decision.events:
                    appended = eventstore.append(session, stream, len(stored),
                                                 list(decision.events), meta)
                    first_at: datetime = stored[0].recorded_at if stored else \
                        appended[0].recorded_at
                    projections.project_booking(session, new_state, created_at=first_at,
                                                updated_at=appended[-1].recorded_at)
                for job in decision.jobs:
                    outbox.enqueue(session, job)
                if after is not None and decision.events:
                    after(session, new_state)
                return Outcome(new_state, decision)
        except eventstore.ConcurrencyError:
            if attempt == retries:
                raise
    raise AssertionError("unreachable")
