"""A partner's own week: read it, change the working hours, add and remove days off.

Each use case loads the stored profile, lets `domain.availability_edits` decide, and stores
the result in the same transaction (`directory.edit_partner`). Slots are computed from the
stored profile on every read, so a change shows on the profile page and in booking at once;
holds and bookings already made are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from fxorleans import clock
from fxorleans.booking import directory
from fxorleans.domain import availability_edits as edits
from fxorleans.domain import days_off
from fxorleans.domain.partners import PartnerProfile


@dataclass(frozen=True)
class Week:
    """What the editor shows: the hours per day (mon..sun) and the days off still ahead."""

    partner_id: str
    timezone: str
    hours: dict[str, list[tuple[str, str]]]
    days_off: tuple[date, ...]
    today: date  # on the partner's own clock: the first day that can be taken off


@dataclass(frozen=True)
class Outcome:
    week: Week | None  # None when there is no such partner
    refusal: str = ""
    day: str = ""


def _week(profile: PartnerProfile, now: datetime) -> Week:
    today = edits.local_today(profile, now)
    return Week(profile.id, profile.timezone, profile.hours_by_day(),
                days_off.upcoming(profile.days_off, today), today)


def week_of(partner_id: str, now: datetime | None = None) -> Week | None:
    profile = directory.get_partner(partner_id) if partner_id else None
    return _week(profile, now or clock.now()) if profile else None


def _edit(partner_id: str, now: datetime | None,
          decide: Callable[[PartnerProfile, datetime], edits.Edit]) -> Outcome:
    at = now or clock.now()
    if not partner_id:
        return Outcome(None)
    try:
        edit = directory.edit_partner(partner_id, lambda profile: decide(profile, at))
    except LookupError:
        return Outcome(None)
    if edit.profile is None:
        return Outcome(week_of(partner_id, at), edit.refusal, edit.day)
    return Outcome(_week(edit.profile, at))


def save_hours(partner_id: str, hours: edits.EditorHours, now: datetime | None = None
               ) -> Outcome:
    """The partner's new week (ranges in their zone, per day key); days left out are off."""
    return _edit(partner_id, now, lambda p, at: edits.set_hours(p, hours, at))


def add_day_off(partner_id: str, day: str, now: datetime | None = None) -> Outcome:
    return _edit(partner_id, now, lambda p, at: edits.add_day_off(p, day, at))


def remove_day_off(partner_id: str, day: str, now: datetime | None = None) -> Outcome:
    return _edit(partner_id, now, lambda p, at: edits.remove_day_off(p, day, at))
