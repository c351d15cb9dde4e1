"""Meeting decisions: when a booking needs its calendar event, and recording it."""

from __future__ import annotations

from datetime import datetime

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.decision import NOTHING, Decision, accept


def needs_meeting(b: bk.Booking | None) -> bool:
    """Authorized and not yet scheduled (a cancelled booking gets no meeting)."""
    return b is not None and b.status == bk.Status.CONFIRMED and not b.meeting_url


def scheduled(b: bk.Booking | None, event_id: str, meeting_url: str, now: datetime
              ) -> Decision:
    if not needs_meeting(b) or not meeting_url:
        return NOTHING  # cancelled meanwhile, or already scheduled
    return accept(ev.ConsultationScheduled(calendar_event_id=event_id, meeting_url=meeting_url,
                                           scheduled_at=now),
                  ev.ConsultationConfirmed(confirmed_at=now))
