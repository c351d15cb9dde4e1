"""A partner's profile and bookable slots; placing a hold."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import reflex as rx

from fxorleans.booking import directory, holds, matching
from fxorleans.domain.availability import format_slot, slots_by_local_day
from fxorleans.domain.partners import PartnerProfile
from fxorleans.state.matching import OwnerState

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclasses.dataclass
class SlotChip:
    value: str  # ISO instant in UTC: what the server gets back
    label: str  # "14:00" in the viewer's zone


@dataclasses.dataclass
class DayRow:
    label: str
    slots: list[SlotChip]


@dataclasses.dataclass
class SkillChip:
    name: str
    detail: str


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(value: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return dt.astimezone(UTC) if dt.tzinfo else None


class PartnerState(OwnerState):
    partner_found: bool = False
    p_id: str = ""
    p_name: str = ""
    p_initials: str = ""
    p_title: str = ""
    p_bio: str = ""
    p_location: str = ""
    p_photo: str = ""
    p_industries: list[str] = []
    p_top_skills: list[SkillChip] = []
    p_more_skills: list[SkillChip] = []
    days: list[DayRow] = []
    selected: str = ""
    price_label: str = ""
    request_id: str = ""
    request_problem: str = ""
    book_problem: str = ""
    book_error: str = ""
    booking: bool = False

    @rx.var
    def selected_label(self) -> str:
        dt = _parse_iso(self.selected)
        return format_slot(dt, self.viewer_tz or "UTC") if dt else ""

    @rx.var
    def slot_count(self) -> int:
        return sum(len(d.slots) for d in self.days)

    @rx.event
    def browser_zone(self, tz: str) -> None:
        if self._accept_browser_zone(tz):
            self._load_slots()

    @rx.event
    def choose_zone(self, tz: str) -> None:
        if self._accept_choice(tz):
            self._load_slots()

    def _profile(self) -> PartnerProfile | None:
        p = directory.get_partner(self.p_id)
        return p if p and p.active else None

    def _load_slots(self) -> None:
        profile = self._profile()
        if profile is None:
            self.days = []
            return
        tz = self.viewer_tz or "UTC"
        slots = holds.available_slots(profile)
        self.days = [
            DayRow(f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}",
                   [SlotChip(_iso(s), s.strftime("%H:%M")) for s in local])
            for day, local in slots_by_local_day(slots, tz)
        ]
        offered = {c.value for d in self.days for c in d.slots}
        if self.selected not in offered:
            self.selected = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self._copy(self._user())
        self.book_error, self.booking = "", False
        self.p_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        profile = self._profile()
        self.partner_found = profile is not None
        if profile is None:
            self.days = []
            return None
        self.p_name, self.p_title, self.p_bio = profile.full_name, profile.title, profile.bio
        self.p_initials = (profile.first_name[:1] + profile.last_name[:1]).upper()
        self.p_location, self.p_photo = profile.location, profile.photo_url
        self.p_industries = list(profile.industries)
        chips = [SkillChip(s.name, f"{s.level} · {s.years} years") for s in profile.skills]
        self.p_top_skills, self.p_more_skills = chips[:5], chips[5:]
        self.price_label = holds.price().format()
        params = self.router.url.query_parameters
        self.request_id, self.request_problem = "", ""
        rid = params.get("request", "")
        if rid:
            result = matching.load(rid, self._owners())
            if result is not None:
                self.request_id, self.request_problem = rid, result.problem
        script = self._init_viewer_zone()
        self.selected = params.get("slot", "")
        self._load_slots()
        return script

    @rx.event
    def select(self, value: str) -> None:
        self.selected = value
        self.book_error = ""

    @rx.event
    def set_book_problem(self, value: str) -> None:
        self.book_problem = value[:5200]

    @rx.event
    def start_booking(self) -> None:
        self.booking = True

    def _return_path(self) -> str:
        query = {"slot": self.selected}
        if self.request_id:
            query["request"] = self.request_id
        return f"/partner/{self.p_id}?{urlencode(query)}"

    @rx.event
    def book(self) -> rx.event.EventSpec | None:
        self.booking = False
        user = self._user()
        self._copy(user)
        if not self.selected:
            self.book_error = "Pick a time first."
            return None
        if user is None:
            return rx.redirect(f"/register?next={quote(self._return_path(), safe='')}")
        if user.role != "client":
            self.book_error = "Bookings are made from a client account."
            return None
        start = _parse_iso(self.selected)
        if start is None:
            self.book_error = "That time is not valid. Pick another one."
            return None
        try:
            hold = holds.place_hold(
                client_id=user.id, partner_id=self.p_id, start=start,
                problem=self.request_problem or self.book_problem,
                client_timezone=self.viewer_tz or user.timezone,
                match_request_id=self.request_id or None)
        except holds.SlotUnavailable as exc:
            self.book_error = str(exc)
            self._load_slots()
            return None
        return rx.redirect(f"/book/{hold.booking_id}")
