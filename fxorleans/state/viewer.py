"""The viewer's time zone: the profile's when signed in, else the browser's, changeable."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.event import EventSpec, EventType

from fxorleans.accounts import service as accounts
from fxorleans.domain.availability import valid_timezone
from fxorleans.state.auth import AuthState

COMMON_ZONES = (
    "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
    "America/Toronto", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo",
    "America/Buenos_Aires", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris",
    "Europe/Berlin", "Europe/Madrid", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw",
    "Europe/Athens", "Europe/Istanbul", "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg",
    "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai",
    "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland", "UTC",
)


class ViewerState(AuthState):
    """Shared zone logic. Reflex binds a handler to the class that defines it, so each page
    state defines its own `browser_zone` and `choose_zone` handlers around these helpers."""

    viewer_tz: str = ""
    tz_from_browser: bool = False

    @rx.var
    def zone_choices(self) -> list[str]:
        zones = list(COMMON_ZONES)
        if self.viewer_tz and self.viewer_tz not in zones:
            zones.insert(0, self.viewer_tz)
        return zones

    def _init_viewer_zone(self, on_browser_zone: EventType[str]) -> EventSpec | None:
        """Profile zone for members; otherwise ask the browser, whose answer goes to
        `on_browser_zone` (the page state's own handler, which re-renders)."""
        if self.user_id and self.user_timezone and self.user_timezone != "UTC":
            self.viewer_tz = self.user_timezone
            return None
        if not self.viewer_tz:
            self.viewer_tz = "UTC"
        self.tz_from_browser = False
        return rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone",
                              callback=on_browser_zone)

    def _accept_browser_zone(self, tz: object) -> bool:
        """The browser's zone, once per page view; True if what is shown must change."""
        if not isinstance(tz, str) or not valid_timezone(tz) or self.tz_from_browser:
            return False
        self.tz_from_browser = True
        if tz == self.viewer_tz:
            return False
        self.viewer_tz = tz
        return True

    async def _choose_zone(self, tz: object) -> bool:
        """A zone the viewer picked (call outside `async with self`); members keep it in their
        profile. True if what is shown must change."""
        if not isinstance(tz, str) or not valid_timezone(tz):
            return False
        user = await self._caller()
        if user is not None:
            await asyncio.to_thread(accounts.set_timezone, user.id, tz)
        async with self:
            self.viewer_tz = tz
            self.tz_from_browser = True
            if user is not None and self.user_id == user.id:
                self.user_timezone = tz
        return True
