"""The viewer's time zone: the profile's when signed in, else the browser's, changeable."""

from __future__ import annotations

import reflex as rx

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

    def _init_viewer_zone(self) -> rx.event.EventSpec | None:
        """Profile zone for members; otherwise ask the browser (the callback re-renders)."""
        if self.user_id and self.user_timezone and self.user_timezone != "UTC":
            self.viewer_tz = self.user_timezone
            return None
        if not self.viewer_tz:
            self.viewer_tz = "UTC"
        self.tz_from_browser = False
        return rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone",
                              callback=type(self).browser_zone)

    def _accept_browser_zone(self, tz: object) -> bool:
        """The browser's zone, once per page view; True if what is shown must change."""
        if not isinstance(tz, str) or not valid_timezone(tz) or self.tz_from_browser:
            return False
        self.tz_from_browser = True
        if tz == self.viewer_tz:
            return False
        self.viewer_tz = tz
        return True

    def _accept_choice(self, tz: object) -> bool:
        """A zone the viewer picked; members keep it in their profile."""
        if not isinstance(tz, str) or not valid_timezone(tz):
            return False
        self.viewer_tz = tz
        self.tz_from_browser = True
        if self.user_id:
            accounts.set_timezone(self.user_id, tz)
            self.user_timezone = tz
        return True
