"""What a decider returns: the new facts, the side effects, and why it refused, if it did."""

from __future__ import annotations

from dataclasses import dataclass

from fxorleans.domain.events import Event
from fxorleans.domain.jobs import Job


@dataclass(frozen=True)
class Decision:
    events: tuple[Event, ...] = ()
    jobs: tuple[Job, ...] = ()
    # Set when the decider said no. A refusal may still carry jobs (an authorization that
    # arrived too late is released): they are committed, and the caller shows the reason.
    refusal: str | None = None


NOTHING = Decision()


def refuse(reason: str, *jobs: Job) -> Decision:
    return Decision((), tuple(jobs), reason)


def accept(*events: Event, jobs: tuple[Job, ...] = ()) -> Decision:
    return Decision(tuple(events), jobs)
