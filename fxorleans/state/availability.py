"""The partner's availability editor: the weekly hours (a draft until saved) and days off.

Typing edits a draft in the page's state only; saving, adding and removing a day off are
background handlers that ask the server who is calling, refuse anyone but a partner, and
let `booking.availability` (and through it the domain) decide. The partner edited is always
the caller's own (`UserDTO.partner_id`), never an id the browser sends.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date

import reflex as rx

from fxorleans.accounts.service import UserDTO
from fxorleans.booking import availability
from fxorleans.domain.availability_edits import DAY_NAMES
from fxorleans.domain.days_off import parse_day
from fxorleans.domain.display import day_label
from fxorleans.state.auth import AuthState, Events, allowed

NOT_A_PARTNER = "Only a partner can change working hours and days off."


@dataclasses.dataclass(frozen=True)
class HoursRow:
    start: str = ""
    end: str = ""


@dataclasses.dataclass(frozen=True)
class DayHours:
    key: str = ""
    name: str = ""
    ranges: list[HoursRow] = dataclasses.field(default_factory=list)
    error: str = ""


@dataclasses.dataclass(frozen=True)
class DayOffRow:
    iso: str = ""
    label: str = ""  # "Thu 24 Dec 2026"


def _partner_id(user: UserDTO | None) -> str:
    """The caller's own partner id, or "" for anyone who may not edit a partner's week."""
    return (user.partner_id or "") if allowed(user, "partner") else ""


def _draft(week: availability.Week) -> list[DayHours]:
    return [DayHours(key, name, [HoursRow(s, e) for s, e in week.hours.get(key, [])])
            for key, name in DAY_NAMES.items()]


def _label(day: date) -> str:
    return f"{day_label(day)} {day.year}"


def _days_off(week: availability.Week) -> list[DayOffRow]:
    return [DayOffRow(d.isoformat(), _label(d)) for d in week.days_off]


class AvailabilityState(AuthState):
    loaded: bool = False
    found: bool = False
    timezone: str = ""
    today: str = ""  # the partner's own date: the earliest day off the date input offers
    week: rx.Field[list[DayHours]] = rx.field(default_factory=list)
    days_off: rx.Field[list[DayOffRow]] = rx.field(default_factory=list)
    unsaved: bool = False
    hours_error: str = ""
    hours_notice: str = ""
    new_day_off: str = ""
    day_off_error: str = ""
    day_off_notice: str = ""
    busy: bool = False
    _removing: str = ""

    def _show(self, week: availability.Week | None, *, hours: bool = True) -> None:
        """The stored week; `hours=False` keeps the partner's unsaved draft of the hours."""
        self.loaded, self.found = True, week is not None
        if week is None:
            self.week, self.days_off, self.timezone = [], [], ""
            return
        self.timezone, self.today = week.timezone, week.today.isoformat()
        self.days_off = _days_off(week)
        if hours:
            self.week, self.unsaved = _draft(week), False

    async def _refused(self, user: UserDTO | None, message: str) -> Events:
        async with self:
            self._copy(user)
            self.busy = False
            self.hours_error = self.day_off_error = message
            yield self._deny()

    # --- loading --------------------------------------------------------------------------

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        partner_id = _partner_id(user)
        if not partner_id:
            async with self:
                self._copy(user)
                self._show(None)
                yield self._deny()
            return
        week = await asyncio.to_thread(availability.week_of, partner_id)
        async with self:
            self._copy(user)
            self._show(week)
            self.hours_error = self.hours_notice = ""
            self.day_off_error = self.day_off_notice = self.new_day_off = ""

    # --- the draft of the week (no I/O: the page's own copy until it is saved) ------------

    def _change(self, day: int, ranges: list[HoursRow]) -> None:
        if 0 <= day < len(self.week):
            week = list(self.week)
            week[day] = dataclasses.replace(week[day], ranges=ranges, error="")
            self.week, self.unsaved, self.hours_notice = week, True, ""

    def _ranges(self, day: int) -> list[HoursRow]:
        return list(self.week[day].ranges) if 0 <= day < len(self.week) else []

    @rx.event
    def set_start(self, day: int, index: int, value: str) -> None:
        ranges = self._ranges(day)
        if 0 <= index < len(ranges):
            ranges[index] = dataclasses.replace(ranges[index], start=value[:8])
            self._change(day, ranges)

    @rx.event
    def set_end(self, day: int, index: int, value: str) -> None:
        ranges = self._ranges(day)
        if 0 <= index < len(ranges):
            ranges[index] = dataclasses.replace(ranges[index], end=value[:8])
            self._change(day, ranges)

    @rx.event
    def add_range(self, day: int) -> None:
        ranges = self._ranges(day)
        # An empty day gets the usual office day; a further range is left for the partner.
        self._change(day, [*ranges, HoursRow("09:00", "17:00") if not ranges else HoursRow()])

    @rx.event
    def remove_range(self, day: int, index: int) -> None:
        ranges = self._ranges(day)
        if 0 <= index < len(ranges):
            del ranges[index]
            self._change(day, ranges)

    @rx.event
    def set_new_day_off(self, value: str) -> None:
        self.new_day_off, self.day_off_error = value[:10], ""

    # --- saving ---------------------------------------------------------------------------

    @rx.event(background=True)
    async def save_hours(self, form: dict | None = None) -> Events:
        user = await self._caller()
        partner_id = _partner_id(user)
        if not partner_id:
            async for event in self._refused(user, NOT_A_PARTNER):
                yield event
            return
        async with self:
            self._copy(user)
            self.busy, self.hours_error, self.hours_notice = True, "", ""
            hours = {d.key: [[r.start, r.end] for r in d.ranges] for d in self.week}
        outcome = await asyncio.to_thread(availability.save_hours, partner_id, hours)
        async with self:
            self.busy = False
            if outcome.refusal:
                self._show(outcome.week, hours=False)
                self.hours_error = outcome.refusal
                self.week = [dataclasses.replace(d, error=outcome.refusal)
                             if d.key == outcome.day else d for d in self.week]
            else:
                self._show(outcome.week)
                self.hours_notice = "Saved. Your profile offers these hours from now on."

    @rx.event(background=True)
    async def add_day_off(self, form: dict | None = None) -> Events:
        async with self:
            day = self.new_day_off
        async for event in self._day_off(day, adding=True):
            yield event

    @rx.event
    def pick_day_off(self, day: str) -> None:
        """The day the next `remove_day_off` removes (the page sends both, in this order)."""
        self._removing = day[:10]

    @rx.event(background=True)
    async def remove_day_off(self) -> Events:
        async with self:
            day = self._removing
        async for event in self._day_off(day, adding=False):
            yield event

    async def _day_off(self, day: str, *, adding: bool) -> Events:
        user = await self._caller()
        partner_id = _partner_id(user)
        if not partner_id:
            async for event in self._refused(user, NOT_A_PARTNER):
                yield event
            return
        async with self:
            self._copy(user)
            self.busy, self.day_off_error, self.day_off_notice = True, "", ""
        change = availability.add_day_off if adding else availability.remove_day_off
        outcome = await asyncio.to_thread(change, partner_id, day)
        async with self:
            self.busy = False
            self._show(outcome.week, hours=False)
            if outcome.refusal:
                self.day_off_error = outcome.refusal
            else:
                parsed = parse_day(day)
                label = _label(parsed) if parsed else day
                self.new_day_off = "" if adding else self.new_day_off
                self.day_off_notice = (f"{label} is a day off: no slots are offered that day."
                                       if adding else f"{label} is a working day again.")
