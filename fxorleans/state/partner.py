"""A partner's profile and bookable slots; placing a hold."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime

import reflex as rx

from fxorleans import routes
from fxorleans.booking import directory, holds, matching
from fxorleans.domain.display import day_label, format_slot, slots_by_local_day
from fxorleans.domain.partners import PartnerProfile
from fxorleans.state.auth import Events
from fxorleans.state.matching import OwnerState


@dataclasses.dataclass(frozen=True)
class SlotChip:
    value: str  # ISO instant in UTC: what the server gets back
    label: str  # "14:00" in the viewer's zone


@dataclasses.dataclass(frozen=True)
class DayRow:
    label: str
    slots: list[SlotChip]


@dataclasses.dataclass(frozen=True)
class SkillChip:
    name: str
    detail: str


@dataclasses.dataclass(frozen=True)
class PartnerCard:
    partner_id: str = ""
    name: str = ""
    initials: str = ""
    title: str = ""
    bio: str = ""
    location: str = ""
    photo_url: str = ""
    industries: list[str] = dataclasses.field(default_factory=list)
    top_skills: list[SkillChip] = dataclasses.field(default_factory=list)
    more_skills: list[SkillChip] = dataclasses.field(default_factory=list)


def _card(p: PartnerProfile) -> PartnerCard:
    chips = [SkillChip(s.name, f"{s.level} · {s.years} years") for s in p.skills]
    return PartnerCard(partner_id=p.id, name=p.full_name, initials=p.initials, title=p.title,
                       bio=p.bio, location=p.location, photo_url=p.photo_url,
                       industries=list(p.industries), top_skills=chips[:5],
                       more_skills=chips[5:])


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(value: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return dt.astimezone(UTC) if dt.tzinfo else None


def _days(slots: list[datetime], tz: str) -> list[DayRow]:
    return [DayRow(day_label(day), [SlotChip(_iso(s), s.strftime("%H:%M")) for s in local])
            for day, local in slots_by_local_day(slots, tz)]


def _bookable(partner_id: str) -> tuple[PartnerProfile | None, list[datetime]]:
    """The partner if they take bookings, with the starts a client may hold now."""
    profile = directory.get_partner(partner_id) if partner_id else None
    if profile is None or not profile.active:
        return None, []
    return profile, holds.available_slots(profile)


class PartnerState(OwnerState):
    found: bool = False
    partner: PartnerCard = PartnerCard()
    days: list[DayRow] = []
    selected: str = ""
    price_label: str = ""
    match_request_id: str = ""  # the match this profile was reached from, if the viewer's
    request_problem: str = ""
    book_problem: str = ""
    book_error: str = ""
    holding: bool = False  # a hold is being placed

    @rx.var
    def selected_label(self) -> str:
        dt = _parse_iso(self.selected)
        return format_slot(dt, self.viewer_tz or "UTC") if dt else ""

    @rx.var
    def slot_count(self) -> int:
        return sum(len(d.slots) for d in self.days)

    def _show_slots(self, slots: list[datetime]) -> None:
        """The slots in the viewer's zone; a selection that is no longer offered is dropped."""
        self.days = _days(slots, self.viewer_tz or "UTC")
        offered = {c.value for d in self.days for c in d.slots}
        if self.selected not in offered:
            self.selected = ""

    async def _refresh_slots(self) -> None:
        """Read the free slots again (call outside `async with self`)."""
        async with self:
            partner_id = self.partner.partner_id
        _, slots = await asyncio.to_thread(_bookable, partner_id)
        async with self:
            if self.partner.partner_id == partner_id:  # still on the same profile
                self._show_slots(slots)

    @rx.event(background=True)
    async def browser_zone(self, tz: str) -> None:
        async with self:
            changed = self._accept_browser_zone(tz)
        if changed:
            await self._refresh_slots()

    @rx.event(background=True)
    async def choose_zone(self, tz: str) -> None:
        if await self._choose_zone(tz):
            await self._refresh_slots()

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        async with self:
            params = self.router.url.query_parameters
            partner_id, owners = self.partner_id, self._owners(user)
            request_id, slot = params.get("request", ""), params.get("slot", "")
        profile, slots = await asyncio.to_thread(_bookable, partner_id)
        result = await asyncio.to_thread(matching.load, request_id, owners) \
            if profile is not None and request_id else None
        async with self:
            self._copy(user)
            self.book_error, self.holding = "", False
            self.found = profile is not None
            self.partner = _card(profile) if profile is not None else PartnerCard()
            self.match_request_id = result.request_id if result else ""
            self.request_problem = result.problem if result else ""
            self.price_label = holds.price().format()
            script = self._init_viewer_zone(PartnerState.browser_zone)
            self.selected = slot
            self._show_slots(slots)
        if script is not None:
            yield script

    @rx.event
    def select(self, value: str) -> None:
        self.selected = value
        self.book_error = ""

    @rx.event
    def set_book_problem(self, value: str) -> None:
        self.book_problem = value[:5200]

    @rx.event
    def start_booking(self) -> None:
        self.holding = True

    @rx.event(background=True)
    async def book(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            selected, partner_id = self.selected, self.partner.partner_id
            request_id, tz = self.match_request_id, self.viewer_tz
            problem = self.request_problem or self.book_problem
            address = self.client_address
        start = _parse_iso(selected)
        refusal = ""
        if not selected:
            refusal = "Pick a time first."
        elif user is None:  # the time stays picked through signing up
            back = routes.partner(partner_id, slot=selected, request_id=request_id)
            async with self:
                self.holding = False
            yield rx.redirect(routes.register(back))
            return
        elif user.role != "client":
            refusal = "Bookings are made from a client account."
        elif start is None:
            refusal = "That time is not valid. Pick another one."
        if refusal or user is None or start is None:
            async with self:
                self.book_error, self.holding = refusal, False
            return
        try:
            hold = await asyncio.to_thread(
                holds.place_hold, client_id=user.id, partner_id=partner_id, start=start,
                problem=problem, client_timezone=tz or user.timezone, client_address=address,
                match_request_id=request_id or None)
        except holds.SlotUnavailable as exc:
            async with self:
                self.book_error, self.holding = str(exc), False
            await self._refresh_slots()
            return
        yield rx.redirect(routes.book(hold.booking_id))
